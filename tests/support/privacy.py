"""A scanner for unmasked ID numbers in what the program hands out: PDFs and workbooks.

A finding is an 18-character number whose birth date exists and whose check character is right
(`domain.idcard`), standing on its own (not inside a longer run of digits or letters). Masked numbers
(`522425********0012`) are not findings. Written independently of `services.accounts.privacy`, so a bug there
cannot hide itself.

    from tests.support.privacy import scan_file, scan_tree
    assert scan_tree(out_folder) == []            # every .pdf / .xlsx / .xls / .ods / .csv below
    assert scan_file(out / "cards.pdf") == []
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fupin_desktop.domain import idcard

_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_WHOLE_NUMBER_FLOAT = re.compile(r"^\d{15,18}\.0$")
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SCANNED_SUFFIXES = WORKBOOK_SUFFIXES | {".pdf", ".csv", ".txt"}


@dataclass(frozen=True, slots=True)
class Finding:
    file: Path
    where: str  # "第2页" or "Sheet1!C5"
    number: str

    def __str__(self) -> str:
        return f"{self.file.name} {self.where}: {self.number}"


def unmasked_ids(text: str) -> list[str]:
    """Valid full ID numbers in `text` (full-width digits and a lower-case x count too)."""
    normalized = unicodedata.normalize("NFKC", text)
    found = []
    for match in _CANDIDATE.finditer(normalized):
        number = match.group(0).upper()
        # date.max: a number is valid for this purpose whatever "today" is
        if idcard.problem(number, date.max) is None:
            found.append(number)
    return found


def scan_pdf(path: Path) -> list[Finding]:
    from pypdf import PdfReader

    findings = []
    for page_number, page in enumerate(PdfReader(path).pages, start=1):
        text = page.extract_text() or ""
        # a number drawn in pieces (a wrapped table cell) comes out with a space or line break between
        # them: look at the text both as extracted and with such breaks inside digit runs removed
        texts = {text, re.sub(r"(?<=\d)\s(?=[\dXx])", "", text)}
        numbers = {n for t in texts for n in unmasked_ids(t)}
        findings += [Finding(path, f"第{page_number}页", n) for n in sorted(numbers)]
    return findings


def scan_workbook(path: Path) -> list[Finding]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    findings = []
    for name in book.sheet_names:
        for row_number, row in enumerate(book.get_sheet_by_name(name).to_python(), start=1):
            for column, value in enumerate(row, start=1):
                for number in unmasked_ids(_cell_text(value)):
                    findings.append(Finding(path, f"{name}!{_column_letter(column)}{row_number}", number))
    return findings


def scan_text_file(path: Path) -> list[Finding]:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    return [
        Finding(path, f"第{line_number}行", number)
        for line_number, line in enumerate(text.splitlines(), start=1)
        for number in unmasked_ids(line)
    ]


def scan_file(path: Path) -> list[Finding]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return scan_pdf(path)
    if suffix in WORKBOOK_SUFFIXES:
        return scan_workbook(path)
    if suffix in (".csv", ".txt"):
        return scan_text_file(path)
    raise ValueError(f"不知道如何检查 {path.name}")


def scan_tree(folder: Path, *, suffixes: Iterable[str] = SCANNED_SUFFIXES) -> list[Finding]:
    """Scan every file with one of `suffixes` below `folder`."""
    wanted = {s.lower() for s in suffixes}
    return [f for path in _files(folder, wanted) for f in scan_file(path)]


def _files(folder: Path, suffixes: set[str]) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in suffixes:
            yield path


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into a cell (precision is lost beyond 15 digits)
    text = str(value)
    return text[:-2] if _WHOLE_NUMBER_FLOAT.match(text) else text


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
