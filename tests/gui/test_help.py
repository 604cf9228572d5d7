"""帮助 → 使用说明 (issue 16 §7): F1 on each tab opens the guide at that tab's section, in one window that
is not modal and closes with Esc; every screenshot in it is found on this computer, nothing is fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument, QTextImageFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fupin_desktop.ui import main_window
from fupin_desktop.ui.help import SECTIONS, HelpWindow

HEADINGS = {
    "householdsTab": "户籍管理",
    "assignmentsTab": "挂图作战",
    "rectificationTab": "整改清单",
    "checksTab": "数据核查",
}


@pytest.fixture
def window(make_window, demo_dir: Path):  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.show()
    return window


def press_f1(qtbot, window) -> HelpWindow:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    help_window = window.findChild(HelpWindow)
    assert help_window is not None and help_window.isVisible()
    return help_window


def settle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Let the checks the 数据核查 tab starts on first show finish before the window is closed."""
    qtbot.waitUntil(lambda: not window.ui.runner.busy, timeout=120_000)


def heading_at_top(help_window: HelpWindow) -> str:
    """The text of the heading whose section the clerk sees at the top of the guide."""
    anchor = help_window.current_section()
    return next(h.title for h in help_window.headings if h.anchor == anchor)


@pytest.mark.parametrize("key", [key for key, _title, _factory in main_window.TABS])
def test_f1_opens_the_guide_at_the_section_of_the_tab(qtbot, window, key: str) -> None:  # type: ignore[no-untyped-def]
    window.show_tab(key)
    help_window = press_f1(qtbot, window)
    qtbot.waitUntil(lambda: heading_at_top(help_window) == HEADINGS[key])
    assert help_window.current_section() == SECTIONS[key]
    assert help_window.contents.currentItem().text() == HEADINGS[key]
    assert not help_window.isModal() and window.isEnabled()
    settle(qtbot, window)


def test_one_help_window_follows_the_tabs_and_esc_closes_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    first = press_f1(qtbot, window)
    window.show_tab("rectificationTab")
    again = press_f1(qtbot, window)
    assert again is first and len(window.findChildren(HelpWindow)) == 1
    assert window.screen().availableGeometry().contains(again.geometry())  # fits the screen
    qtbot.waitUntil(lambda: heading_at_top(again) == "整改清单")
    assert (
        window.help_action.text() == "使用说明(&U)" and window.help_action in window.menus["help"].actions()
    )
    settle(qtbot, window)
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    QTest.keyClick(again.browser, Qt.Key.Key_Escape)
    assert not again.isVisible()


def test_the_contents_go_to_a_section(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    help_window = press_f1(qtbot, window)
    contents = help_window.contents
    row = next(i for i in range(contents.count()) if contents.item(i).text() == "会议简报")
    contents.setCurrentRow(row)
    qtbot.waitUntil(lambda: heading_at_top(help_window) == "会议简报")


def test_ctrl_f_finds_text_in_the_guide(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    help_window = press_f1(qtbot, window)
    help_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is help_window)
    QTest.keyClick(help_window.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert help_window.find_edit.hasFocus()
    QTest.keyClicks(help_window.find_edit, "Ctrl+Shift+W")
    QTest.keyClick(help_window.find_edit, Qt.Key.Key_Return)
    assert help_window.browser.textCursor().selectedText() == "Ctrl+Shift+W"
    help_window.find_edit.setText("没有这句话的说明")
    QTest.keyClick(help_window.find_edit, Qt.Key.Key_Return)
    assert help_window.find_status.text() == "找不到“没有这句话的说明”"


def test_every_picture_is_found_and_nothing_is_online(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    help_window = press_f1(qtbot, window)
    document = help_window.browser.document()
    images, links = [], []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                images.append(QTextImageFormat(fmt).name())
            if fmt.isAnchor() and fmt.anchorHref():
                links.append(fmt.anchorHref())
            it += 1
        block = block.next()
    assert len(images) >= 25 and "households_table.png" in images
    kind = QTextDocument.ResourceType.ImageResource.value
    loaded = {name: help_window.browser.loadResource(kind, QUrl(name)) for name in images}
    assert [name for name, image in loaded.items() if image.isNull()] == []
    shown = {name: document.resource(kind, QUrl(name)) for name in images}  # what the text lays out
    assert [name for name, image in shown.items() if image is None or image.isNull()] == []
    # nothing the guide would have to fetch: pictures are files beside it, links go to its own sections
    assert all(QUrl(name).isRelative() and "/" not in name for name in images)
    assert all(link.startswith("#") for link in links)
