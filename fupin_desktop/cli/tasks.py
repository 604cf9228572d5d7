"""`fupin tasks list`, `fupin tasks print`, `fupin tasks void` and `fupin tasks undo` (整改清单)."""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, print_json, run_with_progress
from fupin_desktop.domain.task_lists import ListKind
from fupin_desktop.domain.tasks import ALL_STATUSES, Colour, TaskAction, TaskStatus, TaskView
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.task_flow import ActionRequest, perform
from fupin_desktop.services.task_lists import counts_line, task_list_job
from fupin_desktop.services.task_undo import last_event_id, undo_last
from fupin_desktop.services.tasks import TaskQuery, TaskRow, list_tasks, task_detail

# --status takes the Chinese status or an English word for it
STATUS_WORDS = {
    "todo": TaskStatus.TODO,
    "doing": TaskStatus.DOING,
    "review": TaskStatus.REVIEW,
    "closed": TaskStatus.CLOSED,
    "void": TaskStatus.VOID,
    **{s.value: s for s in ALL_STATUSES},
}
COLOUR_WORDS = {
    **{c.value: c for c in Colour},
    **{c.short: c for c in Colour},
    **{c.label: c for c in Colour},
}


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    tasks = subparsers.add_parser(
        "tasks",
        help="整改清单：列出整改任务，打印问题、任务、责任清单，作废任务，撤销上一步",
        description="整改清单",
        parents=[common],
    )
    actions = tasks.add_subparsers(dest="tasks_command", metavar="操作", required=True)

    listing = add_command(actions, common, "list", "列出整改任务（按序号），可按状态和预警颜色筛选", run_list)
    _filters(listing)
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")

    printing = add_command(
        actions,
        common,
        "print",
        "打印问题清单（problems）、任务清单（tasks）、责任清单（duties）或销号汇总表（closed），A4 横向 PDF",
        run_print,
    )
    printing.add_argument(
        "kind",
        choices=[k.value for k in ListKind],
        help="problems：问题清单；tasks：任务清单；duties：责任清单；closed：销号汇总表",
    )
    _filters(printing)
    printing.add_argument("-o", "--output", metavar="OUT.pdf", required=True, type=Path, help="保存为")

    voiding = add_command(
        actions,
        common,
        "void",
        "作废一项误建的整改任务（保留记录，不再计入任何统计和清单），须写明原因",
        run_void,
    )
    voiding.add_argument("id", type=int, metavar="ID", help="任务编号（tasks list --json 中的 id）")
    voiding.add_argument("--reason", default="", metavar="原因", help="作废原因（必填），如“与第 3 项重复”")

    undoing = add_command(
        actions, common, "undo", "撤销任务的上一步办理（含作废、销号、持续整改的时限变更）", run_undo
    )
    undoing.add_argument("id", type=int, metavar="ID", help="任务编号（tasks list --json 中的 id）")


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status",
        metavar="S",
        type=_status,
        action="append",
        default=[],
        help="只要这个状态：待整改/整改中/待验收/已销号（或 todo/doing/review/closed），可写多次；"
        "已作废（void）的任务只在单独筛选时列出",
    )
    parser.add_argument(
        "--colour",
        "--color",
        metavar="C",
        type=_colour,
        action="append",
        default=[],
        help="只要这个预警颜色：red、yellow、blue，已销号为 grey（也认 红/黄/蓝），可写多次",
    )


def _status(text: str) -> TaskStatus:
    try:
        return STATUS_WORDS[text.strip().lower() if text.isascii() else text.strip()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"没有“{text}”这个状态。可选：待整改、整改中、待验收、已销号、已作废"
            "（或 todo、doing、review、closed、void）"
        ) from None


def _colour(text: str) -> Colour:
    try:
        return COLOUR_WORDS[text.strip().lower() if text.isascii() else text.strip()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"没有“{text}”这个预警颜色。可选：red、yellow、blue、grey") from None


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
