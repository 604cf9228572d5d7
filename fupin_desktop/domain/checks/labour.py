"""劳动技能 against age, schooling and health: several checks (开发式帮扶, 缺劳动力, 兜底) trust it, so it
is checked first. The county rule engine's 16–59 rule (1111_14, 5_12_008) tests age 14 where its title
says 16; these follow the title and the labour-age rule (16 and over).
"""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain.checks.facts import (
    FULL_LABOUR,
    HEALTHY,
    LABOUR_CAPABLE,
    RISK_LABOUR,
    WEAK_LABOUR,
    in_school,
    severe_disability,
    under_monitoring,
    who,
)
from fupin_desktop.domain.checks.model import (
    BASIC,
    CAT_MONITORING,
    CAT_RECORDS,
    MEMBERS,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import LABOUR, MECHANISM, SYSTEM, cite
from fupin_desktop.domain.codes import NO_LABOUR

GROUP = "劳动技能"
LABOUR_AGE = 16
OLD_AGE = 60
NO_LABOUR_CHILD = "无劳动力"


def _rule(code: str, severity: Severity, title: str, hint: str, source: str, needs: tuple[str, ...]):
    return rule(
        code,
        severity,
        title,
        hint=hint,
        section=MEMBERS,
        category=CAT_RECORDS,
        group=GROUP,
        source=source,
        needs=needs,
    )


@_rule(
    "labour_child",
    Severity.ERROR,
    "未满16岁但登记有劳动能力",
    "未满16周岁的劳动技能填“无劳动力”。",
    cite(LABOUR, peer="2_01_011 2_12_014"),
    ("m.labour_skill",),
)
def labour_child(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if not m.labour_skill or m.labour_skill == NO_LABOUR_CHILD:
            continue
        years = s.age(m)
        if years is not None and years < LABOUR_AGE:
            yield Hit(f"{who(m)}{years}岁，劳动技能登记为“{m.labour_skill}”。", m, "labour_skill")


@_rule(
    "labour_pupil",
    Severity.ERROR,
    "在校生登记有劳动能力",
    "在校生的劳动技能填“无劳动力”；已离校的清空在校生状况并填写文化程度。",
    cite(SYSTEM, peer="1111_07"),
    ("m.labour_skill", "m.school_status"),
)
def labour_pupil(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if not (m.labour_skill in LABOUR_CAPABLE and in_school(m)):
            continue
        years = s.age(m)
        if years is None or years >= LABOUR_AGE:  # under 16: labour_child says it
            yield Hit(
                f"{who(m)}在校（{m.school_status}），劳动技能登记为“{m.labour_skill}”。", m, "labour_skill"
            )


@_rule(
    "labour_healthy_none",
    Severity.DOUBT,
    "健康的劳动年龄人口登记为无劳动能力",
    "16至59岁、健康、不在校的，一般为普通劳动力或技能劳动力：入户核实后改正劳动技能或健康状况。",
    cite(LABOUR, peer="1111_14 1111_15 5_12_008"),
    ("m.labour_skill", "m.health", "m.school_status"),
)
def labour_healthy_none(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if not ((m.labour_skill in NO_LABOUR or m.labour_skill == WEAK_LABOUR) and m.health == HEALTHY):
            continue
        years = s.age(m)
        if years is not None and LABOUR_AGE <= years < OLD_AGE and not in_school(m):
            yield Hit(
                f"{who(m)}{years}岁、健康、不在校，劳动技能登记为“{m.labour_skill}”。", m, "labour_skill"
            )


@_rule(
    "labour_elderly",
    Severity.DOUBT,
    "60岁以上登记为普通或技能劳动力",
    "60周岁以上的一般为弱劳动力或半劳动力、无劳动力：入户核实后改正劳动技能。",
    cite(LABOUR, peer="2_12_005 2_12_017"),
    ("m.labour_skill",),
)
def labour_elderly(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if m.labour_skill not in FULL_LABOUR:
            continue
        years = s.age(m)
        if years is not None and years >= OLD_AGE:
            yield Hit(f"{who(m)}{years}岁，劳动技能登记为“{m.labour_skill}”。", m, "labour_skill")


@_rule(
    "labour_severe",
    Severity.DOUBT,
    "一、二级残疾登记为普通或技能劳动力",
    "一、二级（重度）残疾人一般为丧失劳动力或弱劳动力：核实残疾等级和劳动技能。",
    cite(LABOUR, peer="4_01_007"),
    ("m.labour_skill", "m.health"),
)
def labour_severe_disabled(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if severe_disability(m) and m.labour_skill in FULL_LABOUR:
            yield Hit(f"{who(m)}为一级或二级残疾，劳动技能登记为“{m.labour_skill}”。", m, "labour_skill")


@_rule(
    "health_labour_empty",
    Severity.ERROR,
    "健康状况或劳动技能为空",
    "每位成员都要填写健康状况；16周岁以上的还要填写劳动技能。",
    cite(SYSTEM, peer="2_01_002 2_01_003 2_12_003"),
    (),
)
def health_labour_empty(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if m.health is not None and m.labour_skill is not None:
            continue
        empty = []
        if m.health is None and "health" not in m.unknown:
            empty.append("健康状况")
        if m.labour_skill is None and "labour_skill" not in m.unknown:
            years = s.age(m)
            if years is None or years >= LABOUR_AGE:
                empty.append("劳动技能")
        if empty:
            yield Hit(
                f"{who(m)}的{'、'.join(empty)}没有填写。",
                m,
                "health" if "健康状况" in empty else "labour_skill",
            )


@rule(
    "labour_risk_wrong",
    Severity.ERROR,
    "风险为缺劳动力但家中劳动力充足",
    hint="家中多数成员是普通或技能劳动力的，风险不是缺劳动力：核对风险类型或成员的劳动技能。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, peer="4_11_009 5_18_008 5_11_029"),
    needs=("m.labour_skill",),
)
def labour_risk_wrong(s: Snapshot) -> Iterator[Hit]:
    """Judged on the household: no member without labour, and at least half of them full labour (the
    peer's three variants — nobody 无劳动力, more than 25 % labour, half of four — in one)."""
    members = s.members
    if not (under_monitoring(s.record) and RISK_LABOUR in s.record.risks and members):
        return
    full = sum(1 for m in members if m.labour_skill in FULL_LABOUR)
    if not any(m.labour_skill in NO_LABOUR for m in members) and full * 2 >= len(members):
        yield Hit(f"风险类型为缺劳动力，但{len(members)}名成员中有{full}名普通或技能劳动力。", field="risks")
