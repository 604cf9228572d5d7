"""The village board (挂图作战, DOMAIN §5): counts by village — or by 组 of one village — computed in
SQL with GROUP BY (a handful of queries whatever the size of the register), and the data of its charts.

Counts cover households on the register (not archived) and their members 在册; see domain/board.py
for what each column means.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, Select, Subquery, case, distinct, func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import (
    Area,
    Helper,
    Household,
    HouseholdRisk,
    IncomeRecord,
    Measure,
    Member,
    Pairing,
    Task,
)
from fupin_desktop.domain.board import OPEN_TASK_COLOURS, Board, BoardRow, Tally, total_row
from fupin_desktop.domain.codes import HOUSEHOLD_TYPE_OUT_OF_POVERTY, MEMBER_ACTIVE, MONITOR_CATEGORIES
from fupin_desktop.domain.tasks import Colour, TaskStatus
from fupin_desktop.reports.chart_data import ChartSet, Coverage, IncomeSpread, LoadSpread, StackedBars
from fupin_desktop.services.assignments.helpers import PAIRING_ROLE, current_loads
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.rectification import load_rows, warning_rules
from fupin_desktop.services.register import load_settings, thresholds_by_year

NO_GROUP = "未分组"
OTHER_OUT_OF_POVERTY = "其他脱贫户"
ORDINARY = "一般农户"
NOT_ELIMINATED, ELIMINATED = "风险未消除", "风险已消除"


def village_board(ctx: ServiceContext) -> Board:
    """One row per village of the database, in display order, and the township's totals."""
    with ctx.sessions() as session:
        return load_board(session, today=ctx.today())


def group_board(ctx: ServiceContext, village_id: int) -> Board:
    """One row per 组 of the village (and 未分组 when some households have none), and the village's totals."""
    with ctx.sessions() as session:
        return load_board(session, village_id, today=ctx.today())


def load_board(session: Session, village_id: int | None = None, *, today: date) -> Board:
    """The board of the township (rows: villages) or of one village (rows: its 组); task colours on `today`."""
    settings = load_settings(session)
    limit = settings.helper_limit
    by_group = village_id is not None
    key = Household.group_id if by_group else Household.village_id
    scope: list[ColumnElement[bool]] = [Household.village_id == village_id] if by_group else []
    areas = _areas(session, village_id)
    counts = _household_counts(session, key, scope)
    overloaded = _overloaded(session, key, scope, limit)
    if by_group and None in counts:
        areas.append((None, NO_GROUP))
    open_tasks = _open_tasks(session, today)
    tasks = {} if by_group else open_tasks
    rows = tuple(
        _row(area_id, name, counts.get(area_id), overloaded.get(area_id, 0), tasks.get(area_id, {}))
        for area_id, name in areas
    )
    total = total_row(
        rows,
        overloaded=_overloaded_total(session, scope, limit),
        open_tasks=_open_tasks_total(open_tasks, village_id),
    )
    village = session.get(Area, village_id) if by_group else None
    name = village.name if village is not None else (settings.township or "全乡镇")
    return Board(scope=name, village_id=village_id, rows=rows, total=total, helper_limit=limit)


def _areas(session: Session, village_id: int | None) -> list[tuple[int | None, str]]:
    level, parent = ("group", village_id) if village_id is not None else ("village", None)
    stmt = select(Area.id, Area.name).where(Area.level == level).order_by(Area.sort_order, Area.id)
    if parent is not None:
        stmt = stmt.where(Area.parent_id == parent)
    return [(r.id, r.name) for r in session.execute(stmt)]


def _people() -> Subquery:
    return (
        select(Member.household_id, func.count().label("n"))
        .where(Member.status == MEMBER_ACTIVE)
        .group_by(Member.household_id)
        .subquery()
    )


def _household_counts(
    session: Session, key: ColumnElement, scope: Sequence[ColumnElement[bool]]
) -> dict[int | None, tuple[int, ...]]:
    """area id → (户, 人) pairs for: all, 脱贫户, each category, 已消除, 未消除; then 未结对户."""
    people = _people()
    n = func.coalesce(people.c.n, 0)
    monitored = Household.monitor_category.is_not(None)
    eliminated = Household.risk_eliminated.is_(True)
    conditions = [
        None,
        Household.household_type == HOUSEHOLD_TYPE_OUT_OF_POVERTY,
        *(Household.monitor_category == c for c in MONITOR_CATEGORIES),
        monitored & eliminated,
        monitored & ~func.coalesce(eliminated, False),
    ]
    columns = []
    for condition in conditions:
        if condition is None:
            columns += [func.count(), func.sum(n)]
        else:
            columns += [func.sum(case((condition, 1), else_=0)), func.sum(case((condition, n), else_=0))]
    columns.append(func.sum(case((Pairing.id.is_(None), 1), else_=0)))
    stmt = (
        select(key, *columns)
        .select_from(Household)
        .outerjoin(people, people.c.household_id == Household.id)
        .outerjoin(Pairing, (Pairing.household_id == Household.id) & Pairing.end_date.is_(None))
        .where(Household.archived.is_(False), *scope)
        .group_by(key)
    )
    return {r[0]: tuple(int(v or 0) for v in r[1:]) for r in session.execute(stmt)}


