"""A spreadsheet → recognised sheets of typed values, column by column.

For each sheet: find the header row (title rows above it, a two-row header with merged group cells
above or below), map headers to fields by their aliases, decide which kind of sheet it is (户, 成员,
收支…), then read the data rows in chunks — skipping blank rows, 合计 rows, repeated headers and the
“1 2 3 …” column-number row — converting each cell with its column's reader. Cells that cannot be read
become `Issue`s naming sheet, Excel row and column. No database here: code lists come in as data.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from fupin_desktop.domain.codes import CodeLists
from fupin_desktop.errors import InputUnreadable
from fupin_desktop.excel import values as V
from fupin_desktop.excel.layout import MEMBER_SHEET, SHEET_KINDS, Column, Kind, SheetKind, header_key
from fupin_desktop.excel.print_view import PRINT_SHEET
from fupin_desktop.excel.sources import Source

# Parsing yields (done, total, stage) between chunks; the service turns them into Progress and checks
# its cancel flag there (excel/ does not depend on services/).
Step = tuple[int, int, str]

HEADER_SCAN_ROWS = 30
CHUNK_ROWS = 4096
MAX_ROWS = 300_000  # data rows per sheet: a whole county's members fit, a runaway file stops here
SUMMARY_WORDS = ("合计", "总计", "小计", "共计")


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found in the file. `row` is the row number Excel shows; `col` the 0-based column."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    error: bool = True
    col: int | None = None
    household: str | None = None  # 户编号 of the row, so a bad household can be skipped
    person: str | None = None  # the 姓名 on the row, so the clerk knows whom it is about

    def where(self) -> str:
        parts = [f"工作表“{self.sheet}”"] if self.sheet else []
        if self.row:
            parts.append(f"第 {self.row} 行")
        if self.column:
            letter = f"，{column_letter(self.col)}列" if self.col is not None else ""
            parts.append(f"“{self.column}”列{letter}")
        if self.person:
            parts.append(f"{self.person}（户编号 {self.household}）" if self.household else self.person)
        return "，".join(parts)

    def line(self) -> str:
        where = self.where()
        return f"{where}：{self.message}" if where else self.message

    def as_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": f"{column_letter(self.col)}{self.row or ''}" if self.col is not None else None,
            "message": self.message,
            "household": self.household,
            "person": self.person,
        }


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetData:
    """One recognised sheet: values by field, one entry per data row."""

    kind: SheetKind
    name: str
    header_rows: tuple[int, ...]
    columns: dict[str, Column]  # field → column definition (writable fields only)
    positions: dict[str, int]  # field → 0-based column index in the file
    headers: dict[str, str]  # field → the header as the file writes it
    ignored: list[str] = field(default_factory=list)  # headers we do not know
    title: str = ""  # the text of the rows above the header (a title such as “…（截至2023年12月18日）”)
    rows: list[int] = field(default_factory=list)  # Excel row number of each data row
    values: dict[str, list[object]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def has(self, name: str) -> bool:
        return name in self.values

    def column(self, name: str) -> list[object]:
        return self.values.get(name) or [None] * len(self.rows)

    def issue(self, index: int, name: str | None, message: str, *, error: bool = True) -> Issue:
        number = self.values.get("h.number")
        names = self.values.get("m.name")
        return Issue(
            sheet=self.name,
            row=self.rows[index] if index is not None else None,
            column=self.headers.get(name) if name else None,
            message=message,
            error=error,
            col=self.positions.get(name) if name else None,
            household=number[index] if number and index is not None else None,  # type: ignore[arg-type]
            person=_text_or_none(names[index]) if names and index is not None else None,
        )


@dataclass
class ParsedWorkbook:
    path: Path
    format: str
    sheets: list[SheetData]
    issues: list[Issue]
    skipped_sheets: list[str]
    spellings: dict[str, dict[str, str]] = field(default_factory=dict)  # CodeLookup.spellings

    def sheet(self, kind: str) -> list[SheetData]:
        return [s for s in self.sheets if s.kind.key == kind]

    @property
    def rows(self) -> int:
        return sum(len(s) for s in self.sheets)


# ---------------------------------------------------------------- headers

_KIND_KEYS: dict[str, dict[str, Column]] = {}


def kind_keys(kind: SheetKind) -> dict[str, Column]:
    """Header key → column for one kind of sheet."""
    if kind.key not in _KIND_KEYS:
        keys: dict[str, Column] = {}
        for column in kind.accepts:
            for text in (column.header, *column.aliases):
                keys.setdefault(header_key(text), column)
        _KIND_KEYS[kind.key] = keys
    return _KIND_KEYS[kind.key]


def _all_keys() -> set[str]:
    return {key for kind in SHEET_KINDS for key in kind_keys(kind)}


def _texts(row: list[object]) -> list[str]:
    return [header_key(v) if isinstance(v, str) else "" for v in row]


def _filled(row: list[str]) -> list[str]:
    out, last = [], ""
    for value in row:
        last = value or last
        out.append(last)
    return out


@dataclass
class Header:
    rows: tuple[int, ...]  # 0-based indexes of the header rows
    keys: list[list[str]]  # per column: candidate keys, best first
    raw: list[str]  # per column: the header text to show


def find_header(rows: list[list[object]]) -> Header | None:
    """The header among the first rows: the row naming most known columns, joined with the row above or
    below when that names more (two-row headers with merged group cells)."""
    known = _all_keys()
    texts = [_texts(r) for r in rows[:HEADER_SCAN_ROWS]]
    scores = [sum(1 for t in row if t in known) for row in texts]
    if not scores or max(scores) < 2:
        return None
    best = scores.index(max(scores))

    def combine(upper: list[str], lower: list[str]) -> list[list[str]]:
        width = max(len(upper), len(lower))
        upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
        filled = _filled(upper)
        return [[k for k in (lower[c], upper[c], filled[c] + lower[c]) if k] for c in range(width)]

    def score(candidates: list[list[str]]) -> int:
        return sum(1 for keys in candidates if any(k in known for k in keys))

    single = [[t] if t else [] for t in texts[best]]
    choice, header_rows = single, (best,)
    if best + 1 < len(texts):
        joined = combine(texts[best], texts[best + 1])
        if score(joined) > score(choice):
            choice, header_rows = joined, (best, best + 1)
    if best > 0 and len(header_rows) == 1:
        joined = combine(texts[best - 1], texts[best])
        if score(joined) > score(choice):
            choice, header_rows = joined, (best - 1, best)
    raw = []
    for c in range(len(choice)):
        shown = ""
        for r in reversed(header_rows):
            value = rows[r][c] if c < len(rows[r]) else None
            if isinstance(value, str) and value.strip():
                shown = value.strip()
                break
        raw.append(shown)
    return Header(header_rows, choice, raw)


def classify(header: Header, sheet_name: str) -> tuple[SheetKind, dict[str, tuple[int, Column]]] | None:
    """Which kind of sheet this header belongs to, and field → (column index, definition)."""
    matches: dict[str, dict[str, tuple[int, Column]]] = {}
    for kind in SHEET_KINDS:
        keys = kind_keys(kind)
        found: dict[str, tuple[int, Column]] = {}
        for c, candidates in enumerate(header.keys):
            for key in candidates:
                column = keys.get(key)
                if column is not None:
                    found.setdefault(column.field, (c, column))
                    break
        matches[kind.key] = found
    name = header_key(sheet_name)
    for kind in SHEET_KINDS:
        if name in {header_key(n) for n in (kind.title, *kind.names)} and len(matches[kind.key]) >= 2:
            return kind, matches[kind.key]

    def complete(kind: SheetKind) -> bool:
        return all(c.field in matches[kind.key] for c in kind.columns if c.required)

    def own(kind: SheetKind) -> int:
        """Columns that belong to this kind's own sheet (a member export also carries household columns)."""
        fields = {c.field for c in kind.columns}
        return sum(1 for f in matches[kind.key] if f in fields)

    # A sheet that names people (姓名, 证件号码, 与户主关系) is a member sheet even when it also carries
    # household columns, as national exports do.
    if complete(MEMBER_SHEET):
        return MEMBER_SHEET, matches[MEMBER_SHEET.key]
    ranked = sorted(SHEET_KINDS, key=lambda k: (own(k), complete(k), len(matches[k.key])), reverse=True)
    best = ranked[0]
    if len(matches[best.key]) < 2:
        return None
    return best, matches[best.key]


