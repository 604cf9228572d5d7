"""The `fupin` command line (DESIGN §3). Every job the window can do, with the same services.

Each command module exposes `register(subparsers)`, which adds its parser and sets `handler`, a function
`(ctx: ServiceContext, args) -> int`. Exit codes: 0 done, 1 the input has errors (nothing changed),
2 the input cannot be read or the request is impossible (nothing changed). Messages are Chinese, one line
per problem, on stderr; `--json` output is one object on stdout.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from fupin_desktop import __version__
from fupin_desktop.cli import (
    assignments,
    backup,
    basic,
    briefing,
    checks,
    excel,
    printing,
    settings,
    tasks,
    users,
)
from fupin_desktop.errors import UserError
from fupin_desktop.paths import DataPaths, resolve_data_dir

# Command modules, in the order `fupin --help` lists them.
COMMAND_MODULES = [basic, excel, printing, assignments, tasks, checks, briefing, backup, users, settings]

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="数据文件夹（默认：环境变量 FUPIN_DATA_DIR，否则为本机用户数据文件夹）",
    )
    parser = argparse.ArgumentParser(
        prog="fupin",
        description="防返贫监测工作台命令行：生成示范数据、导入导出、打印、核查、备份。",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"fupin {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = DataPaths(resolve_data_dir(getattr(args, "data_dir", None)))
    try:
        return args.handler(paths, args)
    except UserError as err:
        print(err.message, file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("已中断，未保存任何更改。", file=sys.stderr)
        return 2


def _utf8_stdio() -> None:
    # Windows consoles default to the ANSI code page; our messages and JSON are UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
