"""数据核查 and 监测预警 in the window: the tab (`build_tab`, listed in `ui.main_window.TABS`) and the
打印 menu's 帮扶走访名单 (`install`, called by the main window). Both import their modules when called: the
tab is built on first show."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from fupin_desktop.ui.checks.tab import ChecksTab
    from fupin_desktop.ui.features import Workbench

__all__ = ["build_tab", "install"]


def build_tab(bench: Workbench) -> ChecksTab:
    from fupin_desktop.ui.checks.tab import ChecksTab

    return ChecksTab(bench.ui, bench)


def install(bench: Workbench) -> QAction:
    from fupin_desktop.ui.checks import menu

    return menu.install(bench)
