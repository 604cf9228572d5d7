"""Bulk loading of full household records (domain/records.py) — a few queries per chunk, no N+1.

Rows are read with Core selects of exactly the columns the records hold, fetched all at once (`.all()`;
iterating a result fetches row by row) and turned straight into the frozen dataclasses: building ORM
objects first made a 20,000-household read take several times as long.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Table, case, func, select
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
from fupin_desktop.domain.income import TOTALS_FIELDS, IncomeLine, IncomeTotals, ReportedIncome
from fupin_desktop.domain.records import (
    HouseholdRecord,
    IncomeYear,
    MeasureRecord,
    MemberRecord,
    PairingRecord,
    ProgramRecord,
    VisitRecord,
)
from fupin_desktop.gc_pause import gc_paused
from fupin_desktop.services.register.thresholds import thresholds_by_year

CHUNK = 900  # stays under SQLite's bound-parameter limit
RANGE_CHUNK = 5000  # households per read when their ids form a range (bounded memory per query)

R = TypeVar("R")


def chunked(ids: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@cache
def _shared_columns(cls: type, table: Table) -> tuple[str, ...]:
    """The fields of dataclass `cls` that `table` has a column for, in field order."""
    return tuple(f.name for f in fields(cls) if f.name in table.c)


def _grouped(
    conn: Connection, cls: type[R], table: Table, ids: Sequence[int], *order: ColumnElement[Any]
) -> dict[int, list[R]]:
    """`table`'s rows for the households `ids` as `cls` records, by household, in `order`."""
    names = _shared_columns(cls, table)
    columns = [table.c.household_id, *(table.c[n] for n in names)]
    query = select(*columns).where(_among(table.c.household_id, ids)).order_by(*order)
    grouped: dict[int, list[R]] = defaultdict(list)
    if len(names) == len(fields(cls)):  # every field is a column: positional, the fastest way
        for row in conn.execute(query).all():
            grouped[row[0]].append(cls(*row[1:]))
    else:
        for row in conn.execute(query).all():
            grouped[row[0]].append(cls(**dict(zip(names, row[1:], strict=True))))
    return grouped


def load_households(
    session: Session,
    ids: Iterable[int],
    *,
    region: str | None = None,
    income_lines: bool = True,
    visits_and_pairings: bool = True,
) -> list[HouseholdRecord]:
    """Full records for `ids`, in the order given; unknown ids are skipped.

    With `income_lines=False` each 收支核算 year carries its category sums (`IncomeYear.totals`, summed
    by the database) instead of its lines: the same summaries at a fraction of the reading, for jobs
    that read every household and never show a line (the data checks, the 监测预警). With
    `visits_and_pairings=False` the records have neither (the data checks read no rule from them)."""
    ids = list(ids)
    thresholds = thresholds_by_year(session, region)
    areas = {a.id: a for a in session.execute(select(Area.id, Area.name, Area.parent_id))}
    out: dict[int, HouseholdRecord] = {}
    conn = session.connection()  # Core rows: the ORM's row processing is not needed for dataclasses
    with gc_paused():
        for chunk in _chunks(sorted(set(ids))):
            out.update(_load_chunk(conn, chunk, areas, thresholds, income_lines, visits_and_pairings))
    return [out[i] for i in ids if i in out]


def _chunks(ids: list[int]) -> Iterator[Sequence[int]]:
    """Ascending ids in chunks: whole ranges when they fill most of their span (a range binds two
    parameters however long it is), else lists short enough for an IN."""
    if ids and ids[-1] - ids[0] < 2 * len(ids):
        yield from chunked(ids, RANGE_CHUNK)
    else:
        yield from chunked(ids)


def _among(column: ColumnElement[int], ids: Sequence[int]) -> ColumnElement[bool]:
    """`column IN ids`, or the range they span when they fill most of it: an IN list binds one
    parameter per id, which costs more to prepare than the query takes. Rows of ids in the range but
    not asked for come back too; callers keep only the wanted ones."""
    low, high = ids[0], ids[-1]
    if high - low < 2 * len(ids) or len(ids) > CHUNK:
        return column.between(low, high)
    return column.in_(ids)


