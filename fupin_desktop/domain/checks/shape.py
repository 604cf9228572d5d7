"""户内关系 (DOMAIN §4): exactly one 户主, at most one 配偶, 户主 and 配偶 of different sexes, and no
household without members on the register — the household editor's own checks (`domain.validation`)."""

from __future__ import annotations

from fupin_desktop.domain import validation
from fupin_desktop.domain.checks.model import CAT_RECORDS, MEMBERS, Severity, from_editor, rule

GROUP = "户内关系"


def _rule(code: str, severity: Severity, title: str, hint: str):
    return rule(code, severity, title, hint=hint, section=MEMBERS, category=CAT_RECORDS, group=GROUP)


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
)(from_editor(validation.spouse_count, "two_spouses"))
_rule(
    "head_spouse_same_sex",
    Severity.DOUBT,
    "户主与配偶性别相同",
    "核对户主或配偶的性别（以证件号码为准）和与户主关系。",
)(from_editor(validation.head_spouse_same_sex, "head_spouse_same_sex"))
