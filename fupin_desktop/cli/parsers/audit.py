"""`fupin audit [list|verify]`: options, help texts and choices.

The handlers are in `cli.audit`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, handlers, parse_day

run = handlers("audit")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    audit = add_command(
        subparsers,
        common,
        "audit",
        "审计日志：谁在何时改了什么（按农户、用户、日期筛选；可导出到 Excel），证件号码脱敏",
        run("run_audit"),
        sign_in=False,  # read-only; its --user filters the rows by user
    )
    audit.add_argument(
        "action",
        nargs="?",
        choices=("list", "verify"),
        default="list",
        metavar="操作",
        help="list：列出记录（默认）；verify：校验审计日志是否被改动或删除过（完好退出码 0，断开退出码 1）",
    )
    audit.add_argument("--household", metavar="户编号", default="", help="只看这一户（户编号或户主姓名）")
    audit.add_argument("--user", metavar="用户", help="只看这个用户（用户名或姓名）")
    audit.add_argument("--since", metavar="YYYY-MM-DD", type=parse_day, help="起始日期")
    audit.add_argument("--until", metavar="YYYY-MM-DD", type=parse_day, help="截止日期（含当天）")
    audit.add_argument(
        "--limit", metavar="N", type=int, default=0, help="最多列出 N 条（最新的在前；默认全部）"
    )
    audit.add_argument("--json", action="store_true", help="以 JSON 输出")
    audit.add_argument("--export", metavar="文件.xlsx", type=Path, help="把筛选出的记录导出到 Excel 工作簿")
