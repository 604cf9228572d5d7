"""挂图作战 (issue 6): helpers and their households, the village board and charts, 为未结对户分配,
and 打印 → 作战图.

`build_tab(ui)` is the tab's factory (main_window.TABS), `install(window)` adds the print menu entry
(main_window.FEATURES). Both import their modules when called: the tab is built on first show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fupin_desktop.ui.app_context import UiContext
    from fupin_desktop.ui.assignments.tab import AssignmentsTab
    from fupin_desktop.ui.main_window import MainWindow

__all__ = ["build_tab", "install"]


def build_tab(ui: UiContext) -> AssignmentsTab:
    from fupin_desktop.ui.assignments.tab import AssignmentsTab

    return AssignmentsTab(ui)


def install(window: MainWindow) -> None:
    from fupin_desktop.ui.assignments import warchart_print

    warchart_print.install(window)
