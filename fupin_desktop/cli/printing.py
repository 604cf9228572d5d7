"""`fupin cards` (明白卡) and `fupin notice` (公示名单)."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, run_with_progress
from fupin_desktop.errors import UserError
from fupin_desktop.services.cards import (
    cards_job,
    household_ids_by_number,
    township_household_ids,
    village_household_ids,
)
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.notices import PERIOD_MONTHS, NoticeKind, disclosure_note, notice_job
from fupin_desktop.services.settings import get_settings

_DAY = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(?:(\d{1,2})日?)?$")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    cards = add_command(
        subparsers,
        common,
        "cards",
        "打印明白卡：一个村、指定户编号或全乡镇在册农户，一户一页，生成一个 PDF",
        run_cards,
    )
    which = cards.add_argument_group("打印哪些户（都不写则打印全乡镇在册农户）")
    which.add_argument("--village", metavar="NAME", help="只打印这个村（村名重复时写成“乡镇/村”）")
    which.add_argument(
        "--household", metavar="NO", nargs="+", action="extend", default=[], help="户编号，可写多个"
    )
    cards.add_argument("-o", "--output", metavar="OUT.pdf", required=True, type=Path, help="保存为")
    cards.add_argument(
        "--anyway",
        action="store_true",
        help="有数据错误（没有户主、户主多于一人、成员没有证件号码……）的户也照样打印",
    )

    notice = add_command(
        subparsers, common, "notice", "打印一个村的公示名单：识别为监测对象，或风险消除", run_notice
    )
    notice.add_argument(
        "kind", choices=[k.value for k in NoticeKind], help="identify：识别公示；eliminate：风险消除公示"
    )
    notice.add_argument("--village", metavar="NAME", required=True, help="村名（重复时写成“乡镇/村”）")
    notice.add_argument(
        "--since",
        metavar="YYYY-MM[-DD]",
        type=parse_day,
        help=f"列入名单的起始月份（默认：最近{PERIOD_MONTHS}个月，含本月）",
    )
    notice.add_argument("--until", metavar="YYYY-MM-DD", type=parse_day, help="截止日期（默认：今天）")
    notice.add_argument("--posted", metavar="YYYY-MM-DD", type=parse_day, help="公示开始日期（默认：今天）")
    notice.add_argument("-o", "--output", metavar="OUT.pdf", required=True, type=Path, help="保存为")


def parse_day(text: str) -> date:
    """2026-09-15, 2026-09 (the 1st), 202609, 2026年9月 …"""
    match = _DAY.match(text.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = match.groups()
        return date(int(year), int(month), int(day or 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"无法识别的日期“{text}”，请写成 2026-09 或 2026-09-15") from None


def run_cards(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from fupin_desktop.services.card_check import card_problems, problems_text

    if args.village and args.household:
        raise UserError("--village 和 --household 只能选一个：要么打印一个村，要么打印指定的户编号。")
    if args.household:
        ids = household_ids_by_number(ctx, args.household)
    elif args.village:
        ids = village_household_ids(ctx, args.village)
    else:
        ids = township_household_ids(ctx)
    problems = card_problems(ctx, ids)
    if problems:
        print(f"以下 {len(problems)} 户的数据有误，打印出的明白卡会不正确：", file=sys.stderr)
        print(problems_text(problems), file=sys.stderr)
        if not args.anyway:
            print(
                "未生成明白卡。请先改正这些户（fupin check 可列出全部问题），或加 --anyway 照样打印。",
                file=sys.stderr,
            )
            return 1
    result = run_with_progress(cards_job(ctx, ids, args.output.resolve(), flagged=len(problems)))
    print(f"已生成明白卡：{result.households} 户，共 {result.pages} 页。")
    print(f"文件：{result.path}")
    return 0


def run_notice(ctx: ServiceContext, args: argparse.Namespace) -> int:
    kind = NoticeKind(args.kind)
    result = run_with_progress(
        notice_job(
            ctx,
            args.village,
            kind,
            args.output.resolve(),
            since=args.since,
            until=args.until,
            posted_on=args.posted,
        )
    )
    print(f"已生成{kind.label}公示名单：{result.households} 户，共 {result.pages} 页。")
    print(f"公示名单{disclosure_note(get_settings(ctx))}")
    print(f"文件：{result.path}")
    return 0
