"""`fupin demo` and `fupin info`.

The handlers; the options and help texts are in `cli.parsers.basic`.
"""

from __future__ import annotations

import argparse

from fupin_desktop.cli.common import print_json, run_with_progress
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.storage import database_info


def run_demo(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from fupin_desktop.services.demo import generate_demo  # the generator: not for `fupin info`

    summary = run_with_progress(
        generate_demo(ctx, households=args.households, seed=args.seed, force=args.force)
    )
    print(
        f"已生成示范数据：{summary.township} {summary.villages} 个村，{summary.households} 户 {summary.members} 人，"
        f"帮扶责任人 {summary.helpers} 名，结对 {summary.pairings} 户，整改任务 {summary.tasks} 项。"
    )
    print(f"数据文件夹：{ctx.paths.root}")
    kinds = len({e.kind for e in summary.deliberate_errors})
    print(
        f"其中故意设置了 {len(summary.deliberate_errors)} 处数据问题（{kinds} 项核查各一处），"
        "其余各户前后一致，供数据核查演示："
    )
    for error in summary.deliberate_errors:
        who = f" {error.member}" if error.member else ""
        print(f"  {error.household}{who}：{error.description}")
    return 0


def run_info(ctx: ServiceContext, args: argparse.Namespace) -> int:
    info = database_info(ctx)
    if args.json:
        print_json(info.as_json())
        return 0
    tasks = "，".join(f"{status} {n}" for status, n in info.tasks.items())
    print(f"乡镇：{info.township or '（未设置）'}")
    print(f"村 {info.villages} 个，户 {info.households} 户，人 {info.members} 人")
    print(f"帮扶责任人 {info.helpers} 名，当前结对 {info.pairings} 户")
    print(f"整改任务：{tasks}")
    return 0
