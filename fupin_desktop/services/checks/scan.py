"""One pass over every household on the register, on two processors when there are many.

The data checks and the 监测预警 read all households and judge each on its own: the work is the same
for each and needs nothing from the others, so a second process can take part of it. At 20,000
households the pass costs seconds of pure Python, which one process does on one processor whatever
the machine has (DESIGN §5 budgets it on a two-core machine).

`scan_households` hands out chunks of households: the job's own thread checks chunks from the front,
a helper process (spawned, so the same on Windows and in the frozen program) from the back, until
none are left. The helper takes a second or so to start; meanwhile this thread simply takes more
chunks. It stays ready for the next pass and leaves after `IDLE_SECONDS` without work; it holds no
database connection between chunks. If it cannot start or fails, its chunks are done here: the result
never depends on it. What a household gives (`inspect`) must be picklable: a module-level class of
plain data, such as `domain.checks.HouseholdCheck`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from typing import TypeVar

from sqlalchemy import create_engine, make_url
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from fupin_desktop.domain.records import HouseholdRecord
from fupin_desktop.gc_pause import gc_paused
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import chunked, load_households

log = logging.getLogger(__name__)

T = TypeVar("T")
Inspect = Callable[[HouseholdRecord], T | None]

CHUNK = 500  # households per read, per progress step and per task of the helper


# Fewer households take a second or two: not worth a second process. FUPIN_PARALLEL_FROM overrides
# it (a large number: never a helper process; 1: always, as the test of the frozen program does).
def _parallel_from(default: int = 4000) -> int:
    text = os.environ.get("FUPIN_PARALLEL_FROM", "").strip()
    if not text:
        return default
    try:
        return max(1, int(text))
    except ValueError:
        log.warning("环境变量 FUPIN_PARALLEL_FROM=%r 不是整数，按 %d 户", text, default)
        return default


PARALLEL_FROM = _parallel_from()
IN_FLIGHT = 2  # chunks queued for the helper at a time: it never waits, and little is left to undo
POLL_SECONDS = 0.1  # how often a wait for the helper looks at 取消
IDLE_SECONDS = 120.0  # the helper leaves after this long without work


def scan_households(
    session: Session,
    ids: Sequence[int],
    cancel: threading.Event | None,
    stage: str,
    inspect: Inspect[T],
    *,
    visits_and_pairings: bool = True,
    parallel_from: int | None = None,
) -> Job[list[T]]:
    """What `inspect` gives for each household of `ids` (ascending ids read fastest), leaving out None,
    in the order of `ids`; progress per chunk, 取消 between chunks. The helper process joins in from
    `parallel_from` households (default PARALLEL_FROM)."""
    if parallel_from is None:
        parallel_from = PARALLEL_FROM
    chunks = [list(c) for c in chunked(ids, CHUNK)]
    results: list[list[T] | None] = [None] * len(chunks)
    yield Progress(0, len(ids), stage)
    helper = _Helper.start(session, inspect, visits_and_pairings) if len(ids) >= parallel_from else None
    pending = deque(range(len(chunks)))
    done = 0
    try:
        while pending or (helper is not None and helper.busy):
            check_cancel(cancel)
            if helper is not None:
                done += helper.collect(results, chunks, pending)
                helper.feed(chunks, pending)
            # this thread's next chunk: from the front, or at the end one the helper was given too
            # rather than wait for it (the helper's result for it is then ignored; see `take_back`)
            index = pending.popleft() if pending else helper.take_back() if helper is not None else None
            if index is not None:
                results[index] = _inspect_chunk(session, chunks[index], inspect, visits_and_pairings)
                done += len(chunks[index])
            elif helper is not None:
                helper.wait()
            yield Progress(min(done, len(ids)), len(ids), stage)
    finally:
        if helper is not None:
            helper.finish()
    return [item for part in results if part for item in part]


def _inspect_chunk(
    session: Session, ids: Sequence[int], inspect: Inspect[T], visits_and_pairings: bool
) -> list[T]:
    with gc_paused():  # reads and rules build many small objects, no cycles
        # income summaries suffice: the years' sums are read, not their lines
        records = load_households(session, ids, income_lines=False, visits_and_pairings=visits_and_pairings)
        return [found for record in records if (found := inspect(record)) is not None]


class _Helper:
    """The helper process's part of one pass: the chunks it is working on."""

    def __init__(self, pool: ProcessPoolExecutor, url: str, inspect: Inspect[object], visits: bool) -> None:
        self.pool = pool
        self.url = url
        self.inspect = inspect
        self.visits = visits
        self.running: dict[Future[list[object]], int] = {}
        self.delivered = 0  # chunks the helper has finished in this pass
        self.failed = False

    @classmethod
    def start(cls, session: Session, inspect: Inspect[object], visits: bool) -> _Helper | None:
        url = session.get_bind().url
        if not _shareable(url) or (os.cpu_count() or 1) < 2:
            return None
        pool = _POOL.acquire()
        if pool is None:
            return None
        return cls(pool, url.render_as_string(hide_password=False), inspect, visits)

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def feed(self, chunks: list[list[int]], pending: deque[int]) -> None:
        """Queue chunks from the back for the helper, up to IN_FLIGHT."""
        while not self.failed and pending and len(self.running) < IN_FLIGHT:
            index = pending.pop()
            try:
                future = self.pool.submit(_helper_chunk, self.url, chunks[index], self.inspect, self.visits)
            except Exception:  # a broken pool refuses work: this process does it
                log.warning("辅助进程不可用，其余农户在本进程核查", exc_info=True)
                pending.append(index)
                self.failed = True
                return
            self.running[future] = index

    def collect(self, results: list, chunks: list[list[int]], pending: deque[int]) -> int:
        """Take what the helper has finished; a chunk it failed on goes back to `pending`. Returns how
        many households were finished."""
        finished = 0
        for future in [f for f in self.running if f.done()]:
            index = self.running.pop(future)
            try:
                results[index] = future.result()
            except Exception:  # whatever broke there, the chunk is done here
                log.warning("辅助进程核查失败，这部分农户改在本进程核查", exc_info=True)
                self.failed = True
                pending.append(index)
                continue
            finished += len(chunks[index])
            self.delivered += 1
        return finished

    def take_back(self) -> int | None:
        """A chunk given to the helper that this thread should do as well, now that nothing else is
        left: the one queued behind the helper's current chunk, or — while the helper has delivered
        nothing yet (still starting, or stuck) — that current one. The helper usually has it already
        (a pool with one process takes two tasks at once), so it may do the chunk too; its result is
        then simply not listened to."""
        if len(self.running) < IN_FLIGHT and (self.delivered or not self.running):
            return None
        future = next(reversed(self.running))  # the last queued
        future.cancel()
        return self.running.pop(future)

    def wait(self) -> None:
        wait_for(list(self.running), timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)

    def finish(self) -> None:
        """The pass is over (done, 取消 or failed): what the helper still works on finishes unheard
        (at most two chunks, well under a second), and a failed helper is replaced next time."""
        for future in self.running:
            future.cancel()
        _POOL.release(broken=self.failed)


