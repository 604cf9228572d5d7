"""Bulk loading of full household records (domain/records.py) — a few queries per chunk, no N+1."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import (
    Area,
    Helper,
    Household,
    HouseholdRisk,
    IncomeItem,
    IncomeRecord,
    Measure,
    Member,
    Pairing,
    ProgramMembership,
    Visit,
)
from fupin_desktop.domain.income import IncomeLine
from fupin_desktop.domain.records import (
    HouseholdRecord,
    IncomeYear,
    MeasureRecord,
    MemberRecord,
    PairingRecord,
    ProgramRecord,
    VisitRecord,
)
from fupin_desktop.services.thresholds import thresholds_by_year

CHUNK = 900  # stays under SQLite's bound-parameter limit

R = TypeVar("R")


def chunked(ids: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def plain(obj: Any, cls: type[R], **extra: Any) -> R:
    """Copy the attributes of an ORM object that `cls` (a dataclass) has fields for."""
    values = {
        f.name: getattr(obj, f.name) for f in fields(cls) if f.name not in extra and hasattr(obj, f.name)
    }  # type: ignore[arg-type]
    return cls(**values, **extra)


def load_households(
    session: Session, ids: Iterable[int], *, region: str | None = None
) -> list[HouseholdRecord]:
    """Full records for `ids`, in the order given; unknown ids are skipped."""
    ids = list(ids)
    thresholds = thresholds_by_year(session, region)
    areas = {a.id: a for a in session.scalars(select(Area))}
    out: dict[int, HouseholdRecord] = {}
    for chunk in chunked(ids):
        out.update(_load_chunk(session, chunk, areas, thresholds))
    return [out[i] for i in ids if i in out]


def load_household(
    session: Session, household_id: int, *, region: str | None = None
) -> HouseholdRecord | None:
    found = load_households(session, [household_id], region=region)
    return found[0] if found else None


def _load_chunk(
    session: Session, ids: Sequence[int], areas: dict[int, Area], thresholds: dict[int, float]
) -> dict[int, HouseholdRecord]:
    households = session.scalars(select(Household).where(Household.id.in_(ids))).all()

    members: dict[int, list[MemberRecord]] = defaultdict(list)
    for m in session.scalars(
        select(Member)
        .where(Member.household_id.in_(ids))
        .order_by(Member.household_id, Member.position, Member.id)
    ):
        members[m.household_id].append(plain(m, MemberRecord))

    risks: dict[int, list[str]] = defaultdict(list)
    for r in session.scalars(
        select(HouseholdRisk).where(HouseholdRisk.household_id.in_(ids)).order_by(HouseholdRisk.position)
    ):
        risks[r.household_id].append(r.risk)

    lines: dict[int, list[IncomeLine]] = defaultdict(list)
    records = session.scalars(
        select(IncomeRecord).where(IncomeRecord.household_id.in_(ids)).order_by(IncomeRecord.year)
    ).all()
    record_ids = [r.id for r in records]
    for rid_chunk in chunked(record_ids):
        for item in session.scalars(
            select(IncomeItem).where(IncomeItem.record_id.in_(rid_chunk)).order_by(IncomeItem.id)
        ):
            lines[item.record_id].append(
                IncomeLine(item.category, item.item, item.amount, item.note or "", item.policy)
            )
    incomes: dict[int, list[IncomeYear]] = defaultdict(list)
    for r in records:
        incomes[r.household_id].append(
            IncomeYear(r.year, r.people, tuple(lines[r.id]), assessed_on=r.assessed_on, note=r.note)
        )

    measures: dict[int, list[MeasureRecord]] = defaultdict(list)
    for m in session.scalars(
        select(Measure).where(Measure.household_id.in_(ids)).order_by(Measure.start_date, Measure.id)
    ):
        measures[m.household_id].append(plain(m, MeasureRecord))

    visits: dict[int, list[VisitRecord]] = defaultdict(list)
    for v in session.scalars(
        select(Visit).where(Visit.household_id.in_(ids)).order_by(Visit.visited_on.desc(), Visit.id.desc())
    ):
        visits[v.household_id].append(plain(v, VisitRecord))

    pairings: dict[int, list[PairingRecord]] = defaultdict(list)
    for p, h in session.execute(
        select(Pairing, Helper)
        .join(Helper, Helper.id == Pairing.helper_id)
        .where(Pairing.household_id.in_(ids))
        .order_by(Pairing.start_date.desc(), Pairing.id.desc())
    ):
        pairings[p.household_id].append(
            PairingRecord(
                id=p.id,
                helper_id=h.id,
                helper_name=h.name,
                helper_unit=h.unit,
                helper_phone=h.phone,
                helper_title=h.title,
                start_date=p.start_date,
                end_date=p.end_date,
                end_reason=p.end_reason,
            )
        )

    programs: dict[int, list[ProgramRecord]] = defaultdict(list)
    for pm in session.scalars(
        select(ProgramMembership)
        .where(ProgramMembership.household_id.in_(ids))
        .order_by(ProgramMembership.start_date)
    ):
        programs[pm.household_id].append(plain(pm, ProgramRecord))

    out = {}
    for h in households:
        village = areas[h.village_id]
        township = areas.get(village.parent_id) if village.parent_id else None
        county = areas.get(township.parent_id) if township and township.parent_id else None
        out[h.id] = plain(
            h,
            HouseholdRecord,
            village=village.name,
            group=areas[h.group_id].name if h.group_id else None,
            township=township.name if township else None,
            county=county.name if county else None,
            risks=tuple(risks[h.id]),
            members=tuple(members[h.id]),
            incomes=tuple(incomes[h.id]),
            measures=tuple(measures[h.id]),
            visits=tuple(visits[h.id]),
            pairings=tuple(pairings[h.id]),
            programs=tuple(programs[h.id]),
            thresholds=thresholds,
        )
    return out
