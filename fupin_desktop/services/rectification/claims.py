"""A task's version (services.register.edit_versions): every change of a task claims it first, so a save or a
step over someone else's newer change of the same task is refused, naming who made it and when."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.lengths import lengths
from fupin_desktop.db.models import Task
from fupin_desktop.errors import NotFound
from fupin_desktop.services.register import about_entity, claim


def claim_task(session: Session, task_id: int, version: int | None) -> None:
    """Raise the task's version if it is still `version` (None: unconditionally); EditConflict naming
    the latest change of the task otherwise. First in a transaction that changes the task."""
    seq = session.scalar(select(Task.seq).where(Task.id == task_id))
    if seq is None:
        raise NotFound(f"找不到整改任务（编号 {task_id}），它可能已被删除。请刷新列表。")
    claim(session, Task, task_id, version, label=f"整改任务第{seq}项", about=about_entity("task", task_id))


def task_lengths() -> dict[str, int]:
    """Most characters each text field of a task holds (the editor's `setMaxLength`)."""
    return dict(lengths(Task))
