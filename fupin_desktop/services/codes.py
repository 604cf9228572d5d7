"""The editable code lists (drop-down values and import aliases)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import CodeItem
from fupin_desktop.domain.codes import CodeLists
from fupin_desktop.services.context import ServiceContext


def load_code_lists(session: Session, *, include_inactive: bool = False) -> CodeLists:
    query = select(CodeItem).order_by(CodeItem.field, CodeItem.sort_order, CodeItem.id)
    if not include_inactive:
        query = query.where(CodeItem.active.is_(True))
    values: dict[str, list[str]] = {}
    aliases: dict[str, dict[str, str]] = {}
    for item in session.scalars(query):
        values.setdefault(item.field, []).append(item.value)
        for alias in json.loads(item.aliases) if item.aliases else ():
            aliases.setdefault(item.field, {})[alias] = item.value
    return CodeLists(values={k: tuple(v) for k, v in values.items()}, aliases=aliases)


def code_lists(ctx: ServiceContext) -> CodeLists:
    with ctx.sessions() as session:
        return load_code_lists(session)
