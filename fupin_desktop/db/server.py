"""A shared PostgreSQL server (an office's or a county's): what is specific to it.

Connection errors in words a clerk can act on; `pg_dump` before a schema upgrade (or a refusal until an
administrator confirms a backup); the advisory locks that serialise imports and upgrades started on
several PCs at once.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL, make_url

from fupin_desktop.errors import DatabaseProblem, UserError

log = logging.getLogger(__name__)

DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 10
BACKUP_CONFIRMED_ENV = "FUPIN_BACKUP_CONFIRMED"
# pg_advisory locks take a bigint; these spell "fupinimp" and "fupinmig" so a DBA can tell them apart
IMPORT_LOCK_KEY = int.from_bytes(b"fupinimp") >> 1
UPGRADE_LOCK_KEY = int.from_bytes(b"fupinmig") >> 1
IMPORT_BUSY = "另一台电脑正在导入，请稍后再试。"


def normalise_url(url: str) -> str:
    """`postgresql://…` (what administrators write) means the psycopg 3 driver the program ships."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def server_label(url: URL | str) -> str:
    url = make_url(url) if isinstance(url, str) else url
    return f"{url.host or 'localhost'}:{url.port or DEFAULT_PORT}"


def server_url(host: str, port: int, database: str, user: str, password: str | None = None) -> str:
    """The URL of a database on a server (the password, when given, only ever lives in memory)."""
    return URL.create(
        "postgresql+psycopg",
        username=user or None,
        password=password or None,
        host=host,
        port=port,
        database=database,
    ).render_as_string(hide_password=False)


def explain_server_error(exc: BaseException, url: URL) -> DatabaseProblem:
    """A PostgreSQL or network error as a message naming the server and what to do."""
    raw = str(getattr(exc, "orig", None) or exc)
    lower = raw.lower()
    where = server_label(url)
    user = url.username or "（未填写）"
    if "password authentication failed" in lower or "no password supplied" in lower:
        return DatabaseProblem(
            f"数据库用户名或密码不对（用户 {user}，服务器 {where}）。"
            "请在 文件 → 数据库连接… 中检查用户名，再输入一次密码；忘记密码请找服务器管理员。",
            environmental=True,
        )
    if "pg_hba.conf" in lower:
        return DatabaseProblem(
            f"数据库服务器 {where} 不允许这台电脑以用户 {user} 连接（pg_hba.conf 中没有对应的条目，"
            "或要求加密连接）。请服务器管理员按 docs/server.md 放行本单位的网段。",
            environmental=True,
        )
    if "does not exist" in lower and "database" in lower:
        return DatabaseProblem(
            f"数据库服务器 {where} 上没有名为 {url.database} 的数据库。"
            "请检查数据库名称，或请服务器管理员先建立数据库（见 docs/server.md）。",
            environmental=True,
        )
    if "does not exist" in lower and "role" in lower:
        return DatabaseProblem(
            f"数据库服务器 {where} 上没有用户 {user}。请检查用户名，或请服务器管理员建立用户（见 docs/server.md）。",
            environmental=True,
        )
    if "permission denied" in lower or "must be owner" in lower:
        return DatabaseProblem(
            f"数据库用户 {user} 在服务器 {where} 上没有足够的权限（{raw.splitlines()[0]}）。"
            "请服务器管理员按 docs/server.md 把数据库交给这个用户。",
            environmental=True,
        )
    if "too many clients" in lower or "remaining connection slots" in lower:
        return DatabaseProblem(
            f"数据库服务器 {where} 的连接数已满。请稍后再试，或请服务器管理员调大 max_connections。",
            environmental=True,
        )
    if "translate host name" in lower or "resolve host" in lower or "name or service not known" in lower:
        return DatabaseProblem(
            f"无法连接到数据库服务器 {where}：找不到这个服务器名称。请在 文件 → 数据库连接… 中检查服务器地址。",
            environmental=True,
        )
    if any(
        word in lower
        for word in ("connection refused", "timeout expired", "timed out", "no route to host", "unreachable")
    ):
        return DatabaseProblem(
            f"无法连接到数据库服务器 {where}：服务器没有响应。请检查服务器是否开机、PostgreSQL 服务是否在运行，"
            f"以及这台电脑到服务器的网络（防火墙须放行端口 {url.port or DEFAULT_PORT}）。",
            environmental=True,
        )
    if (
        "server closed the connection" in lower
        or "terminating connection" in lower
        or "consuming input failed" in lower
    ):
        return DatabaseProblem(
            f"与数据库服务器 {where} 的连接中断了，刚才的操作没有保存。请检查网络后重试。",
            environmental=True,
        )
    return DatabaseProblem(f"数据库服务器 {where} 出错：{raw.splitlines()[0] if raw else type(exc).__name__}")


