"""Writing a planned import in bulk, inside the caller's transaction (all or nothing).

Thousands of rows go in with executemany inserts and primary-key bulk updates, never one ORM object at a
time; the cached 人均纯收入 of every household whose members or incomes changed is recomputed at the end.

Every stored household and helper the import changes has its version raised (services.edit_versions), so
an editor opened before the import is refused rather than saving its older copy over the import's change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from operator import is_not, methodcaller

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from fupin_desktop.db.bulk import insert_rows
from fupin_desktop.db.models import (
    Helper,
    Household,
    HouseholdRisk,
    IncomeItem,
    IncomeRecord,
    Measure,
    Member,
    MemberMove,
    Pairing,
)
from fupin_desktop.services.areas import get_or_create_area
from fupin_desktop.services.edit_versions import bump
from fupin_desktop.services.import_model import IncomeSet, Plan
from fupin_desktop.services.import_snapshot import Snapshot, household_ids
from fupin_desktop.services.import_support import DISASTER, PAIRING_END_REASON, AreaKey
from fupin_desktop.services.incomes import refresh_income_cache
from fupin_desktop.services.progress import Job, Progress
from fupin_desktop.services.records import chunked

HOUSEHOLD_COLUMNS, MEMBER_COLUMNS, MEASURE_COLUMNS, HELPER_COLUMNS = (
    [c.key for c in model.__table__.columns if c.key != "id"]
    for model in (Household, Member, Measure, Helper)
)


def _stamps() -> dict[str, datetime]:
    now = datetime.now()
    return {"created_at": now, "updated_at": now}


def _filled(rows: list[dict], columns: Iterable[str]) -> list[str]:
    """The columns some row fills, so the database is not sent dozens of always-empty parameters per
    row (and a column's default, such as a time stamp the table lacks, is not overridden with NULL)."""
    return [k for k in columns if any(map(_NOT_NONE, map(methodcaller("get", k), rows)))]


_NOT_NONE = partial(is_not, None)


class AreaResolver:
    """Village and group ids for the planned households, creating missing areas once each."""

    def __init__(self, session: Session, snap: Snapshot) -> None:
        self.session, self.snap = session, snap
        self.cache: dict[tuple, int] = {}

    def _one(self, level: str, name: str, parent: int | None) -> int:
        key = (level, name, parent)
        if key not in self.cache:
            self.cache[key] = get_or_create_area(self.session, level, name, parent).id
        return self.cache[key]

    def _township(self, key: AreaKey) -> int | None:
        if not key.township:
            return None
        existing = self.snap.areas.named("township", key.township)
        if len(existing) == 1:
            return existing[0]["id"]
        county = None
        if key.county:
            counties = self.snap.areas.named("county", key.county)
            county = counties[0]["id"] if counties else self._one("county", key.county, None)
        else:
            counties = [a for a in self.snap.areas.rows.values() if a["level"] == "county"]
            county = counties[0]["id"] if len(counties) == 1 else None
        return self._one("township", key.township, county)

    def village(self, key: AreaKey) -> int:
        if key.village_id is not None:
            return key.village_id
        return self._one("village", key.village, self._township(key))

    def group(self, key: AreaKey, village_id: int) -> int | None:
        if not key.group:
            return None
        if key.group_id is not None and key.village_id == village_id:
            return key.group_id
        return self._one("group", key.group, village_id)


def write_plan(session: Session, plan: Plan, snap: Snapshot) -> Job[None]:
    total = len(plan.household_inserts) + len(plan.member_inserts) or 1
    yield Progress(0, total, "写入农户")
    areas = AreaResolver(session, snap)
    rows, stamps = [], _stamps()
    for new in plan.household_inserts:
        key = plan.areas[new.number]
        village = areas.village(key)
        rows.append({**new.values, "village_id": village, "group_id": areas.group(key, village), **stamps})
    insert_rows(session, Household.__table__, rows, _filled(rows, HOUSEHOLD_COLUMNS))
    ids = {n: h["id"] for n, h in snap.households.items()}
    ids.update(household_ids(session, plan.new_households))
    _update_households(session, plan, areas, ids)
    yield Progress(len(plan.household_inserts), total, "写入家庭成员")
    _write_risks(session, plan, ids)
    _write_members(session, plan, ids)
    yield Progress(total, total, "写入收支、措施和结对")
    _write_incomes(session, plan, ids)
    _write_measures(session, plan, ids)
    _write_helpers_and_pairings(session, plan, ids)
    yield Progress(total, total, "重算人均纯收入")
    refresh_income_cache(session, [ids[n] for n in plan.touched_households if n in ids])
    _bump_versions(session, plan, ids)


def _bump_versions(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    """Raise the version of every stored household whose record or parts (members, members moved out,
    risks, incomes, measures, pairing) the import changed, and of every helper it updated."""
    numbers = (
        plan.changed_households
        | plan.touched_households
        | {r.household for r in plan.risk_sets}
        | {m.household for m in plan.measure_deletes}
        | {m.household for m in plan.measure_inserts}
        | {p.household for p in plan.pairing_sets}
    ) - set(plan.new_households)
    households = {ids[n] for n in numbers if n in ids}
    households |= {h.id for h in plan.household_updates} | {m.from_household_id for m in plan.moves}
    bump(session, Household, households)
    bump(session, Helper, [h.id for h in plan.helper_updates])


def _update_households(session: Session, plan: Plan, areas: AreaResolver, ids: dict[str, int]) -> None:
    now = datetime.now()
    rows = []
    for planned in plan.household_updates:
        values = {**planned.values, "id": planned.id, "updated_at": now}
        if planned.village or planned.group:
            key = plan.areas[planned.number]
            village = areas.village(key)
            if planned.village:
                values["village_id"] = village
            if not key.keep_group:
                values["group_id"] = areas.group(key, village)
        rows.append(values)
        ids[planned.number] = planned.id  # a renumbered household goes by its new number from here on
    if rows:
        session.execute(update(Household), rows)  # bulk by primary key


def _write_risks(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    targets = [ids[r.household] for r in plan.risk_sets]
    for chunk in chunked(targets):
        session.execute(delete(HouseholdRisk).where(HouseholdRisk.household_id.in_(chunk)))
    rows = [
        {
            "household_id": ids[r.household],
            "position": i + 1,
            "risk": risk,
            "detail": r.disaster_detail if risk == DISASTER else None,
        }
        for r in plan.risk_sets
        for i, risk in enumerate(r.risks[:5])
    ]
    if rows:
        session.execute(insert(HouseholdRisk), rows)


def _write_members(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    stamps = _stamps()
    rows = [{**m.values, "household_id": ids[m.household], **stamps} for m in plan.member_inserts]
    insert_rows(session, Member.__table__, rows, _filled(rows, MEMBER_COLUMNS))
    now = datetime.now()
    updates = []
    for m in plan.member_updates:
        values = {**m.values, "id": m.id, "updated_at": now}
        if m.moved:
            values["household_id"] = ids[m.household]
        updates.append(values)
    if updates:
        session.execute(update(Member), updates)
    moves = [
        {
            "member_id": m.member_id,
            "from_household_id": m.from_household_id,
            "to_household_id": ids[m.to],
            "moved_on": m.moved_on,
            "reason": m.reason,
        }
        for m in plan.moves
    ]
    if moves:
        session.execute(insert(MemberMove), moves)


def _record_ids(session: Session, household_ids_: Iterable[int]) -> dict[tuple[int, int], int]:
    found: dict[tuple[int, int], int] = {}
    for chunk in chunked(sorted(set(household_ids_))):
        found.update(
            {
                (h, y): rid
                for rid, h, y in session.execute(
                    select(IncomeRecord.id, IncomeRecord.household_id, IncomeRecord.year).where(
                        IncomeRecord.household_id.in_(chunk)
                    )
                )
            }
        )
    return found


def _write_incomes(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    if not plan.income_sets:
        return
    wanted = {(ids[s.household], s.year): s for s in plan.income_sets}
    existing = _record_ids(session, (h for h, _ in wanted))

    def record_values(planned: IncomeSet) -> dict[str, object]:
        reported = planned.reported
        return {
            "people": planned.people,
            "reported_per_capita": reported.per_capita if reported else None,
            "reported_net": reported.net if reported else None,
            "reported_gross": reported.gross if reported else None,
        }

    replaced = [existing[k] for k in wanted if k in existing]
    for chunk in chunked(replaced):
        session.execute(delete(IncomeItem).where(IncomeItem.record_id.in_(chunk)))
    if replaced:
        session.execute(
            update(IncomeRecord),
            [{"id": existing[k], **record_values(s)} for k, s in wanted.items() if k in existing],
        )
    new = [
        {"household_id": h, "year": y, **record_values(s)}
        for (h, y), s in wanted.items()
        if (h, y) not in existing
    ]
    if new:
        session.execute(insert(IncomeRecord), new)
        existing.update(_record_ids(session, (r["household_id"] for r in new)))
    items = [
        {
            "record_id": existing[key],
            "category": line.category,
            "item": line.item,
            "amount": line.amount,
            "note": line.note or None,
            "policy": line.policy,
        }
        for key, planned in wanted.items()
        for line in planned.lines
    ]
    if items:
        session.execute(insert(IncomeItem), items)


def _write_measures(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    for chunk in chunked([m.id for m in plan.measure_deletes]):
        session.execute(delete(Measure).where(Measure.id.in_(chunk)))
    stamps = _stamps()
    rows = [{**m.values, "household_id": ids[m.household], **stamps} for m in plan.measure_inserts]
    insert_rows(session, Measure.__table__, rows, _filled(rows, MEASURE_COLUMNS))


def _write_helpers_and_pairings(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    stamps = _stamps()
    rows = [{**h.values, "phone": h.phone, "archived": False, **stamps} for h in plan.helper_inserts]
    insert_rows(session, Helper.__table__, rows, _filled(rows, HELPER_COLUMNS))
    if plan.helper_updates:
        session.execute(update(Helper), [{**h.values, "id": h.id} for h in plan.helper_updates])
    if not plan.pairing_sets:
        return
    phones = {p.phone for p in plan.pairing_sets}
    helper_of = dict(
        session.execute(
            select(Helper.phone, Helper.id).where(Helper.phone.in_(phones), Helper.archived.is_(False))
        ).all()
    )
    ended = [
        {"id": p.end_pairing, "end_date": p.start_date, "end_reason": PAIRING_END_REASON}
        for p in plan.pairing_sets
        if p.end_pairing
    ]
    if ended:
        session.execute(update(Pairing), ended)
    session.execute(
        insert(Pairing),
        [
            {"household_id": ids[p.household], "helper_id": helper_of[p.phone], "start_date": p.start_date}
            for p in plan.pairing_sets
        ],
    )
