"""The `fupin` command line (DESIGN §3). Every job the window can do, with the same services.

Each command has its argparse table in `cli.parsers.<module>` (`register(subparsers, common)`) and its
handlers, functions `(ctx: ServiceContext, args) -> int`, in `cli.<module>`, imported only when the
command runs: building the parsers and `fupin --help` load no service, SQLAlchemy, reportlab or openpyxl.
Exit codes: 0 done, 1 the input has errors (nothing changed), 2 the input cannot be read or the request
is impossible (nothing changed). Messages are Chinese, one line
per problem, on stderr; `--json` output is one object on stdout.

Once the database has user accounts, commands that change data, show full ID numbers, back up or restore
sign in first (`--user NAME` or FUPIN_USER/FUPIN_PASSWORD; see cli.common), bound by the account's role.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from fupin_desktop import __version__
from fupin_desktop.cli.common import common_options
from fupin_desktop.cli.parsers import COMMAND_PARSERS
from fupin_desktop.errors import UserError
from fupin_desktop.logs import setup_logging
from fupin_desktop.paths import DataPaths, resolve_data_dir, resolve_database_url

log = logging.getLogger(__name__)


# argparse's own texts, in Chinese. argparse looks every one of them up through its module-level `_`
# and `ngettext` (gettext), so replacing those two covers usage lines, help and every error.
ARGPARSE_TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的 %(type)s 值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "ignored explicit argument %r": "忽略了多余的值 %r",
}
INTERNAL_ERROR = 3  # outside the contract's 0/1/2: a fault of the program, not of the input


def _chinese_argparse() -> None:
    argparse._ = lambda text: ARGPARSE_TEXTS.get(text, text)  # type: ignore[attr-defined]

    def ngettext(singular: str, plural: str, n: int) -> str:
        return "需要 %s 个值" if singular == "expected %s argument" else (singular if n == 1 else plural)

    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    _chinese_argparse()
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="fupin",
        description="防返贫监测工作台命令行：生成示范数据、导入导出、打印、核查、备份。",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"fupin {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for module in COMMAND_PARSERS:
        module.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _run(argv)
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # here, not at exit: a reader gone away is caught below
    except BrokenPipeError:
        # `fupin … | head` stopped reading: the rest of the output goes nowhere, without a traceback
        # (https://docs.python.org/3/library/signal.html#note-on-sigpipe)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(argv: Sequence[str] | None) -> int:
    _utf8_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = DataPaths(
        resolve_data_dir(getattr(args, "data_dir", None)),
        database_url=resolve_database_url(getattr(args, "database", None)),
    )
    try:
        return args.handler(paths, args)
    except UserError as err:
        print(err.message, file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        raise  # the output's reader has gone (main): not a fault of the program
    except KeyboardInterrupt:
        print("已中断，未保存任何更改。", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: one Chinese line and the details in the log, not a traceback
        where = _log_internal_error(paths, exc)
        print(
            f"程序内部错误（{type(exc).__name__}：{exc}），操作未完成。"
            f"详情已记入 {where}，请把这个文件发给技术支持人员。",
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _log_internal_error(paths: DataPaths, exc: Exception) -> str:
    try:
        path = setup_logging(paths.logs)
    except OSError:
        return "（日志无法写入）"
    log.error("命令执行失败", exc_info=exc)
    return str(path)


def _utf8_stdio() -> None:
    # Windows consoles default to the ANSI code page; our messages and JSON are UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