def _overloaded_helpers(limit: int) -> Select:
    loads = current_loads().subquery()
    return select(loads.c.helper_id).where(loads.c.n > limit)


def _current_of_scope(scope: Sequence[ColumnElement[bool]], limit: int) -> list[ColumnElement[bool]]:
    return [
        Pairing.end_date.is_(None),
        Household.archived.is_(False),
        Pairing.helper_id.in_(_overloaded_helpers(limit)),
        *scope,
    ]


def _overloaded(
    session: Session, key: ColumnElement, scope: Sequence[ColumnElement[bool]], limit: int
) -> dict[int | None, int]:
    """area id → helpers over the limit serving households there."""
    stmt = (
        select(key, func.count(distinct(Pairing.helper_id)))
        .select_from(Pairing)
        .join(Household, Household.id == Pairing.household_id)
        .where(*_current_of_scope(scope, limit))
        .group_by(key)
    )
    return {r[0]: int(r[1]) for r in session.execute(stmt)}


def _overloaded_total(session: Session, scope: Sequence[ColumnElement[bool]], limit: int) -> int:
    stmt = (
        select(func.count(distinct(Pairing.helper_id)))
        .select_from(Pairing)
        .join(Household, Household.id == Pairing.household_id)
        .where(*_current_of_scope(scope, limit))
    )
    return int(session.scalar(stmt) or 0)


def _open_tasks(session: Session, today: date) -> dict[int | None, dict[Colour, int]]:
    """village id → open tasks by warning colour (None: tasks that name no village). Open tasks are few:
    their colours come from the task list's own rows, so the board and 整改清单 always agree."""
    rules = warning_rules(load_settings(session))
    out: dict[int | None, dict[Colour, int]] = {}
    for row in load_rows(session, today, rules, [Task.status != TaskStatus.CLOSED]):
        counts = out.setdefault(row.village_id, dict.fromkeys(OPEN_TASK_COLOURS, 0))
        counts[row.colour] += 1
    return out


def _open_tasks_total(
    by_village: dict[int | None, dict[Colour, int]], village_id: int | None
) -> dict[Colour, int]:
    """Open tasks by colour of the township (every task) or of one village."""
    scopes = [by_village.get(village_id, {})] if village_id is not None else list(by_village.values())
    return {c: sum(s.get(c, 0) for s in scopes) for c in OPEN_TASK_COLOURS}


def _row(
    area_id: int | None,
    name: str,
    counts: tuple[int, ...] | None,
    overloaded: int,
    tasks: dict[Colour, int],
) -> BoardRow:
    c = counts or (0,) * (2 * (len(MONITOR_CATEGORIES) + 4) + 1)
    pairs = [Tally(c[i], c[i + 1]) for i in range(0, len(c) - 1, 2)]
    everyone, poor, *rest = pairs
    categories = dict(zip(MONITOR_CATEGORIES, rest[: len(MONITOR_CATEGORIES)], strict=True))
    eliminated, not_eliminated = rest[len(MONITOR_CATEGORIES) :]
    return BoardRow(
        area_id=area_id,
        name=name,
        all=everyone,
        out_of_poverty=poor,
        categories=categories,
        eliminated=eliminated,
        not_eliminated=not_eliminated,
        unpaired=c[-1],
        overloaded=overloaded,
        open_tasks=tasks,
    )


# ------------------------------------------------------------------ chart data


def board_charts(ctx: ServiceContext, village_id: int | None = None) -> ChartSet:
    """The data of the wall chart's five charts, for the township or one village."""
    with ctx.sessions() as session:
        return load_charts(session, load_board(session, village_id, today=ctx.today()), ctx.today())


def load_charts(session: Session, board: Board, today: date) -> ChartSet:
    scope: list[ColumnElement[bool]] = [Household.archived.is_(False)]
    if board.village_id is not None:
        scope.append(Household.village_id == board.village_id)
    return ChartSet(
        scope=board.scope,
        area_label=board.area_label,
        categories=_category_bars(session, board, scope),
        risks=_risk_bars(session, scope),
        measures=_coverage(session, scope, board.total.monitored.households, today),
        loads=_load_spread(session, board.village_id, board.helper_limit),
        income=_income_spread(session, scope),
    )


