"""`fupin tasks list` and `fupin tasks print` (整改清单)."""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, print_json, run_with_progress
from fupin_desktop.domain.task_lists import ListKind
from fupin_desktop.domain.tasks import STATUSES, Colour, TaskStatus
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.task_lists import counts_line, task_list_job
from fupin_desktop.services.tasks import TaskQuery, TaskRow, list_tasks

# --status takes the Chinese status or an English word for it
STATUS_WORDS = {
    "todo": TaskStatus.TODO,
    "doing": TaskStatus.DOING,
    "review": TaskStatus.REVIEW,
    "closed": TaskStatus.CLOSED,
    **{s.value: s for s in STATUSES},
}
COLOUR_WORDS = {
    **{c.value: c for c in Colour},
    **{c.short: c for c in Colour},
    **{c.label: c for c in Colour},
}


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    tasks = subparsers.add_parser(
        "tasks",
        help="整改清单：列出整改任务，打印问题、任务、责任清单",
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


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status",
        metavar="S",
        type=_status,
        action="append",
        default=[],
        help="只要这个状态：待整改/整改中/待验收/已销号（或 todo/doing/review/closed），可写多次",
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
            f"没有“{text}”这个状态。可选：待整改、整改中、待验收、已销号（或 todo、doing、review、closed）"
        ) from None


def _colour(text: str) -> Colour:
    try:
        return COLOUR_WORDS[text.strip().lower() if text.isascii() else text.strip()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"没有“{text}”这个预警颜色。可选：red、yellow、blue、grey") from None


def _query(args: argparse.Namespace) -> TaskQuery:
    return TaskQuery(statuses=tuple(dict.fromkeys(args.status)), colours=tuple(dict.fromkeys(args.colour)))


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
