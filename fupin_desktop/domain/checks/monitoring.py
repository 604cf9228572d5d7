"""监测逻辑 (DOMAIN §4): a 监测对象's risks must agree with its members, measures and 三保障和饮水.
Only households with a 监测对象类别 carry risks, so only they are checked here."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain.checks.facts import (
    MEASURE_HOUSING,
    MEASURE_RELOCATION,
    MEASURE_WATER,
    RISK_DISABILITY,
    RISK_HOUSING,
    RISK_ILLNESS,
    RISK_WATER,
    RISK_WORK,
    disabled,
    has_measure,
    has_work,
    uninsured,
    water_problems,
    who,
)
from fupin_desktop.domain.checks.model import (
    BASIC,
    CAT_MONITORING,
    MEASURES,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import GUIDE, INSPECTION, MECHANISM, cite
from fupin_desktop.domain.codes import NO_LABOUR
from fupin_desktop.domain.records import HouseholdRecord

GROUP = "监测逻辑"


def _has_risk(record: HouseholdRecord, risk: str) -> bool:
    return record.is_monitored and risk in record.risks


@rule(
    "disability_risk",
    Severity.ERROR,
    "风险为因残但无残疾成员",
    hint="核对风险类型；如有残疾成员，补录其健康状况为残疾及残疾类别、等级。",
    section=BASIC,
    category=CAT_MONITORING,
    needs=("m.health",),
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, peer="2_11_001"),
)
def disability_risk(s: Snapshot) -> Iterator[Hit]:
    if _has_risk(s.record, RISK_DISABILITY) and not any(disabled(m) for m in s.members):
        yield Hit("风险类型为因残，但家庭成员中没有残疾人（健康状况、残疾类别或残疾人证）。", field="risks")


@rule(
    "work_risk_no_labour",
    Severity.ERROR,
    "因务工就业不稳但全家无劳动力",
    hint="核对风险类型或成员的劳动技能：全家无劳动力的风险应为缺劳动力等。",
    section=BASIC,
    category=CAT_MONITORING,
    needs=("m.labour_skill",),
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, practice=INSPECTION),
)
def work_risk_no_labour(s: Snapshot) -> Iterator[Hit]:
    members = s.members
    if _has_risk(s.record, RISK_WORK) and members and all(m.labour_skill in NO_LABOUR for m in members):
        yield Hit("风险类型为因务工就业不稳，但家庭成员都是无劳动力或丧失劳动力。", field="risks")


@rule(
    "work_risk_no_work",
    Severity.ERROR,
    "因务工就业不稳但无人务工",
    hint="补录务工成员的务工状况、所在地和时间，或改正风险类型。",
    section=BASIC,
    category=CAT_MONITORING,
    needs=("m.work_place", "m.work_months"),
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, practice=INSPECTION),
)
def work_risk_no_work(s: Snapshot) -> Iterator[Hit]:
    if _has_risk(s.record, RISK_WORK) and not any(has_work(m) for m in s.members):
        yield Hit("风险类型为因务工就业不稳，但没有成员填写务工信息。", field="risks")


@rule(
    "housing_risk_measure",
    Severity.ERROR,
    "住房风险没有住房保障措施",
    hint="录入落实的住房安全保障（危房改造）或搬迁措施。",
    section=MEASURES,
    category=CAT_MONITORING,
    needs=("h.measures",),
    group=GROUP,
    monitored=True,
    source=cite(GUIDE, practice=INSPECTION),
)
def housing_risk_measure(s: Snapshot) -> Iterator[Hit]:
    if _has_risk(s.record, RISK_HOUSING) and not has_measure(s.record, MEASURE_HOUSING, MEASURE_RELOCATION):
        yield Hit("风险类型为住房出现安全问题，但没有住房安全保障或搬迁措施。", field="measures")


@rule(
    "water_risk_measure",
    Severity.ERROR,
    "饮水风险没有饮水保障措施",
    hint="录入落实的饮水安全保障措施。",
    section=MEASURES,
    category=CAT_MONITORING,
    needs=("h.measures",),
    group=GROUP,
    monitored=True,
    source=cite(GUIDE, practice=INSPECTION),
)
def water_risk_measure(s: Snapshot) -> Iterator[Hit]:
    if _has_risk(s.record, RISK_WATER) and not has_measure(s.record, MEASURE_WATER):
        yield Hit("风险类型为饮水安全问题，但没有饮水安全保障措施。", field="measures")


@rule(
    "water_no_risk",
    Severity.ERROR,
    "饮水不达标但风险中无饮水",
    hint="把饮水安全问题列入风险类型，或核实饮水情况后改正。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(GUIDE, peer="4_11_006"),
)
def water_no_risk(s: Snapshot) -> Iterator[Hit]:
    problems = water_problems(s.record)
    if s.record.is_monitored and problems and RISK_WATER not in s.record.risks:
        yield Hit(f"{'、'.join(problems)}不达标，但风险类型中没有饮水安全问题。", field="risks")


@rule(
    "uninsured_no_illness",
    Severity.ERROR,
    "有成员未参加医保但风险中无因病",
    hint="落实参保；确有因病风险的列入风险类型。",
    section=BASIC,
    category=CAT_MONITORING,
    needs=("m.ins_resident_medical", "m.ins_employee_medical"),
    group=GROUP,
    monitored=True,
    source=cite(GUIDE, peer="4_11_007"),
)
def uninsured_no_illness(s: Snapshot) -> Iterator[Hit]:
    if not s.record.is_monitored or RISK_ILLNESS in s.record.risks:
        return
    for m in s.members:
        if uninsured(m):
            yield Hit(f"{who(m)}未参加基本医疗保险，但风险类型中没有因病。", m, "risks")
