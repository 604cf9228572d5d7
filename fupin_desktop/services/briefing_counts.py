"""The 会议简报's counts that the village board does not already give, in SQL with GROUP BY (a few
queries whatever the size of the register). What each count counts:

基本情况 (as of today) — households not archived (在册) and their members 在册:
- by 户类型 as stored (empty → 未填户类型); by 监测对象类别 with 风险已消除 (风险是否已消除 = 是) and
  未消除 (anything else).

本期动态 (between `since` and `until`, both included) — 识别监测时间 and 消除监测时间 are kept to the
month (the first of it), so those two count from the first day of `since`'s month:
- 新识别: households whose 识别监测时间 falls in the period, or that have a 监测对象 program membership
  starting in it — archived households too, since the identification happened; people = members 在册.
  Split by the household's 监测对象类别.
- 风险消除: households marked 风险已消除 whose 消除监测时间 falls in the period; split by 消除方式.
- 增加人口: member records created in the period (出生, 婚入, 迁入, new households, imports).
- 减少人口: members marked 自然减少 whose 减少日期 falls in the period; split by 减少原因.
- 新增户: household records created in the period, with their members 在册.
- 减少户: households archived (归档) with 归档日期 in the period, with their members still 在册 (an
  archived household's members leave the register with it); split by 归档原因.

风险类型和帮扶措施落实 — 开发式帮扶 among 在册 监测对象 whose risk is not eliminated.

三保障和饮水 (as of today) — see the dataclasses in reports/briefing_data.py; the gaps are the
conditions the data checks name (C/D 危房 without 改造 and not relocated, 6–15 not in school, no basic
medical insurance, water 不达标).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Subquery, and_, case, func, not_, or_, select, union
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area, Household, Member, ProgramMembership
from fupin_desktop.domain.board import Tally
from fupin_desktop.domain.codes import (
    DEV_SUPPORT_DONE,
    DEV_SUPPORT_NOT_YET,
    HOUSEHOLD_TYPE_ORDINARY,
    HOUSEHOLD_TYPE_OUT_OF_POVERTY,
    MEMBER_ACTIVE,
    MEMBER_REMOVED,
    MONITOR_CATEGORIES,
)
from fupin_desktop.reports.briefing_data import (
    Breakdown,
    CategoryLine,
    ChangeRow,
    Changes,
    DevSupport,
    GuaranteeRow,
    Guarantees,
    Housing,
    Medical,
    Schooling,
    TypeLine,
    Water,
)

NO_TYPE = "未填户类型"
NO_CATEGORY = "未填类别"
NO_METHOD = "未填消除方式"
NO_REASON = "未注明原因"
MONITORED_PROGRAM = "监测对象"
PRESCHOOL = "学龄前儿童"
DANGEROUS_HOUSE = ("C", "D")
WATER_FLAGS = (
    ("water_quantity_ok", "水量"),
    ("water_quality_ok", "水质"),
    ("water_access_ok", "取水方便程度"),
    ("water_supply_ok", "供水保证率"),
)

Villages = Sequence[tuple[int, str]]  # (village id, name) in display order


def on_register() -> ColumnElement[bool]:
    return Household.archived.is_(False)


def people() -> Subquery:
    """household id → members 在册."""
    return (
        select(Member.household_id, func.count().label("n"))
        .where(Member.status == MEMBER_ACTIVE)
        .group_by(Member.household_id)
        .subquery()
    )


def _tallies(session: Session, key: ColumnElement, where: Iterable[ColumnElement[bool]]) -> dict:
    """key value → Tally of the households matching `where` (people = members 在册)."""
    n = people()
    rows = session.execute(
        select(key, func.count(), func.sum(func.coalesce(n.c.n, 0)))
        .select_from(Household)
        .outerjoin(n, n.c.household_id == Household.id)
        .where(*where)
        .group_by(key)
    )
    return {value: Tally(int(h), int(p or 0)) for value, h, p in rows}


def _add(tallies: Iterable[Tally]) -> Tally:
    return sum(tallies, Tally())


def _ranked(counts: dict[str | None, int], empty: str) -> tuple[Breakdown, ...]:
    merged: dict[str, int] = defaultdict(int)
    for label, n in counts.items():
        merged[(label or "").strip() or empty] += n
    return tuple(Breakdown(k, v) for k, v in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0])) if v)


# ------------------------------------------------------------------ 基本情况


def household_types(session: Session) -> tuple[TypeLine, ...]:
    """在册 households by 户类型: 脱贫户, 一般农户, any other value, then 未填户类型."""
    found = _tallies(session, Household.household_type, [on_register()])
    known = (HOUSEHOLD_TYPE_OUT_OF_POVERTY, HOUSEHOLD_TYPE_ORDINARY)
    others = sorted(k for k in found if k and k not in known)
    lines = [TypeLine(k, found.get(k, Tally())) for k in (*known, *others)]
    if found.get(None) or found.get(""):
        lines.append(TypeLine(NO_TYPE, found.get(None, Tally()) + found.get("", Tally())))
    return tuple(lines)


def monitor_categories(session: Session) -> tuple[tuple[CategoryLine, ...], CategoryLine]:
    """在册 监测对象 by category (the three in order, then any other value), and their total."""
    eliminated = Household.risk_eliminated.is_(True)
    n = people()
    rows = session.execute(
        select(Household.monitor_category, eliminated, func.count(), func.sum(func.coalesce(n.c.n, 0)))
        .select_from(Household)
        .outerjoin(n, n.c.household_id == Household.id)
        .where(on_register(), Household.monitor_category.is_not(None))
        .group_by(Household.monitor_category, eliminated)
    )
    split: dict[str, list[Tally]] = defaultdict(lambda: [Tally(), Tally()])
    for category, done, h, p in rows:
        split[category][0 if done else 1] += Tally(int(h), int(p or 0))
    order = [c for c in MONITOR_CATEGORIES if c in split] + sorted(
        c for c in split if c not in MONITOR_CATEGORIES
    )
    lines = tuple(CategoryLine(c, split[c][0] + split[c][1], split[c][0], split[c][1]) for c in order)
    total = CategoryLine(
        "监测对象合计",
        _add(line.tally for line in lines),
        _add(line.eliminated for line in lines),
        _add(line.not_eliminated for line in lines),
    )
    return lines, total


# ------------------------------------------------------------------ 本期动态


def _day_range(column: ColumnElement, since: date, until: date) -> ColumnElement[bool]:
    return column.between(since, until)


def _stamp_range(column: ColumnElement, since: date, until: date) -> ColumnElement[bool]:
    """A DateTime column within the days since … until."""
    return and_(
        column >= datetime.combine(since, time.min), column < datetime.combine(until + timedelta(1), time.min)
    )


def load_changes(session: Session, since: date, until: date, villages: Villages) -> Changes:
    month_start = since.replace(day=1)
    identified_ids = union(
        select(Household.id).where(_day_range(Household.identified_on, month_start, until)),
        select(ProgramMembership.household_id).where(
            ProgramMembership.program == MONITORED_PROGRAM,
            _day_range(ProgramMembership.start_date, since, until),
        ),
    ).subquery()
    # labels grouped as stored (no bound value in GROUP BY: PostgreSQL would not match it to the
    # SELECT's); the empty ones are named in Python (_split)
    identified = _by_village_and(
        session, Household.monitor_category, [Household.id.in_(select(identified_ids.c[0]))]
    )
    eliminated = _by_village_and(
        session,
        Household.elimination_method,
        [Household.risk_eliminated.is_(True), _day_range(Household.eliminated_on, month_start, until)],
    )
    added = _by_village_and(session, None, [_stamp_range(Household.created_at, since, until)])
    archived = _by_village_and(
        session,
        Household.archived_reason,
        [Household.archived.is_(True), _day_range(Household.archived_on, since, until)],
    )
    removed = _members_by_village_and(
        session,
        Member.removed_reason,
        [Member.status == MEMBER_REMOVED, _day_range(Member.removed_on, since, until)],
    )
    member_added = _stamp_range(Member.created_at, since, until)
    members_added = _members_by_village_and(session, None, [member_added])
    in_new_households = session.scalar(
        select(func.count())
        .select_from(Member)
        .join(Household, Household.id == Member.household_id)
        .where(member_added, _stamp_range(Household.created_at, since, until))
    )

    def total(found: dict[tuple[int, object], Tally]) -> Tally:
        return _add(found.values())

    rows = []
    for village_id, name in villages:
        rows.append(
            ChangeRow(
                village=name,
                identified=_sum_of(identified, village_id),
                eliminated=_sum_of(eliminated, village_id),
                members_added=_sum_of(members_added, village_id).people,
                members_removed=_sum_of(removed, village_id).people,
                households_added=_sum_of(added, village_id).households,
                households_archived=_sum_of(archived, village_id).households,
            )
        )
    added_people = total(members_added).people
    summary = ChangeRow(
        village="合计",
        identified=total(identified),
        eliminated=total(eliminated),
        members_added=added_people,
        members_removed=total(removed).people,
        households_added=total(added).households,
        households_archived=total(archived).households,
    )
    return Changes(
        since=since,
        until=until,
        identified=summary.identified,
        identified_by_category=_split(identified, households=True, empty=NO_CATEGORY),
        eliminated=summary.eliminated,
        eliminated_by_method=_split(eliminated, households=True, empty=NO_METHOD),
        members_added=added_people,
        members_added_in_new_households=int(in_new_households or 0),
        members_removed=summary.members_removed,
        removed_by_reason=_split(removed, households=False, empty=NO_REASON),
        households_added=total(added),
        households_archived=total(archived),
        archived_by_reason=_split(archived, households=True, empty=NO_REASON),
        villages=tuple(rows),
        total=summary,
    )


def _by_village_and(
    session: Session, label: ColumnElement | None, where: Sequence[ColumnElement[bool]]
) -> dict[tuple[int, object], Tally]:
    """(village id, label) → households matching `where` and their members 在册."""
    n = people()
    keys = [Household.village_id] if label is None else [Household.village_id, label]
    rows = session.execute(
        select(*keys, func.count(), func.sum(func.coalesce(n.c.n, 0)))
        .select_from(Household)
        .outerjoin(n, n.c.household_id == Household.id)
        .where(*where)
        .group_by(*keys)  # no constant in GROUP BY: PostgreSQL refuses one
    )
    if label is None:
        return {(v, ""): Tally(int(h), int(p or 0)) for v, h, p in rows}
    return {(v, lab): Tally(int(h), int(p or 0)) for v, lab, h, p in rows}


def _members_by_village_and(
    session: Session, label: ColumnElement | None, where: Sequence[ColumnElement[bool]]
) -> dict[tuple[int, object], Tally]:
    """(village id, label) → members matching `where` (counted as Tally.people)."""
    keys = [Household.village_id] if label is None else [Household.village_id, label]
    rows = session.execute(
        select(*keys, func.count())
        .select_from(Member)
        .join(Household, Household.id == Member.household_id)
        .where(*where)
        .group_by(*keys)
    )
    if label is None:
        return {(v, ""): Tally(0, int(n)) for v, n in rows}
    return {(v, lab): Tally(0, int(n)) for v, lab, n in rows}


def _sum_of(found: dict[tuple[int, object], Tally], village_id: int) -> Tally:
    return _add(t for (v, _), t in found.items() if v == village_id)


def _split(found: dict[tuple[int, object], Tally], *, households: bool, empty: str) -> tuple[Breakdown, ...]:
    counts: dict[str | None, int] = defaultdict(int)
    for (_, label), t in found.items():
        counts[str(label) if label is not None else None] += t.households if households else t.people
    return _ranked(counts, empty)


# ------------------------------------------------------------------ 各村情况和包村干部


def village_cadres(session: Session) -> dict[int, tuple[str, str]]:
    """village id → (驻村第一书记, 监测联系人) as 区划 records them ("" when not recorded)."""
    rows = session.execute(
        select(Area.id, Area.secretary, Area.monitor_contact).where(Area.level == "village")
    )
    return {v: ((secretary or "").strip(), (contact or "").strip()) for v, secretary, contact in rows}


# ------------------------------------------------------------------ 开发式帮扶


def dev_support(session: Session) -> DevSupport:
    """在册 监测对象 not eliminated, by 实施开发式帮扶措施情况; and the 兜底 households among them."""
    where = [
        on_register(),
        Household.monitor_category.is_not(None),
        Household.risk_eliminated.is_not(True),
    ]
    counts = dict(
        session.execute(
            select(Household.dev_support, func.count()).where(*where).group_by(Household.dev_support)
        ).all()
    )
    no_labour = session.scalar(
        select(func.count()).select_from(Household).where(*where, Household.no_labour_guarantee.is_(True))
    )
    total = sum(counts.values())
    done, not_yet = counts.get(DEV_SUPPORT_DONE, 0), counts.get(DEV_SUPPORT_NOT_YET, 0)
    return DevSupport(total, done, not_yet, total - done - not_yet, int(no_labour or 0))


# ------------------------------------------------------------------ 三保障和饮水


def age_cutoff(today: date, years: int) -> date:
    """The first birth date too late to be `years` old on `today` (born earlier ⇔ at least that old)."""
    try:
        return date(today.year - years, today.month, today.day) + timedelta(days=1)
    except ValueError:  # 29 February in a year without one
        return date(today.year - years, 3, 1)


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def load_guarantees(session: Session, today: date, villages: Villages) -> Guarantees:
    dangerous = Household.house_danger_level.in_(DANGEROUS_HOUSE)
    renovated = Household.house_renovated_on.is_not(None)
    relocated = Household.relocated.is_(True)
    unsafe_house = dangerous & ~renovated & Household.relocated.is_not(True)
    water_bad = or_(*(getattr(Household, name).is_(False) for name, _ in WATER_FLAGS))
    households = {
        row[0]: row[1:]
        for row in session.execute(
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
    }
    school_age = and_(Member.birth_date < age_cutoff(today, 6), Member.birth_date >= age_cutoff(today, 16))
    in_school = and_(func.coalesce(Member.school_status, "") != "", Member.school_status != PRESCHOOL)
    out_of_school = school_age & not_(in_school)
    resident, employee = Member.ins_resident_medical, Member.ins_employee_medical
    neither = and_(resident.is_not(True), employee.is_not(True))
    members = {
        row[0]: row[1:]
        for row in session.execute(
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
    }

    def h_sum(i: int) -> int:
        return sum(int(v[i] or 0) for v in households.values())

    def m_sum(i: int) -> int:
        return sum(int(v[i] or 0) for v in members.values())

    rows = []
    for village_id, name in villages:
        h = households.get(village_id)
        m = members.get(village_id)
        rows.append(
            GuaranteeRow(
                village=name,
                unsafe_houses=int(h[4] or 0) if h else 0,
                out_of_school=int(m[3] or 0) if m else 0,
                uninsured=int(m[7] or 0) if m else 0,
                unsafe_water=int(h[5] or 0) if h else 0,
            )
        )
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
        villages=tuple(rows),
        total=GuaranteeRow(
            village="合计",
            unsafe_houses=h_sum(4),
            out_of_school=m_sum(3),
            uninsured=m_sum(7),
            unsafe_water=h_sum(5),
        ),
    )
