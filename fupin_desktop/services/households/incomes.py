"""Writing 收支核算 years and keeping the cached `net_income` / `per_capita` columns right.

The cache follows `HouseholdRecord.income(year)`: 家庭人口 is the year's recorded `people`, or the members
在册 when none was recorded — so it is refreshed whenever incomes or a household's members change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from fupin_desktop.db.models import IncomeItem, IncomeRecord, Member
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.domain.income import IncomeLine, ReportedIncome, summarize
from fupin_desktop.domain.records import IncomeYear
from fupin_desktop.services.register import chunked


def same_income(a: IncomeYear | None, b: IncomeYear | None) -> bool:
    """Equal years, whatever the order of their lines (the editor shows them grouped by category)."""
    if a is None or b is None:
        return a is b

    def key(year: IncomeYear) -> tuple:
        lines = sorted((x.category, x.item, x.amount, x.note or "", x.policy) for x in year.lines)
        return (year.year, year.people, year.assessed_on, year.note, lines)

    return key(a) == key(b)


def write_income_year(session: Session, household_id: int, income: IncomeYear) -> IncomeRecord:
    """Create or replace one year's record and its line items (the cache is refreshed separately)."""
    record = session.scalar(
        select(IncomeRecord).where(
            IncomeRecord.household_id == household_id, IncomeRecord.year == income.year
        )
    )
    if record is None:
        record = IncomeRecord(household_id=household_id, year=income.year)
        session.add(record)
        session.flush()
    record.people = income.people
    record.assessed_on = income.assessed_on
    record.note = income.note
    session.execute(delete(IncomeItem).where(IncomeItem.record_id == record.id))
    if income.lines:
        session.execute(
            insert(IncomeItem),
            [
                {
                    "record_id": record.id,
                    "category": line.category,
                    "item": line.item,
                    "amount": line.amount,
                    "policy": line.policy,
                    "note": line.note or None,
                }
                for line in income.lines
            ],
        )
    return record


def delete_income_year(session: Session, household_id: int, year: int) -> None:
    record = session.scalar(
        select(IncomeRecord).where(IncomeRecord.household_id == household_id, IncomeRecord.year == year)
    )
    if record is not None:
        session.delete(record)


def refresh_income_cache(session: Session, household_ids: Iterable[int]) -> None:
    """Recompute `net_income` and `per_capita` of every income year of these households (members or
    lines changed). A year without line items caches the national system's stated 人均纯收入."""
    session.flush()
    updates = []
    for chunk in chunked(sorted(set(household_ids))):
        records = session.execute(
            select(
                IncomeRecord.id,
                IncomeRecord.household_id,
                IncomeRecord.year,
                IncomeRecord.people,
                IncomeRecord.reported_per_capita,
            ).where(IncomeRecord.household_id.in_(chunk))
        ).all()
        if not records:
            continue
        headcount = dict(
            session.execute(
                select(Member.household_id, func.count())
                .where(Member.household_id.in_(chunk), Member.status == MEMBER_ACTIVE)
                .group_by(Member.household_id)
            ).all()
        )
        lines: dict[int, list[IncomeLine]] = defaultdict(list)
        for record_ids in chunked([r.id for r in records]):
            for record_id, category, item, amount, policy in session.execute(
                select(
                    IncomeItem.record_id,
                    IncomeItem.category,
                    IncomeItem.item,
                    IncomeItem.amount,
                    IncomeItem.policy,
                ).where(IncomeItem.record_id.in_(record_ids))
            ):
                lines[record_id].append(IncomeLine(category, item, amount, "", policy))
        for record in records:
            people = record.people or headcount.get(record.household_id, 0)
            reported = ReportedIncome(per_capita=record.reported_per_capita)
            summary = summarize(record.year, people, lines[record.id], None, reported)
            net = summary.net if summary.from_lines else None
            updates.append({"id": record.id, "net_income": net, "per_capita": summary.per_capita})
    if updates:
        session.execute(update(IncomeRecord), updates)
