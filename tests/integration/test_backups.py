"""Backups: the online copy, rotation, the automatic backup, restore round trip, damaged databases."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from fupin_desktop.db import backup as backup_module
from fupin_desktop.db.backup import (
    BackupFile,
    backup_database,
    backups_to_keep,
    list_backups,
    rotate_backups,
)
from fupin_desktop.db.engine import open_database
from fupin_desktop.db.models import AuditLog
from fupin_desktop.errors import InputUnreadable
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import ServiceContext, system_actor
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings, save_settings
from fupin_desktop.services.storage.backups import (
    automatic_backup,
    backup_to,
    database_problems,
    inspect_backup,
    latest_good_backup,
    recover_database,
    restore_backup,
)
from fupin_desktop.services.storage.info import database_info
from tests.support.databases import damage, fingerprint, integrity


def audit_summaries(ctx: ServiceContext) -> list[tuple[str, str]]:
    with ctx.sessions() as session:
        return [(a.action, a.summary) for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]


# ---------------------------------------------------------------- making backups


def test_backup_to_a_folder_is_a_consistent_readable_copy(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    target = backup_to(demo_ctx, stick)
    assert target.parent == stick and target.name.endswith("_手动.sqlite")
    assert sorted(p.name for p in stick.iterdir()) == [target.name]  # one file, no -wal/-shm
    assert integrity(target) == ["ok"]
    contents = inspect_backup(target)
    assert (contents.township, contents.households) == ("清水镇", 600)
    assert audit_summaries(demo_ctx)[-1] == ("备份", f"备份数据库到 {target}")


def test_the_import_engineers_call_still_works(demo_ctx: ServiceContext) -> None:
    """`db.backup.backup_database(engine, folder, reason=...)` is what the import calls before writing."""
    target = backup_database(demo_ctx.db.engine, demo_ctx.paths.backups, reason="导入前")
    assert target.name.endswith("_导入前.sqlite")
    assert [b.reason for b in list_backups(demo_ctx.paths.backups)] == ["导入前"]


def test_two_backups_in_one_second_do_not_overwrite_each_other(demo_ctx: ServiceContext) -> None:
    first = backup_database(demo_ctx.db.engine, demo_ctx.paths.backups, reason="导入前")
    second = backup_database(demo_ctx.db.engine, demo_ctx.paths.backups, reason="导入前")
    assert first != second and first.exists() and second.exists()


class _FrozenClock(datetime):
    """The clock stopped at one second: every backup started is started in the same second."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return cls(2026, 12, 2, 10, 30, 0)


def _overlapping(monkeypatch: pytest.MonkeyPatch, second: Callable[[], Path]) -> tuple[list[Path], list[str]]:
    """Start `second` while the first backup's copy is being written (as another window or PC would),
    with the clock frozen; returns [the second backup's file] once it ran, and the temporary files of both."""
    monkeypatch.setattr(backup_module, "datetime", _FrozenClock)
    real = backup_module._backup
    started: list[Path] = []
    partials: list[str] = []

    def copy(src: sqlite3.Connection, dst: sqlite3.Connection, *, wait_seconds: float) -> None:
        partials.append(dst.execute("PRAGMA database_list").fetchone()[2])
        if len(partials) == 1:  # the first backup's copy: the second starts now, its own copy goes through
            started.append(second())
        real(src, dst, wait_seconds=wait_seconds)

    monkeypatch.setattr(backup_module, "_backup", copy)
    return started, partials


def _taken_at_that_second(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "20261202-103000" in p.name)


