"""The pass over the register with a helper process: the same findings and watch list as one process
gives, in the same order; a helper that fails or cannot start changes nothing but the time; 取消 stops
it and the next pass works."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

import pytest

from fupin_desktop.domain.records import HouseholdRecord
from fupin_desktop.services.checks import scan as scan
from fupin_desktop.services.checks.run import register_order, run_checks
from fupin_desktop.services.checks.watch import check_and_watch_job, watch_job
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.progress import Cancelled, Progress, run_job
from fupin_desktop.services.register.records import load_households


@pytest.fixture
def with_helper(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Passes over the 600-household demo use the helper process (small chunks, so it gets several)."""
    monkeypatch.setattr(scan, "PARALLEL_FROM", 1)
    monkeypatch.setattr(scan, "CHUNK", 50)
    pool = scan._POOL.acquire()  # started and answering before the pass, as for a second run
    assert pool is not None and pool.submit(int, "1").result(timeout=120) == 1
    scan._POOL.release()
    yield
    scan.close_helper()


@pytest.fixture
def helper_keeps_its_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process never does the helper's chunks again at the end (`take_back`, which a slow helper on
    a loaded machine would otherwise lose its part to): it waits for the helper, so the helper always
    takes part — without any timing in the test."""
    monkeypatch.setattr(scan._Helper, "take_back", lambda _self: None)


class NumberOnly:
    """Picklable: each household's 户编号 and whether a helper process read it (which fails instead
    when asked to)."""

    def __init__(self, fail_in_helper: bool = False) -> None:
        self.fail_in_helper = fail_in_helper

    def __call__(self, record: HouseholdRecord) -> tuple[str, bool]:
        in_helper = multiprocessing.parent_process() is not None
        if self.fail_in_helper and in_helper:
            raise RuntimeError("辅助进程出错")
        return record.number, in_helper


def numbers(ctx: ServiceContext, inspect: NumberOnly) -> tuple[list[str], set[bool]]:
    """The 户编号 in the order given, and which processes read them (True: the helper)."""
    with ctx.sessions() as session:
        ids = sorted(register_order(session))
        found = run_job(scan.scan_households(session, ids, None, "测试", inspect))
        expected = [r.number for r in load_households(session, ids)]
    assert [number for number, _ in found] == expected and len(expected) == 600
    return expected, {helper for _, helper in found}


def test_with_a_helper_the_checks_and_watch_list_are_the_same(demo_ctx: ServiceContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    alone, alone_watch = run_job(check_and_watch_job(demo_ctx))
    monkeypatch.setattr(scan, "PARALLEL_FROM", 1)
    monkeypatch.setattr(scan, "CHUNK", 50)
    try:
        shared, shared_watch = run_job(check_and_watch_job(demo_ctx))
        again = run_job(run_checks(demo_ctx))  # the helper, kept ready, serves the next pass
        watched = run_job(watch_job(demo_ctx))
    finally:
        scan.close_helper()
    assert alone.findings and shared.findings == alone.findings
    assert shared.reviewed == alone.reviewed and shared.households == alone.households == 600
    assert again.findings == alone.findings
    assert alone_watch.entries and shared_watch.entries == alone_watch.entries == watched.entries


def test_the_helper_takes_part_and_the_order_is_kept(
    demo_ctx: ServiceContext, with_helper: None, helper_keeps_its_chunks: None
) -> None:
    _, readers = numbers(demo_ctx, NumberOnly())
    assert readers == {True, False}


def test_a_helper_that_fails_leaves_its_households_to_this_process(
    demo_ctx: ServiceContext,
    with_helper: None,
    helper_keeps_its_chunks: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, readers = numbers(demo_ctx, NumberOnly(fail_in_helper=True))
    assert readers == {False} and "辅助进程核查失败" in caplog.text
    _, readers = numbers(demo_ctx, NumberOnly())  # a new helper next time
    assert readers == {True, False}


def test_a_helper_that_cannot_start_changes_nothing(
    demo_ctx: ServiceContext, with_helper: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_method: str) -> None:
        raise OSError("没有可用的进程")

    scan.close_helper()
    with monkeypatch.context() as patched:
        patched.setattr(scan.multiprocessing, "get_context", refuse)
        _, readers = numbers(demo_ctx, NumberOnly())
    assert readers == {False}
    closed = ProcessPoolExecutor(max_workers=1)
    closed.shutdown()
    with monkeypatch.context() as patched:
        patched.setattr(scan._POOL, "acquire", lambda: closed)  # refuses every chunk
        _, readers = numbers(demo_ctx, NumberOnly())
    assert readers == {False}


def test_cancelling_a_shared_pass_stops_it_and_the_next_one_works(
    demo_ctx: ServiceContext, with_helper: None
) -> None:
    cancel = threading.Event()
    seen: list[Progress] = []

    def report(p: Progress) -> None:
        seen.append(p)
        if p.done >= 100:
            cancel.set()

    with pytest.raises(Cancelled):
        run_job(run_checks(demo_ctx, cancel), report)
    assert seen[-1].done < 600
    assert run_job(run_checks(demo_ctx)).households == 600


class SilentPool:
    """A helper that takes every chunk and never answers (still starting, or stuck on a lock)."""

    def __init__(self) -> None:
        self.given: list[Future[list[object]]] = []

    def submit(self, *_args: object) -> Future[list[object]]:
        future: Future[list[object]] = Future()
        self.given.append(future)
        return future


def test_a_helper_that_never_answers_does_not_hold_up_the_pass(
    demo_ctx: ServiceContext, with_helper: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    silent = SilentPool()
    monkeypatch.setattr(scan._POOL, "acquire", lambda: silent)
    monkeypatch.setattr(scan._POOL, "release", lambda **_k: None)
    _, readers = numbers(demo_ctx, NumberOnly())
    assert readers == {False} and len(silent.given) == 2  # both chunks it was given were done here
