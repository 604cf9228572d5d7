"""Cell values as spreadsheets deliver them → the values a field holds.

python-calamine returns whole numbers as floats, dates as `date`/`datetime` when the cell has a date
format and as serial numbers when it does not; national exports add numbers stored as text, text stored
as numbers, `YYYYMM` months, full-width spaces and a lower-case x. Each reader below takes one raw
value and returns the field's value, or raises `ValueProblem` with a Chinese message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta

from fupin_desktop.domain import idcard

Reader = Callable[[object], object]

EXCEL_EPOCH = date(1899, 12, 30)
EXACT_FLOAT_DIGITS = 2**53  # floats hold every integer below this exactly

_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_UNITS = ("个月", "平方米", "元", "月", "亩", "㎡", "人", "年")
_MONTH_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$"
)

YES = frozenset({"是", "y", "yes", "√", "✓", "✔", "1", "true", "有", "对", "t"})
NO = frozenset({"否", "n", "no", "×", "✗", "✘", "0", "false", "无", "不", "f", "没有"})


UNKNOWN_TEXT = "待采集"


class _Unknown:
    """A cell saying 待采集: the fact is not known yet (our own exports write it where a source lacked the
    field), which is not the same as empty. Falsy, so it never counts as a value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return UNKNOWN_TEXT

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


class ValueProblem(ValueError):
    """A cell that cannot be read for its field; the message is Chinese and names the value."""


def _whole(number: float) -> str:
    """A float that holds a whole number, as digits (12.0 → "12")."""
    return str(int(number)) if number == int(number) else repr(number)


