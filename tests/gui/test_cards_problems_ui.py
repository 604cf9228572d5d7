"""The window's 打印明白卡 lists households with data errors first and asks (issue 17 §7)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from fupin_desktop.ui.print_actions import print_cards
from fupin_desktop.ui.printing import PdfPreviewDialog
from tests.test_cards_problems import spoil


def _ids(folder: Path, numbers: list[str]) -> list[int]:
    connection = sqlite3.connect(folder / "fupin.sqlite")
    found = dict(connection.execute("SELECT number, id FROM household").fetchall())
    connection.close()
    return [found[n] for n in numbers]


def _asked(monkeypatch, reply: QMessageBox.StandardButton) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def question(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(f"{title}|{text}")
        return reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return seen


def test_declining_prints_nothing(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    numbers = spoil(demo_dir)
    window = make_window(demo_dir)
    asked = _asked(monkeypatch, QMessageBox.StandardButton.No)
    handle = print_cards(
        window, window.ui, _ids(demo_dir, [numbers["sound"], numbers["no_head"], numbers["two_heads"]])
    )
    assert handle is None
    assert len(asked) == 1
    title, text = asked[0].split("|", 1)
    assert title == "明白卡：数据有误"
    assert "以下 2 户的数据有误" in text
    assert f"{numbers['no_head']}" in text and "没有户主" in text and "有2位户主" in text
    assert numbers["sound"] not in text


def test_confirming_prints_them_all(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    numbers = spoil(demo_dir)
    window = make_window(demo_dir)
    asked = _asked(monkeypatch, QMessageBox.StandardButton.Yes)
    assert print_cards(window, window.ui, _ids(demo_dir, [numbers["no_id"], numbers["sound"]])) is not None
    assert len(asked) == 1 and "1人没有证件号码" in asked[0]

    def preview() -> PdfPreviewDialog | None:
        shown = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()
        ]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: preview() is not None, timeout=20000)
    dialog = preview()
    assert dialog is not None and dialog.page_count == 2
    dialog.close()


def test_a_sound_selection_is_not_asked_about(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    numbers = spoil(demo_dir)
    window = make_window(demo_dir)
    asked = _asked(monkeypatch, QMessageBox.StandardButton.No)
    handle = print_cards(window, window.ui, _ids(demo_dir, [numbers["sound"]]))
    assert handle is not None and asked == []
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, PdfPreviewDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=20000,
    )
    for w in QApplication.topLevelWidgets():
        if isinstance(w, PdfPreviewDialog) and w.isVisible():
            w.close()
