"""公民身份号码 (GB 11643-1999): normalise, validate, derive sex and birth date, mask.

18 characters: 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male), check character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
MASK = "********"

_NORMAL = re.compile(r"[0-9]{17}[0-9X]|[0-9]{15}")
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff'’‘\"“”]+")


class IdProblem(StrEnum):
    EMPTY = "证件号码为空"
    LENGTH = "证件号码应为18位"
    LEGACY_15 = "15位旧身份证号码，应换成18位号码"
    CHARACTERS = "证件号码含有非法字符（只能是数字，最后一位可为X）"
    BIRTH_DATE = "证件号码中的出生日期不存在"
    FUTURE_BIRTH = "证件号码中的出生日期晚于今天"
    CHECKSUM = "证件号码校验位错误（可能有数字输错）"


@dataclass(frozen=True, slots=True)
class IdInfo:
    number: str
    birth_date: date
    sex: str  # "男" / "女"
    area_code: str


def normalize(raw: object) -> str:
    """Upper-case ASCII without spaces; full-width digits and a lower-case x are accepted.

    Floats from spreadsheets (e.g. 4.4052418800101e+17) cannot be recovered and are returned as text so
    that validation reports them.
    """
    if raw is None:
        return ""
    if type(raw) is str and _NORMAL.fullmatch(raw):
        return raw  # already normal: the common case, worth skipping NFKC for (data checks)
    text = str(raw)
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text)
    return text.upper()


def check_char(first17: str) -> str:
    """The check character: the digits weighted by 2**(17 - position) mod 11 (WEIGHTS), summed, mod 11.

    Read as a base-13 number the digits give the same sum mod 11 with weights 13**(16 - position),
    and 13 ≡ 2 (mod 11): so twice that number, mod 11, is the weighted sum — one `int()` in C instead
    of seventeen multiplications in Python (the data checks validate every member's number)."""
    if len(first17) != len(WEIGHTS) or not (first17.isascii() and first17.isdigit()):
        raise ValueError("check_char needs the first 17 digits")
    return CHECK_CHARS[2 * int(first17, 13) % 11]


def problem(number: str, today: date | None = None) -> IdProblem | None:
    """The first thing wrong with a normalised 18-character number, or None when it is valid."""
    return _problem(number, today or date.today())


@lru_cache(maxsize=512)  # the editor's checks ask about each member's number more than once
def _problem(number: str, today: date) -> IdProblem | None:
    if not number:
        return IdProblem.EMPTY
    if len(number) == 15 and number.isdigit():
        return IdProblem.LEGACY_15
    if len(number) != 18:
        return IdProblem.LENGTH
    if not (number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")):
        return IdProblem.CHARACTERS
    if not number.isascii():
        return IdProblem.CHARACTERS
    born = _birth(number)
    if born is None:
        return IdProblem.BIRTH_DATE
    if born > today:
        return IdProblem.FUTURE_BIRTH
    if check_char(number[:17]) != number[17]:
        return IdProblem.CHECKSUM
    return None


# 残疾人证 numbers: the holder's 18-character ID number, the 残疾类别 digit, the 残疾等级 digit, and on
# newer cards two more characters (the card's issue, such as B1).
DISABILITY_CARD_LENGTHS = (20, 22)
DISABILITY_KINDS = {
    "1": "视力残疾",
    "2": "听力残疾",
    "3": "言语残疾",
    "4": "肢体残疾",
    "5": "智力残疾",
    "6": "精神残疾",
    "7": "多重残疾",
}
DISABILITY_GRADES = {"1": "一级", "2": "二级", "3": "三级", "4": "四级"}


@dataclass(frozen=True, slots=True)
class DisabilityCard:
    id_number: str  # the first 18 characters
    category: str | None  # 残疾类别 from the 19th digit, None when it is no known code
    grade: str | None  # 残疾等级 from the 20th


def disability_card(number: str) -> DisabilityCard | None:
    """A normalised 残疾人证 number split into its parts, or None when it does not have that shape."""
    if len(number) not in DISABILITY_CARD_LENGTHS or not number[:17].isdigit():
        return None
    if not (number[17].isdigit() or number[17] == "X") or not number[18:20].isdigit():
        return None
    return DisabilityCard(number[:18], DISABILITY_KINDS.get(number[18]), DISABILITY_GRADES.get(number[19]))


def disability_card_problem(number: str, today: date | None = None) -> str | None:
    """What is wrong with a 残疾人证 number (its ID part is checked as an ID number), or None."""
    card = disability_card(number)
    if card is None:
        return f"残疾人证号码应为{'或'.join(map(str, DISABILITY_CARD_LENGTHS))}位：18位身份证号码后接残疾类别和等级"
    found = problem(card.id_number, today)
    if found is not None:
        return f"残疾人证号码的前18位{found.value.removeprefix('证件号码')}"
    if card.category is None or card.grade is None:
        return "残疾人证号码第19、20位应为残疾类别（1–7）和残疾等级（1–4）"
    return None


def holder_id(number: str) -> str:
    """The 18-character ID number inside a 残疾人证 number; any other number unchanged."""
    card = disability_card(number)
    return card.id_number if card else number


def is_valid(number: str, today: date | None = None) -> bool:
    return problem(normalize(number), today) is None


def parse(raw: object, today: date | None = None) -> IdInfo:
    """Normalise and validate; raises ValueError with the Chinese message when invalid."""
    number = normalize(raw)
    found = problem(number, today)
    if found is not None:
        raise ValueError(found.value)
    born = _birth(number)
    assert born is not None
    return IdInfo(number=number, birth_date=born, sex=sex_of(number), area_code=number[:6])


def sex_of(number: str) -> str:
    return "男" if int(number[16]) % 2 == 1 else "女"


def birth_date_of(number: str) -> date | None:
    return _birth(number) if len(number) == 18 else None


def mask(number: str | None) -> str:
    """First 6 + ******** + last 4; anything that is not a full number is masked completely."""
    if not number:
        return ""
    text = normalize(number)
    if len(text) >= 15:
        return text[:6] + MASK + text[-4:]
    if len(text) > 4:
        return "*" * (len(text) - 4) + text[-4:]
    return "*" * len(text)


def make(area_code: str, born: date, sequence: int) -> str:
    """Build a valid number (used by the demo generator and tests)."""
    if not (len(area_code) == 6 and area_code.isdigit()):
        raise ValueError("地区码应为6位数字")
    if not 0 <= sequence <= 999:
        raise ValueError("顺序码应在 000–999 之间")
    first17 = f"{area_code}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


@lru_cache(maxsize=512)  # asked again for the same member by several checks
def _birth(number: str) -> date | None:
    digits = number[6:14]
    if not digits.isdigit():
        return None
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    if born.year < 1880:
        return None
    return born


def age_on(born: date, when: date) -> int:
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))
