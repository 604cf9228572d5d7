"""`fupin cards` and `fupin notice`: options, help texts and choices.

The handlers are in `cli.printing`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, handlers, parse_day
from fupin_desktop.domain.notices import PERIOD_MONTHS, NoticeKind

run = handlers("printing")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    cards = add_command(
        subparsers,
        common,
        "cards",
        "打印明白卡：一个村、指定户编号或全乡镇在册农户，一户一页，生成一个 PDF",
        run("run_cards"),
    )
    which = cards.add_argument_group("打印哪些户（都不写则打印全乡镇在册农户）")
    which.add_argument("--village", metavar="NAME", help="只打印这个村（村名重复时写成“乡镇/村”）")
    which.add_argument(
        "--household", metavar="NO", nargs="+", action="extend", default=[], help="户编号，可写多个"
    )
    result = cards.add_mutually_exclusive_group(required=True)
    result.add_argument("-o", "--output", metavar="OUT.pdf", type=Path, help="保存为")
    result.add_argument(
        "--scan",
        metavar="照片",
        nargs="+",
        help="不打印，而是读取手机拍的明白卡二维码照片（JPG、PNG……，也可以是扫码枪读出的文字），"
        "说明张贴的卡是否最新、打印后哪些内容有变化",
    )
    cards.add_argument(
        "--anyway",
        action="store_true",
        help="有数据错误（没有户主、户主多于一人、成员没有证件号码……）的户也照样打印",
    )

    notice = add_command(
        subparsers, common, "notice", "打印一个村的公示名单：识别为监测对象，或风险消除", run("run_notice")
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
