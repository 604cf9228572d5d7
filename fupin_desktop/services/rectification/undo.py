"""撤销上一步: take back a task's newest state change not yet undone (DOMAIN §6, `domain.tasks`).

The undo restores what that change set — the status, the 销号时间 and, for 持续整改 or a 重新打开 that
moved it, the deadline (the deadline change is removed, so a mistaken extension no longer turns the
task yellow; the history keeps both the change and its undo as events and audit rows). The 整改结果说明
and evidence given with a 销号 stay with the task for the next 销号.

The caller passes the id of the newest event it showed: when the task changed since (another clerk, or
another window), nothing is undone, so nobody's newer work is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Task, TaskDeadlineChange, TaskEvent
from fupin_desktop.domain.tasks import (
    UNDO_PREFIX,
    TaskStatus,
    describe_change,
    effective_events,
    undo_needs_admin,
)
from fupin_desktop.errors import UserError
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.rectification.claims import claim_task
from fupin_desktop.services.rectification.editing import get_task, short_text
from fupin_desktop.services.rectification.flow import record_step

REOPEN_DEADLINE_MARK = "（整改时限调整为"  # task_flow's note of a 重新打开 that set a new deadline


@dataclass(frozen=True, slots=True)
class Undone:
    seq: int
    status: str  # the status the task is back in
    what: str  # the change taken back, as the history shows it


def last_event_id(ctx: ServiceContext, task_id: int) -> int | None:
    """The newest event of the task (what `undo_last` expects when nothing else is shown)."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        get_task(session, task_id)
        return session.scalar(
            select(TaskEvent.id).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id.desc())
        )


def undo_last(ctx: ServiceContext, task_id: int, expected_event_id: int | None) -> Undone:
    """Undo the newest standing change of the task, recorded as a new event (撤销：…) and an audit row.
    Refused when the task's newest event is not `expected_event_id`, or when only its creation is left;
    undoing a 销号 or a 重新打开 needs the administrator, as reopening does."""
    ctx.require(Permission.EDIT_TASKS)
    with ctx.sessions.begin() as session:
        claim_task(session, task_id, None)  # the event check below guards the undo; editors see it
        task = get_task(session, task_id)
        events = list(
            session.scalars(select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id))
        )
        newest = events[-1].id if events else None
        if newest != expected_event_id:
            latest = (
                f"（{events[-1].user_name}：{short_text(describe_change(events[-1]), 40)}）" if events else ""
            )
            raise UserError(
                f"第{task.seq}项刚刚有了新的办理记录{latest}，为免覆盖别人的操作，这次没有撤销。"
                "请刷新后看清最新情况再决定。"
            )
        standing = effective_events(events)
        target = standing[-1] if standing else None
        if target is None or target.from_status is None:
            raise UserError(f"第{task.seq}项没有可以撤销的办理步骤（只剩建立任务的记录）。")
        if target.to_status != task.status:
            raise UserError(
                f"第{task.seq}项的状态（{task.status}）与办理记录不一致，不能自动撤销。请管理员核对后手工办理。"
            )
        if undo_needs_admin(target):
            ctx.require(Permission.REOPEN_TASK)
        before = {"status": task.status, "deadline": task.deadline, "closed_on": task.closed_on}
        task.status = target.from_status
        if target.to_status == TaskStatus.CLOSED:
            task.closed_on = None
        elif target.from_status == TaskStatus.CLOSED:
            task.closed_on = _closed_on(standing[:-1])
        removed = _take_back_deadline(session, task, target)
        what = describe_change(target)
        note = f"{UNDO_PREFIX}{what}"
        record_step(
            session,
            ctx,
            task,
            {**before, **({"deadline_change": removed} if removed else {})},
            note,
            "撤销",
            f"整改任务第{task.seq}项撤销上一步：{short_text(what, 60)}",
        )
        return Undone(task.seq, task.status, what)


def _take_back_deadline(session: Session, task: Task, target: TaskEvent) -> dict[str, object] | None:
    """Undo the deadline change `target` made, if it made one: 持续整改 always does, 重新打开 when its
    note says so. Later changes were removed with the later steps, so it is the newest one."""
    extended = target.from_status == target.to_status
    reopened = target.from_status == TaskStatus.CLOSED and REOPEN_DEADLINE_MARK in (target.note or "")
    if not (extended or reopened):
        return None
    change = session.scalar(
        select(TaskDeadlineChange)
        .where(TaskDeadlineChange.task_id == task.id)
        .order_by(TaskDeadlineChange.id.desc())
        .limit(1)
    )
    if change is None or change.new_deadline != task.deadline:
        raise UserError(
            f"第{task.seq}项的整改时限变更记录与当前时限不一致，不能自动撤销。请管理员核对后手工办理。"
        )
    task.deadline = change.old_deadline
    removed = {
        "old": change.old_deadline,
        "new": change.new_deadline,
        "reason": change.reason,
        "by": change.user_name,
    }
    session.delete(change)
    return removed


def _closed_on(standing: list[TaskEvent]) -> date | None:
    """The 销号时间 a 重新打开 cleared: the day of the 销号 before it."""
    close = next((e for e in reversed(standing) if e.to_status == TaskStatus.CLOSED), None)
    return close.at.date() if close else None
