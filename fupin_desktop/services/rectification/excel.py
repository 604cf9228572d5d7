"""整改清单 in Excel: the rows `fupin export tasks` writes (with the 预警 colour). The template's 整改任务
sheet is imported by `services.importing` (`importing/plan/tasks.py`).

Tasks 已作废 are not exported: the workbook is the checklist reported upward, where a voided task is
counted nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, TaskEvidence, TaskHousehold
from fupin_desktop.services.rectification.rows import load_rows, warning_rules
from fupin_desktop.services.register import chunked, load_settings


def task_export_rows(session: Session, today: date) -> tuple[int, Iterator[dict[str, object]]]:
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
