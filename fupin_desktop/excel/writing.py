"""Styled ledgers (台账) with XlsxWriter in constant-memory mode: a title row naming township and date, a
bold header row with borders, frozen panes, an auto-filter, column widths from the column definitions,
and an A4 landscape print setup that repeats the title and header on every page and fits the width. A
ledger with a print view gets a second sheet, 打印, for paper (excel.print_layout).

XlsxWriter streams each row to a temporary file as the next one starts, and every cell of a column shares
one format (issue 18 §2: the 72,400-row 人口台账 with its 打印 sheet took 86 s CPU with openpyxl's
write-only cells, 41 s this way beside 24 s for XlsxWriter writing the same cells without
formats).

Values go out in the form the importer reads back unchanged: IDs and 户编号 as text, months as
`YYYYMM`, yes/no as 是/否, dates as real dates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator, Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from fupin_desktop.errors import UserError
from fupin_desktop.excel.layout import Column, Kind, Ledger
from fupin_desktop.excel.values import UNKNOWN_TEXT

BORDER_COLOR = "#808080"
HEADER_FILL = "#DDEBF7"
FONT_NAME = "宋体"
TITLE_SIZE = 14
BODY_SIZE = 10
STEP_ROWS = 2000
LINE_HEIGHT = 13.5  # points per line of the 10-point body font
TITLE_LINE_HEIGHT = 19.0  # points per line of the 14-point title
MAX_LINES = 30  # Excel's row height tops out at 409 points
DIGIT_PIXELS = 7  # one unit of column width (excel.print_view)
# Text is never turned into a formula or a link: a value typed as “=1+1” or “http://…” stays text.
OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}

Step = tuple[int, int, str]


def _month(value: object) -> object:
    return f"{value:%Y%m}" if isinstance(value, date) else str(value)


def _joined(value: object) -> object:
    return value if isinstance(value, str) else "、".join(str(v) for v in value)  # type: ignore[attr-defined]


def _integer(value: object) -> object:
    return int(value) if isinstance(value, float) and value == int(value) else value


def _number(value: object) -> object:
    return round(float(value), 2) if isinstance(value, int | float) else value


def _day(value: object) -> object:
    return value if isinstance(value, date) else str(value)


def _yes_no(value: object) -> object:
    return "是" if value else "否"


_CONVERTERS: dict[Kind, Callable[[object], object]] = {
    Kind.BOOL: _yes_no,
    Kind.MONTH: _month,
    Kind.LIST: _joined,
    Kind.INTEGER: _integer,
    Kind.NUMBER: _number,
    Kind.DATE: _day,
}


def converter(kind: Kind) -> Callable[[object], object]:
    """How a column of `kind` turns a stored value (not empty, not 未采集) into the cell's: chosen once
    per column, not per cell (issue 18 §2)."""
    return _CONVERTERS.get(kind, str)


class Styles:
    """The workbook's formats, each made once and shared by every cell that has it."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._made: dict[tuple[tuple[str, object], ...], Format] = {}
        self.title = self.get(font_size=TITLE_SIZE, bold=True, align="left", text_wrap=True, border=0)
        self.header = self.get(bold=True, align="center", text_wrap=True, bg_color=HEADER_FILL)
        self.text = self.get()
        self.wrap = self.get(text_wrap=True)
        self.date = self.get(align="center", num_format="yyyy-mm-dd")
        self.number = self.get(align="right", num_format="0.##")
        self.center = self.get(align="center")

    def get(self, **props: object) -> Format:
        """The format of the body font, thin grey borders and vertical centring, with `props` on top."""
        merged: dict[str, object] = {
            "font_name": FONT_NAME,
            "font_size": BODY_SIZE,
            "valign": "vcenter",
            "border": 1,
            "border_color": BORDER_COLOR,
        }
        merged.update(props)
        if merged["border"] == 0:
            del merged["border"], merged["border_color"]
        key = tuple(sorted(merged.items()))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self.book.add_format(merged)
        return made

    def for_column(self, column: Column) -> dict[str, object]:
        """What sets a column's cells apart from plain text."""
        if column.kind is Kind.DATE:
            return {"align": "center", "num_format": "yyyy-mm-dd"}
        if column.kind in (Kind.NUMBER, Kind.INTEGER):
            return {"align": "right", "num_format": "0.##"}
        if column.kind in (Kind.BOOL, Kind.MONTH, Kind.LEVEL) or column.width <= 6:
            return {"align": "center"}
        return {"text_wrap": True} if column.width >= 20 else {}


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


