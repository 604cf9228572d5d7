"""The rows of the task list: one task as a typed, display-ready `TaskRow` with its warning colour.

`load_rows` is what the list, the board, the printed lists, the briefing and the export all read, so
they agree on every colour. Tasks 已作废 are left out unless asked for (`voided=True`): they are kept for
the record only, outside every count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area, Task, TaskDeadlineChange, TaskHousehold
from fupin_desktop.domain.tasks import (
    Colour,
    TaskStatus,
    TaskWarning,
    WarningRules,
    count_extensions,
    warning,
)
from fupin_desktop.services.register import chunked
from fupin_desktop.settings import Settings


def warning_rules(settings: Settings) -> WarningRules:
    return WarningRules(
        yellow_days=settings.yellow_days, escalate_after_extensions=settings.escalate_after_extensions
    )


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One line of the task list, display-ready but typed (dates are dates)."""

    id: int
    seq: int
    source: str
    category: str
    description: str
    scope: str  # 涉及村/户 as written, else the village
    village_id: int | None
    village: str
    measures: str
    target: str
    leader: str
    lead_unit: str
    unit: str
    person: str
    deadline: date
    progress: str
    result: str
    status: TaskStatus
    closed_on: date | None
    found_on: date | None
    households: int  # linked households
    warning: TaskWarning

    @property
    def colour(self) -> Colour:
        return self.warning.colour

    @property
    def days_left(self) -> int | None:
        return self.warning.days_left


def load_rows(
    session: Session, today: date, rules: WarningRules, where: Iterable = (), *, voided: bool = False
) -> list[TaskRow]:
    """Task rows (in 序号 order) matching the SQL conditions `where`; 已作废 ones only when `voided`."""
    if not voided:
        where = [*where, Task.status != TaskStatus.VOID.value]
    found = session.execute(
        select(Task, Area.name)
        .outerjoin(Area, Area.id == Task.village_id)
        .where(*where)
        .order_by(Task.seq, Task.id)
    ).all()
    ids = [task.id for task, _ in found]
    extensions, households = _extensions(session, ids), _household_counts(session, ids)
    return [
        _row(task, village or "", households.get(task.id, 0), extensions.get(task.id, 0), today, rules)
        for task, village in found
    ]


def _extensions(session: Session, ids: Sequence[int]) -> dict[int, int]:
    changes: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for chunk in chunked(ids):
        for task_id, old, new in session.execute(
            select(
                TaskDeadlineChange.task_id, TaskDeadlineChange.old_deadline, TaskDeadlineChange.new_deadline
            ).where(TaskDeadlineChange.task_id.in_(chunk))
        ):
            changes[task_id].append((old, new))
    return {task_id: count_extensions(pairs) for task_id, pairs in changes.items()}


def _household_counts(session: Session, ids: Sequence[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for chunk in chunked(ids):
        counts.update(
            session.execute(
                select(TaskHousehold.task_id, func.count())
                .where(TaskHousehold.task_id.in_(chunk))
                .group_by(TaskHousehold.task_id)
            ).all()
        )
    return counts


def _row(
    task: Task, village: str, households: int, extensions: int, today: date, rules: WarningRules
) -> TaskRow:
    return TaskRow(
        id=task.id,
        seq=task.seq,
        source=task.source,
        category=task.category,
        description=task.description,
        scope=task.scope or village,
        village_id=task.village_id,
        village=village,
        measures=task.measures or "",
        target=task.target or "",
        leader=task.leader or "",
        lead_unit=task.lead_unit or "",
        unit=task.unit or "",
        person=task.person or "",
        deadline=task.deadline,
        progress=task.progress or "",
        result=task.result or "",
        status=TaskStatus(task.status),
        closed_on=task.closed_on,
        found_on=task.found_on,
        households=households,
        warning=warning(
            task.status, task.deadline, today, extensions=extensions, supervised=task.supervised, rules=rules
        ),
    )
