"""Consistent copies of the database with SQLite's online backup API (safe while the program runs),
their rotation (everything from the last day, the newest of each of the last 30 days and 12 months),
integrity checks, and putting a copy back in place of the database (into the live database through
SQLite, or as a new file in place of a damaged one).

Backup files are plain single-file databases (rollback-journal mode), so they can be read from a
write-protected USB stick and copied around without -wal/-shm companions.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

BACKUP_SUFFIX = ".sqlite"
KEEP_DAILY = 30
KEEP_MONTHLY = 12
KEEP_ALL_WITHIN = timedelta(hours=24)  # several backups of one day (before import, before restore) stay

LOCK_WAIT_SECONDS = 10.0  # a backup waits this long for another program's exclusive lock
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^fupin_(\d{8}-\d{6})_(.+?)(?:_\d+)?\.sqlite$")
_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str
    size: int
    written_ns: int = 0  # orders backups taken within the same second

    @property
    def order(self) -> tuple[datetime, int, str]:
        return (self.taken_at, self.written_ns, self.path.name)


@dataclass(frozen=True, slots=True)
class BackupContents:
    """What a backup holds, for the confirmation before restoring it."""

    path: Path
    taken_at: datetime
    revision: str | None
    township: str
    households: int
    members: int


# ---------------------------------------------------------------- making backups


def backup_file_name(reason: str, when: datetime | None = None) -> str:
    return f"fupin_{(when or datetime.now()).strftime(_STAMP)}_{reason}{BACKUP_SUFFIX}"


def backup_database(engine: Engine, folder: Path, *, reason: str = "手动") -> Path:
    """Copy the live SQLite database into `folder`; returns the new file's path.

    Backups written into the database's own backups/ folder are rotated afterwards.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = new_backup_file(folder, reason)
    database = database_file(engine)
    try:
        copy_sqlite(database, target)
    except BaseException:
        release_backup_file(target)
        raise
    rotate_own_backups(database, folder)
    return target


def database_file(engine: Engine) -> Path:
    return Path(engine.url.database or "")


def rotate_own_backups(database: Path, folder: Path) -> None:
    """Rotate `folder` when it is the database's own backups/ folder (never a USB stick's)."""
    if folder.resolve() == (database.resolve().parent / "backups"):
        rotate_backups(folder)


def new_backup_file(folder: Path, reason: str) -> Path:
    """A new backup file in `folder`, reserved as an empty file: two backups started in the same second
    (two windows, two PCs on one shared folder) take different names, `_1`, `_2`… Write the copy over it
    (`copy_sqlite`), or `release_backup_file` it when the backup fails."""
    stem = Path(backup_file_name(reason)).stem
    counter = 0
    while True:
        target = folder / (f"{stem}_{counter}{BACKUP_SUFFIX}" if counter else f"{stem}{BACKUP_SUFFIX}")
        if _create_new(target):
            return target
        counter += 1


def release_backup_file(target: Path) -> None:
    """Give back a name `new_backup_file` reserved for a backup that failed (only while still empty)."""
    with contextlib.suppress(OSError):
        if target.stat().st_size == 0:
            target.unlink()


def _create_new(path: Path) -> bool:
    """Create `path` empty unless it exists, in one step (O_EXCL): False when it was there already."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    return True


def copy_sqlite(source: Path, target: Path) -> None:
    """Online backup of `source` into a new file `target` (written beside it, then renamed)."""
    # pid + random, created with O_EXCL: two programs backing up in the same second never write into
    # each other's file
    partial = target.with_name(f"{target.name}.{os.getpid()}_{secrets.token_hex(4)}.part")
    while not _create_new(partial):
        partial = target.with_name(f"{target.name}.{os.getpid()}_{secrets.token_hex(4)}.part")
    try:
        src = sqlite3.connect(_uri(source, static=False), uri=True)
    except BaseException:
        _remove_partial(partial)
        raise
    try:
        dst = sqlite3.connect(partial)
        try:
            _backup(src, dst, wait_seconds=LOCK_WAIT_SECONDS)
            dst.execute("PRAGMA journal_mode=DELETE")  # a single file, readable on read-only media
        finally:
            dst.close()
    except sqlite3.OperationalError as exc:
        _remove_partial(partial)
        if "full" in str(exc).lower():  # SQLite's word for ENOSPC: callers treat it as the OSError it is
            raise OSError(errno.ENOSPC, "database or disk is full", str(target)) from exc
        raise
    except BaseException:
        _remove_partial(partial)
        raise
    finally:
        src.close()
    try:
        partial.replace(target)
    except OSError:  # e.g. the reserved name held open by an indexer or a virus scanner on Windows
        _remove_partial(partial)
        raise


def _remove_partial(partial: Path) -> None:
    partial.unlink(missing_ok=True)
    partial.with_name(partial.name + "-journal").unlink(missing_ok=True)  # SQLite's, if it got that far


def _uri(path: Path, *, static: bool) -> str:
    """A read-only URI; `static` files (backups nobody writes) are opened without any locking files."""
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if static else "?mode=ro")


# ---------------------------------------------------------------- listing and rotation


def parse_backup_name(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP), match.group(2)
    except ValueError:
        return None


def list_backups(folder: Path) -> list[BackupFile]:
    """The program's backups in `folder`, newest first (other files are ignored)."""
    found = []
    for path in folder.glob(f"fupin_*{BACKUP_SUFFIX}") if folder.is_dir() else ():
        parsed = parse_backup_name(path)
        if parsed is None or not path.is_file():
            continue
        stat = path.stat()
        if stat.st_size == 0:  # a name reserved by a backup still being written (new_backup_file)
            continue
        found.append(
            BackupFile(
                path=path,
                taken_at=parsed[0],
                reason=parsed[1],
                size=stat.st_size,
                written_ns=stat.st_mtime_ns,
            )
        )
    return sorted(found, key=lambda b: b.order, reverse=True)


