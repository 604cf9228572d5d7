"""`fupin backup`, `fupin restore`, `fupin users`: the command line acts as the operating-system user."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fupin_desktop.cli import main
from fupin_desktop.db.backup import list_backups
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import system_actor
from tests.support.databases import damage, fingerprint


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def last_audit(folder: Path) -> tuple[str, str, str]:
    with sqlite3.connect(DataPaths(folder).database) as connection:
        return connection.execute(
            "SELECT user_name, action, summary FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()


def set_township(folder: Path, name: str) -> None:
    with sqlite3.connect(DataPaths(folder).database) as connection:
        connection.execute("UPDATE setting SET value = ? WHERE key = 'township'", (json.dumps(name),))


def test_backup_into_the_data_folder_and_elsewhere(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "backup")
    assert code == 0 and "已备份到" in out
    assert [b.reason for b in list_backups(demo_dir / "backups")] == ["手动"]
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "backup", "-o", str(tmp_path / "usb"))
    assert code == 0 and str(tmp_path / "usb") in out
    assert len(list((tmp_path / "usb").glob("fupin_*.sqlite"))) == 1
    user, action, _ = last_audit(demo_dir)
    assert (user, action) == (system_actor().label, "备份")
    assert user.startswith("系统用户 ")


def test_restore_without_yes_on_a_non_interactive_stdin_refuses_with_exit_2(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "--data-dir", str(demo_dir), "backup")
    backup = list_backups(demo_dir / "backups")[0].path
    set_township(demo_dir, "改名镇")
    before = fingerprint(DataPaths(demo_dir).database)
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped input is not an answer
    code, out, err = run(capsys, "--data-dir", str(demo_dir), "restore", str(backup))
    assert code == 2
    assert "需要确认" in err and "--yes" in err
    assert "600 户" in out  # it said what the backup holds
    assert fingerprint(DataPaths(demo_dir).database) == before


def test_restore_with_yes(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--data-dir", str(demo_dir), "backup")
    backup = list_backups(demo_dir / "backups")[0].path
    set_township(demo_dir, "改名镇")
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "restore", str(backup), "--yes")
    assert code == 0 and "已从备份恢复" in out and "恢复前" in out
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "info", "--json")
    assert json.loads(out)["households"] == 600
    user, action, summary = last_audit(demo_dir)
    assert (user, action) == (system_actor().label, "恢复") and backup.name in summary


def test_restore_of_a_bad_file_exits_2_and_changes_nothing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 500)
    before = fingerprint(DataPaths(demo_dir).database)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "restore", str(bad), "--yes")
    assert code == 2 and "已损坏或不是数据库" in err and "Traceback" not in err
    assert fingerprint(DataPaths(demo_dir).database) == before


def test_restore_recovers_a_database_too_damaged_to_open(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--data-dir", str(demo_dir), "backup")
    backup = list_backups(demo_dir / "backups")[0].path
    database = DataPaths(demo_dir).database
    database.write_bytes(b"\0garbage" * 4096)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "info")
    assert code == 2 and "已损坏" in err and "fupin restore" in err
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "restore", str(backup), "--yes")
    assert code == 0 and "当前数据库已损坏" in out and "damaged" in out
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "info", "--json")
    assert code == 0 and json.loads(out)["households"] == 600
    assert len(list((demo_dir / "backups" / "damaged").glob("*.sqlite"))) == 1


def test_restore_recovers_a_database_with_damaged_pages(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--data-dir", str(demo_dir), "backup")
    backup = list_backups(demo_dir / "backups")[0].path
    damage(DataPaths(demo_dir).database)
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "restore", str(backup), "--yes")
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "info", "--json")
    assert json.loads(out)["households"] == 600


def test_restore_in_a_separate_process_reads_no_answer_from_a_closed_stdin(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--data-dir", str(demo_dir), "backup")
    backup = list_backups(demo_dir / "backups")[0].path
    result = subprocess.run(
        [sys.executable, "-m", "fupin_desktop", "--data-dir", str(demo_dir), "restore", str(backup)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert "--yes" in result.stderr.decode("utf-8")


def test_users_from_the_command_line(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-password\n"))
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "users", "add", "zhang", "--role", "管理员")
    assert code == 0 and "已新增管理员" in out  # the first account; from now on commands sign in
    monkeypatch.setenv("FUPIN_USER", "zhang")
    monkeypatch.setenv("FUPIN_PASSWORD", "admin-password")
    monkeypatch.setattr(sys, "stdin", io.StringIO("first-password\n"))
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "users", "add", "li", "--name", "李会计")
    assert code == 0 and "录入员" in out
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "users", "reset-password", "li")
    assert code == 1 and "至少需要 8 个字符" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO("second-password\n"))
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "users", "reset-password", "li")
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "users", "list", "--json")
    assert json.loads(out)["users"][1] == {
        "username": "li",
        "name": "李会计",
        "role": "录入员",
        "status": "正常",
        "last_login": None,
    }
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "users", "unlock", "nobody")
    assert code == 2 and "找不到用户" in err
    user, action, _ = last_audit(demo_dir)
    assert (user, action) == ("zhang", "登录")  # the unlock of nobody changed nothing
    with sqlite3.connect(DataPaths(demo_dir).database) as connection:
        reset = connection.execute("SELECT user_name FROM audit_log WHERE action = '重置密码'").fetchall()
    assert reset == [("zhang",)]
