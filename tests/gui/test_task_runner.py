"""The background runner: results arrive in the GUI thread, and a job that has returned no longer
counts as running even before its result has been delivered (closing then asks nothing)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from fupin_desktop.services.progress import Progress
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
