"""Key figures of the register at one moment (the briefing's trend, the monthly snapshot).

Snapshots store the dict `compute_kpis` returns as JSON. Keys are only ever added: a snapshot saved
before a key existed simply lacks it, and readers show it as unknown (`KPI_LABELS` lists every key).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, IncomeRecord, Member, Pairing, Task
from fupin_desktop.domain.codes import MONITOR_CATEGORIES
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


def compute_kpis(session: Session, today: date, threshold_by_year: dict[int, float]) -> dict[str, int]:
    """Counts over households not archived (members 在册); tasks over all tasks but the 已作废 ones.
    `tasks_overdue` is the 红灯 count of domain.tasks: open and past its deadline on `today`."""
    active = Household.archived.is_(False)

    def count(*where: object) -> int:
        return session.scalar(select(func.count()).select_from(Household).where(active, *where)) or 0

    out = {
        "households": count(),
        "members": session.scalar(
            select(func.count())
            .select_from(Member)
            .join(Household, Household.id == Member.household_id)
            .where(active, Member.status == "在册")
        )
        or 0,
        "out_of_poverty": count(Household.household_type == "脱贫户"),
        "monitored": count(Household.monitor_category.is_not(None)),
        "eliminated": count(Household.monitor_category.is_not(None), Household.risk_eliminated.is_(True)),
        "not_eliminated": count(
            Household.monitor_category.is_not(None), Household.risk_eliminated.is_not(True)
        ),
    }
    for category in MONITOR_CATEGORIES:
        out[category] = count(Household.monitor_category == category)
    paired = select(Pairing.household_id).where(Pairing.end_date.is_(None))
    out["unpaired"] = count(Household.id.not_in(paired))
    latest_year = session.scalar(select(func.max(IncomeRecord.year)))
    line = threshold_by_year.get(latest_year) if latest_year else None
    out["below_threshold"] = (
        count(
            Household.id.in_(
                select(IncomeRecord.household_id).where(
                    IncomeRecord.year == latest_year, IncomeRecord.per_capita < line
                )
            )
        )
        if line
        else 0
    )
    is_open = Task.status.in_([s.value for s in OPEN_STATUSES])
    out["tasks_open"] = session.scalar(select(func.count()).select_from(Task).where(is_open)) or 0
    out["tasks_closed"] = (
        session.scalar(select(func.count()).select_from(Task).where(Task.status == TaskStatus.CLOSED.value))
        or 0
    )
    out["tasks_overdue"] = (
        session.scalar(select(func.count()).select_from(Task).where(is_open, Task.deadline < today)) or 0
    )
    return out
