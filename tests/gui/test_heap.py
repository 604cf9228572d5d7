"""Garbage is freed in the GUI thread: a closed dialog caught in a cycle must not have its Qt objects
destroyed by a collection that a job on the worker thread happened to start (ui.heap)."""

from __future__ import annotations

import gc
import threading

from fupin_desktop.gc_pause import gc_paused
from fupin_desktop.ui.heap import MainThreadCollector


class _Cycle:
    """Garbage that only the cycle collector frees, saying in which thread it was freed."""

    def __init__(self, freed_in: list[str]) -> None:
        self.me = self
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread().name)


def _work_in_a_thread(freed_in: list[str]) -> list[list[object]]:
    """A job's work: garbage, then far more new objects than the collector's threshold (700), kept."""
    made: list[list[object]] = []

    def work() -> None:
        _Cycle(freed_in)  # garbage at once
        made.extend([] for _ in range(20_000))

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()
    return made


def test_garbage_made_by_a_worker_is_freed_in_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    freed_in: list[str] = []
    collector = MainThreadCollector()
    try:
        results = _work_in_a_thread(freed_in)
        assert freed_in == []  # the worker's allocations started no collection
        qtbot.waitUntil(lambda: freed_in != [], timeout=5_000)  # the GUI thread's timer did
        assert freed_in == [threading.main_thread().name]
        assert len(results) == 20_000
    finally:
        collector.stop()


def test_without_it_a_worker_frees_the_garbage_itself_and_stop_hands_collection_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The case the collector is for, and the state it leaves."""
    enabled = gc.isenabled()
    MainThreadCollector().stop()
    assert gc.isenabled() == enabled
    gc.enable()
    try:
        freed_in: list[str] = []
        _work_in_a_thread(freed_in)
        assert freed_in == ["worker"]
    finally:
        if not enabled:
            gc.disable()


def test_the_collector_holds_off_while_a_job_reads_in_bulk(qtbot) -> None:  # type: ignore[no-untyped-def]
    freed_in: list[str] = []
    collector = MainThreadCollector()
    try:
        with gc_paused():
            results = _work_in_a_thread(freed_in)
            collector.collect_due()
            assert freed_in == []  # the read is not walked over and over while it lasts
        collector.collect_due()
        assert freed_in == [threading.main_thread().name]
        assert len(results) == 20_000
    finally:
        collector.stop()
