"""Writing the 打印 sheet (excel.print_view): the print view's columns, village by village — a band naming
the village, its rows, a subtotal of households and persons (or items), a page break — and a grand total.

Rows are collected while the ledger's own sheet is written and laid out at the end, so a list that is not
in village order (整改清单, by 序号) still prints each village together.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from fupin_desktop.excel.print_view import PRINT_SHEET, PrintView
from fupin_desktop.excel.writing import RowWriter, Styles, header_row, setup_sheet, spell_out, title_row

NO_VILLAGE = "乡镇（未分村）"
BAND_SIZE = 11
BAND_FILL = "#EDEDED"
BAND_HEIGHT = 20
MAX_BREAKS = 1023  # the most manual page breaks XlsxWriter writes in a sheet (Excel keeps 1026)


class _Village:
    __slots__ = ("households", "people", "rows")

    def __init__(self) -> None:
        self.rows: list[tuple[object, ...]] = []
        self.households: set[object] = set()
        self.people = 0


def subtotal_text(name: str, households: int, people: int, rows: int, *, by_household: bool) -> str:
    """小计 line of a village (or 合计 with the name “合计”)."""
    if not by_household:
        return f"{name}：{rows} 项"
    return f"{name}：{households} 户，{people} 人"


class PrintSheet:
    """Collects the print view's values of each ledger row, then writes the 打印 sheet."""

    def __init__(self, view: PrintView) -> None:
        self.view = view
        self.villages: dict[str, _Village] = {}

    def add(self, values: Sequence[object]) -> None:
        view = self.view
        name = str(values[view.village_at] or "") or NO_VILLAGE
        village = self.villages.get(name)
        if village is None:
            village = self.villages[name] = _Village()
        village.rows.append(tuple(values[i] for i in view.picks))
        if view.household_at is None:
            return
        number = values[view.household_at]
        if view.people_at is None:
            village.people += 1
            village.households.add(number)
        elif number not in village.households:
            village.households.add(number)
            people = values[view.people_at]
            village.people += people if isinstance(people, int) else 0

    def write(self, book: Workbook, styles: Styles, title: str) -> Worksheet:
        view = self.view
        columns = view.columns
        sheet = book.add_worksheet(PRINT_SHEET)
        setup_sheet(sheet, columns)
        # A fixed scale (excel.print_view): one page wide in Excel, never below 8 pt anywhere; the first
        # columns repeat on every page a wider selection (or a wider-measuring program) needs.
        sheet.set_print_scale(view.scale)  # and no fitting to the page
        spell_out(sheet, print_scale=view.scale)
        sheet.print_across()  # a page's right-hand part follows it
        sheet.repeat_columns(0, max(view.repeat, 1) - 1)
        title_row(sheet, styles, f"{title}（打印：按村分页，每村小计）", columns)
        header_row(sheet, styles, columns, for_paper=True)
        rows = RowWriter(sheet, styles, columns)
        band = styles.get(font_size=BAND_SIZE, bold=True, align="left", bg_color=BAND_FILL)
        by_household = view.household_at is not None
        row = 3
        breaks: list[int] = []
        total_households = total_people = total_rows = 0
        for n, (name, village) in enumerate(self.villages.items()):
            households, people, count = len(village.households), village.people, len(village.rows)
            self._band(sheet, band, row, name)
            row += 1
            for seq, values in enumerate(village.rows, start=1):
                rows.append(row, (seq, *values[1:]) if view.renumber else values)
                row += 1
            self._band(
                sheet,
                band,
                row,
                subtotal_text(f"{name}小计", households, people, count, by_household=by_household),
            )
            if view.page_per_village and n < len(self.villages) - 1:
                breaks.append(row)  # the next village starts a page
            row += 1
            total_households += households
            total_people += people
            total_rows += count
        if len(self.villages) > 1:
            text = subtotal_text(
                "合计", total_households, total_people, total_rows, by_household=by_household
            )
            self._band(sheet, band, row, f"{text}（{len(self.villages)} 个村）")
        sheet.set_h_pagebreaks(breaks[:MAX_BREAKS])
        return sheet

    def _band(self, sheet: Worksheet, band: Format, row: int, text: str) -> None:
        """A row (1-based `row`) across every column holding one line of text (village name, 小计, 合计)."""
        width = len(self.view.columns)
        sheet.set_row(row - 1, BAND_HEIGHT)
        if width > 1:
            sheet.merge_range(row - 1, 0, row - 1, width - 1, text, band)
        else:
            sheet.write_string(row - 1, 0, text, band)
