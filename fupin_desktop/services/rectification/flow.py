"""Moving a task through its lifecycle (DOMAIN §6), its deadline history and its evidence.

Every change is one transaction holding the change, a `TaskEvent` (who, when, from, to, note) and an
audit row. Evidence files are stored in the database with the entry that attaches them (once per sha256,
so every PC sharing a server opens them) and cached in the data folder's `attachments/tasks/<task id>/`
(services.rectification.evidence); a change that fails keeps neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Task, TaskDeadlineChange, TaskEvent, TaskEvidence
from fupin_desktop.domain.tasks import (
    UNDO_PREFIX,
    TaskAction,
    TaskError,
    TaskStatus,
    check_action_input,
    needs_admin,
    next_status,
)
from fupin_desktop.errors import InputInvalid, NotFound, UserError
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.rectification import evidence as evidence_store
from fupin_desktop.services.rectification.claims import claim_task
from fupin_desktop.services.rectification.editing import get_task, short_text
from fupin_desktop.services.rectification.evidence import NewFile

DEFAULT_NOTES = {
    TaskAction.START: "开始整改",
    TaskAction.SUBMIT: "整改完成，提请验收",
    TaskAction.CLOSE: "验收通过，予以销号",
}


@dataclass(frozen=True, slots=True)
class ActionRequest:
    """What the user gave with an action. Which parts are required is in `TaskAction.spec`."""

    note: str = ""  # the reason (验收不通过, 持续整改, 重新打开) or an optional remark
    new_deadline: date | None = None  # 持续整改 (required), 重新打开 (optional)
    result: str = ""  # 整改结果说明, for 销号
    progress: str | None = None  # a new 整改进展, when given
    evidence_text: str = ""  # evidence added together with the action (销号)
    files: tuple[Path, ...] = ()


def perform(
    ctx: ServiceContext,
    task_id: int,
    action: TaskAction,
    request: ActionRequest | None = None,
    *,
    version: int | None = None,
) -> None:
    """Apply `action` to the task: check the lifecycle and what the action needs, change the task,
    write the event, the deadline change (if any), the evidence given with it and the audit row.
    `version` is the task's as the clerk saw it: EditConflict (nothing done) when it changed since."""
    request = request or ActionRequest()
    ctx.require(Permission.EDIT_TASKS)
    if action.spec.admin_only and not action.spec.clerk_sources:
        ctx.require(Permission.REOPEN_TASK)  # before reading any file
    today = ctx.today()
    files = evidence_store.read_files(request.files)
    with ctx.sessions.begin() as session:
        claim_task(session, task_id, version)
        task = get_task(session, task_id)
        if needs_admin(action, task.status):
            ctx.require(Permission.REOPEN_TASK)
        before = {"status": task.status, "deadline": task.deadline, "closed_on": task.closed_on}
        try:
            after_status = next_status(task.status, action)
            _add_evidence(session, ctx, task, request.evidence_text, files)
            check_action_input(
                action,
                today=today,
                note=request.note,
                deadline=task.deadline,
                new_deadline=request.new_deadline,
                result=request.result,
                evidence_count=_evidence_count(session, task.id),
            )
        except TaskError as exc:
            raise InputInvalid(str(exc)) from exc
        note = _event_note(action, task, request)
        if request.new_deadline is not None:
            _change_deadline(session, ctx, task, request.new_deadline, request.note)
        if request.progress is not None:
            task.progress = request.progress.strip() or None
        if action is TaskAction.CLOSE:
            task.result = request.result.strip()
            task.closed_on = today
        elif action is TaskAction.REOPEN:
            task.closed_on = None
        task.status = after_status.value
        record_step(
            session, ctx, task, before, note, action.label, f"整改任务第{task.seq}项{action.label}：{note}"
        )
    evidence_store.cache_new_files(ctx.paths.attachments, task_id, files)


def record_step(
    session: Session,
    ctx: ServiceContext,
    task: Task,
    before: dict[str, object],
    note: str,
    action: str,
    summary: str,
) -> None:
    """The event and the audit row of one step of `task` (its status, deadline and 销号时间 are already
    changed; `before` holds them as they were)."""
    session.add(
        TaskEvent(
            task_id=task.id,
            user_name=ctx.actor.label,
            from_status=before["status"],
            to_status=task.status,
            note=note,
        )
    )
    audit.record(
        session,
        ctx.actor,
        action=action,
        entity="task",
        entity_id=task.id,
        summary=summary,
        before=before,
        after={"status": task.status, "deadline": task.deadline, "closed_on": task.closed_on},
    )


