"""Headline counts of a database (`fupin info`, the status bar)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Boolean, Date, column, func, select, table

from fupin_desktop.domain.tasks import STATUSES
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.settings import Settings

# The columns counted, named as Core tables rather than through the ORM models: `fupin info` then runs
# without loading the models, almost a third of its time (issue 18). The CLI tests check the counts.
_AREA = table("area", column("level"))
_HOUSEHOLD = table("household", column("id"), column("archived", Boolean))
_MEMBER = table("member", column("household_id"), column("status"))
_HELPER = table("helper", column("archived", Boolean))
_PAIRING = table("pairing", column("end_date", Date))
_TASK = table("task", column("status"))
_SETTING = table("setting", column("key"), column("value"))

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
    with ctx.db.engine.connect() as connection:  # Core: the ORM stays unloaded (issue 18)
        count = lambda q: connection.scalar(q) or 0  # noqa: E731
        h, m = _HOUSEHOLD.c, _MEMBER.c
        active_households = select(h.id).where(h.archived.is_(False))
        task = _TASK.c
        by_status = dict(connection.execute(select(task.status, func.count()).group_by(task.status)).all())
        stored = dict(connection.execute(select(_SETTING.c.key, _SETTING.c.value)).all())
        return DatabaseInfo(
            township=Settings.from_stored(stored).township,
            villages=count(select(func.count()).select_from(_AREA).where(_AREA.c.level == "village")),
            households=count(select(func.count()).select_from(active_households.subquery())),
            members=count(
                select(func.count())
                .select_from(_MEMBER)
                .where(m.status == "在册", m.household_id.in_(active_households))
            ),
            helpers=count(select(func.count()).select_from(_HELPER).where(_HELPER.c.archived.is_(False))),
            pairings=count(select(func.count()).select_from(_PAIRING).where(_PAIRING.c.end_date.is_(None))),
            tasks={status: int(by_status.get(status, 0)) for status in TASK_STATUSES},
        )
