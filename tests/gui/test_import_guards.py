"""Issue 20 §2 and §3 in the import wizard: a bomb workbook's message is shown (the window survives),
and 用文件中的空白清除 lists the cleared field before anything is written."""

from __future__ import annotations

from pathlib import Path

from fupin_desktop.services.importing.front import import_file
from fupin_desktop.services.progress import run_job
from fupin_desktop.ui.excel import import_wizard, open_import
from tests.integration.excel_files import (
    NATIONAL_HEADER,
    fingerprint,
    household_number,
    national_rows,
    write_xlsx,
)
from tests.integration.test_import_bombs import _book, _cell, _rows, _sheet_xml


def test_a_bomb_workbook_gets_its_message_in_the_wizard(
    qtbot, make_window, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    window = make_window(data_dir)
    before = fingerprint(data_dir)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        import_wizard, "show_error", lambda parent, exc, title="": shown.append((title, str(exc)))
    )
    path = _book(
        tmp_path / "长文字.xlsx", _sheet_xml(_rows(), f'<row r="9">{_cell("A9", "字" * 1_200_000)}</row>')
    )
    wizard = open_import(window, window.ui, path)
    qtbot.addWidget(wizard)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    title, message = shown[0]
    assert title == "无法导入" and "工作表“人口信息”中有一个单元格的内容超过" in message
    assert wizard.pages.currentIndex() == 0  # still on 选择文件, the window and its edits intact
    assert fingerprint(data_dir) == before


def test_clear_blanks_in_the_preview_lists_the_cleared_phone(
    qtbot, make_window, data_dir: Path, tmp_path: Path
) -> None:
    window = make_window(data_dir)
    run_job(import_file(window.ui.ctx, write_xlsx(tmp_path / "首次.xlsx", national_rows(2))))
    rows = [list(r) for r in national_rows(2)]
    for row in rows[:3]:
        row[NATIONAL_HEADER.index("户联系电话")] = None
    wizard = open_import(window, window.ui, write_xlsx(tmp_path / "空白.xlsx", rows))
    qtbot.addWidget(wizard)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=20_000)
    assert wizard.changes.rowCount() == 0 and not wizard.import_button.isEnabled()
    wizard.clear_blanks.setChecked(True)
    qtbot.waitUntil(lambda: wizard.changes.rowCount() == 1, timeout=20_000)
    row = [wizard.changes.data(wizard.changes.index(0, c)) for c in range(5)]
    assert row == [household_number(1), "", "户联系电话", "13800000001", "（空）"]
    assert wizard.tabs.tabText(1) == "将要修改的内容（1）" and wizard.import_button.isEnabled()
