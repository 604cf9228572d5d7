"""`fupin backup` and `fupin restore`: options, help texts and choices.

The handlers are in `cli.backup`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from typing import Any

from fupin_desktop.cli.common import add_command, handlers

run = handlers("backup")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    backup = add_command(
        subparsers,
        common,
        "backup",
        "备份数据库（程序运行中也可以）；默认放入数据文件夹的 backups，并按 30 天、12 个月轮换",
        run("run_backup"),
    )
    backup.add_argument("-o", "--output", metavar="DIR", help="备份到这个文件夹（例如U盘）")

    text = "从备份恢复数据库：先检查备份是否完好，再把当前数据另存为备份，然后替换"
    restore = subparsers.add_parser("restore", help=text, description=text, parents=[common])
    restore.add_argument("file", metavar="FILE", help="备份文件（.sqlite）")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复（用于脚本）")
    # unlike other commands, restore opens nothing up front: it must work on a damaged database too
    restore.set_defaults(handler=run("run_restore"))
