"""本期动态 (between `since` and `until`, both included). 识别监测时间 and 消除监测时间 are kept to the
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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, select, union
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, Member, ProgramMembership
from fupin_desktop.domain.board import Tally
from fupin_desktop.domain.codes import MEMBER_REMOVED
from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import Breakdown, BriefingData, ChangeRow, Changes
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sheets import counts, sheet, text_column
from fupin_desktop.services.briefing.tallies import Villages, add, people, ranked

NO_CATEGORY = "未填类别"
NO_METHOD = "未填消除方式"
NO_REASON = "未注明原因"
MONITORED_PROGRAM = "监测对象"
Found = dict[tuple[int, object], Tally]  # (village id, label) → households and people


def load(src: Sources) -> Fields:
    return {"changes": load_changes(src.session, src.since, src.until, src.villages)}


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
    rows = tuple(
        _row(name, village_id, identified, eliminated, members_added, removed, added, archived)
        for village_id, name in villages
    )
    summary = _row("合计", None, identified, eliminated, members_added, removed, added, archived)
    return Changes(
        since=since,
        until=until,
        identified=summary.identified,
        identified_by_category=_split(identified, households=True, empty=NO_CATEGORY),
        eliminated=summary.eliminated,
        eliminated_by_method=_split(eliminated, households=True, empty=NO_METHOD),
        members_added=summary.members_added,
        members_added_in_new_households=int(in_new_households or 0),
        members_removed=summary.members_removed,
        removed_by_reason=_split(removed, households=False, empty=NO_REASON),
        households_added=add(added.values()),
        households_archived=add(archived.values()),
        archived_by_reason=_split(archived, households=True, empty=NO_REASON),
        villages=rows,
        total=summary,
    )


def _row(
    name: str,
    village_id: int | None,
    identified: Found,
    eliminated: Found,
    members_added: Found,
    removed: Found,
    added: Found,
    archived: Found,
) -> ChangeRow:
    """One village's row (village_id None: the township's 合计)."""

    def of(found: Found) -> Tally:
        return add(t for (v, _), t in found.items() if village_id is None or v == village_id)

    return ChangeRow(
        village=name,
        identified=of(identified),
        eliminated=of(eliminated),
        members_added=of(members_added).people,
        members_removed=of(removed).people,
        households_added=of(added).households,
        households_archived=of(archived).households,
    )


def _by_village_and(
    session: Session, label: ColumnElement | None, where: Sequence[ColumnElement[bool]]
) -> Found:
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
) -> Found:
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


def _split(found: Found, *, households: bool, empty: str) -> tuple[Breakdown, ...]:
    by_label: dict[str | None, int] = defaultdict(int)
    for (_, label), t in found.items():
        by_label[str(label) if label is not None else None] += t.households if households else t.people
    return ranked(by_label, empty)


# ------------------------------------------------------------------ the sheet


def sheets(data: BriefingData) -> list[Ledger]:
    c = data.changes
    heads = ("新识别户", "新识别人", "风险消除户", "风险消除人", "增加人口", "自然减少", "新建档户", "归档户")
    rows = [
        (
            r.village,
            r.identified.households,
            r.identified.people,
            r.eliminated.households,
            r.eliminated.people,
            r.members_added,
            r.members_removed,
            r.households_added,
            r.households_archived,
        )
        for r in [*c.villages, c.total]
    ]
    return [sheet(data, "本期动态", [text_column("村", 12), *counts(*heads)], rows)]
