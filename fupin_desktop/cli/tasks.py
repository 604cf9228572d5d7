"""`fupin tasks list`, `fupin tasks print`, `fupin tasks void` and `fupin tasks undo` (整改清单).

The handlers; the options and help texts are in `cli.parsers.tasks`.
"""

from __future__ import annotations

import argparse
import unicodedata

from fupin_desktop.cli.common import print_json, run_with_progress
from fupin_desktop.domain.task_lists import ListKind
from fupin_desktop.domain.tasks import TaskAction, TaskStatus, TaskView
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.rectification import (
    ActionRequest,
    TaskQuery,
    TaskRow,
    counts_line,
    last_event_id,
    list_tasks,
    perform,
    task_detail,
    task_list_job,
    undo_last,
)


def _query(args: argparse.Namespace) -> TaskQuery:
    statuses = tuple(dict.fromkeys(args.status))
    colours = tuple(dict.fromkeys(args.colour))
    if statuses == (TaskStatus.VOID,):  # voided tasks are listed on their own, never among the others
        return TaskQuery(view=TaskView.VOID, colours=colours)
    return TaskQuery(statuses=statuses, colours=colours)


def task_json(row: TaskRow) -> dict[str, object]:
    """One task as `fupin tasks list --json` writes it (DESIGN §3)."""
    return {
        "id": row.id,
        "status": row.status.value,
        "colour": row.colour.value,
        "deadline": row.deadline.isoformat(),
        "title": row.description,
    }


def run_list(ctx: ServiceContext, args: argparse.Namespace) -> int:
    rows = list_tasks(ctx, _query(args)).rows
    if args.json:
        print_json({"tasks": [task_json(r) for r in rows]})
        return 0
    for r in rows:
        print(
            f"{r.seq:>4}  {r.status.value}  {_pad(r.warning.label, 18)}  {r.deadline:%Y-%m-%d}  "
            f"{_pad(r.warning.days_text, 10)}  {_pad(r.unit or '—', 14)}  {r.description}"
        )
    print(counts_line(rows))
    return 0


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)


def run_print(ctx: ServiceContext, args: argparse.Namespace) -> int:
    kind = ListKind(args.kind)
    result = run_with_progress(task_list_job(ctx, kind, args.output.resolve(), _query(args)))
    print(f"已生成{kind.title}：{result.tasks} 项，共 {result.pages} 页。")
    print(f"文件：{result.path}")
    return 0


def run_void(ctx: ServiceContext, args: argparse.Namespace) -> int:
    perform(ctx, args.id, TaskAction.VOID, ActionRequest(note=args.reason))
    row = task_detail(ctx, args.id).row
    print(f"已作废第 {row.seq} 项：{row.description}")
    print("原因：" + args.reason.strip() + "。如是误作废，可用 fupin tasks undo " + str(args.id) + " 撤销。")
    return 0


def run_undo(ctx: ServiceContext, args: argparse.Namespace) -> int:
    undone = undo_last(ctx, args.id, last_event_id(ctx, args.id))
    print(f"已撤销第 {undone.seq} 项的上一步：{undone.what}")
    print(f"现在的状态：{undone.status}")
    return 0
