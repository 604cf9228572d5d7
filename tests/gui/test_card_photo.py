"""扫描照片… in 户籍管理 (issue 17 §10): a phone photo of a posted 明白卡 opened as an image file does what
a USB scanner's code does: the household opens and the window says what changed since the card was
printed, with 重印. A photo without a card's code says so and opens nothing; several cards ask which."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from fupin_desktop.services.printing.card_photo import NO_CODE
from fupin_desktop.ui.households.card_scan import CardStatusDialog
from fupin_desktop.ui.households.editor import HouseholdEditor
from tests.conftest import TODAY
from tests.gui.households_helpers import households_tab
from tests.support.card_photos import photograph


def _households(folder: Path, count: int) -> list[tuple[int, str]]:
    """Households with this year's income and a helper: (id, 户编号)."""
    connection = sqlite3.connect(folder / "fupin.sqlite")
    try:
        return connection.execute(
            "SELECT h.id, h.number FROM household h WHERE NOT h.archived "
            "AND EXISTS (SELECT 1 FROM income_record r WHERE r.household_id = h.id AND r.year = ?) "
            "AND EXISTS (SELECT 1 FROM pairing p WHERE p.household_id = h.id AND p.end_date IS NULL) "
            "ORDER BY h.id LIMIT ?",
            (TODAY.year, count),
        ).fetchall()
    finally:
        connection.close()


def _raise_income(folder: Path, household_id: int) -> None:
    connection = sqlite3.connect(folder / "fupin.sqlite")
    try:
        with connection:
            changed = connection.execute(
                "UPDATE income_item SET amount = amount + 1200 WHERE id = (SELECT min(i.id) FROM income_item i "
                "JOIN income_record r ON r.id = i.record_id WHERE r.household_id = ? AND r.year = ?)",
                (household_id, TODAY.year),
            ).rowcount
        assert changed == 1
    finally:
        connection.close()


class PhotoDialog:
    """What the patched file dialog answers (`photo`; empty: 取消) and the folders it opened in."""

    def __init__(self) -> None:
        self.photo = ""
        self.asked: list[str] = []

    def __call__(self, _parent, _title, folder, _filter, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append(folder)
        return self.photo, ""


@pytest.fixture
def chosen(monkeypatch) -> PhotoDialog:  # type: ignore[no-untyped-def]
    dialog = PhotoDialog()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    return dialog


def _status_dialog() -> CardStatusDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, CardStatusDialog) and w.isVisible()]
    return found[-1] if found else None


def _press_scan_photo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """扫描照片(&S)… next to the search box, from the keyboard: Tab from the search box, then Space (and
    Alt+S is its access key)."""
    filters = households_tab(window).filters
    assert filters.photo_button.shortcut() == QKeySequence("Alt+S")
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    filters.search.setFocus()
    qtbot.waitUntil(filters.search.hasFocus)
    qtbot.keyClick(filters.search, Qt.Key.Key_Tab)
    assert filters.photo_button.hasFocus()
    qtbot.keyClick(filters.photo_button, Qt.Key.Key_Space)


def _close(window, dialog: CardStatusDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.reject()
    editor = households_tab(window).editor
    if editor is not None and editor.isVisible():
        editor.reject()


def test_a_photo_of_a_card_whose_income_changed_opens_it_and_says_so(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, chosen: PhotoDialog
) -> None:  # type: ignore[no-untyped-def]
    ((household_id, number),) = _households(demo_dir, 1)
    chosen.photo = str(photograph(demo_dir, [household_id], tmp_path / "IMG_0001.jpg"))
    _raise_income(demo_dir, household_id)
    window = make_window(demo_dir)
    shown_before = households_tab(window).count.text()

    _press_scan_photo(qtbot, window)
    qtbot.waitUntil(lambda: _status_dialog() is not None)
    dialog = _status_dialog()
    assert dialog is not None
    editor = households_tab(window).editor
    assert isinstance(editor, HouseholdEditor) and editor.isVisible()
    assert editor.draft.record.id == household_id  # the photographed household is open
    text = dialog.text.text()
    assert number in text and "打印于2026年11月23日" in text
    assert "打印后以下内容已有变化：收入。请重印并更换张贴的卡。" in text
    assert "帮扶责任人" not in text and "是最新的" not in text
    assert dialog.reprint_button.isDefault()  # Enter reprints
    assert households_tab(window).count.text() == shown_before  # the table keeps its search
    _close(window, dialog)


def test_the_next_photo_starts_in_the_folder_of_the_last(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, chosen: PhotoDialog
) -> None:  # type: ignore[no-untyped-def]
    ((household_id, _number),) = _households(demo_dir, 1)
    folder = tmp_path / "手机照片"
    folder.mkdir()
    chosen.photo = str(photograph(demo_dir, [household_id], folder / "IMG_0001.jpg"))
    window = make_window(demo_dir)
    tab = households_tab(window)
    tab.filters.photo_button.click()
    dialog = _status_dialog()
    assert dialog is not None and "是最新的" in dialog.text.text()
    _close(window, dialog)
    tab.filters.photo_button.click()
    assert chosen.asked[-1] == str(folder)
    _close(window, _status_dialog())


def test_a_photo_without_a_card_code_says_so_and_opens_nothing(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, chosen: PhotoDialog, answers
) -> None:  # type: ignore[no-untyped-def]
    ((household_id, _number),) = _households(demo_dir, 1)
    chosen.photo = str(photograph(demo_dir, [household_id], tmp_path / "IMG_0003.jpg", qr=False))
    window = make_window(demo_dir)
    _press_scan_photo(qtbot, window)
    assert answers == [("明白卡照片", NO_CODE)]
    assert households_tab(window).editor is None
    assert _status_dialog() is None


def test_cancelling_the_file_dialog_does_nothing(
    qtbot, make_window, demo_dir: Path, chosen: PhotoDialog, answers
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    assert households_tab(window).scan_card_photo() is None
    assert answers == [] and households_tab(window).editor is None


def test_two_cards_on_one_photo_ask_which(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, chosen: PhotoDialog, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    (first, a), (second, b) = _households(demo_dir, 2)
    chosen.photo = str(photograph(demo_dir, [first, second], tmp_path / "wall.jpg"))
    offered: list[tuple[str, list[str]]] = []

    def pick(_parent, _title, label, items, *args, **kwargs):  # type: ignore[no-untyped-def]
        offered.append((label, list(items)))
        return items[1], True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    window = make_window(demo_dir)
    households_tab(window).filters.photo_button.click()
    assert offered == [
        (
            "照片里有 2 张明白卡的二维码（从上到下、从左到右）。选一张查看：",
            [f"1. 户编号 {a}（2026年11月23日打印）", f"2. 户编号 {b}（2026年11月23日打印）"],
        )
    ]
    dialog = _status_dialog()
    assert dialog is not None and b in dialog.text.text()
    assert households_tab(window).editor.draft.record.id == second
    _close(window, dialog)
