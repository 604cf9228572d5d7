"""The audit trail's hash chain: each row stores sha256(previous row's hash + its own canonical content).

Editing a row changes its content, deleting one changes what the next row's hash was computed from, so
either shows as a break where `verify_chain` (services.accounts.audit_verify) walks the rows in id order. Kept in
db/ with no other imports of ours: the migration that chains the existing rows uses the same function.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

GENESIS = ""  # what the first row's hash is computed from


def _at_text(at: datetime | str | None) -> str:
    if isinstance(at, datetime):
        return at.isoformat(sep=" ", timespec="microseconds")
    return "" if at is None else str(at)


def canonical_content(
    row_id: int,
    at: datetime | str | None,
    user_name: str | None,
    action: str | None,
    entity: str | None,
    entity_id: str | None,
    summary: str | None,
    before: str | None,
    after: str | None,
) -> str:
    """One row as a JSON array: the same text for the same row on SQLite and PostgreSQL."""
    values = [row_id, _at_text(at), user_name, action, entity, entity_id, summary, before, after]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def link(previous: str | None, content: str) -> str:
    """The hash a row stores, given the previous row's stored hash (None for the first row)."""
    return hashlib.sha256(((previous or GENESIS) + content).encode("utf-8")).hexdigest()


FIELDS = ("id", "at", "user_name", "action", "entity", "entity_id", "summary", "before", "after")


def row_hash(previous: str | None, row: object) -> str:
    """`link` for anything with the audit row's attributes (an ORM row, a result row)."""
    return link(previous, canonical_content(*(getattr(row, name) for name in FIELDS)))
