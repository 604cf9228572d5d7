"""The 打印 sheet of the wide ledgers (issue 17 §1): the chosen columns at 8 pt or more on A4 landscape,
village by village with a subtotal that counts right, the first columns repeated when the selection is
wider than a page; the full-width sheet unchanged beside it, and the workbook still imports back."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from fupin_desktop.cli import main
from fupin_desktop.domain.codes import load_default_codes
from fupin_desktop.errors import UserError
from fupin_desktop.excel.layout import (
    HOUSEHOLD_LEDGER_COLUMNS,
    MEMBER_LEDGER_COLUMNS,
    MONITORING_COLUMNS,
    TASK_COLUMNS,
    Kind,
    Ledger,
)
from fupin_desktop.excel.print_view import print_scale
from fupin_desktop.excel.writing import write_workbook
from fupin_desktop.paths import resources_dir
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.excel_steps import steps
from fupin_desktop.services.importing.front import import_file
from fupin_desktop.services.ledgers.export import EXPORT_KINDS, export_ledger
from fupin_desktop.services.ledgers.print_sheet import PRINT_SPECS, print_columns
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.rectification.rows import load_rows, warning_rules
from fupin_desktop.services.register.settings import load_settings

A4_LANDSCAPE_WIDTH = 297 / 25.4 * 72  # points
POINTS_PER_WIDTH_UNIT = 7 * 0.75  # Excel: one unit is a digit of Calibri 11, 7 px at 96 dpi
WIDE = ("members", "households", "monitoring", "tasks")
SUBTOTAL = re.compile(r"^(.+)小计：(?:(\d+) 户，(\d+) 人|(\d+) 项)$")


def _export(ctx: ServiceContext, kind: str, out: Path, **options: object) -> Path:
    return run_job(export_ledger(ctx, kind, out, **options)).path  # type: ignore[arg-type]


def printed_size(sheet: Worksheet) -> float:
    """The body text's size on paper, from the sheet's own settings: its font times the page scale, after
    checking the columns at that scale fit inside the A4 landscape margins (or, at 100 %, that the first
    columns are repeated on every page)."""
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == "9"
    widths = [sheet.column_dimensions[letter].width for letter in sheet.column_dimensions]
    printable = A4_LANDSCAPE_WIDTH - (sheet.page_margins.left + sheet.page_margins.right) * 72
    total = sum(widths) * POINTS_PER_WIDTH_UNIT
    if sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage:
        scale = min(1.0, printable / total)  # fitted to the width by the printing program
    else:
        scale = (setup.scale or 100) / 100
        if total * scale > printable:
            assert sheet.print_title_cols, "wider than a page without repeated columns"
    body = next(c for c in sheet.iter_rows(min_row=4, max_row=4) for c in c if c.value is not None)
    return body.font.size * scale


def _groups(sheet: Worksheet) -> dict[str, dict[str, object]]:
    """The 打印 sheet's villages: the rows under each village band and the numbers of its 小计 row."""
    header = [c.value for c in sheet[2]]
    width = len(header)
    out: dict[str, dict[str, object]] = {}
    current: list[list[object]] = []
    for row in sheet.iter_rows(min_row=3, values_only=True):
        filled = [v for v in row[:width] if v is not None]
        if len(filled) == 1 and isinstance(filled[0], str) and row[0] == filled[0]:
            found = SUBTOTAL.match(filled[0])
            if found:
                name, households, people, items = found.groups()
                out[name] = {
                    "rows": current,
                    "households": int(households) if households else None,
                    "people": int(people) if people else None,
                    "items": int(items) if items else None,
                }
            elif not filled[0].startswith("合计"):
                current = []  # a village band
            continue
        current.append(dict(zip(header, row, strict=False)))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("kind", WIDE)
