"""`startup_checks`: what the start-up safety checks add before the window (issue 10).

The data-folder checks (writable, free space), the single-instance lock file and `PRAGMA quick_check`
run before the database is opened; the reference is the bare `PRAGMA quick_check` on the same file.
"""

from __future__ import annotations

import sqlite3

from bench.harness import BenchEnv, Measurement, benchmark, timed
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.storage import check_data_folder, database_problems


@benchmark("startup_checks")
def startup_checks(env: BenchEnv) -> Measurement:
    paths = DataPaths(env.demo_folder())

    def checks() -> None:
        check_data_folder(paths)
        assert database_problems(paths) == []

    def bare() -> None:
        connection = sqlite3.connect(paths.database.resolve().as_uri() + "?mode=ro", uri=True)
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
        connection.close()

    bare()  # warm the file cache
    return Measurement(
        "startup_checks",
        env.households,
        seconds=timed(checks, repeat=3),
        reference="bare sqlite3 PRAGMA quick_check",
        reference_seconds=timed(bare, repeat=3),
        budget="part of start ≤ 1.5 s",
    )
