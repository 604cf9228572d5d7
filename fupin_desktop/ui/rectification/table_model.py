"""The task list as a Qt model over plain `TaskRow`s (a township has tens to hundreds of tasks; the
service filters, the model sorts by typed keys — never by display strings). Tasks 已作废 are greyed and
struck through: kept on record, counted nowhere."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from fupin_desktop.domain.tasks import ALL_STATUSES, COLOUR_ORDER, TaskStatus
from fupin_desktop.services.rectification import TaskRow
from fupin_desktop.ui.rectification.colours import OVERDUE, dot_icon

Index = QModelIndex | QPersistentModelIndex
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    text: Callable[[TaskRow], str]
    key: Callable[[TaskRow], Any]  # what sorting compares
    width: int  # default width in pixels
    align: Qt.AlignmentFlag = LEFT
    tooltip: bool = False  # the full text on hover (the cell is elided)


def _days_key(row: TaskRow) -> tuple[int, int]:
    return (row.days_left is None, row.days_left or 0)


COLUMNS: tuple[Column, ...] = (
    Column("序号", lambda r: str(r.seq), lambda r: r.seq, 44, CENTER),
    Column("预警", lambda r: r.warning.label, lambda r: (COLOUR_ORDER.index(r.colour), r.seq), 88),
    Column("问题来源", lambda r: r.source, lambda r: r.source, 104),
    Column("问题类别", lambda r: r.category, lambda r: r.category, 72),
    Column("问题表现", lambda r: r.description, lambda r: r.description, 280, tooltip=True),
    Column("涉及", lambda r: r.scope, lambda r: r.scope, 116, tooltip=True),
    Column("责任单位", lambda r: r.unit, lambda r: r.unit, 100),
    Column("责任人", lambda r: r.person, lambda r: r.person, 58),
    Column("整改时限", lambda r: f"{r.deadline:%Y-%m-%d}", lambda r: r.deadline, 86, CENTER),
    Column("状态", lambda r: r.status.value, lambda r: ALL_STATUSES.index(r.status), 56, CENTER),
    Column("剩余天数", lambda r: r.warning.days_text, _days_key, 78, CENTER),
)
STRETCH_COLUMN = 4  # 问题表现 takes the width the others leave (no sideways scrolling)
WARNING_COLUMN = 1
DAYS_COLUMN = len(COLUMNS) - 1
VOID_INK = QColor("#8A8F94")


def _void_font() -> QFont:
    font = QFont()
    font.setStrikeOut(True)
    return font


class TaskTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TaskRow] = []
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------ contents

    def set_rows(self, rows: Sequence[TaskRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def row_of(self, task_id: int) -> int | None:
        return next((n for n, r in enumerate(self.rows) if r.id == task_id), None)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        self.rows.sort(key=COLUMNS[column].key, reverse=order == Qt.SortOrder.DescendingOrder)

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        if role == Qt.ItemDataRole.DecorationRole and index.column() == WARNING_COLUMN:
            return dot_icon(row.colour)
        voided = row.status is TaskStatus.VOID
        if role == Qt.ItemDataRole.ForegroundRole and voided:
            return VOID_INK
        if role == Qt.ItemDataRole.FontRole and voided and index.column() == STRETCH_COLUMN:
            return _void_font()
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == DAYS_COLUMN:
            return OVERDUE if (row.days_left is not None and row.days_left < 0) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _tooltip(self, row: TaskRow, column: int) -> str | None:
        if COLUMNS[column].tooltip:
            # rich text: Qt wraps it instead of showing one line across the screen
            return f"<p>{html.escape(COLUMNS[column].text(row))}</p>"
        if column == WARNING_COLUMN:
            return _warning_tip(row)
        return None


def _warning_tip(row: TaskRow) -> str:
    w = row.warning
    if w.voided:
        return "已作废：保留记录，不计入统计、预警和清单"
    lines = [f"{w.colour.label}：{w.days_text}" if w.days_left is not None else "已销号"]
    if w.extensions:
        lines.append(f"整改时限已延期 {w.extensions} 次" + ("（升级）" if w.escalated else ""))
    if w.supervised:
        lines.append("上级督办")
    return "\n".join(lines)
