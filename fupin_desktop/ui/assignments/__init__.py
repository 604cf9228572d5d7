"""挂图作战 (issue 6): helpers and their households, the village board and charts, 为未结对户分配,
and 打印 → 作战图.

`build_tab(bench)` is the tab's factory (main_window.TABS), `install(bench)` adds the print menu entry
(called by the main window). Both import their modules when called: the tab is built on first show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from fupin_desktop.ui.assignments.tab import AssignmentsTab
    from fupin_desktop.ui.features import Workbench

__all__ = ["build_tab", "install"]


def build_tab(bench: Workbench) -> AssignmentsTab:
    from fupin_desktop.ui.assignments.tab import AssignmentsTab

    return AssignmentsTab(bench.ui, bench)


def install(bench: Workbench) -> QAction:
    from fupin_desktop.ui.assignments import warchart_print

    return warchart_print.install(bench)
