"""Styled ledgers (台账) with openpyxl in write-only mode: a title row naming township and date, a bold
header row with borders, frozen panes, an auto-filter, column widths from the column definitions, and an
A4 landscape print setup that repeats the title and header on every page and fits the width. A ledger
with a print view gets a second sheet, 打印, for paper (excel.print_layout).

Values go out in the form the importer reads back unchanged: IDs and 户编号 as text, months as
`YYYYMM`, yes/no as 是/否, dates as real dates.
"""

from __future__ import annotations

import math
from collections.abc import Generator, Sequence
from contextlib import suppress
from copy import copy
from datetime import date
from pathlib import Path

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from fupin_desktop.errors import UserError
from fupin_desktop.excel.layout import Column, Kind, Ledger
from fupin_desktop.excel.values import UNKNOWN_TEXT

THIN = Side(style="thin", color="FF808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", start_color="FFDDEBF7")
TITLE_FONT = Font(name="宋体", size=14, bold=True)
HEADER_FONT = Font(name="宋体", size=10, bold=True)
BODY_FONT = Font(name="宋体", size=10)
STEP_ROWS = 2000
LINE_HEIGHT = 13.5  # points per line of the 10-point body font
TITLE_LINE_HEIGHT = 19.0  # points per line of the 14-point title
MAX_LINES = 30  # Excel's row height tops out at 409 points

Step = tuple[int, int, str]


def cell_value(column: Column, value: object) -> object:
    """A stored value in the form the ledger writes it."""
    if value is None or value == "":
        return None
    if value == UNKNOWN_TEXT:  # a fact not collected yet, in any kind of column
        return value
    kind = column.kind
    if kind is Kind.BOOL:
        return "是" if value else "否"
    if kind is Kind.MONTH and isinstance(value, date):
        return f"{value:%Y%m}"
    if kind is Kind.LIST and not isinstance(value, str):
        return "、".join(str(v) for v in value)  # type: ignore[union-attr]
    if kind is Kind.INTEGER and isinstance(value, float) and value == int(value):
        return int(value)
    if kind in (Kind.NUMBER,) and isinstance(value, int | float):
        return round(float(value), 2)
    if kind in (Kind.DATE,) and isinstance(value, date):
        return value
    if kind in (Kind.NUMBER, Kind.INTEGER):
        return value
    return str(value)


class _Styles:
    """Prepared cell styles: openpyxl resolves a style once, and each cell copies the result."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.text = self._make(alignment=Alignment(vertical="center"))
        self.wrap = self._make(alignment=Alignment(vertical="center", wrap_text=True))
        self.date = self._make(
            alignment=Alignment(horizontal="center", vertical="center"), number_format="yyyy-mm-dd"
        )
        self.number = self._make(
            alignment=Alignment(horizontal="right", vertical="center"), number_format="0.##"
        )
        self.center = self._make(alignment=Alignment(horizontal="center", vertical="center"))

    def _make(self, **style: object):
        cell = WriteOnlyCell(self.sheet)
        cell.font, cell.border = BODY_FONT, BORDER
        for name, value in style.items():
            setattr(cell, name, value)
        return cell._style

    def filled(self, style, rgb: str):  # type: ignore[no-untyped-def]
        """`style` with a solid fill of `rgb` (RRGGBB)."""
        cell = WriteOnlyCell(self.sheet)
        cell._style = copy(style)
        cell.fill = PatternFill("solid", start_color="FF" + rgb)
        return cell._style

    def for_column(self, column: Column):
        if column.kind is Kind.DATE:
            return self.date
        if column.kind in (Kind.NUMBER, Kind.INTEGER):
            return self.number
        if column.kind in (Kind.BOOL, Kind.MONTH, Kind.LEVEL) or column.width <= 6:
            return self.center
        return self.wrap if column.width >= 20 else self.text


def text_lines(value: object, width: float) -> int:
    """How many lines `value` takes wrapped in a column `width` characters wide: a Chinese character is
    two of them, other characters one (its UTF-8 length tells them apart without a per-character
    lookup); each line break starts a line."""
    if not isinstance(value, str) or (len(value) * 2 <= width and "\n" not in value):
        return 1
    usable = max(width - 1, 1)
    total = 0
    for part in value.split("\n"):
        wide = (len(part.encode("utf-8")) - len(part)) // 2
        total += max(1, math.ceil((len(part) + wide) / usable))
    return min(total, MAX_LINES)


def title_row(sheet: Worksheet, text: str, columns: Sequence[Column]) -> None:
    """Row 1: the title merged over the columns and wrapped inside them, so a sheet narrower than its
    title does not run it past the print area."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = TITLE_FONT
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    width = sum(c.width + 1 for c in columns) * BODY_FONT.size / TITLE_FONT.size  # in 10-point units
    sheet.merged_cells.add(f"A1:{get_column_letter(len(columns))}1")
    sheet.row_dimensions[1].height = text_lines(text, width) * TITLE_LINE_HEIGHT + 5
    sheet.append([cell])


