"""What the bounds check of an .xlsx found, as issues on a recognised sheet.

A workbook written by a script (openpyxl and the like) stores formulas without calculating them: every
reader sees a blank where Excel would show `=""&"177…"`'s result. Such a cell in an imported column is a
row error naming the cell, so the household waits until the clerk has opened and saved the file in Excel.
"""

from __future__ import annotations

from bisect import bisect_left

from fupin_desktop.excel.parse import Issue, SheetData, column_letter
from fupin_desktop.excel.sources import Source
from fupin_desktop.excel.xlsx_guard import CALAMINE_MAX_AREA

UNSAVED = "单元格 {cell} 是公式但没有保存计算结果，请在 Excel 中打开并保存后再导入"


def guard_issues(source: Source, data: SheetData) -> list[Issue]:
    """Row errors for formula cells without a result in `data`'s imported columns, and a note when the
    sheet reaches far beyond its data (stray cells: only the data was read)."""
    scan = source.scan.sheets.get(data.name) if source.scan else None
    if scan is None:
        return []
    issues: list[Issue] = []
    fields = {col: name for name, col in data.positions.items() if name in data.columns}
    for row, col in sorted(scan.unsaved):
        name = fields.get(col)
        index = bisect_left(data.rows, row)
        if name is None or index == len(data.rows) or data.rows[index] != row:
            continue  # a column or row the import does not read
        issues.append(data.issue(index, name, UNSAVED.format(cell=f"{column_letter(col)}{row}")))
    if scan.area > CALAMINE_MAX_AREA and data.rows:
        width = max(data.positions.values(), default=0) + 1
        if scan.last_row > data.rows[-1] + 1 or scan.last_col >= width:
            issues.append(
                Issue(
                    data.name,
                    None,
                    None,
                    f"工作表的范围到 {scan.extent}（多余的空白单元格），只读取了有数据的部分；"
                    "建议在 Excel 中删除多余的行列后另存，下次导入更快",
                    error=False,
                )
            )
    return issues
