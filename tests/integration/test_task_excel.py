"""整改清单 in Excel: `fupin export tasks` with the 预警 column, and the template's 整改任务 sheet on
import (new tasks in 待整改 with their households and events; no duplicates; errors named by row)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from fupin_desktop.cli import main
from fupin_desktop.db.models import AuditLog, Household, Task
from fupin_desktop.domain.tasks import TaskStatus
from fupin_desktop.excel.layout import TASK_COLUMNS, TASK_IMPORT_COLUMNS
from fupin_desktop.excel.template import template_path
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.importing.front import PlanOptions, import_file
from fupin_desktop.services.ledgers.export import export_ledger
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.rectification.listing import list_tasks, task_detail
from tests.conftest import TODAY


def _import(ctx: ServiceContext, path: Path, *, dry: bool = False):  # type: ignore[no-untyped-def]
    summary, _ = run_job(import_file(ctx, path, PlanOptions(), dry_run_only=dry))
    return summary


def _tasks(ctx: ServiceContext) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(Task)) or 0


def _numbers(ctx: ServiceContext, n: int) -> list[str]:
    with ctx.sessions() as session:
        return list(session.scalars(select(Household.number).order_by(Household.id).limit(n)))


def template_with_tasks(path: Path, rows: list[list[object]], households: list[list[object]] = ()) -> Path:  # type: ignore[assignment]
    book = openpyxl.load_workbook(template_path())
    for row in households:
        book["户"].append(row)
    for row in rows:
        book["整改任务"].append(row)
    book.save(path)
    return path


def task_row(**values: object) -> list[object]:
    """A 整改任务 row in the template's column order."""
    defaults = {
        "t.source": "县级督查",
        "t.category": "住房安全",
        "t.description": "危房未改造",
        "t.deadline": "2026-12-31",
    }
    defaults.update({f"t.{k}": v for k, v in values.items()})
    return [defaults.get(c.field) for c in TASK_IMPORT_COLUMNS]


# ------------------------------------------------------------------ export


