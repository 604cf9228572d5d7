"""`fupin briefing` and `fupin snapshot`: options, help texts and choices.

The handlers are in `cli.briefing`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, handlers, parse_day
from fupin_desktop.domain.briefing_parts import ALL_SECTIONS

run = handlers("briefing")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    briefing = add_command(
        subparsers,
        common,
        "briefing",
        "打印调度会简报（A4 纵向）：基本情况、本期动态、风险和帮扶、三保障、整改进展、各村情况、月度趋势，"
        "以及存在问题和下步工作（--problems、--next 给出的文字文件，或窗口中保存的文字）",
        run("run_briefing"),
    )
    briefing.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        type=parse_day,
        help="本期动态的起始日期（默认：上个月1日）",
    )
    briefing.add_argument(
        "--until", metavar="YYYY-MM-DD", type=parse_day, help="本期动态的截止日期（默认：今天）"
    )
    briefing.add_argument(
        "--title", metavar="会议名称", default="", help="默认：“乡镇名防返贫动态监测工作调度会”"
    )
    briefing.add_argument(
        "--skip",
        metavar="PART",
        nargs="+",
        action="extend",
        default=[],
        choices=[s.value for s in ALL_SECTIONS],
        help="不打印的部分：" + "，".join(f"{s.value}={s.title}" for s in ALL_SECTIONS),
    )
    briefing.add_argument(
        "--checks", action="store_true", help="加印“数据核查”部分（先运行全部核查，大乡镇需几秒）"
    )
    briefing.add_argument(
        "--problems",
        metavar="FILE",
        type=Path,
        help="“存在问题”的文字（文本文件，每行一条，打印时自动编号）；不写则用窗口中保存的",
    )
    briefing.add_argument(
        "--next",
        metavar="FILE",
        type=Path,
        dest="next_steps",
        help="“下步工作”的文字（同上）",
    )
    briefing.add_argument("-o", "--output", metavar="OUT.pdf", required=True, type=Path, help="保存为")

    add_command(
        subparsers,
        common,
        "snapshot",
        "保存本月的主要指标（会议简报的月度趋势；每月首次打开窗口时也会自动保存），替换本月早些时候保存的",
        run("run_snapshot"),
    )
