"""Writing a planned import in bulk, inside the caller's transaction (all or nothing).

Thousands of rows go in with executemany inserts and primary-key bulk updates, never one ORM object at a
time; the cached 人均纯收入 of every household whose members or incomes changed is recomputed at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

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
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.domain.income import IncomeLine, summarize
from fupin_desktop.services.areas import get_or_create_area
from fupin_desktop.services.import_plan import Plan
from fupin_desktop.services.import_snapshot import Snapshot, household_ids
from fupin_desktop.services.import_support import PAIRING_END_REASON, AreaKey
from fupin_desktop.services.progress import Job, Progress
from fupin_desktop.services.records import chunked
from fupin_desktop.services.thresholds import thresholds_by_year

HOUSEHOLD_COLUMNS = [c.key for c in Household.__table__.columns if c.key not in ("id",)]
MEMBER_COLUMNS = [c.key for c in Member.__table__.columns if c.key not in ("id",)]


def _uniform(rows: list[dict], columns: Iterable[str]) -> list[dict]:
    """The same keys in every row (executemany needs them), and only the columns some row fills, so
    SQLAlchemy does not process dozens of always-empty parameters per row.

    Rows that already share their keys (one sheet's new members) are trimmed and stamped in place."""
    now = datetime.now()
    wanted = set(columns)
    stamps = {"created_at": now, "updated_at": now} if "created_at" in wanted else {}
    if not rows:
        return rows
    first = rows[0].keys()
    if all(k in wanted for k in first) and all(r.keys() == first for r in rows):
        empty = [k for k in list(first) if all(r[k] is None for r in rows)]
        for row in rows:
            for key in empty:
                del row[key]
            row.update(stamps)
        return rows
    used = [k for k in columns if k not in stamps and any(r.get(k) is not None for r in rows)]
    return [{k: r.get(k) for k in used} | stamps for r in rows]


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
    for row in plan.household_inserts:
        key = plan.areas[row["number"]]
        row["village_id"] = areas.village(key)
        row["group_id"] = areas.group(key, row["village_id"])
    if plan.household_inserts:
        session.execute(insert(Household.__table__), _uniform(plan.household_inserts, HOUSEHOLD_COLUMNS))
    ids = {n: h["id"] for n, h in snap.households.items()}
    ids.update(household_ids(session, plan.new_households))
    _update_households(session, plan, areas, ids)
    _write_risks(session, plan, ids)
    yield Progress(len(plan.household_inserts), total, "写入家庭成员")
    _write_members(session, plan, ids)
    yield Progress(total, total, "写入收支、措施和结对")
    _write_incomes(session, plan, ids)
    _write_measures(session, plan, ids)
    _write_helpers_and_pairings(session, plan, ids)
    yield Progress(total, total, "重算人均纯收入")
    refresh_income_cache(session, [ids[n] for n in plan.touched_households if n in ids])


def _update_households(session: Session, plan: Plan, areas: AreaResolver, ids: dict[str, int]) -> None:
    number_of = {v: k for k, v in ids.items()}
    rows = []
    now = datetime.now()
    for row in plan.household_updates:
        values = {k: v for k, v in row.items() if not k.startswith("_")}
        if row.get("_village") or row.get("_group"):
            key = plan.areas[number_of[row["id"]]]
            village = areas.village(key)
            if row.get("_village"):
                values["village_id"] = village
            if not key.keep_group:
                values["group_id"] = areas.group(key, village)
        values["updated_at"] = now
        rows.append(values)
    if rows:
        session.execute(update(Household), rows)


def _write_risks(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    targets = [ids[n] for n in plan.risk_sets]
    for chunk in chunked(targets):
        session.execute(delete(HouseholdRisk).where(HouseholdRisk.household_id.in_(chunk)))
    rows = [
        {"household_id": ids[n], "position": i + 1, "risk": risk}
        for n, risks in plan.risk_sets.items()
        for i, risk in enumerate(risks[:5])
    ]
    if rows:
        session.execute(insert(HouseholdRisk), rows)


def _write_members(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    for row in plan.member_inserts:
        row["household_id"] = ids[row.pop("_household")]
    if plan.member_inserts:
        session.execute(insert(Member.__table__), _uniform(plan.member_inserts, MEMBER_COLUMNS))
    now = datetime.now()
    rows = []
    for row in plan.member_updates:
        values = {k: v for k, v in row.items() if not k.startswith("_")}
        if "_household" in row:
            values["household_id"] = ids[row["_household"]]
        values["updated_at"] = now
        rows.append(values)
    if rows:
        session.execute(update(Member), rows)
    moves = [
        {k: v for k, v in m.items() if not k.startswith("_")} | {"to_household_id": ids[m["_to"]]}
        for m in plan.moves
    ]
    if moves:
        session.execute(insert(MemberMove), moves)


def _write_incomes(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    if not plan.income_sets:
        return
    wanted = {(ids[n], year): value for (n, year), value in plan.income_sets.items()}
    existing: dict[tuple[int, int], int] = {}
    for chunk in chunked(sorted({h for h, _ in wanted})):
        existing.update(
            {
                (h, y): rid
                for rid, h, y in session.execute(
                    select(IncomeRecord.id, IncomeRecord.household_id, IncomeRecord.year).where(
                        IncomeRecord.household_id.in_(chunk)
                    )
                )
            }
        )
    replaced = [existing[k] for k in wanted if k in existing]
    for chunk in chunked(replaced):
        session.execute(delete(IncomeItem).where(IncomeItem.record_id.in_(chunk)))
    if replaced:
        session.execute(
            update(IncomeRecord),
            [{"id": existing[k], "people": wanted[k][0]} for k in wanted if k in existing],
        )
    new = [
        {"household_id": h, "year": y, "people": wanted[(h, y)][0]}
        for (h, y) in wanted
        if (h, y) not in existing
    ]
    if new:
        session.execute(insert(IncomeRecord), new)
        for chunk in chunked(sorted({r["household_id"] for r in new})):
            existing.update(
                {
                    (h, y): rid
                    for rid, h, y in session.execute(
                        select(IncomeRecord.id, IncomeRecord.household_id, IncomeRecord.year).where(
                            IncomeRecord.household_id.in_(chunk)
                        )
                    )
                }
            )
    items = [{**line, "record_id": existing[key]} for key, (_, lines) in wanted.items() for line in lines]
    if items:
        session.execute(insert(IncomeItem), items)


def _write_measures(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    for chunk in chunked([measure_id for _, measure_id in plan.measure_deletes]):
        session.execute(delete(Measure).where(Measure.id.in_(chunk)))
    rows = [
        {k: v for k, v in m.items() if not k.startswith("_")} | {"household_id": ids[m["_household"]]}
        for m in plan.measure_inserts
    ]
    if rows:
        session.execute(
            insert(Measure.__table__),
            _uniform(rows, [c.key for c in Measure.__table__.columns if c.key != "id"]),
        )


def _write_helpers_and_pairings(session: Session, plan: Plan, ids: dict[str, int]) -> None:
    if plan.helper_inserts:
        rows = [
            {k: v for k, v in h.items() if not k.startswith("_")} | {"archived": False}
            for h in plan.helper_inserts
        ]
        session.execute(
            insert(Helper.__table__),
            _uniform(rows, [c.key for c in Helper.__table__.columns if c.key != "id"]),
        )
    if plan.helper_updates:
        session.execute(update(Helper), plan.helper_updates)
    if not plan.pairing_sets:
        return
    phones = {p["_phone"] for p in plan.pairing_sets}
    helper_of = dict(
        session.execute(
            select(Helper.phone, Helper.id).where(Helper.phone.in_(phones), Helper.archived.is_(False))
        ).all()
    )
    ended = [
        {"id": p["end_pairing"], "end_date": p["start_date"], "end_reason": PAIRING_END_REASON}
        for p in plan.pairing_sets
        if p["end_pairing"]
    ]
    if ended:
        session.execute(update(Pairing), ended)
    session.execute(
        insert(Pairing),
        [
            {
                "household_id": ids[p["_household"]],
                "helper_id": helper_of[p["_phone"]],
                "start_date": p["start_date"],
            }
            for p in plan.pairing_sets
        ],
    )


def refresh_income_cache(session: Session, household_ids_: list[int]) -> None:
    """Recompute IncomeRecord.net_income/per_capita for these households (members or lines changed)."""
    thresholds = thresholds_by_year(session)
    updates = []
    for chunk in chunked(household_ids_):
        records = session.execute(
            select(IncomeRecord.id, IncomeRecord.household_id, IncomeRecord.year, IncomeRecord.people).where(
                IncomeRecord.household_id.in_(chunk)
            )
        ).all()
        if not records:
            continue
        heads = dict(
            session.execute(
                select(Member.household_id, func.count())
                .where(Member.household_id.in_(chunk), Member.status == MEMBER_ACTIVE)
                .group_by(Member.household_id)
            ).all()
        )
        lines: dict[int, list[IncomeLine]] = {}
        for record_chunk in chunked([r.id for r in records]):
            for record_id, category, item, amount, policy in session.execute(
                select(
                    IncomeItem.record_id,
                    IncomeItem.category,
                    IncomeItem.item,
                    IncomeItem.amount,
                    IncomeItem.policy,
                ).where(IncomeItem.record_id.in_(record_chunk))
            ):
                lines.setdefault(record_id, []).append(IncomeLine(category, item, amount, "", policy))
        for record in records:
            people = record.people or heads.get(record.household_id, 0)
            summary = summarize(record.year, people, lines.get(record.id, ()), thresholds.get(record.year))
            updates.append({"id": record.id, "net_income": summary.net, "per_capita": summary.per_capita})
    if updates:
        session.execute(update(IncomeRecord), updates)
