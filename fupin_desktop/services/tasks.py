"""整改清单: the task list with its filters and colours, one task in full, creating and editing tasks.

Status changes, deadline changes and evidence are in `services/task_flow.py`, 撤销 in
`services/task_undo.py`; tasks from data-check findings in `services/task_findings.py`; the printed
lists in `services/task_lists.py`; the rows themselves in `services/task_rows.py`.

Colours are computed here against `ctx.today()` and the settings' warning rules (`domain.tasks`), so a
context fixed to a day (`ctx.on(day)`) shows the list as it looked or will look that day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from fupin_desktop.db.lengths import max_length, too_long
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
from fupin_desktop.domain.codes import HEAD, MEMBER_ACTIVE
from fupin_desktop.domain.tasks import (
    COLOUR_ORDER,
    Colour,
    TaskAction,
    TaskStatus,
    TaskView,
    allowed_actions,
    problems_of_task,
    scope_text,
    undoable_event,
)
from fupin_desktop.errors import InputInvalid, NotFound, UserError
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.records import chunked
from fupin_desktop.services.search_text import LIKE_ESCAPE, contains_pattern
from fupin_desktop.services.settings import load_settings
from fupin_desktop.services.task_claims import claim_task

# the rows live in task_rows; TaskRow, load_rows and warning_rules are still importable from here
from fupin_desktop.services.task_rows import TaskRow, load_rows, warning_rules

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
    heads = select(Member.household_id).where(
        Member.relation == HEAD, Member.name.like(pattern, escape=LIKE_ESCAPE)
    )
    return (
        select(TaskHousehold.task_id)
        .join(Household, Household.id == TaskHousehold.household_id)
        .where(or_(Household.number.like(pattern, escape=LIKE_ESCAPE), Household.id.in_(heads)))
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
class HouseholdRef:
    id: int
    number: str
    head: str
    village_id: int
    village: str
    archived: bool = False

    @property
    def label(self) -> str:
        return f"{self.head or '（未设户主）'}户（{self.number}）"


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
    version: int = 1  # as loaded: edits and steps send it back (services.edit_versions)

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
        heads = dict(
            session.execute(
                select(Member.household_id, Member.name).where(
                    Member.household_id.in_(chunk), Member.relation == HEAD, Member.status == MEMBER_ACTIVE
                )
            ).all()
        )
        for h_id, number, village_id, village, archived in session.execute(
            select(Household.id, Household.number, Household.village_id, Area.name, Household.archived)
            .join(Area, Area.id == Household.village_id)
            .where(Household.id.in_(chunk))
        ):
            found[h_id] = HouseholdRef(h_id, number, heads.get(h_id, ""), village_id, village, archived)
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


# ------------------------------------------------------------------ creating and editing


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


# Draft fields stored as-is on Task (text stripped; empty text stored as NULL where the column allows).
_PLAIN_FIELDS = tuple(
    f.name for f in fields(TaskDraft) if f.name not in ("household_ids", "scope", "village_id", "deadline")
)


def create_task(ctx: ServiceContext, draft: TaskDraft) -> int:
    """Save a new task (status 待整改, the next 序号) with its creation event; returns its id."""
    ctx.require(Permission.EDIT_TASKS)
    draft = _checked(draft)
    with ctx.sessions.begin() as session:
        draft = _with_places(session, draft)
        task = Task(
            seq=next_seq(session),
            status=TaskStatus.TODO.value,
            deadline=draft.deadline,
            created_by=ctx.actor.label,
            **_values(draft),
        )
        session.add(task)
        session.flush()
        _link_households(session, task.id, draft.household_ids)
        session.add(
            TaskEvent(task_id=task.id, user_name=ctx.actor.label, to_status=task.status, note="建立整改任务")
        )
        audit.record(
            session,
            ctx.actor,
            action="新增",
            entity="task",
            entity_id=task.id,
            summary=f"新增整改任务第{task.seq}项：{short_text(draft.description)}",
            after=_snapshot(draft),
        )
        return task.id


def update_task(ctx: ServiceContext, task_id: int, draft: TaskDraft, *, version: int | None = None) -> None:
    """Save changed fields of an open task, with an audit row naming them. `version` is the task's as
    the editor loaded it: EditConflict (nothing saved) when someone else changed the task since."""
    ctx.require(Permission.EDIT_TASKS)
    draft = _checked(draft)
    with ctx.sessions.begin() as session:
        claim_task(session, task_id, version)
        task = get_task(session, task_id)
        if task.status == TaskStatus.CLOSED:
            raise UserError("已销号的任务不能修改。确需修改时，请管理员先“重新打开”该任务并写明原因。")
        if task.status == TaskStatus.VOID:
            raise UserError("已作废的任务不能修改。如果是误作废，请先“撤销上一步”。")
        if draft.deadline != task.deadline:
            raise InputInvalid(
                "整改时限不能直接修改。请用“持续整改”确定新的时限并写明原因，时限变更会留下记录。"
            )
        linked = _linked(session, task_id)
        draft = _with_places(session, draft)
        before = _snapshot(draft_of_task(task, linked))
        after = _snapshot(draft)
        changed = [k for k in after if before.get(k) != after[k]]
        if not changed:
            return
        for name, value in _values(draft).items():
            setattr(task, name, value)
        if tuple(linked) != draft.household_ids:
            session.execute(delete(TaskHousehold).where(TaskHousehold.task_id == task_id))
            _link_households(session, task_id, draft.household_ids)
        audit.record(
            session,
            ctx.actor,
            action="修改",
            entity="task",
            entity_id=task_id,
            summary=f"修改整改任务第{task.seq}项：{'、'.join(FIELD_LABELS.get(k, k) for k in changed)}",
            before={k: before.get(k) for k in changed},
            after={k: after[k] for k in changed},
        )


FIELD_LABELS = {
    "source": "问题来源",
    "category": "问题类别",
    "description": "问题表现",
    "deadline": "整改时限",
    "scope": "涉及村/户",
    "village_id": "所在村",
    "household_ids": "涉及农户",
    "measures": "整改措施",
    "target": "整改目标",
    "leader": "责任领导",
    "lead_unit": "牵头单位",
    "unit": "责任单位",
    "person": "责任人",
    "progress": "整改进展",
    "supervised": "上级督办",
    "found_on": "发现时间",
}


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


def get_task(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(f"找不到整改任务（编号 {task_id}），它可能已被删除。请刷新列表。")
    return task


def next_seq(session: Session) -> int:
    return (session.scalar(select(func.max(Task.seq))) or 0) + 1


def _checked(draft: TaskDraft) -> TaskDraft:
    problems = problems_of_task(
        source=draft.source,
        category=draft.category,
        description=draft.description,
        deadline=draft.deadline,
        found_on=draft.found_on,
    )
    text = {
        f.name: getattr(draft, f.name).strip()
        for f in fields(draft)
        if isinstance(getattr(draft, f.name), str)
    }
    draft = replace(draft, household_ids=tuple(dict.fromkeys(draft.household_ids)), **text)
    problems += [message for _, message in too_long(Task, draft, FIELD_LABELS)]
    if problems:
        raise InputInvalid("\n".join(problems))
    return draft


def _with_places(session: Session, draft: TaskDraft) -> TaskDraft:
    """Households must exist; the village comes from them when they all live in one, and an empty
    涉及村/户 is written out from the village and the households (清水村 张三户、李四户)."""
    refs = household_refs(session, draft.household_ids)
    if len(refs) != len(draft.household_ids):
        raise NotFound("所选农户中有的已不在数据库中，请重新选择涉及农户。")
    villages = {r.village_id for r in refs}
    if draft.village_id is None and len(villages) == 1:
        draft = replace(draft, village_id=villages.pop())
    if not draft.scope:
        village = session.get(Area, draft.village_id).name if draft.village_id is not None else ""
        scope = scope_text(village, [r.head or r.number for r in refs])
        limit = max_length(Task, "scope") or len(scope)
        if len(scope) > limit:  # many households: the list names them all
            scope = scope[: limit - 1] + "…"
        draft = replace(draft, scope=scope)
    return draft


def _values(draft: TaskDraft) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(draft, name) for name in _PLAIN_FIELDS}
    for name in ("measures", "target", "leader", "lead_unit", "unit", "person", "progress"):
        values[name] = values[name] or None
    values["scope"] = draft.scope or None
    values["village_id"] = draft.village_id
    return values


def _link_households(session: Session, task_id: int, household_ids: Sequence[int]) -> None:
    for household_id in household_ids:
        session.add(TaskHousehold(task_id=task_id, household_id=household_id))


def _snapshot(draft: TaskDraft) -> dict[str, object]:
    values = {f.name: getattr(draft, f.name) for f in fields(draft)}
    values["household_ids"] = list(draft.household_ids)
    return values


def short_text(text: str, limit: int = 30) -> str:
    """`text` cut to `limit` characters with … (audit summaries)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
