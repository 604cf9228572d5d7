"""Texts longer than their columns (issue 19 §3): a row error naming the row, the column as the file heads
it and the limit — never a PostgreSQL server refusing the whole import, never a text SQLite keeps
whole. The same outcome on both backends (`ctx` runs on each)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from fupin_desktop.db.lengths import max_length
from fupin_desktop.db.models import Helper, Household, Member, Task
from fupin_desktop.excel.template import template_path
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.importing.front import PlanOptions, import_file
from fupin_desktop.services.progress import run_job
from tests.integration.excel_files import NATIONAL_HEADER, household_number, national_rows, write_xlsx

ADDRESS = max_length(Household, "address") or 0


def _import(ctx: ServiceContext, path: Path, *, dry: bool = False, **options: bool):  # type: ignore[no-untyped-def]
    summary, _ = run_job(import_file(ctx, path, PlanOptions(**options), dry_run_only=dry))
    return summary


def _count(ctx: ServiceContext, model: type) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _with_addresses(tmp_path: Path, long_in: int | None, *, street: str = "组") -> Path:
    """Three households of three people with a 家庭住址 column; household `long_in`'s 户主 row has an
    address one character longer than the column holds."""
    rows = [[*row, f"清水村{i // 3 + 1}{street}"] for i, row in enumerate(national_rows(3))]
    if long_in is not None:
        rows[(long_in - 1) * 3][-1] = "清" * (ADDRESS + 1)
    return write_xlsx(tmp_path / f"人口{long_in}.xlsx", rows, header=[*NATIONAL_HEADER, "家庭住址"])


def test_an_over_long_address_is_a_row_error_and_the_other_households_import(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    path = _with_addresses(tmp_path, long_in=2)

    preview = _import(ctx, path, dry=True)
    assert [(i.row, i.column, i.household, i.message) for i in preview.errors] == [
        (
            5,  # the header is row 1; household 2's 户主 is the fourth data row
            "家庭住址",
            household_number(2),
            f"“家庭住址”超过 {ADDRESS} 个字（现在 {ADDRESS + 1} 个字），请缩短后再导入",
        )
    ]
    assert preview.errors[0].line().startswith("工作表“人口信息”，第 5 行，“家庭住址”列，V列，")

    blocked = _import(ctx, path)  # an error blocks the import, as every other row error does
    assert blocked.blocked and not blocked.committed and _count(ctx, Household) == 0

    summary = _import(ctx, path, skip_bad_households=True)
    assert summary.committed and summary.skipped_households == (household_number(2),)
    assert (summary.households_new, summary.members_new) == (2, 6)
    with ctx.sessions() as session:
        stored = dict(session.execute(select(Household.number, Household.address)).all())
        members = session.scalar(select(func.count()).select_from(Member))
    assert stored == {household_number(1): "清水村1组", household_number(3): "清水村3组"}
    assert members == 6


def test_an_over_long_address_never_reaches_a_stored_household(ctx: ServiceContext, tmp_path: Path) -> None:
    """A file changing the addresses already stored: the over-long one refused and left as it was, the
    others changed."""
    _import(ctx, _with_addresses(tmp_path, long_in=None))
    summary = _import(ctx, _with_addresses(tmp_path, long_in=1, street="街"), skip_bad_households=True)
    assert summary.committed and summary.skipped_households == (household_number(1),)
    assert summary.households_updated == 2
    with ctx.sessions() as session:
        stored = dict(session.execute(select(Household.number, Household.address)).all())
    assert stored == {
        household_number(1): "清水村1组",
        household_number(2): "清水村2街",
        household_number(3): "清水村3街",
    }


def _template(path: Path, sheets: dict[str, list[dict[str, object]]]) -> Path:
    """The program's template with rows on some sheets, given as header → value."""
    book = openpyxl.load_workbook(template_path())
    for name, rows in sheets.items():
        sheet = book[name]
        headers = [c.value for c in sheet[1]]
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path


def test_over_long_helper_and_task_rows_are_refused_and_nothing_is_written(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    unit = max_length(Helper, "unit") or 0
    task_unit = max_length(Task, "unit") or 0
    path = _template(
        tmp_path / "模板.xlsx",
        {
            "帮扶责任人": [
                {"姓名": "王帮扶", "联系电话": "13900000001", "单位": "县农业农村局"},
                {"姓名": "李帮扶", "联系电话": "13900000002", "单位": "局" * (unit + 1)},
            ],
            "整改任务": [
                {
                    "问题来源": "县级督查",
                    "问题类别": "住房安全",
                    "问题表现": "危房未改造",
                    "整改时限": "2026-12-31",
                    "责任单位": "单" * (task_unit + 5),
                }
            ],
        },
    )

    summary = _import(ctx, path, skip_bad_households=True)  # no household to skip: the rows block

    assert [(i.sheet, i.row, i.column, i.message) for i in summary.errors] == [
        ("帮扶责任人", 3, "单位", f"“单位”超过 {unit} 个字（现在 {unit + 1} 个字），请缩短后再导入"),
        (
            "整改任务",
            2,
            "责任单位",
            f"“责任单位”超过 {task_unit} 个字（现在 {task_unit + 5} 个字），请缩短后再导入",
        ),
    ]
    assert summary.blocked and not summary.committed
    assert (summary.helpers_new, summary.tasks_new) == (1, 0)  # the row that fits is planned, not written
    assert (_count(ctx, Helper), _count(ctx, Task)) == (0, 0)
