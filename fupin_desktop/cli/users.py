"""`fupin users list|add|reset-password|unlock|recover-admin`: user accounts from the command line.

`users list` is open; the others sign in as an administrator once the database has accounts (cli.common).
On a database without accounts, `users add NAME --role 管理员` creates the first administrator.
`users recover-admin NAME` is for the only administrator's forgotten password: nobody can sign in to reset
it, so it runs as whoever holds the database (services.accounts.admin_recovery), after a confirmation.

The handlers; the options and help texts are in `cli.parsers.users`.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from fupin_desktop.cli.common import print_json
from fupin_desktop.db.engine import open_database
from fupin_desktop.errors import InputInvalid
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.accounts import (
    add_user,
    check_new_password,
    check_recovery,
    create_first_admin,
    has_users,
    list_users,
    recover_admin,
    reset_password,
    unlock_user,
)
from fupin_desktop.services.context import Role, ServiceContext, system_actor


def run_users(ctx: ServiceContext, args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list(ctx, json_output=args.json)
    if args.action == "add":
        if not has_users(ctx):
            return _add_first_admin(ctx, args)
        row = add_user(ctx, args.username, args.name, Role(args.role), read_new_password(args.username))
        print(f"已新增用户 {row.display_name}（{row.username}，{row.role}）。首次登录时须修改密码。")
        return 0
    if args.action == "reset-password":
        reset_password(ctx, args.username, read_new_password(args.username))
        print(f"已重置 {args.username} 的密码。下次登录时须修改。")
        return 0
    unlock_user(ctx, args.username)
    print(f"已解除 {args.username} 的锁定。")
    return 0


def run_recover_admin(paths: DataPaths, args: argparse.Namespace) -> int:
    db = open_database(paths)
    try:
        ctx = ServiceContext(db=db, actor=system_actor())
        where = check_recovery(ctx, args.username)
        if not args.yes:
            _confirm_recovery(args.username, where)
        recover_admin(ctx, args.username, read_new_password(args.username))
    finally:
        db.dispose()
    print(f"已重置管理员 {args.username} 的密码（已记入审计日志）。下次登录时须修改。")
    return 0


def _confirm_recovery(username: str, where: str) -> None:
    if not sys.stdin.isatty():
        raise InputInvalid("重置管理员密码须确认：请在命令行窗口中运行，或加 --yes。")
    print(
        f"将在{where}上重置管理员“{username}”的密码，不用登录。\n"
        "这一操作会记入审计日志（记为当前系统用户），管理员下次登录时须修改密码。"
    )
    if input("确认请再输入一次用户名：").strip().lower() != username.strip().lower():
        raise InputInvalid("输入的用户名不一致，密码没有改变。")


def _add_first_admin(ctx: ServiceContext, args: argparse.Namespace) -> int:
    """The first account is the administrator, choosing their own password (as at the window's first
    start): from then on the command line asks for a sign-in, and someone must be able to give it."""
    if args.role != Role.ADMIN.value:
        raise InputInvalid(
            "这个数据库还没有用户账户：第一个账户须是管理员（加 --role 管理员），否则以后没有人能管理用户。"
        )
    actor = create_first_admin(ctx, args.username, args.name, read_new_password(args.username))
    print(
        f"已新增管理员 {actor.display_name}（{actor.username}）。此后修改数据的命令须以账户登录（--user）。"
    )
    return 0


def _list(ctx: ServiceContext, *, json_output: bool) -> int:
    from datetime import datetime

    now = datetime.now()
    rows = list_users(ctx)
    if json_output:
        print_json(
            {
                "users": [
                    {
                        "username": r.username,
                        "name": r.display_name,
                        "role": r.role.value,
                        "status": r.status(now),
                        "last_login": r.last_login_at.isoformat(timespec="seconds")
                        if r.last_login_at
                        else None,
                    }
                    for r in rows
                ]
            }
        )
        return 0
    if not rows:
        print(
            "还没有用户账户：首次打开程序窗口时会要求创建管理员，也可以运行 fupin users add 用户名 --role 管理员。"
        )
    for r in rows:
        last = f"{r.last_login_at:%Y-%m-%d %H:%M}" if r.last_login_at else "从未登录"
        print(f"{r.username}\t{r.display_name}\t{r.role}\t{r.status(now)}\t上次登录：{last}")
    return 0


def read_new_password(username: str) -> str:
    """Twice on a terminal (hidden); one line on stdin otherwise (for scripts)."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"{username} 的新密码（至少 8 个字符）：")
        check_new_password(first, username)
        if getpass.getpass("再输入一次：") != first:
            raise InputInvalid("两次输入的密码不一致，密码没有改变。")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    check_new_password(line, username)
    return line
