"""帮扶责任人: the helper list with search (left) and the chosen helper's households with their
pairing history (right). Buttons ask the tab to run the use cases; this page only shows."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.codes import HELPER_ROLES
from fupin_desktop.domain.records import PairingRecord
from fupin_desktop.services.assignments import HelperFilter, HelperRow, HouseholdChoice
from fupin_desktop.ui.assignments.models import MUTED, Column, RowsModel
from fupin_desktop.ui.assignments.widgets import button, panel, selected_rows, table_view

SEARCH_DELAY_MS = 250
ALL_ROLES = "全部角色"

HELPER_COLUMNS: list[Column[HelperRow]] = [
    Column("姓名", lambda h: h.name + ("（已归档）" if h.archived else "")),
    Column("角色", lambda h: h.role),
    Column("单位", lambda h: h.unit or ""),
    Column("职务", lambda h: h.title or ""),
    Column("联系电话", lambda h: h.phone or ""),
    Column("结对户数", lambda h: h.load, alert=lambda h: h.overloaded),
    Column("结对村", lambda h: "、".join(h.serves) or (h.village or "")),
]
HOUSEHOLD_COLUMNS: list[Column[HouseholdChoice]] = [
    Column("村", lambda h: h.village),
    Column("组", lambda h: h.group or ""),
    Column("户主", lambda h: h.head),
    Column("户编号", lambda h: h.number),
    Column("人口", lambda h: h.people),
    Column("监测对象类别", lambda h: h.monitor_category or ""),
    Column("结对开始", lambda h: h.paired_since.isoformat() if h.paired_since else ""),
]
HISTORY_COLUMNS: list[Column[PairingRecord]] = [
    Column("帮扶人", lambda p: p.helper_name),
    Column("单位", lambda p: p.helper_unit or ""),
    Column("开始", lambda p: p.start_date.isoformat()),
    Column("结束", lambda p: p.end_date.isoformat() if p.end_date else "至今"),
    Column("结束原因", lambda p: p.end_reason or ""),
]


class HelpersPage(QWidget):
    filter_changed = Signal()
    helper_changed = Signal(object)  # HelperRow | None
    household_changed = Signal(object)  # HouseholdChoice | None
    new_requested = Signal()
    import_requested = Signal()
    edit_requested = Signal()
    archive_requested = Signal()
    pick_requested = Signal()  # 添加结对户…
    move_requested = Signal()  # 改派给…
    unpair_requested = Signal()
    household_requested = Signal(int)  # open a household in 户籍管理

    def __init__(
        self, parent: QWidget | None = None, *, can_edit: bool = True, can_import: bool = True
    ) -> None:
        super().__init__(parent)
        self.can_edit = can_edit  # read-only users see everything and change nothing
        self.can_import = can_import
        self.search = QLineEdit(self)
        self.search.setObjectName("helperSearch")
        self.search.setPlaceholderText("查找帮扶人：姓名、单位、职务或电话（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.role = QComboBox(self)
        self.role.addItem(ALL_ROLES, None)
        for role in HELPER_ROLES:
            self.role.addItem(role, role)
        self.overloaded_only = QCheckBox("只看超额(&O)", self)
        self.show_archived = QCheckBox("含已归档(&Q)", self)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.filter_changed.emit)
        self.search.textChanged.connect(self._timer.start)
        for box in (self.overloaded_only, self.show_archived):
            box.toggled.connect(self.filter_changed.emit)
        self.role.currentIndexChanged.connect(self.filter_changed.emit)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)

        self.helper_model = RowsModel(HELPER_COLUMNS, self)
        self.helper_view = table_view(self.helper_model, "helperTable")
        self.helper_view.selectionModel().selectionChanged.connect(self._helper_selected)
        self.helper_view.doubleClicked.connect(self.edit_requested.emit)
        self.helper_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # names in pinyin order
        self.helpers_title = QLabel(self)
        self.new_button = button("新增(&N)…", self.new_requested.emit, self)
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.import_button = button("导入(&I)…", self.import_requested.emit, self)
        self.import_button.setToolTip("从导入模板的“帮扶责任人”“结对”表（或其他台账）导入，先预览再写入")
        self.edit_button = button("修改(&E)…", self.edit_requested.emit, self)
        self.archive_button = button("归档(&R)…", self.archive_requested.emit, self)

        self.household_model = RowsModel(HOUSEHOLD_COLUMNS, self)
        self.household_view = table_view(self.household_model, "helperHouseholdTable", multi=True)
        self.household_view.selectionModel().selectionChanged.connect(self._household_selected)
        self.household_view.doubleClicked.connect(
            lambda index: self.household_requested.emit(self.household_model.row(index).id)
        )
        self.household_view.setToolTip("双击在户籍管理中打开该户")
        self.households_title = QLabel(self)
        self.households_title.setWordWrap(True)
        self.pick_button = button("添加结对户(&L)…", self.pick_requested.emit, self)
        self.move_button = button("改派给(&M)…", self.move_requested.emit, self)
        self.unpair_button = button("解除结对(&U)…", self.unpair_requested.emit, self)

        self.history_model = RowsModel(HISTORY_COLUMNS, self)
        self.history_view = table_view(self.history_model, "pairingHistoryTable")
        self.history_title = QLabel("结对历史（选中一户查看；改派后原结对保留）", self)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.role)
        filters.addWidget(self.overloaded_only)
        filters.addWidget(self.show_archived)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 4, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(
            panel(
                self.helpers_title,
                self.helper_view,
                [self.new_button, self.import_button, self.edit_button, self.archive_button],
            ),
            1,
        )
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(
            panel(
                self.households_title,
                self.household_view,
                [self.pick_button, self.move_button, self.unpair_button],
                title_row=True,
            )
        )
        right.addWidget(panel(self.history_title, self.history_view, []))
        right.setSizes([420, 200])
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([640, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._update_buttons()

    # -------------------------------------------------------- what the tab asks

    def helper_filter(self, village_id: int | None) -> HelperFilter:
        return HelperFilter(
            search=self.search.text(),
            role=self.role.currentData(),
            village_id=village_id,
            include_archived=self.show_archived.isChecked(),
            overloaded_only=self.overloaded_only.isChecked(),
        )

    def show_helpers(self, rows: list[HelperRow], scope: str, keep: int | None = None) -> None:
        """Show `rows`, keeping the helper with id `keep` (default: the current one) selected."""
        keep = keep if keep is not None else (self.current_helper().id if self.current_helper() else None)
        self.helper_model.set_rows(rows)
        self.helpers_title.setText(f"{scope}帮扶人：{len(rows)} 名")
        self.helper_view.resizeColumnsToContents()
        self.select_helper(keep)

    def select_helper(self, helper_id: int | None) -> bool:
        target = next((n for n, h in enumerate(self.helper_model.rows) if h.id == helper_id), None)
        if target is None:
            self.helper_view.clearSelection()
            self.helper_changed.emit(None)
            return False
        self.helper_view.selectRow(target)
        self.helper_view.scrollTo(self.helper_model.index(target, 0))
        return True

    def current_helper(self) -> HelperRow | None:
        rows = selected_rows(self.helper_view)
        return self.helper_model.rows[rows[0]] if rows else None

    def show_households(
        self, helper: HelperRow | None, households: list[HouseholdChoice], limit: int
    ) -> None:
        self.household_model.set_rows(households)
        self.household_view.resizeColumnsToContents()
        if helper is None:
            self.households_title.setText("选中左边的帮扶人，查看和调整他（她）的结对户")
        else:
            where = "　".join(p for p in (helper.unit, helper.title, helper.phone) if p)
            state = f"，超过上限 {limit} 户" if helper.overloaded else f"（上限 {limit} 户）"
            self.households_title.setText(f"{helper.name}　{where}　结对 {helper.load} 户{state}")
            self.households_title.setStyleSheet("color: #c0392b;" if helper.overloaded else "")
        self.show_history([])
        self._update_buttons()

    def selected_households(self) -> list[HouseholdChoice]:
        return [self.household_model.rows[r] for r in selected_rows(self.household_view)]

    def show_history(self, history: list[PairingRecord]) -> None:
        self.history_model.set_rows(history)
        self.history_view.resizeColumnsToContents()

    # -------------------------------------------------------- behaviour

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _helper_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()
        self.helper_changed.emit(self.current_helper())

    def _household_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self.selected_households()
        self._update_buttons()
        self.household_changed.emit(chosen[0] if len(chosen) == 1 else None)

    def _update_buttons(self) -> None:
        helper = self.current_helper()
        edit = self.can_edit
        active = edit and helper is not None and not helper.archived
        self.new_button.setEnabled(edit)
        self.import_button.setEnabled(self.can_import)
        self.edit_button.setEnabled(edit and helper is not None)
        self.archive_button.setEnabled(edit and helper is not None)
        self.archive_button.setText("恢复(&R)" if helper is not None and helper.archived else "归档(&R)…")
        self.pick_button.setEnabled(active)
        chosen = bool(self.selected_households())
        self.move_button.setEnabled(edit and chosen)
        self.unpair_button.setEnabled(edit and chosen)
        self.history_title.setStyleSheet(f"color: {MUTED.name()};" if not chosen else "")
