"""卡、机一致: a card is printed with its QR code, the household changes, and a USB scanner "types" the
code into the 户籍管理 search box: the household opens and the window says which sections changed."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.reports import cards as card_layout
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.printing.cards import cards_job
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings, save_settings
from fupin_desktop.ui.households.card_scan import CardStatusDialog
from fupin_desktop.ui.households.editor import HouseholdEditor
from fupin_desktop.ui.printing import PdfPreviewDialog
from tests.conftest import TODAY
from tests.gui.households_helpers import households_tab, one


def _change(folder: Path, query: str, *params: object) -> None:
    connection = sqlite3.connect(folder / "fupin.sqlite")
    try:
        with connection:
            assert connection.execute(query, params).rowcount >= 1
    finally:
        connection.close()


@pytest.fixture
def printed(demo_dir: Path, tmp_path: Path, monkeypatch) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """A household with this year's income and a helper, its card printed with the QR code on:
    (household id, 户编号, the text its printed QR code holds)."""
    household_id, number = (
        sqlite3.connect(demo_dir / "fupin.sqlite")
        .execute(
            "SELECT h.id, h.number FROM household h JOIN income_record r ON r.household_id = h.id "
            "JOIN pairing p ON p.household_id = h.id AND p.end_date IS NULL "
            "WHERE r.year = ? AND NOT h.archived ORDER BY h.id LIMIT 1",
            (TODAY.year,),
        )
        .fetchone()
    )
    ctx = ServiceContext(db=open_database(DataPaths(demo_dir)), actor=LOCAL_ADMIN, today=lambda: TODAY)
    save_settings(ctx, replace(get_settings(ctx), card_qr=True))
    drawn: list[str] = []
    original = card_layout.qr_code

    def spy(value: str, size: float):  # type: ignore[no-untyped-def]
        drawn.append(value)  # what the printed code holds, read where the card draws it
        return original(value, size)

    monkeypatch.setattr(card_layout, "qr_code", spy)
    run_job(cards_job(ctx, [household_id], tmp_path / "card.pdf"))
    ctx.db.dispose()
    assert len(drawn) == 1 and drawn[0].startswith(f"FPMBK1|{number}|20261123|")
    return household_id, number, drawn[0]


def _scan(qtbot, window, text: str) -> CardStatusDialog:  # type: ignore[no-untyped-def]
    tab = households_tab(window)
    search = tab.filters.search
    shown_before = tab.count.text()
    search.setFocus()
    qtbot.keyClicks(search, text)  # a USB scanner types the code as keys …
    qtbot.keyClick(search, Qt.Key.Key_Return)  # … and ends with Enter
    assert search.text() == ""  # ready for the next card
    assert tab.count.text() == shown_before  # the code was not taken for a search
    qtbot.waitUntil(lambda: _status_dialog() is not None)
    dialog = _status_dialog()
    assert dialog is not None
    return dialog


def _status_dialog() -> CardStatusDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, CardStatusDialog) and w.isVisible()]
    return found[-1] if found else None


def _close(tab_window, dialog: CardStatusDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.reject()
    editor = households_tab(tab_window).editor
    if editor is not None and editor.isVisible():
        editor.reject()


def test_a_card_scanned_unchanged_is_current(qtbot, make_window, demo_dir: Path, printed) -> None:  # type: ignore[no-untyped-def]
    household_id, number, code = printed
    window = make_window(demo_dir)
    dialog = _scan(qtbot, window, code)
    editor = households_tab(window).editor
    assert isinstance(editor, HouseholdEditor) and editor.isVisible()
    assert editor.draft.record.id == household_id  # the scanned household is open
    text = dialog.text.text()
    assert number in text and "2026年11月23日" in text
    assert "是最新的" in text and "变化" not in text
    _close(window, dialog)


def test_changed_income_is_named_and_nothing_else(qtbot, make_window, demo_dir: Path, printed) -> None:  # type: ignore[no-untyped-def]
    household_id, _number, code = printed
    _change(
        demo_dir,
        "UPDATE income_item SET amount = amount + 1200 WHERE id = (SELECT min(i.id) FROM income_item i "
        "JOIN income_record r ON r.id = i.record_id WHERE r.household_id = ? AND r.year = ?)",
        household_id,
        TODAY.year,
    )
    window = make_window(demo_dir)
    text = _scan(qtbot, window, code).text.text()
    assert "打印后以下内容已有变化：收入。" in text
    assert "帮扶责任人" not in text and "家庭成员" not in text and "是最新的" not in text
    _close(window, _status_dialog())


def test_changed_helper_is_named_and_reprint_prints_this_household(
    qtbot, make_window, demo_dir: Path, printed
) -> None:  # type: ignore[no-untyped-def]
    household_id, number, code = printed
    _change(
        demo_dir,
        "UPDATE helper SET phone = '13900001111' WHERE id = "
        "(SELECT helper_id FROM pairing WHERE household_id = ? AND end_date IS NULL)",
        household_id,
    )
    window = make_window(demo_dir)
    dialog = _scan(qtbot, window, code)
    assert "打印后以下内容已有变化：帮扶责任人。" in dialog.text.text()
    assert dialog.reprint_button.isDefault()
    dialog.reprint_button.click()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, PdfPreviewDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=20000,
    )
    preview = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()
    )
    reader = PdfReader(preview.pdf_path)
    assert len(reader.pages) == 1
    assert number in reader.pages[0].extract_text()
    assert "13900001111" in reader.pages[0].extract_text()  # the reprint is today's card
    preview.close()
    households_tab(window).editor.reject()
    assert one(demo_dir, "SELECT count(*) FROM audit_log WHERE summary LIKE '打印明白卡 1 户%'") == 2


def test_a_code_of_another_database_or_a_broken_scan_says_so(
    qtbot, make_window, demo_dir: Path, answers
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    tab = households_tab(window)
    tab.filters.search.setFocus()
    qtbot.keyClicks(tab.filters.search, "FPMBK1|99999999999999999|20261123|i000000|m000000|h000000|p000000")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    qtbot.keyClicks(tab.filters.search, "FPMBK1|5224251080|2026")  # cut short
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    assert [title for title, _ in answers] == ["明白卡二维码", "明白卡二维码"]
    assert "找不到户编号 99999999999999999" in answers[0][1]
    assert "无法识别这个二维码" in answers[1][1]
    assert tab.editor is None or not tab.editor.isVisible()
