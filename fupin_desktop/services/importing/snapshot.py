"""What the importer compares a file with: the database's households, members and the rest, loaded in a
few Core queries as plain dicts (fast for 70,000 members, no ORM objects)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

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
)
from fupin_desktop.services.importing.support import DISASTER
from fupin_desktop.services.register import chunked


@dataclass
class AreaIndex:
    """The area tree by id, and lookups by name."""

    rows: dict[int, dict] = field(default_factory=dict)

    def children(self, parent_id: int | None, level: str) -> list[dict]:
        return [a for a in self.rows.values() if a["parent_id"] == parent_id and a["level"] == level]

    def named(self, level: str, name: str) -> list[dict]:
        return [a for a in self.rows.values() if a["level"] == level and a["name"] == name]

    def parent(self, area_id: int | None) -> dict | None:
        row = self.rows.get(area_id) if area_id is not None else None
        return self.rows.get(row["parent_id"]) if row and row["parent_id"] is not None else None

    def name(self, area_id: int | None) -> str | None:
        return self.rows[area_id]["name"] if area_id in self.rows else None


@dataclass
class Snapshot:
    households: dict[str, dict]  # 户编号 → household row
    members: dict[int, dict]  # member id → member row (with "household_number")
    by_id_number: dict[str, list[int]]  # 证件号码 → member ids
    by_household: dict[int, list[int]]  # household id → member ids (position order)
    risks: dict[int, tuple[str, ...]]  # household id → risks in order
    areas: AreaIndex
    disaster_details: dict[int, str] = field(default_factory=dict)  # household id → 因自然灾害子项
    province: str = ""  # the settings' 省, which ledgers show for households that have none of their own
    incomes: dict[tuple[int, int], dict] = field(default_factory=dict)  # (household id, year) → record
    measures: dict[int, list[dict]] = field(default_factory=dict)  # household id → measures
    helpers: dict[int, dict] = field(default_factory=dict)  # helper id → helper row
    pairings: dict[int, dict] = field(default_factory=dict)  # household id → current pairing
    tasks: dict[tuple[str, str, str], int] = field(default_factory=dict)  # plan.tasks.task_key → 序号


def load_snapshot(session: Session, *, incomes: bool, measures: bool, helpers: bool) -> Snapshot:
    households = {row["number"]: dict(row) for row in session.execute(select(Household.__table__)).mappings()}
    number_of = {h["id"]: n for n, h in households.items()}
    members: dict[int, dict] = {}
    by_id_number: dict[str, list[int]] = defaultdict(list)
    by_household: dict[int, list[int]] = defaultdict(list)
    query = select(Member.__table__).order_by(Member.household_id, Member.position, Member.id)
    for row in session.execute(query).mappings():
        member = dict(row)
        member["household_number"] = number_of.get(member["household_id"])
        members[member["id"]] = member
        by_household[member["household_id"]].append(member["id"])
        if member["id_number"]:
            by_id_number[member["id_number"]].append(member["id"])
    risks: dict[int, list[str]] = defaultdict(list)
    details: dict[int, str] = {}
    for household_id, risk, detail in session.execute(
        select(HouseholdRisk.household_id, HouseholdRisk.risk, HouseholdRisk.detail).order_by(
            HouseholdRisk.household_id, HouseholdRisk.position
        )
    ):
        risks[household_id].append(risk)
        if detail and risk == DISASTER:
            details[household_id] = detail
    areas = AreaIndex({row["id"]: dict(row) for row in session.execute(select(Area.__table__)).mappings()})
    snapshot = Snapshot(
        households=households,
        members=members,
        by_id_number=dict(by_id_number),
        by_household=dict(by_household),
        risks={k: tuple(v) for k, v in risks.items()},
        areas=areas,
        disaster_details=details,
    )
    if incomes:
        snapshot.incomes = _incomes(session)
    if measures:
        snapshot.measures = _measures(session)
    if helpers:
        snapshot.helpers = {
            row["id"]: dict(row) for row in session.execute(select(Helper.__table__)).mappings()
        }
        snapshot.pairings = {
            row["household_id"]: dict(row)
            for row in session.execute(select(Pairing.__table__).where(Pairing.end_date.is_(None))).mappings()
        }
    return snapshot


def _incomes(session: Session) -> dict[tuple[int, int], dict]:
    records = {
        row["id"]: {**row, "lines": []} for row in session.execute(select(IncomeRecord.__table__)).mappings()
    }
    for row in session.execute(select(IncomeItem.__table__).order_by(IncomeItem.id)).mappings():
        records[row["record_id"]]["lines"].append(dict(row))
    return {(r["household_id"], r["year"]): r for r in records.values()}


def _measures(session: Session) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for row in session.execute(select(Measure.__table__).order_by(Measure.id)).mappings():
        out[row["household_id"]].append(dict(row))
    return dict(out)


def household_ids(session: Session, numbers: Iterable[str]) -> dict[str, int]:
    """户编号 → id for the given numbers (after inserting new households)."""
    out: dict[str, int] = {}
    for chunk in chunked(list(numbers)):
        out.update(
            session.execute(select(Household.number, Household.id).where(Household.number.in_(chunk))).all()
        )
    return out
