"""`fupin warchart`: options, help texts and choices.

The handlers are in `cli.assignments`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, handlers

run = handlers("assignments")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    warchart = add_command(
        subparsers,
        common,
        "warchart",
        "打印挂图作战图（A4 横向）：各村统计表和图表、结对帮扶对照表，未结对户单独列出",
        run("run_warchart"),
    )
    warchart.add_argument(
        "--village", metavar="NAME", help="只打印这个村的作战图（按组统计；村名重复时写成“乡镇/村”）"
    )
    warchart.add_argument("-o", "--output", metavar="OUT.pdf", required=True, type=Path, help="保存为")
