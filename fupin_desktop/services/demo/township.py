"""A realistic demo township (`fupin demo`, and what `./dev run` opens).

Deterministic for a seed and a day: one township of 12 villages with groups, about 3.5 people per
household with valid ID numbers consistent with ages and relations, monitoring categories, incomes,
measures, helpers with pairings and history, village teams, rectification tasks over all statuses,
twelve monthly KPI snapshots rebuilt from those dated records — and one planted case for each data check, on its own household
(`planted`, `DemoSummary.deliberate_errors`); every other household is consistent, so that 数据核查
finds the planted cases and nothing else.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from fupin_desktop.db.engine import after_explicit_ids
from fupin_desktop.db.models import (
    Area,
    AuditLog,
    Base,
    CodeItem,
    Helper,
    Household,
    HouseholdRisk,
    IncomeItem,
    IncomeRecord,
    KpiSnapshot,
    Measure,
    Member,
    Pairing,
    ProgramMembership,
    Task,
    TaskDeadlineChange,
    TaskEvent,
    TaskEvidence,
    TaskHousehold,
    Threshold,
    User,
    Visit,
    WorkTeam,
    WorkTeamMember,
)
from fupin_desktop.db.seed import seed_defaults
from fupin_desktop.domain.demo import DEFAULT_HOUSEHOLDS, DEFAULT_SEED
from fupin_desktop.domain.income import IncomeLine, is_policy_item, summarize
from fupin_desktop.errors import UserError
from fupin_desktop.services import audit
from fupin_desktop.services.briefing import kpis_on
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.demo import names, people, work
from fupin_desktop.services.demo.changes import recent_changes
from fupin_desktop.services.demo.households import DemoHousehold, build, income_years, recount_pupils
from fupin_desktop.services.demo.planted import DeliberateError, plant_all
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import load_settings, thresholds_by_year, write_settings

AREA_CODE = "522425"
KEEP_ON_RESET = {User.__tablename__, AuditLog.__tablename__, CodeItem.__tablename__}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    township: str
    villages: int
    households: int
    members: int
    helpers: int
    pairings: int
    tasks: int
    deliberate_errors: tuple[DeliberateError, ...]


MIN_HOUSEHOLDS = 24  # two a village: enough for the deliberate errors and the dated changes


def generate_demo(
    ctx: ServiceContext,
    *,
    households: int = DEFAULT_HOUSEHOLDS,
    seed: int = DEFAULT_SEED,
    force: bool = False,
    cancel: threading.Event | None = None,
) -> Job[DemoSummary]:
    """Build the demo township in one transaction. Refuses a database that already holds households
    unless `force` (then everything but users, the audit trail and code lists is replaced)."""
    ctx.require(Permission.IMPORT)
    if households < MIN_HOUSEHOLDS:
        raise UserError(
            f"示范乡镇至少 {MIN_HOUSEHOLDS} 户（12 个村，每村至少 2 户）。请把 --households 设得大一些。"
        )
    today = ctx.today()
    rng = random.Random(seed)
    with ctx.sessions() as session:
        existing = session.scalar(select(func.count()).select_from(Household)) or 0
    if existing and not force:
        raise UserError(
            f"数据库中已有 {existing} 户数据，未生成示范数据。如要用示范数据替换全部数据，请加 --force（会先备份现有数据库）。"
        )
    if existing and not ctx.db.is_sqlite:
        raise UserError(
            f"服务器上的数据库已有 {existing} 户数据，示范数据不会替换它（服务器的数据只能由管理员备份和恢复）。"
            "如要练习，请在服务器上另建一个空数据库，或在本机数据文件夹中生成示范数据。"
        )
    if existing:
        ctx.require(Permission.REPLACE_ALL)
    if existing and ctx.db.is_sqlite:
        from fupin_desktop.db.backup import backup_database

        backup_database(ctx.db.engine, ctx.paths.backups, reason="生成示范数据前")

    with ctx.sessions.begin() as session:
        if existing or session.scalar(select(func.count()).select_from(Area)):
            _reset(session)
        yield Progress(0, households, "生成示范数据")
        result = yield from _generate(session, rng, households, today, cancel)
        after_explicit_ids(session)  # the generator chose the ids; a server's sequences follow
        audit.record(
            session,
            ctx.actor,
            action="生成示范数据",
            entity="database",
            entity_id=None,
            summary=f"生成示范数据：{result.villages} 个村 {result.households} 户 {result.members} 人（种子 {seed}）",
        )
    return result


def _reset(session: Session) -> None:
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in KEEP_ON_RESET:
            session.execute(delete(table))
    seed_defaults(session)


def _uniform(rows: list[dict]) -> list[dict]:
    """Give every row the same keys (missing → None) so the insert runs as one executemany."""
    keys: set[str] = set().union(*rows) if rows else set()
    return [{k: r.get(k) for k in keys} for r in rows]


def _insert(session: Session, model: type, rows: Iterable[dict]) -> None:
    rows = list(rows)
    if rows:
        session.execute(insert(model), _uniform(rows))


@dataclass(slots=True)
class _Town:
    """What the generator has made so far: rows to insert, each household's parts, the villages."""

    village_ids: list[int]
    group_ids: list[list[int]]
    ids: people.IdFactory
    household_rows: list[dict] = field(default_factory=list)
    member_rows: list[dict] = field(default_factory=list)
    by_household: dict[int, DemoHousehold] = field(default_factory=dict)
    households_by_village: list[list[int]] = field(default_factory=list)
    group_names: dict[int, str] = field(default_factory=dict)