def header_row(sheet: Worksheet, columns: Sequence[Column], *, for_paper: bool = False) -> None:
    """Row 2: the headers, wrapped, the row as tall as the tallest. `for_paper` (the 打印 sheet, never
    imported) breaks a header that wraps before its bracket, so “（月）” does not split as “（月” and “）”."""
    texts = [_paper_header(c) if for_paper else c.header for c in columns]
    lines = max((text_lines(t, c.width) for t, c in zip(texts, columns, strict=True)), default=1)
    sheet.row_dimensions[2].height = max(30, lines * LINE_HEIGHT + 4)
    sheet.append([_header_cell(sheet, t) for t in texts])


def _paper_header(column: Column) -> str:
    header = column.header
    if text_lines(header, column.width) == 1:
        return header
    for bracket in ("（", "("):
        at = header.find(bracket)
        if at > 0:
            return header[:at] + "\n" + header[at:]
    return header


def _header_cell(sheet: Worksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font, cell.border, cell.fill = HEADER_FONT, BORDER, HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def setup_sheet(sheet: Worksheet, columns: Sequence[Column], *, first_data_row: int = 3) -> None:
    """Widths, frozen header, filter and the A4 landscape print setup (before any row is written)."""
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width + 1
    sheet.freeze_panes = f"A{first_data_row}"
    sheet.print_title_rows = f"1:{first_data_row - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.6
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


class RowWriter:
    """Data rows of one sheet: each column's prepared style (the 预警 fills by the text), and each row as
    tall as its wrapped text."""

    def __init__(self, sheet: Worksheet, columns: Sequence[Column]) -> None:
        self.sheet = sheet
        self.styles = styles = _Styles(sheet)
        self.prepared = [(c, styles.for_column(c)) for c in columns]
        self.tinted = {  # column → [(how the text begins, style with that fill)]
            i: [(start, styles.filled(style, rgb)) for start, rgb in c.tints]
            for i, (c, style) in enumerate(self.prepared)
            if c.tints
        }
        self.wrapped = [(i, c.width) for i, (c, style) in enumerate(self.prepared) if style is styles.wrap]

    def append(self, row_number: int, values: Sequence[object]) -> None:
        """Write `values` (in column order) as sheet row `row_number`, the next one."""
        lines = max((text_lines(values[i], width) for i, width in self.wrapped), default=1)
        if lines > 1:  # Excel and LibreOffice do not grow a row for wrapped text written this way
            self.sheet.row_dimensions[row_number].height = round(lines * LINE_HEIGHT + 3, 1)
        row = []
        for i, ((column, style), value) in enumerate(zip(self.prepared, values, strict=True)):
            cell = WriteOnlyCell(self.sheet, value=cell_value(column, value))
            if i in self.tinted and isinstance(value, str):
                style = next((s for start, s in self.tinted[i] if value.startswith(start)), style)
            cell._style = copy(style)
            row.append(cell)
        self.sheet.append(row)


def write_ledger_sheet(book: Workbook, ledger: Ledger) -> Generator[Step, None, int]:
    from fupin_desktop.excel.print_layout import PrintSheet  # it builds on this module

    sheet = book.create_sheet(title=ledger.sheet[:31])
    columns = ledger.columns
    setup_sheet(sheet, columns)
    title_row(sheet, ledger.title, columns)
    header_row(sheet, columns)
    rows = RowWriter(sheet, columns)
    printing = PrintSheet(ledger.print_view) if ledger.print_view else None
    width = len(columns)
    count = 0
    for count, values in enumerate(ledger.rows, start=1):
        rows.append(count + 2, values[:width])
        if printing:
            printing.add(values)
        if count % STEP_ROWS == 0:
            yield count, ledger.count, f"写入“{ledger.sheet}”"
    sheet.auto_filter.ref = f"A2:{get_column_letter(width)}{max(count + 2, 3)}"
    if printing:
        yield count, ledger.count, "写入“打印”"
        printing.write(book, ledger.title)
    return count


def write_workbook(path: Path, ledgers: Sequence[Ledger]) -> Generator[Step, None, int]:
    """Write the ledgers as sheets of one workbook at `path`; returns the number of data rows."""
    book = Workbook(write_only=True)
    total = 0
    try:
        for ledger in ledgers:
            total += yield from write_ledger_sheet(book, ledger)
        yield total, total, "保存文件"
        book.save(path)
    except etree.LxmlError as exc:
        # Write-only sheets stream through lxml into temporary files; a full disk surfaces here, not
        # as an OSError. Close the sheets' streams now, or their failure is printed again at exit.
        for sheet in book.worksheets:
            stream = getattr(getattr(sheet, "_writer", None), "xf", None)
            with suppress(Exception):
                stream.close()  # type: ignore[union-attr]
        raise UserError(
            f"写入 {path.name.removesuffix('.part')} 失败：磁盘空间不足或无法写入（保存位置或系统临时文件夹）。"
            "请清理磁盘或换一个保存位置后重试。"
        ) from exc
    return total
