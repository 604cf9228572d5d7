"""挂图作战 and Excel (issue 4's services): `fupin export pairings` writes the 结对帮扶表 (helper, 单位,
职务, 电话, 户主 with 村/组), following reassignments; helpers and pairings come in through the import
template's 帮扶责任人 and 结对 sheets, with the pairing history kept."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from fupin_desktop.cli import main
from fupin_desktop.services.assignments.helpers import HelperFilter, HelperInput, create_helper, list_helpers
from fupin_desktop.services.assignments.pairings import (
    HouseholdFilter,
    assign_households,
    find_households,
    pairing_history,
)
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.importing.front import import_file
from fupin_desktop.services.ledgers.export import export_ledger
from fupin_desktop.services.progress import run_job

HEADER = [
    "序号",
    "行政村",
    "自然村(组)",
    "户编号",
    "户主姓名",
    "帮扶责任人",
    "单位",
    "职务",
    "联系电话",
    "结对日期",
]


def _rows(path: Path) -> list[list[object]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("结对帮扶表").to_python()
    start = next(n for n, row in enumerate(rows) if row[:2] == HEADER[:2])
    assert rows[start] == HEADER
    return rows[start + 1 :]


def test_export_pairings_is_the_pairing_table(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    paired = [h for h in find_households(demo_ctx) if h.helper_id is not None]
    household = paired[3]
    helper = create_helper(
        demo_ctx, HelperInput(name="周新春", unit="县农业农村局", title="科员", phone="13812345678")
    )
    assign_households(demo_ctx, helper.id, [household.id])
    result = run_job(export_ledger(demo_ctx, "pairings", tmp_path / "结对帮扶表.xlsx"))
    rows = _rows(result.path)
    assert len(rows) == len(paired) == result.rows
    row = next(r for r in rows if r[3] == household.number)
    assert row[1:9] == [
        household.village,
        household.group,
        household.number,
        household.head,
        "周新春",
        "县农业农村局",
        "科员",
        "13812345678",
    ]


def test_fupin_export_pairings(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pairings.xlsx"
    assert main(["--data-dir", str(demo_dir), "export", "pairings", "-o", str(out)]) == 0
    assert "结对帮扶表" in capsys.readouterr().out
    assert len(_rows(out)) > 500


def test_template_helpers_and_pairings_import_with_history(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    from fupin_desktop.excel.template import template_path

    household = next(h for h in find_households(demo_ctx) if h.helper_id is not None)
    unpaired = find_households(demo_ctx, HouseholdFilter(unpaired_only=True))[0]
    book = openpyxl.load_workbook(template_path())
    book["帮扶责任人"].append(
        [
            "吴帮扶",
            "女",
            "中共党员",
            "县民政局",
            "县直",
            "股长",
            "13700002222",
            "帮扶责任人",
            household.village,
        ]
    )
    book["结对"].append([household.number, None, "吴帮扶", "县民政局", "股长", "13700002222", "2026-11-01"])
    book["结对"].append([unpaired.number, None, "吴帮扶", "县民政局", "股长", "13700002222", "2026-11-01"])
    path = tmp_path / "帮扶责任人.xlsx"
    book.save(path)
    summary, _ = run_job(import_file(demo_ctx, path))
    assert summary.errors == () and summary.helpers_new == 1
    helper = list_helpers(demo_ctx, HelperFilter(search="13700002222"))[0]
    assert (helper.name, helper.unit, helper.load, helper.village) == (
        "吴帮扶",
        "县民政局",
        2,
        household.village,
    )
    history = pairing_history(demo_ctx, household.id)
    assert history[0].helper_id == helper.id and history[0].current
    assert history[1].helper_id == household.helper_id and history[1].end_date is not None
    assert find_households(demo_ctx, HouseholdFilter(ids=(unpaired.id,)))[0].helper == "吴帮扶"