def _generate(
    session: Session, rng: random.Random, total: int, today: date, cancel: threading.Event | None
) -> Job[DemoSummary]:
    """The township, step by step. The random draws come in a fixed order, so a seed and a day always
    give the same township: add a step at the end, never between two."""
    previous_year, latest_year = years = income_years(today)
    thresholds = _settings_and_thresholds(session, previous_year, latest_year)
    town = _areas(session, rng)
    yield from _households(rng, town, total, today, thresholds, cancel)
    errors = plant_all(
        rng,
        town.household_rows,
        town.by_household,
        today=today,
        ids=town.ids,
        area=AREA_CODE,
        line=thresholds.get(latest_year, 8000.0),
        years=years,
    )
    for demo in town.by_household.values():
        recount_pupils(demo)
    # visited before this season's identifications (and the random draws of the rest stay as they were)
    monitored = [hid for hid, d in town.by_household.items() if d.row.get("monitor_category")]
    history = random.Random()
    history.setstate(rng.getstate())  # its own stream: the rest of the township stays as it was
    planted = {e.household for e in errors}
    town.member_rows += recent_changes(
        history,
        town.ids,
        town.household_rows,
        town.by_household,
        planted,
        today,
        AREA_CODE,
        len(town.member_rows) + 1,
    )

    yield Progress(total, total, "写入农户")
    _write_households(session, town)
    yield Progress(total, total, "写入收支核算")
    _write_incomes(session, town, today, thresholds)
    yield Progress(total, total, "写入帮扶责任人和结对")
    helpers, pairings = _write_helpers(session, rng, town, monitored, today)
    yield Progress(total, total, "写入整改任务")
    head_of = {h["id"]: town.by_household[h["id"]].members[0]["name"] for h in town.household_rows}
    tasks, links, events, changes, evidence = work.tasks_for(
        rng, town.village_ids, town.households_by_village, head_of, today
    )
    _insert(session, Task, tasks)
    _insert(session, TaskHousehold, links)
    _insert(session, TaskEvent, events)
    _insert(session, TaskDeadlineChange, changes)
    _insert(session, TaskEvidence, evidence)

    session.flush()
    _snapshots(session, today, thresholds)
    return DemoSummary(
        township=names.TOWNSHIP,
        villages=len(town.village_ids),
        households=len(town.household_rows),
        members=sum(1 for m in town.member_rows if m["status"] == "在册"),
        helpers=helpers,
        pairings=pairings,
        tasks=len(tasks),
        deliberate_errors=tuple(errors),
    )


