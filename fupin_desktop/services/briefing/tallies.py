"""Counting 在册 households and their people in SQL with GROUP BY (a few queries whatever the size of the
register), for the sections' counts. "在册" households are those not archived and "人" are their
members 在册, as on the village board (domain/board.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, Subquery, func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, Member
from fupin_desktop.domain.board import Tally
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.reports.briefing_data import Breakdown

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


def tallies(session: Session, key: ColumnElement, where: Iterable[ColumnElement[bool]]) -> dict:
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


def add(found: Iterable[Tally]) -> Tally:
    return sum(found, Tally())


def ranked(found: dict[str | None, int], empty: str) -> tuple[Breakdown, ...]:
    """The counts by label, largest first; empty labels merged under `empty`."""
    merged: dict[str, int] = defaultdict(int)
    for label, n in found.items():
        merged[(label or "").strip() or empty] += n
    return tuple(Breakdown(k, v) for k, v in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0])) if v)
