"""整改清单: the task list with its filters and colours, and one task in full.

Creating and editing tasks is in `editing.py`; status changes, deadline changes and evidence in
`flow.py`, 撤销 in `undo.py`; tasks from data-check findings in `findings.py`; the printed lists in
`lists.py`; the rows themselves in `rows.py`.

Colours are computed here against `ctx.today()` and the settings' warning rules (`domain.tasks`), so a
context fixed to a day (`ctx.on(day)`) shows the list as it looked or will look that day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import (
    Area,
    Household,
    Member,
    Task,
    TaskDeadlineChange,
    TaskEvent,
    TaskEvidence,
    TaskHousehold,
)
from fupin_desktop.domain.tasks import (
    COLOUR_ORDER,
    Colour,
    TaskAction,
    TaskStatus,
    TaskView,
    allowed_actions,
    undoable_event,
)
from fupin_desktop.errors import NotFound
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.rectification.rows import TaskRow, load_rows, warning_rules
from fupin_desktop.services.register import (
    LIKE_ESCAPE,
    HouseholdRef,
    chunked,
    contains_pattern,
    head_names,
    heads,
    load_settings,
)

# ------------------------------------------------------------------ the list


@dataclass(frozen=True, slots=True)
class TaskQuery:
    """Filters of the task list. Empty values mean "any"."""

    view: TaskView = TaskView.ALL
    statuses: tuple[str, ...] = ()
    colours: tuple[Colour, ...] = ()
    source: str = ""
    category: str = ""
    unit: str = ""
    village_id: int | None = None
    text: str = ""

    def describe(self, village_name: str = "") -> str:
        """The filters in words (for a printed list's subtitle); empty when none is set."""
        parts = []
        if self.view is not TaskView.ALL:
            parts.append(self.view.value)
        if self.statuses:
            parts.append("状态：" + "、".join(self.statuses))
        if self.colours:
            parts.append("预警：" + "、".join(c.label for c in self.colours))
        for label, value in (("来源", self.source), ("类别", self.category), ("责任单位", self.unit)):
            if value:
                parts.append(f"{label}：{value}")
        if village_name:
            parts.append(f"村：{village_name}")
        if self.text.strip():
            parts.append(f"含“{self.text.strip()}”")
        return "；".join(parts)


@dataclass(frozen=True, slots=True)
class TaskList:
    rows: tuple[TaskRow, ...]  # in 序号 order
    colour_counts: dict[Colour, int]  # of the rows matching every filter but the colour
    view_counts: dict[TaskView, int]  # of the rows matching every filter but the view and status


def list_tasks(ctx: ServiceContext, query: TaskQuery | None = None) -> TaskList:
    """The tasks matching `query`, in 序号 order, with the counts the badges show."""
    query = query or TaskQuery()
    with ctx.sessions() as session:
        rules = warning_rules(load_settings(session))
        rows = load_rows(session, ctx.today(), rules, _where(query), voided=True)
    views = {view: sum(1 for r in rows if r.status in view.statuses) for view in TaskView}
    in_view = [r for r in rows if r.status in query.view.statuses]
    if query.statuses:
        in_view = [r for r in in_view if r.status in query.statuses]
    counts = Counter(r.colour for r in in_view)
    shown = [r for r in in_view if not query.colours or r.colour in query.colours]
    return TaskList(tuple(shown), {c: counts.get(c, 0) for c in COLOUR_ORDER}, views)


def _where(query: TaskQuery) -> list:
    where = []
    for column, value in (
        (Task.source, query.source),
        (Task.category, query.category),
        (Task.unit, query.unit),
    ):
        if value:
            where.append(column == value)
    if query.village_id is not None:
        linked = (
            select(TaskHousehold.task_id)
            .join(Household, Household.id == TaskHousehold.household_id)
            .where(Household.village_id == query.village_id)
        )
        where.append(or_(Task.village_id == query.village_id, Task.id.in_(linked)))
    for word in query.text.split():
        pattern = contains_pattern(word)  # a typed % or _ is matched as itself
        where.append(
            or_(
                *(
                    column.like(pattern, escape=LIKE_ESCAPE)
                    for column in (
                        Task.description,
                        Task.scope,
                        Task.measures,
                        Task.target,
                        Task.unit,
                        Task.person,
                        Task.leader,
                        Task.progress,
                    )
                ),
                Task.id.in_(_tasks_of_households_matching(pattern)),
            )
        )
    return where


def _tasks_of_households_matching(pattern: str):
    """Tasks linked to a household whose 户编号 or head's name matches (search by 户主 or 户编号)."""
    named = heads(Member.name.like(pattern, escape=LIKE_ESCAPE)).with_only_columns(Member.household_id)
    return (
        select(TaskHousehold.task_id)
        .join(Household, Household.id == TaskHousehold.household_id)
        .where(or_(Household.number.like(pattern, escape=LIKE_ESCAPE), Household.id.in_(named)))
    )


@dataclass(frozen=True, slots=True)
class UsedValues:
    """Names already typed on tasks, offered again in drop-downs (责任领导, 牵头单位, 责任单位, 责任人)."""

    leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    units: tuple[str, ...]
    persons: tuple[str, ...]


def used_values(ctx: ServiceContext) -> UsedValues:
    with ctx.sessions() as session:

        def distinct(column: Any) -> tuple[str, ...]:
            return tuple(
                session.scalars(
                    select(column).where(column.is_not(None), column != "").distinct().order_by(column)
                )
            )

        return UsedValues(
            distinct(Task.leader), distinct(Task.lead_unit), distinct(Task.unit), distinct(Task.person)
        )


# ------------------------------------------------------------------ one task in full


@dataclass(frozen=True, slots=True)
class TaskDraft:
    """The editable fields of a task. The deadline is set when the task is created; later changes go
    through 持续整改 (`task_flow.perform(..., TaskAction.EXTEND, ...)`) so they are kept as history."""

    source: str
    category: str
    description: str
    deadline: date
    scope: str = ""
    village_id: int | None = None
    household_ids: tuple[int, ...] = ()
    measures: str = ""
    target: str = ""
    leader: str = ""
    lead_unit: str = ""
    unit: str = ""
    person: str = ""
    progress: str = ""
    supervised: bool = False
    found_on: date | None = None


def draft_of_task(task: Task, household_ids: Sequence[int]) -> TaskDraft:
    return TaskDraft(
        source=task.source,
        category=task.category,
        description=task.description,
        deadline=task.deadline,
        scope=task.scope or "",
        village_id=task.village_id,
        household_ids=tuple(household_ids),
        measures=task.measures or "",
        target=task.target or "",
        leader=task.leader or "",
        lead_unit=task.lead_unit or "",
        unit=task.unit or "",
        person=task.person or "",
        progress=task.progress or "",
        supervised=task.supervised,
        found_on=task.found_on,
    )


def _linked(session: Session, task_id: int) -> list[int]:
    return list(
        session.scalars(
            select(TaskHousehold.household_id)
            .where(TaskHousehold.task_id == task_id)
            .order_by(TaskHousehold.id)
        )
    )


@dataclass(frozen=True, slots=True)
class EventRow:
    at: datetime
    user: str
    from_status: str | None
    to_status: str
    note: str
    id: int = 0


@dataclass(frozen=True, slots=True)
class DeadlineChangeRow:
    at: datetime
    user: str
    old: date
    new: date
    reason: str


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    id: int
    at: datetime
    user: str
    text: str
    file_name: str | None
    stored_path: str | None  # relative to the data folder's attachments/
    sha256: str | None

    @property
    def is_file(self) -> bool:
        return bool(self.stored_path)


@dataclass(frozen=True, slots=True)
class TaskDetail:
    row: TaskRow
    draft: TaskDraft  # the editable fields as stored
    created_by: str
    households: tuple[HouseholdRef, ...]
    events: tuple[EventRow, ...]
    deadline_changes: tuple[DeadlineChangeRow, ...]
    evidence: tuple[EvidenceRow, ...]
    version: int = 1  # as loaded: edits and steps send it back (services.register.edit_versions)

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def actions(self) -> tuple[TaskAction, ...]:
        """What the lifecycle allows now (callers still check permissions)."""
        return allowed_actions(self.row.status)

    @property
    def last_event_id(self) -> int | None:
        """What 撤销 passes back, so a change made meanwhile by someone else is never overwritten."""
        return max((e.id for e in self.events), default=None)

    @property
    def undoable(self) -> EventRow | None:
        """The change 撤销上一步 would take back (None: nothing left to undo)."""
        return undoable_event(self.events)  # type: ignore[return-value]

    @property
    def void_event(self) -> EventRow | None:
        """The 作废 event of a voided task (its note holds the reason)."""
        if self.row.status is not TaskStatus.VOID:
            return None
        return next((e for e in reversed(self.events) if e.to_status == TaskStatus.VOID), None)


def task_detail(ctx: ServiceContext, task_id: int) -> TaskDetail:
    """One task with its households, status events, deadline history and evidence."""
    with ctx.sessions() as session:
        rules = warning_rules(load_settings(session))
        rows = load_rows(session, ctx.today(), rules, [Task.id == task_id], voided=True)
        if not rows:
            raise NotFound(f"找不到整改任务（编号 {task_id}），它可能已被删除。请刷新列表。")
        task = session.get(Task, task_id)
        assert task is not None
        linked = _linked(session, task_id)
        return TaskDetail(
            row=rows[0],
            draft=draft_of_task(task, linked),
            created_by=task.created_by or "",
            households=tuple(household_refs(session, linked)),
            events=tuple(
                EventRow(e.at, e.user_name, e.from_status, e.to_status, e.note or "", e.id)
                for e in session.scalars(
                    select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.at, TaskEvent.id)
                )
            ),
            deadline_changes=tuple(
                DeadlineChangeRow(c.at, c.user_name, c.old_deadline, c.new_deadline, c.reason)
                for c in session.scalars(
                    select(TaskDeadlineChange)
                    .where(TaskDeadlineChange.task_id == task_id)
                    .order_by(TaskDeadlineChange.at, TaskDeadlineChange.id)
                )
            ),
            evidence=tuple(
                EvidenceRow(e.id, e.at, e.user_name, e.text or "", e.file_name, e.stored_path, e.sha256)
                for e in session.scalars(
                    select(TaskEvidence).where(TaskEvidence.task_id == task_id).order_by(TaskEvidence.id)
                )
            ),
            version=task.version,
        )


