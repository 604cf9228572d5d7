"""Audit rows: who, when, entity, before and after. Written in the same transaction as the change.

Every row is chained (`db.audit_chain`): when the session commits, each new row gets the hash over the
previous row's hash and its own content, so a row edited or deleted afterwards shows in `fupin audit
verify`. Files that carry data out (full-ID exports, backups) go through `audited_output`: the audit row
is committed before the file appears under its name, and a failed audit leaves no file at all.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlalchemy.orm import Session

from fupin_desktop.db.audit_chain import row_hash
from fupin_desktop.db.models import AuditLog
from fupin_desktop.errors import UserError, describe_os_error
from fupin_desktop.services.context import Actor, ServiceContext

log = logging.getLogger(__name__)

_PENDING = "audit rows to chain"
_LISTENING = "audit rows chained at commit"


def _default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def to_json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=_default, sort_keys=True)


def record(
    session: Session,
    actor: Actor,
    *,
    action: str,
    entity: str,
    entity_id: object | None,
    summary: str,
    before: Any = None,
    after: Any = None,
) -> None:
    """Add one audit row to `session` (committed with the change it describes, chained at the commit)."""
    if session.get_bind().dialect.name == "postgresql":
        # several PCs write at once: one chain needs one writer of audit rows at a time (until commit)
        session.execute(text("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"))
    row = AuditLog(
        at=datetime.now(),
        user_name=actor.label,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        summary=summary,
        before=to_json(before),
        after=to_json(after),
    )
    _add(session, row)


def carry(session: Session, **columns: Any) -> None:
    """Add an audit row as another database wrote it (a restore keeping the rows written since the
    backup); it is chained onto this database's trail like a new row."""
    _add(session, AuditLog(**columns))


def _add(session: Session, row: AuditLog) -> None:
    session.add(row)
    if not session.info.get(_LISTENING):
        event.listen(session, "before_commit", _chain_pending_rows)
        session.info[_LISTENING] = True
    session.info.setdefault(_PENDING, []).append(row)


def _chain_pending_rows(session: Session) -> None:
    rows = [row for row in session.info.pop(_PENDING, []) if not inspect(row).detached]
    if not rows:
        return
    session.flush()
    previous: AuditLog | None = None
    for row in sorted((r for r in rows if r.id is not None), key=lambda r: r.id):
        if previous is not None and row.id == previous.id + 1:
            before = previous.chain
        else:
            before = previous_chain(session, row.id)
        row.chain = row_hash(before, row)
        previous = row


def previous_chain(session: Session, row_id: int) -> str | None:
    """The stored hash of the row before `row_id` (None: it is the first row)."""
    return session.scalar(
        select(AuditLog.chain).where(AuditLog.id < row_id).order_by(AuditLog.id.desc()).limit(1)
    )


# ---------------------------------------------------------------- files that must not escape the audit


@dataclass(slots=True)
class AuditedOutput:
    """Where to write (`path`, a temporary file beside the target) and the audit row to record."""

    target: Path
    path: Path
    row: dict[str, Any] = field(default_factory=dict)

    def describe(
        self,
        *,
        action: str,
        entity: str,
        entity_id: object | None,
        summary: str,
        before: Any = None,
        after: Any = None,
    ) -> None:
        """The audit row committed before the file is moved into place."""
        self.row = {
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "summary": summary,
            "before": before,
            "after": after,
        }


def pending_path(target: Path) -> Path:
    """A hidden name beside `target` (same folder: the final move is a rename, never a copy)."""
    return target.with_name(f".{target.stem}.待审计{target.suffix}")


@contextlib.contextmanager
def audited_output(ctx: ServiceContext, target: Path) -> Iterator[AuditedOutput]:
    """Write a file that must be audited:

        with audited_output(ctx, out) as output:
            write(output.path)
            output.describe(action="导出完整证件号码", entity="export", entity_id=kind, summary=...)

    After the block the audit row is committed, then the file is renamed to `target`. When the block
    fails, or the audit row cannot be written (a read-only or locked database), the temporary file is
    deleted and nothing is left under either name.
    """
    output = AuditedOutput(target=target, path=pending_path(target))
    try:
        try:
            yield output
        except UserError as exc:  # "disk full while writing …": the clerk's file, not our temporary name
            exc.message = exc.message.replace(output.path.name, target.name)
            exc.args = (exc.message,)
            raise
        if not output.row:
            raise RuntimeError("audited_output: describe() was not called")
        _commit_row(ctx, output)
        try:
            output.path.replace(target)
        except OSError as exc:
            raise UserError(describe_os_error(exc, target)) from exc
    finally:
        with contextlib.suppress(OSError):
            output.path.unlink(missing_ok=True)


def _commit_row(ctx: ServiceContext, output: AuditedOutput) -> None:
    try:
        with ctx.sessions.begin() as session:
            record(session, ctx.actor, **output.row)
    except UserError as exc:  # a locked, read-only or full database
        log.warning("审计记录无法写入，文件 %s 没有保存：%s", output.target, exc)
        raise UserError(
            f"没有保存 {output.target.name}：操作记录（审计日志）无法写入。{exc.message}"
        ) from exc
