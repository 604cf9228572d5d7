"""Planning the template's 整改任务 sheet (columns in `excel/layout.TASK_SHEET`).

Every row becomes a new task in 待整改 — status changes stay in the program, with their events. Tasks
已作废 still count as known, so a file exported before the 作废 does not bring the task back.
A row whose 问题来源, 问题类别 and 问题表现 match a task already in the database (or an earlier row) is
not imported again but reported, so an exported list imports back without duplicates. Households are
named by 户编号 and must be in the database or in the same file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Task
from fupin_desktop.domain.tasks import problems_of_task
from fupin_desktop.services.importing.plan.model import TaskInsert

if TYPE_CHECKING:
    from fupin_desktop.services.importing.plan.households import Planner

REQUIRED = ("t.source", "t.category", "t.description", "t.deadline")
_SPACES = re.compile(r"\s+")

TaskKey = tuple[str, str, str]


def task_key(source: str, category: str, description: str) -> TaskKey:
    """What makes two tasks the same problem: source, category and the description, spaces ignored."""
    return (source.strip(), category.strip(), _SPACES.sub("", description))


def load_task_keys(session: Session) -> dict[TaskKey, int]:
    """Every task's key → its 序号 (for recognising rows already imported), 已作废 ones included."""
    return {
        task_key(source, category, description): seq
        for source, category, description, seq in session.execute(
            select(Task.source, Task.category, Task.description, Task.seq).order_by(Task.seq)
        )
    }


def plan_tasks(p: Planner) -> None:
    """Check the 整改任务 rows and plan the new tasks (`Plan.task_inserts`)."""
    seen: dict[TaskKey, str] = {
        k: f"数据库中已有相同的整改任务（第 {seq} 项）" for k, seq in p.snap.tasks.items()
    }
    for sheet in p.book.sheet("task"):
        for i in range(len(sheet)):
            missing = [name for name in REQUIRED if sheet.column(name)[i] is None]
            for name in missing:
                header = sheet.headers.get(name) or name
                p.issue(
                    sheet, i, name if sheet.has(name) else None, f"“{header}”不能为空（缺少这一列时请补上）"
                )
            if missing or not p.fits(sheet, i):  # an over-long text is reported by the planner
                continue
            values = {name[2:]: sheet.column(name)[i] for name in sheet.columns if name.startswith("t.")}
            problems = problems_of_task(
                source=str(values["source"]),
                category=str(values["category"]),
                description=str(values["description"]),
                deadline=values["deadline"],  # type: ignore[arg-type]
                found_on=values.get("found_on"),  # type: ignore[arg-type]
            )
            if problems:
                p.issue(sheet, i, "t.deadline", problems[0])
                continue
            renamed = {r.old: r.new for r in p.plan.renumbered}  # a row may still name the old 户编号
            numbers = tuple(renamed.get(str(n), str(n)) for n in values.pop("households", None) or ())
            unknown = [n for n in numbers if p.existing(n) is None and n not in p.households]
            if unknown:
                p.issue(sheet, i, "t.households", f"户编号 {'、'.join(unknown)} 不在数据库中，本文件中也没有")
                continue
            key = task_key(str(values["source"]), str(values["category"]), str(values["description"]))
            if key in seen:
                p.issue(sheet, i, "t.description", f"{seen[key]}，这一行未重复导入", error=False)
                continue
            seen[key] = f"与本表第 {sheet.rows[i]} 行相同"
            p.plan.task_inserts.append(TaskInsert(values, numbers))
