"""Registry, shared fixtures and result table for the benchmarks.

A benchmark is a function in a `bench/bench_*.py` module decorated with `@benchmark("name")`. It gets
a `BenchEnv` and returns a `Measurement`: its own time beside a reference measured in the same run
(the bare library doing the same amount of work), or resident memory in MB.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.demo import generate_demo
from fupin_desktop.services.progress import run_job

TODAY = date(2026, 11, 23)


@dataclass(frozen=True, slots=True)
class Measurement:
    name: str
    n: int
    seconds: float | None = None
    reference: str | None = None
    reference_seconds: float | None = None
    mb: float | None = None
    budget: str = ""

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.reference_seconds:
            return None
        return round(self.seconds / self.reference_seconds, 2)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name,
            "n": self.n,
            "seconds": None if self.seconds is None else round(self.seconds, 4),
            "reference": self.reference,
            "reference_seconds": None if self.reference_seconds is None else round(self.reference_seconds, 4),
            "ratio": self.ratio,
        }
        if self.mb is not None:
            out["mb"] = round(self.mb, 1)
        return out


@dataclass
class BenchEnv:
    households: int
    scratch: Path
    _demo: Path | None = field(default=None, repr=False)

    def demo_folder(self) -> Path:
        """A data folder holding the demo township at `households` (built once per run)."""
        if self._demo is None:
            folder = self.scratch / f"demo-{self.households}"
            ctx = self.context(folder)
            run_job(generate_demo(ctx, households=self.households))
            ctx.db.dispose()
            self._demo = folder
        return self._demo

    def demo_copy(self, name: str) -> Path:
        """A private copy of the demo folder, for benchmarks that change data."""
        target = self.scratch / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.demo_folder(), target)
        return target

    def context(self, folder: Path) -> ServiceContext:
        return ServiceContext(db=open_database(DataPaths(folder)), actor=LOCAL_ADMIN, today=lambda: TODAY)


BenchFn = Callable[[BenchEnv], Measurement]
REGISTRY: dict[str, BenchFn] = {}


def benchmark(name: str) -> Callable[[BenchFn], BenchFn]:
    def register(fn: BenchFn) -> BenchFn:
        if name in REGISTRY:
            raise ValueError(f"benchmark {name} registered twice")
        REGISTRY[name] = fn
        return fn

    return register


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time of `repeat` calls."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


@contextmanager
def scratch_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fupin-bench-") as folder:
        yield Path(folder)
