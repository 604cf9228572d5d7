"""Issue 19 §1, §8: choosing a server database, its errors in words a clerk can act on, and its safety
(a pg_dump before a schema upgrade, or a refusal until a backup is confirmed; no demo over its data)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from fupin_desktop.cli import main as cli
from fupin_desktop.db import server
from fupin_desktop.db.engine import alembic_config, current_revision, head_revision, open_database
from fupin_desktop.db.models import CodeItem, Household
from fupin_desktop.errors import DatabaseProblem, UserError
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.demo import generate_demo
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.storage.info import database_info
from tests.support.postgres import SUPERUSER, PostgresServer, free_port, start_server


@pytest.fixture
def server_demo(postgres_server: PostgresServer, pg_demo_template: str) -> Iterator[str]:
    """The URL of a fresh copy of the demo township on the server."""
    name = postgres_server.new_database(pg_demo_template)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


def _problem(url: str, tmp_path: Path, *, environmental: bool = True) -> DatabaseProblem:
    """Why the database at `url` does not open; `environmental`: the network or the server's setup
    (the window offers to re-enter the password or change the connection)."""
    with pytest.raises(DatabaseProblem) as caught:
        open_database(DataPaths(tmp_path / "pc", database_url=url))
    assert caught.value.environmental == environmental
    return caught.value


# ---------------------------------------------------------------- choosing it, and its errors


def test_every_command_works_on_the_server_named_by_fupin_database_url(
    server_demo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = server_demo.replace("postgresql+psycopg://", "postgresql://")  # as an administrator writes it
    monkeypatch.setenv("FUPIN_DATABASE_URL", plain)
    folder = tmp_path / "pc"
    assert cli(["--data-dir", str(folder), "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["households"] == 600
    assert not (folder / "fupin.sqlite").exists()  # nothing went into a local file


def test_a_server_that_does_not_answer_is_named_with_what_to_check(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    problem = _problem(f"postgresql://clerk:secret@127.0.0.1:{port}/fupin", tmp_path)
    assert problem.message.startswith(f"无法连接到数据库服务器 127.0.0.1:{port}：服务器没有响应。")
    assert f"防火墙须放行端口 {port}" in problem.message
    assert "secret" not in problem.message


def test_a_wrong_password_is_said_in_chinese(postgres_server: PostgresServer, tmp_path: Path) -> None:
    url = make_url(postgres_server.url("postgres")).set(password="not-the-password")
    problem = _problem(url.render_as_string(hide_password=False), tmp_path)
    assert problem.message.startswith(
        f"数据库用户名或密码不对（用户 {SUPERUSER}，服务器 127.0.0.1:{postgres_server.port}）。"
    )
    assert "not-the-password" not in problem.message


def test_a_database_missing_on_the_server_is_named(postgres_server: PostgresServer, tmp_path: Path) -> None:
    problem = _problem(postgres_server.url("no_such_township"), tmp_path)
    assert f"127.0.0.1:{postgres_server.port} 上没有名为 no_such_township 的数据库" in problem.message


def test_a_server_restarted_under_an_open_window_is_reconnected_to(
    postgres_server: PostgresServer, server_demo: str, tmp_path: Path
) -> None:
    ctx = ServiceContext(
        db=open_database(DataPaths(tmp_path / "pc", database_url=server_demo)), actor=LOCAL_ADMIN
    )
    try:
        assert database_info(ctx).households == 600
        name = make_url(server_demo).database
        # what a restart does to the window's pooled connections
        postgres_server.admin(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        )
        assert database_info(ctx).households == 600
    finally:
        ctx.db.dispose()


def test_a_server_gone_while_the_window_is_open_is_a_message(tmp_path: Path) -> None:
    own = start_server()  # this test stops its server; the session's stays up for the others
    assert own is not None
    try:
        name = own.new_database()
        ctx = ServiceContext(
            db=open_database(DataPaths(tmp_path / "pc", database_url=own.url(name))), actor=LOCAL_ADMIN
        )
        own.stop()
        with pytest.raises(DatabaseProblem) as caught:
            database_info(ctx)
        ctx.db.dispose()
    finally:
        own.stop()
        shutil.rmtree(own.root, ignore_errors=True)
    assert caught.value.environmental
    assert caught.value.message.startswith(f"无法连接到数据库服务器 127.0.0.1:{own.port}：服务器没有响应。")


def test_testing_a_connection_says_what_is_there(server_demo: str) -> None:
    said = server.check_connection(server_demo)
    assert said.startswith("已连接到 127.0.0.1:") and "PostgreSQL 15" in said
    assert f"数据库版本 {head_revision()}" in said


def test_two_pcs_opening_a_new_server_database_at_once_set_it_up_once(
    pg_database: str, tmp_path: Path
) -> None:
    def open_on_a_pc(pc: int) -> tuple[str | None, int]:
        db = open_database(DataPaths(tmp_path / f"pc{pc}", database_url=pg_database))
        try:
            with db.sessions() as session:
                return current_revision(db.engine), session.scalar(
                    select(func.count()).select_from(CodeItem)
                ) or 0
        finally:
            db.dispose()

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(open_on_a_pc, (1, 2))
    assert first == second and first[0] == head_revision() and first[1] > 0


# ---------------------------------------------------------------- safety


def _older_schema(url: str, tmp_path: Path) -> tuple[DataPaths, str]:
    """The server's database one migration behind, with a household in it."""
    paths = DataPaths(tmp_path / "pc", database_url=url)
    db = open_database(paths)
    config = alembic_config(db.engine)
    command.downgrade(config, "-1")
    older = current_revision(db.engine)
    db.dispose()
    assert older is not None
    return paths, older


