"""Exports: what a second reader (python-calamine, openpyxl) finds in them, masking, permissions, audit;
机账比对; the committed template."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from fupin_desktop.db.models import AuditLog, Household, Member
from fupin_desktop.domain import idcard
from fupin_desktop.errors import PermissionDenied
from fupin_desktop.excel.layout import MEMBER_LEDGER_COLUMNS, NATIONAL_MEMBER_COLUMNS, Kind
from fupin_desktop.excel.template import build_template, describe, template_path
from fupin_desktop.excel.values import day, month
from fupin_desktop.excel.writing import text_lines
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.demo import DemoSummary
from fupin_desktop.services.importing.comparing import compare_file
from fupin_desktop.services.ledgers.export import EXPORT_KINDS, default_file_name, export_ledger
from fupin_desktop.services.progress import run_job
from tests.integration.excel_files import fingerprint


def _rows(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize("kind", sorted(EXPORT_KINDS))
def test_every_export_has_title_header_print_setup_and_masked_ids(
    demo_ctx: ServiceContext, tmp_path: Path, kind: str
) -> None:
    out = run_job(
        export_ledger(demo_ctx, kind, tmp_path / default_file_name(kind, "清水镇", date(2026, 11, 23)))
    ).path
    assert out.name == f"{EXPORT_KINDS[kind].title}_清水镇_2026-11-23.xlsx"
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == EXPORT_KINDS[kind].title
    title = str(sheet["A1"].value)
    assert title.startswith(f"清水镇 {EXPORT_KINDS[kind].title}") and "2026-11-23" in title
    assert "A1" in {str(r).split(":")[0] for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    header = sheet[2]
    assert header[0].font.bold and header[0].border.left.style == "thin"
    assert sheet.column_dimensions["B"].width > 5
    if sheet.max_row > 2:
        assert sheet.cell(row=3, column=1).border.bottom.style == "thin"
    text = json.dumps([[str(v) for v in r] for r in _rows(out)], ensure_ascii=False)
    with demo_ctx.sessions() as session:
        some_ids = session.scalars(
            select(Member.id_number).where(Member.id_number.is_not(None)).limit(50)
        ).all()
    assert not any(n in text for n in some_ids)  # only masked numbers in a default export


@pytest.mark.parametrize("kind", ["tasks", "findings"])
def test_rows_of_wrapped_text_are_as_tall_as_their_lines(
    demo_ctx: ServiceContext, tmp_path: Path, kind: str
) -> None:
    """A wrapped cell's row is tall enough for its lines (LibreOffice and Excel keep a row written with
    no height at one line, and the lines of wrapped text overlap the next row)."""
    out = run_job(export_ledger(demo_ctx, kind, tmp_path / f"{kind}.xlsx")).path
    sheet = openpyxl.load_workbook(out).active
    widths = {c: sheet.column_dimensions[c].width for c in sheet.column_dimensions}
    tall = 0
    for row in sheet.iter_rows(min_row=3):
        needed = 1
        for cell in row:
            if cell.alignment.wrap_text and isinstance(cell.value, str):
                needed = max(needed, text_lines(cell.value, widths[cell.column_letter] - 1))
        height = sheet.row_dimensions[row[0].row].height
        if needed > 1:
            tall += 1
            assert height is not None and height >= needed * 13.5, (row[0].row, needed, height)
        else:
            assert height is None
    assert tall > 0


def test_text_lines_counts_a_chinese_character_as_two() -> None:
    assert text_lines("短", 20) == 1
    assert text_lines("汉" * 10, 21) == 1 and text_lines("汉" * 11, 21) == 2
    assert text_lines("a" * 40, 21) == 2 and text_lines("甲\n乙\n丙", 21) == 3
    assert text_lines(12345, 4) == 1


def test_member_export_values_read_back_by_calamine_equal_the_database(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    out = run_job(export_ledger(demo_ctx, "members", tmp_path / "人口.xlsx", full_id=True)).path
    rows = _rows(out)
    header = rows[1]
    assert header[: len(NATIONAL_MEMBER_COLUMNS)] == [c.header for c in NATIONAL_MEMBER_COLUMNS]
    assert header == [c.header for c in MEMBER_LEDGER_COLUMNS]  # the national 47, then what they lack
    column = {c.field: header.index(c.header) for c in NATIONAL_MEMBER_COLUMNS}
    with demo_ctx.sessions() as session:
        members = session.scalars(select(Member).where(Member.status == "在册")).all()
    by_person = {m.person_number: m for m in members}
    checked = 0
    for row in rows[2:]:
        member = by_person[row[column["m.person_number"]]]
        for c in NATIONAL_MEMBER_COLUMNS:
            if not c.field.startswith("m."):
                continue
            stored = getattr(member, c.field[2:])
            value = row[column[c.field]]
            if c.kind is Kind.BOOL:
                value = {"是": True, "否": False, "": None}[value]
            elif c.kind is Kind.DATE:
                value = day(value) if value != "" else None
            elif c.kind is Kind.MONTH:
                value = month(value)
            elif value == "":
                value = None
            assert value == stored, (c.header, member.name, value, stored)
        checked += 1
    assert checked == len(members)


def test_full_ids_need_the_permission_and_are_audited(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    reader = demo_ctx.acting_as(Actor("r", "只读用户", Role.READER))
    with pytest.raises(PermissionDenied):
        run_job(export_ledger(reader, "members", tmp_path / "a.xlsx", full_id=True))
    assert not (tmp_path / "a.xlsx").exists()
    run_job(export_ledger(reader, "members", tmp_path / "masked.xlsx"))
    run_job(export_ledger(demo_ctx, "members", tmp_path / "full.xlsx", full_id=True))
    with demo_ctx.sessions() as session:
        actions = session.scalars(select(AuditLog.action).where(AuditLog.entity == "export")).all()
        head = session.scalar(select(Member).where(Member.relation == "户主").limit(1))
    assert actions == ["导出", "导出完整证件号码"]
    full = json.dumps(_rows(tmp_path / "full.xlsx"), ensure_ascii=False, default=str)
    masked = json.dumps(_rows(tmp_path / "masked.xlsx"), ensure_ascii=False, default=str)
    assert head is not None and head.id_number in full
    assert head.id_number not in masked and idcard.mask(head.id_number) in masked


def test_export_of_chosen_households_only(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    with demo_ctx.sessions() as session:
        ids = session.scalars(select(Household.id).order_by(Household.id).limit(3)).all()
    result = run_job(export_ledger(demo_ctx, "households", tmp_path / "选中.xlsx", household_ids=ids))
    assert result.rows == 3 and len(_rows(result.path)) == 5


def test_compare_lists_every_kind_of_difference_and_changes_nothing(
    demo_ctx: ServiceContext, demo_dir: Path, demo_summary: DemoSummary, tmp_path: Path
) -> None:
    source = run_job(export_ledger(demo_ctx, "members", tmp_path / "人口.xlsx", full_id=True)).path
    book = openpyxl.load_workbook(source)
    sheet = book.active
    header = [c.value for c in sheet[2]]
    phone, name, number = (
        header.index("成员联系电话") + 1,
        header.index("姓名") + 1,
        header.index("户编号") + 1,
    )
    first_household = sheet.cell(row=3, column=number).value
    sheet.cell(row=3, column=phone, value="13500000000")
    dropped = sheet.cell(row=4, column=name).value
    sheet.delete_rows(4)
    sheet.append(
        [None] * 5
        + [
            "5224251089999999",
            None,
            "新户主",
            "男",
            None,
            "身份证",
            "11010519491231002X",
            None,
            None,
            None,
            None,
            "户主",
        ]
    )
    book.save(source)
    before = fingerprint(demo_dir)
    report = run_job(compare_file(demo_ctx, source, tmp_path / "比对.xlsx"))
    assert fingerprint(demo_dir) == before
    assert [h[0] for h in report.only_in_file] == ["5224251089999999"]
    # a household with nobody on the register (a planted case) has no row in a member export
    memberless = [e.household for e in demo_summary.deliberate_errors if e.kind == "no_members"]
    assert report.members_removed == 1 and report.fields_different >= 1
    assert [h[0] for h in report.only_in_database] == memberless
    result = openpyxl.load_workbook(tmp_path / "比对.xlsx")
    assert result.sheetnames == [
        "汇总",
        "仅文件中有的户",
        "仅数据库中有的户",
        "户编号变更",
        "新增成员",
        "减少成员",
        "字段不一致",
        "文件问题",
    ]
    removed = [[c.value for c in r] for r in result["减少成员"].iter_rows(min_row=3)]
    assert removed[0][2] == dropped
    fields = [[c.value for c in r] for r in result["字段不一致"].iter_rows(min_row=3)]
    assert [first_household, "成员联系电话", "13500000000"] == [fields[0][1], fields[0][3], fields[0][5]]


def test_the_committed_template_is_what_the_layout_generates(tmp_path: Path) -> None:
    fresh = build_template(tmp_path / "模板.xlsx")
    assert describe(template_path()) == describe(fresh)
    names = openpyxl.load_workbook(template_path()).sheetnames
    assert names[:6] == ["户", "成员", "收支", "帮扶措施", "帮扶责任人", "结对"]
