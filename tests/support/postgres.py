"""A real PostgreSQL server for the test session, started from the distribution's binaries.

Each pytest process (each xdist worker) starts its own throw-away cluster in a temporary folder, on a
free local port, with password authentication over TCP (as an office server has it) and durability
switched off (nothing here must survive a
crash). Databases for tests are cloned from migrated templates with `CREATE DATABASE … TEMPLATE …`,
which copies files and takes a few milliseconds.

Without the binaries the PostgreSQL half of the suite is skipped with one clear reason, except where
it must run (CI, or FUPIN_REQUIRE_POSTGRES=1): there a missing server fails every test that needs it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import pytest

BIN_ENV = "FUPIN_PG_BIN"
REQUIRE_ENV = "FUPIN_REQUIRE_POSTGRES"
SUPERUSER = "fupin_test"
PASSWORD = "test-only-Pa55"
START_TIMEOUT_S = 60
MISSING = (
    "未找到 PostgreSQL 服务器程序（initdb、pg_ctl）：跳过测试的 PostgreSQL 部分。"
    "安装：sudo apt-get install postgresql，或用 FUPIN_PG_BIN 指向其 bin 文件夹。"
)


def postgres_required() -> bool:
    """CI (or a developer who asks) must run the PostgreSQL half: missing binaries are a failure."""
    return bool(os.environ.get(REQUIRE_ENV) or os.environ.get("CI"))


def find_bin_dir() -> Path | None:
    """FUPIN_PG_BIN (when set, the only place looked at), else the folder of `initdb` on PATH, else the
    newest /usr/lib/postgresql/N/bin (Debian keeps the server programs off PATH)."""
    if os.environ.get(BIN_ENV):
        candidates = [Path(os.environ[BIN_ENV])]
    else:
        on_path = shutil.which("initdb")
        candidates = [Path(on_path).resolve().parent] if on_path else []
        versions = Path("/usr/lib/postgresql")
        if versions.is_dir():
            numbered = [p for p in versions.iterdir() if p.name.isdigit()]
            candidates += [p / "bin" for p in sorted(numbered, key=lambda p: int(p.name), reverse=True)]
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unprivileged_user() -> str | None:
    """initdb refuses to run as root: as root, the cluster belongs to `postgres` (or `nobody`)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("以 root 运行测试时需要系统用户 postgres 或 nobody 来运行 PostgreSQL 服务器")


@dataclass
class PostgresServer:
    """One running cluster; `url(name)` is a SQLAlchemy URL for one of its databases."""

    bin_dir: Path
    root: Path
    port: int
    user: str | None
    _names: Iterator[int] = field(default_factory=lambda: count(1))

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            user=self.user,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S,
            check=False,
        )
        if result.returncode:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{args[0]} 失败（{result.returncode}）：{result.stderr}{result.stdout}\n{tail}"
            )

    def start(self) -> None:
        if self.user:
            shutil.chown(self.root, self.user)
        password_file = self.root / "password"
        password_file.write_text(PASSWORD)
        self._run(
            "initdb",
            *("-D", str(self.data), "-U", SUPERUSER, "-E", "UTF8", "--locale=C"),
            *("--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={password_file}"),
        )
        for attempt in range(3):  # the free port found may be taken by another process meanwhile
            try:
                self._launch()
                return
            except RuntimeError:
                if attempt == 2 or "already in use" not in (self.root / "server.log").read_text(
                    errors="replace"
                ):
                    raise
                self.port = free_port()

    def _launch(self) -> None:
        options = " ".join(
            (
                f"-p {self.port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories='{self.root}'",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=100",
            )
        )
        # `pg_ctl start -w` returns once the server accepts connections (it does the waiting)
        self._run(
            "pg_ctl",
            "start",
            "-w",
            "-t",
            str(START_TIMEOUT_S),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
        )

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-m", "immediate", "-w", "-D", str(self.data))

    def admin(self, *statements: str) -> None:
        """Run statements outside a transaction (CREATE/DROP DATABASE) on the maintenance database."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            password=PASSWORD,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            for statement in statements:
                connection.execute(statement)

    def new_database(self, template: str | None = None) -> str:
        """A new database's name, empty or cloned from `template` (which nobody may be connected to)."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server() -> PostgresServer | None:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return None
    root = Path(tempfile.mkdtemp(prefix="fupin-pg-"))
    server = PostgresServer(bin_dir=bin_dir, root=root, port=free_port(), user=_unprivileged_user())
    try:
        server.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's server: skips (or, where required, fails) when PostgreSQL is not installed."""
    server = start_server()
    if server is None:
        if postgres_required():
            pytest.fail(MISSING.replace("跳过", "CI 上必须运行"), pytrace=False)
        pytest.skip(MISSING)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def pg_database(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh, empty (not migrated) database on the session's server."""
    name = postgres_server.new_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)
