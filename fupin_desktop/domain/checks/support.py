"""兜底保障: 低保, 特困供养 and the 残疾人两项补贴 against the members who receive them and the household's
综合保障 measures, judged per household — a measure is the household's, not each member's.

The county rule engine tests 5_16_005 and 4_11_015 per person (it fires on every member who is not a
recipient of a household's 低保); policy means the household, and so do these rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from fupin_desktop.domain.checks.facts import (
    HEALTHY,
    MEASURE_GUARANTEE,
    RISK_DISABILITY,
    disabled,
    enjoys_dibao,
    enjoys_tekun,
    has_work,
    household_without_labour,
    in_school,
    measure_mentions,
    severe_disability,
    under_monitoring,
    who,
)
from fupin_desktop.domain.checks.model import (
    BASIC,
    CAT_MONITORING,
    MEASURES,
    MEMBERS,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import (
    DIBAO,
    DISABILITY_SUBSIDY,
    GUIDE,
    MECHANISM,
    SYSTEM,
    TEKUN,
    cite,
)
from fupin_desktop.domain.codes import NO_LABOUR
from fupin_desktop.domain.records import MemberRecord

GROUP = "兜底保障"
DIBAO_WORDS = ("低保",)
TEKUN_WORDS = ("特困",)
DISABILITY_WORDS = ("残疾",)  # 残疾人补贴, 残疾人两项补贴, 重度残疾人护理补贴
TEKUN_WORKING_AGES = range(18, 60)


def _names(members: list[MemberRecord]) -> str:
    return "、".join(m.name for m in members)


Enjoys = Callable[[MemberRecord], bool]


def _received_not_recorded(
    s: Snapshot, enjoys: Enjoys, words: tuple[str, ...], who_do: str, what: str
) -> Iterator[Hit]:
    """Members of a 监测对象 receive it; the household's 综合保障 does not name it."""
    receiving = [m for m in s.members if enjoys(m)]
    if receiving and under_monitoring(s.record) and not measure_mentions(s.record, MEASURE_GUARANTEE, *words):
        yield Hit(f"{_names(receiving)}{who_do}，但综合保障措施中没有{what}。", field="measures")


def _recorded_not_received(
    s: Snapshot, enjoys: Enjoys, words: tuple[str, ...], what: str, says: str
) -> Iterator[Hit]:
    """The 综合保障 of a 监测对象 names it; no member receives it (judged on the household)."""
    if (
        s.record.is_monitored
        and s.members
        and measure_mentions(s.record, MEASURE_GUARANTEE, *words)
        and not any(enjoys(m) for m in s.members)
    ):
        yield Hit(f"综合保障措施中有{what}，但家庭成员中{says}。", field="measures")


@rule(
    "dibao_no_measure",
    Severity.ERROR,
    "享受低保但综合保障中无低保",
    hint="在帮扶措施的综合保障中录入低保（写明城市或农村低保），与成员的低保享受情况一致。",
    section=MEASURES,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(DIBAO, SYSTEM, peer="5_16_003"),
    needs=("m.dibao", "h.measures"),
)
def dibao_no_measure(s: Snapshot) -> Iterator[Hit]:
    yield from _received_not_recorded(s, enjoys_dibao, DIBAO_WORDS, "享受低保", "低保")


@rule(
    "tekun_no_measure",
    Severity.ERROR,
    "特困供养但综合保障中无特困供养",
    hint="在帮扶措施的综合保障中录入特困供养，与成员的特困供养情况一致。",
    section=MEASURES,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(TEKUN, SYSTEM, peer="5_16_004"),
    needs=("m.tekun", "h.measures"),
)
def tekun_no_measure(s: Snapshot) -> Iterator[Hit]:
    yield from _received_not_recorded(s, enjoys_tekun, TEKUN_WORDS, "是特困供养人员", "特困供养")


@rule(
    "measure_no_dibao",
    Severity.ERROR,
    "综合保障有低保但无人享受低保",
    hint="核实低保：有人享受的，在成员信息中填写是否享受低保和低保类别；没有的，删去综合保障中的低保。",
    section=MEMBERS,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(DIBAO, SYSTEM, peer="5_16_005"),
    needs=("m.dibao", "h.measures"),
)
def measure_no_dibao(s: Snapshot) -> Iterator[Hit]:
    yield from _recorded_not_received(s, enjoys_dibao, DIBAO_WORDS, "低保", "没有人享受低保")


@rule(
    "measure_no_tekun",
    Severity.ERROR,
    "综合保障有特困供养但无特困人员",
    hint="核实特困供养：有人供养的，在成员信息中填写是否特困供养人员；没有的，删去综合保障中的特困供养。",
    section=MEMBERS,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(TEKUN, SYSTEM, peer="4_11_015"),
    needs=("m.tekun", "h.measures"),
)
def measure_no_tekun(s: Snapshot) -> Iterator[Hit]:
    yield from _recorded_not_received(s, enjoys_tekun, TEKUN_WORDS, "特困供养", "没有特困供养人员")


