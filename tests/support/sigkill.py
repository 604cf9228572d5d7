"""Kill a `fupin` command with SIGKILL in the middle of its write transaction; check nothing changed.

    from tests.support.sigkill import assert_unchanged_after_kill
    assert_unchanged_after_kill(demo_dir, ["import", str(workbook)], tmp_path)

The command runs in a separate process on a copy of the data folder. "Inside its write transaction" is
seen from outside, the way SQLite sees it: another connection cannot take the write lock. Once the
command has held the lock for `settle` seconds it is killed (SIGKILL; TerminateProcess on Windows), and
the copy must pass `PRAGMA integrity_check`, hold exactly what it held before, and open in the program.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.databases import fingerprint, integrity

POLL_SECONDS = 0.02


@dataclass(frozen=True, slots=True)
class KillResult:
    folder: Path
    seconds_before_kill: float
    wal_bytes_at_kill: int
    before: dict[str, str]
    after: dict[str, str]
    integrity: list[str]


def holds_write_lock(database: Path) -> bool:
    """Whether some connection holds the database's write lock right now (never waits for it)."""
    probe = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    else:
        probe.execute("ROLLBACK")
        return False
    finally:
        probe.close()


def kill_inside_write(
    template: Path,
    args: Sequence[str],
    workdir: Path,
    *,
    settle: float = 0.5,
    timeout: float = 300,
) -> KillResult:
    """Run `fupin --data-dir COPY ARGS...` on a copy of `template`; kill it inside its write transaction."""
    folder = workdir / "killed"
    shutil.copytree(template, folder)
    database = folder / "fupin.sqlite"
    before = fingerprint(database)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("FUPIN_DATA_DIR", None)
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "fupin_desktop", "--data-dir", str(folder), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        locked_since = _wait_for_a_held_write_lock(database, process, settle, started + timeout)
        wal = database.with_name(database.name + "-wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        process.kill()
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    return KillResult(
        folder=folder,
        seconds_before_kill=locked_since - started,
        wal_bytes_at_kill=wal_bytes,
        before=before,
        after=fingerprint(database),
        integrity=integrity(database),
    )


def _wait_for_a_held_write_lock(
    database: Path, process: subprocess.Popen[bytes], settle: float, deadline: float
) -> float:
    locked_since: float | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            pytest.fail(
                f"命令在写入事务中被终止之前就结束了（退出码 {process.returncode}）。"
                f"请让它写入更多数据，或缩短 settle。\n{err}"
            )
        if holds_write_lock(database):
            locked_since = locked_since or time.monotonic()
            if time.monotonic() - locked_since >= settle:
                return locked_since
        else:
            locked_since = None  # a short write (e.g. an audit row) is not the transaction we want
        time.sleep(POLL_SECONDS)
    pytest.fail(f"{deadline:.0f} 秒内没有看到命令持有写锁 {settle} 秒。")


def assert_unchanged_after_kill(
    template: Path, args: Sequence[str], workdir: Path, *, settle: float = 0.5
) -> KillResult:
    """The whole check: killed inside its write, the copy is intact, unchanged, and opens in the program."""
    from fupin_desktop.db.engine import open_database
    from fupin_desktop.paths import DataPaths

    result = kill_inside_write(template, args, workdir, settle=settle)
    assert result.integrity == ["ok"]
    assert result.after == result.before, "被终止的命令改动了数据库"
    open_database(DataPaths(result.folder)).dispose()
    assert fingerprint(result.folder / "fupin.sqlite") == result.before
    return result
