"""Table models for the import preview: problems, changes and members missing from the file.

Plain lists of frozen rows behind a QAbstractTableModel (thousands of rows stay fast; no proxies)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from fupin_desktop.services.importing import shown

Index = QModelIndex | QPersistentModelIndex
ERROR_BRUSH = QBrush(QColor("#fde2e1"))
WARNING_BRUSH = QBrush(QColor("#fff4ce"))


class RowsModel(QAbstractTableModel):
    """Rows of any objects, shown through one function per column."""

    def __init__(
        self,
        headers: Sequence[str],
        cells: Callable[[Any], Sequence[object]],
        background: Callable[[Any], QBrush | None] | None = None,
    ) -> None:
        super().__init__()
        self.headers = list(headers)
        self.cells = cells
        self.background = background
        self.items: list[Any] = []
        self._texts: list[Sequence[object]] = []

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self._texts = [self.cells(item) for item in self.items]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._texts[index.row()][index.column()]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole and self.background is not None:
            return self.background(self.items[index.row()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


def issue_model() -> RowsModel:
    return RowsModel(
        ["类型", "工作表", "行", "列", "户编号", "姓名", "说明"],
        lambda i: (
            "错误" if i.error else "提示",
            i.sheet,
            i.row or "",
            i.column or "",
            i.household or "",
            i.person or "",
            i.message,
        ),
        lambda i: ERROR_BRUSH if i.error else WARNING_BRUSH,
    )


def change_model() -> RowsModel:
    return RowsModel(
        ["户编号", "姓名", "字段", "数据库中的值", "文件中的值"],
        lambda c: (c.household, c.member, c.field, shown(c.old), shown(c.new)),
    )


def member_model() -> RowsModel:
    return RowsModel(
        ["户编号", "姓名", "证件号码", "说明"], lambda m: (m.household, m.name, m.id_number, m.note)
    )
