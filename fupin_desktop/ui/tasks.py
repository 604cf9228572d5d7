"""Background runner: service jobs (generators of Progress) on a one-thread pool.

Signals live on a separate QObject created in the GUI thread (never QRunnable+QObject), and every
running task is referenced until it finishes so nothing is garbage-collected mid-flight.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from fupin_desktop.services.progress import Cancelled, Job, Progress, run_job

log = logging.getLogger(__name__)

JobFactory = Callable[[threading.Event], Job[Any]]


class TaskSignals(QObject):
    progress = Signal(object)  # Progress
    finished = Signal(object)  # the job's result
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()  # after any of the three above


class TaskHandle:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cancel_flag = threading.Event()
        # Set by the worker when the job has returned. The GUI thread hears of it later (a queued
        # signal), so this, not the handle's presence in the running set, says whether work remains.
        self.ended = threading.Event()
        self.signals = TaskSignals()

    def cancel(self) -> None:
        self.cancel_flag.set()

    @property
    def cancelling(self) -> bool:
        return self.cancel_flag.is_set()


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, factory: JobFactory) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.handle = handle
        self.factory = factory

    def run(self) -> None:
        signals = self.handle.signals
        try:
            result = run_job(self.factory(self.handle.cancel_flag), signals.progress.emit)
        except Cancelled:
            signals.cancelled.emit()
        except BaseException as exc:  # reported to the GUI thread, which decides how to show it
            log.debug("任务 %s 失败", self.handle.name, exc_info=True)
            signals.failed.emit(exc)
        else:
            signals.finished.emit(result)
        finally:
            self.handle.ended.set()
        signals.done.emit()


class TaskRunner(QObject):
    """Runs one job at a time in the background; later jobs queue behind it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: set[TaskHandle] = set()

    def start(
        self,
        name: str,
        factory: JobFactory,
        *,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> TaskHandle:
        handle = TaskHandle(name)
        signals = handle.signals
        if on_finished:
            signals.finished.connect(on_finished)
        if on_failed:
            signals.failed.connect(on_failed)
        if on_progress:
            signals.progress.connect(on_progress)
        if on_cancelled:
            signals.cancelled.connect(on_cancelled)
        signals.done.connect(lambda: self._running.discard(handle))
        self._running.add(handle)
        self.pool.start(_Runnable(handle, factory))
        return handle

    @property
    def busy(self) -> bool:
        """Whether a job is still working (one that has returned but whose result the GUI thread has
        not yet received does not count: nothing is left to cancel)."""
        return any(not handle.ended.is_set() for handle in self._running)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def cancel_all(self) -> None:
        for handle in list(self._running):
            handle.cancel()
