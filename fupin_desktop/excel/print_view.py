"""The 打印 sheet of a wide ledger (issue 17 §1): which columns it prints, how its rows are grouped, and
how big its text comes out on A4 landscape paper.

A ledger of 44 columns fitted to one A4 width prints at 2.7 pt. The 打印 sheet holds a selection of the
columns, village by village with a subtotal per village, scaled to the page width only when that keeps
the body at 8 pt or more; a wider selection prints at full size over several pages wide, with its first
columns (序号, 户编号, 户主…) repeated on each. The full-width sheet stays first, for data exchange.

Column widths are in Excel's unit, the width of one digit of the workbook's default font (Calibri 11:
7 pixels, 5.25 pt); a Chinese character of the 10-point body font takes two. The scale is written as a
number, not as “fit to one page wide”: a program that measures the unit wider (LibreOffice without a
Calibri-compatible font takes 7.2 pt) then spills the last columns onto a second page, with the first
columns repeated, instead of shrinking the text below 8 pt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from fupin_desktop.excel.columns import Column

PRINT_SHEET = "打印"  # the importer skips a sheet of this name (excel.parse)
A4_LANDSCAPE_WIDTH = 841.89  # points
SIDE_MARGIN = 0.4  # inches, left and right
POINTS_PER_UNIT = 5.25  # one unit of column width: 7 px at 96 dpi
BODY_SIZE = 10  # points, the ledgers' body font
MIN_PRINTED_SIZE = 8.0  # points on paper: what a person can read at a meeting


def written_width(column: Column) -> float:
    """The width the sheet gives the column (writing.setup_sheet adds one unit of padding)."""
    return column.width + 1


def printable_width() -> float:
    """Points across an A4 landscape page inside the side margins."""
    return A4_LANDSCAPE_WIDTH - 2 * SIDE_MARGIN * 72


def sheet_points(widths: Sequence[float]) -> float:
    """Points the columns of these written widths take at 100 %."""
    return sum(widths) * POINTS_PER_UNIT


def fit_scale(widths: Sequence[float]) -> float:
    """The scale a fit-to-one-page-wide print uses (it never enlarges)."""
    total = sheet_points(widths)
    return min(1.0, printable_width() / total) if total else 1.0


def fits_one_page_wide(columns: Sequence[Column]) -> bool:
    """Whether the columns fitted to one A4 width still print the body at 8 pt or more."""
    return fit_scale([written_width(c) for c in columns]) * BODY_SIZE >= MIN_PRINTED_SIZE


def print_scale(columns: Sequence[Column]) -> int:
    """The page scale in percent: one A4 width when that keeps 8 pt, else 100 (several pages wide)."""
    if not fits_one_page_wide(columns):
        return 100
    return math.floor(fit_scale([written_width(c) for c in columns]) * 100)


def pages_wide(columns: Sequence[Column], repeat: int) -> int:
    """How many pages wide the columns print at 100 %, the first `repeat` columns on every page."""
    if fits_one_page_wide(columns):
        return 1
    room = printable_width() / POINTS_PER_UNIT
    fixed = sum(written_width(c) for c in columns[:repeat])
    pages, used = 1, fixed
    for column in columns[repeat:]:
        width = written_width(column)
        if used + width > room and used > fixed:
            pages, used = pages + 1, fixed
        used += width
    return pages


@dataclass(frozen=True, slots=True)
class PrintView:
    """What the 打印 sheet takes from each ledger row (a row holds the ledger's columns' values, then the
    extra values the print view needs)."""

    columns: tuple[Column, ...]
    picks: tuple[int, ...]  # where each print column's value is in a ledger row
    village_at: int  # the row's 行政村
    household_at: int | None  # its 户编号: households are counted; None: rows are counted (项)
    people_at: int | None = None  # a household row's 人数 (else every row is one person)
    repeat: int = 1  # leading print columns repeated on each page when the selection is wider than one
    renumber: bool = True  # 序号 (the first column) counts from 1 in each village
    page_per_village: bool = True  # a page break after each village's subtotal

    @property
    def one_page_wide(self) -> bool:
        return fits_one_page_wide(self.columns)

    @property
    def scale(self) -> int:
        return print_scale(self.columns)

    @property
    def pages_wide(self) -> int:
        return pages_wide(self.columns, self.repeat)


def describe_fit(columns: Sequence[Column], repeat: int) -> str:
    """One line for the export dialog: how the selection prints."""
    if not columns:
        return "不附打印工作表"
    if fits_one_page_wide(columns):
        size = print_scale(columns) * BODY_SIZE / 100
        return f"打印 {len(columns)} 列：A4 横向一页宽，正文 {size:.1f} 磅"
    names = "、".join(c.header for c in columns[:repeat])
    return (
        f"打印 {len(columns)} 列：A4 横向 {pages_wide(columns, repeat)} 页宽，正文 {BODY_SIZE} 磅，"
        f"每页重复“{names}”"
    )
