"""作废 and 撤销 of 整改任务: the reason, who may, out of every count and list, undo of a 作废, a 销号 and
a 持续整改 (deadline back, extension gone), undo refused on a stale view, and the audit rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from fupin_desktop.db.models import AuditLog, Task, TaskDeadlineChange, TaskEvent
from fupin_desktop.domain.task_lists import ListKind
from fupin_desktop.domain.tasks import Colour, TaskAction, TaskStatus, TaskView
from fupin_desktop.errors import InputInvalid, PermissionDenied, UserError
from fupin_desktop.services.assignments.board import village_board
from fupin_desktop.services.briefing.kpis import compute_kpis
from fupin_desktop.services.briefing.sections.tasks import task_progress
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.rectification.excel import task_export_rows
from fupin_desktop.services.rectification.flow import ActionRequest, add_evidence, perform
from fupin_desktop.services.rectification.listing import TaskQuery, list_tasks, task_detail
from fupin_desktop.services.rectification.lists import task_list_doc
from fupin_desktop.services.rectification.undo import last_event_id, undo_last
from fupin_desktop.services.storage.info import database_info
from tests.conftest import TODAY

CLERK = Actor("clerk", "录入员小王", Role.CLERK)


def first(ctx: ServiceContext, status: TaskStatus) -> int:
    return next(r.id for r in list_tasks(ctx).rows if r.status is status)


def state(ctx: ServiceContext, task_id: int) -> tuple[str, object, object, int, int]:
    with ctx.sessions() as session:
        task = session.get(Task, task_id)
        assert task is not None
        events = len(session.scalars(select(TaskEvent).where(TaskEvent.task_id == task_id)).all())
        changes = len(
            session.scalars(select(TaskDeadlineChange).where(TaskDeadlineChange.task_id == task_id)).all()
        )
        return task.status, task.deadline, task.closed_on, events, changes


def task_audits(ctx: ServiceContext, task_id: int) -> list[AuditLog]:
    with ctx.sessions() as session:
        return list(
            session.scalars(
                select(AuditLog)
                .where(AuditLog.entity == "task", AuditLog.entity_id == str(task_id))
                .order_by(AuditLog.id)
            )
        )


def undo(ctx: ServiceContext, task_id: int):  # type: ignore[no-untyped-def]
    return undo_last(ctx, task_id, last_event_id(ctx, task_id))


def test_void_needs_a_reason_and_keeps_the_task(demo_ctx: ServiceContext) -> None:
    task_id = first(demo_ctx, TaskStatus.DOING)
    before = state(demo_ctx, task_id)
    with pytest.raises(InputInvalid, match="“作废”必须写明原因"):
        perform(demo_ctx, task_id, TaskAction.VOID, ActionRequest(note=" "))
    assert state(demo_ctx, task_id) == before
    perform(demo_ctx, task_id, TaskAction.VOID, ActionRequest(note="与第 3 项重复"))
    detail = task_detail(demo_ctx, task_id)
    assert detail.row.status is TaskStatus.VOID and detail.row.warning.label == "已作废"
    assert detail.void_event is not None and detail.void_event.note == "作废：与第 3 项重复"
    assert detail.actions == ()
    audit = task_audits(demo_ctx, task_id)[-1]
    assert audit.action == "作废" and "与第 3 项重复" in audit.summary and '"已作废"' in (audit.after or "")
    with pytest.raises(UserError, match="已作废的任务不能修改"):
        from fupin_desktop.services.rectification.editing import update_task

        update_task(demo_ctx, task_id, detail.draft)
    with pytest.raises(UserError, match="已作废的任务不能再添加佐证材料"):
        add_evidence(demo_ctx, task_id, text="照片")


def test_a_clerk_voids_only_tasks_not_yet_begun(demo_ctx: ServiceContext) -> None:
    clerk = demo_ctx.acting_as(CLERK)
    doing = first(demo_ctx, TaskStatus.DOING)
    with pytest.raises(PermissionDenied, match="重新打开已销号任务"):
        perform(clerk, doing, TaskAction.VOID, ActionRequest(note="误建"))
    assert state(demo_ctx, doing)[0] == TaskStatus.DOING
    todo = first(demo_ctx, TaskStatus.TODO)
    perform(clerk, todo, TaskAction.VOID, ActionRequest(note="误建"))
    assert state(demo_ctx, todo)[0] == TaskStatus.VOID
    closed = first(demo_ctx, TaskStatus.CLOSED)
    with pytest.raises(InputInvalid, match="不能“作废”"):
        perform(demo_ctx, closed, TaskAction.VOID, ActionRequest(note="误建"))


def test_a_voided_task_is_out_of_every_count_list_and_export(demo_ctx: ServiceContext) -> None:
    red = next(r for r in list_tasks(demo_ctx).rows if r.colour is Colour.RED)
    tasks = list_tasks(demo_ctx)
    info = database_info(demo_ctx)
    with demo_ctx.sessions() as session:
        kpis = compute_kpis(session, TODAY, {})
    perform(demo_ctx, red.id, TaskAction.VOID, ActionRequest(note="问题不属实"))

    after = list_tasks(demo_ctx)
    assert red.id not in {r.id for r in after.rows}
    assert after.view_counts[TaskView.ALL] == tasks.view_counts[TaskView.ALL] - 1
    assert after.view_counts[TaskView.VOID] == 1
    assert after.colour_counts[Colour.RED] == tasks.colour_counts[Colour.RED] - 1
    assert [r.id for r in list_tasks(demo_ctx, TaskQuery(view=TaskView.VOID)).rows] == [red.id]
    assert sum(database_info(demo_ctx).tasks.values()) == sum(info.tasks.values()) - 1
    assert "已作废" not in database_info(demo_ctx).tasks
    with demo_ctx.sessions() as session:
        now = compute_kpis(session, TODAY, {})
        count, rows = task_export_rows(session, TODAY)
        exported = [r["x.seq"] for r in rows]
    assert now["tasks_open"] == kpis["tasks_open"] - 1 and now["tasks_overdue"] == kpis["tasks_overdue"] - 1
    assert count == 39 and red.seq not in exported
    progress = task_progress(list_tasks(demo_ctx).rows)
    assert progress.total.total == 39 and progress.total.red == tasks.colour_counts[Colour.RED] - 1
    assert red.seq not in {o.seq for o in progress.overdue}
    for query in (TaskQuery(), TaskQuery(view=TaskView.VOID)):
        doc = task_list_doc(demo_ctx, ListKind.TASKS, query)
        assert red.seq not in {r.seq for r in doc.rows}
    township = village_board(demo_ctx).total
    assert sum(township.open_tasks.values()) == 27


def test_undo_a_void_restores_the_status(demo_ctx: ServiceContext) -> None:
    task_id = first(demo_ctx, TaskStatus.REVIEW)
    perform(demo_ctx, task_id, TaskAction.VOID, ActionRequest(note="录入错误"))
    undone = undo(demo_ctx, task_id)
    assert undone.status == TaskStatus.REVIEW and undone.what == "待验收 → 已作废（作废：录入错误）"
    detail = task_detail(demo_ctx, task_id)
    assert (
        detail.row.status is TaskStatus.REVIEW
        and detail.events[-1].note == "撤销：待验收 → 已作废（作废：录入错误）"
    )
    audit = task_audits(demo_ctx, task_id)[-1]
    assert audit.action == "撤销" and "撤销上一步" in audit.summary and '"待验收"' in (audit.after or "")


def test_undo_a_close_clears_the_closing_day_and_needs_the_administrator(
    demo_ctx: ServiceContext,
) -> None:
    task_id = first(demo_ctx, TaskStatus.REVIEW)
    add_evidence(demo_ctx, task_id, text="验收表")
    perform(demo_ctx, task_id, TaskAction.CLOSE, ActionRequest(result="已完成改造"))
    assert state(demo_ctx, task_id)[2] == TODAY
    clerk = demo_ctx.acting_as(CLERK)
    before = state(demo_ctx, task_id)
    with pytest.raises(PermissionDenied):
        undo(clerk, task_id)
    assert state(demo_ctx, task_id) == before
    undo(demo_ctx, task_id)
    status, _deadline, closed_on, *_ = state(demo_ctx, task_id)
    assert status == TaskStatus.REVIEW and closed_on is None
    assert task_detail(demo_ctx, task_id).row.result == "已完成改造"  # kept for the next 销号


def test_undo_an_extension_puts_the_deadline_back(demo_ctx: ServiceContext) -> None:
    task_id = first(demo_ctx, TaskStatus.TODO)
    old = task_detail(demo_ctx, task_id).row
    later = max(old.deadline, TODAY) + timedelta(days=45)
    perform(demo_ctx, task_id, TaskAction.EXTEND, ActionRequest(note="雨季停工", new_deadline=later))
    assert task_detail(demo_ctx, task_id).row.warning.extensions == 1
    undo(demo_ctx, task_id)
    row = task_detail(demo_ctx, task_id).row
    assert row.deadline == old.deadline and row.warning.extensions == old.warning.extensions
    assert state(demo_ctx, task_id)[4] == 0
    assert '"雨季停工"' in (task_audits(demo_ctx, task_id)[-1].before or "")


def test_undo_goes_back_step_by_step_to_the_creation(demo_ctx: ServiceContext) -> None:
    task_id = first(demo_ctx, TaskStatus.TODO)
    perform(demo_ctx, task_id, TaskAction.START)
    perform(demo_ctx, task_id, TaskAction.SUBMIT)
    assert undo(demo_ctx, task_id).status == TaskStatus.DOING
    assert undo(demo_ctx, task_id).status == TaskStatus.TODO
    before = state(demo_ctx, task_id)
    with pytest.raises(UserError, match="没有可以撤销的办理步骤"):
        undo(demo_ctx, task_id)
    assert state(demo_ctx, task_id) == before


def test_undo_refuses_when_the_task_changed_since_it_was_shown(demo_ctx: ServiceContext) -> None:
    task_id = first(demo_ctx, TaskStatus.DOING)
    perform(demo_ctx, task_id, TaskAction.SUBMIT)
    shown = task_detail(demo_ctx, task_id).last_event_id
    perform(demo_ctx.acting_as(CLERK), task_id, TaskAction.REJECT, ActionRequest(note="照片不清晰"))
    before = state(demo_ctx, task_id)
    audits = len(task_audits(demo_ctx, task_id))
    with pytest.raises(UserError, match="刚刚有了新的办理记录"):
        undo_last(demo_ctx, task_id, shown)
    assert state(demo_ctx, task_id) == before and len(task_audits(demo_ctx, task_id)) == audits