def load_household(
    session: Session, household_id: int, *, region: str | None = None
) -> HouseholdRecord | None:
    found = load_households(session, [household_id], region=region)
    return found[0] if found else None


def _load_chunk(
    conn: Connection,
    ids: Sequence[int],
    areas: dict[int, Any],
    thresholds: dict[int, float],
    income_lines: bool,
    visits_and_pairings: bool,
) -> dict[int, HouseholdRecord]:
    """Records of `ids` (ascending)."""
    wanted = set(ids)
    member = Member.__table__
    members = _grouped(conn, MemberRecord, member, ids, member.c.household_id, member.c.position, member.c.id)

    risks: dict[int, list[str]] = defaultdict(list)
    details: dict[int, str] = {}
    for hid, risk, detail in conn.execute(
        select(HouseholdRisk.household_id, HouseholdRisk.risk, HouseholdRisk.detail)
        .where(_among(HouseholdRisk.household_id, ids))
        .order_by(HouseholdRisk.household_id, HouseholdRisk.position)
    ).all():
        risks[hid].append(risk)
        if detail:
            details[hid] = detail

    incomes = _incomes(conn, ids, wanted) if income_lines else _income_totals(conn, ids, wanted)

    measure = Measure.__table__
    measures = _grouped(conn, MeasureRecord, measure, ids, measure.c.start_date, measure.c.id)

    visits: dict[int, list[VisitRecord]] = defaultdict(list)
    pairings: dict[int, list[PairingRecord]] = defaultdict(list)
    if visits_and_pairings:
        visits, pairings = _visits(conn, ids), _pairings(conn, ids)

    program = ProgramMembership.__table__
    programs = _grouped(conn, ProgramRecord, program, ids, program.c.start_date)

    household = Household.__table__
    names = _shared_columns(HouseholdRecord, household)
    out = {}
    for row in conn.execute(
        select(household.c.village_id, household.c.group_id, *(household.c[n] for n in names)).where(
            _among(household.c.id, ids)
        )
    ).all():
        values = dict(zip(names, row[2:], strict=True))
        hid = values["id"]
        if hid not in wanted:
            continue
        village = areas[row.village_id]
        township = areas.get(village.parent_id) if village.parent_id else None
        county = areas.get(township.parent_id) if township and township.parent_id else None
        out[hid] = HouseholdRecord(
            **values,
            village=village.name,
            group=areas[row.group_id].name if row.group_id else None,
            township=township.name if township else None,
            county=county.name if county else None,
            risks=tuple(risks[hid]),
            disaster_detail=details.get(hid),
            members=tuple(members[hid]),
            incomes=tuple(incomes[hid]),
            measures=tuple(measures[hid]),
            visits=tuple(visits[hid]),
            pairings=tuple(pairings[hid]),
            programs=tuple(programs[hid]),
            thresholds=thresholds,
        )
    return out


def _incomes(conn: Connection, ids: Sequence[int], wanted: set[int]) -> dict[int, list[IncomeYear]]:
    """Each household's 收支核算 years with their lines, ascending by year."""
    records = conn.execute(
        select(
            IncomeRecord.id,
            IncomeRecord.household_id,
            IncomeRecord.year,
            IncomeRecord.people,
            IncomeRecord.assessed_on,
            IncomeRecord.note,
            *REPORTED,
        )
        .where(_among(IncomeRecord.household_id, ids))
        .order_by(IncomeRecord.year)
    ).all()
    records = [r for r in records if r.household_id in wanted]
    lines: dict[int, list[IncomeLine]] = defaultdict(list)
    for rid_chunk in _chunks(sorted(r.id for r in records)):
        for row in conn.execute(
            select(
                IncomeItem.record_id,
                IncomeItem.category,
                IncomeItem.item,
                IncomeItem.amount,
                func.coalesce(IncomeItem.note, ""),
                IncomeItem.policy,
            )
            .where(_among(IncomeItem.record_id, rid_chunk))
            .order_by(IncomeItem.id)
        ).all():
            lines[row[0]].append(IncomeLine(*row[1:]))
    incomes: dict[int, list[IncomeYear]] = defaultdict(list)
    for r in records:
        incomes[r.household_id].append(
            IncomeYear(
                r.year,
                r.people,
                tuple(lines[r.id]),
                assessed_on=r.assessed_on,
                note=r.note,
                reported=_reported(r.reported_per_capita, r.reported_net, r.reported_gross),
            )
        )
    return incomes


