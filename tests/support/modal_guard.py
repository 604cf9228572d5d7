"""No test waits for an answer nobody gives (issue 16 §9).

A pytest plugin (tests/conftest.py loads it). While a test that uses Qt runs — setup, call and teardown —
a timer looks at the open modal dialogs; one left unanswered for `PATIENCE_S` seconds (a box whose
`exec()` would otherwise wait until pytest-timeout kills the whole test process, minutes later) is
rejected, and the test fails naming its title and text. After teardown, a modal dialog still open (over no window, or over one still
open) is closed and fails the test too.
Before teardown closes the windows, each main window's background jobs are cancelled and awaited, so a
window closed by a test never asks "后台任务仍在进行".

Tests that never import Qt are left alone: nothing here imports PySide6 unless a test has.

    @pytest.mark.modal_patience(0.3)  # a shorter wait, for a test that opens a box on purpose
"""

from __future__ import annotations

import sys
import time
from collections.abc import Generator
from typing import Any

import pytest

PATIENCE_S = 15.0  # a box a test answers is answered within milliseconds, even on a loaded machine
POLL_MS = 100
RUNNER_WAIT_MS = 10_000
WATCH = pytest.StashKey["ModalWatch"]()


def qt_app() -> Any:
    """The QApplication, when a test has made one (without importing Qt otherwise)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return None
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def open_modal_dialogs() -> list[Any]:
    from PySide6.QtWidgets import QApplication, QDialog

    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QDialog) and widget.isVisible() and widget.isModal()
    ]


def describe(dialog: Any) -> str:
    from PySide6.QtWidgets import QMessageBox

    text = dialog.text() if isinstance(dialog, QMessageBox) else ""
    return f"{type(dialog).__name__}「{dialog.windowTitle()}」" + (f"：{text}" if text else "")


def went_with_its_window(dialog: Any) -> bool:
    parent = dialog.parentWidget()
    return parent is not None and not parent.window().isVisible()


def dismiss(dialog: Any) -> None:
    """Reject `dialog` the way its window's close button cannot be refused: QDialog.done itself, not a
    subclass's `reject` (the household editor's asks whether to save)."""
    from PySide6.QtWidgets import QDialog

    QDialog.done(dialog, QDialog.DialogCode.Rejected)


def settle_window(window: Any) -> None:
    """Cancel and await a main window's background jobs, so that closing it asks nothing."""
    runner = getattr(getattr(window, "ui", None), "runner", None)
    if runner is not None:
        runner.cancel_all()
        runner.wait(RUNNER_WAIT_MS)


class ModalWatch:
    """Rejects modal dialogs left open `patience` seconds and remembers what they said."""

    def __init__(self, patience: float) -> None:
        from PySide6.QtCore import QTimer

        self.patience = patience
        self.first_seen: dict[int, float] = {}
        self.dismissed: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        from PySide6.QtWidgets import QProgressDialog

        now = time.monotonic()
        seen = {}
        for dialog in open_modal_dialogs():
            if isinstance(dialog, QProgressDialog):
                continue  # it closes itself when its job ends; a test waits on the job
            since = seen[id(dialog)] = self.first_seen.get(id(dialog), now)
            if now - since >= self.patience:
                self.dismissed.append(describe(dialog))
                dismiss(dialog)
        self.first_seen = seen

    def take(self) -> list[str]:
        found, self.dismissed = self.dismissed, []
        return found

    def stop(self) -> None:
        self.timer.stop()
        self.timer.deleteLater()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "modal_patience(seconds): how long a modal dialog may stay unanswered (default 15 s)"
    )


def _watch(item: pytest.Item) -> ModalWatch | None:
    watch = item.stash.get(WATCH, None)
    if watch is None and qt_app() is not None:
        marker = item.get_closest_marker("modal_patience")
        watch = item.stash[WATCH] = ModalWatch(float(marker.args[0]) if marker else PATIENCE_S)
    return watch


def _fail_if_dismissed(watch: ModalWatch | None, when: str) -> None:
    found = watch.take() if watch is not None else []
    if found:
        boxes = "\n".join(f"  {line}" for line in found)
        pytest.fail(f"{when}: a modal dialog waited for an answer nobody gave; closed it:\n{boxes}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    _watch(item)
    result = yield
    _fail_if_dismissed(_watch(item), "setup")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    _watch(item)
    try:
        result = yield
    except BaseException:
        _fail_if_dismissed(item.stash.get(WATCH, None), "test failed, and")
        raise
    _fail_if_dismissed(_watch(item), "test")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    # Outside pytest-qt's teardown (trylast), which closes the test's windows.
    watch = _watch(item)
    if qt_app() is not None:
        from PySide6.QtWidgets import QApplication, QMainWindow

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow):
                settle_window(widget)
    try:
        result = yield
    finally:
        if watch is not None:
            del item.stash[WATCH]
            watch.stop()
    left = open_modal_dialogs() if watch is not None else []
    # A window-modal dialog of a window the teardown closed (the household editor over the main
    # window) went with it; one over nothing, or over a window still open, was left by the test.
    described = [describe(dialog) for dialog in left if not went_with_its_window(dialog)]
    for dialog in left:
        dismiss(dialog)
    _fail_if_dismissed(watch, "teardown")
    if described:
        boxes = "\n".join(f"  {line}" for line in described)
        pytest.fail(f"after the test a modal dialog was still open; closed it:\n{boxes}")
    return result
