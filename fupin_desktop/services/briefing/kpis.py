"""Key figures of the register at one moment (the briefing's trend, the monthly snapshot).

Snapshots store the dict `compute_kpis` returns as JSON. Keys are only ever added: a snapshot saved
before a key existed simply lacks it, and readers show it as unknown (`KPI_LABELS` lists every key).

`compute_kpis` counts the register as it is (the flags: 在册, 风险已消除, the tasks' status), the same
rules as 基本情况 and `fupin info`. `kpis_on` rebuilds the same figures at the end of a past day from
the dated records — when a household or member was entered (建档) and left (归档, 减少日期), 识别监测时间
and 消除监测时间 (months: counted from their first day), the pairings' dates, the year's 收入 assessed by
then, each task's status changes and deadline changes. A record without its date counts as always so
(an undated 风险消除 was already eliminated). On a register without future dates `kpis_on(today)`
equals `compute_kpis(today)`, so a month rebuilt and a month saved line up in the trend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, not_, or_, select, true
from sqlalchemy.orm import Session

from fupin_desktop.db.models import (
    Household,
    IncomeRecord,
    Member,
    Pairing,
    Task,
    TaskDeadlineChange,
    TaskEvent,
)
from fupin_desktop.domain.codes import MEMBER_ACTIVE, MEMBER_REMOVED, MONITOR_CATEGORIES
from fupin_desktop.domain.tasks import OPEN_STATUSES, TaskStatus

KPI_LABELS = {
    "households": "户数",
    "members": "人数",
    "out_of_poverty": "脱贫户",
    "monitored": "监测对象户数",
    "eliminated": "已消除风险",
    "not_eliminated": "未消除风险",
    "脱贫不稳定户": "脱贫不稳定户",
    "边缘易致贫户": "边缘易致贫户",
    "突发严重困难户": "突发严重困难户",
    "unpaired": "未结对户",
    "below_threshold": "收入低于监测范围户",
    "tasks_open": "整改未销号",
    "tasks_closed": "整改已销号",
    "tasks_overdue": "整改超期（红灯）",
}
OPEN = tuple(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True, slots=True)
class _Rules:
    """The conditions of one moment: now (flags) or the end of a past day (flags and dates)."""

    household: ColumnElement[bool]  # 在册
    member: ColumnElement[bool]  # 在册 (of a household 在册)
    monitored: ColumnElement[bool]
    eliminated: ColumnElement[bool]  # of the monitored
    paired: ColumnElement[bool]  # a pairing current
    assessed: ColumnElement[bool]  # an income record known
    task: ColumnElement[bool]  # a task entered
    status: ColumnElement[str]
    deadline: ColumnElement[date]
    day: date  # overdue: an open task whose deadline is before this day


def _now(today: date) -> _Rules:
    return _Rules(
        household=Household.archived.is_(False),
        member=Member.status == MEMBER_ACTIVE,
        monitored=Household.monitor_category.is_not(None),
        eliminated=Household.risk_eliminated.is_(True),
        paired=Pairing.end_date.is_(None),
        assessed=true(),
        task=true(),
        status=Task.status,
        deadline=Task.deadline,
        day=today,
    )


def _on(day: date) -> _Rules:
    end = datetime.combine(day + timedelta(days=1), time.min)

    def by(column: ColumnElement) -> ColumnElement[bool]:
        return or_(column.is_(None), column <= day)

    status = (
        select(TaskEvent.to_status)
        .where(TaskEvent.task_id == Task.id, TaskEvent.at < end)
        .order_by(TaskEvent.at.desc(), TaskEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    later = (  # the deadline in force then: the one the first later change replaced
        select(TaskDeadlineChange.old_deadline)
        .where(TaskDeadlineChange.task_id == Task.id, TaskDeadlineChange.at >= end)
        .order_by(TaskDeadlineChange.at, TaskDeadlineChange.id)
        .limit(1)
        .scalar_subquery()
    )
    return _Rules(
        household=and_(
            Household.created_at < end, not_(and_(Household.archived.is_(True), by(Household.archived_on)))
        ),
        member=and_(
            Member.created_at < end, not_(and_(Member.status == MEMBER_REMOVED, by(Member.removed_on)))
        ),
        monitored=and_(Household.monitor_category.is_not(None), by(Household.identified_on)),
        eliminated=and_(Household.risk_eliminated.is_(True), by(Household.eliminated_on)),
        paired=and_(Pairing.start_date <= day, or_(Pairing.end_date.is_(None), Pairing.end_date > day)),
        assessed=by(IncomeRecord.assessed_on),
        task=Task.created_at < end,
        status=func.coalesce(status, TaskStatus.TODO.value),
        deadline=func.coalesce(later, Task.deadline),
        day=day,
    )


def compute_kpis(session: Session, today: date, threshold_by_year: dict[int, float]) -> dict[str, int]:
    """The figures now: counts over households not archived (members 在册); tasks over all tasks but the
    已作废 ones. `tasks_overdue` is the 红灯 count of domain.tasks: open and past its deadline on `today`."""
    return _kpis(session, _now(today), threshold_by_year)


def kpis_on(session: Session, day: date, threshold_by_year: dict[int, float]) -> dict[str, int]:
    """The figures as they stood at the end of `day`, rebuilt from the dated records (module docstring)."""
    return _kpis(session, _on(day), threshold_by_year)


def _kpis(session: Session, rules: _Rules, threshold_by_year: dict[int, float]) -> dict[str, int]:
    def count(*where: object) -> int:
        return session.scalar(select(func.count()).select_from(Household).where(rules.household, *where)) or 0

    monitored = rules.monitored
    out = {
        "households": count(),
        "members": session.scalar(
            select(func.count())
            .select_from(Member)
            .join(Household, Household.id == Member.household_id)
            .where(rules.household, rules.member)
        )
        or 0,
        "out_of_poverty": count(Household.household_type == "脱贫户"),
        "monitored": count(monitored),
        "eliminated": count(monitored, rules.eliminated),
        "not_eliminated": count(monitored, not_(rules.eliminated)),
    }
    for category in MONITOR_CATEGORIES:
        out[category] = count(monitored, Household.monitor_category == category)
    out["unpaired"] = count(Household.id.not_in(select(Pairing.household_id).where(rules.paired)))
    latest_year = session.scalar(select(func.max(IncomeRecord.year)).where(rules.assessed))
    line = threshold_by_year.get(latest_year) if latest_year else None
    out["below_threshold"] = 0
    if line:
        below = select(IncomeRecord.household_id).where(
            rules.assessed, IncomeRecord.year == latest_year, IncomeRecord.per_capita < line
        )
        out["below_threshold"] = count(Household.id.in_(below))

    def tasks(*where: object) -> int:
        return session.scalar(select(func.count()).select_from(Task).where(rules.task, *where)) or 0

    is_open = rules.status.in_(OPEN)
    out["tasks_open"] = tasks(is_open)
    out["tasks_closed"] = tasks(rules.status == TaskStatus.CLOSED.value)
    out["tasks_overdue"] = tasks(is_open, rules.deadline < rules.day)
    return out
