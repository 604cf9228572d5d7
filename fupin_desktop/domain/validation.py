"""Checks of one household's record before it is saved (errors block, doubts warn).

Each check is a small named function `(record, today) -> list[Problem]` over a
`domain.records.HouseholdRecord`; `ERROR_CHECKS` and `DOUBT_CHECKS` list them. The data-check registry
(`domain.checks`) runs these same functions as its 证件号码, 户内关系 and 成员信息 rules (matching the
problems' codes), so each check exists once. Only members 在册 are checked: people who left
the household stay in its history as they were recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import DISABILITY_CARD, HEAD, ID_CARD, SPOUSE
from fupin_desktop.domain.idcard import IdProblem
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord


class Severity(StrEnum):
    ERROR = "错误"  # blocks saving
    DOUBT = "疑点"  # warns; saving allowed after confirmation
    HINT = "提示"  # informational (used by the data checks)


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    severity: Severity
    message: str  # Chinese, names the member and says what to fix
    field: str | None = None  # attribute of HouseholdRecord / MemberRecord
    member: int | None = None  # index into record.members; None for the household itself

    @property
    def blocks(self) -> bool:
        return self.severity == Severity.ERROR


Check = Callable[[HouseholdRecord, date], list[Problem]]


def _active(record: HouseholdRecord) -> Iterator[tuple[int, MemberRecord]]:
    return ((i, m) for i, m in enumerate(record.members) if m.active)


def _who(index: int, member: MemberRecord) -> str:
    return f"成员“{member.name}”" if member.name.strip() else f"第{index + 1}位成员"


def _needs_id(member: MemberRecord) -> bool:
    return member.id_type == ID_CARD


# ---------------------------------------------------------------- errors


# The code of each kind of invalid number (the data checks list them as separate rules).
ID_PROBLEM_CODES = {
    IdProblem.EMPTY: "id_format",
    IdProblem.LENGTH: "id_format",
    IdProblem.CHARACTERS: "id_format",
    IdProblem.LEGACY_15: "id_legacy",
    IdProblem.BIRTH_DATE: "id_birth_date",
    IdProblem.FUTURE_BIRTH: "id_birth_date",
    IdProblem.CHECKSUM: "id_checksum",
}


def invalid_ids(record: HouseholdRecord, today: date) -> list[Problem]:
    """证件号码 of a 身份证 that fails GB 11643 (length, characters, birth date, checksum), or of a
    残疾人证 whose first 18 characters do (or whose 残疾类别/等级 digits are no codes). A 15-digit legacy
    number is a doubt: it was valid once, and the member keeps it until the 18-digit one is known."""
    out = []
    for i, m in _active(record):
        number = idcard.normalize(m.id_number)
        if not number:
            continue
        if m.id_type == DISABILITY_CARD:
            message = idcard.disability_card_problem(number, today)
            if message is not None:
                card = idcard.disability_card(number)
                holder = idcard.problem(card.id_number, today) if card else None
                code = ID_PROBLEM_CODES[holder] if holder else "id_format"  # 校验位, 出生日期 as for an ID
                out.append(Problem(code, Severity.ERROR, f"{_who(i, m)}：{message}。", "id_number", i))
            continue
        if not _needs_id(m):
            continue
        found = idcard.problem(number, today)
        if found is not None:
            severity = Severity.DOUBT if found is IdProblem.LEGACY_15 else Severity.ERROR
            out.append(
                Problem(ID_PROBLEM_CODES[found], severity, f"{_who(i, m)}：{found.value}。", "id_number", i)
            )
    return out


def duplicate_ids(record: HouseholdRecord, today: date) -> list[Problem]:
    """The same 证件号码 on two members of the household."""
    seen: dict[str, int] = {}
    out = []
    for i, m in _active(record):
        number = idcard.normalize(m.id_number)
        if not number:
            continue
        if number in seen:
            first = record.members[seen[number]]
            out.append(
                Problem(
                    "id_duplicate",
                    Severity.ERROR,
                    f"{_who(i, m)}的证件号码与{_who(seen[number], first)}相同，请核对后改正。",
                    "id_number",
                    i,
                )
            )
        else:
            seen[number] = i
    return out


def head_count(record: HouseholdRecord, today: date) -> list[Problem]:
    """Exactly one 户主 among the members 在册 (an archived household may have none left)."""
    heads = [i for i, m in _active(record) if m.relation == HEAD]
    if len(heads) == 1 or (record.archived and not heads):
        return []
    if not heads:
        if not record.active_members:
            return [Problem("no_members", Severity.ERROR, "这一户没有在册成员：请至少添加户主。", "members")]
        return [
            Problem(
                "no_head",
                Severity.ERROR,
                "这一户没有户主：请把一位成员的“与户主关系”设为户主。",
                "relation",
                None,
            )
        ]
    names = "、".join(record.members[i].name for i in heads)
    return [
        Problem(
            "two_heads",
            Severity.ERROR,
            f"一户只能有一位户主，现在 {names} 都是户主：请改正其中一位的“与户主关系”。",
            "relation",
            i,
        )
        for i in heads[1:]
    ]


def required_fields(record: HouseholdRecord, today: date) -> list[Problem]:
    """户编号, and for each member 姓名, 与户主关系 and (for a 身份证) 证件号码."""
    out = []
    if not record.number.strip():
        out.append(Problem("required", Severity.ERROR, "户编号不能为空。", "number"))
    for i, m in _active(record):
        if not m.name.strip():
            out.append(Problem("required", Severity.ERROR, f"第{i + 1}位成员：请填写姓名。", "name", i))
        if not (m.relation or "").strip():
            out.append(
                Problem("required", Severity.ERROR, f"{_who(i, m)}：请选择与户主关系。", "relation", i)
            )
        if _needs_id(m) and not idcard.normalize(m.id_number):
            out.append(Problem("required", Severity.ERROR, f"{_who(i, m)}：请填写证件号码。", "id_number", i))
    return out


def held_by(household_number: str, name: str) -> str:
    """Where a number is used, as `ids_used_elsewhere` names it: 户 5224… 的“张三”."""
    return f"户 {household_number} 的“{name}”"


def ids_used_elsewhere(record: HouseholdRecord, elsewhere: Mapping[str, str]) -> list[Problem]:
    """Members whose 证件号码 another household already uses.

    `elsewhere` maps a normalised number to a description of where it is used (`held_by`, several joined
    with 、); the service looks it up in the database.
    """
    out = []
    for i, m in _active(record):
        number = idcard.normalize(m.id_number)
        if number and number in elsewhere:
            out.append(
                Problem(
                    "id_used_elsewhere",
                    Severity.ERROR,
                    f"{_who(i, m)}的证件号码已登记在{elsewhere[number]}名下：同一人不能在两户在册。"
                    "如是迁入，请在原户用“迁到其他户”办理。",
                    "id_number",
                    i,
                )
            )
    return out


# ---------------------------------------------------------------- doubts (DOMAIN §4, household shape)


def spouse_count(record: HouseholdRecord, today: date) -> list[Problem]:
    """At most one 配偶."""
    spouses = [i for i, m in _active(record) if m.relation == SPOUSE]
    if len(spouses) <= 1:
        return []
    names = "、".join(record.members[i].name for i in spouses)
    return [
        Problem(
            "two_spouses",
            Severity.DOUBT,
            f"有 {len(spouses)} 位配偶（{names}）：请核对与户主关系。",
            "relation",
            spouses[1],
        )
    ]


def head_spouse_same_sex(record: HouseholdRecord, today: date) -> list[Problem]:
    """户主 and 配偶 of the same sex."""
    head = record.head
    if head is None or not head.sex:
        return []
    return [
        Problem(
            "head_spouse_same_sex",
            Severity.DOUBT,
            f"户主“{head.name}”与配偶“{m.name}”性别相同（都是{m.sex}）：请核对性别或与户主关系。",
            "sex",
            i,
        )
        for i, m in _active(record)
        if m.relation == SPOUSE and m.sex == head.sex
    ]


def education_and_school(record: HouseholdRecord, today: date) -> list[Problem]:
    """文化程度 is for those out of school, 在校生状况 for pupils: exactly one should be filled."""
    out = []
    for i, m in _active(record):
        if m.education and m.school_status:
            out.append(
                Problem(
                    "education_and_school",
                    Severity.DOUBT,
                    f"{_who(i, m)}同时填写了文化程度和在校生状况：在校生的文化程度应为空。",
                    "education",
                    i,
                )
            )
        elif not m.education and not m.school_status:
            out.append(
                Problem(
                    "education_or_school_missing",
                    Severity.DOUBT,
                    f"{_who(i, m)}的文化程度和在校生状况都没有填写：请填写其中一项。",
                    "education",
                    i,
                )
            )
    return out


_NOT_DIGITS = re.compile(r"\D")


def phone_digits(phone: str | None) -> str:
    """The digits of a phone number as typed (spaces, dashes and brackets dropped)."""
    if not phone or phone.isdigit():  # the usual case, without a regex
        return phone or ""
    return _NOT_DIGITS.sub("", phone)


def phone_problem(phone: str | None) -> bool:
    """A phone number that is filled in but does not have 11 digits."""
    if not phone or (len(phone) == 11 and phone.isdigit()):  # the usual cases, without a regex
        return False
    return bool(phone.strip()) and len(phone_digits(phone)) != 11


def phone_numbers(record: HouseholdRecord, today: date) -> list[Problem]:
    """户联系电话 and 成员联系电话 should have 11 digits."""
    out = []
    if phone_problem(record.phone):
        out.append(
            Problem(
                "phone",
                Severity.DOUBT,
                f"户联系电话“{record.phone}”不是11位：请核对（座机请带区号）。",
                "phone",
            )
        )
    out += [
        Problem(
            "phone",
            Severity.DOUBT,
            f"{_who(i, m)}的联系电话“{m.phone}”不是11位：请核对。",
            "phone",
            i,
        )
        for i, m in _active(record)
        if phone_problem(m.phone)
    ]
    return out


def sex_and_birth_match_id(record: HouseholdRecord, today: date) -> list[Problem]:
    """性别 and 出生日期 as recorded agree with what the (valid) ID number says."""
    out = []
    for i, m in _active(record):
        number = idcard.normalize(m.id_number)
        if m.id_type == DISABILITY_CARD:
            number = idcard.holder_id(number)  # the holder's ID number, then 残疾类别 and 等级
        elif not _needs_id(m):
            continue
        if idcard.problem(number, today) is not None:
            continue
        if m.sex and m.sex != idcard.sex_of(number):
            out.append(
                Problem(
                    "id_sex_mismatch",
                    Severity.DOUBT,
                    f"{_who(i, m)}的性别填为{m.sex}，证件号码显示为{idcard.sex_of(number)}。",
                    "sex",
                    i,
                )
            )
        born = idcard.birth_date_of(number)
        if m.birth_date and born and m.birth_date != born:
            out.append(
                Problem(
                    "id_birth_mismatch",
                    Severity.DOUBT,
                    f"{_who(i, m)}的出生日期填为{m.birth_date:%Y-%m-%d}，证件号码显示为{born:%Y-%m-%d}。",
                    "birth_date",
                    i,
                )
            )
    return out


ERROR_CHECKS: tuple[Check, ...] = (required_fields, invalid_ids, duplicate_ids, head_count)
DOUBT_CHECKS: tuple[Check, ...] = (
    spouse_count,
    head_spouse_same_sex,
    education_and_school,
    phone_numbers,
    sex_and_birth_match_id,
)


def validate(record: HouseholdRecord, today: date) -> list[Problem]:
    """Every problem of the record: errors first, then doubts, each in member order."""
    problems = known_only(record, [p for check in ERROR_CHECKS + DOUBT_CHECKS for p in check(record, today)])
    return sorted(problems, key=lambda p: (not p.blocks, -1 if p.member is None else p.member))


def known_only(record: HouseholdRecord, problems: list[Problem]) -> list[Problem]:
    """Leave out problems about a field the record's source never carried (unknown, not empty:
    `domain.collect`)."""
    if not record.unknown and not any(m.unknown_fields for m in record.members):
        return problems
    out = []
    for p in problems:
        owner = record if p.member is None else record.members[p.member]
        if p.field not in owner.unknown:
            out.append(p)
    return out


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocks]


def doubts(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.blocks]
