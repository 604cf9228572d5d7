"""`fupin threshold list|set`: options, help texts and choices.

The handlers are in `cli.settings`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from typing import Any

from fupin_desktop.cli.common import add_command, handlers

run = handlers("settings")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    threshold = add_command(
        subparsers, common, "threshold", "监测范围（元/人·年）：按年度和地区列出或设定", run("run_threshold")
    )
    actions = threshold.add_subparsers(dest="action", metavar="操作", required=True)
    listing = actions.add_parser("list", help="列出全部年度的监测范围", parents=[common])
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    setting = actions.add_parser("set", help="设定某一年度的监测范围（已有则替换）", parents=[common])
    setting.add_argument("year", type=int, metavar="YEAR", help="年度，例如 2026")
    setting.add_argument("amount", type=float, metavar="AMOUNT", help="金额（元/人·年）")
    setting.add_argument("--region", metavar="R", help="地区（默认：设置中适用的地区）")
    setting.add_argument("--note", metavar="TEXT", help="说明，例如文件文号")
