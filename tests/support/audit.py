"""What a use case wrote to the audit trail."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from sqlalchemy import func, select

from fupin_desktop.db.models import AuditLog
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.progress import run_job


def audit_rows_written(ctx: ServiceContext, call: Callable[[], object]) -> list[tuple[str, str, str]]:
    """Run `call` (a job is driven to its end); returns (action, entity, user) of each new audit row."""
    with ctx.sessions() as session:
        last = session.scalar(select(func.max(AuditLog.id))) or 0
    result = call()
    if inspect.isgenerator(result):
        run_job(result)
    with ctx.sessions() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.id > last).order_by(AuditLog.id))
        return [(r.action, r.entity, r.user_name) for r in rows]
