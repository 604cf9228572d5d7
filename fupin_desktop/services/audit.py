"""Audit rows: who, when, entity, before and after. Written in the same transaction as the change."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from fupin_desktop.db.models import AuditLog
from fupin_desktop.services.context import Actor


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
    """Add one audit row to `session` (committed with the change it describes)."""
    session.add(
        AuditLog(
            user_name=actor.label,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            summary=summary,
            before=to_json(before),
            after=to_json(after),
        )
    )
