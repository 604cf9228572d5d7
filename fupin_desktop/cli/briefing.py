"""`fupin briefing` (会议简报) and `fupin snapshot` (this month's KPI snapshot for the trend).

存在问题 and 下步工作 come from text files (`--problems FILE`, `--next FILE`: one item a line, UTF-8 or
GBK as Notepad saves them) or, without them, from the texts kept by the window's 会议简报 dialog. The
files' texts are printed, not kept: the window's stay as they were.

The handlers; the options and help texts are in `cli.parsers.briefing`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fupin_desktop.cli.common import run_with_progress
from fupin_desktop.errors import UserError
from fupin_desktop.reports.briefing_data import ALL_SECTIONS, DEFAULT_SECTIONS, Section
from fupin_desktop.services.briefing import BriefingOptions, briefing_job, month_label, save_snapshot
from fupin_desktop.services.context import ServiceContext


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
