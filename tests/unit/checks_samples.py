"""A household that passes every data check, and small changes to it (unit tests of the rules and the
监测预警). TODAY is the tests' day (2026-11-23); the 监测范围 is 7800 for 2025 and 8100 for 2026."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from fupin_desktop.domain import idcard
from fupin_desktop.domain.checks import CheckContext
from fupin_desktop.domain.income import IncomeLine
from fupin_desktop.domain.records import HouseholdRecord, IncomeYear, MeasureRecord, MemberRecord

TODAY = date(2026, 11, 23)
THRESHOLDS = {2025: 7800.0, 2026: 8100.0}
AREA = "522425"
CONTEXT = CheckContext(today=TODAY, income_drop_percent=30.0, self_paid_limit=10000.0)


def person(member_id: int, name: str, sex: str, born: date, relation: str, **fields: Any) -> MemberRecord:
    sequence = 11 + member_id * 2 + (0 if sex == "男" else 1)
    values: dict[str, Any] = {
        "sex": sex,
        "birth_date": born,
        "id_number": idcard.make(AREA, born, sequence),
        "relation": relation,
        "education": "初中",
        "health": "健康",
        "labour_skill": "普通劳动力",
        "ins_resident_medical": True,
        "ins_employee_medical": False,
        "ins_critical_illness": True,
        "pension_resident": True,
        "pension_employee": False,
        "dibao": False,
        "tekun": False,
    }
    values.update(fields)
    return MemberRecord(id=member_id, name=name, **values)


HEAD = person(1, "张大山", "男", date(1980, 5, 1), "户主", phone="13800000001")
SPOUSE = person(2, "李秀英", "女", date(1982, 8, 9), "配偶")
CHILD = person(
    3,
    "张小明",
    "男",
    date(2016, 3, 15),
    "之子",
    education=None,
    school_status="小学",
    labour_skill="无劳动力",
    pension_resident=False,
)


def income(year: int, wage: float, *more: IncomeLine) -> IncomeYear:
    lines = (
        IncomeLine("工资性收入", "务工收入", wage),
        IncomeLine("生产经营性收入", "种植业", 8000.0),
        IncomeLine("生产经营性支出", "种植业", 2000.0),
        *more,
    )
    return IncomeYear(year, None, lines)


def household(**fields: Any) -> HouseholdRecord:
    """The clean household, with `fields` changed."""
    base = HouseholdRecord(
        id=1,
        number="522425108001000001",
        village="清水村",
        group="一组",
        phone="13800000001",
        household_type="脱贫户",
        relocated=False,
        house_danger_level="A",
        water_quantity_ok=True,
        water_quality_ok=True,
        water_access_ok=True,
        water_supply_ok=True,
        no_labour_guarantee=False,
        dev_support="已实施",
        members=(HEAD, SPOUSE, CHILD),
        incomes=(income(2025, 28000.0), income(2026, 30000.0)),  # 人均 11,333 → 12,000
        thresholds=THRESHOLDS,
    )
    return replace(base, **fields)


def monitored(**fields: Any) -> HouseholdRecord:
    """The clean household as a 监测对象 (an 一般农户 identified 边缘易致贫户 in 2025年3月, 因意外事故,
    产业帮扶 实施)."""
    values: dict[str, Any] = {
        "household_type": "一般农户",
        "monitor_category": "边缘易致贫户",
        "identified_on": date(2025, 3, 1),
        "risk_eliminated": False,
        "risks": ("因意外事故",),
        "measures": (MeasureRecord(id=1, category="产业帮扶", item="产业奖补"),),
    }
    values.update(fields)
    return household(**values)


def members(*changed: MemberRecord) -> tuple[MemberRecord, ...]:
    """The three members with those in `changed` (matched by id) replaced."""
    by_id = {m.id: m for m in changed}
    return tuple(by_id.get(m.id, m) for m in (HEAD, SPOUSE, CHILD))


def with_id(member: MemberRecord, number: str) -> MemberRecord:
    return replace(member, id_number=number)


@dataclass(frozen=True)
class Case:
    code: str
    hit: Callable[[], HouseholdRecord]
    miss: Callable[[], HouseholdRecord]  # the nearest household that must not be flagged
    member: str = ""  # the member the finding names
    field: str = ""
    says: str = ""  # a phrase of the message
    context: CheckContext = CONTEXT  # for the hit
    miss_context: CheckContext = CONTEXT
