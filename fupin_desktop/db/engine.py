"""Opening the database: SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL URL.

`open_database()` is the one way in: it creates the data folder, refuses a database written by a newer
program, copies the database into backups/ before migrating, upgrades it to the current schema with
Alembic and seeds the default code lists and settings. Everything SQLite-specific lives in this module;
what is specific to a shared PostgreSQL server lives in `db/server.py`.
"""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, ExceptionContext
from sqlalchemy.exc import DatabaseError, OperationalError

from fupin_desktop.db import server
from fupin_desktop.db.migrations.head import SCHEMA_HEAD
from fupin_desktop.errors import DatabaseProblem, UserError
from fupin_desktop.paths import DataPaths, migrations_dir, resolve_database_url

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000
IMPORT_LOCK_WAIT_MS = 2000  # another window's short save finishes; another import is refused
IMPORT_BUSY_LOCAL = "另一个窗口或命令正在导入或写入这个数据库，请稍后再试。"


@dataclass(frozen=True, slots=True)
class Database:
    engine: Engine
    paths: DataPaths
    _made: list[sessionmaker[Session]] = field(default_factory=list, repr=False, compare=False)

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The ORM's sessions, made on first use: loading the ORM costs a command like `fupin info`,
        which reads through Core, about a tenth of a second (issue 18)."""
        if not self._made:
            from sqlalchemy.orm import sessionmaker

            self._made.append(sessionmaker(self.engine, expire_on_commit=False))
        return self._made[0]

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
    engine = create_engine(
        server.normalise_url(url),
        pool_pre_ping=True,
        connect_args={"connect_timeout": server.CONNECT_TIMEOUT_S, "application_name": "fupin"},
    )
    event.listen(engine, "handle_error", _server_errors)
    return engine


def _server_errors(context: ExceptionContext) -> None:
    """A server gone away or refusing this user is a message, not a crash (a ping is the pool's own)."""
    if context.is_pre_ping or not isinstance(context.sqlalchemy_exception, OperationalError):
        return
    if context.engine is None:
        return
    problem = server.explain_server_error(context.original_exception, context.engine.url)
    if problem.environmental:
        raise problem


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


def alembic_config(engine: Engine, paths: DataPaths | None = None) -> Config:
    """The migrations' configuration; `paths` tells a migration moving files where the data folder is."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["engine"] = engine
    if paths is not None:
        config.attributes["attachments"] = paths.attachments
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
    """Open (and create or upgrade) the database of a data folder: `url`, else the folder's server
    (`paths.database_url`), else FUPIN_DATABASE_URL, else the folder's own SQLite file."""
    paths.ensure()
    engine = make_engine(url or paths.database_url or resolve_database_url() or sqlite_url(paths.database))
    try:
        # several PCs starting at once on a new or older server database: one sets it up, the rest wait
        with server.upgrade_lock(engine) if engine.dialect.name != "sqlite" else nullcontext():
            if migrate:
                upgrade_schema(engine, paths)
            _seed(engine)
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise explain_database_error(exc, paths.database, url=engine.url) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(engine=engine, paths=paths)


def explain_database_error(exc: Exception, path: Path, *, url: URL | None = None) -> DatabaseProblem:
    """Turn a driver error into a message a clerk can act on (naming the server when `url` is one)."""
    if url is not None and url.get_backend_name() != "sqlite":
        return server.explain_server_error(exc, url)
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

    config = alembic_config(engine, paths)
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
    elif set(inspect(engine).get_table_names()) - {"alembic_version"}:
        raise DatabaseProblem(  # tables but no version: never create them again over the data
            "数据库缺少版本记录（alembic_version 表），无法判断它的结构版本，没有打开。"
            "它可能被其他工具改动过：请从备份恢复（文件 → 恢复…，或命令 fupin restore）。"
        )
    if engine.dialect.name != "sqlite":
        if current is not None and inspect(engine).get_table_names():
            server.backup_before_upgrade(engine, paths.backups, current, SCHEMA_HEAD)
        command.upgrade(config, "head")
        return
    if inspect(engine).get_table_names():
        from fupin_desktop.db.backup import backup_database

        backup_database(engine, paths.backups, reason="升级前")
    command.upgrade(config, "head")


def after_explicit_ids(session: Session) -> None:
    """After rows were inserted with ids chosen by the program (the demo township): a server's id
    sequences move past them, as SQLite's rowids do by themselves, so the next insert gets a free id."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        server.restart_id_sequences(connection)


def hold_import_lock(session: Session) -> None:
    """First thing in an import's transaction: hold the database's import lock until it commits, so two
    PCs (or a window and a command) never import at once; the second is refused with a message."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        server.try_import_lock(connection)
        return
    # SQLite's only lock is the write lock: take it now (a write that changes nothing) rather than at the
    # first real write, so the whole import, its planning included, sees one state of the database.
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    try:
        raw.execute(f"PRAGMA busy_timeout={IMPORT_LOCK_WAIT_MS}")
        raw.execute("UPDATE alembic_version SET version_num = version_num")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise UserError(IMPORT_BUSY_LOCAL) from exc
        raise explain_database_error(exc, Path(connection.engine.url.database or "")) from exc
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _seed(engine: Engine) -> None:
    from fupin_desktop.db.seed import default_codes, needs_seeding, seed_defaults

    codes = default_codes()
    with engine.connect() as connection:
        if not needs_seeding(connection, codes):
            return
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        seed_defaults(session, codes)
