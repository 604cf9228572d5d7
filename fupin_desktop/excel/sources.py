"""Opening any file a clerk might pick: .xlsx/.xlsm/.xls/.ods through python-calamine, .csv (UTF-8 or
GBK) through the csv module, and big .xlsx files through the streaming reader.

The format is decided from the file's first bytes, not its name: national systems hand out HTML pages
named .xls, Excel saves password-protected workbooks as compound files, and a renamed PDF is common.
Every failure becomes `InputUnreadable` with a Chinese message saying what the file is and what to do.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook, PasswordError, SheetVisibleEnum

from fupin_desktop.errors import InputUnreadable
from fupin_desktop.excel import cfb
from fupin_desktop.excel.child_guard import probe_sheets
from fupin_desktop.excel.xlsx_guard import XlsxScan, check_directory, scan_xlsx
from fupin_desktop.excel.xlsx_stream import XlsxStream

STREAM_ABOVE_BYTES = 25 * 1024 * 1024  # bigger .xlsx files are read row by row
LOAD_LIMIT_BYTES = 60 * 1024 * 1024  # bigger .xls/.ods files would not fit in memory whole
CSV_LIMIT_BYTES = 400 * 1024 * 1024  # 300,000 rows of 60 columns; bigger is no export of one county
CSV_MAX_LINE_CHARS = 1 << 20
ENCRYPTED = "文件已加密，请在 Excel 中取消密码后另存，再导入"


def _unreadable(path: Path, why: str) -> InputUnreadable:
    return InputUnreadable(f"无法读取 {path.name}：{why}。")


@dataclass
class Source(ABC):
    """An open spreadsheet: its sheets and their rows (row i of `rows()` is Excel row i + 1)."""

    path: Path
    format: str  # xlsx, xls, ods, csv
    sheet_names: list[str] = field(default_factory=list)
    hidden: set[str] = field(default_factory=set)  # hidden sheets (code lists and the like) are not read
    scan: XlsxScan | None = None  # what the bounds check found in an .xlsx (formulas without results…)

    @abstractmethod
    def rows(self, sheet: str) -> Iterator[list[object]]:
        """Every row of the sheet from row 1, values from column A."""

    def row_count(self, sheet: str) -> int:
        """Rows in the sheet when known without reading it, else 0."""
        return 0

    def close(self) -> None:  # noqa: B027 — the CSV reader opens its file per pass: nothing to release
        """Release the file."""


class CalamineSource(Source):
    def __init__(self, path: Path, format: str, scan: XlsxScan | None = None) -> None:
        super().__init__(path, format, scan=scan)
        try:
            self.book = CalamineWorkbook.from_path(str(path))
            self.sheet_names = list(self.book.sheet_names)
            self.hidden = {m.name for m in self.book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
        except PasswordError as exc:
            raise _unreadable(path, ENCRYPTED) from exc
        except Exception as exc:  # calamine reports damage with several exception types
            raise _unreadable(path, f"文件已损坏或不完整（{_short(exc)}）；请重新导出或从原件复制") from exc
        self._loaded: dict[str, object] = {}
        if format in ("xls", "ods"):  # no bounds can be read from them in advance: load once in a child
            try:
                probe_sheets(path, [n for n in self.sheet_names if n not in self.hidden])
            except InputUnreadable:
                self.book.close()
                raise

    def _sheet(self, name: str):
        if name not in self._loaded:
            try:
                self._loaded[name] = self.book.get_sheet_by_name(name)
            except PasswordError as exc:
                raise _unreadable(self.path, ENCRYPTED) from exc
            except Exception as exc:
                raise _unreadable(
                    self.path, f"工作表“{name}”已损坏（{_short(exc)}）；请用 Excel 打开后另存再导入"
                ) from exc
        return self._loaded[name]

    def row_count(self, sheet: str) -> int:
        return int(self._sheet(sheet).total_height)

    def rows(self, sheet: str) -> Iterator[list[object]]:
        data = self._sheet(sheet)
        # iter_rows() starts at row 1 but at the first used column: put the empty columns back.
        start = data.start
        pad = [None] * (start[1] if start else 0)
        for row in data.iter_rows():
            yield pad + row if pad else row

    def close(self) -> None:
        self._loaded.clear()
        self.book.close()


class StreamSource(Source):
    def __init__(self, path: Path, scan: XlsxScan | None = None) -> None:
        super().__init__(path, "xlsx", scan=scan)
        try:
            self.stream = XlsxStream(path)
        except Exception as exc:
            raise _unreadable(path, f"文件已损坏或不完整（{_short(exc)}）") from exc
        self.sheet_names = list(self.stream.sheets)
        self.hidden = set(self.stream.hidden)

    def rows(self, sheet: str) -> Iterator[list[object]]:
        try:
            yield from self.stream.rows(sheet)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
            raise _unreadable(self.path, f"工作表“{sheet}”已损坏或不完整（{_short(exc)}）") from exc
        except Exception as exc:  # lxml.etree.XMLSyntaxError and zlib errors
            raise _unreadable(self.path, f"工作表“{sheet}”已损坏或不完整（{_short(exc)}）") from exc

    def close(self) -> None:
        self.stream.close()


class CsvSource(Source):
    def __init__(self, path: Path, head: bytes) -> None:
        super().__init__(path, "csv", [path.stem])
        self.encoding = _encoding(head)
        text = head.decode(self.encoding, errors="ignore")
        self.delimiter = max(",\t;|", key=lambda d: text[:4096].count(d))

    def rows(self, sheet: str) -> Iterator[list[object]]:
        number = 0
        try:
            with self.path.open("rb") as raw:
                text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
                reader = csv.reader(self._lines(text), delimiter=self.delimiter)
                for number, row in enumerate(reader, start=1):  # noqa: B007
                    yield list(row)
        except UnicodeDecodeError as exc:
            raise _unreadable(
                self.path,
                f"第 {number + 1} 行附近有无法识别的文字（编码不是 UTF-8 或 GBK）；请在 Excel 中另存为 .xlsx",
            ) from exc
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise self._too_long(number + 1) from exc
            raise _unreadable(self.path, f"第 {number + 1} 行格式错误（{exc}）") from exc

    def _lines(self, text: io.TextIOWrapper) -> Iterator[str]:
        """The file's lines, none longer than CSV_MAX_LINE_CHARS: a file that is one endless line
        would otherwise be read into memory whole."""
        number = 0
        while line := text.readline(CSV_MAX_LINE_CHARS):
            number += 1
            if len(line) == CSV_MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
                raise self._too_long(number)
            yield line

    def _too_long(self, number: int) -> InputUnreadable:
        return _unreadable(
            self.path,
            f"第 {number:,} 行附近有一个单元格超过 {csv.field_size_limit():,} 个字，或一行超过 "
            f"{CSV_MAX_LINE_CHARS:,} 个字，不是正常的表格（文件可能已损坏）；请检查文件，或在 Excel 中另存为 .xlsx 再导入",
        )


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    sample = head
    for trim in range(4):  # the sample may end inside a multi-byte character
        try:
            (sample[: len(sample) - trim] if trim else sample).decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            continue
    return "gb18030"  # a superset of GBK, as Excel writes “CSV” on Chinese Windows


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def open_source(path: Path) -> Source:
    """Open `path` whatever its name says; raises InputUnreadable for anything that is not a readable
    spreadsheet (with what it is, when that can be told)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(64 * 1024)
    except FileNotFoundError as exc:
        raise InputUnreadable(f"找不到文件 {path}。") from exc
    except IsADirectoryError as exc:
        raise InputUnreadable(f"{path} 是文件夹，不是文件。") from exc
    except OSError as exc:
        raise InputUnreadable(
            f"无法打开 {path}：{exc.strerror or exc}（文件可能正被其他程序占用）。"
        ) from exc
    if size == 0:
        raise _unreadable(path, "文件是空的（0 字节）")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_source(path, size)
    if head.startswith(cfb.MAGIC):
        return _compound_source(path, size)
    kind = _other_kind(head)
    if kind:
        raise _unreadable(path, f"这是{kind}，不是电子表格；请选择 Excel 文件（.xlsx、.xls）或 CSV 文件")
    if size > CSV_LIMIT_BYTES:
        raise _unreadable(
            path,
            f"文件太大（{size / 1024 / 1024:.0f} MB，上限 {CSV_LIMIT_BYTES // 1024 // 1024} MB）；"
            "请按乡镇或村分开导出，分批导入",
        )
    return CsvSource(path, head)


