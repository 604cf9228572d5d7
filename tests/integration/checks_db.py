"""A small crafted township for the data-check tests: six households whose findings are known exactly.

| 户编号 | what is wrong | expected findings |
|---|---|---|
| A001 | nothing | — |
| A002 | its head holds A003's spouse's ID number; 户联系电话 has 5 digits | id_duplicate (head), phone |
| A003 | its spouse's number is the one A002's head holds | id_duplicate (spouse) |
| A004 | archived, with a wrong checksum | — (archived households are not checked) |
| A005 | 监测对象 marked 帮扶消除 while 人均纯收入 6,000 < 8,100 | eliminated_below |
| A006 | a 10-year-old neither in school nor with a reason; a member who left has a broken ID | school_age_out |
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import (
    Area,
    Household,
    HouseholdRisk,
    IncomeItem,
    IncomeRecord,
    Measure,
    Member,
    Threshold,
)
from fupin_desktop.domain import idcard

EXPECTED = {
    ("A002", "id_duplicate", "张二"),
    ("A002", "phone", ""),
    ("A003", "id_duplicate", "李三妹"),
    ("A005", "eliminated_below", ""),
    ("A006", "school_age_out", "赵小六"),
}

_sequence = iter(range(11, 999, 2))
# 风险消除后…, as the clerk recorded them when A005 was marked eliminated
AFTER_ELIMINATION = {
    "after_wage": 12000.0, "after_business": 0.0, "after_property": 0.0, "after_transfer": 0.0,
    "after_expense": 0.0, "after_net": 12000.0, "after_per_capita": 6000.0, "after_claims": 0.0,
    "after_self_paid": 0.0, "after_dropout": False, "after_house_damaged": False, "after_uninsured": False,
    "after_water_damaged": False,
}  # fmt: skip


def new_id(born: date, sex: str) -> str:
    return idcard.make("522425", born, next(_sequence) + (0 if sex == "男" else 1))


def member(name: str, sex: str, born: date, relation: str, **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": name,
        "sex": sex,
        "birth_date": born,
        "id_number": new_id(born, sex),
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
        "status": "在册",
    }
    values.update(fields)
    return values


def add_household(
    session: Session, number: str, village: Area, people: list[dict[str, Any]], **fields: Any
) -> Household:
    values: dict[str, Any] = {
        "household_type": "脱贫户",
        "phone": f"1380000{number[1:]:0>4}",  # a phone of its own (one phone on several households is a finding)
        "relocated": False,
        "house_danger_level": "A",
        "water_quantity_ok": True,
        "water_quality_ok": True,
        "water_access_ok": True,
        "water_supply_ok": True,
        "no_labour_guarantee": False,
        "address": f"{village.name}{number}号",
    }
    values.update(fields)
    household = Household(number=number, village_id=village.id, **values)
    session.add(household)
    session.flush()
    for position, person in enumerate(people):
        session.add(Member(household_id=household.id, position=position, **person))
    session.flush()
    return household


def add_income(session: Session, household: Household, year: int, net: float, people: int) -> None:
    record = IncomeRecord(
        household_id=household.id, year=year, net_income=net, per_capita=round(net / people, 2)
    )
    session.add(record)
    session.flush()
    session.add(IncomeItem(record_id=record.id, category="工资性收入", item="务工收入", amount=net))


def build(session: Session) -> dict[str, int]:
    """Write the township; returns 户编号 → household id."""
    county = Area(level="county", name="云岭县")
    session.add(county)
    session.flush()
    township = Area(level="township", name="清水镇", parent_id=county.id)
    session.add(township)
    session.flush()
    first = Area(level="village", name="清水村", parent_id=township.id, sort_order=1)
    second = Area(level="village", name="柳湾村", parent_id=township.id, sort_order=2)
    session.add_all([first, second])
    session.add(Threshold(year=2026, region="本地", amount=8100.0))
    session.flush()

    a001 = add_household(
        session,
        "A001",
        first,
        [member("王一", "男", date(1970, 1, 5), "户主"), member("刘一嫂", "女", date(1972, 2, 6), "配偶")],
    )
    add_income(session, a001, 2026, 30000.0, 2)
    spouse3 = member("李三妹", "女", date(1985, 7, 1), "配偶")
    add_household(
        session, "A002", first, [member("张二", "女", date(1985, 7, 1), "户主", id_number=spouse3["id_number"])],
        phone="12345",
    )  # fmt: skip
    add_household(session, "A003", first, [member("李三", "男", date(1984, 3, 3), "户主"), spouse3])
    broken = new_id(date(1960, 4, 4), "男")
    add_household(
        session,
        "A004",
        first,
        [member("周四", "男", date(1960, 4, 4), "户主", id_number=broken[:17] + "0")],
        archived=True,
        archived_on=date(2026, 1, 1),
        archived_reason="整户迁出",
    )
    a005 = add_household(
        session,
        "A005",
        second,
        [member("孙五", "男", date(1975, 5, 5), "户主"), member("孙五妻", "女", date(1976, 6, 6), "配偶")],
        household_type="一般农户",  # 边缘易致贫户 are not 脱贫户
        monitor_category="边缘易致贫户",
        identified_on=date(2025, 3, 1),
        risk_eliminated=True,
        elimination_method="帮扶消除",
        eliminated_on=date(2026, 1, 1),
        dev_support="已实施",
        **AFTER_ELIMINATION,
    )
    session.add(HouseholdRisk(household_id=a005.id, position=1, risk="因意外事故"))
    session.add(Measure(household_id=a005.id, category="社会帮扶", item="消费帮扶"))
    add_income(session, a005, 2026, 12000.0, 2)
    add_household(
        session,
        "A006",
        second,
        [
            member("赵六", "男", date(1980, 8, 8), "户主"),
            member("赵小六", "男", date(2016, 1, 9), "之子", education="小学", labour_skill="无劳动力"),
            member("赵老六", "男", date(1940, 1, 1), "之父", id_number="123", status="自然减少"),
        ],
    )
    session.flush()
    return dict(session.execute(select(Household.number, Household.id)).all())
