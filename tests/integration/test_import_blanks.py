"""Issue 20 §3: a formula cell without a saved result is a row error naming the cell, and a blank cell
never erases a stored value unless the clerk chooses 用文件中的空白清除 (--clear-blanks)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from fupin_desktop.cli import main
from fupin_desktop.db.models import AuditLog, Household
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.importing.front import PlanOptions, import_file
from fupin_desktop.services.progress import run_job
from tests.integration.excel_files import (
    NATIONAL_HEADER,
    fingerprint,
    household_number,
    national_rows,
    write_xlsx,
)

PHONE = NATIONAL_HEADER.index("户联系电话")


def _phones(ctx: ServiceContext) -> dict[str, str | None]:
    with ctx.sessions() as session:
        return dict(session.execute(select(Household.number, Household.phone)).all())


def _imported(ctx: ServiceContext, tmp_path: Path) -> dict[str, str | None]:
    summary, _ = run_job(import_file(ctx, write_xlsx(tmp_path / "首次.xlsx", national_rows(2))))
    assert summary.committed
    return _phones(ctx)


def _without_phone(tmp_path: Path) -> Path:
    rows = [list(r) for r in national_rows(2)]
    for row in rows[:3]:  # household 1: every row leaves 户联系电话 blank
        row[PHONE] = None
    return write_xlsx(tmp_path / "空白电话.xlsx", rows)


def test_a_blank_phone_leaves_the_stored_phone_unchanged_by_default(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    before = _imported(ctx, tmp_path)
    summary, _ = run_job(import_file(ctx, _without_phone(tmp_path)))
    assert _phones(ctx) == before and before[household_number(1)] == "13800000001"
    assert not summary.changes and not summary.has_changes


def test_a_blank_phone_clears_the_stored_phone_when_the_clerk_chooses_so(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    _imported(ctx, tmp_path)
    summary, _ = run_job(import_file(ctx, _without_phone(tmp_path), PlanOptions(clear_blanks=True)))
    assert summary.committed and summary.households_updated == 1
    assert _phones(ctx)[household_number(1)] is None
    assert _phones(ctx)[household_number(2)] == "13800000002"
    # the preview's list and the audit row say which field of which household changed, old → new
    assert [(c.household, c.field, c.old, c.new) for c in summary.changes] == [
        (household_number(1), "户联系电话", "13800000001", None)
    ]
    with ctx.sessions() as session:
        row = session.scalars(
            select(AuditLog).where(AuditLog.action == "导入").order_by(AuditLog.id.desc())
        ).first()
    after = json.loads(row.after) if isinstance(row.after, str) else row.after
    assert after["clear_blanks"] is True and after["changes_total"] == 1
    assert after["changes"] == [
        {
            "household": household_number(1),
            "member": "",
            "field": "户联系电话",
            "old": "13800000001",
            "new": "（空）",
        }
    ]


def test_clear_blanks_on_the_command_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["--data-dir", str(data_dir), "import", str(write_xlsx(tmp_path / "a.xlsx", national_rows(2)))])
        == 0
    )
    path = _without_phone(tmp_path)
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "import", str(path), "--dry-run"]) == 0
    assert "户：新增 0，更新 0" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "import", str(path), "--clear-blanks"]) == 0
    out = capsys.readouterr().out
    assert f"变更：户 {household_number(1)}：户联系电话 13800000001 → （空）" in out and "更新 1" in out


def _formula_phones(tmp_path: Path) -> Path:
    """What a script writes with openpyxl: formulas stored without a calculated result."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "人口信息"
    sheet.append(NATIONAL_HEADER)
    for row in national_rows(2):
        row = list(row)
        row[PHONE] = f'=""&"177{row[PHONE][3:]}"'
        sheet.append(row)
    path = tmp_path / "公式电话.xlsx"
    book.save(path)
    return path


def test_formula_cells_without_results_are_row_errors_naming_the_cell(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["--data-dir", str(data_dir), "import", str(write_xlsx(tmp_path / "a.xlsx", national_rows(2)))])
        == 0
    )
    before = fingerprint(data_dir)
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), "import", str(_formula_phones(tmp_path))])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    letter = chr(ord("A") + PHONE)
    assert "第 2 行，“户联系电话”列" in err
    assert f"单元格 {letter}2 是公式但没有保存计算结果，请在 Excel 中打开并保存后再导入" in err
    assert f"单元格 {letter}7 是公式" in err and err.count("是公式但没有保存计算结果") == 6
    assert "未导入任何数据" in err
    assert fingerprint(data_dir) == before
