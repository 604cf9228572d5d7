"""三保障和饮水 (as of today) — see the dataclasses in reports/briefing_data.py; the gaps are the conditions
the data checks name (C/D 危房 without 改造 and not relocated, 6–15 not in school, no basic medical
insurance, water 不达标)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, Member
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import (
    Breakdown,
    BriefingData,
    GuaranteeRow,
    Guarantees,
    Housing,
    Medical,
    Schooling,
    Water,
)
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sheets import counts, sheet, text_column
from fupin_desktop.services.briefing.tallies import Villages, on_register

PRESCHOOL = "学龄前儿童"
DANGEROUS_HOUSE = ("C", "D")
WATER_FLAGS = (
    ("water_quantity_ok", "水量"),
    ("water_quality_ok", "水质"),
    ("water_access_ok", "取水方便程度"),
    ("water_supply_ok", "供水保证率"),
)
Sums = dict[int, tuple]  # village id → the flags' sums (the columns of _household_sums, _member_sums)


def load(src: Sources) -> Fields:
    return {"guarantees": load_guarantees(src.session, src.today, src.villages)}


def age_cutoff(today: date, years: int) -> date:
    """The first birth date too late to be `years` old on `today` (born earlier ⇔ at least that old)."""
    try:
        return date(today.year - years, today.month, today.day) + timedelta(days=1)
    except ValueError:  # 29 February in a year without one
        return date(today.year - years, 3, 1)


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _household_sums(session: Session) -> Sums:
    """village id → households, C/D 危房, 改造, 搬迁, 住房未保障, 饮水不达标, then each water flag 否."""
    dangerous = Household.house_danger_level.in_(DANGEROUS_HOUSE)
    renovated = Household.house_renovated_on.is_not(None)
    relocated = Household.relocated.is_(True)
    unsafe_house = dangerous & ~renovated & Household.relocated.is_not(True)
    water_bad = or_(*(getattr(Household, name).is_(False) for name, _ in WATER_FLAGS))
    rows = session.execute(
        select(
            Household.village_id,
            func.count(),
            _flag(dangerous),
            _flag(dangerous & renovated),
            _flag(dangerous & ~renovated & relocated),
            _flag(unsafe_house),
            _flag(water_bad),
            *(_flag(getattr(Household, name).is_(False)) for name, _ in WATER_FLAGS),
        )
        .where(on_register())
        .group_by(Household.village_id)
    )
    return {row[0]: row[1:] for row in rows}


def _member_sums(session: Session, today: date) -> Sums:
    """village id → members, 6–15, in school, out of school, with a reason, 城乡居民, 城镇职工, 未参保, 未填."""
    school_age = and_(Member.birth_date < age_cutoff(today, 6), Member.birth_date >= age_cutoff(today, 16))
    in_school = and_(func.coalesce(Member.school_status, "") != "", Member.school_status != PRESCHOOL)
    out_of_school = school_age & not_(in_school)
    resident, employee = Member.ins_resident_medical, Member.ins_employee_medical
    neither = and_(resident.is_not(True), employee.is_not(True))
    rows = session.execute(
        select(
            Household.village_id,
            func.count(),
            _flag(school_age),
            _flag(school_age & in_school),
            _flag(out_of_school),
            _flag(out_of_school & (func.coalesce(Member.dropout_reason, "") != "")),
            _flag(resident.is_(True)),
            _flag(employee.is_(True)),
            _flag(neither & or_(resident.is_(False), employee.is_(False))),
            _flag(neither & resident.is_(None) & employee.is_(None)),
        )
        .select_from(Member)
        .join(Household, Household.id == Member.household_id)
        .where(on_register(), Member.status == MEMBER_ACTIVE)
        .group_by(Household.village_id)
    )
    return {row[0]: row[1:] for row in rows}


def load_guarantees(session: Session, today: date, villages: Villages) -> Guarantees:
    households, members = _household_sums(session), _member_sums(session, today)

    def h_sum(i: int) -> int:
        return sum(int(v[i] or 0) for v in households.values())

    def m_sum(i: int) -> int:
        return sum(int(v[i] or 0) for v in members.values())

    return Guarantees(
        housing=Housing(dangerous=h_sum(1), renovated=h_sum(2), relocated=h_sum(3), unsafe=h_sum(4)),
        schooling=Schooling(
            children=m_sum(1), in_school=m_sum(2), out_of_school=m_sum(3), with_reason=m_sum(4)
        ),
        medical=Medical(
            people=m_sum(0), resident=m_sum(5), employee=m_sum(6), uninsured=m_sum(7), unknown=m_sum(8)
        ),
        water=Water(
            households=h_sum(0),
            unsafe=h_sum(5),
            by_indicator=tuple(Breakdown(label, h_sum(6 + i)) for i, (_, label) in enumerate(WATER_FLAGS)),
        ),
        villages=tuple(_row(name, households.get(v), members.get(v)) for v, name in villages),
        total=GuaranteeRow(
            village="合计",
            unsafe_houses=h_sum(4),
            out_of_school=m_sum(3),
            uninsured=m_sum(7),
            unsafe_water=h_sum(5),
        ),
    )


def _row(village: str, h: tuple | None, m: tuple | None) -> GuaranteeRow:
    return GuaranteeRow(
        village=village,
        unsafe_houses=int(h[4] or 0) if h else 0,
        out_of_school=int(m[3] or 0) if m else 0,
        uninsured=int(m[7] or 0) if m else 0,
        unsafe_water=int(h[5] or 0) if h else 0,
    )


# ------------------------------------------------------------------ the sheet


def sheets(data: BriefingData) -> list[Ledger]:
    g = data.guarantees
    heads = ("住房未保障户", "失学辍学人", "未参保人", "饮水不达标户")
    rows = [
        (r.village, r.unsafe_houses, r.out_of_school, r.uninsured, r.unsafe_water)
        for r in [*g.villages, g.total]
    ]
    return [sheet(data, "三保障和饮水", [text_column("村", 12), *counts(*heads)], rows)]
