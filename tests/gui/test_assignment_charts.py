"""挂图作战 → 图表 is drawn in the background: the window answers while a village's charts are drawn,
"正在绘制…" shows meanwhile, the newest choice wins, and a resized page is redrawn at its new size."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTabWidget

from fupin_desktop.reports import charts
from fupin_desktop.services.assignments.board import board_charts
from fupin_desktop.services.register.areas import villages
from fupin_desktop.ui.assignments.charts_page import ChartsPage


@pytest.fixture
def window(make_window, demo_dir: Path):  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.resize(1360, 860)
    window.show()
    return window


@pytest.fixture
def page(qtbot, window) -> ChartsPage:  # type: ignore[no-untyped-def]
    page = ChartsPage(window.ui.runner)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def _painted_colours(view) -> int:  # type: ignore[no-untyped-def]
    image = view.grab().toImage()
    return len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)})


def test_the_charts_are_drawn_outside_the_gui_thread(qtbot, page: ChartsPage, monkeypatch, window) -> None:  # type: ignore[no-untyped-def]
    threads: list[threading.Thread] = []
    original = charts.category_chart

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(charts, "category_chart", recording)
    ctx = window.ui.ctx
    page.load(lambda: board_charts(ctx, None))
    qtbot.waitUntil(lambda: page.chart_set is not None, timeout=30_000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert page.chart_set.scope == "清水镇"  # the demo township
    for name, view in page.canvases.items():
        assert _painted_colours(view) > 3, name  # a chart, not a blank box


def test_the_window_answers_while_a_village_is_drawn(qtbot, page: ChartsPage, window) -> None:  # type: ignore[no-untyped-def]
    ctx = window.ui.ctx
    village = villages(ctx)[2]
    release = threading.Event()

    def slow_read():  # type: ignore[no-untyped-def]
        release.wait(30)
        return board_charts(ctx, village.id)

    page.load(slow_read)
    # the worker is held: the GUI thread still runs, and every chart says it is on its way
    tabs = window.findChild(QTabWidget, "mainTabs")
    tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: tabs.currentIndex() == 2)
    assert page.drawing and all(view.pending for view in page.canvases.values())
    assert page.chart_set is None
    release.set()
    qtbot.waitUntil(lambda: not page.drawing, timeout=30_000)
    assert page.chart_set.scope == village.name
    assert not any(view.pending for view in page.canvases.values())


def test_the_newest_choice_wins(qtbot, page: ChartsPage, window) -> None:  # type: ignore[no-untyped-def]
    ctx = window.ui.ctx
    first, second = villages(ctx)[:2]
    release = threading.Event()

    def held():  # type: ignore[no-untyped-def]
        release.wait(30)
        return board_charts(ctx, first.id)

    page.load(held)
    page.load(lambda: board_charts(ctx, second.id))  # chosen before the first was drawn
    release.set()
    qtbot.waitUntil(lambda: not page.drawing, timeout=30_000)
    assert page.chart_set.scope == second.name  # the first one's figures never reach the screen


def test_a_resized_page_is_redrawn_at_its_new_size(qtbot, page: ChartsPage, window) -> None:  # type: ignore[no-untyped-def]
    ctx = window.ui.ctx
    page.load(lambda: board_charts(ctx, None))
    qtbot.waitUntil(lambda: page.chart_set is not None and not page.drawing, timeout=30_000)
    before = page.canvases["loads"].image.size()
    page.resize(900, 560)
    qtbot.waitUntil(
        lambda: not page.drawing and page.canvases["loads"].image.size() != before, timeout=30_000
    )
    view = page.canvases["loads"]
    ratio = view.image.devicePixelRatio()
    assert abs(view.image.width() / ratio - view.width()) <= 1
    assert abs(view.image.height() / ratio - view.height()) <= 1


def test_a_village_switch_frees_the_last_charts_and_freezes_nothing(qtbot, page: ChartsPage, window) -> None:  # type: ignore[no-untyped-def]
    """The objects alive when the page is made are kept out of the collector's full passes (which
    would stall the window while a chart is drawn); what a switch clears is still freed."""
    ctx = window.ui.ctx
    frozen = gc.get_freeze_count()
    assert frozen > 0  # matplotlib and the window, exempt from the full passes

    def draw(village: int | None) -> None:
        page.load(lambda: board_charts(ctx, village))
        qtbot.waitUntil(lambda: page.chart_set is not None and not page.drawing, timeout=30_000)

    draw(None)
    drawn = weakref.ref(page.figure("categories").axes[0])
    draw(villages(ctx)[0].id)
    gc.collect()
    assert drawn() is None  # the township's chart, cleared by the switch, is gone
    assert gc.get_freeze_count() == frozen
