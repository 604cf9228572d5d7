"""`fupin backup [-o DIR]` and `fupin restore FILE [--yes]`: signed in once the database has accounts
(cli.common), except the recovery of a damaged database, whose accounts cannot be read.

The handlers; the options and help texts are in `cli.parsers.backup`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fupin_desktop.cli.common import run_with_progress, signed_in
from fupin_desktop.db.backup import BackupContents
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import Permission, ServiceContext, system_actor
from fupin_desktop.services.storage import (
    backup_to,
    database_problems,
    inspect_backup,
    recover_database,
    restore_backup,
    sqlite_problem_in_chinese,
)

NOT_CONFIRMED_EXIT = 2


def run_backup(ctx: ServiceContext, args: argparse.Namespace) -> int:
    folder = Path(args.output).expanduser() if args.output else ctx.paths.backups
    target = backup_to(ctx, folder)
    print(f"已备份到：{target}")
    return 0


def run_restore(paths: DataPaths, args: argparse.Namespace) -> int:
    paths.ensure()
    source = Path(args.file).expanduser()
    contents = inspect_backup(source, database=paths.database)
    problems = database_problems(paths)
    if problems:
        # the accounts are inside the damaged file: whoever may use the data folder recovers it
        print(describe(contents))
        print(
            f"当前数据库已损坏（{sqlite_problem_in_chinese(problems[0])}），将移到 backups/damaged 后恢复。"
        )
        if not args.yes and not confirmed():
            return NOT_CONFIRMED_EXIT
        result = recover_database(paths, source, system_actor())
        print(f"已从备份恢复。已损坏的数据库保存在：{result.previous}")
        return 0
    return signed_in(paths, args, lambda ctx, _args: _restore(ctx, args, contents))


def _restore(ctx: ServiceContext, args: argparse.Namespace, contents: BackupContents) -> int:
    """Signed in (when the database has accounts) before asking: a refused sign-in asks nothing."""
    ctx.require(Permission.RESTORE)
    source = Path(args.file).expanduser()
    print(describe(contents))
    if not args.yes and not confirmed():
        return NOT_CONFIRMED_EXIT
    result = run_with_progress(restore_backup(ctx, source))
    print("已从备份恢复。")
    if result.previous is not None:
        print(f"恢复前的数据已另存为：{result.previous}")
    return 0


def describe(contents: BackupContents) -> str:
    township = contents.township or "（未设置乡镇名称）"
    return (
        f"备份文件：{contents.path}\n"
        f"备份时间：{contents.taken_at:%Y-%m-%d %H:%M}\n"
        f"内容：{township}，{contents.households} 户 {contents.members} 人"
    )


def confirmed() -> bool:
    """Ask on an interactive terminal; refuse (never guess) when nobody can answer."""
    if not sys.stdin or not sys.stdin.isatty():
        print(
            "未恢复：恢复会用备份替换当前全部数据，需要确认。请在命令行窗口中运行并回答，或加 --yes。",
            file=sys.stderr,
        )
        return False
    answer = input("恢复后，当前数据将被这个备份替换（当前数据会先另存为备份）。确定恢复吗？[y/N] ")
    if answer.strip().lower() in ("y", "yes", "是"):
        return True
    print("已取消，数据没有改变。", file=sys.stderr)
    return False