# ---------------------------------------------------------------- values


class CodeLookup:
    """Canonical spellings of code values: exact, alias, or the same after width/space folding."""

    def __init__(self, codes: CodeLists) -> None:
        self.codes = codes
        self._maps: dict[str, dict[str, str]] = {}
        # list → value → how the file spells it, where that is an alias (务工就业不稳 for 因务工就业不稳)
        self.spellings: dict[str, dict[str, str]] = {}

    def known(self, name: str | None) -> frozenset[str]:
        return frozenset(self.codes.values.get(name or "", ()))

    def map(self, name: str) -> dict[str, str]:
        if name not in self._maps:
            mapping: dict[str, str] = {}
            for value in self.codes.values.get(name, ()):
                mapping[header_key(value)] = value
            for alias, value in self.codes.aliases.get(name, {}).items():
                mapping.setdefault(header_key(alias), value)
            self._maps[name] = mapping
        return self._maps[name]


Reader = tuple[Callable[[object], object], bool, frozenset[str]]


def _reader(column: Column, codes: CodeLookup) -> Reader:
    """The cell reader for a column, whether its results may be cached by raw value, and the code
    list's values (to report values outside it)."""
    kind = column.kind
    if kind is Kind.CODE:
        mapping = codes.map(column.codes or "")

        spellings = codes.spellings.setdefault(column.codes or "", {})

        def code(raw: object) -> object:
            value = V.text(raw)
            if value is None:
                return None
            found = mapping.get(header_key(value), value)
            if found != value and header_key(found) != header_key(value) and not value.isdigit():
                spellings.setdefault(found, value)
            return found

        return code, True, codes.known(column.codes)
    if kind is Kind.ENJOY:
        kinds = codes.map(column.codes or "")
        return (lambda raw: V.enjoyment(raw, kinds)), True, frozenset()
    simple: dict[Kind, Callable[[object], object]] = {
        Kind.TEXT: V.text,
        Kind.NAME: V.name,
        Kind.ID: V.id_number,
        Kind.NUMBER: V.number,
        Kind.INTEGER: V.integer,
        Kind.DATE: V.day,
        Kind.MONTH: V.month,
        Kind.BOOL: V.yes_no,
        Kind.LEVEL: V.danger_level,
        Kind.LIST: V.split_list,
    }
    if kind is Kind.DIGITS:
        return (lambda raw: V.digits_text(raw, column.header)), False, frozenset()
    return simple[kind], kind in (Kind.BOOL, Kind.LEVEL, Kind.MONTH, Kind.INTEGER), frozenset()


