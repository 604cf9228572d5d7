"""Bounds an .xlsx is checked against before it is read, so that a small file cannot exhaust memory.

python-calamine allocates a sheet as the rectangle from A1 to its farthest cell: a header plus one cell at
XFD1048576 asks for 17 billion cells (549 GB) and aborts the process. Its shared-string table and each
text are held whole. So before anything is read:

- the zip directory is checked: how big each part unpacks to and how far it is compressed;
- each visible sheet's XML is scanned once, in 1 MB pieces, for the cells it holds, the farthest row
  and column they name, over-long cells and formula cells without a saved result;
- the shared-string table is scanned for the number of strings and over-long ones.

A sheet whose rectangle is big only because of stray cells far away (a space typed at Z1048576) is not
refused: it is read by the streaming reader, whose memory is one row whatever the rectangle. What no
reader can hold is refused with a message saying what is wrong and what to do.

The scan works on bytes with regular expressions, not an XML parser: it costs about a quarter of what
calamine takes to read the same sheet. Python's zipfile stops at the size the zip directory declares
and checks the CRC, so a part that lies about its size is refused as damaged.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fupin_desktop.errors import InputUnreadable
from fupin_desktop.excel.xlsx_stream import XlsxStream, column_index

CHUNK_BYTES = 1 << 20
MAX_PART_BYTES = 1 << 30  # a sheet or the string table unpacked: 300,000 rows of 60 columns is ~600 MB
SUSPECT_ABOVE_BYTES = 50 << 20  # a part this big unpacked must also compress like a spreadsheet does
MAX_RATIO = 250  # sheets compress 5–30×, formatting-only areas up to ~100×
MAX_CELLS = 20_000_000  # cells with a value in one sheet: MAX_ROWS rows of 60 columns is 18 million
MAX_STRINGS = 4_000_000  # distinct texts in the shared-string table
MAX_CELL_BYTES = 1 << 20  # one cell's XML: Excel holds at most 32,767 characters (≤ 200 KB escaped)
CALAMINE_MAX_AREA = 8_000_000  # rows × columns calamine may allocate (~40 bytes a cell: 320 MB)
MAX_UNSAVED = 10_000  # formula cells without a result remembered per sheet (each becomes a row error)
EXCEL_CELL_CHARS = 32_767

# Literal-led patterns are several times faster; a piece separating attributes by tabs or line breaks
# (legal, rare) is searched with the \s forms, so no cell escapes the count.
_LETTERS = re.compile(rb' r="([A-Z]{1,3})[0-9]')
_LETTERS_ANY_SPACE = re.compile(rb'\sr="([A-Z]{1,3})[0-9]')
_ROW = re.compile(rb'row r="([0-9]{1,9})"')  # rows name r first in practice; cells below catch the rest
_DEEP_ROWS = {d: re.compile(rb' r="[A-Z]{1,3}([0-9]{%d,9})"' % d) for d in range(1, 10)}
_DEEP_ROWS_ANY_SPACE = {d: re.compile(rb'\sr="[A-Z]{1,3}([0-9]{%d,9})"' % d) for d in range(1, 10)}
_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*):worksheet\b")
_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,9})"')
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v\s*>([^<]*)<|<(?:[A-Za-z_][\w.-]*:)?v\s*/>")
_STR_TYPE = re.compile(rb'\st="str"')
_DIMENSION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\sref="([^"]{1,40})"')
_STRING_ENDS = (b"</si>", b":si>")
_SHEETS_AND_STRINGS = ("xl/worksheets/", "xl/sharedStrings")  # checked under the names they show


@dataclass
class SheetScan:
    """What one sheet's XML holds, as far as reading it is concerned."""

    name: str
    declared: str | None = None  # the <dimension ref> the writer declared, e.g. A1:XFD1048576
    cells: int = 0  # cells with a value
    last_row: int = 0  # 1-based, the highest row a row element (or a cell naming a deeper one) names
    last_col: int = -1  # 0-based, the rightmost column any cell names
    unsaved: list[tuple[int, int]] = field(default_factory=list)  # (row, col) formulas with no result
    unsaved_count: int = 0

    @property
    def area(self) -> int:
        """The rectangle calamine would allocate, at most: a cell may name a row beyond its row
        element, and only refs with more digits than the highest row are looked for, so rows count as
        the largest number of that many digits (a sheet of 60,000 rows as 99,999)."""
        rows = 10 ** len(str(self.last_row)) - 1 if self.last_row else 0
        return rows * (self.last_col + 1)

    @property
    def extent(self) -> str:
        """The farthest cell, as Excel names it."""
        from fupin_desktop.excel.parse import column_letter  # parse imports sources, which imports us

        return f"{column_letter(max(self.last_col, 0))}{max(self.last_row, 1)}"