def _zip_source(path: Path, size: int) -> Source:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _unreadable(path, "文件已损坏或不完整（可能复制时中断）；请重新导出或从原件复制") from exc
    if "xl/workbook.xml" in names:
        scan = _scan(path)
        if size > STREAM_ABOVE_BYTES or scan.needs_stream():  # the stream holds one row, calamine all
            return StreamSource(path, scan)
        return CalamineSource(path, "xlsx", scan)
    if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
        _check_loadable(path, size)
        with zipfile.ZipFile(path) as z:
            check_directory(path, z, {"content.xml": "表格内容（content.xml）"})
        return CalamineSource(path, "ods")
    if "word/document.xml" in names or mimetype.endswith(".text"):
        raise _unreadable(path, "这是 Word 文档，不是电子表格")
    raise _unreadable(path, "这是一个压缩包，不是电子表格")


def _scan(path: Path) -> XlsxScan:
    try:
        return scan_xlsx(path)
    except InputUnreadable:
        raise
    except (zipfile.BadZipFile, zlib.error, KeyError, EOFError, OSError, ValueError) as exc:
        raise _unreadable(path, f"文件已损坏或不完整（{_short(exc)}）；请重新导出或从原件复制") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError from workbook.xml
        raise _unreadable(path, f"文件已损坏或不完整（{_short(exc)}）；请重新导出或从原件复制") from exc


