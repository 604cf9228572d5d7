"""整改进展: the tasks by status, and by 问题类别 with the open ones' colours; the 红灯 ones listed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from fupin_desktop.domain.tasks import STATUSES, Colour, TaskStatus
from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import Breakdown, BriefingData, OverdueTask, TaskLine, TaskProgress
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sheets import counts, sheet, text_column
from fupin_desktop.services.rectification import TaskRow, list_tasks

OVERDUE_SHOWN = 30  # the overdue list prints the most overdue; the count says how many there are


def load(src: Sources) -> Fields:
    return {"tasks": task_progress(list_tasks(src.ctx).rows)}


def task_progress(rows: Sequence[TaskRow], shown: int = OVERDUE_SHOWN) -> TaskProgress:
    """Tasks by status, and by 问题类别 with the open ones' colours; the 红灯 ones listed."""
    statuses = Counter(r.status for r in rows)
    by_category: dict[str, list[TaskRow]] = defaultdict(list)
    for r in rows:
        by_category[r.category].append(r)
    lines = sorted(
        (_task_line(c, rs) for c, rs in by_category.items()), key=lambda t: (-t.open, -t.total, t.label)
    )
    open_rows = [r for r in rows if r.status is not TaskStatus.CLOSED]
    red = sorted((r for r in open_rows if r.colour is Colour.RED), key=lambda r: (r.days_left or 0, r.seq))
    return TaskProgress(
        statuses=tuple(Breakdown(s.value, statuses.get(s, 0)) for s in STATUSES),
        categories=tuple(lines),
        total=_task_line("合计", rows),
        supervised=sum(1 for r in open_rows if r.warning.supervised),
        escalated=sum(1 for r in open_rows if r.warning.escalated),
        overdue=tuple(_overdue(r) for r in red[:shown]),
    )


def _task_line(label: str, rows: Sequence[TaskRow]) -> TaskLine:
    colours = Counter(r.colour for r in rows)
    return TaskLine(
        label=label,
        total=len(rows),
        closed=sum(1 for r in rows if r.status is TaskStatus.CLOSED),
        red=colours.get(Colour.RED, 0),
        yellow=colours.get(Colour.YELLOW, 0),
        blue=colours.get(Colour.BLUE, 0),
    )


def _overdue(r: TaskRow) -> OverdueTask:
    who = "　".join(part for part in (r.unit, r.person) if part)
    return OverdueTask(
        seq=r.seq,
        description=r.description,
        scope=r.scope,
        unit=who,
        deadline=r.deadline,
        days_over=-(r.days_left or 0),
        status=r.status.value,
        marks="、".join(r.warning.marks),
    )


def sheets(data: BriefingData) -> list[Ledger]:
    t = data.tasks
    rows = [(x.label, x.total, x.closed, x.open, x.red, x.yellow, x.blue) for x in [*t.categories, t.total]]
    columns = [text_column("问题类别"), *counts("任务", "已销号", "未销号", "红灯", "黄牌", "蓝签")]
    return [sheet(data, "整改进展", columns, rows)]