def check_connection(url: str) -> str:
    """Connect once, changing nothing: what the server and its database are, or the translated problem."""
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.exc import DBAPIError

    engine = create_engine(normalise_url(url), connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar()
            revision = None
            if inspect(connection).has_table("alembic_version"):
                revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        raise explain_server_error(exc, engine.url) from exc
    finally:
        engine.dispose()
    state = f"数据库版本 {revision}" if revision else "空数据库，第一次打开时建立数据表"
    return f"已连接到 {server_label(engine.url)}/{engine.url.database}（PostgreSQL {version}，{state}）。"


# ---------------------------------------------------------------- locks


def try_import_lock(connection: Connection) -> None:
    """Take the import lock for the current transaction, or refuse at once: an import runs for minutes,
    so waiting for another PC's would only look like a frozen window."""
    taken = connection.execute(
        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK_KEY}
    ).scalar()
    if not taken:
        raise UserError(IMPORT_BUSY)


@contextmanager
def upgrade_lock(engine: Engine) -> Iterator[None]:
    """Held while one PC upgrades the schema; a second PC starting meanwhile waits, then finds it done."""
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": UPGRADE_LOCK_KEY})
            connection.commit()


def restart_id_sequences(connection: Connection) -> None:
    """Every serial `id` column's sequence set past the table's largest id."""
    from fupin_desktop.db.models import Base

    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key or not table.c.id.autoincrement:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f'coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )


# ---------------------------------------------------------------- backup before an upgrade


def find_pg_dump() -> Path | None:
    """pg_dump on PATH, else the newest installed under the usual folders (Debian, Windows)."""
    on_path = shutil.which("pg_dump")
    if on_path:
        return Path(on_path)
    if sys.platform == "win32":
        roots = [Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "PostgreSQL"]
        name = "pg_dump.exe"
    else:
        roots = [Path("/usr/lib/postgresql")]
        name = "pg_dump"
    found = [p / "bin" / name for root in roots if root.is_dir() for p in root.iterdir()]
    found = [p for p in found if p.is_file()]
    return max(found, key=lambda p: _version_key(p.parent.parent.name)) if found else None


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def backup_confirmed() -> bool:
    return os.environ.get(BACKUP_CONFIRMED_ENV, "").strip() not in ("", "0")


def backup_before_upgrade(engine: Engine, folder: Path, current: str, head: str) -> Path | None:
    """pg_dump the server's database into `folder` before upgrading it from `current` to `head`.

    Without pg_dump, or when it fails, the upgrade is refused unless an administrator confirmed a backup
    of their own (FUPIN_BACKUP_CONFIRMED=1); then None."""
    where = f"{server_label(engine.url)}/{engine.url.database}"
    refusal = (
        f"服务器上的数据库 {where} 需要升级（版本 {current} → {head}），升级前必须先备份。"
        f"这台电脑上{{why}}。请服务器管理员先备份（pg_dump，见 docs/server.md），"
        f"然后设置环境变量 {BACKUP_CONFIRMED_ENV}=1 再打开一次程序（或运行一次 fupin info）。数据库未升级。"
    )
    pg_dump = find_pg_dump()
    if pg_dump is None:
        if backup_confirmed():
            log.warning("没有 pg_dump；管理员已确认备份，升级 %s", where)
            return None
        raise DatabaseProblem(refusal.format(why="没有安装 pg_dump，无法自动备份"))
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d_%H%M%S")
    target = folder / f"fupin_server_{engine.url.database}_{stamp}_升级前.dump"
    partial = folder / f"{target.name}.{os.getpid()}_{secrets.token_hex(4)}.part"
    result = _run_pg_dump(pg_dump, engine.url, partial)
    if result:
        partial.unlink(missing_ok=True)
        if backup_confirmed():
            log.warning("pg_dump 失败（%s）；管理员已确认备份，升级 %s", result, where)
            return None
        raise DatabaseProblem(refusal.format(why=f"用 pg_dump 备份失败：{result}"))
    while target.exists():  # two PCs in the same second: keep both files
        target = target.with_name(f"{target.stem}_{secrets.token_hex(2)}{target.suffix}")
    partial.replace(target)
    log.info("升级前已备份服务器数据库到 %s", target)
    return target


def _run_pg_dump(pg_dump: Path, url: URL, target: Path) -> str:
    """Run pg_dump (custom format, restorable with pg_restore); the error's first line, or ''."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # passed to the child only, never written anywhere
    command = [
        str(pg_dump),
        "--format=custom",
        "--no-password",  # never a prompt on a console nobody watches: PGPASSWORD or .pgpass
        f"--file={target}",
        f"--host={url.host or 'localhost'}",
        f"--port={url.port or DEFAULT_PORT}",
        f"--dbname={url.database}",
    ]
    if url.username:
        command.append(f"--username={url.username}")
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
        )
    except OSError as exc:
        return str(exc)
    if result.returncode == 0:
        return ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return lines[0] if lines else f"退出码 {result.returncode}"