def text(raw: object) -> str | None:
    """Trimmed text; whole-number floats become digits; full-width spaces count as spaces."""
    if raw is None:
        return None
    if isinstance(raw, str):
        if raw.isprintable() and raw[:1] != " " and raw[-1:] != " ":
            return raw or None  # the common case: nothing to trim
        value = raw.strip().strip("\u3000\u00a0\u200b\ufeff").strip()
        return value or None
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float):
        return _whole(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat(" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip() or None


def name(raw: object) -> str | None:
    """A person's or place's name: every space removed (张　三 → 张三)."""
    if isinstance(raw, str) and raw.isprintable() and " " not in raw:
        return raw or None  # no space of any kind (full-width spaces are not printable)
    value = text(raw)
    return _SPACE.sub("", value) or None if value else None


def digits_text(raw: object, what: str) -> str | None:
    """A number that is really text (户编号, phone): floats back to digits, spaces removed.

    A float beyond 2**53 (or text in scientific notation) has lost its last digits when Excel stored it
    as a number; that cannot be repaired here.
    """
    if raw is None:
        return None
    if isinstance(raw, str) and raw.isascii() and raw.isdigit():
        return raw  # the common case
    if isinstance(raw, float):
        if raw != int(raw) or abs(raw) >= EXACT_FLOAT_DIGITS:
            raise ValueProblem(
                f"{what}被 Excel 存成了数字（{raw:.15g}），后几位已经丢失；请把该列设为文本后重新导出"
            )
        return str(int(raw))
    value = name(raw)
    if value is None:
        return None
    value = unicodedata.normalize("NFKC", value)
    if _SCIENTIFIC.match(value):
        raise ValueProblem(f"{what}“{value}”是科学计数法，后几位已经丢失；请把该列设为文本后重新导出")
    return value.removesuffix(".0") if value[:-2].isdigit() else value


def id_number(raw: object) -> str | None:
    """证件号码: normalised (full-width digits, lower-case x, spaces); checked elsewhere."""
    if isinstance(raw, float):
        return digits_text(raw, "证件号码")
    if raw is None:
        return None
    value = idcard.normalize(raw)
    if _SCIENTIFIC.match(value.lower().replace("E+", "e+")):
        raise ValueProblem(f"证件号码“{value}”是科学计数法，后几位已经丢失；请把该列设为文本后重新导出")
    return value or None


def _number_text(raw: str) -> str:
    value = unicodedata.normalize("NFKC", _SPACE.sub("", raw))
    for unit in _UNITS:
        value = value.removesuffix(unit)
    return value


def number(raw: object) -> float | None:
    if raw is None or isinstance(raw, bool):
        if raw is None:
            return None
        raise ValueProblem(f"“{text(raw)}”不是数字")
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        value = _number_text(raw)
        if not value:
            return None
        if _NUMBER.match(value) and any(c.isdigit() for c in value):
            return float(value.replace(",", ""))
    raise ValueProblem(f"“{text(raw)}”不是数字")


def integer(raw: object) -> int | None:
    value = number(raw)
    if value is None:
        return None
    if value != int(value):
        raise ValueProblem(f"“{text(raw)}”应为整数")
    return int(value)


def _from_digits(value: int) -> date | None:
    """20210305 (YYYYMMDD), 202103 (YYYYMM) or an Excel serial number."""
    try:
        if 19000101 <= value <= 21001231:
            return date(value // 10000, value // 100 % 100, value % 100)
        if 190001 <= value <= 210012:
            return date(value // 100, value % 100, 1)
        if 1 <= value <= 80000:
            return EXCEL_EPOCH + timedelta(days=value)
    except ValueError:
        return None
    return None


def day(raw: object) -> date | None:
    """A date from an Excel date, a serial number, YYYYMMDD, YYYYMM, YYYY-MM-DD, YYYY/M/D, YYYY年M月(D日)."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, bool):
        raise ValueProblem(f"“{text(raw)}”不是日期")
    if isinstance(raw, int | float):
        found = _from_digits(int(raw)) if raw == int(raw) else EXCEL_EPOCH + timedelta(days=int(raw))
        if found is None:
            raise ValueProblem(f"“{_whole(float(raw))}”不是日期")
        return found
    value = unicodedata.normalize("NFKC", str(raw)).strip()
    if not value:
        return None
    try:
        if value.isdigit():
            found = _from_digits(int(value)) if len(value) in (6, 8) else None
            if found is not None:
                return found
        elif m := _DATE_TEXT.match(value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        elif m := _MONTH_TEXT.match(value):
            return date(int(m[1]), int(m[2]), 1)
    except ValueError:
        pass
    raise ValueProblem(f"“{value}”不是可识别的日期（可写成 2024-03-05、202403、2024年3月）")


def month(raw: object) -> date | None:
    """A month (识别监测时间, 消除监测时间): any date form, kept as the first of the month."""
    found = day(raw)
    return found.replace(day=1) if found else None


def yes_no(raw: object) -> bool | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        if raw in (0, 1):
            return bool(raw)
        raise ValueProblem(f"“{_whole(float(raw))}”应为“是”或“否”")
    value = unicodedata.normalize("NFKC", _SPACE.sub("", str(raw))).lower()
    if not value:
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueProblem(f"“{str(raw).strip()}”应为“是”或“否”")


def danger_level(raw: object) -> str | None:
    """危房等级 A–D (accepts “C级”, lower case)."""
    value = text(raw)
    if value is None:
        return None
    letter = unicodedata.normalize("NFKC", value).upper().removesuffix("级").strip()
    if letter in ("A", "B", "C", "D"):
        return letter
    raise ValueProblem(f"危房等级“{value}”应为 A、B、C 或 D")


def split_list(raw: object) -> tuple[str, ...]:
    """Comma-joined values (帮扶措施 columns of monitoring lists): 、，,；; and line breaks."""
    value = text(raw)
    if value is None:
        return ()
    parts = re.split(r"[、，,；;\n]+", value)
    return tuple(p.strip() for p in parts if p.strip())


NOT_ENJOYED = frozenset({"未享受", "不享受", "无", "否", "未纳入", "没有"})


def enjoyment(raw: object, kinds: dict[str, str]) -> tuple[bool | None, str | None]:
    """享受低保政策情况 and the like: (enjoyed, kind). A kind of the code list (农村低保; `kinds` maps
    folded spellings to it) is (True, kind); 未享受 / 不享受 is (False, None); 是 / 否 without a kind."""
    value = text(raw)
    if value is None:
        return None, None
    key = unicodedata.normalize("NFKC", _SPACE.sub("", value)).lower()
    if key in kinds:
        return True, kinds[key]
    if key in NOT_ENJOYED:
        return False, None
    try:
        return yes_no(value), None
    except ValueProblem:
        pass
    choices = "、".join(dict.fromkeys(kinds.values()))
    raise ValueProblem(f"“{value}”应为{choices}或未享受")


def enjoyment_text(enjoyed: bool | None, kind: str | None, none_word: str = "未享受") -> str | None:
    """The cell for (enjoyed, kind), as `enjoyment` reads it back."""
    if enjoyed is None:
        return None
    if not enjoyed:
        return none_word
    return kind or "是"


_TITLE_DATE = re.compile(
    r"(?<!\d)(20\d\d)\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[-/.](\d{1,2})[-/.](\d{1,2})|(\d\d)(\d\d)(?!\d))"
)
_TITLE_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")


_BARE_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def stated_year(*texts: str, bare: bool = False) -> int | None:
    """The year a title or a file name states (…截至2023年12月18日, …_20231218.xlsx, 2023年度…); with
    `bare`, also a year standing alone (a file named 贫困户数据2020)."""
    for value in texts:
        value = unicodedata.normalize("NFKC", value or "")
        found = _TITLE_DATE.search(value) or _TITLE_YEAR.search(value) or (bare and _BARE_YEAR.search(value))
        if found:
            return int(found[1])
    return None