def test_the_export_carries_the_colour_and_every_task(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    out = run_job(export_ledger(demo_ctx, "tasks", tmp_path / "整改清单.xlsx")).path
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header = sheet[1]
    assert header == [c.header for c in TASK_COLUMNS]
    assert header[:3] == ["序号", "预警", "状态"]
    body = [dict(zip(header, r, strict=True)) for r in sheet[2:]]
    rows = list_tasks(demo_ctx).rows
    assert [int(r["序号"]) for r in body] == [t.seq for t in rows]
    assert [r["预警"] for r in body] == [t.warning.label for t in rows]
    assert [r["状态"] for r in body] == [t.status.value for t in rows]
    assert {r["预警"].split(" · ")[0] for r in body} == {"红灯", "黄牌", "蓝签", "已销号"}
    linked = next(t for t in rows if t.households)
    numbers = [h.number for h in task_detail(demo_ctx, linked.id).households]
    assert body[rows.index(linked)]["涉及户编号"] == "、".join(numbers)
    closed = next(r for r in body if r["状态"] == "已销号")
    assert closed["完成情况"] and closed["佐证材料"] and closed["销号时间"] and closed["剩余天数"] == ""
    # the 预警 cells are tinted by colour, as the list on screen (openpyxl reads the styles back)
    styled = openpyxl.load_workbook(out).worksheets[0]
    fills = {
        styled.cell(row, 2).value.split(" · ")[0]: styled.cell(row, 2).fill.start_color.rgb
        for row in range(3, styled.max_row + 1)
    }
    assert fills == {"红灯": "FFF6C9C4", "黄牌": "FFFCE4A6", "蓝签": "FFCCE0F6", "已销号": "FFE1E3E5"}
    assert styled.cell(3, 3).fill.fill_type is None  # only the 预警 column


def test_the_exported_list_imports_back_without_duplicates(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    out = run_job(export_ledger(demo_ctx, "tasks", tmp_path / "整改清单.xlsx")).path
    summary = _import(demo_ctx, out, dry=True)
    assert summary.errors == () and summary.tasks_new == 0 and not summary.has_changes
    assert summary.sheets[0].kind == "整改任务" and summary.sheets[0].ignored == ()
    assert len([w for w in summary.warnings if "已有相同的整改任务" in w.message]) == 40


# ------------------------------------------------------------------ import


def test_the_template_has_the_task_sheet() -> None:
    book = openpyxl.load_workbook(template_path())
    assert "整改任务" in book.sheetnames
    assert [c.value for c in book["整改任务"][1]] == [c.header for c in TASK_IMPORT_COLUMNS]
    notes = " ".join(str(c.value) for c in book["说明"]["A"])
    assert "整改任务" in notes


def test_template_rows_become_new_tasks(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    known = _numbers(demo_ctx, 2)
    new_number = "5224251089999001"
    path = template_with_tasks(
        tmp_path / "整改.xlsx",
        [
            task_row(
                households="、".join(known),
                unit="镇乡村振兴办",
                person="王专干",
                measures="纳入改造计划",
                found_on="2026-11-01",
                supervised="是",
            ),
            task_row(
                source="审计", category="资金项目", description="衔接资金支付滞后", households=new_number
            ),
        ],
        households=[[new_number, "云岭县", "清水镇", "清水村", None, None, "清水村1号", None, "一般农户"]],
    )
    before = max(r.seq for r in list_tasks(demo_ctx).rows)
    summary = _import(demo_ctx, path)
    assert summary.errors == (), summary.errors
    assert summary.committed and summary.tasks_new == 2 and summary.households_new == 1
    assert "整改任务：新增 2 项" in summary.headline() and summary.as_json()["tasks_new"] == 2
    rows = [r for r in list_tasks(demo_ctx).rows if r.seq > before]
    assert [r.seq for r in rows] == [before + 1, before + 2]
    first, second = (task_detail(demo_ctx, r.id) for r in rows)
    assert first.row.status is TaskStatus.TODO and first.row.deadline == date(2026, 12, 31)
    assert first.row.found_on == date(2026, 11, 1) and first.row.warning.supervised
    assert (first.row.unit, first.row.person, first.row.measures) == (
        "镇乡村振兴办",
        "王专干",
        "纳入改造计划",
    )
    assert [h.number for h in first.households] == known
    assert [(e.to_status, e.note) for e in first.events] == [("待整改", "由导入文件建立")]
    assert first.events[0].user == "本机管理员(admin)"
    assert [h.number for h in second.households] == [new_number]
    assert second.row.village == "清水村" and second.row.found_on == TODAY
    with demo_ctx.sessions() as session:
        audit = session.scalar(select(AuditLog).where(AuditLog.action == "导入").order_by(AuditLog.id.desc()))
    assert audit is not None and "整改任务：新增 2 项" in audit.summary
    again = _import(demo_ctx, path, dry=True)
    assert again.tasks_new == 0 and any("已有相同的整改任务" in w.message for w in again.warnings)


def test_bad_task_rows_are_named_and_nothing_is_written(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    path = template_with_tasks(
        tmp_path / "错.xlsx",
        [
            task_row(deadline=None),
            task_row(description="户编号不对", households="123456"),
            task_row(description="时限早于发现", deadline="2026-01-01", found_on="2026-03-01"),
            task_row(description=None),
            task_row(description="重复行"),
            task_row(description="重 复 行"),
        ],
    )
    before = _tasks(demo_ctx)
    summary = _import(demo_ctx, path)
    assert not summary.committed and _tasks(demo_ctx) == before
    lines = [e.line() for e in summary.errors]
    assert len(lines) == 4, lines
    assert "第 2 行" in lines[0] and "“整改时限”不能为空" in lines[0]
    assert "第 3 行" in lines[1] and "户编号 123456 不在数据库中" in lines[1]
    assert "第 4 行" in lines[2] and "早于发现时间" in lines[2]
    assert "第 5 行" in lines[3] and "“问题表现”不能为空" in lines[3]
    duplicate = next(w for w in summary.warnings if "第 7 行" in w.line())
    assert "与本表第 6 行相同" in duplicate.message


def test_a_reader_cannot_import_tasks(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    from fupin_desktop.errors import PermissionDenied

    path = template_with_tasks(tmp_path / "t.xlsx", [task_row()])
    with pytest.raises(PermissionDenied):
        _import(demo_ctx.acting_as(Actor("r", "只读", Role.READER)), path)


def test_cli_import_reports_new_tasks(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = template_with_tasks(
        tmp_path / "t.xlsx", [task_row(deadline=(TODAY + timedelta(days=9)).isoformat())]
    )
    assert main(["--data-dir", str(demo_dir), "import", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tasks_new"] == 1
