"""Table models of the 挂图作战 tab: a list of plain rows shown through column definitions.

The lists here are short (helpers, a village's households, the board), so rows live in the model and
sort in Python; Chinese text sorts in pinyin order (QCollator, zh_CN), numbers as numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCollator, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

ALERT = QColor("#c0392b")
MUTED = QColor("#777777")
TOTAL = QColor("#eef1f5")


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    title: str
    value: Callable[[T], Any]  # what is shown (str or number); numbers align right
    tip: str = ""
    alert: Callable[[T], bool] | None = None  # red text when true
    width: int = 0  # initial width in pixels (0: to contents)


class RowsModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None  # kept when the rows are replaced
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self._collator.setNumericMode(True)

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sorted is not None:
            self.rows.sort(
                key=self._key(self._sorted[0]), reverse=self._sorted[1] == Qt.SortOrder.DescendingOrder
            )
        self.endResetModel()

    def row(self, index: Index) -> T:
        return self.rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return column.tip
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(column.value(row), int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.alert is not None and column.alert(row):
            return QBrush(ALERT)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return column.tip
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; -1 keeps the order the rows came in (the service's)."""
        if column < 0:
            self._sorted = None
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def _key(self, column: int) -> Callable[[T], tuple]:
        """Empty cells last; numbers as numbers; text in pinyin order."""
        getter = self.columns[column].value

        def key(row: T) -> tuple:
            value = getter(row)
            if value is None or value == "":
                return (1, 0, b"")
            if isinstance(value, int | float):
                return (0, value, b"")
            return (0, 0, self._collator.sortKey(str(value)))

        return key


def bold(font: QFont) -> QFont:
    font = QFont(font)
    font.setBold(True)
    return font
