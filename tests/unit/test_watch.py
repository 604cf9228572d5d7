"""监测预警: each reason a household is put on the watch list, on a household that has it and one that
does not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import pytest

from fupin_desktop.domain.income import IncomeLine
from fupin_desktop.domain.records import HouseholdRecord, ProgramRecord
from fupin_desktop.domain.watch import WatchContext, WatchGroup, watch_household
from tests.unit.checks_samples import CHILD, HEAD, SPOUSE, TODAY, household, income, members, monitored

CONTEXT = WatchContext(today=TODAY)
PAID = IncomeLine("合规自付支出", "医疗自付", 3000.0)


@dataclass(frozen=True)
class Case:
    group: WatchGroup
    hit: Callable[[], HouseholdRecord]
    miss: Callable[[], HouseholdRecord]
    says: str


CASES = [
    Case(WatchGroup.INCOME, lambda: household(incomes=(income(2026, 16000.0),)),  # 人均 7,333
         household, "低于监测范围8,100元"),
    Case(WatchGroup.INCOME, lambda: household(incomes=(income(2026, 22000.0),)),  # 人均 9,333 (< 9,720)
         lambda: household(incomes=(income(2026, 24000.0),)), "高出监测范围8,100元不到20%"),  # 人均 10,000
    Case(WatchGroup.INCOME, lambda: household(incomes=(income(2025, 58000.0), income(2026, 30000.0))),
         lambda: household(incomes=(income(2025, 40000.0), income(2026, 30000.0))), "比2025年下降44%"),
    Case(WatchGroup.ILLNESS, lambda: household(members=members(replace(SPOUSE, health="患有大病"))),
         lambda: household(members=members(replace(SPOUSE, health="长期慢性病"))), "李秀英患有大病"),
    Case(WatchGroup.ILLNESS, lambda: household(members=members(replace(SPOUSE, health="长期慢性病")),
                                               incomes=(income(2026, 30000.0, PAID),)),
         lambda: household(incomes=(income(2026, 30000.0, PAID),)), "李秀英长期慢性病"),
    Case(WatchGroup.ILLNESS, lambda: household(incomes=(income(2026, 30000.0, replace(PAID, amount=12000.0)),)),
         lambda: household(incomes=(income(2026, 30000.0, replace(PAID, amount=9000.0)),)),
         "合规自付支出12,000元，超过10,000元"),
    Case(WatchGroup.TEKUN, lambda: household(members=(replace(HEAD, tekun=True),)),
         lambda: household(members=(HEAD,)), "张大山特困供养（独居）"),
    Case(WatchGroup.DIBAO, lambda: household(programs=(ProgramRecord("低保", date(2026, 5, 1)),)),
         lambda: household(programs=(ProgramRecord("低保", date(2020, 5, 1), date(2024, 1, 1)),)),
         "享受低保（2026年5月新纳入）"),
    Case(WatchGroup.DIBAO, lambda: household(members=members(replace(HEAD, dibao=True))), household, "享受低保"),
    Case(WatchGroup.DISABILITY, lambda: household(members=members(replace(SPOUSE, health="残疾",
                                                  disability_category="肢体残疾", disability_grade="二级"))),
         household, "李秀英肢体残疾二级（重度）"),
    Case(WatchGroup.STUDENTS, lambda: household(members=members(replace(SPOUSE, education=None,
                                                school_status="普通高中二年级"))),
         lambda: household(members=members(replace(SPOUSE, education=None, school_status="九年级"))),
         "2人在校，其中非义务教育阶段1人"),
    Case(WatchGroup.WORK, lambda: household(members=members(replace(HEAD, work_place="浙江", work_months=4.0)),
                                            incomes=(income(2026, 30000.0),)),  # 工资性 30,000 of 38,000
         lambda: household(members=members(replace(HEAD, work_place="浙江", work_months=8.0))),
         "工资性收入占79%，张大山务工4个月"),
    Case(WatchGroup.ACCIDENT, lambda: monitored(risks=("因意外事故",)),
         lambda: monitored(risks=("因意外事故",), risk_eliminated=True), "风险类型：因意外事故"),
    Case(WatchGroup.GUARANTEES, lambda: household(house_danger_level="D"),
         lambda: household(house_danger_level="D", house_renovated_on=date(2025, 1, 1)), "D级危房未完成改造"),
    Case(WatchGroup.GUARANTEES, lambda: household(members=members(replace(CHILD, school_status=None, dropout_reason="厌学"))),
         household, "张小明10岁未在校"),
    Case(WatchGroup.GUARANTEES, lambda: household(members=members(replace(SPOUSE, ins_resident_medical=False))),
         household, "李秀英未参加基本医疗保险"),
    Case(WatchGroup.GUARANTEES, lambda: household(water_quantity_ok=False), household, "饮水水量不达标"),
]  # fmt: skip


def test_the_clean_household_is_not_watched() -> None:
    assert watch_household(household(), CONTEXT) == ()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.says)
def test_reason_hits(case: Case) -> None:
    reasons = watch_household(case.hit(), CONTEXT)
    assert [(r.group, r.text) for r in reasons if case.says in r.text] == [
        (case.group, next(r.text for r in reasons if case.says in r.text))
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.says)
def test_reason_misses(case: Case) -> None:
    assert [r for r in watch_household(case.miss(), CONTEXT) if r.group is case.group] == []


def test_every_group_has_a_case() -> None:
    assert {c.group for c in CASES} == set(WatchGroup)


def test_margins_come_from_the_context() -> None:
    near = household(incomes=(income(2026, 24000.0),))  # 人均 10,000: 23 % above 8,100
    assert watch_household(near, CONTEXT) == ()
    assert watch_household(near, replace(CONTEXT, watch_margin_percent=25.0))[0].group is WatchGroup.INCOME
    worker = household(members=members(replace(HEAD, work_place="浙江", work_months=4.0)))
    assert watch_household(worker, replace(CONTEXT, unstable_wage_share_percent=80.0)) == ()
    assert watch_household(worker, replace(CONTEXT, short_work_months=3.0)) == ()


def test_reasons_come_in_group_order() -> None:
    record = household(
        water_quantity_ok=False,
        members=members(replace(HEAD, dibao=True), replace(SPOUSE, health="患有大病")),
        incomes=(income(2026, 16000.0),),
    )
    groups = [r.group for r in watch_household(record, CONTEXT)]
    assert groups == [WatchGroup.INCOME, WatchGroup.ILLNESS, WatchGroup.DIBAO, WatchGroup.GUARANTEES]