@rule(
    "no_labour_unmarked",
    Severity.ERROR,
    "全家无劳动力但未标为兜底保障户",
    hint="全家都是无劳动力或丧失劳动力的，“是否整户无劳动能力兜底保障户”应为“是”；或核实成员的劳动技能。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(GUIDE, SYSTEM, peer="5_11_033"),
    needs=("m.labour_skill", "h.no_labour_guarantee"),
)
def no_labour_unmarked(s: Snapshot) -> Iterator[Hit]:
    members = s.members
    if (
        under_monitoring(s.record)
        and members
        and all(m.labour_skill in NO_LABOUR for m in members)
        and s.record.no_labour_guarantee is False
    ):
        yield Hit(
            "家庭成员都是无劳动力或丧失劳动力，但未标为整户无劳动能力兜底保障户。",
            field="no_labour_guarantee",
        )


@rule(
    "no_labour_no_support",
    Severity.ERROR,
    "整户无劳动能力但未纳入低保或特困",
    hint="整户无劳动能力的监测户应纳入低保或特困供养兜底：协调民政部门落实，或核实劳动技能。",
    section=MEMBERS,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, DIBAO, TEKUN, peer="5_19_003 5_19_007"),
    needs=("m.labour_skill", "m.dibao", "m.tekun"),
)
def no_labour_no_support(s: Snapshot) -> Iterator[Hit]:
    if (
        s.record.is_monitored
        and household_without_labour(s.record)
        and not any(enjoys_dibao(m) or enjoys_tekun(m) for m in s.members)
    ):
        yield Hit("整户无劳动能力，但没有成员享受低保或特困供养。", field="members")


@rule(
    "tekun_able",
    Severity.DOUBT,
    "特困人员是健康的劳动年龄人口",
    hint="特困供养以无劳动能力为条件：核实该成员的健康状况和劳动能力，不符合的协调民政部门调整。",
    section=MEMBERS,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(TEKUN, peer="5_15_018 5_15_019"),
    needs=("m.tekun", "m.health", "m.school_status"),
)
def tekun_able(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if not enjoys_tekun(m):
            continue
        years = s.age(m)
        if (
            years in TEKUN_WORKING_AGES
            and m.health == HEALTHY
            and not in_school(m)
            and m.labour_skill not in NO_LABOUR
        ):
            yield Hit(f"{who(m)}{years}岁、健康，不在校，登记为特困供养人员。", m, "tekun")


@rule(
    "tekun_working",
    Severity.DOUBT,
    "特困人员在外务工",
    hint="有务工收入的一般不符合特困供养条件：核实务工情况，或协调民政部门复核特困供养。",
    section=MEMBERS,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(TEKUN, peer="5_01_004 5_12_003"),
    needs=("m.tekun", "m.work_status", "m.work_place", "m.work_months"),
)
def tekun_working(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if enjoys_tekun(m) and has_work(m):
            place = f"（{m.work_status or m.work_place}）" if m.work_status or m.work_place else ""
            yield Hit(f"{who(m)}是特困供养人员，同时登记有务工{place}。", m, "work_status")


@rule(
    "disabled_unrecorded",
    Severity.DOUBT,
    "健康状况为残疾但无残疾类别和等级",
    hint="持残疾人证的填写残疾类别和等级（或以残疾人证号码登记）；没有办证的，协助办理残疾人证。",
    section=MEMBERS,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(DISABILITY_SUBSIDY, peer="4_01_002 4_12_003"),
    needs=("m.health",),
)
def disabled_unrecorded(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if (
            m.health == "残疾"
            and not m.disability_category
            and not m.disability_grade
            and m.id_type != "残疾人证"
        ):
            yield Hit(f"{who(m)}健康状况为残疾，但没有残疾类别、等级或残疾人证。", m, "disability_category")


@rule(
    "subsidy_no_disabled",
    Severity.ERROR,
    "有残疾人补贴但无残疾成员",
    hint="核实残疾人两项补贴：有残疾成员的补录残疾信息；没有的，删去综合保障中的残疾人补贴。",
    section=MEASURES,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(DISABILITY_SUBSIDY, peer="4_11_016"),
    needs=("m.health", "h.measures"),
)
def subsidy_no_disabled(s: Snapshot) -> Iterator[Hit]:
    if (
        measure_mentions(s.record, MEASURE_GUARANTEE, *DISABILITY_WORDS)
        and s.members
        and not any(disabled(m) for m in s.members)
    ):
        yield Hit("综合保障措施中有残疾人补贴，但家庭成员中没有残疾人。", field="measures")


@rule(
    "severe_no_subsidy",
    Severity.DOUBT,
    "重度残疾未享受残疾人补贴",
    hint="一、二级残疾人可享受重度残疾人护理补贴：协调残联落实，录入综合保障中的残疾人补贴。",
    section=MEASURES,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(DISABILITY_SUBSIDY, peer="5_16_008"),
    needs=("m.health", "h.measures"),
)
def severe_no_subsidy(s: Snapshot) -> Iterator[Hit]:
    if not (s.record.is_monitored and RISK_DISABILITY in s.record.risks):
        return
    if measure_mentions(s.record, MEASURE_GUARANTEE, *DISABILITY_WORDS):
        return
    severe = [m for m in s.members if severe_disability(m)]
    if severe:
        yield Hit(f"{_names(severe)}为一级或二级残疾，综合保障措施中没有残疾人补贴。", field="measures")
