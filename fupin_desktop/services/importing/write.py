"""Writing a planned import in bulk, inside the caller's transaction (all or nothing).

Thousands of rows go in with executemany inserts and primary-key bulk updates, never one ORM object at a
time; the cached 人均纯收入 of every household whose members or incomes changed is recomputed at the end.

Every stored household and helper the import changes has its version raised (services.register.edit_versions), so
an editor opened before the import is refused rather than saving its older copy over the import's change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import partial
from operator import is_not, methodcaller

from sqlalchemy import delete, func, insert, select, update
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
    Task,
    TaskEvent,
    TaskHousehold,
)
from fupin_desktop.domain.tasks import TaskStatus
from fupin_desktop.services.households import refresh_income_cache
from fupin_desktop.services.importing.plan.model import IncomeSet, Plan
from fupin_desktop.services.importing.snapshot import Snapshot, household_ids
from fupin_desktop.services.importing.support import DISASTER, PAIRING_END_REASON, AreaKey
from fupin_desktop.services.progress import Job, Progress
from fupin_desktop.services.rectification import next_seq
from fupin_desktop.services.register import bump, chunked, get_or_create_area

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


# ------------------------------------------------------------------ the template's 整改任务


TASK_TEXT_FIELDS = ("scope", "measures", "target", "leader", "lead_unit", "unit", "person", "progress")
TASK_IMPORTED_NOTE = "由导入文件建立"


def write_tasks(session: Session, plan: Plan, user: str, today: date) -> list[int]:
    """Insert the planned tasks (待整改, the next 序号 on), their households and creation events, in the
    caller's transaction (after the households of the same file are written); returns the new ids."""
    if not plan.task_inserts:
        return []
    first = next_seq(session)
    now = datetime.now()
    rows = []
    for n, planned in enumerate(plan.task_inserts):
        row: dict[str, object] = dict(planned.values)
        for name in TASK_TEXT_FIELDS:
            row[name] = row.get(name) or None
        row.update(
            seq=first + n,
            status=TaskStatus.TODO.value,
            supervised=bool(row.get("supervised")),
            found_on=row.get("found_on") or today,
            created_by=user,
            created_at=now,
            updated_at=now,
        )
        rows.append(row)
    session.execute(insert(Task), _same_keys(rows))
    last = first + len(rows) - 1
    ids = list(session.scalars(select(Task.id).where(Task.seq.between(first, last)).order_by(Task.seq)))
    wanted = sorted({n for t in plan.task_inserts for n in t.households})
    household_of: dict[str, int] = {}
    for chunk in chunked(wanted):
        household_of.update(
            session.execute(select(Household.number, Household.id).where(Household.number.in_(chunk))).all()
        )  # type: ignore[arg-type]
    links = [
        {"task_id": task_id, "household_id": household_of[number]}
        for task_id, planned in zip(ids, plan.task_inserts, strict=True)
        for number in dict.fromkeys(planned.households)
    ]
    if links:
        session.execute(insert(TaskHousehold), links)
    session.execute(
        insert(TaskEvent),
        [
            {
                "task_id": i,
                "user_name": user,
                "to_status": TaskStatus.TODO.value,
                "note": TASK_IMPORTED_NOTE,
                "at": now,
            }
            for i in ids
        ],
    )
    _village_from_households(session, ids)
    return ids


def _same_keys(rows: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """executemany needs every row to name the same columns (a sheet may lack some)."""
    keys = {k for row in rows for k in row}
    return [{k: row.get(k) for k in keys} for row in rows]


def _village_from_households(session: Session, task_ids: Sequence[int]) -> None:
    """A task whose households all live in one village belongs to that village (as when entered)."""
    for chunk in chunked(list(task_ids)):
        found = session.execute(
            select(TaskHousehold.task_id, func.min(Household.village_id), func.max(Household.village_id))
            .join(Household, Household.id == TaskHousehold.household_id)
            .where(TaskHousehold.task_id.in_(chunk))
            .group_by(TaskHousehold.task_id)
        ).all()
        rows = [{"id": task_id, "village_id": low} for task_id, low, high in found if low == high]
        if rows:
            session.execute(update(Task), rows)
