"""A streaming .xlsx reader for files too big to load whole: one row in memory at a time.

python-calamine loads a sheet into memory before handing out rows, which is right for ordinary files and
wrong for a 100 MB workbook (or one formatted down to row 1,048,576). This reader walks the sheet's XML
with `iterparse`, clearing each row once read, and returns values as calamine would (floats, dates for
date-formatted cells, text), so everything downstream is the same.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EPOCH = datetime(1899, 12, 30)
BUILTIN_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _is_date_format(code: str) -> bool:
    bare = _QUOTED.sub("", code).lower()
    return any(ch in bare for ch in "ymdhs") and "general" not in bare


class XlsxStream:
    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        self.hidden: set[str] = set()  # sheets the workbook marks hidden or very hidden
        self.sheets = self._sheet_paths()
        self._strings: list[str] | None = None
        self._date_styles: set[int] | None = None

    def close(self) -> None:
        self.zip.close()

    def _parse(self, name: str) -> etree._Element:
        with self.zip.open(name) as f:
            return etree.parse(f, etree.XMLParser(resolve_entities=False, huge_tree=True)).getroot()

    def _sheet_paths(self) -> dict[str, str]:
        book = self._parse("xl/workbook.xml")
        rels = self._parse("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PKG_REL}Relationship")}
        out = {}
        for sheet in book.iter(f"{MAIN}sheet"):
            target = targets.get(sheet.get(f"{REL}id"), "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            out[sheet.get("name", "")] = path
            if sheet.get("state") in ("hidden", "veryHidden"):
                self.hidden.add(sheet.get("name", ""))
        return out

    def strings_member(self) -> str | None:
        """The shared-string table's part, when the workbook has one."""
        return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in self.zip.NameToInfo else None

    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if self.strings_member():
                with self.zip.open("xl/sharedStrings.xml") as f:
                    for _, si in etree.iterparse(f, tag=f"{MAIN}si", huge_tree=True):
                        self._strings.append("".join(t.text or "" for t in si.iter(f"{MAIN}t")))
                        si.clear()
        return self._strings

    def date_styles(self) -> set[int]:
        if self._date_styles is None:
            self._date_styles = set()
            if "xl/styles.xml" in self.zip.namelist():
                styles = self._parse("xl/styles.xml")
                custom = {
                    int(f.get("numFmtId", "0")): _is_date_format(f.get("formatCode", ""))
                    for f in styles.iter(f"{MAIN}numFmt")
                }
                xfs = styles.find(f"{MAIN}cellXfs")
                for i, xf in enumerate(xfs if xfs is not None else ()):
                    fmt = int(xf.get("numFmtId", "0"))
                    if fmt in BUILTIN_DATE_FORMATS or custom.get(fmt):
                        self._date_styles.add(i)
        return self._date_styles

    def rows(self, sheet: str) -> Iterator[list[object]]:
        """Rows from row 1, column A; empty rows as []."""
        strings, dates = self.strings(), self.date_styles()
        expected = 1
        with self.zip.open(self.sheets[sheet]) as f:
            for _, row in etree.iterparse(f, tag=f"{MAIN}row", huge_tree=True):
                number = int(row.get("r") or expected)
                while expected < number:
                    yield []
                    expected += 1
                yield self._values(row, strings, dates)
                expected = number + 1
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]

    @staticmethod
    def _values(row: etree._Element, strings: list[str], dates: set[int]) -> list[object]:
        values: list[object] = []
        for position, cell in enumerate(row):
            ref = cell.get("r")
            index = column_index(_CELL_REF.match(ref)[1]) if ref else position  # type: ignore[index]
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                value: object = "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
            else:
                v = cell.find(f"{MAIN}v")
                if v is None or v.text is None:
                    continue
                if kind == "s":
                    value = strings[int(v.text)]
                elif kind in ("str", "e"):
                    value = v.text
                elif kind == "b":
                    value = v.text == "1"
                else:
                    value = float(v.text)
                    if int(cell.get("s", "0")) in dates:
                        value = EPOCH + timedelta(days=value)
                        if value.time() == datetime.min.time():
                            value = value.date()
            if index >= len(values):
                values.extend([None] * (index + 1 - len(values)))
            values[index] = value
        return values