def test_a_wide_ledger_prints_its_meeting_columns_at_8_points_or_more(
    demo_ctx: ServiceContext, tmp_path: Path, kind: str
) -> None:
    out = _export(demo_ctx, kind, tmp_path / f"{kind}.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [EXPORT_KINDS[kind].title, "打印"]
    data, paper = book.worksheets
    assert printed_size(paper) >= 8
    assert printed_size(data) < 8  # the full width is for data exchange, not for reading on paper
    assert paper.max_column <= 16 and paper.page_setup.scale < 100  # scaled to one page wide
    assert paper.print_title_rows == "$1:$2"
    assert paper.freeze_panes == "A3"
    assert "按村分页" in str(paper["A1"].value)
    headers = [c.value for c in paper[2]]
    assert headers[0] == "序号"
    if kind != "tasks":
        assert headers[1] == "户编号"


def test_the_subtotal_of_each_village_counts_its_households_and_people(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    members = openpyxl.load_workbook(_export(demo_ctx, "members", tmp_path / "人口台账.xlsx"))
    header = [c.value for c in members.worksheets[0][2]]
    village, number = header.index("村"), header.index("户编号")
    expected: dict[str, dict[str, set[str] | int]] = defaultdict(lambda: {"households": set(), "people": 0})
    for row in members.worksheets[0].iter_rows(min_row=3, values_only=True):
        expected[row[village]]["households"].add(row[number])  # type: ignore[union-attr]
        expected[row[village]]["people"] += 1  # type: ignore[operator]
    groups = _groups(members["打印"])
    assert set(groups) == set(expected) and len(groups) > 1
    for name, group in groups.items():
        assert group["households"] == len(expected[name]["households"])  # type: ignore[arg-type]
        assert group["people"] == expected[name]["people"] == len(group["rows"])  # type: ignore[arg-type]
        assert [r["序号"] for r in group["rows"]] == list(range(1, len(group["rows"]) + 1))  # type: ignore[union-attr]
        assert {r["户编号"] for r in group["rows"]} == expected[name]["households"]  # type: ignore[union-attr]
    breaks = [b.id for b in members["打印"].row_breaks.brk]
    assert len(breaks) == len(groups) - 1  # each village starts a page

    households = openpyxl.load_workbook(_export(demo_ctx, "households", tmp_path / "户台账.xlsx"))
    for name, group in _groups(households["打印"]).items():
        assert group["households"] == len(group["rows"])  # type: ignore[arg-type]
        assert group["people"] == sum(r["人数"] for r in group["rows"])  # type: ignore[union-attr]
        assert group["people"] == expected[name]["people"]


def test_tasks_print_village_by_village_though_listed_by_number(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(_export(demo_ctx, "tasks", tmp_path / "整改清单.xlsx"))
    with demo_ctx.sessions() as session:
        rows = load_rows(session, demo_ctx.today(), warning_rules(load_settings(session)))
    by_village: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        by_village[r.village or "乡镇（未分村）"].add(r.seq)
    groups = _groups(book["打印"])
    assert {name: {r["序号"] for r in g["rows"]} for name, g in groups.items()} == by_village  # type: ignore[union-attr]
    assert all(g["items"] == len(g["rows"]) for g in groups.values())  # type: ignore[arg-type]
    assert sum(g["items"] for g in groups.values()) == book.worksheets[0].max_row - 2  # type: ignore[misc]


def test_the_data_sheet_is_the_same_with_or_without_the_print_sheet(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    with_print = _export(demo_ctx, "members", tmp_path / "with.xlsx")
    without = _export(demo_ctx, "members", tmp_path / "without.xlsx", print_headers=[])
    assert CalamineWorkbook.from_path(str(without)).sheet_names == ["人口台账"]
    first, second = (
        CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python() for p in (with_print, without)
    )
    assert first == second
    summary, _ = run_job(import_file(demo_ctx, with_print, dry_run_only=True))
    assert not summary.has_changes and summary.errors == ()
    assert any(s.startswith("打印") for s in summary.skipped_sheets)  # read once, not twice


def test_a_selection_wider_than_a_page_repeats_the_household_columns(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    chosen = ["姓名", "户编号", "户主姓名", "证件号码", "出生日期", "人口编号", "务工企业名称", "务工所在地"]
    chosen += ["民族", "文化程度", "在校生状况", "劳动技能", "健康状况", "残疾类别", "政治面貌", "户联系电话"]
    out = _export(demo_ctx, "members", tmp_path / "wide.xlsx", print_headers=chosen)
    paper = openpyxl.load_workbook(out)["打印"]
    headers = [c.value for c in paper[2]]
    assert headers[:3] == ["户编号", "户主姓名", "姓名"]  # the household's columns first, then the rest
    assert "出生年份" in headers and "出生日期" not in headers  # a masked ledger gives the year
    assert paper.page_setup.scale == 100 and printed_size(paper) == 10
    assert paper.print_title_cols == "$A:$C"


def test_an_unknown_print_column_is_refused_with_the_choices(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match=r"打印的列中没有“收入来源”.*可选的列：.*户编号"):
        run_job(
            export_ledger(demo_ctx, "households", tmp_path / "x.xlsx", print_headers=["户编号", "收入来源"])
        )
    assert not (tmp_path / "x.xlsx").exists()


def test_the_command_line_chooses_the_print_columns(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "户台账.xlsx"
    argv = ["--data-dir", str(demo_dir), "export", "households", "-o", str(out)]
    assert main([*argv, "--print-columns", "户编号、户主姓名,人数，监测对象类别"]) == 0
    assert [c.value for c in openpyxl.load_workbook(out)["打印"][2]] == [
        "户编号",
        "户主姓名",
        "人数",
        "监测对象类别",
    ]
    out.unlink()
    assert main([*argv, "--print-columns", "无"]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["户台账"]
    out.unlink()
    assert main([*argv, "--print-columns", "户编号,电话号码"]) == 2
    assert "打印的列中没有“电话号码”" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("full_id", [False, True])
@pytest.mark.parametrize("kind", sorted(PRINT_SPECS))
def test_every_default_selection_prints_one_page_wide_at_8_points(kind: str, full_id: bool) -> None:
    columns = print_columns(kind, None, full_id)
    total = sum(c.width + 1 for c in columns) * POINTS_PER_WIDTH_UNIT
    scale = print_scale(columns) / 100
    assert total * scale <= A4_LANDSCAPE_WIDTH - 2 * 0.4 * 72 and 10 * scale >= 8


def test_a_code_column_is_as_wide_as_its_longest_value() -> None:
    """劳动技能 “弱劳动力或半劳动力”, 致贫/返贫风险 “住房出现安全问题”… are not cut at the cell's edge."""
    codes = load_default_codes(resources_dir() / "codes" / "codes.json")
    columns = {c.field: c for c in (*MEMBER_LEDGER_COLUMNS, *HOUSEHOLD_LEDGER_COLUMNS, *MONITORING_COLUMNS)}
    columns.update({c.field: c for c in TASK_COLUMNS})
    narrow = [
        (c.header, c.width, longest)
        for c in columns.values()
        if c.kind is Kind.CODE
        and codes.values.get(c.codes or "")
        and 2 * len(longest := max(codes.values[c.codes or ""], key=len)) > c.width
    ]
    assert narrow == []
    wrapped = {c.header: c.width for c in TASK_COLUMNS if c.header in ("整改目标", "责任领导")}
    assert all(width >= 20 for width in wrapped.values()) and len(wrapped) == 2  # long text wraps


def test_a_title_wider_than_its_sheet_wraps_inside_the_print_area(tmp_path: Path) -> None:
    """机账比对's 汇总 has two columns and a long title: it wraps within them instead of running past."""
    from fupin_desktop.services.importing.comparing import SUMMARY_COLS

    title = "机账比对：全国系统防返贫监测对象信息导出_2026年11月.xlsx　比对日期：2026-11-23（证件号码已脱敏）"
    out = tmp_path / "比对.xlsx"
    run_job(steps(write_workbook(out, [Ledger("汇总", title, SUMMARY_COLS, [("文件中的户", 12)], 1)]), None))
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].alignment.wrap_text and "A1:B1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.row_dimensions[1].height >= 3 * 19
    assert sheet["A3"].value == "文件中的户" and sheet["B3"].value == 12
