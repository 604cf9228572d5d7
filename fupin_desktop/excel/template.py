"""The program's import template (resources/templates/导入模板.xlsx), generated from `layout.SHEET_KINDS`.

The committed file is what the program ships and 文件 → 保存导入模板… hands out; a test rebuilds it and
compares, so the template and the importer cannot drift apart. Regenerate after changing the layout:

    python -m fupin_desktop.excel.template
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fupin_desktop.domain.codes import CodeLists, load_default_codes
from fupin_desktop.excel.layout import SHEET_KINDS, Column, Kind
from fupin_desktop.paths import resources_dir

TEMPLATE_NAME = "导入模板.xlsx"
CODES_SHEET = "代码表"
CODES_PREFIX = "可选值："  # keeps the code sheet's headers from looking like data headers
AUTHOR = "防返贫监测工作台"
THIN = Side(style="thin", color="FF808080")
REQUIRED_FILL = PatternFill("solid", start_color="FFFCE4D6")
HEADER_FILL = PatternFill("solid", start_color="FFDDEBF7")

INSTRUCTIONS = (
    "导入模板填写说明",
    "1. 一个文件可以只填其中几张表；表名和列的顺序可以改，程序按列名识别（列名见各表第一行）。",
    "2. 橙色列名是必填列。户编号、证件号码、电话请按文本填写（先把单元格设为“文本”，或在数字前加英文单引号）。",
    "3. “户”表每户一行；“成员”表每人一行，用户编号与“户”表对应；同一户必须有且只有一个户主。",
    "4. “收支”表每个收支项目一行；同一户同一年度的各行会整体替换数据库中该年度的收支明细。",
    "5. “帮扶措施”表列出一户的全部措施；“帮扶责任人”表用联系电话识别同一个人；“结对”表每户一行。",
    "6. 日期可写成 2024-03-05、2024/3/5 或 2024年3月5日；识别监测时间、消除监测时间写年月，如 202403。",
    "7. 是/否列可填 是、否（也认 Y、N、√、1、0）。下拉列表中的值来自默认代码表。",
    "8. 导入前程序会先检查并显示将要新增、更新的户和人，以及每个错误所在的表、行和列；确认后才写入，并先备份数据库。",
    "9. 全国防返贫监测信息系统导出的人口表、监测对象名单可以直接导入，不必改成本模板。",
    "10. “整改任务”表每个问题一行，导入后都是“待整改”的新任务；问题来源、问题类别和问题表现都相同的任务不会重复导入。"
    "涉及户编号可空，多户用顿号分开。程序导出的整改清单也可以直接导入。",
)


def template_path() -> Path:
    return resources_dir() / "templates" / TEMPLATE_NAME


def _header_comment(column: Column) -> str | None:
    parts = []
    if column.required:
        parts.append("必填")
    if column.note:
        parts.append(column.note)
    if column.aliases:
        parts.append("也认：" + "、".join(column.aliases[:6]))
    return "；".join(parts) or None


def _code_sheet(book: Workbook, codes: CodeLists, names: list[str]) -> dict[str, str]:
    sheet = book.create_sheet(CODES_SHEET)
    sheet.sheet_state = "hidden"
    ranges = {}
    for i, name in enumerate(names, start=1):
        values = codes.values.get(name, ())
        letter = get_column_letter(i)
        sheet.cell(row=1, column=i, value=CODES_PREFIX + name)
        for r, value in enumerate(values, start=2):
            sheet.cell(row=r, column=i, value=value)
        ranges[name] = f"'{CODES_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def build_template(out: Path, codes: CodeLists | None = None) -> Path:
    codes = codes or load_default_codes(resources_dir() / "codes" / "codes.json")
    book = Workbook()
    book.remove(book.active)
    code_names = sorted(
        {
            c.codes
            for kind in SHEET_KINDS
            for c in kind.columns
            if c.kind is Kind.CODE and c.codes in codes.values
        }
    )
    sheets = []
    for kind in SHEET_KINDS:
        sheets.append((kind, book.create_sheet(kind.title)))
    notes = book.create_sheet("说明")
    ranges = _code_sheet(book, codes, code_names)
    for kind, sheet in sheets:
        _fill_sheet(sheet, kind.columns, ranges)
    notes.column_dimensions["A"].width = 110
    for r, line in enumerate(INSTRUCTIONS, start=1):
        cell = notes.cell(row=r, column=1, value=line)
        cell.font = Font(size=14 if r == 1 else 11, bold=r == 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


def _fill_sheet(sheet, columns: tuple[Column, ...], ranges: dict[str, str]) -> None:
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = sheet.cell(row=1, column=i, value=column.header)
        cell.font = Font(bold=True, color="FFC00000" if column.required else "FF000000")
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        comment = _header_comment(column)
        if comment:
            cell.comment = Comment(comment, AUTHOR, width=260, height=90)
        sheet.column_dimensions[letter].width = column.width + 2
        target = f"{letter}2:{letter}5000"
        if column.kind in (Kind.DIGITS, Kind.ID, Kind.LIST):
            sheet.column_dimensions[letter].number_format = "@"  # typed numbers stay text
        if column.kind is Kind.CODE and column.codes in ranges:
            rule = DataValidation(
                type="list", formula1=ranges[column.codes], allow_blank=True, showErrorMessage=False
            )
        elif column.kind is Kind.BOOL:
            rule = DataValidation(type="list", formula1='"是,否"', allow_blank=True, showErrorMessage=False)
        else:
            continue
        rule.add(target)
        sheet.add_data_validation(rule)


def describe(path: Path) -> dict[str, object]:
    """What matters in a template file (for comparing the committed one with a fresh build)."""
    book = load_workbook(path)
    out: dict[str, object] = {}
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        out[sheet.title] = {
            "state": sheet.sheet_state,
            "cells": [[c.value for c in row] for row in sheet.iter_rows(max_row=60)]
            if sheet.title in ("说明", CODES_SHEET)
            else header,
            "comments": [c.comment.text if c.comment else None for c in sheet[1]],
            "widths": [
                sheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(header) + 1)
            ],
            "validations": sorted((str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation),
            "text_columns": [
                sheet.column_dimensions[get_column_letter(i)].number_format for i in range(1, len(header) + 1)
            ],
        }
    return out


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[2] / "resources" / "templates" / TEMPLATE_NAME
    )
    print(build_template(target))