def _category_bars(session: Session, board: Board, scope: Sequence[ColumnElement[bool]]) -> StackedBars:
    """Households per row of the board in disjoint parts: each 监测对象类别, the other 脱贫户, the
    other households (一般农户)."""
    key = Household.group_id if board.by_group else Household.village_id
    poor = Household.household_type == HOUSEHOLD_TYPE_OUT_OF_POVERTY
    part = case(
        (Household.monitor_category.is_not(None), Household.monitor_category),
        (poor, OTHER_OUT_OF_POVERTY),
        else_=ORDINARY,
    )
    counts: dict[tuple[int | None, str], int] = {
        (r[0], r[1]): int(r[2])
        for r in session.execute(select(key, part, func.count()).where(*scope).group_by(key, part))
    }
    rows = [r for r in board.rows if r.all.households]
    parts = (*MONITOR_CATEGORIES, OTHER_OUT_OF_POVERTY, ORDINARY)
    return StackedBars(
        labels=tuple(r.name for r in rows),
        series=tuple((p, tuple(counts.get((r.area_id, p), 0) for r in rows)) for p in parts),
    )


def _risk_bars(session: Session, scope: Sequence[ColumnElement[bool]]) -> StackedBars:
    """监测对象 per risk type (a household under each of its risks), 未消除 and 已消除, most frequent first."""
    eliminated = func.coalesce(Household.risk_eliminated, False)
    rows = session.execute(
        select(HouseholdRisk.risk, eliminated, func.count(distinct(Household.id)))
        .join(Household, Household.id == HouseholdRisk.household_id)
        .where(Household.monitor_category.is_not(None), *scope)
        .group_by(HouseholdRisk.risk, eliminated)
    ).all()
    by_risk: dict[str, list[int]] = {}
    for risk, done, n in rows:
        by_risk.setdefault(risk, [0, 0])[1 if done else 0] += int(n)
    order = sorted(by_risk, key=lambda r: (-sum(by_risk[r]), r))
    return StackedBars(
        labels=tuple(order),
        series=(
            (NOT_ELIMINATED, tuple(by_risk[r][0] for r in order)),
            (ELIMINATED, tuple(by_risk[r][1] for r in order)),
        ),
    )


def _coverage(
    session: Session, scope: Sequence[ColumnElement[bool]], monitored: int, today: date
) -> Coverage:
    """监测对象 with at least one 帮扶措施 of each category still running or ended since the start of
    the previous year (as the 明白卡 counts them), most covered first."""
    since = date(today.year - 1, 1, 1)
    reached = [
        Household.monitor_category.is_not(None),
        Measure.end_date.is_(None) | (Measure.end_date >= since),
        *scope,
    ]
    households = func.count(distinct(Measure.household_id))
    measures = select(Measure.category, households).join(Household, Household.id == Measure.household_id)
    rows = session.execute(measures.where(*reached).group_by(Measure.category)).all()
    covered = session.scalar(
        select(households).join(Household, Household.id == Measure.household_id).where(*reached)
    )
    ordered = sorted(rows, key=lambda r: (-r[1], r[0]))
    return Coverage(
        labels=tuple(r[0] for r in ordered),
        values=tuple(int(r[1]) for r in ordered),
        base=monitored,
        covered=int(covered or 0),
    )


def _load_spread(session: Session, village_id: int | None, limit: int) -> LoadSpread:
    """Households per helper: every active 帮扶责任人 (the township's, or the village's — those whose
    所在村 it is or who serve households in it) and any other helper with households."""
    loads = dict(session.execute(current_loads()).all())
    helpers = set(
        session.scalars(select(Helper.id).where(Helper.archived.is_(False), Helper.role == PAIRING_ROLE))
    )
    helpers |= loads.keys()
    if village_id is not None:
        serving = set(
            session.scalars(
                select(Pairing.helper_id)
                .join(Household, Household.id == Pairing.household_id)
                .where(
                    Pairing.end_date.is_(None),
                    Household.archived.is_(False),
                    Household.village_id == village_id,
                )
            )
        )
        placed = set(session.scalars(select(Helper.id).where(Helper.village_id == village_id)))
        helpers &= serving | placed
    return LoadSpread(loads=tuple(sorted(loads.get(h, 0) for h in helpers)), limit=limit)


def _income_spread(session: Session, scope: Sequence[ColumnElement[bool]]) -> IncomeSpread:
    """人均纯收入 of the latest assessed year against that year's 监测范围."""
    year = session.scalar(select(func.max(IncomeRecord.year)))
    if year is None:
        return IncomeSpread(year=None, threshold=None, per_capita=())
    values = session.scalars(
        select(IncomeRecord.per_capita)
        .join(Household, Household.id == IncomeRecord.household_id)
        .where(IncomeRecord.year == year, IncomeRecord.per_capita.is_not(None), *scope)
    ).all()
    return IncomeSpread(year=year, threshold=thresholds_by_year(session).get(year), per_capita=tuple(values))
