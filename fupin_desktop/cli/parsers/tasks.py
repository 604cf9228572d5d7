"""`fupin tasks list|print|void|undo`: options, help texts and choices.

The handlers are in `cli.tasks`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, handlers
from fupin_desktop.domain.task_lists import ListKind
from fupin_desktop.domain.tasks import ALL_STATUSES, Colour, TaskStatus

run = handlers("tasks")

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

    listing = add_command(
        actions, common, "list", "列出整改任务（按序号），可按状态和预警颜色筛选", run("run_list")
    )
    _filters(listing)
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")

    printing = add_command(
        actions,
        common,
        "print",
        "打印问题清单（problems）、任务清单（tasks）、责任清单（duties）或销号汇总表（closed），A4 横向 PDF",
        run("run_print"),
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
        run("run_void"),
    )
    voiding.add_argument("id", type=int, metavar="ID", help="任务编号（tasks list --json 中的 id）")
    voiding.add_argument("--reason", default="", metavar="原因", help="作废原因（必填），如“与第 3 项重复”")

    undoing = add_command(
        actions, common, "undo", "撤销任务的上一步办理（含作废、销号、持续整改的时限变更）", run("run_undo")
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