def backups_to_keep(
    backups: Iterable[BackupFile], now: datetime, *, daily: int = KEEP_DAILY, monthly: int = KEEP_MONTHLY
) -> set[Path]:
    """Everything from the last 24 hours, plus the newest backup of each of the `daily` most recent days
    and of each of the `monthly` most recent months that have backups."""
    newest_first = sorted(backups, key=lambda b: b.order, reverse=True)
    keep = {b.path for b in newest_first if now - b.taken_at < KEEP_ALL_WITHIN}
    days: set[object] = set()
    months: set[object] = set()
    for backup in newest_first:
        day = backup.taken_at.date()
        month = (day.year, day.month)
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(backup.path)
        if month not in months and len(months) < monthly:
            months.add(month)
            keep.add(backup.path)
    return keep


def rotate_backups(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups `backups_to_keep` does not keep; returns the deleted files."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now or datetime.now())
    _remove_stale_reservations(folder, now or datetime.now())
    deleted = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
                deleted.append(backup.path)
    return deleted


def _remove_stale_reservations(folder: Path, now: datetime) -> None:
    """Empty names reserved by backups that were killed before writing (older than a day: no backup
    still running)."""
    for path in folder.glob(f"fupin_*{BACKUP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stat = path.stat()
            if stat.st_size == 0 and now - datetime.fromtimestamp(stat.st_mtime) >= KEEP_ALL_WITHIN:
                path.unlink()


# ---------------------------------------------------------------- checking


def check_sqlite(path: Path, *, thorough: bool = False, static: bool = True) -> list[str]:
    """Problems SQLite finds in a database file (empty: it is sound).

    `thorough` runs `integrity_check` (every index against its table) instead of `quick_check`.
    `static=False` for the live database, whose -wal file must be read too.
    """
    if not path.is_file():
        return [f"找不到文件 {path}"]
    try:
        connection = sqlite3.connect(_uri(path, static=static), uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        pragma = "integrity_check" if thorough else "quick_check"
        rows = [str(r[0]) for r in connection.execute(f"PRAGMA {pragma}(20)")]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def read_contents(path: Path, taken_at: datetime | None = None) -> BackupContents:
    """Revision, township and counts of a (checked) database file; raises sqlite3.Error if it is not ours."""
    connection = sqlite3.connect(_uri(path, static=True), uri=True)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        township = connection.execute("SELECT value FROM setting WHERE key = 'township'").fetchone()
        households = connection.execute("SELECT count(*) FROM household WHERE archived = 0").fetchone()
        members = connection.execute(
            "SELECT count(*) FROM member JOIN household ON household.id = member.household_id "
            "WHERE member.status = '在册' AND household.archived = 0"
        ).fetchone()
    finally:
        connection.close()
    parsed = parse_backup_name(path)
    return BackupContents(
        path=path,
        taken_at=taken_at or (parsed[0] if parsed else datetime.fromtimestamp(path.stat().st_mtime)),
        revision=revision[0] if revision else None,
        township=_json_text(township[0]) if township else "",
        households=int(households[0]),
        members=int(members[0]),
    )


def _json_text(value: str) -> str:
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return decoded if isinstance(decoded, str) else str(decoded)


# ---------------------------------------------------------------- putting a copy in place


def restore_into(source: Path, database: Path, *, wait_seconds: float = 10.0) -> None:
    """Copy `source` over the live `database` through SQLite itself (the online backup API).

    It is one write transaction on the database: other connections see the old contents or the new,
    never a mix, and a process killed half-way leaves the old contents. When another program holds
    the write lock for longer than `wait_seconds`, raises sqlite3.OperationalError ("database is
    locked") and nothing is changed.
    """
    src = sqlite3.connect(_uri(source, static=True), uri=True)
    try:
        dst = sqlite3.connect(database, timeout=1.0)
        try:
            _backup(src, dst, wait_seconds=wait_seconds)
        finally:
            dst.close()
    finally:
        src.close()


def _backup(src: sqlite3.Connection, dst: sqlite3.Connection, *, wait_seconds: float) -> None:
    """`src.backup(dst)`, but giving up with "database is locked" once a lock has blocked it too long
    (Python's backup() would retry a busy database for ever)."""
    deadline = time.monotonic() + wait_seconds

    def give_up_when_locked(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    src.backup(dst, progress=give_up_when_locked)


def restore_file(source: Path, database: Path) -> None:
    """Replace `database` (damaged or missing) with a copy of `source`. No connection may be open to it.

    The copy is written and checked beside the database first, so a failure leaves the database as it was.
    """
    partial = database.with_name(database.name + ".restore-part")
    copy_sqlite(source, partial)
    problems = check_sqlite(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise sqlite3.DatabaseError("; ".join(problems))
    try:
        for suffix in _SIDECARS:
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        partial.replace(database)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def set_aside(database: Path, folder: Path, *, reason: str = "损坏") -> Path:
    """Move a damaged database (with its -wal/-shm) into `folder`, out of rotation's way; returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = new_backup_file(folder, reason)  # replaced by the database below
    try:
        for suffix in _SIDECARS:
            sidecar = database.with_name(database.name + suffix)
            if sidecar.exists():
                sidecar.replace(target.with_name(target.name + suffix))
        database.replace(target)
    except BaseException:
        release_backup_file(target)
        raise
    return target
