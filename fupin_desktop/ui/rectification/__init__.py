"""整改清单 (issue 7): the tab, its dialogs, the 打印 menu entries for the printed lists, and 新建整改任务
in the 户籍管理 tab.

`build_tab(bench)` makes the tab (in `ui/main_window.TABS` as `rectificationTab`); `install(bench,
households)` adds the menu entries and the household tab's entry (called by the main window, which holds
what it returns). Both import their modules when called: the tab is built on first show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from fupin_desktop.domain.task_lists import ListKind
    from fupin_desktop.ui.features import Workbench
    from fupin_desktop.ui.households.tab import HouseholdsTab
    from fupin_desktop.ui.rectification.tab import RectificationTab

__all__ = ["RectificationActions", "build_tab", "install"]


@dataclass(frozen=True, slots=True)
class RectificationActions:
    """The 打印 menu's 整改清单 entries (by kind) and 户籍管理's 新建整改任务…."""

    print_lists: dict[ListKind, QAction]
    new_task_for_households: QAction


def build_tab(bench: Workbench) -> RectificationTab:
    from fupin_desktop.ui.rectification.tab import build_tab

    return build_tab(bench)


def install(bench: Workbench, households: HouseholdsTab) -> RectificationActions:
    from fupin_desktop.ui.rectification import from_households, menu

    return RectificationActions(menu.install(bench), from_households.install(bench, households))
