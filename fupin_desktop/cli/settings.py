"""`fupin threshold list|set`: the 监测范围 by year and region from the command line.

The handlers; the options and help texts are in `cli.parsers.settings`.
"""

from __future__ import annotations

import argparse

from fupin_desktop.cli.common import print_json
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.register import get_settings, list_thresholds, set_threshold


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
