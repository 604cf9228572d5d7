"""Headline counts of a database (`fupin info`, the status bar)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from fupin_desktop.db.models import Area, Helper, Household, Member, Pairing, Task
from fupin_desktop.domain.tasks import STATUSES
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.register import load_settings

# the lifecycle's statuses: 已作废 tasks are counted nowhere (the status bar sums the open ones)
TASK_STATUSES = tuple(s.value for s in STATUSES)


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    township: str
    villages: int
    households: int
    members: int
    helpers: int
    pairings: int
    tasks: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "villages": self.villages,
            "households": self.households,
            "members": self.members,
            "helpers": self.helpers,
            "pairings": self.pairings,
            "tasks": dict(self.tasks),
        }


def database_info(ctx: ServiceContext) -> DatabaseInfo:
    """Counts of villages, households and members 在册 (archived excluded), helpers, current pairings,
    and tasks by status."""
    with ctx.sessions() as session:
        count = lambda q: session.scalar(q) or 0  # noqa: E731
        active_households = select(Household.id).where(Household.archived.is_(False))
        by_status = dict(session.execute(select(Task.status, func.count()).group_by(Task.status)).all())
        return DatabaseInfo(
            township=load_settings(session).township,
            villages=count(select(func.count()).select_from(Area).where(Area.level == "village")),
            households=count(select(func.count()).select_from(active_households.subquery())),
            members=count(
                select(func.count())
                .select_from(Member)
                .where(Member.status == "在册", Member.household_id.in_(active_households))
            ),
            helpers=count(select(func.count()).select_from(Helper).where(Helper.archived.is_(False))),
            pairings=count(select(func.count()).select_from(Pairing).where(Pairing.end_date.is_(None))),
            tasks={status: int(by_status.get(status, 0)) for status in TASK_STATUSES},
        )