def _event_note(action: TaskAction, task: Task, request: ActionRequest) -> str:
    note = request.note.strip()
    if action is TaskAction.EXTEND:
        return (
            f"持续整改：整改时限由{task.deadline:%Y-%m-%d}调整为{request.new_deadline:%Y-%m-%d}。原因：{note}"
        )
    if action is TaskAction.REJECT:
        return f"验收不通过：{note}"
    if action is TaskAction.VOID:
        return f"作废：{note}"
    if action is TaskAction.REOPEN:
        later = f"（整改时限调整为{request.new_deadline:%Y-%m-%d}）" if request.new_deadline else ""
        return f"重新打开：{note}{later}"
    if note.startswith(UNDO_PREFIX):  # a remark must not read as an undo in the history
        return f"{action.label}：{note}"
    return note or DEFAULT_NOTES[action]


def _change_deadline(session: Session, ctx: ServiceContext, task: Task, new: date, reason: str) -> None:
    session.add(
        TaskDeadlineChange(
            task_id=task.id,
            user_name=ctx.actor.label,
            old_deadline=task.deadline,
            new_deadline=new,
            reason=reason.strip(),
        )
    )
    task.deadline = new


# ------------------------------------------------------------------ evidence


def add_evidence(ctx: ServiceContext, task_id: int, *, text: str = "", files: Sequence[Path] = ()) -> int:
    """Add a text entry and/or files as 佐证材料 of an open task; returns how many entries were added."""
    ctx.require(Permission.EDIT_TASKS)
    if not text.strip() and not files:
        raise InputInvalid("请填写佐证说明或选择要附加的文件。")
    new_files = evidence_store.read_files(files)
    with ctx.sessions.begin() as session:
        task = get_task(session, task_id)
        if task.status in (TaskStatus.CLOSED, TaskStatus.VOID):
            raise UserError(f"{task.status}的任务不能再添加佐证材料。")
        added = _add_evidence(session, ctx, task, text, new_files)
    evidence_store.cache_new_files(ctx.paths.attachments, task_id, new_files)
    return added


def remove_evidence(ctx: ServiceContext, evidence_id: int) -> None:
    """Remove one piece of evidence of an open task (its stored file too, when no other entry uses it;
    the audit row keeps its name and sha256)."""
    ctx.require(Permission.EDIT_TASKS)
    with ctx.sessions.begin() as session:
        evidence = session.get(TaskEvidence, evidence_id)
        if evidence is None:
            raise NotFound("这项佐证材料已不存在，请刷新。")
        task = get_task(session, evidence.task_id)
        if task.status in (TaskStatus.CLOSED, TaskStatus.VOID):
            raise UserError(f"{task.status}任务的佐证材料不能删除。")
        stored_path, blob = evidence.stored_path, evidence.blob_sha256
        what = evidence.file_name or short_text(evidence.text or "", 20)
        before = {"text": evidence.text, "file_name": evidence.file_name, "sha256": evidence.sha256}
        session.execute(delete(TaskEvidence).where(TaskEvidence.id == evidence_id))
        audit.record(
            session,
            ctx.actor,
            action="删除佐证材料",
            entity="task",
            entity_id=task.id,
            summary=f"整改任务第{task.seq}项删除佐证材料：{what}",
            before=before,
        )
        session.flush()
        cached = evidence_store.drop_unused(session, blob, stored_path, ctx.paths.attachments)
    evidence_store.remove_cached(cached)


def evidence_file(ctx: ServiceContext, evidence_id: int) -> Path:
    """The attached file in this PC's cache, written from the database first when the copy there is
    missing or not the file attached (to open it with the system viewer); NotFound when it is nowhere."""
    ctx.require(Permission.VIEW)
    with ctx.sessions.begin() as session:
        evidence = session.get(TaskEvidence, evidence_id)
        if evidence is None:
            raise NotFound("这项佐证材料没有附件。")
        return evidence_store.open_cached(session, evidence, ctx.paths.attachments)


def _add_evidence(
    session: Session, ctx: ServiceContext, task: Task, text: str, files: Sequence[NewFile]
) -> int:
    rows = []
    if text.strip():
        rows.append(TaskEvidence(task_id=task.id, user_name=ctx.actor.label, text=text.strip()))
    rows += [
        TaskEvidence(
            task_id=task.id,
            user_name=ctx.actor.label,
            file_name=f.name,
            stored_path=f.stored_path(task.id),
            sha256=f.sha256,
            blob_sha256=f.sha256,
        )
        for f in files
    ]
    if rows:
        evidence_store.store_blobs(session, files)
        session.flush()  # the blobs before the entries that refer to them
        session.add_all(rows)
        names = [f.name for f in files] + (["文字说明"] if text.strip() else [])
        audit.record(
            session,
            ctx.actor,
            action="添加佐证材料",
            entity="task",
            entity_id=task.id,
            summary=f"整改任务第{task.seq}项添加佐证材料：{'、'.join(names)}",
            after={"text": text.strip() or None, "files": [[f.name, f.sha256] for f in files]},
        )
        session.flush()
    return len(rows)


def _evidence_count(session: Session, task_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(TaskEvidence).where(TaskEvidence.task_id == task_id))
        or 0
    )