def test_two_imports_backing_up_in_the_same_second_keep_two_backups(
    demo_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = demo_ctx.paths.backups
    engine = demo_ctx.db.engine
    second, partials = _overlapping(monkeypatch, lambda: backup_database(engine, folder, reason="导入前"))

    first = backup_database(engine, folder, reason="导入前")

    assert (first.name, second[0].name) == (
        "fupin_20261202-103000_导入前.sqlite",
        "fupin_20261202-103000_导入前_1.sqlite",
    )
    assert _taken_at_that_second(folder) == [first.name, second[0].name]  # no .part left behind
    assert len(set(partials)) == 2
    assert [inspect_backup(p).households for p in (first, second[0])] == [600, 600]


def test_two_clerks_backing_up_in_the_same_second_keep_two_audited_backups(
    demo_ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "U盘"
    second, partials = _overlapping(monkeypatch, lambda: backup_to(demo_ctx, stick))

    first = backup_to(demo_ctx, stick)

    assert sorted(p.name for p in stick.iterdir()) == [
        "fupin_20261202-103000_手动.sqlite",
        "fupin_20261202-103000_手动_1.sqlite",
    ]
    assert {first, second[0]} == set(stick.iterdir()) and len(set(partials)) == 2
    assert all(integrity(p) == ["ok"] for p in stick.iterdir())
    assert audit_summaries(demo_ctx)[-2:] == [
        ("备份", f"备份数据库到 {second[0]}"),
        ("备份", f"备份数据库到 {first}"),
    ]


def test_a_failed_backup_gives_its_name_back(
    demo_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_module, "datetime", _FrozenClock)

    def full(src: sqlite3.Connection, dst: sqlite3.Connection, *, wait_seconds: float) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_backup", full)
    with pytest.raises(OSError, match="disk is full"):
        backup_database(demo_ctx.db.engine, demo_ctx.paths.backups, reason="导入前")
    assert _taken_at_that_second(demo_ctx.paths.backups) == []


def test_a_backup_while_another_connection_writes_is_consistent(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    writer = sqlite3.connect(demo_ctx.paths.database)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE setting SET value = '\"未提交镇\"' WHERE key = 'township'")
    try:
        target = backup_database(demo_ctx.db.engine, tmp_path / "copy")
    finally:
        writer.rollback()
        writer.close()
    assert inspect_backup(target).township == "清水镇"  # the uncommitted change is not in the copy


# ---------------------------------------------------------------- rotation


def _fake(when: datetime, name: str = "自动") -> BackupFile:
    return BackupFile(
        path=Path(f"fupin_{when:%Y%m%d-%H%M%S}_{name}.sqlite"), taken_at=when, reason=name, size=1
    )


def test_rotation_keeps_the_last_day_30_daily_and_12_monthly() -> None:
    now = datetime(2026, 11, 23, 12, 0)
    # two backups a day (08:00 and 17:00) for 500 days, plus three this morning
    backups = [
        _fake(datetime(2026, 11, 23, 8, 0) - timedelta(days=d, hours=h)) for d in range(500) for h in (0, 15)
    ]
    backups += [_fake(datetime(2026, 11, 23, h, 30), "导入前") for h in (9, 10, 11)]
    keep = backups_to_keep(backups, now)
    kept = sorted((b for b in backups if b.path in keep), key=lambda b: b.taken_at)
    last_day = [b for b in kept if now - b.taken_at < timedelta(hours=24)]
    assert len(last_day) == 5  # 11:30, 10:30, 9:30, 8:00 today and 17:00 yesterday
    days = {b.taken_at.date() for b in kept if now - b.taken_at < timedelta(days=30)}
    assert len(days) == 30  # one for each of the last 30 days
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 12
    # the last day: 5; the other 28 of the 30 days; month ends Sep 2026 back to Dec 2025 (Nov and Oct are
    # among the days already)
    assert len(kept) == 5 + 28 + 10
    oldest_month = min(kept, key=lambda b: b.taken_at).taken_at
    assert (oldest_month.year, oldest_month.month) == (2025, 12)
    # the monthly copy is the newest of its month
    assert all(b.taken_at.day == 31 and b.taken_at.hour == 17 for b in kept if b.taken_at.month == 12)


def test_rotation_counts_days_that_have_backups_not_calendar_days() -> None:
    now = datetime(2026, 11, 23, 12, 0)
    weekly = [_fake(now - timedelta(weeks=w, hours=30)) for w in range(40)]
    keep = backups_to_keep(weekly, now)
    assert {b.path for b in weekly[:30]} <= keep  # 30 weekly backups are 30 distinct days
    # the older ten weeks fall in three months not yet covered: their newest backups stay as monthlies
    assert len(keep) == 33


def test_rotate_deletes_only_the_programs_own_old_backups(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime(2026, 11, 23, 12, 0)
    for days in range(100):
        (folder / f"fupin_{now - timedelta(days=days, hours=1):%Y%m%d-%H%M%S}_自动.sqlite").write_bytes(b"x")
    (folder / "我的备份.sqlite").write_bytes(b"mine")
    (folder / "fupin_说明.txt").write_text("keep")
    deleted = rotate_backups(folder, now)
    remaining = list_backups(folder)
    assert len(deleted) + len(remaining) == 100
    assert len(remaining) == 30 + 2  # 30 daily + the ends of September and August (back to 16 Aug)
    assert (folder / "我的备份.sqlite").exists() and (folder / "fupin_说明.txt").exists()


# ---------------------------------------------------------------- automatic backup


def test_automatic_backup_at_start_only_when_the_last_is_older_than_a_day(
    demo_ctx: ServiceContext,
) -> None:
    first = automatic_backup(demo_ctx)
    assert first is not None and first.name.endswith("_自动.sqlite")
    assert automatic_backup(demo_ctx) is None
    assert automatic_backup(demo_ctx, now=datetime.now() + timedelta(hours=23)) is None
    assert automatic_backup(demo_ctx, now=datetime.now() + timedelta(hours=25)) is not None
    assert [a for a, _ in audit_summaries(demo_ctx)].count("备份") == 2


def test_the_automatic_backup_needs_no_permission(demo_ctx: ServiceContext) -> None:
    from fupin_desktop.services.context import Actor, Role

    reader = demo_ctx.acting_as(Actor("wang", "王五", Role.READER))
    assert automatic_backup(reader) is not None


# ---------------------------------------------------------------- restore


def test_restore_round_trip(demo_ctx: ServiceContext) -> None:
    before = fingerprint(demo_ctx.paths.database)
    backup = backup_to(demo_ctx, demo_ctx.paths.backups)
    save_settings(demo_ctx, get_settings(demo_ctx).with_changes(township="改名镇"))
    assert get_settings(demo_ctx).township == "改名镇"

    result = run_job(restore_backup(demo_ctx, backup))

    assert get_settings(demo_ctx).township == "清水镇"
    assert database_info(demo_ctx).households == 600
    after = fingerprint(demo_ctx.paths.database)
    assert {t: v for t, v in after.items() if t != "audit_log"} == {
        t: v for t, v in before.items() if t != "audit_log"
    }
    # the replaced data is itself a backup, and the audit trail of the change survived the restore
    assert result.previous is not None and inspect_backup(result.previous).township == "改名镇"
    actions = audit_summaries(demo_ctx)
    assert any(a == "修改" and "township" in s for a, s in actions)
    assert actions[-1][0] == "恢复" and backup.name in actions[-1][1]
    assert result.carried_audit_rows >= 2  # the settings change and the backup of the replaced data
    assert integrity(demo_ctx.paths.database) == ["ok"]


def test_restore_while_another_program_writes_waits_then_changes_nothing(
    demo_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fupin_desktop.errors import UserError
    from fupin_desktop.services.storage import backups as backups_module

    monkeypatch.setattr(backups_module, "RESTORE_WAIT_SECONDS", 0.3)
    backup = backup_to(demo_ctx, demo_ctx.paths.backups)
    save_settings(demo_ctx, get_settings(demo_ctx).with_changes(township="改名镇"))
    writer = sqlite3.connect(demo_ctx.paths.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError, match=r"没有恢复，当前数据没有改变.*占用"):
            run_job(restore_backup(demo_ctx, backup))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert get_settings(demo_ctx).township == "改名镇"
    assert integrity(demo_ctx.paths.database) == ["ok"]


def test_a_reader_open_during_a_restore_sees_the_restored_data(demo_ctx: ServiceContext) -> None:
    backup = backup_to(demo_ctx, demo_ctx.paths.backups)
    save_settings(demo_ctx, get_settings(demo_ctx).with_changes(township="改名镇"))
    reader = sqlite3.connect(demo_ctx.paths.database)
    try:
        run_job(restore_backup(demo_ctx, backup))
        assert reader.execute("SELECT value FROM setting WHERE key = 'township'").fetchone() == ('"清水镇"',)
    finally:
        reader.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(demo_ctx: ServiceContext) -> None:
    backup = backup_to(demo_ctx, demo_ctx.paths.backups)
    damage(backup)
    before = fingerprint(demo_ctx.paths.database)
    with pytest.raises(InputUnreadable, match="已损坏"):
        run_job(restore_backup(demo_ctx, backup))
    assert fingerprint(demo_ctx.paths.database) == before


def test_restore_refuses_files_that_are_not_our_backups(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("这不是数据库" * 200)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    newer = backup_to(demo_ctx, tmp_path / "newer")
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    for path, message in (
        (text, "已损坏或不是数据库（文件不是数据库）"),
        (other, "不是本程序的数据库备份"),
        (newer, "更新版本"),
        (demo_ctx.paths.database, "当前正在使用的数据库"),
        (tmp_path / "missing.sqlite", "找不到"),
    ):
        with pytest.raises(InputUnreadable, match=message):
            run_job(restore_backup(demo_ctx, path))
    assert get_settings(demo_ctx).township == "清水镇"


def test_restore_upgrades_an_older_backup(demo_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from fupin_desktop.services.storage import backups as backups_module

    backup = backup_to(demo_ctx, demo_ctx.paths.backups)
    upgraded = []
    monkeypatch.setattr(backups_module, "upgrade_schema", lambda engine, paths: upgraded.append(paths))
    run_job(restore_backup(demo_ctx, backup))
    assert upgraded == [demo_ctx.paths]


# ---------------------------------------------------------------- damaged database at start


def test_a_damaged_database_is_found_and_recovered_from_the_latest_good_backup(demo_dir: Path) -> None:
    paths = DataPaths(demo_dir)
    db = open_database(paths)
    ctx = ServiceContext(db=db, actor=system_actor())
    older = backup_database(db.engine, paths.backups, reason="自动")
    save_settings(ctx, get_settings(ctx).with_changes(township="新名镇"))
    good = backup_database(db.engine, paths.backups, reason="导入前")
    broken = backup_database(db.engine, paths.backups, reason="手动")
    db.dispose()
    damage(broken)  # the newest backup is itself damaged: skipped
    assert database_problems(paths) == []
    damage(paths.database)

    assert database_problems(paths)
    found = latest_good_backup(paths)
    assert found is not None and found.path == good and found.path != older
    result = recover_database(paths, found.path, system_actor())

    assert database_problems(paths) == []
    assert result.previous is not None and result.previous.parent == paths.backups / "damaged"
    db = open_database(paths)
    try:
        ctx = ServiceContext(db=db, actor=system_actor())
        assert get_settings(ctx).township == "新名镇"
        assert database_info(ctx).households == 600
        assert audit_summaries(ctx)[-1][0] == "恢复"
    finally:
        db.dispose()
    assert latest_good_backup(paths) is not None  # the damaged file is out of the backups list


def test_a_missing_or_empty_database_is_not_damaged(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "new")
    assert database_problems(paths) == []
    assert latest_good_backup(paths) is None