@dataclass
class XlsxScan:
    sheets: dict[str, SheetScan]

    def needs_stream(self) -> bool:
        """Whether some sheet's rectangle is too big for calamine (the streaming reader is bounded)."""
        return any(s.area > CALAMINE_MAX_AREA for s in self.sheets.values())


def _refuse(path: Path, why: str) -> InputUnreadable:
    return InputUnreadable(f"无法读取 {path.name}：{why}。")


def _size(n: int) -> str:
    return f"{n / (1 << 30):.1f} GB" if n >= 1 << 30 else f"{n / (1 << 20):.0f} MB"


def check_directory(path: Path, book: zipfile.ZipFile, parts: dict[str, str]) -> None:
    """Refuse parts that unpack too big or compress like no spreadsheet does (`parts`: member → what
    to call it in the message), before a byte of them is unpacked."""
    for info in book.infolist():
        what = parts.get(info.filename)
        if what is None:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > SUSPECT_ABOVE_BYTES and ratio > MAX_RATIO:
            raise _refuse(
                path,
                f"{what}的压缩比异常（{info.compress_size / 1024:.0f} KB 解压后有 {_size(info.file_size)}，"
                f"是 {ratio:.0f} 倍，正常的表格不超过几十倍），文件可能已损坏或是恶意构造的；"
                "请向提供文件的单位重新索取，不要在 Excel 中打开",
            )
        if info.file_size > MAX_PART_BYTES:
            raise _refuse(
                path,
                f"{what}解压后有 {_size(info.file_size)}，超出一次导入的上限（{_size(MAX_PART_BYTES)}）；"
                "请按乡镇、村分开导出后分批导入",
            )


def _last_start(data: bytes, marks: tuple[bytes, ...]) -> int:
    """Where the last cell (or string) in `data` starts: looked for near the end first."""
    for window in (65536, len(data)):
        cut = max(data.rfind(mark, max(len(data) - window, 0)) for mark in marks)
        if cut >= 0:
            return cut
    return -1


def _pieces(
    path: Path, book: zipfile.ZipFile, member: str, what: str, marks: tuple[bytes, ...]
) -> Iterator[bytes]:
    """The member's XML in pieces that end where a cell (or string) starts, so no tag is split: the
    rest is carried into the next piece. A carry beyond MAX_CELL_BYTES is one over-long cell."""
    carry = b""
    with book.open(member) as f:
        while True:
            chunk = f.read(CHUNK_BYTES)
            if not chunk:
                break
            data = carry + chunk if carry else chunk
            cut = _last_start(data, marks)
            if cut <= 0:
                if len(data) > MAX_CELL_BYTES:
                    raise _too_long(path, what, len(data))
                carry = data
                continue
            carry = data[cut:]
            if len(carry) > MAX_CELL_BYTES:
                raise _too_long(path, what, len(carry))
            yield data[:cut]
    if carry:
        yield carry


def _too_long(path: Path, what: str, size: int) -> InputUnreadable:
    return _refuse(
        path,
        f"{what}中有一个单元格的内容超过 {_size(size)}，而 Excel 的单元格最多 {EXCEL_CELL_CHARS:,} 个字；"
        "文件可能已损坏或是恶意构造的，请删除该单元格后另存，或向提供文件的单位重新索取",
    )


