"""The only administrator forgot their password: `fupin users recover-admin` at the PC that holds the
database resets it after a confirmation, audited; refused while another administrator could do it."""

from __future__ import annotations

import io
import sqlite3
import sys
import uuid
from pathlib import Path

import pytest

from fupin_desktop.cli import main
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.accounts import admin_recovery as admin_recovery
from fupin_desktop.services.accounts.admin_recovery import recover_admin
from fupin_desktop.services.accounts.users import LoginFailed, add_user, authenticate, create_first_admin
from fupin_desktop.services.context import Role, ServiceContext, system_actor


class Terminal(io.StringIO):
    """Typed answers at a command-line window."""

    def isatty(self) -> bool:
        return True


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sql(folder: Path, query: str, *params: object) -> list[tuple]:
    with sqlite3.connect(DataPaths(folder).database) as connection:
        return connection.execute(query, params).fetchall()


@pytest.fixture
def only_admin(demo_dir: Path) -> Path:
    """The demo township with one administrator, zhang, locked out after five wrong passwords."""
    from tests.conftest import _context

    ctx = _context(demo_dir)
    create_first_admin(ctx, "zhang", "张站长", "forgotten-pass")
    ctx.db.dispose()
    sql(demo_dir, "UPDATE user_account SET failed_attempts = 5, locked_until = '2099-01-01 00:00:00'")
    return demo_dir


def _signs_in(folder: Path, password: str) -> bool:
    from tests.conftest import _context

    ctx = _context(folder)
    try:
        return authenticate(ctx, "zhang", password).must_change_password
    except LoginFailed:
        return False
    finally:
        ctx.db.dispose()


def test_the_only_administrator_gets_a_new_password_at_the_pc_holding_the_database(
    only_admin: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("brand-new-pass\n"))
    code, out, err = run(capsys, "--data-dir", str(only_admin), "users", "recover-admin", "zhang", "--yes")
    assert code == 0, err
    assert "已重置管理员 zhang 的密码" in out and "下次登录时须修改" in out
    user, action, summary = sql(
        only_admin, "SELECT user_name, action, summary FROM audit_log ORDER BY id DESC LIMIT 1"
    )[0]
    assert (user, action) == (system_actor().label, "重置密码")
    assert "唯一的管理员“zhang”忘记密码" in summary and "本机数据库文件" in summary
    assert _signs_in(only_admin, "brand-new-pass") is True  # unlocked; must choose a password now
    assert _signs_in(only_admin, "forgotten-pass") is False
    code, out, _ = run(capsys, "--data-dir", str(only_admin), "audit", "verify")
    assert code == 0  # the reset is a link of the chain like any other row


def test_the_reset_asks_for_the_user_name_again_at_a_terminal(
    only_admin: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sql(only_admin, "SELECT password_hash FROM user_account")
    monkeypatch.setattr(sys, "stdin", Terminal("li\n"))
    code, out, err = run(capsys, "--data-dir", str(only_admin), "users", "recover-admin", "zhang")
    assert code == 1 and "用户名不一致，密码没有改变" in err
    assert "记入审计日志" in out  # what the confirmation said it would do
    monkeypatch.setattr(sys, "stdin", io.StringIO("brand-new-pass\n"))
    code, _, err = run(capsys, "--data-dir", str(only_admin), "users", "recover-admin", "zhang")
    assert code == 1 and "--yes" in err  # a script must say so
    assert sql(only_admin, "SELECT password_hash FROM user_account") == before


def test_no_recovery_while_another_administrator_can_reset_it(
    only_admin: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import _context

    ctx = _context(only_admin)
    sql(only_admin, "UPDATE user_account SET failed_attempts = 0, locked_until = NULL")
    admin = authenticate(ctx, "zhang", "forgotten-pass").actor
    add_user(ctx.acting_as(admin), "li", "李会计", Role.CLERK, "initial-pass")
    ctx.db.dispose()
    before = sql(only_admin, "SELECT username, password_hash FROM user_account ORDER BY username")
    monkeypatch.setattr(sys, "stdin", io.StringIO("brand-new-pass\n"))
    code, _, err = run(capsys, "--data-dir", str(only_admin), "users", "recover-admin", "li", "--yes")
    assert code == 1 and "不是启用的管理员账户" in err and "用户管理" in err
    sql(only_admin, "UPDATE user_account SET role = '管理员' WHERE username = 'li'")
    code, _, err = run(capsys, "--data-dir", str(only_admin), "users", "recover-admin", "zhang", "--yes")
    assert code == 1 and "还有其他管理员（li）" in err and "reset-password zhang --user" in err
    code, _, err = run(capsys, "--data-dir", str(only_admin), "users", "recover-admin", "wu", "--yes")
    assert code == 2 and "找不到用户“wu”" in err
    assert sql(only_admin, "SELECT username, password_hash FROM user_account ORDER BY username") == before


def test_an_os_user_who_cannot_write_the_database_cannot_reset(
    only_admin: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sql(only_admin, "SELECT password_hash FROM user_account")
    monkeypatch.setattr(admin_recovery, "_may_write", lambda path: False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("brand-new-pass\n"))
    code, _, err = run(capsys, "--data-dir", str(only_admin), "users", "recover-admin", "zhang", "--yes")
    assert code == 2 and "不能写入数据库文件" in err and "fupin.sqlite" in err
    assert sql(only_admin, "SELECT password_hash FROM user_account") == before


def test_recovery_on_either_database(ctx: ServiceContext) -> None:
    """On a server the test connects as the database's owner, as the server's administrator would."""
    create_first_admin(ctx, "zhang", "张站长", "forgotten-pass")
    recover_admin(ctx.acting_as(system_actor()), "zhang", "brand-new-pass")
    assert authenticate(ctx, "zhang", "brand-new-pass").must_change_password
    with pytest.raises(LoginFailed):
        authenticate(ctx, "zhang", "forgotten-pass")


def test_a_server_role_that_does_not_own_the_database_is_refused(ctx: ServiceContext) -> None:
    """The role the township's PCs work with is not the server's administrator."""
    if ctx.db.is_sqlite:
        pytest.skip("a server database only: on a PC the database file's owner is the boundary")
    stranger = f"fupin_pc_{uuid.uuid4().hex[:8]}"
    with ctx.db.engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {stranger} NOLOGIN")
    try:
        with ctx.db.engine.connect() as connection:
            connection.exec_driver_sql(f"SET ROLE {stranger}")
            allowed = connection.scalar(admin_recovery._OWNER_OR_SUPERUSER)
            connection.exec_driver_sql("RESET ROLE")
        with ctx.db.engine.connect() as connection:
            owner = connection.scalar(admin_recovery._OWNER_OR_SUPERUSER)
    finally:
        with ctx.db.engine.begin() as connection:
            connection.exec_driver_sql(f"DROP ROLE {stranger}")
    assert allowed is False and owner is True
