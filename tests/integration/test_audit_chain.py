"""Issue 20 §5: audit rows are chained, a restore keeps them, and `fupin audit verify` says where the
chain was broken (a row edited or deleted with another program)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from fupin_desktop.cli import main
from fupin_desktop.db.engine import alembic_config, make_engine, open_database, sqlite_url
from fupin_desktop.db.models import AuditLog
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.accounts.audit_verify import ChainReport, verify_chain
from fupin_desktop.services.accounts.users import add_user, reset_password, unlock_user
from fupin_desktop.services.context import LOCAL_ADMIN, Role, ServiceContext
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings, save_settings
from fupin_desktop.services.storage.backups import backup_to, restore_backup


def verify(ctx: ServiceContext) -> ChainReport:
    return run_job(verify_chain(ctx))


def rows(ctx: ServiceContext) -> list[tuple[int, str]]:
    with ctx.sessions() as session:
        return [(r.id, r.summary) for r in session.scalars(select(AuditLog).order_by(AuditLog.id))]


def make_changes(ctx: ServiceContext, n: int) -> None:
    for i in range(n):
        save_settings(ctx, get_settings(ctx).with_changes(township=f"清水镇{i}"))


def raw(ctx: ServiceContext, sql: str, **params: object) -> None:
    with ctx.db.engine.begin() as connection:
        connection.execute(text(sql), params)


def test_every_row_is_chained_and_the_trail_verifies(demo_ctx: ServiceContext) -> None:
    add_user(demo_ctx, "li", "李会计", Role.CLERK, "initial-password")
    make_changes(demo_ctx, 3)
    unlock_user(demo_ctx, "li")  # nothing to unlock: no row
    with demo_ctx.sessions() as session:
        chains = session.scalars(select(AuditLog.chain).order_by(AuditLog.id)).all()
    assert len(chains) >= 5 and all(c and len(c) == 64 for c in chains)
    assert len(set(chains)) == len(chains)
    report = verify(demo_ctx)
    assert report.intact and report.rows == len(chains)
    assert report.lines() == [f"审计日志完好：共 {len(chains)} 条记录，校验链没有断开。"]


def test_an_edited_row_and_a_deleted_row_are_both_reported(demo_ctx: ServiceContext) -> None:
    make_changes(demo_ctx, 6)
    ids = [row_id for row_id, _ in rows(demo_ctx)]
    edited, deleted = ids[2], ids[4]
    raw(demo_ctx, "UPDATE audit_log SET summary = '什么也没改' WHERE id = :id", id=edited)
    raw(demo_ctx, "DELETE FROM audit_log WHERE id = :id", id=deleted)
    report = verify(demo_ctx)
    assert not report.intact
    assert [b.row_id for b in report.breaks] == [edited, ids[5]]
    assert "内容被修改" in report.breaks[0].reason
    assert f"编号 {deleted}" in report.breaks[1].reason and "被删除" in report.breaks[1].reason
    assert report.lines()[0].startswith(f"审计日志在编号 {edited} 的记录（")


def test_a_row_added_by_another_program_is_reported(demo_ctx: ServiceContext) -> None:
    raw(
        demo_ctx,
        "INSERT INTO audit_log (at, user_name, action, entity, summary) "
        "VALUES ('2026-11-01 08:00:00', 'mallory', '修改', 'household', '伪造')",
    )
    report = verify(demo_ctx)
    assert [b.reason for b in report.breaks] == ["这条记录没有校验值，不是本程序写入的。"]


def test_fupin_audit_verify_exits_1_naming_the_row(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(3):
        assert main(["--data-dir", str(demo_dir), "backup"]) == 0
    assert main(["--data-dir", str(demo_dir), "audit", "verify"]) == 0
    out, _ = capsys.readouterr()
    assert "审计日志完好" in out
    with sqlite3.connect(DataPaths(demo_dir).database) as connection:
        (after, at), (deleted, _) = connection.execute(
            "SELECT id, at FROM audit_log ORDER BY id DESC LIMIT 2"
        ).fetchall()
        connection.execute("DELETE FROM audit_log WHERE id = ?", (deleted,))
    code = main(["--data-dir", str(demo_dir), "audit", "verify"])
    _, err = capsys.readouterr()
    assert code == 1
    assert f"审计日志在编号 {after} 的记录（{at[:19]}）处断开" in err
    assert f"它之前的记录（编号 {deleted}）被删除" in err
    assert main(["--data-dir", str(demo_dir), "audit", "verify", "--json"]) == 1
    out, _ = capsys.readouterr()
    assert f'"id": {after}' in out and '"intact": false' in out


def test_the_migration_chains_the_rows_an_older_database_has(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "old")
    paths.ensure()
    engine = make_engine(sqlite_url(paths.database))
    command.upgrade(alembic_config(engine), "0006_versions")
    engine.dispose()
    with sqlite3.connect(paths.database) as connection:
        connection.executemany(
            "INSERT INTO audit_log (at, user_name, action, entity, entity_id, summary, before, after) "
            "VALUES (?, '张站长(zhang)', '修改', 'household', '1', ?, NULL, ?)",
            [(f"2026-10-0{i} 09:00:00.000000", f"户 1：第 {i} 次修改", f'{{"n": {i}}}') for i in range(1, 6)],
        )
    db = open_database(paths)
    try:
        ctx = ServiceContext(db=db, actor=LOCAL_ADMIN)
        report = verify(ctx)
        assert report.intact and report.rows == 5
        make_changes(ctx, 1)  # a new row continues the migrated chain
        assert verify(ctx).intact and verify(ctx).rows == 6
    finally:
        db.dispose()


def test_a_restore_keeps_the_newer_rows_and_the_chain_stays_whole(demo_dir: Path) -> None:
    db = open_database(DataPaths(demo_dir))
    try:
        ctx = ServiceContext(db=db, actor=LOCAL_ADMIN)
        backup = backup_to(ctx, demo_dir / "stick")
        make_changes(ctx, 3)
        newer = rows(ctx)[-3:]
        result = run_job(restore_backup(ctx, backup))
        assert result.carried_audit_rows == 4  # the backup's own row and the three changes
        summaries = [summary for _, summary in rows(ctx)]
        assert [s for _, s in newer] == summaries[-4:-1]
        assert summaries[-1].startswith(f"从备份 {backup.name}")
        assert verify(ctx).intact
    finally:
        db.dispose()


def test_writers_at_the_same_time_keep_one_unbroken_chain(demo_ctx: ServiceContext) -> None:
    """Three writers at once (three PCs on a server, or a window and a command): every row is chained onto
    the one committed before it."""
    add_user(demo_ctx, "li", "李会计", Role.CLERK, "initial-password")
    add_user(demo_ctx, "wang", "王五", Role.CLERK, "initial-password")
    failures: list[BaseException] = []

    def write(job: Callable[[int], object]) -> None:
        try:
            for k in range(10):
                job(k)
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)

    jobs: list[Callable[[int], object]] = [
        lambda k: save_settings(demo_ctx, get_settings(demo_ctx).with_changes(township=f"清水镇{k}")),
        lambda k: reset_password(demo_ctx, "li", f"li-password-{k}"),
        lambda k: reset_password(demo_ctx, "wang", f"wang-password-{k}"),
    ]
    threads = [threading.Thread(target=write, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    report = verify(demo_ctx)
    assert report.intact and report.rows >= 33
