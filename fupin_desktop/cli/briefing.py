"""`fupin briefing` (会议简报) and `fupin snapshot` (this month's KPI snapshot for the trend).

存在问题 and 下步工作 come from text files (`--problems FILE`, `--next FILE`: one item a line, UTF-8 or
GBK as Notepad saves them) or, without them, from the texts kept by the window's 会议简报 dialog. The
files' texts are printed, not kept: the window's stay as they were."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, run_with_progress
from fupin_desktop.cli.printing import parse_day
from fupin_desktop.errors import UserError
from fupin_desktop.reports.briefing_data import ALL_SECTIONS, DEFAULT_SECTIONS, Section
from fupin_desktop.services.briefing import BriefingOptions, briefing_job
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.snapshots import month_label, save_snapshot


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    briefing = add_command(
        subparsers,
        common,
        "briefing",
        "打印调度会简报（A4 纵向）：基本情况、本期动态、风险和帮扶、三保障、整改进展、各村情况、月度趋势，"
        "以及存在问题和下步工作（--problems、--next 给出的文字文件，或窗口中保存的文字）",
        run_briefing,
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
        run_snapshot,
    )


def run_briefing(ctx: ServiceContext, args: argparse.Namespace) -> int:
    skipped = set(args.skip)
    options = BriefingOptions(
        title=args.title,
        since=args.since,
        until=args.until,
        problems=read_text(args.problems, "存在问题") if args.problems else None,
        next_steps=read_text(args.next_steps, "下步工作") if args.next_steps else None,
        sections=tuple(
            s for s in ALL_SECTIONS if s.value not in skipped and (s in DEFAULT_SECTIONS or args.checks)
        ),
    )
    result = run_with_progress(briefing_job(ctx, args.output.resolve(), options))
    parts = "、".join(s.title for s in result.sections if s is not Section.COVER)
    print(f"已生成会议简报：共 {result.pages} 页（{parts}）。")
    print(f"文件：{result.path}")
    return 0


def read_text(path: Path, part: str) -> str:
    """A text file as Notepad saves it (UTF-8 with or without BOM, or GBK)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到“{part}”的文字文件：{path}。请检查文件名和位置。") from None
    except OSError as exc:
        raise UserError(f"无法读取“{part}”的文字文件 {path}（{exc.strerror or exc}）。") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"“{part}”的文字文件 {path} 不是文本文件（应为 UTF-8 或 GBK 编码的 .txt）。")


def run_snapshot(ctx: ServiceContext, _args: argparse.Namespace) -> int:
    snapshot = save_snapshot(ctx)
    print(f"已保存{month_label(snapshot.month)}的主要指标（{len(snapshot.values)} 项）。")
    return 0