def title_row(sheet: Worksheet, styles: Styles, text: str, columns: Sequence[Column]) -> None:
    """Row 1: the title merged over the columns and wrapped inside them, so a sheet narrower than its
    title does not run it past the print area."""
    width = sum(c.width + 1 for c in columns) * BODY_SIZE / TITLE_SIZE  # in 10-point units
    sheet.set_row(0, text_lines(text, width) * TITLE_LINE_HEIGHT + 5)
    if len(columns) > 1:
        sheet.merge_range(0, 0, 0, len(columns) - 1, text, styles.title)
    else:
        sheet.write_string(0, 0, text, styles.title)


def header_row(
    sheet: Worksheet, styles: Styles, columns: Sequence[Column], *, for_paper: bool = False
) -> None:
    """Row 2: the headers, wrapped, the row as tall as the tallest. `for_paper` (the 打印 sheet, never
    imported) breaks a header that wraps before its bracket, so “（月）” does not split as “（月” and “）”."""
    texts = [_paper_header(c) if for_paper else c.header for c in columns]
    lines = max((text_lines(t, c.width) for t, c in zip(texts, columns, strict=True)), default=1)
    sheet.set_row(1, max(30, lines * LINE_HEIGHT + 4))
    for i, text in enumerate(texts):
        sheet.write_string(1, i, text, styles.header)


def _paper_header(column: Column) -> str:
    header = column.header
    if text_lines(header, column.width) == 1:
        return header
    for bracket in ("（", "("):
        at = header.find(bracket)
        if at > 0:
            return header[:at] + "\n" + header[at:]
    return header


def setup_sheet(sheet: Worksheet, columns: Sequence[Column], *, first_data_row: int = 3) -> None:
    """Widths, frozen header and the A4 landscape print setup."""
    for i, column in enumerate(columns):
        # In pixels: the sheet stores exactly `width + 1` units (set_column would add its own padding).
        sheet.set_column_pixels(i, i, round((column.width + 1) * DIGIT_PIXELS))
    sheet.freeze_panes(first_data_row - 1, 0)
    sheet.repeat_rows(0, first_data_row - 2)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    spell_out(sheet, fit_width=1)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")


def spell_out(sheet: Worksheet, **settings: int) -> None:
    """Page-setup values written even when they equal Excel's default (XlsxWriter leaves out a scale of
    100 or a fit of one page wide): given as text they go into the file, and every reader sees them rather
    than its own default."""
    for name, value in settings.items():
        setattr(sheet, name, str(value))


