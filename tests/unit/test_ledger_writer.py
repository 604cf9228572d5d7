"""The ledger writer (excel.writing on XlsxWriter, issue 18 §2): what a sheet carries when opened in
Excel — title, frozen header, widths, borders on every cell, number and text formats, tints, row heights,
the A4 landscape print setup — read back with openpyxl, and the values read back by the importer's
reader unchanged."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from fupin_desktop.excel.layout import Column, Kind, Ledger
from fupin_desktop.excel.writing import LINE_HEIGHT, write_workbook
from fupin_desktop.services.excel_steps import steps
from fupin_desktop.services.progress import run_job

COLUMNS = (
    Column("户编号", "h.number", Kind.DIGITS, width=18),
    Column("证件号码", "m.id_number", Kind.ID, width=20),
    Column("识别日期", "h.identified_on", Kind.DATE, width=11),
    Column("人均纯收入", "iw.per_capita", Kind.NUMBER, width=10),
    Column("是否危房", "h.house_unsafe", Kind.BOOL, width=8),
    Column("预警", "x.warning", Kind.TEXT, width=12, tints=(("红", "F6C9C4"), ("黄", "FCE4A6"))),
    Column("备注", "t.note", Kind.TEXT, width=24),
)
LONG = "因病致贫，" * 12  # 60 Chinese characters: 5 lines in a column 24 wide
ROWS = [
    ("0052242510010001", "52242519800101001X", date(2024, 3, 5), 5321.456, True, "红色预警", LONG),
    ("0052242510010002", None, None, 12000, False, "黄色预警", "=1+1"),
    ("0052242510010003", "522425********001X", date(2025, 1, 1), None, None, "正常", "http://example.cn"),
]


def _write(path: Path, rows: list[tuple[object, ...]] = ROWS) -> Path:
    ledger = Ledger("人口台账", "清水镇 人口台账　导出日期：2026-11-23", COLUMNS, rows, len(rows))
    run_job(steps(write_workbook(path, [ledger]), None))
    return path


def test_the_sheet_has_its_title_frozen_header_widths_and_a4_landscape_print_setup(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path / "台账.xlsx"))["人口台账"]
    assert (
        sheet["A1"].value.startswith("清水镇 人口台账") and sheet["A1"].font.sz == 14 and sheet["A1"].font.b
    )
    assert "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:G5"
    assert sheet.print_title_rows == "$1:$2"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert widths == pytest.approx([c.width + 1 for c in COLUMNS], abs=0.01)
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == "9"
    assert setup.fitToWidth == 1 and setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    margins = sheet.page_margins
    assert (margins.left, margins.right, margins.top, margins.bottom) == (0.4, 0.4, 0.6, 0.6)
    assert sheet.print_options.horizontalCentered
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_every_cell_has_its_font_border_and_format(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path / "台账.xlsx"))["人口台账"]
    header = sheet[2]
    assert [c.value for c in header] == [c.header for c in COLUMNS]
    assert all(c.font.b and c.font.name == "宋体" and c.alignment.wrap_text for c in header)
    assert header[0].fill.fgColor.rgb == "FFDDEBF7"
    for row in sheet.iter_rows(min_row=2, max_row=5):
        for cell in row:  # the blank ones too: the table is ruled throughout
            assert cell.border.left.style == cell.border.bottom.style == "thin", cell.coordinate
            assert cell.border.left.color.rgb == "FF808080"
    assert sheet["C3"].number_format == "yyyy-mm-dd" and sheet["C3"].alignment.horizontal == "center"
    assert sheet["D3"].number_format == "0.##" and sheet["D3"].value == pytest.approx(5321.46)
    assert sheet["E3"].value == "是" and sheet["E4"].value == "否"
    assert sheet["F3"].fill.fgColor.rgb == "FFF6C9C4" and sheet["F4"].fill.fgColor.rgb == "FFFCE4A6"
    assert sheet["F5"].fill.fill_type is None  # 正常: no tint
    assert sheet["G3"].alignment.wrap_text


def test_numbers_that_are_text_stay_text_and_nothing_becomes_a_formula_or_a_link(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_write(tmp_path / "台账.xlsx"))
    sheet = book["人口台账"]
    assert sheet["A3"].value == "0052242510010001" and sheet["A3"].data_type == "s"
    assert sheet["B3"].value == "52242519800101001X" and sheet["B3"].data_type == "s"
    assert sheet["G4"].value == "=1+1" and sheet["G4"].data_type == "s"
    assert sheet["G5"].value == "http://example.cn" and sheet["G5"].hyperlink is None
    rows = CalamineWorkbook.from_path(str(tmp_path / "台账.xlsx")).get_sheet_by_index(0).to_python()
    assert rows[2][:5] == ["0052242510010001", "52242519800101001X", date(2024, 3, 5), 5321.46, "是"]


def test_a_row_of_wrapped_text_is_as_tall_as_its_lines(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path / "台账.xlsx"))["人口台账"]
    assert sheet.row_dimensions[3].height >= 5 * LINE_HEIGHT
    assert sheet.row_dimensions[4].height is None  # one line: Excel's own height
    assert sheet.row_dimensions[2].height >= 30


def test_a_cancelled_export_leaves_nothing_in_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "temp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    rows = [ROWS[1]] * 4500  # past the first progress step
    ledger = Ledger("人口台账", "人口台账", COLUMNS, rows, len(rows))
    job = write_workbook(tmp_path / "台账.xlsx.part", [ledger])
    assert next(job)[0] == 2000
    job.close()  # 取消 between two steps
    assert list(scratch.iterdir()) == []
