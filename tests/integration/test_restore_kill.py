"""Issue 20 §5: a restore killed (SIGKILL) at any point keeps every audit row written since the backup.

The restore runs in a separate process through a small wrapper that stops it at one point — before the
restored contents are prepared, with the carried rows inserted but not committed, just before they are
put in place, half-way through putting them in place (the live database's write lock held), and just
after — by blocking on its stdin; the test kills it there. Afterwards the database passes the integrity
check, holds either its old contents or the restored ones, every audit row it had before is there, and
the chain verifies.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fupin_desktop.cli import main
from fupin_desktop.db.backup import list_backups
from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.accounts.audit_verify import verify_chain
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.progress import run_job
from tests.support.databases import integrity

POINTS = (
    "before-staging",
    "carried-not-committed",
    "before-put-in-place",
    "half-way-in-place",
    "after-put-in-place",
)

WRAPPER = """
import sys

from fupin_desktop import cli
from fupin_desktop.db import backup as db_backup
from fupin_desktop.services.storage import backups as backups

POINT = sys.argv[1]


def stop(name):
    if name == POINT:
        print("STOPPED", flush=True)
        sys.stdin.readline()  # killed here
        raise SystemExit("not killed")


def wrap(module, name, before=None, after=None):
    original = getattr(module, name)

    def wrapped(*args, **kwargs):
        if before:
            stop(before)
        result = original(*args, **kwargs)
        if after:
            stop(after)
        return result

    setattr(module, name, wrapped)


wrap(backups, "_stage", before="before-staging")
wrap(backups, "_carry_audit_rows", after="carried-not-committed")
wrap(backups, "restore_into", before="before-put-in-place", after="after-put-in-place")
step_backup = db_backup._backup


def stepwise(src, dst, *, wait_seconds):
    live = dst.execute("PRAGMA database_list").fetchone()[2].endswith("fupin.sqlite")
    if not live:
        return step_backup(src, dst, wait_seconds=wait_seconds)
    steps = []

    def progress(status, remaining, total):
        steps.append(remaining)
        if len(steps) == 3:
            stop("half-way-in-place")

    src.backup(dst, pages=4, progress=progress)


db_backup._backup = stepwise
sys.exit(cli.main(sys.argv[2:]))
"""


def audit_rows(database: Path) -> set[tuple[str, str, str]]:
    with sqlite3.connect(database) as connection:
        return set(connection.execute("SELECT at, action, summary FROM audit_log"))


def township(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        return json.loads(
            connection.execute("SELECT value FROM setting WHERE key = 'township'").fetchone()[0]
        )


@pytest.fixture
def prepared(demo_dir: Path) -> tuple[Path, Path]:
    """A data folder with a backup and, after it, audit rows and a different township name."""
    assert main(["--data-dir", str(demo_dir), "backup", "-o", str(demo_dir.parent / "stick")]) == 0
    backup = list_backups(demo_dir.parent / "stick")[0].path
    for _ in range(3):
        assert main(["--data-dir", str(demo_dir), "backup"]) == 0
    with sqlite3.connect(DataPaths(demo_dir).database) as connection:
        connection.execute("UPDATE setting SET value = ? WHERE key = 'township'", (json.dumps("改名镇"),))
    return demo_dir, backup


@pytest.mark.parametrize("point", POINTS)
def test_a_restore_killed_keeps_every_audit_row(
    prepared: tuple[Path, Path], tmp_path: Path, point: str
) -> None:
    template, backup = prepared
    folder = tmp_path / "killed"
    shutil.copytree(template, folder)
    database = DataPaths(folder).database
    before = audit_rows(database)
    assert len(before) >= 5
    wrapper = tmp_path / "stop_restore.py"
    wrapper.write_text(WRAPPER, encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("FUPIN_DATA_DIR", None)
    process = subprocess.Popen(
        [sys.executable, str(wrapper), point, "--data-dir", str(folder), "restore", str(backup), "--yes"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line.decode("utf-8", "replace"))
            if line.strip() == b"STOPPED":
                break
        assert lines and lines[-1].strip() == "STOPPED", "".join(lines) + process.stderr.read().decode()
        process.kill()
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()

    assert integrity(database) == ["ok"]
    restored = township(database) == "清水镇"
    assert restored == (point == "after-put-in-place")
    after = audit_rows(database)
    assert before <= after, f"lost audit rows: {sorted(before - after)}"
    db = open_database(DataPaths(folder))
    try:
        assert run_job(verify_chain(ServiceContext(db=db, actor=LOCAL_ADMIN))).intact
    finally:
        db.dispose()
