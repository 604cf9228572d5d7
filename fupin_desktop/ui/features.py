"""What a part of the program may ask of the main window: the `Workbench`.

Tabs and menu entries ("features") get a `Workbench` when they are built and call only it. They never set
attributes on the window nor look each other up in the widget tree (`findChild`, `getattr`): what a feature
keeps lives on its own object, which `MainWindow` builds and holds in its `__init__`
(tests/gui/test_feature_interface.py checks both).

`MainWindow` implements the protocol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

    from fupin_desktop.ui.app_context import UiContext
    from fupin_desktop.ui.households.editor import HouseholdEditor

# The tabs' objectNames (main_window.TABS) and the menus features add entries to.
TabKey = Literal["householdsTab", "assignmentsTab", "rectificationTab", "checksTab"]
MenuKey = Literal["file", "print", "help"]


class Workbench(Protocol):
    """The main window as its features see it."""

    ui: UiContext  # services, app-wide events, the background runner, per-PC preferences

    def widget(self) -> QWidget:
        """The window itself: the parent of the features' dialogs and actions."""
        ...

    def menu(self, key: MenuKey) -> QMenu:
        """The menu-bar menu a feature adds its entries to."""
        ...

    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent widget at the right of the status bar."""
        ...

    def show_tab(self, key: TabKey) -> QWidget:
        """Bring a tab to the front (built now if it has not been shown yet)."""
        ...

    def open_household(
        self, household_id: int, section: str | None = None, *, show_register: bool = False
    ) -> HouseholdEditor | None:
        """The one way to open a household: its editor, at a section named by its Chinese title (e.g.
        "收支核算"). With `show_register` 户籍管理 comes to the front as well; without, the tab asking stays
        behind the editor (数据核查 keeps its place in the list). None when it could not be opened."""
        ...

    def open_task(self, task_id: int) -> bool:
        """Show a task in 整改清单 (its filters cleared if they hide it); False when it does not exist."""
        ...

    def announce_change(self, what: str) -> None:
        """Data changed ("household", "task", "settings"… see `AppEvents`): the tabs refresh."""
        ...

    def show_status(self, text: str) -> None:
        """A message in the status bar for a few seconds."""
        ...
