"""Small shared dialogs: errors a clerk can act on, crash reports, progress with 取消."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QProgressDialog, QWidget

from fupin_desktop.errors import UserError
from fupin_desktop.services.progress import Progress
from fupin_desktop.ui.tasks import JobFactory, TaskHandle, TaskRunner

log = logging.getLogger(__name__)


@contextmanager
def wait_cursor() -> Iterator[None]:
    """The busy cursor for a short wait in the window's own thread (under a second or two)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def save_cancel_buttons(dialog: QDialog, on_save: Callable[[], object] | None = None) -> QDialogButtonBox:
    """保存 and 取消 for `dialog`: 保存 calls `on_save` (default: accept), 取消 rejects."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Save).setText("保存")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    box.accepted.connect(on_save or dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = "操作未完成") -> None:
    """A calm message for errors the user can fix; a crash report (with the log's location) for bugs."""
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, title, exc.message)
        return
    if isinstance(exc, OSError):
        from fupin_desktop.errors import describe_os_error

        QMessageBox.warning(parent, title, describe_os_error(exc, exc.filename or ""))
        return
    log.error("程序错误", exc_info=(type(exc), exc, exc.__traceback__))
    show_crash(parent, exc)


def show_crash(parent: QWidget | None, exc: BaseException) -> None:
    from fupin_desktop.logs import log_file

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("程序出错")
    where = log_file()
    box.setText(
        "程序遇到了一个内部错误，刚才的操作没有完成，已保存的数据不受影响。\n\n"
        f"错误详情已记录在日志文件中：\n{where or '（日志未启用）'}\n\n请把这个文件发给技术支持人员。"
    )
    box.setDetailedText("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    box.exec()


def run_with_progress(
    parent: QWidget | None,
    runner: TaskRunner,
    title: str,
    factory: JobFactory,
    on_finished: Callable[[Any], None],
    *,
    on_failed: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
) -> TaskHandle:
    """Run a job in the background behind a progress dialog with 取消 (shown after half a second)."""
    dialog = QProgressDialog(title, "取消" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def progress(p: Progress) -> None:
        if p.total:
            dialog.setMaximum(p.total)
            dialog.setValue(min(p.done, p.total))
        dialog.setLabelText(f"{p.stage}…" + (f"（{p.done}/{p.total}）" if p.total else ""))

    def failed(exc: BaseException) -> None:
        dialog.close()
        (on_failed or (lambda e: show_error(parent, e)))(exc)

    def finished(result: Any) -> None:
        dialog.close()
        on_finished(result)

    handle = runner.start(
        title,
        factory,
        on_finished=finished,
        on_failed=failed,
        on_progress=progress,
        on_cancelled=dialog.close,
        owner=parent,
    )
    dialog.canceled.connect(handle.cancel)
    handle.signals.done.connect(dialog.deleteLater)  # one dialog per job, not one more per job forever
    return handle