def scan_sheet(path: Path, book: zipfile.ZipFile, member: str, name: str) -> SheetScan:
    """Count a sheet's cells and find its farthest one, in bounded memory."""
    scan = SheetScan(name)
    what = f"工作表“{name}”"
    ends, formula = (b"</v>", b"</is>"), b"<f"
    letters: set[bytes] = set()
    for number, piece in enumerate(_pieces(path, book, member, what, (b"<c ", b":c "))):
        if number == 0:
            found = _DIMENSION.search(piece, 0, 8192)
            scan.declared = found[1].decode("ascii", "replace") if found else None
            prefix = _PREFIX.search(piece, 0, 8192)
            if prefix:  # a writer naming the namespace (<x:worksheet>, <x:c>, <x:v>)
                tag = prefix[1]
                ends, formula = (b"</" + tag + b":v>", b"</" + tag + b":is>"), b"<" + tag + b":f"
        scan.cells += piece.count(ends[0]) + piece.count(ends[1])
        odd = piece.count(b'r="') != piece.count(b' r="')  # attributes parted by tabs or line breaks
        letters.update((_LETTERS_ANY_SPACE if odd else _LETTERS).findall(piece))
        rows = _ROW.findall(piece)
        if rows:
            scan.last_row = max(scan.last_row, max(map(int, rows)))
        # a cell may name a row beyond its row element: refs with more digits than the highest row
        # are rare, so looking for just those is cheap (SheetScan.area covers the same-length ones)
        deep = _DEEP_ROWS_ANY_SPACE if odd else _DEEP_ROWS
        deeper = deep[min(len(str(scan.last_row)) + 1, 9)].findall(piece)
        if deeper:
            scan.last_row = max(scan.last_row, max(map(int, deeper)))
        if formula in piece:
            _unsaved_formulas(piece, scan)
        if scan.cells > MAX_CELLS:
            raise _refuse(
                path,
                f"{what}有超过 {MAX_CELLS:,} 个单元格，超出一次导入的上限；请删除多余的行列，"
                "或按乡镇、村分开导出后分批导入",
            )
    if letters:
        scan.last_col = max(column_index(x.decode("ascii")) for x in letters)
    return scan


def _unsaved_formulas(piece: bytes, scan: SheetScan) -> None:
    """Formula cells whose XML has no saved result: no <v>, or an empty <v> on a cell that is not of
    text type (Excel saves an empty text result as t="str" with <v></v>; openpyxl writes <v></v> and
    no type when it never calculated the formula)."""
    for found in _FORMULA.finditer(piece):
        at = found.start()
        start = max(piece.rfind(b"<c ", 0, at), piece.rfind(b":c ", 0, at))
        end = piece.find(b"c>", at)
        if start < 0:
            continue
        cell = piece[start : end if end > 0 else len(piece)]
        value = _VALUE.search(cell)
        if value is not None and (value[1] or _STR_TYPE.search(cell, 0, cell.find(b">"))):
            continue
        ref = _REF.search(cell, 0, cell.find(b">") + 1)
        if ref is None:
            continue
        scan.unsaved_count += 1
        if len(scan.unsaved) < MAX_UNSAVED:
            scan.unsaved.append((int(ref[2]), column_index(ref[1].decode("ascii"))))


def scan_strings(path: Path, book: zipfile.ZipFile, member: str) -> int:
    """The number of strings in the shared-string table (refused when too many or one too long)."""
    count = 0
    for piece in _pieces(path, book, member, "文件中的文字表（sharedStrings）", (b"<si>", b":si>")):
        count += sum(piece.count(end) for end in _STRING_ENDS)
        if count > MAX_STRINGS:
            raise _refuse(
                path,
                f"文件中有超过 {MAX_STRINGS:,} 段不同的文字，超出一次导入的上限；"
                "请按乡镇、村分开导出后分批导入",
            )
    return count


def scan_xlsx(path: Path) -> XlsxScan:
    """Check every bound of an .xlsx and return what its visible sheets hold; raises InputUnreadable
    with the reason and what to do when it cannot be read safely."""
    with zipfile.ZipFile(path) as book:  # before XlsxStream parses workbook.xml and its relations
        others = [i.filename for i in book.infolist() if not i.filename.startswith(_SHEETS_AND_STRINGS)]
        check_directory(path, book, {name: f"文件中的“{name}”" for name in others})
    stream = XlsxStream(path)
    try:
        book = stream.zip
        visible = {n: m for n, m in stream.sheets.items() if n not in stream.hidden}
        parts = {member: f"工作表“{name}”" for name, member in visible.items()}
        strings = stream.strings_member()
        if strings:
            parts[strings] = "文件中的文字表（sharedStrings）"
        check_directory(path, book, parts)
        if strings:
            scan_strings(path, book, strings)
        sheets = {}
        for name, member in visible.items():
            if member in book.NameToInfo:
                sheets[name] = scan_sheet(path, book, member, name)
        return XlsxScan(sheets)
    finally:
        stream.close()
