"""Monthly KPI snapshots (月度指标): the figures of `services.briefing.kpis` saved once a month, so the briefing
can show how they moved.

- `take_monthly_snapshot(ctx)`: at start-up, in the background, once the window shows — saves this
  month's figures unless they are saved already (one indexed lookup when they are). Like the automatic
  backup it needs no permission: it is bookkeeping for everyone, and it is audited.
- `save_snapshot(ctx)`: on demand (会议简报 → 保存本月指标, `fupin snapshot`) — this month's figures
  now, replacing any saved earlier this month.
- `load_snapshots(session, until, months)`: the saved months up to `until`, oldest first.

Months are keyed 'YYYY-MM' by `ctx.today()`. A snapshot is a JSON object; keys added to the KPIs later
are missing from older snapshots and read as None.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, KpiSnapshot
from fupin_desktop.services import audit
from fupin_desktop.services.briefing.kpis import compute_kpis
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register import thresholds_by_year

ENTITY = "kpi_snapshot"
ACTION = "保存月度指标"


@dataclass(frozen=True, slots=True)
class Snapshot:
    month: str  # YYYY-MM
    taken_at: datetime
    values: Mapping[str, int]

    def get(self, key: str) -> int | None:
        value = self.values.get(key)
        return int(value) if isinstance(value, int | float) else None


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(key: str, months: int) -> str:
    """'2026-11' moved by `months` (negative: earlier)."""
    year, month = (int(part) for part in key.split("-"))
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return f"{year:04d}-{index + 1:02d}"


def month_label(key: str) -> str:
    """'2026-11' → 2026年11月"""
    year, month = key.split("-")
    return f"{year}年{int(month)}月"


def current_kpis(session: Session, today: date) -> dict[str, int]:
    """The figures as they are now (the 监测范围 of the configured region)."""
    return compute_kpis(session, today, thresholds_by_year(session))


def take_monthly_snapshot(ctx: ServiceContext) -> Snapshot | None:
    """Save this month's snapshot if there is none yet; returns it, or None when it already existed or
    the register is still empty (a new database has nothing to trend yet)."""
    month = month_key(ctx.today())
    with ctx.sessions() as session:
        if session.scalar(select(KpiSnapshot.id).where(KpiSnapshot.month == month)) is not None:
            return None
        if session.scalar(select(Household.id).limit(1)) is None:
            return None
    try:
        with ctx.sessions.begin() as session:
            snapshot = _store(session, ctx, month, replace=False)
            audit.record(
                session,
                ctx.actor,
                action=ACTION,
                entity=ENTITY,
                entity_id=month,
                summary=f"自动保存{month_label(month)}月度指标（本月首次启动）",
                after=dict(snapshot.values),
            )
    except IntegrityError:
        return None  # another copy of the program saved it a moment ago
    return snapshot


def save_snapshot(ctx: ServiceContext) -> Snapshot:
    """Save this month's figures now, replacing any saved earlier this month."""
    ctx.require(Permission.EDIT)
    month = month_key(ctx.today())
    with ctx.sessions.begin() as session:
        before = session.scalar(select(KpiSnapshot).where(KpiSnapshot.month == month))
        old = json.loads(before.data) if before is not None else None
        snapshot = _store(session, ctx, month, replace=True)
        audit.record(
            session,
            ctx.actor,
            action=ACTION,
            entity=ENTITY,
            entity_id=month,
            summary=f"保存{month_label(month)}月度指标" + ("（替换本月早些时候保存的）" if old else ""),
            before=old,
            after=dict(snapshot.values),
        )
    return snapshot


def _store(session: Session, ctx: ServiceContext, month: str, *, replace: bool) -> Snapshot:
    values = current_kpis(session, ctx.today())
    taken_at = datetime.now().replace(microsecond=0)
    data = json.dumps(values, ensure_ascii=False)
    row = session.scalar(select(KpiSnapshot).where(KpiSnapshot.month == month)) if replace else None
    if row is None:
        session.add(KpiSnapshot(month=month, taken_at=taken_at, data=data))
        session.flush()  # a second snapshot of the month fails here (unique month), not at commit
    else:
        row.taken_at, row.data = taken_at, data
    return Snapshot(month, taken_at, values)


def load_snapshots(session: Session, until: str, months: int = 12) -> list[Snapshot]:
    """Saved snapshots of the `months` months ending with `until` ('YYYY-MM'), oldest first."""
    first = shift_month(until, -(months - 1))
    rows = session.execute(
        select(KpiSnapshot.month, KpiSnapshot.taken_at, KpiSnapshot.data)
        .where(KpiSnapshot.month >= first, KpiSnapshot.month <= until)
        .order_by(KpiSnapshot.month)
    ).all()
    return [Snapshot(month, taken_at, _values(data)) for month, taken_at, data in rows]


def _values(data: str) -> dict[str, int]:
    """A stored object read leniently: a damaged snapshot reads as empty rather than stopping a report."""
    try:
        loaded = json.loads(data)
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(k): int(v) for k, v in loaded.items() if isinstance(v, int | float)}
