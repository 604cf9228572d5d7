"""`fupin warchart` (作战图).

The handlers; the options and help texts are in `cli.parsers.assignments`.
"""

from __future__ import annotations

import argparse

from fupin_desktop.cli.common import run_with_progress
from fupin_desktop.services.assignments import warchart_job
from fupin_desktop.services.context import ServiceContext


def run_warchart(ctx: ServiceContext, args: argparse.Namespace) -> int:
    result = run_with_progress(warchart_job(ctx, args.output.resolve(), village=args.village))
    print(f"已生成作战图：{result.villages} 个村，未结对 {result.unpaired} 户，共 {result.pages} 页。")
    print(f"文件：{result.path}")
    return 0