REPORTED = (IncomeRecord.reported_per_capita, IncomeRecord.reported_net, IncomeRecord.reported_gross)


def _reported(per_capita: float | None, net: float | None, gross: float | None) -> ReportedIncome | None:
    found = ReportedIncome(per_capita, net, gross)
    return found if found else None


def _income_totals(conn: Connection, ids: Sequence[int], wanted: set[int]) -> dict[int, list[IncomeYear]]:
    """Each household's 收支核算 years with the sums of their lines by category (no lines)."""

    def summed(condition: ColumnElement[bool]) -> ColumnElement[float]:
        return func.coalesce(func.sum(case((condition, IncomeItem.amount), else_=0.0)), 0.0)

    sums = [summed(IncomeItem.category == category.value) for category in TOTALS_FIELDS]
    query = (
        select(
            IncomeRecord.household_id,
            IncomeRecord.year,
            IncomeRecord.people,
            IncomeRecord.assessed_on,
            IncomeRecord.note,
            *REPORTED,
            *sums,
            summed(IncomeItem.policy.is_(True)),
            func.count(IncomeItem.id),
        )
        .outerjoin(IncomeItem, IncomeItem.record_id == IncomeRecord.id)
        .where(_among(IncomeRecord.household_id, ids))
        .group_by(IncomeRecord.id)
        .order_by(IncomeRecord.year)
    )
    incomes: dict[int, list[IncomeYear]] = defaultdict(list)
    for hid, year, people, assessed_on, note, per_capita, net, gross, *sums in conn.execute(query).all():
        if hid in wanted:
            totals = IncomeTotals(*sums)
            incomes[hid].append(
                IncomeYear(
                    year,
                    people,
                    (),
                    assessed_on=assessed_on,
                    note=note,
                    reported=_reported(per_capita, net, gross),
                    totals=totals,
                )
            )
    return incomes


def _visits(conn: Connection, ids: Sequence[int]) -> dict[int, list[VisitRecord]]:
    """Each household's 走访记录, newest first."""
    visit = Visit.__table__
    return _grouped(conn, VisitRecord, visit, ids, visit.c.visited_on.desc(), visit.c.id.desc())


def _pairings(conn: Connection, ids: Sequence[int]) -> dict[int, list[PairingRecord]]:
    """Each household's pairings with its helpers, newest first."""
    pairings: dict[int, list[PairingRecord]] = defaultdict(list)
    for p in conn.execute(
        select(
            Pairing.household_id,
            Pairing.id,
            Pairing.start_date,
            Pairing.end_date,
            Pairing.end_reason,
            Helper.id.label("helper_id"),
            Helper.name,
            Helper.unit,
            Helper.phone,
            Helper.title,
        )
        .join(Helper, Helper.id == Pairing.helper_id)
        .where(_among(Pairing.household_id, ids))
        .order_by(Pairing.start_date.desc(), Pairing.id.desc())
    ).all():
        pairings[p.household_id].append(
            PairingRecord(
                id=p.id,
                helper_id=p.helper_id,
                helper_name=p.name,
                helper_unit=p.unit,
                helper_phone=p.phone,
                helper_title=p.title,
                start_date=p.start_date,
                end_date=p.end_date,
                end_reason=p.end_reason,
            )
        )
    return pairings