def _is_blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _skip(row: list[object], header_raw: list[str], first_data: bool) -> bool:
    """Blank rows, 合计 rows, headers repeated on every printed page, and the “1 2 3 …” row under a
    header. Called for every row, so it compares raw text and stops early."""
    if not any(row):  # None, "" (and 0) only
        return True
    first3 = list(
        islice((v for v in row if v is not None and v != "" and not (isinstance(v, str) and v.isspace())), 3)
    )
    if not first3:
        return True
    for value in first3:
        if isinstance(value, str) and value.strip().replace(" ", "").startswith(SUMMARY_WORDS):
            return True
    first = first3[0]
    if isinstance(first, str) and first.strip() in header_raw:
        repeated = sum(1 for c, v in enumerate(row[: len(header_raw)]) if v and v == header_raw[c])
        if repeated >= 2:
            return True
    if first_data and len(first3) >= 3:
        filled = [v for v in row if v is not None and v != ""]
        try:
            numbers = [int(float(v)) for v in filled]  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    return False


def _read_sheet(
    source: Source,
    sheet_name: str,
    codes: CodeLookup,
    issues: list[Issue],
) -> Generator[Step, None, SheetData | None]:
    rows_iter: Iterator[list[object]] = source.rows(sheet_name)
    head = list(islice(rows_iter, HEADER_SCAN_ROWS))
    if not any(any(not _is_blank(v) for v in r) for r in head) and next(rows_iter, None) is None:
        return None
    header = find_header(head)
    if header is None:
        return None
    found = classify(header, sheet_name)
    if found is None:
        return None
    kind, mapping = found
    data = SheetData(
        kind=kind,
        name=sheet_name,
        header_rows=tuple(r + 1 for r in header.rows),
        columns={f: c for f, (_, c) in mapping.items() if not c.read_only},
        positions={f: i for f, (i, _) in mapping.items()},
        headers={f: header.raw[i] or c.header for f, (i, c) in mapping.items()},
    )
    data.title = " ".join(
        str(v).strip() for row in head[: header.rows[0]] for v in row if isinstance(v, str) and v.strip()
    )
    used = {i for i, _ in mapping.values()}
    data.ignored = [text for i, text in enumerate(header.raw) if text and i not in used]
    _note_duplicates(data, header, kind, issues)
    readers = {f: _reader(c, codes) for f, c in data.columns.items()}
    data.values = {f: [] for f in data.columns}
    unknown_codes: dict[tuple[str, str], list[int]] = {}
    total = source.row_count(sheet_name)
    first_data = header.rows[-1] + 1

    def rows_after_header() -> Iterator[tuple[int, list[object]]]:
        for index, row in enumerate(head[first_data:], start=first_data):
            yield index + 1, row
        for index, row in enumerate(rows_iter, start=len(head)):
            yield index + 1, row

    chunk: list[tuple[int, list[object]]] = []
    for number, row in rows_after_header():
        if _skip(row, header.raw, number == first_data + 1):
            continue
        chunk.append((number, row))
        if len(chunk) >= CHUNK_ROWS:
            _convert(data, chunk, readers, issues, unknown_codes)
            chunk = []
            yield number, total, f"读取工作表“{sheet_name}”"
            if len(data.rows) > MAX_ROWS:
                raise InputUnreadable(
                    f"无法读取 {source.path.name}：工作表“{sheet_name}”超过 {MAX_ROWS:,} 行数据（读到第 {number:,} 行时停止），"
                    "超出一次导入的上限。请按乡镇或村分开导出，分批导入。"
                )
    if chunk:
        _convert(data, chunk, readers, issues, unknown_codes)
    for (name, value), where in unknown_codes.items():
        column = data.columns[name]
        issues.append(
            Issue(
                sheet_name,
                where[0],
                data.headers[name],
                f"“{value}”不在“{column.codes}”代码表中（共 {len(where)} 处），已按原样导入",
                error=False,
                col=data.positions[name],
            )
        )
    return data


