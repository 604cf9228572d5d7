"""The editable code lists (drop-down values and import aliases)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fupin_desktop.db.lengths import max_length
from fupin_desktop.db.models import CodeItem, Setting
from fupin_desktop.domain.codes import LOCKED_CODES, CodeLists
from fupin_desktop.errors import InputInvalid, UserError
from fupin_desktop.excel.layout import header_key
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register.edit_versions import about_entity, conflict, lock


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


# ------------------------------------------------------------------ the 代码表 screen

MAX_VALUE = max_length(CodeItem, "value") or 60  # what code_item.value holds


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One value of a code list as the 代码表 screen shows and edits it."""

    value: str
    active: bool = True
    aliases: tuple[str, ...] = ()  # other spellings that imports read as this value


def locked(field: str, value: str) -> bool:
    """Whether the program's logic needs `value` in `field`'s drop-down (it cannot be switched off)."""
    return value in LOCKED_CODES.get(field, ())


def code_table(ctx: ServiceContext) -> dict[str, list[CodeEntry]]:
    """Every code list with its values in drop-down order, switched-off ones included."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        return _stored_table(session)


def _stored_table(session: Session) -> dict[str, list[CodeEntry]]:
    table: dict[str, list[CodeEntry]] = {}
    for item in session.scalars(select(CodeItem).order_by(CodeItem.sort_order, CodeItem.id)):
        aliases = tuple(json.loads(item.aliases)) if item.aliases else ()
        active = item.active or locked(item.field, item.value)  # a needed value is always offered
        table.setdefault(item.field, []).append(CodeEntry(item.value, active, aliases))
    return table


def code_table_problems(table: dict[str, list[CodeEntry]]) -> list[str]:
    """What keeps `table` from being saved, one Chinese sentence each."""
    problems = []
    for field, entries in table.items():
        # Imports compare spellings without width, spaces or case (`header_key`): so does this.
        seen: dict[str, str] = {}  # compared spelling → the value it belongs to
        for entry in entries:
            value = entry.value
            for spelling in (value, *entry.aliases):
                what = "值" if spelling == value else f"“{value}”的别名"
                if not spelling.strip() or spelling != spelling.strip():
                    problems.append(f"“{field}”中有空的或前后带空格的{what}“{spelling}”。")
                elif len(spelling) > MAX_VALUE:
                    problems.append(f"“{field}”中{what}“{spelling[:20]}…”超过 {MAX_VALUE} 个字。")
            if not entry.active and locked(field, value):
                problems.append(f"“{field}”的“{value}”是程序要用到的值，不能停用。")
            for spelling in dict.fromkeys((value, *entry.aliases)):
                key = header_key(spelling)
                if key in seen and seen[key] != value:
                    problems.append(f"“{field}”中“{spelling}”既是“{seen[key]}”又是“{value}”。")
                elif key in seen and spelling == value:
                    problems.append(f"“{field}”中“{value}”重复。")
                seen[key] = value
    return problems


def save_code_table(
    ctx: ServiceContext,
    table: dict[str, list[CodeEntry]],
    *,
    base: dict[str, list[CodeEntry]] | None = None,
) -> list[str]:
    """Save the 代码表 screen: new values, order, 启用/停用 and aliases, in one transaction with an audit
    row per list changed. Values are never deleted (records keep what they hold); those missing from
    `table` stay as they were. Returns the names of the lists that changed.

    `base` is the table as the screen loaded it: only the lists the clerk changed are written (a list
    someone else saved meanwhile stays theirs), and a list both changed is refused with EditConflict."""
    ctx.require(Permission.SETTINGS)
    problems = code_table_problems(table)
    if problems:
        raise InputInvalid("代码表未保存：\n" + "\n".join(problems))
    changed: list[str] = []
    try:
        with ctx.sessions.begin() as session:
            if base is not None:
                lock(session, CodeItem)  # first: a save meanwhile is before this one or waits for it
                table = _changed_lists(session, table, base)
            changed = _write_table(session, ctx, table)
    except IntegrityError as exc:  # the same value added elsewhere meanwhile
        raise UserError("代码表刚被其他人修改过，未保存：请关闭代码表重新打开，再做修改。") from exc
    return changed


def _changed_lists(
    session: Session, table: dict[str, list[CodeEntry]], base: dict[str, list[CodeEntry]]
) -> dict[str, list[CodeEntry]]:
    """The lists the clerk changed since `base`; EditConflict when one was also changed meanwhile."""
    stored = _stored_table(session)
    mine = {field: entries for field, entries in table.items() if entries != base.get(field)}
    for field in mine:
        if stored.get(field) != base.get(field):
            label = f"代码表“{field}”"
            raise conflict(session, label, about_entity("code_item", field))
    return mine


def _write_table(session: Session, ctx: ServiceContext, table: dict[str, list[CodeEntry]]) -> list[str]:
    changed: list[str] = []
    stored: dict[tuple[str, str], CodeItem] = {
        (i.field, i.value): i for i in session.scalars(select(CodeItem))
    }
    unknown = sorted(set(table) - {field for field, _ in stored})
    if unknown:
        raise InputInvalid(f"没有这些代码表：{'、'.join(unknown)}。代码表只能修改其中的值，不能新建。")
    for field, entries in table.items():
        notes = _write_list(session, field, entries, stored)
        if notes:
            changed.append(field)
            audit.record(
                session,
                ctx.actor,
                action="修改",
                entity="code_item",
                entity_id=field,
                summary=f"代码表“{field}”：{'；'.join(notes)}",
            )
    return changed


def _write_list(
    session: Session, field: str, entries: list[CodeEntry], stored: dict[tuple[str, str], CodeItem]
) -> list[str]:
    """Write one list; returns what changed, in words."""
    notes: list[str] = []
    before = [i for (f, _), i in stored.items() if f == field]
    old_order = [i.value for i in sorted(before, key=lambda i: (i.sort_order, i.id))]
    for position, entry in enumerate(entries):
        aliases = json.dumps(list(entry.aliases), ensure_ascii=False) if entry.aliases else None
        item = stored.get((field, entry.value))
        if item is None:
            session.add(
                CodeItem(
                    field=field, value=entry.value, sort_order=position, active=entry.active, aliases=aliases
                )
            )
            notes.append(
                f"新增“{entry.value}”" + (f"（别名“{'、'.join(entry.aliases)}”）" if entry.aliases else "")
            )
            continue
        if item.active != entry.active:
            notes.append(f"{'启用' if entry.active else '停用'}“{entry.value}”")
        if (tuple(json.loads(item.aliases)) if item.aliases else ()) != entry.aliases:
            notes.append(f"“{entry.value}”的别名改为“{'、'.join(entry.aliases) or '无'}”")
        item.sort_order, item.active, item.aliases = position, entry.active, aliases
    kept = [e.value for e in entries if (field, e.value) in stored]
    if kept != [v for v in old_order if v in set(kept)]:
        notes.append("调整顺序")
    return notes


# ---------------------------------------------------------------- the national system's spellings

SPELLINGS = "codes.national_spellings"  # Setting: list → value → the spelling the last file used


def load_spellings(session: Session) -> dict[str, dict[str, str]]:
    """How the imported files spell code values that are aliases of ours (务工就业不稳 for 因务工就业不稳):
    exports write them that way, so a ledger says what the national system says."""
    stored = session.get(Setting, SPELLINGS)
    return json.loads(stored.value) if stored else {}


def remember_spellings(session: Session, found: dict[str, dict[str, str]]) -> None:
    """Merge a file's spellings in: the newest file's win."""
    if not found:
        return
    merged = load_spellings(session)
    for name, values in found.items():
        merged.setdefault(name, {}).update(values)
    session.merge(Setting(key=SPELLINGS, value=json.dumps(merged, ensure_ascii=False, sort_keys=True)))
