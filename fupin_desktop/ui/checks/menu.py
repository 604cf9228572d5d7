"""打印 → 帮扶走访名单…: the whole watch list, one sheet per helper (the 监测预警 view prints a filtered
part of it)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from fupin_desktop.services.context import Permission
from fupin_desktop.services.progress import Job
from fupin_desktop.ui.printing import preview_job

if TYPE_CHECKING:
    from fupin_desktop.services.printing import PrintResult
    from fupin_desktop.ui.features import Workbench


def install(bench: Workbench) -> QAction:
    ui = bench.ui
    menu = bench.menu("print")
    menu.addSeparator()

    def print_all() -> None:
        def factory(out: Path, cancel: threading.Event) -> Job[PrintResult]:
            from fupin_desktop.services.checks import visit_list_job  # reportlab: on first use

            return visit_list_job(ui.ctx, out, cancel=cancel)

        preview_job(bench.widget(), ui, "帮扶走访名单", factory)

    action = menu.addAction("帮扶走访名单（监测预警）(&W)…", print_all)
    action.setObjectName("printVisitsAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+J"))  # J: 走访 (Ctrl+Shift+W is the 作战图)
    action.setEnabled(ui.ctx.actor.can(Permission.PRINT))
    return action
