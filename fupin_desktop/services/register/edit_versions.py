"""Optimistic concurrency: two clerks editing the same record must never silently lose the first edit.

An editor loads a record with its `version` and sends it back with the save. The save's first statement
is `UPDATE … SET version = version + 1 WHERE id = … AND version = <loaded>`: when no row matches,
someone else saved in between and the save is refused with `EditConflict`, naming who changed what and
when (from the audit log). The same statement is the lock: on PostgreSQL it holds the row until the
commit (a second save waiting on it then sees the new version), on SQLite it takes the write lock.

A household and its parts (members, income, measures, visits) are one editor and share the household's
version: any save of any of them raises it, and a save is refused when it moved. That may refuse a save
that touched another member than the first one did, but never loses an edit.

SQLAlchemy's `version_id_col` would do the same for ORM flushes, but it makes every primary-key bulk
UPDATE (the importer's) carry each row's version; the explicit claim works with both.

Records kept as a set of rows (settings, code lists, 监测范围) are compared by value instead: `lock`
takes the write lock first, then the stored values are compared with what the editor loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from fupin_desktop.db.models import AuditLog, Helper, Household, Task
from fupin_desktop.errors import EditConflict, NotFound

Versioned = type[Household] | type[Helper] | type[Task]
ONE_SAVE = timedelta(seconds=5)  # audit rows of one save are written within this of each other
SHOWN_CHANGES = 3
NOT_SAVED = "你的修改没有保存。"
BUMP_CHUNK = 500  # ids per statement (an import bumps thousands)


def claim(
    session: Session,
    model: Versioned,
    row_id: int,
    expected: int | None,
    *,
    label: str,
    about: ColumnElement[bool],
) -> None:
    """Raise the row's version by one if it is still `expected` (None: whatever it is, for a load and
    save in one transaction); `EditConflict` naming the latest change of `about` otherwise.

    Call it first in the saving transaction, before the rows it guards are read."""
    stmt = update(model).where(model.id == row_id)
    if expected is not None:
        stmt = stmt.where(model.version == expected)
    done = session.execute(
        stmt.values(version=model.version + 1).execution_options(synchronize_session=False)
    )
    if done.rowcount:  # type: ignore[attr-defined]
        return
    if session.get(model, row_id) is None:
        raise NotFound(f"找不到{label}，可能已被删除或合并。请关闭后刷新列表。")
    raise conflict(session, label, about)


def bump(session: Session, model: Versioned, ids: Iterable[int]) -> None:
    """Raise the versions of rows changed outside their editor (members moved in, an import), so an
    editor that loaded them earlier is refused rather than writing its older copy back."""
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), BUMP_CHUNK):
        session.execute(
            update(model)
            .where(model.id.in_(wanted[start : start + BUMP_CHUNK]))
            .values(version=model.version + 1)
            .execution_options(synchronize_session=False)
        )


def lock(session: Session, model: type, where: ColumnElement[bool] | None = None) -> None:
    """Take the write lock on the rows `where` (a no-op UPDATE): the rows of PostgreSQL, the database of
    SQLite. Compare stored values with the editor's afterwards."""
    key = next(iter(model.__table__.primary_key.columns))  # type: ignore[attr-defined]
    stmt = update(model).values({key.name: key}).execution_options(synchronize_session=False)
    session.execute(stmt if where is None else stmt.where(where))


def conflict(
    session: Session, label: str, about: ColumnElement[bool], *, what: str | None = None
) -> EditConflict:
    """The refusal from the audit log: "<label> 已被 张三 于 12月2日 14:05 修改（联系电话）。你的修改没有
    保存。" — `what` instead of the changes the audit rows name."""
    rows = session.scalars(select(AuditLog).where(about).order_by(AuditLog.id.desc()).limit(20)).all()
    if not rows:
        return EditConflict(f"{label} 已在你打开之后被别人修改。{NOT_SAVED}请重新载入后再改。")
    latest = rows[0]
    same_save = [r for r in rows if r.user_name == latest.user_name and r.at >= latest.at - ONE_SAVE]
    changes = [c for c in dict.fromkeys(_what(r, label) for r in same_save) if c and c != latest.action]
    shown = what or "；".join(changes[:SHOWN_CHANGES]) + ("等" if len(changes) > SHOWN_CHANGES else "")
    return EditConflict(
        f"{label} 已被 {latest.user_name} 于 {when(latest.at)} {latest.action}"
        + (f"（{shown}）" if shown else "")
        + f"。{NOT_SAVED}"
    )


def about_entity(entity: str, entity_id: object | None = None) -> ColumnElement[bool]:
    """Audit rows written for one record (entity "helper", id 7), or for all of a kind (id None)."""
    if entity_id is None:
        return AuditLog.entity == entity
    return and_(AuditLog.entity == entity, AuditLog.entity_id == str(entity_id))


def about_payload(entity: str, text: str) -> ColumnElement[bool]:
    """Audit rows of a kind whose before or after names `text` (a pairing row lists its 户编号)."""
    return and_(
        AuditLog.entity == entity,
        or_(AuditLog.before.contains(text, autoescape=True), AuditLog.after.contains(text, autoescape=True)),
    )


def summary_starts(prefix: str) -> ColumnElement[bool]:
    return AuditLog.summary.startswith(prefix, autoescape=True)


def summary_contains(text: str) -> ColumnElement[bool]:
    return AuditLog.summary.contains(text, autoescape=True)


def when(at: datetime) -> str:
    return f"{at.month}月{at.day}日 {at:%H:%M}"


def _what(row: AuditLog, label: str) -> str:
    """The summary without the record's name and the action word: "户 X：修改 联系电话" → "联系电话"."""
    text = row.summary
    for prefix in (label, row.action, label.replace(" ", "")):  # "修改帮扶人王五：联系电话" too
        text = text.removeprefix(prefix).lstrip(" ：:")
    return text.strip()