def _settings_and_thresholds(session: Session, previous_year: int, latest_year: int) -> dict[int, float]:
    settings = load_settings(session).with_changes(
        township=names.TOWNSHIP, county=names.COUNTY, province=names.PROVINCE, threshold_region=names.PROVINCE
    )
    write_settings(session, settings)
    _insert(
        session,
        Threshold,
        [
            {"year": previous_year, "region": names.PROVINCE, "amount": 7800.0, "note": "示范省监测范围"},
            {"year": latest_year, "region": names.PROVINCE, "amount": 8100.0, "note": "示范省监测范围"},
        ],
    )
    return thresholds_by_year(session, names.PROVINCE)


def _areas(session: Session, rng: random.Random) -> _Town:
    """County → township → 12 villages → 4 to 8 groups each."""
    areas = [
        {
            "id": 1,
            "parent_id": None,
            "level": "county",
            "name": names.COUNTY,
            "code": AREA_CODE,
            "sort_order": 1,
        },
        {
            "id": 2,
            "parent_id": 1,
            "level": "township",
            "name": names.TOWNSHIP,
            "code": "108",
            "sort_order": 1,
        },
    ]
    village_ids: list[int] = []
    group_ids: list[list[int]] = []
    for v, village in enumerate(names.VILLAGES):
        vid = len(areas) + 1
        areas.append(
            {
                "id": vid,
                "parent_id": 2,
                "level": "village",
                "name": village,
                "code": f"{v + 1:03d}",
                "sort_order": v + 1,
            }
        )
        village_ids.append(vid)
        groups = []
        for g, group in enumerate(names.GROUP_NAMES[: rng.randint(4, 8)]):
            gid = len(areas) + 1
            areas.append(
                {
                    "id": gid,
                    "parent_id": vid,
                    "level": "group",
                    "name": group,
                    "code": None,
                    "sort_order": g + 1,
                }
            )
            groups.append(gid)
        group_ids.append(groups)
    _insert(session, Area, areas)
    town = _Town(village_ids, group_ids, people.IdFactory(rng))
    town.households_by_village = [[] for _ in village_ids]
    town.group_names = {a["id"]: a["name"] for a in areas}
    return town


def _households(
    rng: random.Random,
    town: _Town,
    total: int,
    today: date,
    thresholds: dict[int, float],
    cancel: threading.Event | None,
) -> Job[None]:
    """`total` households dealt round the villages, each a family with its members, incomes and risks."""
    village_ids = town.village_ids
    member_id = 0
    for n in range(total):
        if n % 200 == 0:
            check_cancel(cancel)
            yield Progress(n, total, "生成农户和家庭成员")
        hid = n + 1
        v = n % len(village_ids)
        seq = n // len(village_ids) + 1
        persons = people.family(rng, town.ids, today)
        members = [people.fill_member(rng, p, today) for p in persons]
        demo = build(rng, persons, members, today, thresholds)
        group = rng.choice(town.group_ids[v])
        number = f"{AREA_CODE}108{v + 1:03d}{seq:05d}"
        demo.row.update(
            id=hid,
            number=number,
            number_is_local=False,
            village_id=village_ids[v],
            group_id=group,
            address=f"{names.COUNTY}{names.TOWNSHIP}{names.VILLAGES[v]}{town.group_names[group]}{seq}号",
            phone=members[0].get("phone"),
            archived=False,
        )
        for position, m in enumerate(members):
            member_id += 1
            m.update(
                id=member_id, household_id=hid, position=position, person_number=f"{number}{position + 1:02d}"
            )
        town.by_household[hid] = demo
        town.household_rows.append(demo.row)
        town.member_rows += members
        town.households_by_village[v].append(hid)


