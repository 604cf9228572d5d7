"""The editable table of one year's income line items (类别, 项目, 金额, 说明, 政策性转移) and the
delegate that gives each column its editor."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from fupin_desktop.domain.income import DEFAULT_ITEMS, IncomeCategory, IncomeLine, is_policy_item
from fupin_desktop.services.households import field_lengths

Index = QModelIndex | QPersistentModelIndex

CATEGORY, ITEM, AMOUNT, NOTE, POLICY = range(5)
LINE_LENGTHS = field_lengths()["income_item"]  # 项目 and 说明 stop at what their columns hold
HEADERS = ("类别", "项目", "金额(元)", "说明", "政策性转移")
CATEGORY_ORDER = list(IncomeCategory)
MAX_AMOUNT = 99_999_999.99


class IncomeLinesModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[IncomeLine] = []
        self.read_only = False

    def set_lines(self, lines: tuple[IncomeLine, ...]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if index.column() == POLICY:
            transfer = self.lines[index.row()].category == IncomeCategory.TRANSFER
            return base | Qt.ItemFlag.ItemIsUserCheckable if transfer else base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self.lines[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = (line.category, line.item, line.amount, line.note, None)
            if column == AMOUNT and role == Qt.ItemDataRole.DisplayRole:
                return f"{line.amount:,.2f}"
            return values[column]
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and column == POLICY
            and line.category == IncomeCategory.TRANSFER
        ):
            return Qt.CheckState.Checked if line.policy else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.read_only:
            return False
        row, column = index.row(), index.column()
        line = self.lines[row]
        if column == POLICY and role == Qt.ItemDataRole.CheckStateRole:
            line = replace(line, policy=Qt.CheckState(value) == Qt.CheckState.Checked)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == CATEGORY:
            category = str(value)
            keep = line.item in DEFAULT_ITEMS[IncomeCategory(category)]
            item = line.item if keep else DEFAULT_ITEMS[IncomeCategory(category)][0]
            line = replace(line, category=category, item=item, policy=is_policy_item(category, item))
        elif column == ITEM:
            item = str(value).strip() or line.item
            line = replace(line, item=item, policy=is_policy_item(line.category, item))
        elif column == AMOUNT:
            line = replace(line, amount=round(float(value or 0), 2))
        elif column == NOTE:
            line = replace(line, note=str(value).strip())
        if line == self.lines[row]:
            return False
        self.lines[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, POLICY))
        self.edited.emit()
        return True

    def add(
        self, category: IncomeCategory, item: str | None = None, amount: float = 0.0, note: str = ""
    ) -> int:
        """Insert a line after the last one of its category (categories stay grouped); returns its row."""
        item = item or DEFAULT_ITEMS[category][0]
        rank = CATEGORY_ORDER.index(category)
        row = sum(1 for x in self.lines if CATEGORY_ORDER.index(IncomeCategory(x.category)) <= rank)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.insert(row, IncomeLine(category.value, item, amount, note, is_policy_item(category, item)))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, rows: list[int]) -> None:
        for row in sorted(rows, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
        if rows:
            self.edited.emit()

    def replace_category(self, category: IncomeCategory, lines: list[IncomeLine]) -> None:
        """Swap every line of a category for `lines` (the cost helper's estimate)."""
        self.remove([i for i, x in enumerate(self.lines) if x.category == category])
        for line in lines:
            self.add(category, line.item, line.amount, line.note)


class IncomeLineDelegate(QStyledItemDelegate):
    """Drop-downs for 类别 and 项目 (the usual items of the row's category, or type another), a money
    spin box for 金额."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model: IncomeLinesModel = index.model()  # type: ignore[assignment]
        column = index.column()
        if column == CATEGORY:
            combo = QComboBox(parent)
            combo.addItems([c.value for c in IncomeCategory])
            return combo
        if column == ITEM:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.addItems(DEFAULT_ITEMS[IncomeCategory(model.lines[index.row()].category)])
            line = combo.lineEdit()
            assert line is not None
            line.setMaxLength(LINE_LENGTHS["item"])
            return combo
        if column == AMOUNT:
            spin = QDoubleSpinBox(parent)
            spin.setRange(0, MAX_AMOUNT)
            spin.setDecimals(2)
            spin.setGroupSeparatorShown(False)
            spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
            return spin
        editor = super().createEditor(parent, option, index)
        if column == NOTE and isinstance(editor, QLineEdit):
            editor.setMaxLength(LINE_LENGTHS["note"])
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(value))
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value or 0))
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        elif isinstance(editor, QDoubleSpinBox):
            editor.interpretText()
            model.setData(index, editor.value())
        else:
            super().setModelData(editor, model, index)
