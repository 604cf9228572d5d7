"""The error workbook: a copy of the imported file with every bad cell filled red, a comment on it, and an
错误说明 column at the end of each row that has problems, so a clerk can fix the file in Excel.

An .xlsx/.xlsm is copied with openpyxl (styles kept); .xls, .ods, .csv and very big files are rebuilt
from the values read, in write-only mode.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from fupin_desktop.excel.parse import Issue
from fupin_desktop.excel.sources import STREAM_ABOVE_BYTES, open_source
from fupin_desktop.files import refuse_overwriting, written_in_place

RED = PatternFill("solid", start_color="FFFF7C80")
YELLOW = PatternFill("solid", start_color="FFFFE699")
HEADER = "错误说明"
AUTHOR = "防返贫监测工作台"


def _by_cell(issues: list[Issue]) -> tuple[dict, dict]:
    cells: dict[tuple[str, int, int], list[Issue]] = defaultdict(list)
    rows: dict[tuple[str, int], list[Issue]] = defaultdict(list)
    for issue in issues:
        if not issue.row:
            continue
        rows[(issue.sheet, issue.row)].append(issue)
        if issue.col is not None:
            cells[(issue.sheet, issue.row, issue.col)].append(issue)
    return cells, rows


def _explain(found: list[Issue]) -> str:
    return "；".join(
        f"{'错误' if i.error else '提示'}：" + (f"【{i.column}】" if i.column else "") + i.message
        for i in found
    )


def write_error_workbook(source: Path, out: Path, issues: list[Issue], header_rows: dict[str, int]) -> Path:
    """Write the marked-up copy to `out` (always .xlsx; written beside it and renamed into place, and
    never over `source` itself) and return it."""
    out = out.with_suffix(".xlsx")
    refuse_overwriting(source, out, "错误标注文件")
    cells, rows = _by_cell(issues)
    with written_in_place(out) as partial:
        _write(source, partial, cells, rows, header_rows)
    return out


def _write(source: Path, out: Path, cells: dict, rows: dict, header_rows: dict[str, int]) -> None:
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".xlsm") and source.stat().st_size <= STREAM_ABOVE_BYTES:
        try:
            book = load_workbook(source, keep_vba=False)
        except Exception:  # an .xlsx openpyxl cannot load is rebuilt from the values instead
            book = None
        if book is not None:
            _mark(book, cells, rows, header_rows)
            book.save(out)
            return
    _rebuild(source, out, cells, rows, header_rows)


def _mark(book: Workbook, cells: dict, rows: dict, header_rows: dict[str, int]) -> None:
    for sheet in book.worksheets:
        last = sheet.max_column
        marked_rows = sorted(r for (name, r) in rows if name == sheet.title)
        if not marked_rows:
            continue
        explain_col = last + 1
        header = sheet.cell(row=header_rows.get(sheet.title, 1), column=explain_col, value=HEADER)
        header.font = Font(bold=True, color="FFC00000")
        sheet.column_dimensions[header.column_letter].width = 60
        for row in marked_rows:
            found = rows[(sheet.title, row)]
            cell = sheet.cell(row=row, column=explain_col, value=_explain(found))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for (name, row, col), found in cells.items():
            if name != sheet.title:
                continue
            cell = sheet.cell(row=row, column=col + 1)
            cell.fill = RED if any(i.error for i in found) else YELLOW
            cell.comment = Comment("\n".join(i.message for i in found), AUTHOR, width=300, height=120)


def _rebuild(source: Path, out: Path, cells: dict, rows: dict, header_rows: dict[str, int]) -> None:
    reader = open_source(source)
    book = Workbook(write_only=True)
    try:
        for name in reader.sheet_names:
            sheet = book.create_sheet(title=name[:31])
            data = list(reader.rows(name))
            width = max((len(r) for r in data), default=0)
            header_row = header_rows.get(name, 1)
            for number, values in enumerate(data, start=1):
                out_row: list[object] = []
                for col in range(width):
                    value = values[col] if col < len(values) else None
                    found = cells.get((name, number, col))
                    if found:
                        cell = WriteOnlyCell(sheet, value=value)
                        cell.fill = RED if any(i.error for i in found) else YELLOW
                        cell.comment = Comment(
                            "\n".join(i.message for i in found), AUTHOR, width=300, height=120
                        )
                        out_row.append(cell)
                    else:
                        out_row.append(value if value != "" else None)
                if number == header_row:
                    out_row.append(HEADER)
                elif (name, number) in rows:
                    out_row.append(_explain(rows[(name, number)]))
                sheet.append(out_row)
    finally:
        reader.close()
    book.save(out)
