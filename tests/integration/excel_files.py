"""Test workbooks: a national member-level export with the quirks of DOMAIN §8, written by openpyxl, by
xlwt (.xls), as CSV in UTF-8 and GBK, as .ods (a minimal OpenDocument writer), and as a password-protected
.xlsx (msoffcrypto-tool, as Excel encrypts it). Nothing here is committed as a binary: tests build files.
"""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

from fupin_desktop.domain import idcard

AREA = "522425"
NATIONAL_HEADER = [
    "县(市、区、旗)",
    "乡",
    "村",
    "户编号",
    "人编号",
    "姓名",
    "性别",
    "出生日期",
    "证件类型",
    "身份证号",
    "民族",
    "户联系电话",
    "与户主关系",
    "文化程度",
    "劳动技能",
    "务工时间(月)",
    "健康状况",
    "是否享受低保",
    "是否参加大病保险",
    "户类型",
    "识别监测时间",
]


def household_number(n: int) -> str:
    return f"52242510800{n:05d}"  # 16 digits: exact even when Excel stores it as a number


def person_id(n: int, k: int) -> str:
    born = date(1950 + (n * 7 + k * 13) % 50, 1 + (n + k) % 12, 1 + (n * 3 + k) % 28)
    return idcard.make(AREA, born, (n * 10 + k) % 999 + 1)


def national_rows(households: int, *, start: int = 1) -> list[list[object]]:
    """Rows of a member-level export: 3 people per household, the first the 户主."""
    rows: list[list[object]] = []
    relations = ["户主", "配偶", "之子"]
    for n in range(start, start + households):
        for k in range(3):
            number = person_id(n, k)
            info = idcard.parse(number)
            rows.append(
                [
                    "云岭县",
                    "清水镇",
                    "清水村" if n % 2 else "柳河村",
                    household_number(n),
                    f"{household_number(n)}{k + 1:02d}",
                    f"张{'一二三四五六七八九'[k]}{n}",
                    info.sex,
                    info.birth_date,
                    "身份证",
                    number,
                    "汉族",
                    f"138{n:08d}",
                    relations[k],
                    "初中",
                    "普通劳动力",
                    6.0,
                    "健康",
                    "否",
                    "是",
                    "脱贫户",
                    "",
                ]
            )
    return rows


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    header: Sequence[str] = NATIONAL_HEADER,
    title: str | None = None,
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "人口信息"
    if title:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_xls(
    path: Path, rows: Sequence[Sequence[object]], *, header: Sequence[str] = NATIONAL_HEADER
) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("人口信息")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet.write(0, 0, "云岭县脱贫人口信息表")
    for c, text in enumerate(header):
        sheet.write(1, c, text)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write(r, c, value, date_style)
            elif value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], encoding: str, *, header: Sequence[str] = NATIONAL_HEADER
) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows:
            writer.writerow([v.isoformat() if isinstance(v, date) else v for v in row])
    return path


def write_ods(
    path: Path, rows: Sequence[Sequence[object]], *, header: Sequence[str] = NATIONAL_HEADER
) -> Path:
    """A minimal OpenDocument spreadsheet: mimetype first and stored, a manifest, content.xml."""

    def cell(value: object) -> str:
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, float | int):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        if isinstance(value, date):
            return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
        for row in [list(header), *rows]
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="人口信息">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def write_encrypted(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(path.with_name("plain-" + path.name), rows)
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("密码123", target)
    return path


def write_big_xlsx(path: Path, rows: int) -> Path:
    """A large .xlsx written straight as XML (stored, not deflated, so it is big on disk too)."""
    sheet = path.with_suffix(".sheet.xml")
    with sheet.open("w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        )
        header = ["户编号", "姓名", "证件号码", "与户主关系", "村", "备注"]
        f.write(
            '<row r="1">' + "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in header) + "</row>"
        )
        ids = [person_id(n, 0) for n in range(1, 1001)]
        for r in range(2, rows + 2):
            values = (household_number(r), f"李{r}", ids[r % 1000], "户主", "清水村", "系统导出，未核实")
            cells = "".join(
                f'<c r="{letter}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                for letter, v in zip("ABCDEF", values, strict=True)
            )
            f.write(f'<row r="{r}">{cells}</row>')
        f.write("</sheetData></worksheet>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="人口" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        z.write(sheet, "xl/worksheets/sheet1.xml")
    sheet.unlink()
    return path


def fingerprint(data_dir: Path) -> dict[str, tuple[int, int]]:
    """Row count and a hash of every table's rows: equal fingerprints mean an unchanged database."""
    connection = sqlite3.connect(data_dir / "fupin.sqlite")
    try:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for table in tables:
            rows = connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            out[table] = (len(rows), hash(tuple(rows)))
        return out
    finally:
        connection.close()
