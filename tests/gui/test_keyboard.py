"""Access letters (issue 16 §6): every menu entry of the main window has an Alt letter of its own in its
menu; in each tab (each of its pages) and in each dialog no two buttons or labelled fields share one,
and a tab's letters leave the menu bar's (文件 F, 打印 P, 帮助 H) alone."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QTabWidget, QWidget

from fupin_desktop.ui import main_window
from tests.gui.test_enter_key import DIALOGS
from tests.gui.test_enter_key import window as window  # the fixture: message boxes answered at once

_LETTER = re.compile(r"&([^&])")


def letter(text: str) -> str | None:
    """The access letter of a menu or button text (`&&` is a literal ampersand)."""
    found = _LETTER.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def menu_entries(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator() and a.text()]


def shared(texts: list[str]) -> dict[str, list[str]]:
    """Letters used more than once, with the texts using them."""
    counts = Counter(letter(t) for t in texts if letter(t))
    return {k: [t for t in texts if letter(t) == k] for k, n in counts.items() if n > 1}


def visible_keyed_texts(root: QWidget) -> list[str]:
    """Texts of the buttons and of the labels of fields (buddies) a clerk can reach with Alt now."""
    buttons = [b.text() for b in root.findChildren(QAbstractButton) if b.text() and b.isVisible()]
    labels = [
        label.text()
        for label in root.findChildren(QLabel)
        if label.buddy() is not None and label.isVisible() and letter(label.text())
    ]
    return buttons + labels


def page_states(tab: QWidget):  # type: ignore[no-untyped-def]
    """Yield once per page of each page-switching QTabWidget inside `tab` (and once as it opens)."""
    yield "as opened"
    for pages in tab.findChildren(QTabWidget):
        for index in range(pages.count()):
            pages.setCurrentIndex(index)
            yield pages.tabText(index)


def test_every_menu_entry_has_a_letter_of_its_own(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for key, _title, _factory in main_window.TABS:
        window.tab(key)  # every tab built: some add entries of their own
    bar = [a.text() for a in window.menuBar().actions()]
    assert [letter(t) for t in bar] == ["F", "P", "H"] and not shared(bar)
    menus = [(a.text(), a.menu()) for a in window.menuBar().actions()]
    while menus:
        title, menu = menus.pop()
        texts = menu_entries(menu)
        assert texts, title
        assert [t for t in texts if letter(t) is None] == [], f"{title}：没有访问字母"
        assert shared(texts) == {}, f"{title}：字母重复"
        menus += [(a.text(), a.menu()) for a in menu.actions() if a.menu() is not None]
    assert "导入 Excel(&I)…" in menu_entries(window.menus["file"])
    assert "设置(&S)…" in menu_entries(window.menus["file"])


@pytest.mark.parametrize("key", [key for key, _title, _factory in main_window.TABS])
def test_no_two_buttons_of_a_tab_share_a_letter(qtbot, window, key: str) -> None:  # type: ignore[no-untyped-def]
    window.show()
    tab = window.show_tab(key)
    bar = {letter(a.text()) for a in window.menuBar().actions()}
    for state in page_states(tab):
        texts = visible_keyed_texts(tab)
        assert shared(texts) == {}, f"{key}（{state}）"
        assert {letter(t) for t in texts} & bar == set(), f"{key}（{state}）用了菜单栏的字母"
    qtbot.waitUntil(lambda: not window.ui.runner.busy, timeout=120_000)  # 数据核查 checks on first show


def test_the_two_alt_s_of_the_assignments_tab_are_one(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show()
    tab = window.show_tab("assignmentsTab")
    alt_s = [b.text() for b in tab.findChildren(QAbstractButton) if b.isVisible() and letter(b.text()) == "S"]
    assert alt_s == ["为未结对户分配(&S)…"]


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_no_two_buttons_of_a_dialog_share_a_letter(qtbot, window, demo_dir: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    dialog = DIALOGS[name](window)
    qtbot.addWidget(dialog)
    dialog.show()
    for state in page_states(dialog):
        assert shared(visible_keyed_texts(dialog)) == {}, f"{name}（{state}）"
    dialog.reject()