def _note_duplicates(data: SheetData, header: Header, kind: SheetKind, issues: list[Issue]) -> None:
    keys = kind_keys(kind)
    for c, candidates in enumerate(header.keys):
        for key in candidates:
            column = keys.get(key)
            if column is not None and data.positions.get(column.field) != c:
                issues.append(
                    Issue(
                        data.name,
                        data.header_rows[-1],
                        header.raw[c],
                        f"与“{data.headers[column.field]}”列重复，此列未导入",
                        error=False,
                        col=c,
                    )
                )
                break


class _Bad:
    """A cell that could not be read, carried through a column until it is reported."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _text_or_none(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _safe(read: Callable[[object], object], raw: object) -> object:
    if raw is None or raw == "":
        return None
    if raw == V.UNKNOWN_TEXT:
        return V.UNKNOWN
    try:
        return read(raw)
    except V.ValueProblem as problem:
        return _Bad(str(problem))


def _convert(
    data: SheetData,
    chunk: list[tuple[int, list[object]]],
    readers: dict[str, Reader],
    issues: list[Issue],
    unknown_codes: dict[tuple[str, str], list[int]],
) -> None:
    """Convert a chunk column by column; a column whose values repeat (codes, yes/no, 村, 民族…) converts
    each distinct value once."""
    start = len(data.rows)
    data.rows.extend(number for number, _ in chunk)
    width = max(data.positions.values(), default=0) + 1
    short = [None] * width
    rows = [
        row if len(row) == width else row[:width] if len(row) > width else row + short[: width - len(row)]
        for _, row in chunk
    ]
    columns = list(zip(*rows, strict=True)) if rows else []
    bad: list[tuple[int, str, str]] = []  # reported once every column of the chunk is in (for 户编号, 姓名)
    for name, (read, cacheable, known) in readers.items():
        raws = columns[data.positions[name]]
        distinct = set(raws)
        if cacheable or len(distinct) * 2 < len(raws):
            results = {raw: _safe(read, raw) for raw in distinct}
            values = [results[raw] for raw in raws]
            outcomes: Iterable[object] = results.values()
        else:
            values = [None if raw is None or raw == "" else _safe(read, raw) for raw in raws]
            outcomes = values
        if any(type(v) is _Bad for v in outcomes):
            for offset, value in enumerate(values):
                if type(value) is _Bad:
                    bad.append((start + offset, name, value.message))
                    values[offset] = None
        if known and any(v is not None and v is not V.UNKNOWN and v not in known for v in outcomes):
            for offset, value in enumerate(values):
                if value is not None and value is not V.UNKNOWN and value not in known:
                    unknown_codes.setdefault((name, str(value)), []).append(chunk[offset][0])
        data.values[name].extend(values)
    bad.sort(key=lambda b: (b[0], data.positions[b[1]]))  # by row, then column, as the clerk reads
    issues.extend(data.issue(index, name, message) for index, name, message in bad)


def parse_workbook(source: Source, codes: CodeLists) -> Generator[Step, None, ParsedWorkbook]:
    """Read every sheet of `source`; raises InputUnreadable when nothing in it can be imported."""
    lookup = CodeLookup(codes)
    issues: list[Issue] = []
    sheets: list[SheetData] = []
    skipped: list[str] = []
    empty = 0
    for name in source.sheet_names:
        if name in source.hidden:
            skipped.append(f"{name}（隐藏的工作表）")
            continue
        if name == PRINT_SHEET:  # our ledgers' print copy of the first sheet's rows
            skipped.append(f"{name}（打印用的工作表）")
            continue
        yield 0, 0, f"读取工作表“{name}”"
        data = yield from _read_sheet(source, name, lookup, issues)
        if data is None:
            skipped.append(name)
            empty += _sheet_is_empty(source, name)
        else:
            sheets.append(data)
            issues.extend(guard_issues(source, data))  # formulas without a saved result
    file = source.path.name
    if not sheets:
        if empty == len([n for n in source.sheet_names if n not in source.hidden]):
            raise InputUnreadable(f"无法导入 {file}：文件里没有数据（所有工作表都是空的）。")
        raise InputUnreadable(
            f"无法导入 {file}：在前 {HEADER_SCAN_ROWS} 行中找不到可识别的表头。"
            "请确认表格有一行列名，例如“户编号”“姓名”“证件号码”“与户主关系”。"
        )
    missing = {
        data.name: [c.header for c in data.kind.columns if c.required and c.field not in data.positions]
        for data in sheets
    }
    complete = [data for data in sheets if not missing[data.name]]
    if not complete:
        problems = [
            f"工作表“{name}”缺少必需的列：{'、'.join(absent)}" for name, absent in missing.items() if absent
        ]
        raise InputUnreadable(
            f"无法导入 {file}：" + "；".join(problems) + "。请补上这些列（列名见导入模板）后再导入。"
        )
    for data in sheets:
        if missing[data.name]:  # a side sheet that only looks like a table; the complete ones are imported
            skipped.append(f"{data.name}（缺少{'、'.join(missing[data.name])}列）")
    sheets = complete
    if not any(len(s) for s in sheets):
        raise InputUnreadable(f"无法导入 {file}：找到了表头，但表头下面没有数据行。")
    spellings = {name: found for name, found in lookup.spellings.items() if found}
    return ParsedWorkbook(source.path, source.format, sheets, issues, skipped, spellings)


def guard_issues(source: Source, data: SheetData) -> list[Issue]:
    from fupin_desktop.excel.formula_guard import guard_issues as found  # it builds on this module

    return found(source, data)


def _sheet_is_empty(source: Source, name: str) -> bool:
    return all(not any(not _is_blank(v) for v in row) for row in islice(source.rows(name), 200))
