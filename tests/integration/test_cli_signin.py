"""Issue 20 §6: once the database has accounts, the command line signs in for whatever changes data,
shows full ID numbers, backs up or restores, bound by the account's role; read-only commands stay open."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from fupin_desktop.cli import common, main
from fupin_desktop.db.backup import list_backups
from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.accounts.users import change_own_password
from fupin_desktop.services.context import Actor, Role, ServiceContext
from tests.support.databases import fingerprint

ADMIN_PASSWORD = "admin-password"
CLERK_PASSWORD = "clerk-password"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def usernames(folder: Path) -> list[str]:
    with sqlite3.connect(DataPaths(folder).database) as connection:
        return [r[0] for r in connection.execute("SELECT username FROM user_account ORDER BY id")]


def last_audit(folder: Path) -> tuple[str, str]:
    with sqlite3.connect(DataPaths(folder).database) as connection:
        return connection.execute(
            "SELECT user_name, action FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()


@pytest.fixture
def accounts(demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo with an administrator zhang (made from the command line) and a clerk li (signed in once)."""
    monkeypatch.delenv("FUPIN_USER", raising=False)
    monkeypatch.delenv("FUPIN_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("clerk-first-1\n"))
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "users", "add", "li", "--role", "录入员")
    assert code == 1 and "第一个账户须是管理员" in err and usernames(demo_dir) == []
    monkeypatch.setattr(sys, "stdin", io.StringIO(ADMIN_PASSWORD + "\n"))
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "users", "add", "zhang", "--role", "管理员")
    assert code == 0 and "已新增管理员" in out
    monkeypatch.setattr(sys, "stdin", io.StringIO("clerk-first-1\n"))
    with monkeypatch.context() as signed:
        signed.setenv("FUPIN_USER", "zhang")
        signed.setenv("FUPIN_PASSWORD", ADMIN_PASSWORD)
        code, _, err = run(capsys, "--data-dir", str(demo_dir), "users", "add", "li", "--name", "李会计")
    assert code == 0, err
    db = open_database(DataPaths(demo_dir))
    try:
        ctx = ServiceContext(db=db, actor=Actor("li", "李会计", Role.CLERK))
        change_own_password(ctx, "clerk-first-1", CLERK_PASSWORD)
    finally:
        db.dispose()
    return demo_dir


def sign_in(monkeypatch: pytest.MonkeyPatch, user: str, password: str) -> None:
    monkeypatch.setenv("FUPIN_USER", user)
    monkeypatch.setenv("FUPIN_PASSWORD", password)


