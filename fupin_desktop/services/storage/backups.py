"""Backups and restores: 文件 → 备份到… / 恢复…, `fupin backup` / `fupin restore`, the automatic backup at
start, and recovering a damaged database from the latest good backup.

Every restore first backs up the database it replaces, and keeps the audit rows written since the
backup was taken, so neither data nor the audit trail is lost by restoring the wrong file.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.backup import (
    KEEP_ALL_WITHIN,
    BackupContents,
    backup_database,
    check_sqlite,
    copy_sqlite,
    database_file,
    list_backups,
    new_backup_file,
    read_contents,
    release_backup_file,
    restore_file,
    restore_into,
    rotate_own_backups,
    set_aside,
)
from fupin_desktop.db.engine import (
    Database,
    explain_database_error,
    is_known_revision,
    make_engine,
    sqlite_url,
    upgrade_schema,
)
from fupin_desktop.db.models import AuditLog
from fupin_desktop.errors import (
    DatabaseProblem,
    DataFolderError,
    InputUnreadable,
    UserError,
    describe_os_error,
)
from fupin_desktop.paths import DataPaths
from fupin_desktop.services import audit
from fupin_desktop.services.context import Actor, Permission, ServiceContext
from fupin_desktop.services.progress import Job, Progress, check_cancel

DAMAGED_FOLDER = "damaged"
RESTORE_WAIT_SECONDS = 10.0  # how long a restore waits for another program's write to finish


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: BackupContents
    previous: Path | None  # the replaced database, kept as a backup (None: there was none)
    carried_audit_rows: int


# ---------------------------------------------------------------- backing up


def backup_to(ctx: ServiceContext, folder: Path, *, reason: str = "手动") -> Path:
    """Copy the database (consistent while in use) into `folder`; returns the new file.

    A damaged database is refused (its copy would be as unusable), and the file appears only once its
    audit row is committed: a backup that cannot be audited is not left behind."""
    ctx.require(Permission.BACKUP)
    _require_sqlite(ctx)
    problems = database_problems(ctx.paths)
    if problems:
        raise DatabaseProblem(
            f"数据库 {ctx.paths.database} 已损坏（{sqlite_problem_in_chinese(problems[0])}），没有备份："
            "损坏的数据库备份出来也无法使用。请从备份恢复（文件 → 恢复…，或命令 fupin restore）。",
            environmental=True,
        )
    return _audited_backup(ctx, folder, reason, lambda target: f"备份数据库到 {target}")


def automatic_backup(ctx: ServiceContext, *, now: datetime | None = None) -> Path | None:
    """At start: back up into the data folder when the newest backup there is older than 24 hours.

    No permission is needed (it protects everyone's data and never leaves the data folder).
    """
    if not ctx.db.is_sqlite or not needs_automatic_backup(ctx.paths, now=now):
        return None
    return _audited_backup(
        ctx, ctx.paths.backups, "自动", lambda target: f"自动备份（距上次备份已超过24小时）：{target.name}"
    )


def needs_automatic_backup(paths: DataPaths, *, now: datetime | None = None) -> bool:
    newest = next(iter(list_backups(paths.backups)), None)
    return newest is None or (now or datetime.now()) - newest.taken_at >= KEEP_ALL_WITHIN


def _require_sqlite(ctx: ServiceContext) -> None:
    if not ctx.db.is_sqlite:
        raise UserError("服务器数据库（PostgreSQL）请由服务器管理员备份。")


def _audited_backup(ctx: ServiceContext, folder: Path, reason: str, summary: Callable[[Path], str]) -> Path:
    database = database_file(ctx.db.engine)
    with _backup_errors(folder):
        folder.mkdir(parents=True, exist_ok=True)
        target = new_backup_file(folder, reason)  # reserved: a backup started in the same second takes _1
        try:
            with audit.audited_output(ctx, target) as output:
                copy_sqlite(database, output.path)
                output.describe(action="备份", entity="database", entity_id=None, summary=summary(target))
        except BaseException:
            release_backup_file(target)
            raise
        rotate_own_backups(database, folder)
    return target


def _backup(ctx: ServiceContext, folder: Path, reason: str) -> Path:
    """An unaudited copy (the one a restore takes first; the restore's own row records it)."""
    _require_sqlite(ctx)
    with _backup_errors(folder):
        return backup_database(ctx.db.engine, folder, reason=reason)


@contextlib.contextmanager
def _backup_errors(folder: Path) -> Iterator[None]:
    try:
        yield
    except PermissionError as exc:
        raise DataFolderError(folder, exc) from exc
    except OSError as exc:
        raise UserError(describe_os_error(exc, folder)) from exc
    except sqlite3.Error as exc:
        raise UserError(
            f"备份失败（{sqlite_problem_in_chinese(str(exc))}）。请检查磁盘空间，或换一个备份位置。"
        ) from exc


# ---------------------------------------------------------------- checking a backup


# What SQLite says of a file it cannot use, as a clerk should read it (the rest is quoted as SQLite said it).
_SQLITE_PROBLEMS = {
    "file is not a database": "文件不是数据库",
    "database disk image is malformed": "数据库文件结构已损坏",
    "unable to open database file": "文件无法打开",
    "file is encrypted or is not a database": "文件不是数据库或已加密",
    "database is locked": "文件正被其他程序使用",
}


_SQLITE_MISSING = {"no such table: ": "缺少数据表 ", "no such column: ": "缺少数据列 "}


def sqlite_problem_in_chinese(problem: str) -> str:
    for english, chinese in _SQLITE_PROBLEMS.items():
        if problem.lower().startswith(english):
            return chinese
    for english, chinese in _SQLITE_MISSING.items():
        if problem.lower().startswith(english):
            return chinese + problem[len(english) :]
    return f"数据库文件无法使用（SQLite：{problem}）"


def inspect_backup(path: Path, *, database: Path | None = None) -> BackupContents:
    """Check a backup thoroughly (integrity and schema) and say what it holds; raises InputUnreadable."""
    path = Path(path)
    if not path.is_file():
        raise InputUnreadable(f"找不到备份文件 {path}。")
    if database is not None and database.exists() and path.resolve() == database.resolve():
        raise InputUnreadable(
            "这是当前正在使用的数据库文件，不是备份。请选择 backups 文件夹或U盘里的备份文件。"
        )
    problems = check_sqlite(path, thorough=True)
    if problems:
        raise InputUnreadable(
            f"备份文件 {path.name} 已损坏或不是数据库（{sqlite_problem_in_chinese(problems[0])}），"
            "不能用来恢复。请选择另一个备份。"
        )
    try:
        contents = read_contents(path)
    except sqlite3.Error as exc:
        raise InputUnreadable(
            f"{path.name} 不是本程序的数据库备份（{sqlite_problem_in_chinese(str(exc))}）。请选择另一个备份。"
        ) from exc
    if contents.revision is None or not is_known_revision(contents.revision):
        raise InputUnreadable(
            f"备份 {path.name} 是由更新版本的程序写入的（数据库版本 {contents.revision}），"
            "当前程序无法使用。请先安装最新版本的程序。"
        )
    return contents


# ---------------------------------------------------------------- restoring


def restore_backup(
    ctx: ServiceContext, source: Path, cancel: threading.Event | None = None
) -> Job[RestoreResult]:
    """Replace the database with a backup (管理员): check it, back up the current data, prepare the
    restored contents beside the database (the backup upgraded to the current schema, the audit rows
    written since it was taken, and the restore's own row), then put them in place in one transaction.

    Killed at any moment, the database holds either everything it held or the restored contents with
    every newer audit row: never the restored contents without them."""
    ctx.require(Permission.RESTORE)
    if not ctx.db.is_sqlite:
        raise UserError("服务器数据库（PostgreSQL）请由服务器管理员恢复。")
    yield Progress(0, 4, "检查备份文件")
    contents = inspect_backup(source, database=ctx.paths.database)
    check_cancel(cancel)
    yield Progress(1, 4, "备份当前数据")
    previous = _backup(ctx, ctx.paths.backups, "恢复前")
    check_cancel(cancel)
    yield Progress(2, 4, "准备恢复的数据")
    staged = _staging_file(ctx.paths.database)
    try:
        carried = _stage(ctx.paths, ctx.actor, source, staged, contents, previous=previous)
        check_cancel(cancel)
        yield Progress(3, 4, "恢复")
        try:
            restore_into(staged, ctx.paths.database, wait_seconds=RESTORE_WAIT_SECONDS)
        except sqlite3.Error as exc:
            raise _not_restored(exc, ctx.paths.database) from exc
    finally:
        _remove_staged(staged)
    ctx.db.dispose()  # pooled connections start afresh on the restored contents
    yield Progress(4, 4, "完成")
    return RestoreResult(restored=contents, previous=previous, carried_audit_rows=carried)


def recover_database(paths: DataPaths, source: Path, actor: Actor) -> RestoreResult:
    """Put a backup in place of a damaged (or missing) database that cannot be opened to sign in.

    Used at start and by `fupin restore` on a damaged database, both acting as the operating-system user
    at the PC (the accounts are inside the damaged file). The damaged file is moved to backups/damaged.
    """
    contents = inspect_backup(source, database=paths.database)
    paths.ensure()
    previous = None
    if paths.database.exists():
        try:
            previous = set_aside(paths.database, paths.backups / DAMAGED_FOLDER)
        except OSError as exc:
            raise UserError(
                f"无法移开已损坏的数据库 {paths.database}：{describe_os_error(exc, paths.database)}"
            ) from exc
    staged = _staging_file(paths.database)
    try:
        _stage(paths, actor, source, staged, contents, damaged=previous)
        _put_in_place(staged, paths.database)
    finally:
        _remove_staged(staged)
    return RestoreResult(restored=contents, previous=previous, carried_audit_rows=0)


def _staging_file(database: Path) -> Path:
    staged = database.with_name(database.name + ".restore-stage")
    _remove_staged(staged)  # left by a restore that was killed: never used
    return staged


def _remove_staged(staged: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            staged.with_name(staged.name + suffix).unlink(missing_ok=True)


def _stage(
    paths: DataPaths,
    actor: Actor,
    source: Path,
    staged: Path,
    contents: BackupContents,
    *,
    previous: Path | None = None,
    damaged: Path | None = None,
) -> int:
    """The restored contents, ready to put in place: a copy of `source` at the current schema holding the
    audit rows `previous` has and the backup does not, and the restore's own row; returns how many were
    carried over."""
    try:
        copy_sqlite(source, staged)
    except OSError as exc:
        raise UserError(f"没有恢复，当前数据没有改变。{describe_os_error(exc, staged)}") from exc
    except sqlite3.Error as exc:
        raise _not_restored(exc, paths.database) from exc
    engine = make_engine(sqlite_url(staged))
    try:
        upgrade_schema(engine, paths)
        ctx = ServiceContext(db=Database(engine, paths), actor=actor)
        with ctx.sessions.begin() as session:
            carried = _carry_audit_rows(session, previous) if previous else 0
            where = f"（原数据已备份为 {previous.name}）" if previous else ""
            if damaged is not None:
                where = f"（已损坏的数据库移至 {damaged}）"
            audit.record(
                session,
                actor,
                action="恢复",
                entity="database",
                entity_id=None,
                summary=f"从备份 {contents.path.name}（{contents.taken_at:%Y-%m-%d %H:%M}）恢复数据库{where}",
                after={"households": contents.households, "members": contents.members},
            )
    finally:
        engine.dispose()
    _single_file(staged)
    return carried


def _single_file(database: Path) -> None:
    """Fold the -wal back in, so the staged file can be read as a static single file."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def _put_in_place(source: Path, database: Path) -> None:
    try:
        restore_file(source, database)
    except PermissionError as exc:
        raise UserError(
            f"无法替换数据库 {database}：文件正被另一个程序使用，或文件夹只读。"
            "请关闭其他使用该数据库的程序（包括另一个本程序窗口）后重试。"
        ) from exc
    except OSError as exc:
        raise UserError(describe_os_error(exc, database)) from exc
    except sqlite3.Error as exc:
        raise _not_restored(exc, database) from exc


def _not_restored(exc: sqlite3.Error, database: Path) -> UserError:
    explained = explain_database_error(exc, database)
    message = explained.message if explained.environmental else sqlite_problem_in_chinese(str(exc)) + "。"
    return UserError(f"没有恢复，当前数据没有改变。{message}")


_CARRIED = ("at", "user_name", "action", "entity", "entity_id", "summary", "before", "after")


def _carry_audit_rows(session: Session, previous: Path) -> int:
    """Copy the audit rows the replaced database has and the restored one does not (newer than its last)."""
    newest = session.scalar(select(func.max(AuditLog.at)))
    connection = sqlite3.connect(previous.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        query = f"SELECT {', '.join(_CARRIED)} FROM audit_log"
        params: tuple[str, ...] = ()
        if newest is not None:
            query += " WHERE at > ?"
            params = (newest.strftime("%Y-%m-%d %H:%M:%S.%f"),)  # SQLAlchemy's stored form
        rows = connection.execute(query + " ORDER BY id", params).fetchall()
    finally:
        connection.close()
    for row in rows:
        value = dict(zip(_CARRIED, row, strict=True))
        value["at"] = datetime.fromisoformat(value["at"])
        audit.carry(session, **value)
    return len(rows)


# ---------------------------------------------------------------- start-up safety


def database_problems(paths: DataPaths) -> list[str]:
    """What `PRAGMA quick_check` finds wrong with the data folder's database (empty: sound or absent)."""
    if not paths.database.exists() or paths.database.stat().st_size == 0:
        return []
    return check_sqlite(paths.database, static=False)


def latest_good_backup(paths: DataPaths) -> BackupContents | None:
    """The newest backup in the data folder that passes the integrity check and this program can open."""
    for backup in list_backups(paths.backups):
        try:
            return inspect_backup(backup.path)
        except InputUnreadable:
            continue
    return None