def _households(url: str, tmp_path: Path) -> int:
    db = open_database(DataPaths(tmp_path / "reader", database_url=url), migrate=False)
    try:
        with db.sessions() as session:
            return session.scalar(select(func.count()).select_from(Household)) or 0
    finally:
        db.dispose()


def test_an_upgrade_on_a_server_is_preceded_by_a_pg_dump(
    postgres_server: PostgresServer, server_demo: str, tmp_path: Path
) -> None:
    paths, _older = _older_schema(server_demo, tmp_path)
    db = open_database(paths)
    head = current_revision(db.engine)
    db.dispose()
    assert head == head_revision()
    dumps = list(paths.backups.glob("fupin_server_*_升级前.dump"))
    assert len(dumps) == 1 and not list(paths.backups.glob("*.part"))
    listing = subprocess.run(
        [str(postgres_server.bin_dir / "pg_restore"), "--list", str(dumps[0])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE DATA public household" in listing


def test_without_pg_dump_the_upgrade_waits_for_an_administrators_backup(
    server_demo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, older = _older_schema(server_demo, tmp_path)
    monkeypatch.setattr(server, "find_pg_dump", lambda: None)  # a clerk's PC without PostgreSQL tools
    problem = _problem(server_demo, tmp_path, environmental=False)
    assert "需要升级" in problem.message and "升级前必须先备份" in problem.message
    assert "FUPIN_BACKUP_CONFIRMED=1" in problem.message and problem.message.endswith("数据库未升级。")
    db = open_database(paths, migrate=False)
    assert current_revision(db.engine) == older  # left as it was
    db.dispose()

    monkeypatch.setenv("FUPIN_BACKUP_CONFIRMED", "1")
    db = open_database(paths)
    try:
        assert current_revision(db.engine) != older
    finally:
        db.dispose()
    assert _households(server_demo, tmp_path) == 600


def test_demo_force_refuses_to_replace_a_servers_data(
    server_demo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = ServiceContext(
        db=open_database(DataPaths(tmp_path / "pc", database_url=server_demo)), actor=LOCAL_ADMIN
    )
    try:
        with pytest.raises(UserError, match="服务器上的数据库已有 600 户数据，示范数据不会替换它"):
            run_job(generate_demo(ctx, households=30, force=True))
    finally:
        ctx.db.dispose()
    monkeypatch.setenv("FUPIN_DATABASE_URL", server_demo)
    assert cli(["--data-dir", str(tmp_path / "pc"), "demo", "--households", "30", "--force"]) == 2
    assert "示范数据不会替换它" in capsys.readouterr().err
    assert _households(server_demo, tmp_path) == 600


def test_every_command_takes_database(
    server_demo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--database URL` chooses the server for any command, ahead of FUPIN_DATABASE_URL."""
    monkeypatch.delenv("FUPIN_DATABASE_URL", raising=False)
    assert cli(["--data-dir", str(tmp_path / "pc"), "--database", server_demo, "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["households"] == 600
    monkeypatch.setenv("FUPIN_DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    assert cli(["--data-dir", str(tmp_path / "pc"), "info", "--database", server_demo, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["households"] == 600


def test_ids_continue_after_the_demo_on_a_server(server_demo: str, tmp_path: Path) -> None:
    """The demo chooses its own ids; the server's sequences must not hand them out again."""
    db = open_database(DataPaths(tmp_path / "pc", database_url=server_demo))
    try:
        with db.sessions.begin() as session:
            largest = session.scalar(select(func.max(Household.id)))
            nextval = session.scalar(text("SELECT nextval(pg_get_serial_sequence('household', 'id'))"))
    finally:
        db.dispose()
    assert nextval == largest + 1


# ---------------------------------------------------------------- the suite's own server

NEEDS_SERVER = """
def test_on_the_server(postgres_server):
    assert postgres_server.port
"""


@pytest.mark.parametrize("on_ci", [False, True], ids=["developer", "ci"])
def test_missing_server_programs_skip_the_postgresql_half_but_fail_on_ci(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, on_ci: bool
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[2]))
    monkeypatch.setenv("FUPIN_PG_BIN", str(pytester.path / "no-postgresql-here"))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("FUPIN_REQUIRE_POSTGRES", raising=False)
    if on_ci:
        monkeypatch.setenv("FUPIN_REQUIRE_POSTGRES", "1")
    pytester.makepyfile(test_inner=NEEDS_SERVER)
    result = pytester.runpytest_subprocess("-p", "tests.support.postgres", "-p", "no:cacheprovider", "-rs")
    output = result.stdout.str()
    assert "未找到 PostgreSQL 服务器程序（initdb、pg_ctl）" in output
    if on_ci:
        assert result.parseoutcomes().get("errors") == 1 and "CI 上必须运行" in output, output
    else:
        assert result.parseoutcomes().get("skipped") == 1 and "跳过测试的 PostgreSQL 部分" in output, output