def _write_households(session: Session, town: _Town) -> None:
    by_household = town.by_household
    _insert(session, Household, town.household_rows)
    _insert(session, Member, town.member_rows)
    _insert(
        session,
        HouseholdRisk,
        [
            {"household_id": hid, "position": i + 1, "risk": risk}
            for hid, d in by_household.items()
            for i, risk in enumerate(d.risks)
        ],
    )
    _insert(
        session,
        ProgramMembership,
        [{**p, "household_id": hid} for hid, d in by_household.items() for p in d.programs],
    )
    _insert(
        session, Measure, [{**m, "household_id": hid} for hid, d in by_household.items() for m in d.measures]
    )


def _write_incomes(session: Session, town: _Town, today: date, thresholds: dict[int, float]) -> None:
    """Each household's 收支核算 years with their lines and the cached totals the program keeps."""
    record_rows, item_rows = [], []
    for hid, d in town.by_household.items():
        headcount = sum(1 for m in d.members if m["status"] == "在册")
        for year, lines in d.incomes.items():
            rid = len(record_rows) + 1
            income_lines = [IncomeLine(c, i, a, note, is_policy_item(c, i)) for c, i, a, note in lines]
            summary = summarize(year, headcount, income_lines, thresholds.get(year))
            record_rows.append(
                {
                    "id": rid,
                    "household_id": hid,
                    "year": year,
                    "people": None,
                    "net_income": summary.net,
                    "per_capita": summary.per_capita,
                    "reported_per_capita": d.reported.get(year),
                    "assessed_on": date(year, 11, 10) if year < today.year or today.month >= 11 else today,
                }
            )
            item_rows += [
                {
                    "record_id": rid,
                    "category": x.category,
                    "item": x.item,
                    "amount": x.amount,
                    "policy": x.policy,
                    "note": x.note,
                }
                for x in income_lines
            ]
    _insert(session, IncomeRecord, record_rows)
    _insert(session, IncomeItem, item_rows)


def _write_helpers(
    session: Session, rng: random.Random, town: _Town, monitored: list[int], today: date
) -> tuple[int, int]:
    """Helpers, their pairings with history, the village teams and their visits; returns how many
    helpers and current pairings there are."""
    village_ids = town.village_ids
    helper_rows = work.helpers_for(rng, town.households_by_village)
    for i, h in enumerate(helper_rows):
        h["id"] = i + 1
        h["village_id"] = village_ids[h["_village"]] if h["role"] != "帮扶责任人" else None
        h["archived"] = False
    pairing_rows, _unpaired = work.pairings_for(rng, town.households_by_village, helper_rows, today)
    teams, team_members = work.teams_for(helper_rows, village_ids, today)
    _insert(session, Helper, [{k: v for k, v in h.items() if not k.startswith("_")} for h in helper_rows])
    session.execute(update(Area), work.village_contacts(helper_rows, village_ids))
    _insert(session, Pairing, pairing_rows)
    _insert(session, WorkTeam, teams)
    _insert(session, WorkTeamMember, team_members)
    helper_by_id = {h["id"]: h for h in helper_rows}
    helper_of = {p["household_id"]: helper_by_id[p["helper_id"]] for p in pairing_rows if "end_date" not in p}
    _insert(session, Visit, work.visits_for(rng, monitored, helper_of, today))
    return len(helper_rows), sum(1 for p in pairing_rows if "end_date" not in p)


def _snapshots(session: Session, today: date, thresholds: dict[int, float]) -> None:
    """Twelve monthly snapshots ending with this month, as the program would have saved them on the
    first morning of each month: the figures at the end of the month before, rebuilt from the demo's
    own dated records (services.briefing.kpis.kpis_on), so the trend agrees with 本期动态."""
    rows = []
    for back in range(11, -1, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        first = date(year, month + 1, 1)
        values = kpis_on(session, first - timedelta(days=1), thresholds)
        rows.append(
            {
                "month": f"{year:04d}-{month + 1:02d}",
                "taken_at": datetime.combine(first, time(8, 30)),
                "data": json.dumps(values, ensure_ascii=False),
            }
        )
    _insert(session, KpiSnapshot, rows)
