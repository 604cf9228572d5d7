"""Table models of the 数据核查 tab: findings and the watch list, as plain lists behind a
QAbstractTableModel (a run's rows are all in memory; sorting sorts the list, no proxy)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from fupin_desktop.domain.checks import RULES, SEVERITY_ORDER, Finding, Severity
from fupin_desktop.domain.watch import WatchEntry
from fupin_desktop.services.checks import Review

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

SEVERITY_BRUSHES = {
    Severity.ERROR: QBrush(QColor("#f8d7d5")),
    Severity.DOUBT: QBrush(QColor("#fdf0c4")),
    Severity.HINT: QBrush(QColor("#dcebf7")),
}
REVIEWED_BRUSH = QBrush(QColor("#e4e4e4"))
RULE_RANK = {code: n for n, code in enumerate(RULES)}


@dataclass(frozen=True, slots=True)
class FindingRow:
    """A finding as the tab lists it: open, or marked 已核实无误 (`review`); `stale` is an earlier mark
    made before the household's data changed."""

    finding: Finding
    review: Review | None = None
    stale: Review | None = None


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None  # default: the text
    width: int = 90


class ListModel(QAbstractTableModel, Generic[T]):
    """Rows of frozen items shown through `columns`; `sort` reorders the list itself."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        background: Callable[[T, int], QBrush | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.background = background
        self.items: list[T] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self.items = list(items)
        if self._sorted is not None:
            self._sort_items(*self._sorted)
        self.endResetModel()

    def item(self, row: int) -> T:
        return self.items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()].text(item)
        if role == Qt.ItemDataRole.BackgroundRole and self.background is not None:
            return self.background(item, index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:  # no sort column: keep the order the rows came in
            self._sorted = None
            return
        self.layoutAboutToBeChanged.emit()
        self._sort_items(column, order)
        self.layoutChanged.emit()

    def _sort_items(self, column: int, order: Qt.SortOrder) -> None:
        self._sorted = (column, order)
        spec = self.columns[column]
        key = spec.sort_key or spec.text
        self.items.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)


# ---------------------------------------------------------------- findings


def _severity_text(row: FindingRow) -> str:
    return "已核实" if row.review else row.finding.severity.value


def _severity_key(row: FindingRow) -> tuple[int, int]:
    return (1 if row.review else 0, SEVERITY_ORDER[row.finding.severity])


FINDING_COLUMNS: tuple[Column[FindingRow], ...] = (
    Column("严重程度", _severity_text, _severity_key, 70),
    Column("核查项", lambda r: r.finding.rule_title, lambda r: RULE_RANK[r.finding.code], 200),
    Column("行政村", lambda r: r.finding.village, width=80),
    Column("户编号", lambda r: r.finding.household, width=150),
    Column("户主", lambda r: r.finding.head, width=70),
    Column("成员", lambda r: r.finding.member, width=70),
    Column("问题说明", lambda r: r.finding.message, width=480),
)


def _finding_background(row: FindingRow, column: int) -> QBrush | None:
    if column != 0:
        return None
    return REVIEWED_BRUSH if row.review else SEVERITY_BRUSHES[row.finding.severity]


def finding_model(parent: QObject | None = None) -> ListModel[FindingRow]:
    return ListModel(FINDING_COLUMNS, _finding_background, parent)


# ---------------------------------------------------------------- watch list


def _visited(entry: WatchEntry) -> str:
    return f"{entry.last_visit:%Y-%m-%d}" if entry.last_visit else "无记录"


WATCH_COLUMNS: tuple[Column[WatchEntry], ...] = (
    Column("村组", lambda e: e.place, width=110),
    Column("户编号", lambda e: e.number, width=150),
    Column("户主", lambda e: e.head, width=70),
    Column("类别", lambda e: e.category, width=100),
    Column("帮扶责任人", lambda e: e.helper or "未结对", width=80),
    Column("责任人电话", lambda e: e.helper_phone, width=110),
    Column("上次走访", _visited, lambda e: e.last_visit or date.min, 90),
    Column("走访原因", lambda e: e.reason_text, width=520),
)


def watch_model(parent: QObject | None = None) -> ListModel[WatchEntry]:
    return ListModel(WATCH_COLUMNS, None, parent)


def list_table(model: ListModel[T], name: str) -> QTableView:
    """The tab's list of rows: whole-row selection, sortable (unsorted: the order the rows came in,
    村/组/户编号), its columns' widths, the last stretching."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    for n, column in enumerate(model.columns):
        table.setColumnWidth(n, column.width)
    table.horizontalHeader().setSectionResizeMode(len(model.columns) - 1, QHeaderView.ResizeMode.Stretch)
    return table
