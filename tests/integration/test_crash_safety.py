"""Crash safety: a long write killed part-way (SIGKILL, separate process) leaves the database as it was.

The harness is generic (tests/support/sigkill.py): any `fupin` command that writes can be checked the same
way; here it is the largest write on this branch, replacing the demo township.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sigkill import assert_unchanged_after_kill


@pytest.mark.slow
def test_demo_killed_inside_its_write_leaves_the_database_unchanged(demo_dir: Path, tmp_path: Path) -> None:
    result = assert_unchanged_after_kill(demo_dir, ["demo", "--force", "--households", "3000"], tmp_path)
    # it was killed part-way through writing: pages of the unfinished transaction had reached the WAL
    assert result.wal_bytes_at_kill > 0
