"""`cli_start` and `cli_info`: how long a `fupin` command takes from start to its output (issue 18 §1).

Each figure is the wall time of a fresh interpreter running the command to its end, median of several
runs after one to warm the file cache; the reference is a bare `python -c "import argparse"`, the least
any Python command line costs. `cli_start` is `fupin --help` (no database); `cli_info` is `fupin info`
on the bench's demo township (opening it, checking its revision, counting).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.harness import BenchEnv, Measurement, benchmark, timed

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
BUDGET = "≤ 0.5 s"
REFERENCE = 'bare python -c "import argparse"'


def _run(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")


def _wall(*args: str) -> float:
    """Median wall seconds of `python ARGS` over RUNS runs, after a first one to warm the caches."""
    _run(*args)
    return timed(lambda: _run(*args), repeat=RUNS)


@benchmark("cli_start")
def cli_start(env: BenchEnv) -> Measurement:
    return Measurement(
        "cli_start",
        0,
        seconds=_wall("-m", "fupin_desktop.cli", "--help"),
        reference=REFERENCE,
        reference_seconds=_wall("-c", "import argparse"),
        budget=f"fupin --help {BUDGET}",
    )


@benchmark("cli_info")
def cli_info(env: BenchEnv) -> Measurement:
    folder = env.demo_folder()
    return Measurement(
        "cli_info",
        env.households,
        seconds=_wall("-m", "fupin_desktop.cli", "info", "--data-dir", str(folder)),
        reference=REFERENCE,
        reference_seconds=_wall("-c", "import argparse"),
        budget=f"fupin info {BUDGET}",
    )
