"""Reading and changing the settings that travel with the data, and the 监测范围 table."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Setting, Threshold
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.settings import Settings


def load_settings(session: Session) -> Settings:
    return Settings.from_stored({s.key: s.value for s in session.scalars(select(Setting))})


def get_settings(ctx: ServiceContext) -> Settings:
    with ctx.sessions() as session:
        return load_settings(session)


def write_settings(session: Session, settings: Settings) -> dict[str, tuple[object, object]]:
    """Store every field that differs; returns field → (old, new). No permission check: callers check."""
    old = load_settings(session)
    old_values, new_values = asdict(old), asdict(settings)
    changed = {k: (old_values[k], v) for k, v in new_values.items() if old_values[k] != v}
    stored = settings.to_stored()
    for key in changed:
        session.merge(Setting(key=key, value=stored[key]))
    return changed


def save_settings(ctx: ServiceContext, settings: Settings) -> Settings:
    """Save changed settings in one transaction with an audit row."""
    ctx.require(Permission.SETTINGS)
    with ctx.sessions.begin() as session:
        changed = write_settings(session, settings)
        if changed:
            audit.record(
                session,
                ctx.actor,
                action="修改",
                entity="setting",
                entity_id=None,
                summary="修改设置：" + "、".join(changed),
                before={k: v[0] for k, v in changed.items()},
                after={k: v[1] for k, v in changed.items()},
            )
    return settings


def set_threshold(ctx: ServiceContext, year: int, amount: float, region: str | None = None) -> None:
    """Set the 监测范围 for a year (the configured region unless given)."""
    ctx.require(Permission.SETTINGS)
    if amount <= 0:
        from fupin_desktop.errors import InputInvalid

        raise InputInvalid(f"{year}年监测范围应大于0元。")
    with ctx.sessions.begin() as session:
        region = region or load_settings(session).threshold_region
        row = session.scalar(select(Threshold).where(Threshold.year == year, Threshold.region == region))
        before = row.amount if row else None
        if row is None:
            session.add(Threshold(year=year, region=region, amount=amount))
        else:
            row.amount = amount
        audit.record(
            session,
            ctx.actor,
            action="修改",
            entity="threshold",
            entity_id=f"{year}/{region}",
            summary=f"{year}年监测范围（{region}）设为 {amount:g} 元",
            before=before,
            after=amount,
        )
