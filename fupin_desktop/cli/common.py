"""Helpers shared by the command modules: opening the data folder, signing in, printing progress and JSON.

Signing in (DESIGN §3): until the database has user accounts, commands act as the operating-system user
at the PC, as an administrator. Once it has accounts, every command that changes data, shows or exports
full ID numbers, backs up or restores asks for one of them: `--user NAME` and the password (asked on the
terminal, hidden), or the environment variables FUPIN_USER and FUPIN_PASSWORD for scripts. The account's
role then bounds the command exactly as it bounds the window (services.context.Permission). Read-only
commands (`OPEN_COMMANDS`, `OPEN_ACTIONS`, an export without --full-id, an import --dry-run) stay open.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from fupin_desktop.errors import PermissionDenied
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.progress import Job, Progress, run_job

if TYPE_CHECKING:  # the database layer is imported when a command runs, not to build the parsers
    from fupin_desktop.services.context import Actor, ServiceContext

T = TypeVar("T")

Handler = Callable[["ServiceContext", argparse.Namespace], int]

USER_ENV = "FUPIN_USER"
PASSWORD_ENV = "FUPIN_PASSWORD"

# Commands that change nothing and show no full ID number: open to whoever may read the data folder.
OPEN_COMMANDS = frozenset(
    {"info", "compare", "cards", "notice", "warchart", "check", "collect", "briefing", "audit"}
)
OPEN_ACTIONS = frozenset(
    {("users", "list"), ("area", "list"), ("threshold", "list"), ("tasks", "list"), ("tasks", "print")}
)


def needs_sign_in(args: argparse.Namespace) -> bool:
    """Whether the command changes data, shows full ID numbers, backs up or restores (new commands do
    unless listed as open here)."""
    command = getattr(args, "command", None)
    if command in OPEN_COMMANDS:
        return False
    action = getattr(args, "action", None) or getattr(args, "tasks_command", None)
    if (command, action) in OPEN_ACTIONS:
        return False
    if command == "export":
        return bool(getattr(args, "full_id", False))
    if command == "import":
        return not getattr(args, "dry_run", False)
    return True


def data_dir_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="数据文件夹（默认：环境变量 FUPIN_DATA_DIR，否则为本机用户数据文件夹）",
    )
    options.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="单位服务器上的数据库，例如 postgresql://用户名@服务器/fupin"
        "（默认：环境变量 FUPIN_DATABASE_URL，否则为数据文件夹中的 fupin.sqlite）",
    )
    return options


def common_options() -> argparse.ArgumentParser:
    """--data-dir and the sign-in every command takes."""
    options = argparse.ArgumentParser(add_help=False, parents=[data_dir_options()])
    options.add_argument(
        "--user",
        dest="sign_in_user",
        metavar="用户名",
        default=argparse.SUPPRESS,
        help=f"以这个账户登录（随后输入密码；脚本可设置环境变量 {USER_ENV} 和 {PASSWORD_ENV}）。"
        "数据库有用户账户后，修改数据、导出完整证件号码、备份和恢复须登录",
    )
    return options


def command_actor(ctx: ServiceContext, args: argparse.Namespace) -> Actor:
    """Who the command acts as: the operating-system user, or the account it signed in with."""
    from fupin_desktop.services.context import system_actor

    if not needs_sign_in(args):
        return system_actor()  # without loading the accounts (and the ORM models): `fupin info` is quick
    from fupin_desktop.services.accounts import authenticate, has_users

    if not has_users(ctx):
        return system_actor()
    username = getattr(args, "sign_in_user", None) or os.environ.get(USER_ENV, "").strip()
    if not username:
        raise PermissionDenied(
            "这个数据库已设置用户账户：修改数据、导出完整证件号码、备份和恢复须先登录。"
            f"请加 --user 用户名（随后输入密码），脚本中可设置环境变量 {USER_ENV} 和 {PASSWORD_ENV}。"
        )
    sign_in = authenticate(ctx, username, _password(username))
    if sign_in.must_change_password:
        raise PermissionDenied(
            f"账户“{username}”须先修改密码：请在程序窗口中登录并设置自己的密码，再使用命令行。"
        )
    return sign_in.actor


def _password(username: str) -> str:
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"{username} 的密码：")
    raise PermissionDenied(
        f"无法询问 {username} 的密码（不是在命令行窗口中运行）。脚本中请设置环境变量 {PASSWORD_ENV}。"
    )


def signed_in(paths: DataPaths, args: argparse.Namespace, handler: Handler) -> int:
    """Open (and migrate) the database, sign in if the command needs it, run `handler`, close."""
    from fupin_desktop.db.engine import open_database
    from fupin_desktop.services.context import ServiceContext, system_actor

    db = open_database(paths)
    try:
        ctx = ServiceContext(db=db, actor=system_actor())
        return handler(ctx.acting_as(command_actor(ctx, args)), args)
    finally:
        db.dispose()


def with_context(handler: Handler) -> Callable[[DataPaths, argparse.Namespace], int]:
    """Wrap a handler for `set_defaults(handler=...)`: `signed_in` with it."""

    def run(paths: DataPaths, args: argparse.Namespace) -> int:
        return signed_in(paths, args, handler)

    return run


def handlers(module: str) -> Callable[[str], Handler]:
    """`handlers("basic")("run_info")`: the handler `run_info` of `fupin_desktop.cli.basic`, imported when
    the command runs. The parsers (`cli.parsers`) import no service: `fupin --help` and every command
    start without loading SQLAlchemy, reportlab or openpyxl (issue 18)."""

    def handler(name: str) -> Handler:
        def run(ctx: Any, args: argparse.Namespace) -> int:  # `ctx` is DataPaths for `restore`
            return getattr(importlib.import_module(f"fupin_desktop.cli.{module}"), name)(ctx, args)

        return run

    return handler


def add_command(
    subparsers: Any,
    common: argparse.ArgumentParser,
    name: str,
    help_text: str,
    handler: Handler,
    *,
    sign_in: bool = True,
) -> argparse.ArgumentParser:
    """A command parser; `sign_in=False` for a read-only command that has its own use for `--user`."""
    parents = [common] if sign_in else [data_dir_options()]
    parser = subparsers.add_parser(name, help=help_text, description=help_text, parents=parents)
    parser.set_defaults(handler=with_context(handler))
    return parser


_DAY = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(?:(\d{1,2})日?)?$")


def parse_day(text: str) -> date:
    """2026-09-15, 2026-09 (the 1st), 202609, 2026年9月 …"""
    match = _DAY.match(text.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = match.groups()
        return date(int(year), int(month), int(day or 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"无法识别的日期“{text}”，请写成 2026-09 或 2026-09-15") from None


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def run_with_progress(job: Job[T]) -> T:
    """Run a job, showing a one-line progress indicator on an interactive terminal."""
    interactive = sys.stderr.isatty()
    last = [""]

    def show(progress: Progress) -> None:
        if not interactive:
            return
        text = progress.stage
        if progress.total:
            text += f" {progress.done}/{progress.total}"
        if text != last[0]:
            sys.stderr.write("\r" + text.ljust(40))
            sys.stderr.flush()
            last[0] = text

    try:
        return run_job(job, show)
    finally:
        if interactive and last[0]:
            sys.stderr.write("\r" + " " * 40 + "\r")
