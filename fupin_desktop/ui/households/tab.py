"""户籍管理: the household table with search and filters, and the editor it opens.

Public API for other parts of the program:
    selected_household_ids(), filtered_household_ids(), open_household(id, section),
    print_cards_action (打印明白卡), export_selected_action (导出所选).
Other tabs open a household through `features.Workbench.open_household`, which the main window passes on
to `open_household` here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import UserError
from fupin_desktop.services.context import Permission
from fupin_desktop.services.households import (
    HouseholdDraft,
    HouseholdQuery,
    SortKey,
    archive_household,
    load_draft,
    new_draft,
    restore_household,
)
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.column_widths import fit_widths, screen_width
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.excel import export_households
from fupin_desktop.ui.households.archive_dialog import ArchiveDialog
from fupin_desktop.ui.households.filter_bar import FilterBar
from fupin_desktop.ui.households.table_model import COLUMNS, HouseholdTableModel
from fupin_desktop.ui.print_actions import print_cards

if TYPE_CHECKING:
    from fupin_desktop.ui.households.card_scan import CardStatusDialog
    from fupin_desktop.ui.households.editor import HouseholdEditor

WIDTHS_KEY = "households/columnWidths"
SORT_KEY = "households/sort"
REFRESHED_ON = {"household", "pairing", "helper", "settings", "codes", "all"}


class HouseholdsTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.editor: HouseholdEditor | None = None
        self.model = HouseholdTableModel(ui.ctx, self)
        self.filters = FilterBar(ui.ctx, self)
        self.count = QLabel()
        self.count.setObjectName("householdCount")
        self.table = self._build_table()
        self.toolbar = self._build_actions()

        top = QHBoxLayout()
        top.addWidget(self.toolbar)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)

        self.filters.changed.connect(self.apply_filters)
        self.filters.submitted.connect(self._search_submitted)
        self.filters.leave_down.connect(self._to_table)
        self.filters.card_scanned.connect(self.card_scanned)
        self.filters.photo_requested.connect(self.scan_card_photo)
        ui.events.data_changed.connect(self._data_changed)
        self._restore_columns()
        self.apply_filters()

    # ------------------------------------------------------------ building

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("householdTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.doubleClicked.connect(self._open_index)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        # Sorting is asked of SQL through the model; setSortingEnabled would re-sort on every reset.
        header.sortIndicatorChanged.connect(self.model.sort)
        header.sortIndicatorChanged.connect(lambda *_: table.scrollToTop())
        header.sortIndicatorChanged.connect(lambda *_: self._save_widths.start())
        self._save_widths = QTimer(self)
        self._save_widths.setSingleShot(True)
        self._save_widths.setInterval(500)
        self._save_widths.timeout.connect(self._store_columns)
        header.sectionResized.connect(lambda *_: self._save_widths.start())
        table.selectionModel().selectionChanged.connect(self._update_actions)
        return table

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> QToolBar:
        edit = self.ui.ctx.actor.can(Permission.EDIT)
        self.new_action = self._action(
            "新建户", self.new_household, "Ctrl+N", "新建一户，先用临时户编号 (Ctrl+N)"
        )
        self.new_action.setEnabled(edit)
        self.open_action = self._action("打开", self.open_selected, tip="打开所选户 (Enter)")
        # Enter opens only from the table, so that Enter in the search box still searches.
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.open_action)
        self.archive_action = self._action(
            "归档…", self.archive_selected, tip="整户自然减少：归档后保留全部记录"
        )
        self.restore_action = self._action("恢复", self.restore_selected, tip="把已归档的户恢复到户籍中")
        self.find_action = self._action("查找", self.focus_search, QKeySequence.StandardKey.Find)
        self.addAction(self.find_action)

        self.print_cards_action = self._action(
            "打印明白卡", self.print_cards, tip="所选户的明白卡；未选择时为当前查询结果的全部户"
        )
        self.print_cards_action.setObjectName("printCardsAction")
        self.print_cards_action.setEnabled(self.ui.ctx.actor.can(Permission.PRINT))
        self.export_selected_action = self._action(
            "导出所选", self.export_selected, tip="所选户的台账；未选择时为当前查询结果的全部户"
        )
        self.export_selected_action.setObjectName("exportSelectedAction")
        self.export_selected_action.setEnabled(self.ui.ctx.actor.can(Permission.EXPORT))

        toolbar = QToolBar("户籍")
        toolbar.setObjectName("householdToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_action,
            self.open_action,
            None,
            self.archive_action,
            self.restore_action,
            None,
            self.print_cards_action,
            self.export_selected_action,
        ):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        self._update_actions()
        return toolbar

    def context_menu(self) -> QMenu:
        """The table's right-click menu: the toolbar's actions."""
        menu = QMenu(self)
        for action in self.toolbar.actions():
            menu.addAction(action)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------ public API

    def target_household_ids(self, what: str) -> list[int]:
        """The selected households; with none selected, the whole current result after confirming."""
        selected = self.selected_household_ids()
        if selected:
            return selected
        everything = self.filtered_household_ids()
        if not everything:
            return []
        answer = QMessageBox.question(
            self, what, f"没有选中农户。要{what}当前查询结果的全部 {len(everything)} 户吗？"
        )
        return everything if answer == QMessageBox.StandardButton.Yes else []

    def print_cards(self) -> None:
        ids = self.target_household_ids("打印明白卡")
        if ids:
            print_cards(self, self.ui, ids)

    def export_selected(self) -> None:
        ids = self.target_household_ids("导出台账")
        if ids:
            export_households(self, self.ui, ids)

    def selected_household_ids(self) -> list[int]:
        """The selected households, in table order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.household_id(row) for row in rows]

    def filtered_household_ids(self) -> list[int]:
        """Every household of the current search and filters, in table order (not only those loaded)."""
        return list(self.model.ids)

    def open_household(self, household_id: int, section: str | None = None) -> HouseholdEditor | None:
        """Open the editor on a household, at a section named by its Chinese title (e.g. "收支核算")."""
        if self.editor is not None and self.editor.isVisible():
            if self.editor.draft.record.id == household_id:
                self.editor.open_section(section)
                self.editor.raise_()
                self.editor.activateWindow()
                return self.editor
            if not self.editor.confirm_close():
                return None
            self.editor.done(0)
        try:
            draft = load_draft(self.ui.ctx, household_id)
        except Exception as exc:
            show_error(self, exc, title="无法打开这一户")
            return None
        return self._show_editor(draft, section)

    def confirm_close(self) -> bool:
        """The main window asks before closing: an open editor with unsaved changes may refuse."""
        return self.editor is None or not self.editor.isVisible() or self.editor.confirm_close()

    # ------------------------------------------------------------ behaviour

    def apply_filters(self) -> None:
        self.model.run(self.filters.query(self.model.query))
        self.table.scrollToTop()  # a new result starts at its first row
        self._show_count()

    def refresh(self) -> None:
        """Run the current query again, keeping the selection and the scroll position."""
        selected = set(self.selected_household_ids())
        current = self.table.currentIndex()
        current_id = self.model.household_id(current.row()) if current.isValid() else None
        scroll = self.table.verticalScrollBar().value()
        self.model.refresh()
        self._select(selected, current_id)
        self.table.verticalScrollBar().setValue(scroll)
        self._show_count()

    def _select(self, ids: set[int], current_id: int | None) -> None:
        """Select these households again (those still in the loaded rows), in contiguous ranges."""
        rows = sorted(row for row, hid in enumerate(self.model.ids[: self.model.loaded]) if hid in ids)
        selection = QItemSelection()
        last = len(COLUMNS) - 1
        start = None
        for i, row in enumerate(rows):
            start = row if start is None else start
            if i + 1 == len(rows) or rows[i + 1] != row + 1:
                selection.select(self.model.index(start, 0), self.model.index(row, last))
                start = None
        model = self.table.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        row = self.model.row_of(current_id) if current_id is not None else None
        if row is not None:
            model.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _show_count(self) -> None:
        archived = "（已归档）" if self.model.query.archived else ""
        self.count.setText(f"共 {len(self.model.ids):,} 户 {self.model.people:,} 人{archived}")
        self._update_actions()

    def _data_changed(self, what: str) -> None:
        if what in ("codes", "settings", "all"):
            self.filters.reload_choices()
            if self.editor is not None and not self.editor.isVisible():
                self.editor.deleteLater()  # its drop-downs and settings are out of date
                self.editor = None
        elif what in ("pairing", "helper"):
            self.filters.helper.stale = True
        if what in REFRESHED_ON:
            self.refresh()

    def _update_actions(self) -> None:
        ids = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        edit = self.ui.ctx.actor.can(Permission.EDIT)
        archived_view = self.model.query.archived
        self.open_action.setEnabled(bool(ids))
        self.archive_action.setEnabled(edit and bool(ids) and not archived_view)
        self.restore_action.setEnabled(edit and bool(ids) and archived_view)

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def _open_index(self, index: QModelIndex) -> None:
        self.open_household(self.model.household_id(index.row()))

    def _search_submitted(self) -> None:
        """Enter in the search box: one household found opens; several, the table takes the keys."""
        if len(self.model.ids) == 1 and self.filters.search.text().strip():
            self.open_household(self.model.ids[0])
        elif self.model.ids:
            self._to_table()

    def card_scanned(self, text: str) -> CardStatusDialog | None:
        """A 明白卡's QR text entered in the search box: open the household and say whether the posted
        card is current or which sections changed since it was printed."""
        from fupin_desktop.services.printing import check_scanned
        from fupin_desktop.ui.households.card_scan import show_card_status

        try:
            status = check_scanned(self.ui.ctx, text)
        except UserError as exc:
            show_error(self, exc, title="明白卡二维码")
            return None
        editor = self.open_household(status.household_id)
        return show_card_status(editor if editor is not None else self, self.ui, status)

    def scan_card_photo(self) -> CardStatusDialog | None:
        """扫描照片…: a phone photo of a 明白卡's QR code, then as `card_scanned`."""
        from fupin_desktop.ui.households.card_photo import scan_photo

        return scan_photo(self)

    def _to_table(self) -> None:
        """Into the table at its first row (or the row already current), ready for ↑↓ and Enter."""
        if not self.model.ids:
            return
        current = self.table.currentIndex()
        if not current.isValid():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_selected(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.open_household(self.model.household_id(current.row()))

    def new_household(self) -> HouseholdEditor | None:
        if self.editor is not None and self.editor.isVisible() and not self.editor.confirm_close():
            return None
        village = self.filters.village.currentData() or (
            self.filters.villages[0].id if self.filters.villages else None
        )
        if village is None:  # a blank start: the villages and groups come first
            from fupin_desktop.ui.area_dialog import offer_areas

            if not offer_areas(self.ui, self, "新建户") or not self.filters.villages:
                return None
            village = self.filters.villages[0].id
        try:
            draft = new_draft(self.ui.ctx, village, self.filters.group.currentData())
        except Exception as exc:
            show_error(self, exc, title="无法新建")
            return None
        return self._show_editor(draft, "基本信息")

    def _show_editor(self, draft: HouseholdDraft, section: str | None) -> HouseholdEditor:
        """One editor, built once (a few hundred widgets) and loaded with each household opened."""
        from fupin_desktop.ui.households.editor import SECTION_TITLES, HouseholdEditor  # on first open

        if self.editor is None:
            self.editor = HouseholdEditor(self.ui, draft, self)
            self.editor.saved.connect(self._editor_saved)
        else:
            self.editor.load(draft)
        self.editor.open_section(section or SECTION_TITLES[0])
        self.editor.open()
        return self.editor

    def _editor_saved(self, household_id: int) -> None:
        row = self.model.row_of(household_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def archive_selected(self) -> None:
        ids = self.selected_household_ids()
        if not ids:
            return
        numbers = [self.model.cache[i].number for i in ids if i in self.model.cache]
        dialog = ArchiveDialog(numbers, self.ui.ctx.today(), self)
        if not dialog.exec():
            return
        try:
            for hid in ids:
                archive_household(
                    self.ui.ctx, hid, dialog.reason.value() or "", dialog.when.value() or self.ui.ctx.today()
                )
        except Exception as exc:
            show_error(self, exc, title="归档未完成")
        self.ui.events.data_changed.emit("household")
        self.ui.events.status_message.emit(f"已归档 {len(ids)} 户。勾选“已归档”可查看和恢复。")

    def restore_selected(self) -> None:
        ids = self.selected_household_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, "恢复", f"把所选的 {len(ids)} 户恢复到户籍中？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            for hid in ids:
                restore_household(self.ui.ctx, hid)
        except Exception as exc:
            show_error(self, exc, title="恢复未完成")
        self.ui.events.data_changed.emit("household")
        self.ui.events.status_message.emit(f"已恢复 {len(ids)} 户。")

    # ------------------------------------------------------------ column widths and sort

    def _restore_columns(self) -> None:
        defaults = [spec.width for spec in COLUMNS]
        widths = fit_widths(self.ui.prefs.value(WIDTHS_KEY), defaults, screen_width(self))
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        key, _, direction = str(self.ui.prefs.value(SORT_KEY, "") or "").partition(":")
        sort = SortKey(key) if key in set(SortKey) else SortKey.NUMBER
        descending = direction == "desc"
        column = next(i for i, c in enumerate(COLUMNS) if c.key == sort)
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the first query runs once, with the filters, in __init__
        header.setSortIndicator(
            column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(False)
        self.model.query = HouseholdQuery(sort=sort, descending=descending)

    def _store_columns(self) -> None:
        self.ui.prefs.setValue(WIDTHS_KEY, [self.table.columnWidth(c) for c in range(len(COLUMNS))])
        query = self.model.query
        self.ui.prefs.setValue(SORT_KEY, f"{query.sort}:{'desc' if query.descending else 'asc'}")
