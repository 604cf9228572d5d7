"""`fupin warchart` (作战图)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, run_with_progress
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.warchart import warchart_job


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    warchart = add_command(
        subparsers,
        common,
        "warchart",
        "打印挂图作战图（A4 横向）：各村统计表和图表、结对帮扶对照表，未结对户单独列出",
        run_warchart,
    )
    warchart.add_argument(
        "--village", metavar="NAME", help="只打印这个村的作战图（按组统计；村名重复时写成“乡镇/村”）"
    )
    warchart.add_argument("-o", "--output", metavar="OUT.pdf", required=True, type=Path, help="保存为")


def run_warchart(ctx: ServiceContext, args: argparse.Namespace) -> int:
    result = run_with_progress(warchart_job(ctx, args.output.resolve(), village=args.village))
    print(f"已生成作战图：{result.villages} 个村，未结对 {result.unpaired} 户，共 {result.pages} 页。")
    print(f"文件：{result.path}")
    return 0