def household_refs(session: Session, ids: Sequence[int]) -> list[HouseholdRef]:
    """The households `ids` with 户编号, head and village, in the order given."""
    found: dict[int, HouseholdRef] = {}
    for chunk in chunked(list(ids)):
        names = head_names(session, chunk)
        for h_id, number, village_id, village, archived in session.execute(
            select(Household.id, Household.number, Household.village_id, Area.name, Household.archived)
            .join(Area, Area.id == Household.village_id)
            .where(Household.id.in_(chunk))
        ):
            found[h_id] = HouseholdRef(h_id, number, names.get(h_id, ""), village_id, village, archived)
    return [found[i] for i in ids if i in found]


def households_by_id(ctx: ServiceContext, ids: Sequence[int]) -> list[HouseholdRef]:
    """The households `ids` (unknown ones left out), in the order given."""
    with ctx.sessions() as session:
        return household_refs(session, ids)


def find_households(ctx: ServiceContext, numbers: Iterable[str]) -> list[HouseholdRef]:
    """Households by 户编号 in the order typed; NotFound names every number that is not known."""
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    with ctx.sessions() as session:
        ids: dict[str, int] = {}
        for chunk in chunked(wanted):
            ids.update(
                session.execute(
                    select(Household.number, Household.id).where(Household.number.in_(chunk))
                ).all()
            )
        missing = [n for n in wanted if n not in ids]
        if missing:
            raise NotFound(f"找不到这些户编号：{'、'.join(missing)}。请核对后重新输入。")
        return household_refs(session, [ids[n] for n in wanted])
