"""整改清单 (issue 7): the tab, its dialogs, the 打印 menu entries for the printed lists, and 新建整改任务
in the 户籍管理 tab.

`build_tab(ui)` makes the tab (in `ui/main_window.TABS` as `rectificationTab`); `install(window)` adds the
menu entries and the household tab's entry (in `FEATURES`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fupin_desktop.ui.rectification import from_households, menu
from fupin_desktop.ui.rectification.tab import RectificationTab, build_tab

if TYPE_CHECKING:
    from fupin_desktop.ui.main_window import MainWindow

__all__ = ["RectificationTab", "build_tab", "install"]


def install(window: MainWindow) -> None:
    menu.install(window)
    from_households.install(window)
