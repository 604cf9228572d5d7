"""Crash safety: a long write killed part-way (SIGKILL, separate process) leaves the database as it was.

The harness is generic (tests/support/sigkill.py): any `fupin` command that writes can be checked the same
way; here it is the largest write on this branch, replacing the demo township.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fupin_desktop.cli import main
from tests.support.sigkill import assert_unchanged_after_kill


@pytest.mark.slow
def test_demo_killed_inside_its_write_leaves_the_database_unchanged(demo_dir: Path, tmp_path: Path) -> None:
    result = assert_unchanged_after_kill(demo_dir, ["demo", "--force", "--households", "3000"], tmp_path)
    # it was killed part-way through writing: pages of the unfinished transaction had reached the WAL
    assert result.wal_bytes_at_kill > 0


@pytest.mark.slow
def test_import_killed_inside_its_write_leaves_the_database_unchanged(tmp_path: Path, data_dir: Path) -> None:
    """A full member-level export of a 3,000-household township, imported into an empty database."""
    source = tmp_path / "source"
    workbook = tmp_path / "人口台账.xlsx"
    for argv in (["demo", "--households", "3000"], ["export", "members", "--full-id", "-o", str(workbook)]):
        assert main(["--data-dir", str(source), *argv]) == 0
    # Killed 0.3 s after it took the write lock (its rows may still be in SQLite's page cache, not the WAL).
    result = assert_unchanged_after_kill(
        data_dir, ["import", str(workbook), "--skip-bad-households"], tmp_path, settle=0.3
    )
    assert result.before["household"].startswith("0:")  # the empty database stayed empty
