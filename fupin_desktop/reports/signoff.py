"""Part of the document kit: a table that ends in a sign-off (签字、盖章、日期) that must not stand alone.

A list printed for signing is worthless when its last page holds nothing but the signature lines: the
signature then vouches for no row. `with_sign_off(table, after)` keeps `after` (the signature block,
any closing note) together with at least the table's last `keep_rows` rows: when the whole does not
fit on the page, the table is split earlier so that those rows go over to the next page with it.

    story.append(with_sign_off(table(rows, widths), [Spacer(1, 6 * mm), signature_table]))

`after` must be plain flowables (no KeepTogether: it claims an endless height until split).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Table
from reportlab.platypus.flowables import _listWrapOn

KEEP_ROWS = 2  # body rows printed on the sign-off's page at the least
_EPSILON = 0.01  # points: a split height exactly at a row's bottom must still take that row


class TableWithSignOff(Flowable):
    """`table` then `after`, with at least `keep_rows` of the table's body rows on `after`'s page.

    It measures as the whole and draws the whole where that fits (so a KeepTogether around it still
    works); where it does not, the frame asks it to split: the table's first part, and the rest again
    as a TableWithSignOff for the next page."""

    def __init__(self, table: Table, after: Sequence[Flowable], keep_rows: int = KEEP_ROWS) -> None:
        super().__init__()
        self.table = table
        self.after = list(after)
        self.keep_rows = max(keep_rows, 1)
        self._dims: list[tuple[float, float]] = []

    @property
    def parts(self) -> list[Flowable]:
        return [self.table, *self.after]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._dims = []
        _, height = _listWrapOn(self.parts, available_width, self.canv, dims=self._dims)
        self.width, self.height = available_width, height
        return available_width, height

    def draw(self) -> None:
        """The parts top down, spaced as a frame spaces them, aligned by their hAlign."""
        y, space_after = self.height, 0.0
        for n, (part, (width, height)) in enumerate(zip(self.parts, self._dims, strict=True)):
            if n:
                y -= max(part.getSpaceBefore(), space_after)
            y -= height
            part.drawOn(self.canv, _x(part, width, self.width), y)
            space_after = part.getSpaceAfter()

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        table, after = self.table, self.after
        if self.wrap(available_width, available_height)[1] <= available_height:
            return [table, *after]
        table.wrapOn(self.canv, available_width, available_height)
        heights: list[float] = list(table._rowHeights)
        header = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
        at_top = bool(getattr(getattr(self, "_frame", None), "_atTop", False))
        last_allowed = len(heights) - self.keep_rows  # rows that may stay behind on this page
        fitting = _rows_fitting(heights, available_height)
        split_at = min(fitting, last_allowed)
        if split_at <= header:
            # Too few rows to leave any behind (or none fits here): all of it on the next page; on a
            # fresh page that cannot help, so let the table split as it can.
            return [] if not at_top else [*_split(table, available_width, available_height), *after]
        parts = table.split(available_width, sum(heights[:split_at]) + _EPSILON)
        if len(parts) != 2:  # spans or NOSPLIT forbade that row: split where the table can
            return [*_split(table, available_width, available_height), *after]
        first, rest = parts
        return [first, TableWithSignOff(rest, after, self.keep_rows)]


def _x(part: Flowable, width: float, available: float) -> float:
    align = str(getattr(part, "hAlign", "LEFT")).upper()
    if align in ("CENTER", "CENTRE"):
        return (available - width) / 2
    return available - width if align == "RIGHT" else 0.0


def _rows_fitting(heights: Sequence[float], available: float) -> int:
    total, count = 0.0, 0
    for height in heights:
        if total + height > available:
            break
        total += height
        count += 1
    return count


def _split(table: Table, width: float, height: float) -> list[Flowable]:
    return table.split(width, height) or [table]


def with_sign_off(table: Table, after: Sequence[Flowable], *, keep_rows: int = KEEP_ROWS) -> Flowable:
    """`table` followed by `after` (a signature block), never `after` alone on a page: at least the
    table's last `keep_rows` rows are printed with it."""
    return TableWithSignOff(table, after, keep_rows)
