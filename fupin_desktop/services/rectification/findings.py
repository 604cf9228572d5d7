"""整改任务 from data-check findings, in bulk (DOMAIN §6: source 数据核查).

The data-check side calls `tasks_from_findings(ctx, findings, grouping=...)` with any objects carrying
`code`, `household_id` and `message` (optionally `rule_title` and `category`; `TaskFinding` is such a
dataclass). One task per finding, or one per village and check with every household linked. A finding
whose household already has an open task for the same check is skipped, so running the checks again
does not duplicate the list. A task 已作废 does not count: voiding says the task was a mistake (wrong
household, wrong grouping), not that the finding was — a finding checked and found right is marked
已核实无误 in the checks instead, which quiets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Task, TaskEvent, TaskHousehold
from fupin_desktop.domain.tasks import (
    OPEN_STATUSES,
    SOURCE_DATA_CHECK,
    FindingLike,
    Grouping,
    TaskStatus,
    group_findings,
    scope_text,
)
from fupin_desktop.errors import NotFound
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.rectification.editing import next_seq
from fupin_desktop.services.rectification.listing import household_refs
from fupin_desktop.services.register import chunked

DEFAULT_DAYS = 30  # deadline of tasks from findings unless given


@dataclass(frozen=True, slots=True)
class TaskFinding:
    """A finding to turn into a task (any object with `code`, `household_id` and `message` will do)."""

    code: str
    household_id: int
    message: str
    rule_title: str = ""
    category: str = ""


@dataclass(frozen=True, slots=True)
class FindingAssignment:
    """Who answers for the tasks made from findings, and by when (default: 30 days from today)."""

    deadline: date | None = None
    measures: str = ""
    leader: str = ""
    lead_unit: str = ""
    unit: str = ""
    person: str = ""


@dataclass(frozen=True, slots=True)
class FindingTasks:
    task_ids: tuple[int, ...]
    skipped: int  # findings already covered by an open task of the same check


def tasks_from_findings(
    ctx: ServiceContext,
    findings: Sequence[FindingLike],
    *,
    grouping: Grouping = Grouping.EACH,
    assignment: FindingAssignment | None = None,
) -> FindingTasks:
    """Create 待整改 tasks from `findings` in one transaction (bulk inserts: 10,000 take about a
    second), each with its creation event, and one audit row for the batch."""
    ctx.require(Permission.EDIT_TASKS)
    assignment = assignment or FindingAssignment()
    today = ctx.today()
    deadline = assignment.deadline or today + timedelta(days=DEFAULT_DAYS)
    with ctx.sessions.begin() as session:
        ids = list(dict.fromkeys(f.household_id for f in findings))
        refs = {r.id: r for r in household_refs(session, ids)}
        missing = [i for i in ids if i not in refs]
        if missing:
            raise NotFound(f"核查结果中有 {len(missing)} 户已不在数据库中，请重新运行数据核查。")
        covered = _covered(session, ids)
        fresh = [f for f in findings if (f.household_id, f.code[:20]) not in covered]
        groups = group_findings(fresh, {i: r.village for i, r in refs.items()}, grouping)
        if not groups:
            return FindingTasks((), len(findings))
        first = next_seq(session)
        rows = []
        for n, group in enumerate(groups):
            members = [refs[i] for i in group.household_ids]
            villages = {r.village_id for r in members}
            rows.append(
                {
                    "seq": first + n,
                    "source": SOURCE_DATA_CHECK,
                    "category": group.category,
                    "description": group.description(),
                    "scope": scope_text(group.village, [r.head or r.number for r in members]),
                    "village_id": villages.pop() if len(villages) == 1 else None,
                    "measures": assignment.measures or None,
                    "leader": assignment.leader or None,
                    "lead_unit": assignment.lead_unit or None,
                    "unit": assignment.unit or None,
                    "person": assignment.person or None,
                    "deadline": deadline,
                    "status": TaskStatus.TODO.value,
                    "supervised": False,
                    "found_on": today,
                    "finding_rule": group.code[:20],
                    "created_by": ctx.actor.label,
                }
            )
        # executemany without RETURNING (which SQLite runs row by row), then the ids by 序号
        session.execute(insert(Task), rows)
        last = first + len(rows) - 1
        task_ids = session.scalars(
            select(Task.id).where(Task.seq.between(first, last)).order_by(Task.seq)
        ).all()
        session.execute(
            insert(TaskHousehold),
            [
                {"task_id": task_id, "household_id": household_id}
                for task_id, group in zip(task_ids, groups, strict=True)
                for household_id in group.household_ids
            ],
        )
        session.execute(
            insert(TaskEvent),
            [
                {
                    "task_id": task_id,
                    "user_name": ctx.actor.label,
                    "to_status": TaskStatus.TODO.value,
                    "note": "由数据核查结果生成",
                }
                for task_id in task_ids
            ],
        )
        skipped = len(findings) - len(fresh)
        audit.record(
            session,
            ctx.actor,
            action="新增",
            entity="task",
            entity_id=None,
            summary=f"由数据核查结果新建整改任务 {len(task_ids)} 项（第{first}至{last}项，"
            f"{len(fresh)} 条核查结果" + (f"，另有 {skipped} 条已有未销号任务" if skipped else "") + "）",
            after={"task_ids": list(task_ids), "grouping": grouping.value},
        )
        return FindingTasks(tuple(task_ids), skipped)


def _covered(session: Session, household_ids: Sequence[int]) -> set[tuple[int, str]]:
    """(household, check) pairs that already have an open task made from that check."""
    covered: set[tuple[int, str]] = set()
    for chunk in chunked(list(household_ids)):
        covered.update(
            (household_id, rule)
            for household_id, rule in session.execute(
                select(TaskHousehold.household_id, Task.finding_rule)
                .join(Task, Task.id == TaskHousehold.task_id)
                .where(
                    TaskHousehold.household_id.in_(chunk),
                    Task.finding_rule.is_not(None),
                    Task.status.in_([s.value for s in OPEN_STATUSES]),
                )
            )
        )
    return covered
