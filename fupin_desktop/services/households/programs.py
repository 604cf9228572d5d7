"""Dated program memberships kept in step with what the editor changes (DOMAIN §2.1: history, not
just a flag). Only 监测对象 follows the household's fields; other programs are recorded where they
are decided."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import ProgramMembership
from fupin_desktop.domain.records import HouseholdRecord

MONITORING = "监测对象"
_WATCHED = ("monitor_category", "identified_on", "risk_eliminated", "eliminated_on")


def sync_monitoring(
    session: Session, household_id: int, before: HouseholdRecord | None, after: HouseholdRecord, today: date
) -> None:
    """Open, change or end the household's 监测对象 membership when its monitoring fields changed."""
    if before is not None and all(getattr(before, f) == getattr(after, f) for f in _WATCHED):
        return
    current = session.scalar(
        select(ProgramMembership).where(
            ProgramMembership.household_id == household_id,
            ProgramMembership.program == MONITORING,
            ProgramMembership.end_date.is_(None),
        )
    )
    category = after.monitor_category
    start = after.identified_on or today
    if current is not None:
        if not category:
            current.end_date, current.end_reason = today, "取消监测"
        elif after.risk_eliminated:
            current.end_date, current.end_reason = after.eliminated_on or today, "风险消除"
        elif current.category != category:
            current.end_date, current.end_reason = today, f"类别调整为{category}"
            start = today
        else:
            return
    if category and not after.risk_eliminated:
        session.add(
            ProgramMembership(
                household_id=household_id,
                program=MONITORING,
                category=category,
                start_date=start,
            )
        )
