"""证件号码 (DOMAIN §2.4, §4): format, birth date, checksum, duplicates across the database, and 性别 /
出生日期 as typed against what the number says. Only 身份证 numbers are checked (a 残疾人证 number has
its own form); members who left the household (自然减少) are not."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain import idcard
from fupin_desktop.domain.checks.facts import who
from fupin_desktop.domain.checks.model import (
    CAT_RECORDS,
    MEMBERS,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.idcard import IdProblem

GROUP = "证件号码"
FORMAT_PROBLEMS = (IdProblem.EMPTY, IdProblem.LENGTH, IdProblem.CHARACTERS)
DATE_PROBLEMS = (IdProblem.BIRTH_DATE, IdProblem.FUTURE_BIRTH)


def _problems(s: Snapshot, kinds: tuple[IdProblem, ...]) -> Iterator[Hit]:
    for m, number, found in s.id_cards:
        if found in kinds:
            detail = f"（现为{len(number)}位）" if found is IdProblem.LENGTH else ""
            yield Hit(f"{who(m)}：{found.value}{detail}。", m, "id_number")


@rule(
    "id_format",
    Severity.ERROR,
    "证件号码为空或格式错误",
    hint="对照居民身份证或户口簿填写18位证件号码，最后一位可为X；没有身份证的请选对证件类型。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def id_format(s: Snapshot) -> Iterator[Hit]:
    return _problems(s, FORMAT_PROBLEMS)


@rule(
    "id_legacy",
    Severity.DOUBT,
    "15位旧身份证号码",
    hint="换成居民身份证上的18位号码（15位号码已停用）。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def id_legacy(s: Snapshot) -> Iterator[Hit]:
    return _problems(s, (IdProblem.LEGACY_15,))


@rule(
    "id_birth_date",
    Severity.ERROR,
    "证件号码中的出生日期不存在",
    hint="第7至14位是出生年月日，核对是否输错；以居民身份证为准。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def id_birth_date(s: Snapshot) -> Iterator[Hit]:
    return _problems(s, DATE_PROBLEMS)


@rule(
    "id_checksum",
    Severity.ERROR,
    "证件号码校验位错误",
    hint="号码中有数字输错或顺序颠倒，对照居民身份证逐位核对。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def id_checksum(s: Snapshot) -> Iterator[Hit]:
    return _problems(s, (IdProblem.CHECKSUM,))


@rule(
    "id_duplicate",
    Severity.ERROR,
    "证件号码重复",
    hint="同一证件号码只能登记一人：核对是谁输错；如是迁户，在原户办理“迁到其他户”。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def id_duplicate(s: Snapshot) -> Iterator[Hit]:
    if not s.context.duplicate_ids:
        return
    for m in s.members:
        holders = s.context.duplicate_ids.get(idcard.normalize(m.id_number))
        if not holders:
            continue
        others = list(holders)
        me = holder_label(s.record.number, m.name)
        if me in others:
            others.remove(me)
        yield Hit(f"{who(m)}的证件号码与{'、'.join(others)}相同。", m, "id_number")


def holder_label(household_number: str, name: str) -> str:
    """How a holder of a duplicated number is named in the messages (the service builds the map)."""
    return f"{household_number}户{name}"


@rule(
    "id_sex_mismatch",
    Severity.ERROR,
    "性别与证件号码不符",
    hint="证件号码第17位单数为男、双数为女：核对性别或证件号码。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def id_sex_mismatch(s: Snapshot) -> Iterator[Hit]:
    for m, number, found in s.id_cards:
        if m.sex and found is None and m.sex != idcard.sex_of(number):
            yield Hit(f"{who(m)}的性别填为{m.sex}，证件号码显示为{idcard.sex_of(number)}。", m, "sex")


@rule(
    "id_birth_mismatch",
    Severity.ERROR,
    "出生日期与证件号码不符",
    hint="出生日期应与证件号码第7至14位一致：核对出生日期或证件号码。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def id_birth_mismatch(s: Snapshot) -> Iterator[Hit]:
    for m, number, found in s.id_cards:
        if not m.birth_date or found is not None:
            continue
        born = idcard.birth_date_of(number)
        if born and born != m.birth_date:
            yield Hit(
                f"{who(m)}的出生日期填为{m.birth_date:%Y-%m-%d}，证件号码显示为{born:%Y-%m-%d}。",
                m,
                "birth_date",
            )
