"""`fupin threshold list|set`: the 监测范围 by year and region from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from fupin_desktop.cli.common import add_command, print_json
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.settings import get_settings, set_threshold
from fupin_desktop.services.thresholds import list_thresholds


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    threshold = add_command(
        subparsers, common, "threshold", "监测范围（元/人·年）：按年度和地区列出或设定", run_threshold
    )
    actions = threshold.add_subparsers(dest="action", metavar="操作", required=True)
    listing = actions.add_parser("list", help="列出全部年度的监测范围", parents=[common])
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    setting = actions.add_parser("set", help="设定某一年度的监测范围（已有则替换）", parents=[common])
    setting.add_argument("year", type=int, metavar="YEAR", help="年度，例如 2026")
    setting.add_argument("amount", type=float, metavar="AMOUNT", help="金额（元/人·年）")
    setting.add_argument("--region", metavar="R", help="地区（默认：设置中适用的地区）")
    setting.add_argument("--note", metavar="TEXT", help="说明，例如文件文号")


def run_threshold(ctx: ServiceContext, args: argparse.Namespace) -> int:
    if args.action == "set":
        set_threshold(ctx, args.year, args.amount, args.region, args.note)
        region = args.region or get_settings(ctx).threshold_region
        print(f"已设定 {args.year} 年监测范围（{region}）为 {args.amount:g} 元/人·年。")
        return 0
    rows = list_thresholds(ctx)
    region = get_settings(ctx).threshold_region
    if args.json:
        print_json(
            {
                "threshold_region": region,
                "thresholds": [
                    {"year": r.year, "region": r.region, "amount": r.amount, "note": r.note} for r in rows
                ],
            }
        )
        return 0
    print(f"适用地区：{region}（该地区没有设定的年度使用“全国”）")
    for r in rows:
        print(f"{r.year}\t{r.region}\t{r.amount:g} 元\t{r.note}".rstrip())
    return 0