class RowWriter:
    """Data rows of one sheet: each column's shared format (the 预警 fills by the text), and each row as
    tall as its wrapped text."""

    def __init__(self, sheet: Worksheet, styles: Styles, columns: Sequence[Column]) -> None:
        self.sheet = sheet
        looks = [styles.for_column(c) for c in columns]
        tints = {  # column → [(how the text begins, format with that fill)]
            i: tuple((start, styles.get(**look, bg_color="#" + rgb)) for start, rgb in c.tints)
            for i, (c, look) in enumerate(zip(columns, looks, strict=True))
            if c.tints
        }
        # per column, chosen once: its index, how a value becomes the cell's, its format, its fills
        self.prepared = [
            (i, converter(c.kind), styles.get(**look), tints.get(i))
            for i, (c, look) in enumerate(zip(columns, looks, strict=True))
        ]
        self.wrapped = [
            (i, c.width)
            for i, (c, look) in enumerate(zip(columns, looks, strict=True))
            if look.get("text_wrap")
        ]

    def append(self, row_number: int, values: Sequence[object]) -> None:
        """Write `values` (in column order) as sheet row `row_number` (1-based), the next one."""
        sheet, row = self.sheet, row_number - 1
        lines = max((text_lines(values[i], width) for i, width in self.wrapped), default=1)
        if lines > 1:  # Excel and LibreOffice do not grow a row for wrapped text written this way
            sheet.set_row(row, round(lines * LINE_HEIGHT + 3, 1))
        write_blank, write_string = sheet.write_blank, sheet.write_string
        for (i, convert, style, tints), value in zip(self.prepared, values, strict=True):
            if value is None or value == "":
                write_blank(row, i, None, style)  # a blank cell keeps its borders
                continue
            if value != UNKNOWN_TEXT:  # 未采集 stays as it is, in any kind of column
                value = convert(value)
                if value == "":  # an empty list joins to "": a blank cell too
                    write_blank(row, i, None, style)
                    continue
            if isinstance(value, str):
                if tints:
                    style = next((s for start, s in tints if value.startswith(start)), style)
                write_string(row, i, value, style)
            elif isinstance(value, date):
                sheet.write_datetime(row, i, value, style)
            else:
                sheet.write_number(row, i, value, style)


def write_ledger_sheet(book: Workbook, styles: Styles, ledger: Ledger) -> Generator[Step, None, int]:
    from fupin_desktop.excel.print_layout import PrintSheet  # it builds on this module

    sheet = book.add_worksheet(ledger.sheet[:31])
    columns = ledger.columns
    setup_sheet(sheet, columns)
    title_row(sheet, styles, ledger.title, columns)
    header_row(sheet, styles, columns)
    rows = RowWriter(sheet, styles, columns)
    printing = PrintSheet(ledger.print_view) if ledger.print_view else None
    width = len(columns)
    count = 0
    for count, values in enumerate(ledger.rows, start=1):
        rows.append(count + 2, values[:width])
        if printing:
            printing.add(values)
        if count % STEP_ROWS == 0:
            yield count, ledger.count, f"写入“{ledger.sheet}”"
    sheet.autofilter(1, 0, max(count + 1, 2), width - 1)
    if printing:
        yield count, ledger.count, "写入“打印”"
        printing.write(book, styles, ledger.title)
    return count


def write_workbook(path: Path, ledgers: Sequence[Ledger]) -> Generator[Step, None, int]:
    """Write the ledgers as sheets of one workbook at `path`; returns the number of data rows."""
    book = Workbook(str(path), OPTIONS)
    styles = Styles(book)
    total = 0
    try:
        for ledger in ledgers:
            total += yield from write_ledger_sheet(book, styles, ledger)
        yield total, total, "保存文件"
        book.close()
    except (OSError, FileCreateError) as exc:
        # Constant-memory sheets stream rows into temporary files: a full disk surfaces while writing
        # them or while zipping them into `path`.
        raise UserError(
            f"写入 {path.name.removesuffix('.part')} 失败：磁盘空间不足或无法写入（保存位置或系统临时文件夹）。"
            "请清理磁盘或换一个保存位置后重试。"
        ) from exc
    finally:
        _discard_streams(book)
    return total


def _discard_streams(book: Workbook) -> None:
    """Close and remove the sheets' temporary row files (XlsxWriter removes them only on a successful
    close; a failure or 取消 would leave them in the temporary folder)."""
    book.fileclosed = True  # nothing more to write: no "close() not called" warning at exit
    for sheet in book.worksheets():
        with suppress(OSError):
            if sheet.row_data_fh is not None:
                sheet.row_data_fh.close()
        if sheet.row_data_filename:
            with suppress(OSError):
                Path(sheet.row_data_filename).unlink(missing_ok=True)
