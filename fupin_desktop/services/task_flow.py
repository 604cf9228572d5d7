"""Moving a task through its lifecycle (DOMAIN §6), its deadline history and its evidence.

Every change is one transaction holding the change, a `TaskEvent` (who, when, from, to, note) and an
audit row. Evidence files are copied into the data folder's `attachments/tasks/<task id>/` under a name
that starts with their sha256, so the same file attached twice is stored once; a copy made for a
change that then fails is removed again.
"""

from __future__ import annotations

import errno
import hashlib
import re
import secrets
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

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
from fupin_desktop.errors import InputInvalid, InputUnreadable, NotFound, UserError, describe_os_error
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.task_claims import claim_task
from fupin_desktop.services.tasks import get_task, short_text

ATTACHMENT_FOLDER = "tasks"
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024  # photos, scans and PDFs; not video archives
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')

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
        ctx.require(Permission.REOPEN_TASK)  # before copying any file
    today = ctx.today()
    with _StoredFiles(ctx, task_id, request.files) as stored, ctx.sessions.begin() as session:
        claim_task(session, task_id, version)
        task = get_task(session, task_id)
        if needs_admin(action, task.status):
            ctx.require(Permission.REOPEN_TASK)
        before = {"status": task.status, "deadline": task.deadline, "closed_on": task.closed_on}
        try:
            after_status = next_status(task.status, action)
            _add_evidence(session, ctx, task, request.evidence_text, stored.files)
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
    with _StoredFiles(ctx, task_id, files) as stored, ctx.sessions.begin() as session:
        task = get_task(session, task_id)
        if task.status in (TaskStatus.CLOSED, TaskStatus.VOID):
            raise UserError(f"{task.status}的任务不能再添加佐证材料。")
        return _add_evidence(session, ctx, task, text, stored.files)


def remove_evidence(ctx: ServiceContext, evidence_id: int) -> None:
    """Remove one piece of evidence of an open task (its file too, when nothing else refers to it)."""
    ctx.require(Permission.EDIT_TASKS)
    with ctx.sessions.begin() as session:
        evidence = session.get(TaskEvidence, evidence_id)
        if evidence is None:
            raise NotFound("这项佐证材料已不存在，请刷新。")
        task = get_task(session, evidence.task_id)
        if task.status in (TaskStatus.CLOSED, TaskStatus.VOID):
            raise UserError(f"{task.status}任务的佐证材料不能删除。")
        stored_path = evidence.stored_path
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
        still_used = stored_path and session.scalar(
            select(func.count()).select_from(TaskEvidence).where(TaskEvidence.stored_path == stored_path)
        )
    if stored_path and not still_used:
        (ctx.paths.attachments / stored_path).unlink(missing_ok=True)


def evidence_file(ctx: ServiceContext, evidence_id: int) -> Path:
    """Where an attached file is stored (to open it with the system viewer); NotFound when missing."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        evidence = session.get(TaskEvidence, evidence_id)
        if evidence is None or not evidence.stored_path:
            raise NotFound("这项佐证材料没有附件。")
        path = ctx.paths.attachments / PurePosixPath(evidence.stored_path)
        name = evidence.file_name or path.name
    if not path.is_file():
        raise NotFound(f"附件“{name}”不在数据文件夹中（{path}）。可能被移动或删除，请从备份恢复或重新附加。")
    return path


def _add_evidence(
    session: Session, ctx: ServiceContext, task: Task, text: str, files: Sequence[_StoredFile]
) -> int:
    rows = []
    if text.strip():
        rows.append(TaskEvidence(task_id=task.id, user_name=ctx.actor.label, text=text.strip()))
    rows += [
        TaskEvidence(
            task_id=task.id,
            user_name=ctx.actor.label,
            file_name=f.name,
            stored_path=f.stored_path,
            sha256=f.sha256,
        )
        for f in files
    ]
    if rows:
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


# ------------------------------------------------------------------ files in attachments/


@dataclass(frozen=True, slots=True)
class _StoredFile:
    name: str  # the original file name
    stored_path: str  # relative to attachments/, with forward slashes
    sha256: str
    created: bool  # copied now (removed again if the change fails)


class _StoredFiles:
    """Copies files into attachments/ on entry; on an exception removes the copies it made."""

    def __init__(self, ctx: ServiceContext, task_id: int, sources: Iterable[Path]) -> None:
        self.root = ctx.paths.attachments
        self.task_id = task_id
        self.sources = [Path(p) for p in sources]
        self.files: list[_StoredFile] = []

    def __enter__(self) -> _StoredFiles:
        try:
            for source in self.sources:
                self.files.append(self._store(source))
        except BaseException:
            self._remove_created()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self._remove_created()

    def _remove_created(self) -> None:
        for f in self.files:
            if f.created:
                (self.root / f.stored_path).unlink(missing_ok=True)

    def _store(self, source: Path) -> _StoredFile:
        try:
            size = source.stat().st_size if source.is_file() else -1
        except OSError as exc:  # e.g. a name longer than the system allows
            why = "文件名或路径太长" if exc.errno == errno.ENAMETOOLONG else (exc.strerror or str(exc))
            raise InputUnreadable(
                f"无法读取文件 {source.name[:40]}…：{why}。请把文件改个短一些的名字再附加。"
            ) from exc
        if size < 0:
            raise InputUnreadable(f"找不到文件 {source}，或它不是一个文件。")
        if size > MAX_ATTACHMENT_BYTES:
            raise InputInvalid(
                f"文件“{source.name}”有 {size / 1024 / 1024:.0f} MB，超过 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB。"
                "请压缩后再附加（例如把照片缩小、把多页扫描件合成 PDF）。"
            )
        folder = self.root / ATTACHMENT_FOLDER / str(self.task_id)
        partial = folder / f".{secrets.token_hex(8)}.part"  # short: a 250-character name still fits
        try:
            folder.mkdir(parents=True, exist_ok=True)
            digest = _copy_hashing(source, partial)
            name = f"{digest[:16]}_{_safe_name(source.name)}"
            target = folder / name
            created = not target.exists()
            if created:
                partial.replace(target)
            else:
                partial.unlink()
        except OSError as exc:
            partial.unlink(missing_ok=True)
            if exc.filename and Path(exc.filename) == source:
                raise InputUnreadable(f"无法读取文件 {source}：{exc.strerror or exc}") from exc
            raise UserError(describe_os_error(exc, folder)) from exc
        stored = PurePosixPath(ATTACHMENT_FOLDER, str(self.task_id), name)
        return _StoredFile(source.name, str(stored), digest, created)


def _copy_hashing(source: Path, target: Path) -> str:
    digest = hashlib.sha256()
    with source.open("rb") as reader, target.open("wb") as writer:
        while block := reader.read(1024 * 1024):
            digest.update(block)
            writer.write(block)
    shutil.copystat(source, target)
    return digest.hexdigest()


def _safe_name(name: str) -> str:
    """A file name every Windows folder accepts, not too long (the original name is kept in the row)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip(" .")[:80] or "附件"
    suffix = _UNSAFE.sub("_", suffix)[:10]
    return f"{stem}.{suffix}" if suffix else stem