def _compound_source(path: Path, size: int) -> Source:
    try:
        names = cfb.stream_names(path)
    except cfb.CompoundFileError as exc:
        raise _unreadable(path, f"文件已损坏或不完整（{exc}）；请重新导出或从原件复制") from exc
    if {"EncryptionInfo", "EncryptedPackage"} & names:
        raise _unreadable(path, ENCRYPTED)
    if {"Workbook", "Book"} & names:
        _check_loadable(path, size)
        return CalamineSource(path, "xls")
    if "WordDocument" in names:
        raise _unreadable(path, "这是 Word 文档，不是电子表格")
    raise _unreadable(path, "这是一个 Office 复合文档，但里面没有工作表")


def _check_loadable(path: Path, size: int) -> None:
    if size > LOAD_LIMIT_BYTES:
        raise _unreadable(
            path,
            f"文件太大（{size / 1024 / 1024:.0f} MB），这种格式只能整体读入内存；请在 Excel 中另存为 .xlsx 或 .csv 再导入",
        )


def _other_kind(head: bytes) -> str | None:
    start = head.lstrip()[:512].lower()
    if start.startswith(b"%pdf"):
        return " PDF 文件"
    if start.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in start:
        return "网页（HTML）格式的文件（常见于系统导出的“.xls”）——请用 Excel 打开后另存为 .xlsx"
    if start.startswith(b"<?xml"):
        return " XML 格式的文件——请用 Excel 打开后另存为 .xlsx"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        return "图片"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "压缩包"
    if head.startswith(b"SQLite format 3"):
        return "数据库文件"
    if b"\x00" in head[:8192]:
        return "二进制文件"
    return None