def test_unsigned_changes_are_refused_once_there_are_accounts(
    accounts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = str(accounts)
    before = fingerprint(DataPaths(accounts).database)
    monkeypatch.setattr(sys, "stdin", io.StringIO("mallory-password\n"))
    code, _, err = run(capsys, "--data-dir", folder, "users", "add", "mallory", "--role", "管理员")
    assert code == 2 and "须先登录" in err and "--user" in err and "FUPIN_PASSWORD" in err
    code, _, err = run(capsys, "--data-dir", folder, "users", "reset-password", "zhang")
    assert code == 2 and "须先登录" in err
    out = tmp_path / "成员.xlsx"
    code, _, err = run(capsys, "--data-dir", folder, "export", "members", "-o", str(out), "--full-id")
    assert code == 2 and "须先登录" in err and not out.exists()
    backups = list_backups(accounts / "backups")
    code, _, err = run(capsys, "--data-dir", folder, "backup")
    assert code == 2 and "须先登录" in err
    assert main(["--data-dir", folder, "restore", str(tmp_path / "any.sqlite"), "--yes"]) == 2  # no such file
    capsys.readouterr()
    assert fingerprint(DataPaths(accounts).database) == before
    assert usernames(accounts) == ["zhang", "li"] and list_backups(accounts / "backups") == backups


def test_an_unsigned_restore_is_refused_before_anything_is_asked_or_changed(
    accounts: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as signed:
        sign_in(signed, "zhang", ADMIN_PASSWORD)
        assert main(["--data-dir", str(accounts), "backup"]) == 0
    backup = list_backups(accounts / "backups")[0].path
    capsys.readouterr()
    before = fingerprint(DataPaths(accounts).database)
    code, out, err = run(capsys, "--data-dir", str(accounts), "restore", str(backup), "--yes")
    assert code == 2 and "须先登录" in err and "已从备份恢复" not in out
    assert fingerprint(DataPaths(accounts).database) == before
    sign_in(monkeypatch, "zhang", ADMIN_PASSWORD)
    code, out, _ = run(capsys, "--data-dir", str(accounts), "restore", str(backup), "--yes")
    assert code == 0 and "已从备份恢复" in out
    assert last_audit(accounts) == ("zhang", "恢复")


def test_read_only_commands_stay_open(
    accounts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(accounts)
    for argv in (
        ["info", "--json"],
        ["users", "list"],
        ["audit", "--limit", "3"],
        ["audit", "verify"],
        ["tasks", "list"],
        ["export", "members", "-o", str(tmp_path / "脱敏.xlsx")],
    ):
        code, _, err = run(capsys, "--data-dir", folder, *argv)
        assert code == 0, (argv, err)
    assert (tmp_path / "脱敏.xlsx").exists()


def test_the_right_sign_in_works_and_is_audited_as_that_account(
    accounts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(monkeypatch, "zhang", ADMIN_PASSWORD)
    out = tmp_path / "成员.xlsx"
    code, _, err = run(capsys, "--data-dir", str(accounts), "export", "members", "-o", str(out), "--full-id")
    assert code == 0, err
    assert out.exists() and last_audit(accounts) == ("zhang", "导出完整证件号码")


def test_user_asks_for_the_password_on_the_terminal(
    accounts: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return ADMIN_PASSWORD if len(asked) == 1 else "new-password-1"

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(common.getpass, "getpass", getpass)
    monkeypatch.setattr("fupin_desktop.cli.users.getpass.getpass", getpass)
    code, _, err = run(capsys, "--data-dir", str(accounts), "users", "add", "wang", "--user", "zhang")
    assert asked[0] == "zhang 的密码："
    assert code == 0, err
    assert usernames(accounts) == ["zhang", "li", "wang"]


def test_a_wrong_password_changes_nothing(
    accounts: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(monkeypatch, "zhang", "not-the-password")
    monkeypatch.setattr(sys, "stdin", io.StringIO("mallory-password\n"))
    code, _, err = run(capsys, "--data-dir", str(accounts), "users", "add", "mallory")
    assert code == 2 and "用户名或密码不正确" in err
    assert usernames(accounts) == ["zhang", "li"]
    monkeypatch.setenv("FUPIN_USER", "nobody")
    code, _, err_unknown = run(capsys, "--data-dir", str(accounts), "users", "add", "mallory")
    assert code == 2 and err_unknown == err  # a known name reads as an unknown one


def test_a_clerk_is_bound_by_the_clerks_role(
    accounts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(monkeypatch, "li", CLERK_PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO("mallory-password\n"))
    code, _, err = run(capsys, "--data-dir", str(accounts), "users", "add", "mallory", "--role", "管理员")
    assert code == 2 and "没有“管理用户”的权限" in err
    out = tmp_path / "成员.xlsx"
    code, _, err = run(capsys, "--data-dir", str(accounts), "export", "members", "-o", str(out), "--full-id")
    assert code == 2 and "导出完整证件号码" in err and not out.exists()
    code, _, err = run(capsys, "--data-dir", str(accounts), "backup", "-o", str(tmp_path / "U盘"))
    assert code == 2 and "备份到其他位置" in err
    assert usernames(accounts) == ["zhang", "li"]
    code, _, _ = run(capsys, "--data-dir", str(accounts), "snapshot")
    assert code == 0 and last_audit(accounts)[0] == "李会计(li)"


def test_an_account_that_must_change_its_password_is_sent_to_the_window(
    accounts: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(monkeypatch, "zhang", ADMIN_PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO("temporary-1\n"))
    assert main(["--data-dir", str(accounts), "users", "add", "wang"]) == 0
    sign_in(monkeypatch, "wang", "temporary-1")
    code, _, err = run(capsys, "--data-dir", str(accounts), "snapshot")
    assert code == 2 and "须先修改密码" in err
