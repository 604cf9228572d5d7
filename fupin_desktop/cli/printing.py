"""`fupin cards` (明白卡) and `fupin notice` (公示名单).

The handlers; the options and help texts are in `cli.parsers.printing`.
"""

from __future__ import annotations

import argparse
import sys

from fupin_desktop.cli.common import run_with_progress
from fupin_desktop.domain.notices import NoticeKind
from fupin_desktop.errors import UserError
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing import (
    cards_job,
    disclosure_note,
    household_ids_by_number,
    notice_job,
    township_household_ids,
    village_household_ids,
)
from fupin_desktop.services.register import get_settings


def run_cards(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from fupin_desktop.services.printing import card_problems, problems_text

    if args.scan:
        return run_card_scan(ctx, args)
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


def run_card_scan(ctx: ServiceContext, args: argparse.Namespace) -> int:
    """`fupin cards --scan PHOTO …`: what each posted card on the photos says against the register (卡、机一致),
    as the window's 扫描照片… says it. A code typed by a USB scanner may stand in for a photo. A photo
    that cannot be read is named on stderr and the others are still read; the exit code is the worst."""
    from pathlib import Path

    from fupin_desktop.services.printing import check_scanned, looks_like_card
    from fupin_desktop.ui.photo_pixels import read_photo_codes  # Qt reads the image; no window opens

    if args.village or args.household:
        raise UserError("--scan 读取照片上的明白卡，不能与 --village、--household 同时使用。")
    worst = 0
    for item in args.scan:
        path = Path(item)
        typed = looks_like_card(item) and not path.exists()  # a scanner's text, not a file name
        where = "扫码枪读出的文字" if typed else path.name
        try:
            codes = [item] if typed else read_photo_codes(path)
            statuses = [check_scanned(ctx, code) for code in codes]
        except UserError as exc:
            print(f"【{where}】{exc.message}" if len(args.scan) > 1 else exc.message, file=sys.stderr)
            worst = max(worst, exc.exit_code)
            continue
        for status in statuses:
            if len(args.scan) > 1 or len(statuses) > 1:
                print(f"【{where}】")
            print(status.message)
            if not status.current and not status.archived:
                print(f"重印：fupin cards --household {status.number} -o 明白卡.pdf")
    return worst


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