class _WarmPool:
    """The helper process, shared by passes one after another and let go when idle: counted users, and
    an idle timer that closes the pool only if it is still the latest one and nobody uses the pool."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._idle: threading.Timer | None = None
        self._users = 0

    def acquire(self) -> ProcessPoolExecutor | None:
        with self._lock:
            self._stop_timer()
            if self._pool is None:
                try:
                    self._pool = ProcessPoolExecutor(
                        max_workers=1, mp_context=multiprocessing.get_context("spawn")
                    )
                except (OSError, ValueError):
                    log.warning("未能启动辅助进程，在一个进程中进行", exc_info=True)
                    return None
            self._users += 1
            return self._pool

    def release(self, *, broken: bool = False) -> None:
        with self._lock:
            self._users = max(0, self._users - 1)
            if broken:  # broken for everyone: the next pass starts a new one
                self._close()
            elif self._users == 0:
                self._stop_timer()
                timer = threading.Timer(IDLE_SECONDS, lambda: self._close_if_idle(timer))
                timer.daemon = True
                self._idle = timer
                timer.start()

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close_if_idle(self, timer: threading.Timer) -> None:
        with self._lock:
            if self._idle is timer and self._users == 0:
                self._close()

    def _stop_timer(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def _close(self) -> None:
        self._stop_timer()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


_POOL = _WarmPool()


def close_helper() -> None:
    """Let the helper process go now (the program is closing, or a test is done with it)."""
    _POOL.close()


def _shareable(url: URL) -> bool:
    """Whether another process can open the same database: not an in-memory SQLite one."""
    if url.get_backend_name() != "sqlite":
        return True
    return bool(url.database) and url.database != ":memory:" and "mode=memory" not in str(url)


# ------------------------------------------------------------------ in the helper process

_engines: dict[str, Engine] = {}


def _helper_chunk(url: str, ids: list[int], inspect: Inspect[T], visits_and_pairings: bool) -> list[T]:
    """Runs in the helper: read and inspect one chunk. No connection is kept between chunks, so the
    helper never holds the database file open while the program restores or replaces it."""
    engine = _engines.get(url)
    if engine is None:
        args = {"timeout": 30} if make_url(url).get_backend_name() == "sqlite" else {}
        engine = _engines[url] = create_engine(make_url(url), poolclass=NullPool, connect_args=args)
    with Session(engine) as session:
        return _inspect_chunk(session, ids, inspect, visits_and_pairings)
