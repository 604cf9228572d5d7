"""Background runner: service jobs (generators of Progress) on a one-thread pool.

The worker thread knows a job only by its number: it reports through one relay object that lives in
the GUI thread with the runner, and the runner hands each report to the job's own `TaskSignals` there.
So every Qt object of a job is made, used and released in the GUI thread, and a job's callbacks (which
hold widgets) are let go the moment it is done. A job started with an `owner` reports nothing once the
owner's window has been deleted.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
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


class _Relay(QObject):
    """What the worker thread emits, each report tagged with the job's number."""

    progress = Signal(int, object)
    finished = Signal(int, object)
    failed = Signal(int, object)
    cancelled = Signal(int)
    done = Signal(int)


class TaskHandle:
    def __init__(self, number: int, name: str, owner: QObject | None) -> None:
        self.number = number
        self.name = name
        self.owner = owner
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

    @property
    def orphaned(self) -> bool:
        """Whether the widget that started the job has been deleted (nobody is left to tell)."""
        return self.owner is not None and not shiboken6.isValid(self.owner)


class _Runnable(QRunnable):
    def __init__(
        self,
        number: int,
        name: str,
        factory: JobFactory,
        cancel: threading.Event,
        ended: threading.Event,
        relay: _Relay,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.number, self.name, self.factory = number, name, factory
        self.cancel_flag, self.ended, self.relay = cancel, ended, relay

    def run(self) -> None:
        number, relay, factory = self.number, self.relay, self.factory
        self.factory = None  # type: ignore[assignment]  # what the job holds is released with it
        try:
            result = run_job(factory(self.cancel_flag), lambda p: relay.progress.emit(number, p))
        except Cancelled:
            relay.cancelled.emit(number)
        except BaseException as exc:  # reported to the GUI thread, which decides how to show it
            log.debug("任务 %s 失败", self.name, exc_info=True)
            relay.failed.emit(number, exc)
        else:
            relay.finished.emit(number, result)
            del result
        finally:
            del factory
            self.ended.set()
        relay.done.emit(number)


class TaskRunner(QObject):
    """Runs one job at a time in the background; later jobs queue behind it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: dict[int, TaskHandle] = {}
        self._numbers = itertools.count(1)
        self._relay = _Relay(self)
        self._relay.progress.connect(lambda n, p: self._report(n, "progress", p))
        self._relay.finished.connect(lambda n, result: self._report(n, "finished", result))
        self._relay.failed.connect(lambda n, exc: self._report(n, "failed", exc))
        self._relay.cancelled.connect(lambda n: self._report(n, "cancelled"))
        self._relay.done.connect(self._done)

    def start(
        self,
        name: str,
        factory: JobFactory,
        *,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> TaskHandle:
        """Queue `factory`'s job. The callbacks run in the GUI thread — not at all once `owner`
        (the widget that shows the outcome) has been deleted."""
        handle = TaskHandle(next(self._numbers), name, owner)
        signals = handle.signals
        for signal, callback in (
            (signals.finished, on_finished),
            (signals.failed, on_failed),
            (signals.progress, on_progress),
            (signals.cancelled, on_cancelled),
        ):
            if callback is not None:
                signal.connect(callback)
        self._running[handle.number] = handle
        self.pool.start(
            _Runnable(handle.number, name, factory, handle.cancel_flag, handle.ended, self._relay)
        )
        return handle

    def _report(self, number: int, kind: str, *args: object) -> None:
        handle = self._running.get(number)
        if handle is None or handle.orphaned:
            return
        getattr(handle.signals, kind).emit(*args)

    def _done(self, number: int) -> None:
        handle = self._running.pop(number, None)
        if handle is None:
            return
        signals = handle.signals
        if not handle.orphaned:
            signals.done.emit()
        signals.deleteLater()  # with it go the callbacks' connections and the widgets they hold
        handle.owner = None

    @property
    def busy(self) -> bool:
        """Whether a job is still working (one that has returned but whose result the GUI thread has
        not yet received does not count: nothing is left to cancel)."""
        return any(not handle.ended.is_set() for handle in self._running.values())

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def cancel_all(self) -> None:
        for handle in list(self._running.values()):
            handle.cancel()
