"""Issue 20 §7: what SQLite says reaches the clerk in Chinese: a database without its version record,
a file that is a database but not one of ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fupin_desktop.cli import main
from fupin_desktop.paths import DataPaths
from tests.support.databases import fingerprint


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_database_without_its_version_record_is_refused_with_a_clear_message(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = DataPaths(demo_dir).database
    with sqlite3.connect(database) as connection:
        connection.execute("DROP TABLE alembic_version")
    before = fingerprint(database)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "info")
    assert code == 2 and "缺少版本记录" in err and "fupin restore" in err
    assert "already exists" not in err and "程序内部错误" not in err
    assert fingerprint(database) == before


def test_restoring_a_database_that_is_not_ours_says_why_in_chinese(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "别的程序.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    before = fingerprint(DataPaths(demo_dir).database)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "restore", str(other), "--yes")
    assert code == 2
    assert (
        err.strip()
        == "别的程序.sqlite 不是本程序的数据库备份（缺少数据表 alembic_version）。请选择另一个备份。"
    )
    assert fingerprint(DataPaths(demo_dir).database) == before
