"""整改清单 in Excel: the rows `fupin export tasks` writes (with the 预警 colour), and the template's
整改任务 sheet on import (columns in `excel/layout.TASK_SHEET`).

Tasks 已作废 are not exported: the workbook is the checklist reported upward, where a voided task is
counted nowhere. They still count as known on import, so a file exported before the 作废 does not bring
the task back.

Import: every row becomes a new task in 待整改 — status changes stay in the program, with their events.
A row whose 问题来源, 问题类别 and 问题表现 match a task already in the database (or an earlier row) is
not imported again but reported, so an exported list imports back without duplicates. Households are
named by 户编号 and must be in the database or in the same file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, Task, TaskEvent, TaskEvidence, TaskHousehold
from fupin_desktop.domain.tasks import TaskStatus, problems_of_task
from fupin_desktop.services.import_model import TaskInsert
from fupin_desktop.services.records import chunked
from fupin_desktop.services.settings import load_settings
from fupin_desktop.services.tasks import load_rows, next_seq, warning_rules

if TYPE_CHECKING:
    from fupin_desktop.services.import_model import Plan
    from fupin_desktop.services.import_plan import Planner

TEXT_FIELDS = ("scope", "measures", "target", "leader", "lead_unit", "unit", "person", "progress")
REQUIRED = ("t.source", "t.category", "t.description", "t.deadline")
IMPORTED_NOTE = "由导入文件建立"
_SPACES = re.compile(r"\s+")

TaskKey = tuple[str, str, str]


# ------------------------------------------------------------------ export


def export_rows(session: Session, today: date) -> tuple[int, Iterator[dict[str, object]]]:
    """Every task but the 已作废 ones in 序号 order as field → value (layout.TASK_COLUMNS), coloured
    as of `today`."""
    rows = load_rows(session, today, warning_rules(load_settings(session)))
    ids = [r.id for r in rows]
    numbers: dict[int, list[str]] = defaultdict(list)
    evidence: dict[int, list[str]] = defaultdict(list)
    for chunk in chunked(ids):
        for task_id, number in session.execute(
            select(TaskHousehold.task_id, Household.number)
            .join(Household, Household.id == TaskHousehold.household_id)
            .where(TaskHousehold.task_id.in_(chunk))
            .order_by(TaskHousehold.id)
        ):
            numbers[task_id].append(number)
        for task_id, text, name in session.execute(
            select(TaskEvidence.task_id, TaskEvidence.text, TaskEvidence.file_name)
            .where(TaskEvidence.task_id.in_(chunk))
            .order_by(TaskEvidence.id)
        ):
            evidence[task_id].append(name or text or "")

    def values() -> Iterator[dict[str, object]]:
        for r in rows:
            yield {
                "x.seq": r.seq,
                "x.warning": r.warning.label,
                "x.status": r.status.value,
                "t.source": r.source,
                "t.category": r.category,
                "t.description": r.description,
                "t.scope": r.scope,
                "t.households": tuple(numbers[r.id]),
                "t.measures": r.measures,
                "t.target": r.target,
                "t.leader": r.leader,
                "t.lead_unit": r.lead_unit,
                "t.unit": r.unit,
                "t.person": r.person,
                "t.deadline": r.deadline,
                "t.found_on": r.found_on,
                "t.progress": r.progress,
                "t.supervised": r.warning.supervised,
                "x.days": r.warning.days_text if r.days_left is not None else None,
                "x.result": r.result,
                "x.evidence": "；".join(e for e in evidence[r.id] if e) or None,
                "x.closed_on": r.closed_on,
                "x.village": r.village,  # for the 打印 sheet, village by village
            }

    return len(rows), values()


# ------------------------------------------------------------------ import: planning


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


# ------------------------------------------------------------------ import: writing


def write_tasks(session: Session, plan: Plan, user: str, today: date) -> list[int]:
    """Insert the planned tasks (待整改, the next 序号 on), their households and creation events, in the
    caller's transaction (after the households of the same file are written); returns the new ids."""
    if not plan.task_inserts:
        return []
    first = next_seq(session)
    now = datetime.now()
    rows = []
    for n, planned in enumerate(plan.task_inserts):
        row: dict[str, object] = dict(planned.values)
        for name in TEXT_FIELDS:
            row[name] = row.get(name) or None
        row.update(
            seq=first + n,
            status=TaskStatus.TODO.value,
            supervised=bool(row.get("supervised")),
            found_on=row.get("found_on") or today,
            created_by=user,
            created_at=now,
            updated_at=now,
        )
        rows.append(row)
    session.execute(insert(Task), _same_keys(rows))
    last = first + len(rows) - 1
    ids = list(session.scalars(select(Task.id).where(Task.seq.between(first, last)).order_by(Task.seq)))
    wanted = sorted({n for t in plan.task_inserts for n in t.households})
    household_of: dict[str, int] = {}
    for chunk in chunked(wanted):
        household_of.update(
            session.execute(select(Household.number, Household.id).where(Household.number.in_(chunk))).all()
        )  # type: ignore[arg-type]
    links = [
        {"task_id": task_id, "household_id": household_of[number]}
        for task_id, planned in zip(ids, plan.task_inserts, strict=True)
        for number in dict.fromkeys(planned.households)
    ]
    if links:
        session.execute(insert(TaskHousehold), links)
    session.execute(
        insert(TaskEvent),
        [
            {
                "task_id": i,
                "user_name": user,
                "to_status": TaskStatus.TODO.value,
                "note": IMPORTED_NOTE,
                "at": now,
            }
            for i in ids
        ],
    )
    _village_from_households(session, ids)
    return ids


def _same_keys(rows: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """executemany needs every row to name the same columns (a sheet may lack some)."""
    keys = {k for row in rows for k in row}
    return [{k: row.get(k) for k in keys} for row in rows]


def _village_from_households(session: Session, task_ids: Sequence[int]) -> None:
    """A task whose households all live in one village belongs to that village (as when entered)."""
    for chunk in chunked(list(task_ids)):
        found = session.execute(
            select(TaskHousehold.task_id, func.min(Household.village_id), func.max(Household.village_id))
            .join(Household, Household.id == TaskHousehold.household_id)
            .where(TaskHousehold.task_id.in_(chunk))
            .group_by(TaskHousehold.task_id)
        ).all()
        rows = [{"id": task_id, "village_id": low} for task_id, low, high in found if low == high]
        if rows:
            session.execute(update(Task), rows)
