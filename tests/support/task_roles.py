"""整改清单 use cases for the role check (`tests/integration/test_roles.py`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from fupin_desktop.domain.tasks import TaskAction, TaskStatus
from fupin_desktop.reports.tasklists import ListKind
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.rectification.editing import create_task, update_task
from fupin_desktop.services.rectification.findings import TaskFinding, tasks_from_findings
from fupin_desktop.services.rectification.flow import ActionRequest, add_evidence, perform
from fupin_desktop.services.rectification.listing import TaskDraft, TaskQuery, list_tasks, task_detail
from fupin_desktop.services.rectification.lists import task_list_job
from tests.support.roles import RoleCase


def _task(ctx: ServiceContext, status: TaskStatus) -> int:
    return next(r.id for r in list_tasks(ctx, TaskQuery(statuses=(status,))).rows)


def _edit(ctx: ServiceContext) -> None:
    task_id = _task(ctx, TaskStatus.DOING)
    update_task(ctx, task_id, replace(task_detail(ctx, task_id).draft, person="另一人"))


def _extend(ctx: ServiceContext) -> None:
    task_id = _task(ctx, TaskStatus.DOING)
    new = task_detail(ctx, task_id).row.deadline + timedelta(days=30)
    perform(ctx, task_id, TaskAction.EXTEND, ActionRequest(note="工期", new_deadline=max(new, ctx.today())))


TASK_CASES = [
    RoleCase(
        "新建整改任务",
        Permission.EDIT_TASKS,
        lambda ctx: create_task(
            ctx, TaskDraft("县级督查", "住房安全", "危房未改造", ctx.today() + timedelta(days=30))
        ),
    ),
    RoleCase("修改整改任务", Permission.EDIT_TASKS, _edit),
    RoleCase(
        "开始整改",
        Permission.EDIT_TASKS,
        lambda ctx: perform(ctx, _task(ctx, TaskStatus.TODO), TaskAction.START),
    ),
    RoleCase("持续整改", Permission.EDIT_TASKS, _extend),
    RoleCase(
        "添加佐证材料",
        Permission.EDIT_TASKS,
        lambda ctx: add_evidence(ctx, _task(ctx, TaskStatus.REVIEW), text="验收表"),
    ),
    RoleCase(
        "重新打开已销号任务",
        Permission.REOPEN_TASK,
        lambda ctx: perform(
            ctx, _task(ctx, TaskStatus.CLOSED), TaskAction.REOPEN, ActionRequest(note="复查发现反弹")
        ),
    ),
    RoleCase(
        "由核查结果新建整改任务",
        Permission.EDIT_TASKS,
        lambda ctx: tasks_from_findings(ctx, [TaskFinding("ID01", 1, "证件号码校验位错误")]),
    ),
    RoleCase(
        "打印整改清单",
        Permission.PRINT,
        lambda ctx: task_list_job(ctx, ListKind.TASKS, Path(ctx.paths.root) / "tasks.pdf"),
    ),
]
