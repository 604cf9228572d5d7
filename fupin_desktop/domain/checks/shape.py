"""户内关系 (DOMAIN §4): exactly one 户主, at most one 配偶, 户主 and 配偶 of different sexes, and no
household without members on the register — the household editor's own checks (`domain.validation`)."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain import idcard, validation
from fupin_desktop.domain.checks.facts import who
from fupin_desktop.domain.checks.model import CAT_RECORDS, MEMBERS, Hit, Severity, Snapshot, from_editor, rule
from fupin_desktop.domain.checks.sources import ID_STANDARD, PRACTICE, SYSTEM, cite

GROUP = "户内关系"


def _rule(code: str, severity: Severity, title: str, hint: str, source: str = cite(SYSTEM)):
    return rule(
        code, severity, title, hint=hint, section=MEMBERS, category=CAT_RECORDS, group=GROUP, source=source
    )


_rule(
    "no_members",
    Severity.ERROR,
    "户内没有在册成员",
    "补录家庭成员；全户已自然减少的，将这一户归档并注明原因。",
)(from_editor(validation.head_count, "no_members"))
_rule("no_head", Severity.ERROR, "没有户主", "把户口簿上的户主的“与户主关系”设为户主。")(
    from_editor(validation.head_count, "no_head")
)
_rule("two_heads", Severity.ERROR, "户主多于一人", "一户只有一位户主：其他人改为与户主的实际关系。")(
    from_editor(validation.head_count, "two_heads")
)
_rule(
    "two_spouses",
    Severity.DOUBT,
    "配偶多于一人",
    "核对与户主关系：户主的配偶只有一人，其他人按实际关系填写。",
    cite(SYSTEM, practice=PRACTICE),
)(from_editor(validation.spouse_count, "two_spouses"))
_rule(
    "head_spouse_same_sex",
    Severity.DOUBT,
    "户主与配偶性别相同",
    "核对户主或配偶的性别（以证件号码为准）和与户主关系。",
    cite(ID_STANDARD, SYSTEM),
)(from_editor(validation.head_spouse_same_sex, "head_spouse_same_sex"))

# 与户主关系 that say the member's sex.
MEN = frozenset(
    {
        "之子",
        "之女婿",
        "之孙子",
        "之外孙子",
        "之父",
        "之岳父",
        "之公公",
        "之祖父",
        "之外祖父",
        "之曾孙子",
        "之侄儿",
    }
)
WOMEN = frozenset(
    {
        "之女",
        "之儿媳",
        "之孙女",
        "之外孙女",
        "之母",
        "之岳母",
        "之婆婆",
        "之祖母",
        "之外祖母",
        "之曾孙女",
        "之侄女",
        "之兄弟媳妇",
    }
)


def _sex(m) -> str | None:  # type: ignore[no-untyped-def]
    """As recorded, else from a valid 18-digit number."""
    if m.sex:
        return m.sex
    number = idcard.normalize(m.id_number)
    return idcard.sex_of(number) if idcard.birth_date_of(number) else None


@_rule(
    "relation_sex",
    Severity.ERROR,
    "与户主关系与性别不符",
    "核对与户主关系（之子、之女、之儿媳……）和性别（以证件号码为准）。",
    cite(SYSTEM, peer="2_01_004 2_12_008"),
)
def relation_sex(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        sex = _sex(m)
        wanted = "男" if m.relation in MEN else "女" if m.relation in WOMEN else None
        if sex and wanted and sex != wanted:
            yield Hit(f"{who(m)}与户主关系为{m.relation}，性别却是{sex}。", m, "relation")
