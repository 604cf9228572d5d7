"""挂图作战 (issue 6): helpers and their households, the village board and charts, 为未结对户分配,
and 打印 → 作战图.

`build_tab(ui)` is the tab's factory (main_window.TABS), `install(window)` adds the print menu entry
(main_window.FEATURES).
"""

from __future__ import annotations

from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.assignments.tab import AssignmentsTab
from fupin_desktop.ui.assignments.warchart_print import install


def build_tab(ui: UiContext) -> AssignmentsTab:
    return AssignmentsTab(ui)


__all__ = ["AssignmentsTab", "build_tab", "install"]
