"""数据核查 and 监测预警 in the window: the tab (`ChecksTab`, listed in `ui.main_window.TABS`) and the
打印 menu's 帮扶走访名单 (`install`, listed in `FEATURES`)."""

from __future__ import annotations

from fupin_desktop.ui.checks.menu import install
from fupin_desktop.ui.checks.tab import ChecksTab

__all__ = ["ChecksTab", "install"]
