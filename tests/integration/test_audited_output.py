"""Issue 20 §4: a full-ID export or a backup whose audit row cannot be written leaves no file behind;
issue 20 §7: a damaged database is not backed up, a full disk during a backup is a message."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from fupin_desktop.cli import main
from fupin_desktop.db import engine as db_engine
from fupin_desktop.paths import DataPaths
from fupin_desktop.services import audit
from fupin_desktop.services.context import ServiceContext
from tests.support.databases import damage


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def audit_count(folder: Path) -> int:
    with sqlite3.connect(DataPaths(folder).database) as connection:
        return connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]


@pytest.fixture
def write_locked(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another program holds the database's write lock (readers go on: WAL) for the whole command."""
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 200)  # give up waiting quickly
    holder = sqlite3.connect(DataPaths(demo_dir).database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("kind", ["members", "households"])
def test_a_full_id_export_whose_audit_row_cannot_be_written_leaves_no_file(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], write_locked: None, kind: str
) -> None:
    out = tmp_path / "out" / "名单.xlsx"
    out.parent.mkdir()
    before = audit_count(demo_dir)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "export", kind, "-o", str(out), "--full-id")
    assert code == 2
    assert "没有保存 名单.xlsx" in err and "审计日志" in err and "占用" in err
    assert "Traceback" not in err
    assert files_in(out.parent) == []  # neither the workbook nor its temporary file
    assert audit_count(demo_dir) == before


def test_an_audit_export_whose_audit_row_cannot_be_written_leaves_no_file(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], write_locked: None
) -> None:
    """`fupin audit --export` (and 审计日志 → 导出, the same service): the export's own audit row first."""
    out = tmp_path / "out" / "审计日志.xlsx"
    out.parent.mkdir()
    before = audit_count(demo_dir)
    code, printed, err = run(capsys, "--data-dir", str(demo_dir), "audit", "--export", str(out))
    assert code == 2
    assert "没有保存 审计日志.xlsx" in err and "审计日志" in err and "占用" in err
    assert "Traceback" not in err and "已导出" not in printed
    assert files_in(out.parent) == []  # neither the workbook nor a .part or 待审计 file
    assert audit_count(demo_dir) == before


def test_an_audit_export_whose_audit_writer_fails_leaves_no_file(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fupin_desktop.errors import UserError

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise UserError("磁盘已满，请清理磁盘后重试。")

    monkeypatch.setattr(audit, "record", full_disk)
    out = tmp_path / "out" / "审计日志.xlsx"
    out.parent.mkdir()
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "audit", "--export", str(out))
    assert code == 2 and "没有保存 审计日志.xlsx" in err and "磁盘已满" in err
    assert files_in(out.parent) == []


def test_a_backup_whose_audit_row_cannot_be_written_leaves_no_file(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], write_locked: None
) -> None:
    stick = tmp_path / "U盘"
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "backup", "-o", str(stick))
    assert code == 2 and "没有保存" in err and "审计日志" in err
    assert files_in(stick) == []


def test_the_export_and_backup_appear_with_their_audit_rows_when_nothing_blocks_them(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "成员.xlsx"
    out.parent.mkdir()
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "export", "members", "-o", str(out), "--full-id")
    assert code == 0 and files_in(out.parent) == ["成员.xlsx"]
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "backup", "-o", str(tmp_path / "U盘"))
    assert code == 0 and len(files_in(tmp_path / "U盘")) == 1
    trail = tmp_path / "trail" / "审计日志.xlsx"
    trail.parent.mkdir()
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "audit", "--export", str(trail))
    assert code == 0 and files_in(trail.parent) == ["审计日志.xlsx"]
    with sqlite3.connect(DataPaths(demo_dir).database) as connection:
        rows = connection.execute("SELECT action, entity FROM audit_log ORDER BY id DESC LIMIT 3").fetchall()
    assert rows == [("导出", "audit_log"), ("备份", "database"), ("导出完整证件号码", "export")]


def test_a_failure_inside_the_block_or_in_the_audit_leaves_nothing(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "名单.xlsx"
    with pytest.raises(ValueError), audit.audited_output(ctx, target) as output:
        output.path.write_bytes(b"half")
        raise ValueError("writing failed")
    assert files_in(folder) == []

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the audit table refuses rows")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit, "record", refuse)
        with pytest.raises(RuntimeError), audit.audited_output(ctx, target) as output:
            output.path.write_bytes(b"full ids")
            output.describe(action="导出", entity="export", entity_id=None, summary="导出")
    assert files_in(folder) == []


def test_a_damaged_database_is_not_backed_up(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(DataPaths(demo_dir).database)
    stick = tmp_path / "U盘"
    code, out, err = run(capsys, "--data-dir", str(demo_dir), "backup", "-o", str(stick))
    assert code == 2 and "已损坏" in err and "没有备份" in err and "fupin restore" in err
    assert "已备份" not in out
    assert files_in(stick) == []


def test_a_full_disk_during_a_backup_is_a_message_not_an_internal_error(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reports ENOSPC as "database or disk is full"; the import's backup and `fupin backup` say it."""
    from fupin_desktop.db import backup as db_backup

    def full_disk(src: sqlite3.Connection, dst: sqlite3.Connection, *, wait_seconds: float) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(db_backup, "_backup", full_disk)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "backup", "-o", str(tmp_path / "U盘"))
    assert code == 2 and "磁盘空间不足" in err
    assert files_in(tmp_path / "U盘") == []
    workbook = tmp_path / "名单.xlsx"
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "export", "households", "-o", str(workbook))
    assert code == 0
    with sqlite3.connect(DataPaths(demo_dir).database) as connection:  # so the import has a change to make
        connection.execute(
            "UPDATE household SET phone = '13800000000' WHERE id = (SELECT min(id) FROM household)"
        )
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "import", str(workbook))
    assert code == 2 and "导入前备份数据库失败" in err and "磁盘空间不足" in err
    assert "程序内部错误" not in err
