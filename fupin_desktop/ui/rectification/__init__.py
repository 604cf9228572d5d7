"""整改清单 (issue 7): the tab, its dialogs, and the 打印 menu entries for the printed lists.

`build_tab(ui)` makes the tab (in `ui/main_window.TABS` as `rectificationTab`); `install(window)` adds the
menu entries (in `FEATURES`).
"""

from fupin_desktop.ui.rectification.menu import install
from fupin_desktop.ui.rectification.tab import RectificationTab, build_tab

__all__ = ["RectificationTab", "build_tab", "install"]
