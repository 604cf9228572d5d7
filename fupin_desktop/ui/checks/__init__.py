"""数据核查 and 监测预警 in the window: the tab (`build_tab`, listed in `ui.main_window.TABS`) and the
打印 menu's 帮扶走访名单 (`install`, listed in `FEATURES`). Both import their modules when called: the tab
is built on first show."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fupin_desktop.ui.app_context import UiContext
    from fupin_desktop.ui.checks.tab import ChecksTab
    from fupin_desktop.ui.main_window import MainWindow

__all__ = ["build_tab", "install"]


def build_tab(ui: UiContext) -> ChecksTab:
    from fupin_desktop.ui.checks.tab import ChecksTab

    return ChecksTab(ui)


def install(window: MainWindow) -> None:
    from fupin_desktop.ui.checks import menu

    menu.install(window)
