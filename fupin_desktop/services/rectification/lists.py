"""The printed 整改清单: which tasks a list holds and the job that writes it (`reports/tasklists.py`).

A list holds the tasks of a `TaskQuery` (all tasks by default) in 序号 order, coloured as of
`ctx.today()`; never a task 已作废, whatever the query (a printed list is an official record). The line under the title counts them by status and colour; the filters, when any, are
named beside it, so a printed page says what it was chosen from.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area, TaskEvidence
from fupin_desktop.domain.tasks import COLOUR_ORDER, STATUSES, Colour, TaskStatus
from fupin_desktop.reports.tasklists import ListKind, ListRow, TaskListDoc, write_task_list
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.rectification.listing import TaskQuery, list_tasks
from fupin_desktop.services.rectification.rows import TaskRow
from fupin_desktop.services.register import chunked, load_settings

EVIDENCE_CHARS = 60  # 佐证材料 as printed: the entries joined, cut here


@dataclass(frozen=True, slots=True)
class ListResult:
    path: Path
    tasks: int
    pages: int


def task_list_doc(ctx: ServiceContext, kind: ListKind, query: TaskQuery | None = None) -> TaskListDoc:
    """What the list of `kind` prints for the tasks of `query`."""
    ctx.require(Permission.PRINT)
    query = query or TaskQuery()
    rows = [r for r in list_tasks(ctx, query).rows if r.status is not TaskStatus.VOID]
    with ctx.sessions() as session:
        settings = load_settings(session)
        evidence = _evidence(session, [r.id for r in rows])
        village = session.get(Area, query.village_id).name if query.village_id is not None else ""
    return TaskListDoc(
        kind=kind,
        township=settings.township,
        issuer=settings.county + settings.township,
        printed_on=ctx.today(),
        rows=tuple(_row(r, evidence.get(r.id, [])) for r in rows),
        counts=counts_line(rows),
        filters=query.describe(village),
    )


def task_list_job(
    ctx: ServiceContext,
    kind: ListKind,
    out: Path,
    query: TaskQuery | None = None,
    *,
    cancel: threading.Event | None = None,
) -> Job[ListResult]:
    """Write the list of `kind` to `out` (nothing is left under that name on an error or 取消)."""
    yield Progress(0, 2, "查找整改任务")
    doc = task_list_doc(ctx, kind, query)
    check_cancel(cancel)
    yield Progress(1, 2, f"生成{kind.title}")
    pages = write_task_list(out, doc)
    return ListResult(out, len(doc.rows), pages)


def counts_line(rows: Sequence[TaskRow]) -> str:
    """共 40 项：待整改 8、整改中 14、待验收 6、已销号 12（销号率 30.0%）；未销号中红灯 8、黄牌 8、蓝签 12"""
    if not rows:
        return "共 0 项"
    statuses = Counter(r.status for r in rows)
    colours = Counter(r.colour for r in rows)
    by_status = "、".join(f"{s} {statuses[s]}" for s in STATUSES if statuses[s])
    closed = statuses[TaskStatus.CLOSED]
    line = f"共 {len(rows)} 项：{by_status}（销号率 {closed / len(rows) * 100:.1f}%）"
    open_colours = [c for c in COLOUR_ORDER if c is not Colour.GREY and colours[c]]
    if open_colours:
        line += "；未销号中" + "、".join(f"{c.label} {colours[c]}" for c in open_colours)
    supervised = sum(1 for r in rows if r.warning.supervised and r.status is not TaskStatus.CLOSED)
    if supervised:
        line += f"，上级督办 {supervised}"
    return line


def _evidence(session: Session, task_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunked(list(task_ids)):
        for task_id, text, name in session.execute(
            select(TaskEvidence.task_id, TaskEvidence.text, TaskEvidence.file_name)
            .where(TaskEvidence.task_id.in_(chunk))
            .order_by(TaskEvidence.id)
        ):
            found[task_id].append(name or text or "")
    return found


def _day(d: date | None) -> str:
    """2026-11-16: one line in a narrow column (2026年11月16日 would wrap)."""
    return f"{d:%Y-%m-%d}" if d else ""


def _row(r: TaskRow, evidence: list[str]) -> ListRow:
    joined = "；".join(e for e in evidence if e)
    if len(joined) > EVIDENCE_CHARS:
        joined = joined[: EVIDENCE_CHARS - 1] + "…"
    return ListRow(
        seq=r.seq,
        source=r.source,
        category=r.category,
        description=r.description,
        scope=r.scope,
        found_on=_day(r.found_on),
        measures=r.measures,
        target=r.target,
        leader=r.leader,
        lead_unit=r.lead_unit,
        unit=r.unit,
        person=r.person,
        deadline=_day(r.deadline),
        progress=r.progress,
        status=r.status.value,
        colour=r.colour.value,
        # a closed task prints as 已销号 only: its old marks (督办) do not matter on a progress list
        warning=r.warning.label if r.days_left is not None else r.colour.label,
        days=r.warning.days_text,
        result=r.result,
        evidence=joined,
        closed_on=_day(r.closed_on),
        closed=r.status is TaskStatus.CLOSED,
    )
