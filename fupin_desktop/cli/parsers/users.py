"""`fupin users list|add|reset-password|unlock|recover-admin`: options, help texts and choices.

The handlers are in `cli.users`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from typing import Any

from fupin_desktop.cli.common import add_command, data_dir_options, handlers
from fupin_desktop.domain.roles import Role

run = handlers("users")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    users = add_command(
        subparsers,
        common,
        "users",
        "用户账户：列出、新增、重置密码、解除锁定（有账户后须以管理员登录，--user）",
        run("run_users"),
    )
    actions = users.add_subparsers(dest="action", metavar="操作", required=True)
    listing = actions.add_parser("list", help="列出全部用户", parents=[common])
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    add = actions.add_parser("add", help="新增用户（随后输入初始密码，首次登录时须修改）", parents=[common])
    add.add_argument("username", metavar="用户名")
    add.add_argument("--name", default="", metavar="姓名", help="显示的姓名（默认同用户名）")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.CLERK.value, help="角色")
    reset = actions.add_parser(
        "reset-password", help="重置密码（忘记密码时；下次登录时须修改）", parents=[common]
    )
    reset.add_argument("username", metavar="用户名")
    unlock = actions.add_parser("unlock", help="解除因输错密码造成的锁定", parents=[common])
    unlock.add_argument("username", metavar="用户名")
    recover = actions.add_parser(
        "recover-admin",
        help="唯一的管理员忘记密码时重置（不用登录：在存放数据库文件的电脑上运行；"
        "服务器数据库由服务器数据库管理员运行）；记入审计日志，下次登录时须修改",
        parents=[data_dir_options()],  # no --user: nobody is left who could sign in
    )
    recover.add_argument("username", metavar="用户名")
    recover.add_argument("--yes", action="store_true", help="不询问确认（脚本中使用）")
    recover.set_defaults(handler=run("run_recover_admin"))  # opens the database itself, signing nobody in
