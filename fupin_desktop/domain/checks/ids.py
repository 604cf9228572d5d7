"""证件号码 (DOMAIN §2.4, §4): format, birth date, checksum, duplicates across the database, and 性别 /
出生日期 as typed against what the number says. The household editor's own checks
(`domain.validation`) do the work; duplicates in other households come from the service through
`CheckContext.duplicate_ids`."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain import idcard, validation
from fupin_desktop.domain.checks.facts import DISABILITY_CARD, who
from fupin_desktop.domain.checks.model import (
    CAT_RECORDS,
    MEMBERS,
    Hit,
    Severity,
    Snapshot,
    from_editor,
    rule,
)
from fupin_desktop.domain.checks.sources import DISABILITY_CARD_RULE, ID_STANDARD, SYSTEM, cite

GROUP = "证件号码"


def _rule(
    code: str, severity: Severity, title: str, hint: str, source: str = cite(ID_STANDARD, peer="1_01_004")
):
    return rule(
        code, severity, title, hint=hint, section=MEMBERS, category=CAT_RECORDS, group=GROUP, source=source
    )


_rule(
    "id_format",
    Severity.ERROR,
    "证件号码位数或字符错误",
    "对照居民身份证或户口簿填写18位证件号码，最后一位可为X；没有身份证的请选对证件类型。",
)(from_editor(validation.invalid_ids, "id_format"))

_rule("id_legacy", Severity.DOUBT, "15位旧身份证号码", "换成居民身份证上的18位号码（15位号码已停用）。")(
    from_editor(validation.invalid_ids, "id_legacy")
)

_rule(
    "id_birth_date",
    Severity.ERROR,
    "证件号码中的出生日期不存在",
    "第7至14位是出生年月日，核对是否输错；以居民身份证为准。",
)(from_editor(validation.invalid_ids, "id_birth_date"))

_rule(
    "id_checksum",
    Severity.ERROR,
    "证件号码校验位错误",
    "号码中有数字输错或顺序颠倒，对照居民身份证逐位核对。",
)(from_editor(validation.invalid_ids, "id_checksum"))


@_rule(
    "id_duplicate",
    Severity.ERROR,
    "证件号码重复",
    "同一证件号码只能登记一人：核对是谁输错；如是迁户，在原户办理“迁到其他户”。",
    cite(ID_STANDARD, SYSTEM, practice="一人一号，全库不重复"),
)
def id_duplicate(s: Snapshot) -> Iterator[Hit]:
    yield from from_editor(validation.duplicate_ids, "id_duplicate")(s)
    elsewhere = _elsewhere(s)
    if elsewhere:
        for p in validation.ids_used_elsewhere(s.record, elsewhere):
            yield Hit(p.message, s.record.members[p.member] if p.member is not None else None, p.field or "")


def _elsewhere(s: Snapshot) -> dict[str, str]:
    """The household's numbers that other households on the register also hold, and where."""
    duplicates = s.context.duplicate_ids
    if not duplicates:
        return {}
    out = {}
    for m in s.members:
        holders = duplicates.get(m.id_number or "")  # keyed by the numbers as stored and as normalised
        others = [validation.held_by(h, name) for h, name in holders or () if h != s.record.number]
        if others:
            out[idcard.normalize(m.id_number)] = "、".join(others)
    return out


_rule(
    "id_sex_mismatch",
    Severity.ERROR,
    "性别与证件号码不符",
    "证件号码第17位单数为男、双数为女：核对性别或证件号码。",
)(from_editor(validation.sex_and_birth_match_id, "id_sex_mismatch"))

_rule(
    "id_birth_mismatch",
    Severity.ERROR,
    "出生日期与证件号码不符",
    "出生日期应与证件号码第7至14位一致：核对出生日期或证件号码。",
)(from_editor(validation.sex_and_birth_match_id, "id_birth_mismatch"))


@_rule(
    "id_disability_card",
    Severity.HINT,
    "以残疾人证号码登记",
    "核对是否应登记居民身份证号码；残疾人证号码的第19、20位（残疾类别、等级）应与残疾类别、残疾等级一致。",
    cite(DISABILITY_CARD_RULE, peer="1_12_004"),
)
def id_disability_card(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        card = idcard.disability_card(idcard.normalize(m.id_number)) if m.id_type == DISABILITY_CARD else None
        if card is None:
            continue
        stated = [
            f"{label}为{value}，证号显示为{shown}"
            for label, value, shown in (
                ("残疾类别", m.disability_category, card.category),
                ("残疾等级", m.disability_grade, card.grade),
            )
            if value and shown and value != shown
        ]
        detail = f"；{'；'.join(stated)}" if stated else ""
        yield Hit(f"{who(m)}以{len(m.id_number or '')}位残疾人证号码登记{detail}。", m, "id_number")


# The first two digits of a real 行政区划代码 (provinces; 71 台湾, 81 香港, 82 澳门).
PROVINCE_CODES = frozenset(
    ("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42"),
) | frozenset(
    ("43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82")
)


def placeholder(number: str) -> bool:
    """A made-up number that passes the format: no such province, or one digit repeated (999999…)."""
    digits = number[:17]
    return (
        len(number) == 18
        and digits.isdigit()
        and (digits[:2] not in PROVINCE_CODES or len(set(digits[:6])) == 1)
    )


@_rule(
    "id_placeholder",
    Severity.ERROR,
    "证件号码是占位号码",
    "这不是真实的证件号码（地区码不存在或为999999等）：对照居民身份证或户口簿填写本人号码。",
    cite(ID_STANDARD, peer="4_01_003"),
)
def id_placeholder(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        raw = m.id_number or ""
        if raw[:2] in PROVINCE_CODES and len(set(raw[:6])) > 1:
            continue  # a real province and not one digit repeated: the common case, told at once
        number = idcard.normalize(raw)
        if m.id_type != DISABILITY_CARD and placeholder(number):
            yield Hit(f"{who(m)}的证件号码{number[:6]}……的地区码不存在，是占位或编造的号码。", m, "id_number")
