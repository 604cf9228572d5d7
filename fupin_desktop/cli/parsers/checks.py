"""`fupin check` and `fupin collect`: options, help texts and choices.

The handlers are in `cli.checks`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, handlers

run = handlers("checks")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        common,
        "check",
        "数据核查：找出证件号码、户内关系、监测逻辑、收入和三保障等问题（不修改数据）",
        run("run_check"),
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出全部核查结果")
    parser.add_argument("-o", "--output", metavar="OUT.xlsx", type=Path, help="核查结果另存为 Excel 表")
    parser.add_argument(
        "--visits",
        metavar="OUT.pdf",
        type=Path,
        help="同时生成监测预警的帮扶走访名单（按帮扶责任人分段，虚线裁开）",
    )

    collect = add_command(
        subparsers,
        common,
        "collect",
        "待采集清单：导入的表格中没有、需要入户采集的信息（按村列出；-o 打印入户核查表）",
        run("run_collect"),
    )
    collect.add_argument("--village", metavar="NAME", help="只列这个村（村名重复时写成“乡镇/村”）")
    collect.add_argument("--json", action="store_true", help="以 JSON 输出清单")
    collect.add_argument(
        "-o",
        "--output",
        metavar="OUT.pdf|OUT.xlsx",
        type=Path,
        help="打印入户核查表（.pdf）或导出清单（.xlsx）",
    )
