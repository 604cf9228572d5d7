"""月度趋势: every month from the oldest saved snapshot of the last `TREND_MONTHS` to this one (months
without a snapshot have no values; services/briefing/snapshots.py); this month is computed now."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import BriefingData, Trend, TrendPoint
from fupin_desktop.services.briefing.kpis import KPI_LABELS
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sheets import count_column, sheet, text_column
from fupin_desktop.services.briefing.snapshots import (
    Snapshot,
    current_kpis,
    load_snapshots,
    month_key,
    shift_month,
)

TREND_MONTHS = 12


def load(src: Sources) -> Fields:
    return {"trend": load_trend(src.session, src.today)}


def load_trend(session: Session, today: date, months: int = TREND_MONTHS) -> Trend:
    """The months since the oldest snapshot saved of the last `months`, and this one computed now."""
    this_month = month_key(today)
    saved = {s.month: s for s in load_snapshots(session, this_month, months)}
    first = min(saved, default=this_month)
    keys: list[str] = []
    month = first
    while month < this_month:
        keys.append(month)
        month = shift_month(month, 1)
    points = [TrendPoint(m, {k: saved[m].get(k) if m in saved else None for k in KPI_LABELS}) for m in keys]
    live = current_kpis(session, today)
    points.append(TrendPoint(this_month, {k: live.get(k) for k in KPI_LABELS}, live=True))
    return Trend(tuple(points), dict(KPI_LABELS))


def latest_snapshot(session: Session, today: date) -> Snapshot | None:
    """The last monthly snapshot saved up to this month (this month's, taken at its start, when there)."""
    saved = load_snapshots(session, month_key(today), TREND_MONTHS)
    return saved[-1] if saved else None


def sheets(data: BriefingData) -> list[Ledger]:
    keys = list(data.trend.labels)
    columns = [text_column("月份", 10), *(count_column(data.trend.labels[k]) for k in keys)]
    rows = [(p.month, *(p.values.get(k) for k in keys)) for p in data.trend.points]
    return [sheet(data, "月度趋势", columns, rows)]
