"""整改清单 (issue 7): the tab, its dialogs, the 打印 menu entries for the printed lists, and 新建整改任务
in the 户籍管理 tab.

`build_tab(ui)` makes the tab (in `ui/main_window.TABS` as `rectificationTab`); `install(window)` adds the
menu entries and the household tab's entry (in `FEATURES`). Both import their modules when called: the tab
is built on first show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fupin_desktop.ui.app_context import UiContext
    from fupin_desktop.ui.main_window import MainWindow
    from fupin_desktop.ui.rectification.tab import RectificationTab

__all__ = ["build_tab", "install"]


def build_tab(ui: UiContext) -> RectificationTab:
    from fupin_desktop.ui.rectification.tab import build_tab

    return build_tab(ui)


def install(window: MainWindow) -> None:
    from fupin_desktop.ui.rectification import from_households, menu

    menu.install(window)
    from_households.install(window)
