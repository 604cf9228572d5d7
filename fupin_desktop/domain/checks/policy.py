"""政策落实: measures against what they pay and whom they are for — the income a measure brings at
elimination, 就业/公益岗位 against the members who work, 雨露计划 against vocational pupils, the 医保
个人缴费补贴 against the identification date, and income far above the line at identification."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from fupin_desktop.domain.checks.facts import (
    MEASURE_EDUCATION,
    MEASURE_EMPLOYMENT,
    MEASURE_GUARANTEE,
    MEASURE_HEALTH,
    MEASURE_INDUSTRY,
    MEASURE_POST,
    has_measure,
    measure_mentions,
    money,
    under_monitoring,
    vocational_pupil,
    who,
    works,
)
from fupin_desktop.domain.checks.model import (
    CAT_EDUCATION,
    CAT_EMPLOYMENT,
    CAT_MEDICAL,
    CAT_MONITORING,
    INCOME,
    MEASURES,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import ACCOUNTING, GUIDE, MEDICAL_AID, SYSTEM, YULU, cite

GROUP = "政策落实"
YULU_WORDS = ("雨露计划",)
SUBSIDY_WORDS = ("个人缴费补贴", "参保资助", "缴费资助")
# The county rule engine's window of the 医保 personal-contribution subsidy (2023 enrolment): those
# identified from 2022-10 to 2023-03 get it; those identified later had paid already. Other provinces
# set other dates; the window is the peer's and stated here once.
SUBSIDY_FROM, SUBSIDY_UNTIL = date(2022, 10, 1), date(2023, 4, 1)
RICH_SINCE = 2023  # identified since: 人均纯收入 this far above the line needs a look
RICH_PER_CAPITA = 20000.0
TINY_WAGE = 100.0


@rule(
    "income_vs_measures",
    Severity.DOUBT,
    "消除时的收入与帮扶措施不符",
    hint="帮扶措施带来的收入应计入收支核算：核对产业（生产经营性）、就业和公益岗位（工资性）、低保特困残补（转移性）收入。",
    section=INCOME,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(GUIDE, ACCOUNTING, peer="5_11_013 4_11_012 4_11_013"),
    needs=("h.income", "h.measures"),
)
def income_vs_measures(s: Snapshot) -> Iterator[Hit]:
    if s.record.risk_eliminated is not True:
        return
    latest = s.latest
    if latest is None or latest.lines == 0:
        return
    r = s.record
    if has_measure(r, MEASURE_INDUSTRY) and latest.business <= 0:
        yield Hit(f"有产业帮扶措施，{latest.year}年生产经营性收入为0。", field="per_capita")
    if has_measure(r, MEASURE_EMPLOYMENT, MEASURE_POST) and latest.wage <= 0:
        yield Hit(f"有就业或公益岗位帮扶措施，{latest.year}年工资性收入为0。", field="per_capita")
    if measure_mentions(r, MEASURE_GUARANTEE, "低保", "特困", "残疾") and latest.transfer <= 0:
        yield Hit(f"综合保障有低保、特困供养或残疾人补贴，{latest.year}年转移性收入为0。", field="per_capita")


@rule(
    "employment_no_worker",
    Severity.DOUBT,
    "有就业或公益岗位帮扶但无人务工",
    hint="补录务工成员的务工状况、所在地和时间，或公益性岗位；没有落实的，删去该帮扶措施。",
    section=MEASURES,
    category=CAT_EMPLOYMENT,
    group=GROUP,
    source=cite(GUIDE, peer="1111_3 4_11_014"),
    needs=("h.measures", "m.work_status", "m.work_place", "m.work_months"),
)
def employment_no_worker(s: Snapshot) -> Iterator[Hit]:
    if (
        has_measure(s.record, MEASURE_EMPLOYMENT, MEASURE_POST)
        and s.members
        and not any(works(m) for m in s.members)
    ):
        yield Hit("有就业帮扶或公益岗位帮扶措施，但没有成员登记务工或公益性岗位。", field="measures")


@rule(
    "yulu_not_vocational",
    Severity.ERROR,
    "雨露计划但家中无中职高职在校生",
    hint="雨露计划只补助中职、高职（技师学院）在校生：核对在校生状况，或删去该措施。",
    section=MEASURES,
    category=CAT_EDUCATION,
    group=GROUP,
    source=cite(YULU, peer="5_15_012"),
    needs=("h.measures", "m.school_status"),
)
def yulu_not_vocational(s: Snapshot) -> Iterator[Hit]:
    if measure_mentions(s.record, MEASURE_EDUCATION, *YULU_WORDS) and not any(
        vocational_pupil(m) for m in s.members
    ):
        yield Hit("教育帮扶有雨露计划，但家中没有中职、高职或技师学院在校生。", field="measures")


@rule(
    "vocational_no_yulu",
    Severity.DOUBT,
    "中职高职在校生未享受雨露计划",
    hint="脱贫户、监测户的中职、高职在校生可申请雨露计划补助：落实后录入其他教育帮扶。",
    section=MEASURES,
    category=CAT_EDUCATION,
    group=GROUP,
    source=cite(YULU, peer="1111_2"),
    needs=("h.measures", "m.school_status"),
)
def vocational_no_yulu(s: Snapshot) -> Iterator[Hit]:
    r = s.record
    if not (under_monitoring(r) or r.household_type == "脱贫户") or measure_mentions(
        r, MEASURE_EDUCATION, *YULU_WORDS
    ):
        return
    for m in s.members:
        if vocational_pupil(m):
            yield Hit(f"{who(m)}是{m.school_status}学生，教育帮扶中没有雨露计划。", m, "measures")


@rule(
    "medical_subsidy",
    Severity.DOUBT,
    "医保个人缴费补贴与识别时间不符",
    hint="按识别时间落实参保资助：缴费期内识别的应资助，缴费期后识别的当年已缴费不再补录。",
    section=MEASURES,
    category=CAT_MEDICAL,
    group=GROUP,
    monitored=True,
    source=cite(MEDICAL_AID, peer="1111_06 1111_09 1111_13"),
    needs=("h.measures",),
)
def medical_subsidy(s: Snapshot) -> Iterator[Hit]:
    identified = s.record.identified_on
    if not s.record.is_monitored or identified is None:
        return
    subsidised = measure_mentions(s.record, MEASURE_HEALTH, *SUBSIDY_WORDS)
    if SUBSIDY_FROM <= identified < SUBSIDY_UNTIL and under_monitoring(s.record) and not subsidised:
        yield Hit(
            f"{identified.year}年{identified.month}月（缴费期内）识别，健康帮扶中没有医保个人缴费补贴。",
            field="measures",
        )
    elif identified >= SUBSIDY_UNTIL and subsidised and identified.year == SUBSIDY_UNTIL.year:
        yield Hit(
            f"{identified.year}年{identified.month}月（当年缴费期后）识别，健康帮扶中却有医保个人缴费补贴。",
            field="measures",
        )


@rule(
    "identified_rich",
    Severity.DOUBT,
    "新识别监测对象收入远高于监测范围",
    hint="核实收支核算和识别依据（收入、刚性支出、突出困难）；不符合条件的按程序纠正。",
    section=INCOME,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(GUIDE, peer="1111_18"),
    needs=("h.income",),
)
def identified_rich(s: Snapshot) -> Iterator[Hit]:
    latest, identified = s.latest, s.record.identified_on
    if (
        under_monitoring(s.record)
        and identified is not None
        and identified.year >= RICH_SINCE
        and latest is not None
        and (latest.per_capita or 0) > RICH_PER_CAPITA
    ):
        yield Hit(
            f"{identified.year}年识别为监测对象，{latest.year}年人均纯收入{money(latest.per_capita)}，"
            f"高于{money(RICH_PER_CAPITA)}。",
            field="per_capita",
        )


@rule(
    "wage_tiny",
    Severity.DOUBT,
    "工资性收入不足100元",
    hint="核对工资性收入的单位（元，不是万元）和金额。",
    section=INCOME,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(SYSTEM, ACCOUNTING, peer="5_15_0023"),
    needs=("h.income",),
)
def wage_tiny(s: Snapshot) -> Iterator[Hit]:
    latest = s.latest
    if latest is not None and latest.lines > 0 and 0 < latest.wage < TINY_WAGE:
        yield Hit(f"{latest.year}年工资性收入只有{latest.wage:g}元。", field="per_capita")
