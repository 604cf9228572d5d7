"""整改清单 tab: the task table (objectName `taskTable`) with the working views, colour badges and
filters above it and the selected task in full beside it (hidden while no task is selected, so 问题表现
gets the width). This is the controller: it asks the services and opens the dialogs; the views only
show and ask. 撤销上一步 is Ctrl+Z in the table.

Public API for other parts of the program: `new_task(household_ids)`, `select_task(id)`,
`selected_task_id()`, `current_query()`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.task_lists import DOCUMENT_TITLES, ListKind
from fupin_desktop.domain.tasks import TaskAction, TaskView, describe_change
from fupin_desktop.errors import UserError
from fupin_desktop.services.context import Permission
from fupin_desktop.services.rectification import (
    TaskQuery,
    add_evidence,
    evidence_file,
    list_tasks,
    remove_evidence,
    task_detail,
    undo_last,
)
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.column_widths import fit_widths, screen_width
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.excel import open_export, open_import
from fupin_desktop.ui.excel.export_dialog import ExportDialog
from fupin_desktop.ui.features import Workbench
from fupin_desktop.ui.rectification.action_dialog import ActionDialog, pick_files
from fupin_desktop.ui.rectification.detail import UNDO_TEXT, TaskDetailPanel
from fupin_desktop.ui.rectification.filter_bar import TaskFilterBar
from fupin_desktop.ui.rectification.menu import MENU_LETTERS, print_task_list
from fupin_desktop.ui.rectification.table_model import COLUMNS, STRETCH_COLUMN, TaskTableModel
from fupin_desktop.ui.rectification.task_dialog import TaskDialog, ask_new_task

WIDTHS_KEY = "rectification/columnWidths"
SPLITTER_KEY = "rectification/splitter"
REFRESHED_ON = {"task", "household", "settings", "codes", "all"}


class RectificationTab(QWidget):
    def __init__(self, ui: UiContext, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.workbench = workbench
        self.model = TaskTableModel(self)
        self.filters = TaskFilterBar(ui.ctx, self)
        self.table = self._build_table()
        self.detail = TaskDetailPanel(ui.ctx.actor, self)
        self.count = QLabel()
        self.count.setObjectName("taskCount")
        self.toolbar = self._build_toolbar()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("taskSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.toolbar)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

        self.filters.changed.connect(self.refresh)
        self._connect_detail()
        ui.events.data_changed.connect(self._data_changed)
        self._restore_layout()
        self.refresh()

    # ------------------------------------------------------------ building

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("taskTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda pos: self.context_menu().popup(table.viewport().mapToGlobal(pos))
        )
        table.doubleClicked.connect(lambda _index: self.edit_selected())
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        for n, column in enumerate(COLUMNS):
            header.resizeSection(n, column.width)
        header.setSectionResizeMode(STRETCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._save_widths = QTimer(self)
        self._save_widths.setSingleShot(True)
        self._save_widths.setInterval(500)
        self._save_widths.timeout.connect(self._store_layout)
        header.sectionResized.connect(lambda *_: self._save_widths.start())
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        return table

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setIconText(text)  # keeps the access letter on the toolbar button
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build_toolbar(self) -> QToolBar:
        editing = self.ui.ctx.actor.can(Permission.EDIT_TASKS)
        self.new_action = self._action(
            "新建整改任务(&N)", lambda: self.new_task(), "Ctrl+N", "登记一个新问题 (Ctrl+N)"
        )
        self.new_action.setObjectName("newTaskAction")
        self.new_action.setEnabled(editing)
        self.edit_action = self._action("编辑(&E)", self.edit_selected, tip="编辑所选任务（回车或双击）")
        self.edit_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.edit_action.setShortcutContext(
            Qt.ShortcutContext.WidgetShortcut
        )  # Enter in the search box searches
        self.table.addAction(self.edit_action)
        self.undo_action = self._action(
            UNDO_TEXT, self.undo_selected, "Ctrl+Z", "撤销所选任务的上一步办理 (Ctrl+Z)"
        )
        self.undo_action.setShortcutContext(
            Qt.ShortcutContext.WidgetShortcut
        )  # Ctrl+Z in a text box undoes typing
        self.table.addAction(self.undo_action)
        self.refresh_action = self._action(
            "刷新(&R)", self.refresh, QKeySequence.StandardKey.Refresh, "刷新列表 (F5)"
        )
        self.export_action = self._action(
            "导出 Excel(&X)…",
            self.export_tasks,
            tip="把整改清单（含预警颜色）导出为 Excel 台账，可改后再导入",
        )
        self.export_action.setEnabled(self.ui.ctx.actor.can(Permission.EXPORT))
        self.import_action = self._action(
            "从 Excel 导入(&I)…",
            self.import_tasks,
            tip="导入“导入模板”的“整改任务”表（文件 → 保存导入模板…）",
        )
        self.import_action.setEnabled(self.ui.ctx.actor.can(Permission.IMPORT) and editing)
        self.find_action = self._action("查找", self.filters.focus_search, QKeySequence.StandardKey.Find)
        self.addAction(self.find_action)

        self.print_button = QToolButton()
        self.print_button.setObjectName("printTaskLists")
        self.print_button.setText("打印当前列表(&L) ▾")
        self.print_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.print_button.setToolTip("按当前的视图和筛选打印问题清单、任务清单、责任清单或销号汇总表")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        self.print_actions: dict[ListKind, QAction] = {}
        for kind in ListKind:
            self.print_actions[kind] = print_menu.addAction(
                f"{DOCUMENT_TITLES[kind]}(&{MENU_LETTERS[kind]})…", lambda k=kind: self.print_current(k)
            )
        self.print_button.setMenu(print_menu)

        toolbar = QToolBar("整改清单")
        toolbar.setObjectName("taskToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.edit_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.print_button)
        toolbar.addAction(self.export_action)
        toolbar.addAction(self.import_action)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        return toolbar

    def _connect_detail(self) -> None:
        d = self.detail
        d.action_requested.connect(self.run_action)
        d.undo_requested.connect(self.undo_selected)
        d.edit_requested.connect(self.edit_selected)
        d.add_text_requested.connect(self.add_text_evidence)
        d.add_files_requested.connect(self.add_file_evidence)
        d.open_evidence_requested.connect(self.open_evidence)
        d.remove_evidence_requested.connect(self.remove_evidence)
        # a household the task concerns opens in front of 户籍管理
        d.household_requested.connect(lambda hid: self.workbench.open_household(hid, show_register=True))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.edit_action)
        detail = self.detail.detail
        if detail is not None:
            menu.addSeparator()
            for action, button in self.detail.action_buttons.items():
                item = menu.addAction(button.text(), lambda a=action: self.run_action(a))
                item.setEnabled(button.isEnabled())
            undo = menu.addAction(UNDO_TEXT, self.undo_selected)
            undo.setEnabled(self.detail.undo_button.isEnabled())
            undo.setToolTip(self.detail.undo_button.toolTip())
        menu.addSeparator()
        menu.addAction(self.new_action)
        return menu

    # ------------------------------------------------------------ the list

    def current_query(self) -> TaskQuery:
        return self.filters.query()

    def refresh(self) -> None:
        """Reload the list for the filters, keeping the selected task when it is still listed."""
        keep = self.selected_task_id()
        try:
            tasks = list_tasks(self.ui.ctx, self.current_query())
        except UserError as exc:
            show_error(self, exc, title="整改清单")
            return
        self.model.set_rows(tasks.rows)
        self.filters.set_counts(tasks)
        self.count.setText(f"显示 {len(tasks.rows)} 项（共 {tasks.view_counts[TaskView.ALL]} 项）")
        voided = self.current_query().view is TaskView.VOID
        self.print_button.setEnabled(not voided)
        self.print_button.setToolTip(
            "已作废的任务不印入清单"
            if voided
            else "按当前的视图和筛选打印问题清单、任务清单、责任清单或销号汇总表"
        )
        if keep is not None and self.model.row_of(keep) is not None:
            self.select_task(keep)
        else:
            self.table.clearSelection()
            self.table.setCurrentIndex(self.model.index(-1, -1))
            self._show_selected()

    def _data_changed(self, what: str) -> None:
        if what in REFRESHED_ON:
            if what in ("codes", "all", "task"):
                self.filters.reload_choices()
            self.refresh()

    def selected_task_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.rows[index.row()].id

    def select_task(self, task_id: int) -> bool:
        """Select and show a task; clears the filters when they hide it. False when it does not exist."""
        row = self.model.row_of(task_id)
        if row is None:
            self.filters.clear()
            row = self.model.row_of(task_id)
            if row is None:
                return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        self._show_selected()
        return True

    def _show_selected(self) -> None:
        task_id = self.selected_task_id()
        self.edit_action.setEnabled(task_id is not None)
        self.undo_action.setEnabled(task_id is not None)
        try:
            self.detail.show_detail(task_detail(self.ui.ctx, task_id) if task_id is not None else None)
        except UserError as exc:
            self.detail.show_detail(None)
            show_error(self, exc, title="整改任务")
        # an empty panel would only take width from 问题表现
        self.detail.setVisible(self.detail.detail is not None)

    # ------------------------------------------------------------ changing tasks

    def _changed(self, task_id: int | None = None, message: str = "") -> None:
        self.ui.events.data_changed.emit("task")
        if task_id is not None:
            self.select_task(task_id)
        if message:
            self.ui.events.status_message.emit(message)

    def new_task(self, household_ids: list[int] | None = None) -> int | None:
        """新建整改任务 (for the given households, when any); returns the new task's id."""
        task_id = ask_new_task(self, self.ui, household_ids or [])
        if task_id is not None:
            self._changed(task_id, "已新建整改任务。")
        return task_id

    def edit_selected(self) -> None:
        detail = self.detail.detail
        if detail is None or not self.detail.edit_button.isEnabled():
            return
        dialog = TaskDialog(self, self.ui, detail)
        if dialog.exec() == TaskDialog.DialogCode.Accepted:
            self._changed(detail.id, f"第 {detail.row.seq} 项已保存。")
        dialog.deleteLater()

    def run_action(self, action: TaskAction) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        dialog = ActionDialog(self, self.ui, detail, action)
        if dialog.exec() == ActionDialog.DialogCode.Accepted:
            self._changed(detail.id, f"第 {detail.row.seq} 项：{action.label}。")
        dialog.deleteLater()

    def undo_selected(self) -> None:
        """撤销上一步 of the selected task, after asking; refused when someone changed it meanwhile."""
        detail = self.detail.detail
        if detail is None or not self.detail.undo_button.isEnabled() or detail.undoable is None:
            return
        answer = QMessageBox.question(
            self,
            "撤销上一步",
            f"撤销第 {detail.row.seq} 项的上一步办理吗？\n\n{describe_change(detail.undoable)}\n\n"
            "撤销也会记入办理记录和审计日志。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            undone = undo_last(self.ui.ctx, detail.id, detail.last_event_id)
        except UserError as exc:
            show_error(self, exc, title="未能撤销")
            self.refresh()  # show what changed meanwhile
            return
        self._changed(detail.id, f"第 {undone.seq} 项已撤销上一步，现为“{undone.status}”。")

    def add_text_evidence(self) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, "添加佐证说明", f"第 {detail.row.seq} 项的佐证说明（如“验收表、整改前后照片已归档”）："
        )
        if ok and text.strip():
            self._add_evidence(detail.id, text=text)

    def add_file_evidence(self) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        files = pick_files(self, self.ui)
        if files:
            self._add_evidence(detail.id, files=files)

    def _add_evidence(self, task_id: int, **what: object) -> None:
        self.setCursor(Qt.CursorShape.WaitCursor)  # copying a few MB of photos takes a moment
        try:
            added = add_evidence(self.ui.ctx, task_id, **what)  # type: ignore[arg-type]
        except UserError as exc:
            show_error(self, exc, title="佐证材料未添加")
            return
        finally:
            self.unsetCursor()
        self._changed(task_id, f"已添加 {added} 项佐证材料。")

    def open_evidence(self, evidence_id: int) -> None:
        try:
            path = evidence_file(self.ui.ctx, evidence_id)
        except UserError as exc:
            show_error(self, exc, title="无法打开附件")
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                self, "无法打开附件", f"这台电脑上没有能打开这类文件的程序。\n文件位置：{path}"
            )

    def remove_evidence(self, evidence_id: int) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        entry = next((e for e in detail.evidence if e.id == evidence_id), None)
        name = entry.file_name or entry.text if entry else ""
        answer = QMessageBox.question(
            self, "删除佐证材料", f"删除这项佐证材料吗？\n{name}\n（审计日志中保留记录）"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            remove_evidence(self.ui.ctx, evidence_id)
        except UserError as exc:
            show_error(self, exc, title="佐证材料未删除")
            return
        self._changed(detail.id, "已删除一项佐证材料。")

    # ------------------------------------------------------------ elsewhere

    def export_tasks(self) -> ExportDialog:
        """文件 → 导出台账… with 整改清单 chosen."""
        dialog = open_export(self, self.ui)
        dialog.choose_kind("tasks")
        return dialog

    def import_tasks(self) -> None:
        open_import(self, self.ui)

    def print_current(self, kind: ListKind) -> None:
        print_task_list(
            self, self.ui, kind, self.current_query(), filtered=self.current_query() != TaskQuery()
        )

    # ------------------------------------------------------------ layout memory

    def _restore_layout(self) -> None:
        defaults = [c.width for c in COLUMNS]
        widths = fit_widths(self.ui.prefs.value(WIDTHS_KEY), defaults, screen_width(self))
        header = self.table.horizontalHeader()
        for n, width in enumerate(widths):
            if n != STRETCH_COLUMN:  # 问题表现 takes what the others leave
                header.resizeSection(n, width)
        state = self.ui.prefs.value(SPLITTER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([1000, 420])
        self.splitter.splitterMoved.connect(lambda *_: self._save_widths.start())

    def _store_layout(self) -> None:
        header = self.table.horizontalHeader()
        self.ui.prefs.setValue(WIDTHS_KEY, [header.sectionSize(n) for n in range(len(COLUMNS))])
        self.ui.prefs.setValue(SPLITTER_KEY, self.splitter.saveState())


def build_tab(workbench: Workbench) -> RectificationTab:
    return RectificationTab(workbench.ui, workbench)
