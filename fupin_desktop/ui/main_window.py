"""The main window: four tabs, the menus, the status bar.

Tabs are built from `TABS`; each part of the program adds its menu entries with its `install(...)`, called
in `MainWindow.__init__`, and keeps its own code in its own sub-package. Features see the window as a
`features.Workbench` (open a household, open a task, show a tab, announce a change) and keep what they
build on their own objects, which the window holds as declared attributes.

Only the first tab is built at start-up; the others (and the libraries behind them) are built the first
time they are shown or asked for with `MainWindow.tab(key)`, which keeps start-up within its budget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop import APP_NAME, __version__
from fupin_desktop.services.storage import backup_to, database_info, where_the_data_is
from fupin_desktop.ui import (
    account_actions,
    area_dialog,
    assignments,
    briefing,
    checks,
    code_lists_dialog,
    connection_dialog,
    excel,
    print_actions,
    rectification,
    settings_dialog,
)
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import show_error, wait_cursor
from fupin_desktop.ui.features import MenuKey, TabKey, Workbench
from fupin_desktop.ui.households.tab import HouseholdsTab
from fupin_desktop.ui.screen_fit import (
    FALLBACK_FRAME,
    MAIN_GEOMETRY_KEY,
    MAIN_WINDOW_MINIMUM,
    MAIN_WINDOW_SIZE,
    fit_to_screen,
    fitting_size,
    place_new_window,
    screen_key,
    window_screen,
)

if TYPE_CHECKING:
    from fupin_desktop.ui.households.editor import HouseholdEditor

TabFactory = Callable[[Workbench], QWidget]

# (key, title, factory) — key is the tab's objectName. Factories of later tabs import their modules
# inside the call, so a tab's libraries load when it is first shown.
TABS: list[tuple[TabKey, str, TabFactory]] = [
    ("householdsTab", "户籍管理", lambda bench: HouseholdsTab(bench.ui)),
    ("assignmentsTab", "挂图作战", assignments.build_tab),
    ("rectificationTab", "整改清单", rectification.build_tab),
    ("checksTab", "数据核查", checks.build_tab),
]


class MainWindow(QMainWindow):
    """The `Workbench` of every feature (see `features.py`)."""

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("mainWindow")
        # no smaller than a useful window, except where the screen itself is smaller (150 % scaling on a
        # 1280×800 laptop leaves 853×533): then the tabs' own layouts decide, and they wrap to fit
        self.setMinimumSize(fitting_size(MAIN_WINDOW_MINIMUM, window_screen(self), FALLBACK_FRAME))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self._tab_keys: list[TabKey] = [key for key, _title, _factory in TABS]
        self._unbuilt: dict[TabKey, TabFactory] = {}
        for index, (key, title, factory) in enumerate(TABS):
            if index == 0:
                page = factory(self)
                page.setObjectName(key)
            else:
                self._unbuilt[key] = factory
                page = _opening_page(key)
            self.tabs.addTab(page, title)
        first = self.tabs.widget(0)
        assert isinstance(first, HouseholdsTab)  # 户籍管理 comes first, built at start-up
        self.households: HouseholdsTab = first
        self.tabs.currentChanged.connect(self._build_current)
        self.setCentralWidget(self.tabs)
        self.menus: dict[MenuKey, QMenu] = {}
        self._build_menus()
        self._build_status_bar()
        # Each feature's menu entries, in the order they appear; what each builds is kept here.
        self.excel_actions = excel.install(self, self.import_action, self.export_action)
        self.card_actions = print_actions.install(self)
        self.print_warchart_action = assignments.install(self)
        self.print_briefing_action = briefing.install(self)
        self.rectification_actions = rectification.install(self, self.households)
        self.account_actions = account_actions.install(self, self.backup_action)
        self.print_visits_action = checks.install(self)
        self.settings_action = settings_dialog.install(self)
        self.code_lists_action = code_lists_dialog.install(self, after=self.settings_action)
        self.areas_action = area_dialog.install(self, after=self.code_lists_action)
        self.connection_action = connection_dialog.install(self)
        ui.events.data_changed.connect(self.refresh)
        ui.events.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.refresh()
        self._restore_geometry()

    # ------------------------------------------------------------ building

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.menus["file"] = bar.addMenu("文件(&F)")
        self.import_action = file_menu.addAction("导入 Excel(&I)…")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.export_action = file_menu.addAction("导出台账(&E)…")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        for action in (self.import_action, self.export_action):
            action.setEnabled(False)  # excel.install enables them for those allowed
        file_menu.addSeparator()
        self.backup_action = file_menu.addAction("备份到(&B)…", self.backup)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("退出(&X)", self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.menus["print"] = bar.addMenu("打印(&P)")

        help_menu = self.menus["help"] = bar.addMenu("帮助(&H)")
        self.help_action = help_menu.addAction("使用说明(&U)", self.show_help)
        self.help_action.setObjectName("helpAction")
        self.help_action.setShortcut(QKeySequence("F1"))
        # F1 from anywhere in the window, whatever has the focus (a table, a filter box)
        self.help_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.help_action)
        help_menu.addAction("打开数据文件夹(&D)", self.open_data_folder)
        help_menu.addSeparator()
        help_menu.addAction("关于(&A)", self.about)

    def _build_status_bar(self) -> None:
        self.folder_label = QLabel(where_the_data_is(self.ui.ctx.paths.database_url, self.ui.ctx.paths.root))
        self.folder_label.setObjectName("dataFolderLabel")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addWidget(self.folder_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

    # ------------------------------------------------------------ the Workbench of the features

    def widget(self) -> QWidget:
        return self

    def menu(self, key: MenuKey) -> QMenu:
        return self.menus[key]

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def open_household(
        self, household_id: int, section: str | None = None, *, show_register: bool = False
    ) -> HouseholdEditor | None:
        if show_register:
            self.show_tab("householdsTab")
        return self.households.open_household(household_id, section)

    def open_task(self, task_id: int) -> bool:
        from fupin_desktop.ui.rectification.tab import RectificationTab  # loaded with the tab

        tab = self.show_tab("rectificationTab")
        assert isinstance(tab, RectificationTab)
        return tab.select_task(task_id)

    def announce_change(self, what: str) -> None:
        self.ui.events.data_changed.emit(what)

    def show_status(self, text: str) -> None:
        self.ui.events.status_message.emit(text)

    # ------------------------------------------------------------ tabs

    def tab(self, key: TabKey) -> QWidget:
        """The tab of `key` (an objectName from `TABS`), built now if it has not been shown yet."""
        index = self._tab_keys.index(key)
        factory = self._unbuilt.pop(key, None)
        if factory is None:
            return self.tabs.widget(index)
        with wait_cursor():
            page = factory(self)
        page.setObjectName(key)
        pending = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        # Swap the page in place without the tab bar announcing the intermediate states.
        self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, TABS[index][1])
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        pending.deleteLater()
        return page

    def show_tab(self, key: TabKey) -> QWidget:
        """Build the tab of `key` if need be and bring it to the front."""
        page = self.tab(key)
        self.tabs.setCurrentWidget(page)
        return page

    def _build_current(self, index: int) -> None:
        if 0 <= index < len(self._tab_keys) and self._tab_keys[index] in self._unbuilt:
            QApplication.processEvents()  # paint the "正在打开" page before the build blocks
            try:
                self.tab(self._tab_keys[index])
            except Exception as exc:  # a tab that cannot open must not take the window with it
                self._unbuilt.setdefault(self._tab_keys[index], TABS[index][2])
                show_error(self, exc, title="页面未能打开")

    # ------------------------------------------------------------ behaviour

    def refresh(self, _what: str = "all") -> None:
        info = database_info(self.ui.ctx)
        township = info.township or "未命名乡镇"
        title = f"{township} — {APP_NAME}"
        if self.ui.demo:
            title += f"（示范数据，{self.ui.ctx.actor.display_name}已自动登录）"
        self.setWindowTitle(title)
        self.counts_label.setText(
            f"{info.villages} 个村　{info.households} 户　{info.members} 人　"
            f"帮扶责任人 {info.helpers} 名　整改未销号 {sum(n for s, n in info.tasks.items() if s != '已销号')} 项"
        )

    def backup(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择备份位置（例如U盘）")
        if not folder:
            return
        try:
            target = backup_to(self.ui.ctx, Path(folder))
        except Exception as exc:
            show_error(self, exc, title="备份未完成")
            return
        QMessageBox.information(self, "备份完成", f"已备份到：\n{target}")

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ui.ctx.paths.root)))

    def show_help(self) -> None:
        """The user guide, at the section of the tab in front (one window, not modal)."""
        from fupin_desktop.ui.help import show_help

        show_help(self, self._tab_keys[self.tabs.currentIndex()])

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"关于 {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>"
            "乡镇防返贫动态监测和巩固衔接工作台：一次录入，核查、打印、报表多次使用。<br><br>"
            f"{where_the_data_is(self.ui.ctx.paths.database_url, self.ui.ctx.paths.root)}<br>"
            "字体：文泉驿微米黑（Apache-2.0）。界面：Qt for Python（LGPL-3.0）。",
        )

    # ------------------------------------------------------------ window state

    def _restore_geometry(self) -> None:
        """The geometry last left on a screen of this size (or, from before sizes were kept per
        screen, the one saved last), never bigger than the screen nor off it; at first a roomy window
        centred on it."""
        area = window_screen(self)
        prefs = self.ui.prefs
        for key in (screen_key(MAIN_GEOMETRY_KEY, area), MAIN_GEOMETRY_KEY):
            geometry = prefs.value(key)
            if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
                fit_to_screen(self)
                return
        place_new_window(self, MAIN_WINDOW_SIZE, area)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ui.runner.busy:
            answer = QMessageBox.question(
                self,
                "后台任务仍在进行",
                "有任务正在后台运行。要取消它并退出吗？（未完成的任务不会保存任何数据）",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.ui.runner.cancel_all()
            self.ui.runner.wait(10_000)
        for index in range(self.tabs.count()):  # pages not built yet have nothing unsaved
            confirm = getattr(self.tabs.widget(index), "confirm_close", None)
            if confirm is not None and not confirm():  # a tab with unsaved changes may refuse
                event.ignore()
                return
        self.ui.prefs.setValue(screen_key(MAIN_GEOMETRY_KEY, window_screen(self)), self.saveGeometry())
        self.ui.prefs.sync()
        self.ui.ctx.db.dispose()
        event.accept()


def _opening_page(key: str) -> QWidget:
    """What an unbuilt tab shows for the moment it takes to build it."""
    page = QWidget()
    page.setObjectName(f"{key}Pending")
    layout = QVBoxLayout(page)
    label = QLabel("正在打开…")
    label.setProperty("role", "placeholder")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(label)
    return page
