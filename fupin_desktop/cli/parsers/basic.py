"""`fupin demo` and `fupin info`: options, help texts and choices.

The handlers are in `cli.basic`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from typing import Any

from fupin_desktop.cli.common import add_command, handlers
from fupin_desktop.domain.demo import DEFAULT_HOUSEHOLDS, DEFAULT_SEED

run = handlers("basic")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    demo = add_command(subparsers, common, "demo", "生成一个示范乡镇（12个村，约2400户）", run("run_demo"))
    demo.add_argument("--households", type=int, default=DEFAULT_HOUSEHOLDS, metavar="N", help="户数")
    demo.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, metavar="S", help="随机种子（相同种子生成相同数据）"
    )
    demo.add_argument("--force", action="store_true", help="数据库已有数据时也生成（先备份，再替换）")

    info = add_command(
        subparsers, common, "info", "显示村、户、人、帮扶责任人、结对和整改任务的数量", run("run_info")
    )
    info.add_argument("--json", action="store_true", help="以 JSON 输出")
