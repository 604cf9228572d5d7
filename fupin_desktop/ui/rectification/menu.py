"""The 打印 menu's 整改清单 entries (every task) and `print_task_list` for any filter (the tab's 打印)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from fupin_desktop.domain.task_lists import DOCUMENT_TITLES, ListKind
from fupin_desktop.services.progress import Job
from fupin_desktop.services.rectification import TaskQuery
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.printing import preview_job
from fupin_desktop.ui.tasks import TaskHandle

if TYPE_CHECKING:
    from fupin_desktop.services.rectification import ListResult
    from fupin_desktop.ui.features import Workbench


# The 打印 menu's access letters: Problems, Tasks, Duties, 销号 (X)
MENU_LETTERS = {ListKind.PROBLEMS: "P", ListKind.TASKS: "T", ListKind.DUTIES: "D", ListKind.CLOSED: "X"}


def install(bench: Workbench) -> dict[ListKind, QAction]:
    """The 打印 menu's entry for each kind of list, of every task."""
    menu = bench.menu("print")
    menu.addSeparator()
    actions: dict[ListKind, QAction] = {}
    for kind in ListKind:
        action = menu.addAction(
            f"{DOCUMENT_TITLES[kind]}(&{MENU_LETTERS[kind]})…",
            lambda k=kind: print_task_list(bench.widget(), bench.ui, k, TaskQuery()),
        )
        action.setObjectName(f"print_{kind.value}")
        action.setToolTip(f"打印全部整改任务的{kind.title}（A4 横向）")
        actions[kind] = action
    return actions


def print_task_list(
    parent: QWidget | None, ui: UiContext, kind: ListKind, query: TaskQuery, *, filtered: bool = False
) -> TaskHandle:
    """Build the list of `kind` for the tasks of `query` in the background, then open the preview."""
    title = DOCUMENT_TITLES[kind] + ("（筛选）" if filtered else "")

    def factory(out: Path, cancel: threading.Event) -> Job[ListResult]:
        from fupin_desktop.services.rectification import task_list_job  # reportlab: on first use

        return task_list_job(ui.ctx, kind, out, query, cancel=cancel)

    return preview_job(parent, ui, title, factory)
