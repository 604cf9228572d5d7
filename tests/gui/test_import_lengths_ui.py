"""An over-long text in the import preview: one error row naming the row, the column and the limit, the
import held back until the household is skipped (issue 19 §3)."""

from __future__ import annotations

from pathlib import Path

from fupin_desktop.db.lengths import max_length
from fupin_desktop.db.models import Household
from fupin_desktop.ui.excel import open_import
from tests.integration.excel_files import NATIONAL_HEADER, household_number, national_rows, write_xlsx


def test_the_preview_lists_the_over_long_address_like_any_row_error(
    qtbot, make_window, data_dir: Path, tmp_path: Path
) -> None:
    limit = max_length(Household, "address") or 0
    rows = [[*row, "清水村一组"] for row in national_rows(2)]
    rows[3][-1] = "清" * (limit + 1)  # household 2's 户主
    path = write_xlsx(tmp_path / "人口.xlsx", rows, header=[*NATIONAL_HEADER, "家庭住址"])
    window = make_window(data_dir)
    wizard = open_import(window, window.ui, path)
    qtbot.addWidget(wizard)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=20_000)

    assert not wizard.import_button.isEnabled()
    assert wizard.tabs.tabText(0).startswith("问题（错误 1")
    shown = [wizard.issues.data(wizard.issues.index(0, c)) for c in range(7)]
    assert shown == [
        "错误",
        "人口信息",
        "5",
        "家庭住址",
        household_number(2),
        "张一2",
        f"“家庭住址”超过 {limit} 个字（现在 {limit + 1} 个字），请缩短后再导入",
    ]
    wizard.skip_bad.setChecked(True)
    qtbot.waitUntil(lambda: wizard.import_button.isEnabled(), timeout=20_000)
    assert "将跳过有错误的 1 户" in wizard.summary_label.text()
