"""整改清单: creating and editing a task (its text, households, deadline and place), checked and
claimed (`claims.py`) so that two clerks never overwrite each other, with an audit row for every change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.lengths import max_length, too_long
from fupin_desktop.db.models import (
    Area,
    Task,
    TaskEvent,
    TaskHousehold,
)
from fupin_desktop.domain.tasks import (
    TaskStatus,
    problems_of_task,
    scope_text,
)
from fupin_desktop.errors import InputInvalid, NotFound, UserError
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.rectification.claims import claim_task
from fupin_desktop.services.rectification.listing import TaskDraft, _linked, draft_of_task, household_refs

# ------------------------------------------------------------------ creating and editing


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
