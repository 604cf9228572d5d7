"""`startup` and `demo_20k`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, create_engine, insert

from bench.harness import BenchEnv, Measurement, benchmark, timed
from fupin_desktop.services.demo import generate_demo
from fupin_desktop.services.progress import run_job

ROOT = Path(__file__).resolve().parents[1]


def _probe(mode: str, folder: Path) -> float:
    """Seconds from process start to READY (median of three)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}

    def once() -> None:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "startup_probe.py"), mode, str(folder)],
            stdout=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        assert process.stdout is not None
        line = process.stdout.readline().decode().strip()
        process.wait(timeout=60)
        if line != "READY":
            raise RuntimeError(f"startup probe ({mode}) failed")

    return timed(once, repeat=3)


@benchmark("startup")
def startup(env: BenchEnv) -> Measurement:
    folder = env.demo_folder()
    _probe("app", folder)  # warm the file cache and the font cache once
    seconds = _probe("app", folder)
    reference = _probe("bare", folder)
    return Measurement(
        "startup",
        env.households,
        seconds=seconds,
        reference="bare QMainWindow+QTableView process",
        reference_seconds=reference,
        budget="≤ 1.5 s",
    )


@benchmark("demo_20k")
def demo_20k(env: BenchEnv) -> Measurement:
    folder = env.scratch / "demo-bench"
    ctx = env.context(folder)
    started = time.perf_counter()
    summary = run_job(generate_demo(ctx, households=env.households, force=True))
    seconds = time.perf_counter() - started
    ctx.db.dispose()
    reference = _bare_insert(env.scratch / "bare.sqlite", summary.households, summary.members)
    return Measurement(
        "demo_20k",
        env.households,
        seconds=seconds,
        reference="SQLAlchemy Core executemany of as many household and member rows",
        reference_seconds=reference,
        budget="< 60 s",
    )


def _bare_insert(path: Path, households: int, members: int) -> float:
    engine = create_engine(f"sqlite:///{path}")
    meta = MetaData()
    h = Table(
        "h",
        meta,
        Column("id", Integer, primary_key=True),
        Column("number", String),
        Column("village", String),
    )
    m = Table(
        "m",
        meta,
        Column("id", Integer, primary_key=True),
        Column("household_id", Integer),
        Column("name", String),
        Column("id_number", String),
        Column("birth", Date),
    )
    meta.create_all(engine)
    import datetime

    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(
            insert(h), [{"id": i, "number": f"{i:017d}", "village": "村"} for i in range(households)]
        )
        connection.execute(
            insert(m),
            [
                {
                    "id": i,
                    "household_id": i % households,
                    "name": "张三",
                    "id_number": f"{i:018d}",
                    "birth": datetime.date(1980, 1, 1),
                }
                for i in range(members)
            ],
        )
    engine.dispose()
    return time.perf_counter() - started
