"""监测范围 by year: the configured region's value, else the national one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Setting, Threshold

NATIONAL = "全国"


def _region(session: Session) -> str:
    from fupin_desktop.settings import Settings

    stored = session.get(Setting, "threshold_region")
    return (
        Settings.from_stored({"threshold_region": stored.value}).threshold_region
        if stored
        else Settings().threshold_region
    )


def thresholds_by_year(session: Session, region: str | None = None) -> dict[int, float]:
    """Year → amount; the region's own value wins over the national one for the same year."""
    region = region or _region(session)
    by_year: dict[int, float] = {}
    own: set[int] = set()
    for t in session.scalars(select(Threshold).order_by(Threshold.year)):
        if t.region == region:
            by_year[t.year] = t.amount
            own.add(t.year)
        elif t.region == NATIONAL and t.year not in own:
            by_year[t.year] = t.amount
    return by_year


def threshold_for(session: Session, year: int, region: str | None = None) -> float | None:
    return thresholds_by_year(session, region).get(year)
