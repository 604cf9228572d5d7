"""为未结对户分配: the suggested helper of every unpaired household, for review and editing before it
is saved in one transaction. Each row's helper can be changed (the village's helpers and those not yet
placed anywhere) or left out; loads are recounted as you edit, and nothing over the limit is saved."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import UserError
from fupin_desktop.services.assignments import (
    HelperFilter,
    HelperOption,
    HouseholdChoice,
    Suggestion,
    list_helpers,
    save_pairings,
)
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.assignments.models import ALERT
from fupin_desktop.ui.assignments.widgets import date_edit, day_of
from fupin_desktop.ui.dialogs import show_error

NOT_NOW = "（暂不分配）"
HEADERS = ("村", "组", "户主", "户编号", "人口", "建议帮扶人", "分配后户数")
HELPER_COLUMN, LOAD_COLUMN = 5, 6
Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class _Row:
    household: HouseholdChoice
    options: tuple[HelperOption, ...]
    helper_id: int | None


def option_text(option: HelperOption) -> str:
    where = option.unit or ""
    if not option.in_village:
        where = f"{where}，尚未分村" if where else "尚未分村"
    return f"{option.name}（{where}）" if where else option.name


class SuggestionModel(QAbstractTableModel):
    def __init__(self, suggestion: Suggestion, loads: dict[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = suggestion.limit
        self.loads = loads  # current households per helper, before this suggestion
        self.rows = [
            _Row(household, village.helpers, helper)
            for village in suggestion.villages
            for household, helper in zip(village.households, village.helper_ids, strict=True)
        ]
        self.names = {o.id: option_text(o) for v in suggestion.villages for o in v.helpers}
        self._recount()

    def _recount(self) -> None:
        added = Counter(r.helper_id for r in self.rows if r.helper_id is not None)
        self.after = {h: self.loads.get(h, 0) + n for h, n in added.items()}

    def over_limit(self) -> list[int]:
        return [h for h, n in self.after.items() if n > self.limit]

    def pairs(self) -> list[tuple[int, int]]:
        return [(r.household.id, r.helper_id) for r in self.rows if r.helper_id is not None]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == HELPER_COLUMN else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        h = row.household
        over = row.helper_id is not None and self.after.get(row.helper_id, 0) > self.limit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == HELPER_COLUMN:
                return self.names.get(row.helper_id, NOT_NOW) if row.helper_id else NOT_NOW
            if column == LOAD_COLUMN:
                return "" if row.helper_id is None else str(self.after.get(row.helper_id, 0))
            return (h.village, h.group or "", h.head, h.number, str(h.people))[column]
        if role == Qt.ItemDataRole.ForegroundRole and (
            over or (column == HELPER_COLUMN and row.helper_id is None)
        ):
            return QBrush(ALERT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, LOAD_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == HELPER_COLUMN:
            return "双击或按 F2 更换帮扶人，或选“暂不分配”"
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != HELPER_COLUMN or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()].helper_id = value if isinstance(value, int) else None
        self._recount()
        self.dataChanged.emit(self.index(0, HELPER_COLUMN), self.index(len(self.rows) - 1, LOAD_COLUMN))
        return True


class HelperDelegate(QStyledItemDelegate):
    """A drop-down of the row's village helpers (with their current households) and 暂不分配."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: Index) -> QWidget:
        model: SuggestionModel = index.model()  # type: ignore[assignment]
        combo = QComboBox(parent)
        combo.addItem(NOT_NOW, None)
        for option in model.rows[index.row()].options:
            combo.addItem(f"{option_text(option)}　现{model.loads.get(option.id, 0)}户", option.id)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        model: SuggestionModel = index.model()  # type: ignore[assignment]
        combo: QComboBox = editor  # type: ignore[assignment]
        combo.setCurrentIndex(max(combo.findData(model.rows[index.row()].helper_id), 0))

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]


class SuggestionDialog(QDialog):
    def __init__(self, parent: QWidget | None, ui: UiContext, suggestion: Suggestion, scope: str) -> None:
        super().__init__(parent)
        self.ui = ui
        self.saved = 0
        self.done_message = ""
        self.kept_helper: int | None = None
        self.setObjectName("suggestionDialog")
        self.setWindowTitle(f"为未结对户分配 — {scope}")
        loads = {h.id: h.load for h in list_helpers(ui.ctx, HelperFilter())}
        self.model = SuggestionModel(suggestion, loads, self)
        self.view = QTableView(self)
        self.view.setObjectName("suggestionTable")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(HELPER_COLUMN, HelperDelegate(self.view))
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAlternatingRowColors(True)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(HELPER_COLUMN, max(self.view.columnWidth(HELPER_COLUMN), 300))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.start = date_edit(ui.ctx.today(), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存分配(&S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(
            f"按村为未结对户建议帮扶责任人：先用本村有空余的帮扶责任人（户数少的优先，同组优先），不够时再用尚未分村的帮扶责任人；"
            f"每人不超过 {suggestion.limit} 户。可逐户更换或选“暂不分配”，确认后一次保存。",
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("结对开始日期(&D)：", self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.model.dataChanged.connect(self._summarize)
        self.resize(900, 620)
        self._summarize()

    def _summarize(self) -> None:
        pairs = self.model.pairs()
        rows = self.model.rows
        over = self.model.over_limit()
        text = f"未结对 {len(rows)} 户，分配 {len(pairs)} 户给 {len({h for _, h in pairs})} 名帮扶人"
        left = len(rows) - len(pairs)
        if left:
            text += f"，{left} 户暂不分配（本村帮扶人已满时请先新增帮扶人）"
        text += "。"
        if over:
            text += f" 有 {len(over)} 名帮扶人超过 {self.model.limit} 户的上限（红色），请调整后再保存。"
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if over else "")
        self.save_button.setEnabled(bool(pairs) and not over)

    def accept(self) -> None:
        try:
            self.saved = save_pairings(self.ui.ctx, self.model.pairs(), start=day_of(self.start))
        except UserError as exc:
            show_error(self, exc, title="分配未保存")
            return
        self.done_message = f"已为 {self.saved} 户未结对户落实帮扶责任人。"
        super().accept()
