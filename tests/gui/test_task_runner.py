"""The background runner: results arrive in the GUI thread, and a job that has returned no longer
counts as running even before its result has been delivered (closing then asks nothing); a job whose
widget is gone reports to no one; signals can be emitted for as long as the program runs."""

from __future__ import annotations

import functools
import gc
import sys
import threading
import weakref
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from fupin_desktop.services.progress import Progress
from fupin_desktop.ui.qt_workarounds import _Probe
from fupin_desktop.ui.tasks import TaskRunner


def quick_job(cancel: threading.Event):  # type: ignore[no-untyped-def]
    yield Progress(1, 1, "完成")
    return 42


def test_a_finished_job_is_not_busy_before_its_result_is_delivered(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    results: list[int] = []
    runner.start("quick", quick_job, on_finished=results.append)
    assert runner.wait(10_000)
    assert results == []  # the result is still queued for the GUI thread
    assert not runner.busy
    qtbot.waitUntil(lambda: results == [42])


def test_a_running_job_is_busy_until_it_returns(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    release = threading.Event()

    def waiting_job(cancel: threading.Event):  # type: ignore[no-untyped-def]
        release.wait(10)
        yield Progress(1, 1, "完成")

    runner.start("waiting", waiting_job)
    assert runner.busy
    release.set()
    assert runner.wait(10_000)
    assert not runner.busy


def test_closing_after_a_job_returned_asks_nothing(
    qtbot, make_window, demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, *_a: asked.append(title))
    window.ui.runner.start("quick", quick_job)
    assert window.ui.runner.wait(10_000)
    assert window.close()
    assert asked == []


def test_a_million_signals_later_the_program_still_runs() -> None:
    # PySide6 6.12.0 drops a reference to True on every emit; on Python 3.11 this aborted the
    # interpreter after a few thousand progress reports.
    probe = _Probe()
    for _ in range(1_000_000):
        probe.ping.emit()
    assert True is not False and sys.getrefcount(True) > 1_000


def test_a_million_qt_calls_returning_nothing_later_the_program_still_runs() -> None:
    # PySide6 6.12.0 also drops a reference to None on every call of a Qt method that returns nothing
    # (setText, resize, a Python layout's setGeometry); None has a few thousand references, so a window
    # in use for some minutes aborted with "none_dealloc".
    probe = _Probe()
    for _ in range(1_000_000):
        probe.setObjectName("probe")
    assert probe.objectName() == "probe" and sys.getrefcount(None) > 1_000


def test_a_job_whose_widget_was_deleted_reports_to_no_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    owner = QWidget()
    heard: list[str] = []
    handle = runner.start(
        "quick", quick_job, on_finished=lambda _r: heard.append(owner.windowTitle()), owner=owner
    )
    done: list[bool] = []
    handle.signals.destroyed.connect(lambda: done.append(True))
    assert runner.wait(10_000)
    shiboken6.delete(owner)  # as closing the window does, before the queued result arrives
    qtbot.waitUntil(lambda: done == [True])
    assert heard == [] and not runner.busy


def test_a_finished_job_lets_go_of_its_callbacks(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()

    class Receiver:
        def __init__(self) -> None:
            self.results: list[int] = []

        def take(self, result: int) -> None:
            self.results.append(result)

    receiver = Receiver()
    gone = weakref.ref(receiver)
    runner.start("quick", quick_job, on_finished=functools.partial(Receiver.take, receiver))
    results = receiver.results
    del receiver
    qtbot.waitUntil(lambda: results == [42])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert gone() is None
