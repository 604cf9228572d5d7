"""Opening the database: SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL URL.

`open_database()` is the one way in: it creates the data folder, refuses a database written by a newer
program, copies the database into backups/ before migrating, upgrades it to the current schema with
Alembic and seeds the default code lists and settings. Everything SQLite-specific lives in this module.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from fupin_desktop.db.migrations.head import SCHEMA_HEAD
from fupin_desktop.errors import DatabaseProblem
from fupin_desktop.paths import DataPaths, migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True, slots=True)
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    paths: DataPaths

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "handle_error", _environment_errors)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _environment_errors(context: ExceptionContext) -> None:
    """A locked, full, read-only or damaged database file is a message for the clerk, not a crash."""
    original = context.original_exception
    if not isinstance(original, sqlite3.DatabaseError) or isinstance(
        original, sqlite3.IntegrityError | sqlite3.ProgrammingError
    ):
        return
    problem = explain_database_error(
        original, Path(context.engine.url.database or "") if context.engine else Path()
    )
    if problem.environmental:
        raise problem


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest revision among the migration scripts (loads Alembic)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(create_engine("sqlite://")))
    head = script.get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    """Whether this program's migrations know `revision` (a database written by a newer one: no)."""
    if revision == SCHEMA_HEAD:
        return True
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(create_engine("sqlite://")))
    return any(r.revision == revision for r in script.walk_revisions())


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision, read without loading Alembic (start-up time matters)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_database(paths: DataPaths, *, url: str | None = None, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the database of a data folder."""
    paths.ensure()
    engine = make_engine(url or sqlite_url(paths.database))
    try:
        if migrate:
            upgrade_schema(engine, paths)
        _seed(engine)
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise explain_database_error(exc, paths.database) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), paths=paths)


def explain_database_error(exc: Exception, path: Path) -> DatabaseProblem:
    """Turn a driver error into a message a clerk can act on."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return DatabaseProblem(
            f"数据库 {path} 正被另一个程序占用（可能另一个本程序窗口或命令正在写入）。"
            "请稍候再试，或关闭其他窗口后重试。",
            environmental=True,
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseProblem(
            f"数据库文件 {path} 已损坏，无法打开。请从备份恢复（文件 → 恢复…，或命令 fupin restore）。",
            environmental=True,
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseProblem(
            f"数据库 {path} 是只读的。请检查文件夹权限，或换一个可写的数据文件夹。", environmental=True
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return DatabaseProblem(
            f"写入数据库 {path} 失败：磁盘已满或无法写入。请清理磁盘后重试。", environmental=True
        )
    if "unable to open" in text:
        return DatabaseProblem(f"无法打开数据库 {path}。请检查文件夹是否存在、是否可写。", environmental=True)
    return DatabaseProblem(f"数据库出错：{getattr(exc, 'orig', exc)}")


def upgrade_schema(engine: Engine, paths: DataPaths) -> None:
    """Bring the database to the current schema (after a backup copy); refuse a newer one."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return  # the usual case: no need to load Alembic at all
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(engine)
    script = ScriptDirectory.from_config(config)
    if current == script.get_current_head():
        return
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:
            raise DatabaseProblem(
                "这个数据库是由更新版本的程序写入的（数据库版本 "
                f"{current}），当前程序无法打开。请安装最新版本的程序后再打开。"
            ) from exc
    has_tables = bool(inspect(engine).get_table_names())
    if has_tables and engine.dialect.name == "sqlite":
        from fupin_desktop.db.backup import backup_database

        backup_database(engine, paths.backups, reason="升级前")
    command.upgrade(config, "head")


def _seed(engine: Engine) -> None:
    from fupin_desktop.db.seed import seed_defaults

    with Session(engine) as session, session.begin():
        seed_defaults(session)
