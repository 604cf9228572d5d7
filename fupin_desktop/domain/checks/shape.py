"""户内关系 (DOMAIN §4): exactly one 户主, at most one 配偶, 户主 and 配偶 of different sexes, and no
household without members on the register."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain.checks.model import (
    CAT_RECORDS,
    MEMBERS,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.codes import HEAD, SPOUSE

GROUP = "户内关系"


@rule(
    "no_members",
    Severity.ERROR,
    "户内没有在册成员",
    hint="补录家庭成员；全户已自然减少的，将这一户归档并注明原因。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def no_members(s: Snapshot) -> Iterator[Hit]:
    if not s.members:
        yield Hit("这一户没有在册的家庭成员。", field="members")


@rule(
    "no_head",
    Severity.ERROR,
    "没有户主",
    hint="把户口簿上的户主的“与户主关系”设为户主。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def no_head(s: Snapshot) -> Iterator[Hit]:
    members = s.members
    if members and not any(m.relation == HEAD for m in members):
        yield Hit("在册成员中没有户主。", field="relation")


@rule(
    "two_heads",
    Severity.ERROR,
    "户主多于一人",
    hint="一户只有一位户主：把其他人的“与户主关系”改为与户主的实际关系。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def two_heads(s: Snapshot) -> Iterator[Hit]:
    heads = [m for m in s.members if m.relation == HEAD]
    names = "、".join(m.name for m in heads)
    for m in heads[1:]:
        yield Hit(f"{names}都登记为户主。", m, "relation")


@rule(
    "two_spouses",
    Severity.DOUBT,
    "配偶多于一人",
    hint="核对与户主关系：户主的配偶只有一人，其他人按实际关系填写（如之儿媳）。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def two_spouses(s: Snapshot) -> Iterator[Hit]:
    spouses = [m for m in s.members if m.relation == SPOUSE]
    names = "、".join(m.name for m in spouses)
    for m in spouses[1:]:
        yield Hit(f"{names}都登记为户主的配偶。", m, "relation")


@rule(
    "head_spouse_same_sex",
    Severity.DOUBT,
    "户主与配偶性别相同",
    hint="核对户主或配偶的性别（以证件号码为准）和与户主关系。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
)
def head_spouse_same_sex(s: Snapshot) -> Iterator[Hit]:
    head = s.record.head
    if head is None or not head.sex:
        return
    for m in s.members:
        if m.relation == SPOUSE and m.sex == head.sex:
            yield Hit(f"户主“{head.name}”与配偶“{m.name}”的性别都是{m.sex}。", m, "sex")
