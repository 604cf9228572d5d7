"""风险与措施: each 致贫/返贫风险 of a 监测对象 (eliminated or not) needs a measure that answers it, a
三保障 gap needs its measure, and a household monitored for over a month needs measures at all.
Housing and water have theirs in `monitoring`."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain.checks.facts import (
    FULL_LABOUR,
    MEASURE_COMPULSORY,
    MEASURE_EDUCATION,
    MEASURE_GUARANTEE,
    MEASURE_HEALTH,
    MEASURE_SOCIAL,
    RISK_DISABILITY,
    RISK_ILLNESS,
    RISK_STUDY,
    has_measure,
    ill,
    months_between,
    out_of_compulsory_school,
    under_monitoring,
    uninsured,
    who,
)
from fupin_desktop.domain.checks.model import (
    BASIC,
    CAT_EDUCATION,
    CAT_MEDICAL,
    CAT_MONITORING,
    MEASURES,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import GUIDE, INSURANCE, MECHANISM, SCHOOLING, cite
from fupin_desktop.domain.codes import ELIMINATED_BY_SUPPORT

GROUP = "风险与措施"
MEASURE_MONTHS = 1  # 识别后1个月内应落实帮扶措施

# A risk and the measure categories that answer it (any one of them).
ANSWERS = {
    RISK_ILLNESS: (MEASURE_HEALTH, MEASURE_SOCIAL, MEASURE_GUARANTEE),
    RISK_STUDY: (MEASURE_COMPULSORY, MEASURE_EDUCATION, MEASURE_SOCIAL),
    RISK_DISABILITY: (MEASURE_GUARANTEE, MEASURE_SOCIAL),
}


def _risk_without_measure(s: Snapshot, risk: str) -> Iterator[Hit]:
    if s.record.is_monitored and risk in s.record.risks and not has_measure(s.record, *ANSWERS[risk]):
        state = "已消除" if s.record.risk_eliminated is True else "监测中"
        yield Hit(
            f"风险类型有{risk}（{state}），但没有{'、'.join(ANSWERS[risk])}措施。",
            field="measures",
        )


def _measure_rule(
    code: str, title: str, hint: str, source: str, category: str = CAT_MONITORING, *, monitored: bool = True
):
    return rule(
        code,
        Severity.ERROR,
        title,
        hint=hint,
        section=MEASURES,
        category=category,
        group=GROUP,
        source=source,
        needs=("h.measures",),
        monitored=monitored,
    )


@_measure_rule(
    "illness_no_measure",
    "因病风险没有健康帮扶措施",
    "录入落实的健康帮扶（医疗救助、慢病签约、参保资助等）或社会帮扶、综合保障措施。",
    cite(MECHANISM, peer="5_18_001 3_11_003"),
    CAT_MEDICAL,
)
def illness_no_measure(s: Snapshot) -> Iterator[Hit]:
    yield from _risk_without_measure(s, RISK_ILLNESS)


@_measure_rule(
    "study_no_measure",
    "因学风险没有教育帮扶措施",
    "录入落实的义务教育保障、其他教育帮扶（助学金、雨露计划等）或社会帮扶措施。",
    cite(MECHANISM, peer="5_18_002 3_11_004"),
    CAT_EDUCATION,
)
def study_no_measure(s: Snapshot) -> Iterator[Hit]:
    yield from _risk_without_measure(s, RISK_STUDY)


@_measure_rule(
    "disabled_no_measure",
    "因残风险没有综合保障或社会帮扶",
    "录入落实的综合保障（残疾人两项补贴、低保等）或社会帮扶措施。",
    cite(MECHANISM, peer="5_18_003 3_11_005"),
)
def disabled_no_measure(s: Snapshot) -> Iterator[Hit]:
    yield from _risk_without_measure(s, RISK_DISABILITY)


@_measure_rule(
    "no_measures",
    "识别满1个月没有任何帮扶措施",
    "识别后及时落实帮扶措施并录入帮扶措施（产业、就业、健康、综合保障等）。",
    cite(GUIDE, peer="1_11_010"),
)
def no_measures(s: Snapshot) -> Iterator[Hit]:
    identified = s.record.identified_on
    if (
        under_monitoring(s.record)
        and identified is not None
        and months_between(identified, s.today) >= MEASURE_MONTHS
        and not s.record.measures
    ):
        yield Hit(
            f"{identified.year}年{identified.month}月识别为监测对象，至今没有录入任何帮扶措施。",
            field="measures",
        )


@_measure_rule(
    "eliminated_unhelped",
    "帮扶消除但没有帮扶措施",
    "帮扶消除的应录入落实过的帮扶措施；没有帮扶、收入自然稳定的，消除方式为自然消除。",
    cite(GUIDE, peer="1_11_009"),
    monitored=False,  # judged on the 消除 mark alone, even where the category is missing
)
def eliminated_unhelped(s: Snapshot) -> Iterator[Hit]:
    r = s.record
    if r.risk_eliminated is True and r.elimination_method == ELIMINATED_BY_SUPPORT and not r.measures:
        yield Hit("风险消除方式为帮扶消除，但没有录入任何帮扶措施。", field="measures")


@rule(
    "only_guarantee",
    Severity.DOUBT,
    "有劳动力的监测户只有综合保障措施",
    hint="有劳动能力的监测户应以开发式帮扶为主：落实产业、就业、金融或公益岗位帮扶。",
    section=MEASURES,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, peer="5_11_032"),
    needs=("h.measures", "m.labour_skill"),
)
def only_guarantee(s: Snapshot) -> Iterator[Hit]:
    measures = s.record.measures
    if (
        under_monitoring(s.record)
        and measures
        and all(m.category == MEASURE_GUARANTEE for m in measures)
        and any(m.labour_skill in FULL_LABOUR for m in s.members)
    ):
        yield Hit("家中有普通或技能劳动力，帮扶措施却只有综合保障。", field="measures")


@rule(
    "dropout_no_measure",
    Severity.ERROR,
    "辍学儿童没有义务教育保障措施",
    hint="落实控辍保学，录入义务教育保障措施（劝返、送教上门、资助等）。",
    section=MEASURES,
    category=CAT_EDUCATION,
    group=GROUP,
    monitored=True,
    source=cite(SCHOOLING, peer="3_11_007 5_18_005"),
    needs=("h.measures", "m.school_status", "m.dropout_reason"),
)
def dropout_no_measure(s: Snapshot) -> Iterator[Hit]:
    if not s.record.is_monitored or has_measure(s.record, MEASURE_COMPULSORY):
        return
    for m in s.members:
        if out_of_compulsory_school(m, s.today) and (m.dropout_reason or "").strip():
            yield Hit(f"{who(m)}失学或辍学，但没有义务教育保障措施。", m, "measures")


@rule(
    "uninsured_no_measure",
    Severity.ERROR,
    "有成员未参保但没有健康帮扶措施",
    hint="落实参保资助，录入健康帮扶（或社会帮扶）措施。",
    section=MEASURES,
    category=CAT_MEDICAL,
    group=GROUP,
    monitored=True,
    source=cite(INSURANCE, peer="3_11_009 5_18_007"),
    needs=("h.measures", "m.ins_resident_medical", "m.ins_employee_medical"),
)
def uninsured_no_measure(s: Snapshot) -> Iterator[Hit]:
    if not s.record.is_monitored or has_measure(s.record, MEASURE_HEALTH, MEASURE_SOCIAL):
        return
    for m in s.members:
        if uninsured(m):
            yield Hit(f"{who(m)}未参加基本医疗保险，也没有健康帮扶或社会帮扶措施。", m, "measures")


@rule(
    "illness_no_ill",
    Severity.DOUBT,
    "因病风险但无患病成员",
    hint="核对风险类型，或把患病成员的健康状况改为患有大病或长期慢性病。",
    section=BASIC,
    category=CAT_MEDICAL,
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, peer="5_15_015"),
    needs=("m.health",),
)
def illness_no_ill(s: Snapshot) -> Iterator[Hit]:
    if under_monitoring(s.record) and RISK_ILLNESS in s.record.risks and not any(ill(m) for m in s.members):
        yield Hit("风险类型有因病，但家庭成员中没有患有大病或长期慢性病的。", field="risks")


@rule(
    "illness_no_costs",
    Severity.DOUBT,
    "因病风险但合规自付支出为零",
    hint="在收支核算中录入当年的合规自付医疗支出（医保报销后自付部分）；确无支出的，核实因病风险。",
    section=BASIC,
    category=CAT_MEDICAL,
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, peer="5_15_020"),
    needs=("h.income",),
)
def illness_no_costs(s: Snapshot) -> Iterator[Hit]:
    if not (under_monitoring(s.record) and RISK_ILLNESS in s.record.risks):
        return
    latest = s.latest
    if latest is not None and latest.lines > 0 and latest.self_paid <= 0:
        yield Hit(f"风险类型有因病，{latest.year}年收支核算中没有合规自付支出。", field="self_paid")
