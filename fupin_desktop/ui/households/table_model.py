"""The household table's model: the ids of the current result (filtered and sorted in SQL by
`services.households.listing.search`) with rows fetched a page at a time as the view scrolls (STYLE #4)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.households import HouseholdQuery, HouseholdRow, SortKey, rows, search

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
_BELOW_BRUSH = QBrush(QColor("#ffe3e3"))
_BELOW_TEXT_BRUSH = QBrush(QColor("#b71c1c"))
_ARCHIVED_BRUSH = QBrush(QColor("#888888"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.UserRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


def _income(row: HouseholdRow) -> str:
    return "" if row.per_capita is None else f"{row.per_capita:,.0f}"


def _income_tip(row: HouseholdRow) -> str:
    if row.per_capita is None:
        return "没有收支核算"
    tip = f"{row.income_year}年人均纯收入 {row.per_capita:,.2f} 元"
    if row.threshold is None:
        return tip + "；当年监测范围未设置"
    verdict = "低于" if row.below_threshold else "不低于"
    return tip + f"，{verdict}当年监测范围 {row.threshold:,.0f} 元"


@dataclass(frozen=True, slots=True)
class TableColumn:
    key: SortKey
    title: str
    width: int
    text: Callable[[HouseholdRow], str]
    numeric: bool = False


COLUMNS: tuple[TableColumn, ...] = (
    TableColumn(
        SortKey.NUMBER, "户编号", 170, lambda r: r.number + ("（临时）" if r.number_is_local else "")
    ),
    TableColumn(SortKey.VILLAGE, "村/组", 140, lambda r: r.village_group),
    TableColumn(SortKey.HEAD, "户主", 80, lambda r: r.head),
    TableColumn(SortKey.PEOPLE, "人数", 50, lambda r: str(r.people), numeric=True),
    TableColumn(SortKey.TYPE, "户类型", 80, lambda r: r.household_type or ""),
    TableColumn(SortKey.CATEGORY, "监测对象类别", 110, lambda r: r.monitor_category or ""),
    TableColumn(SortKey.RISK, "风险状态", 76, lambda r: r.risk_status),
    TableColumn(SortKey.INCOME, "人均纯收入", 96, _income, numeric=True),
    TableColumn(SortKey.HELPER, "帮扶责任人", 90, lambda r: r.helper or ""),
    TableColumn(SortKey.PHONE, "联系电话", 120, lambda r: r.phone or ""),
)
INCOME_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == SortKey.INCOME)


class HouseholdTableModel(QAbstractTableModel):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = HouseholdQuery()
        self.ids: tuple[int, ...] = ()
        self.people = 0
        self.loaded = 0  # rows the view has been given so far
        self.cache: dict[int, HouseholdRow] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------ result

    def run(self, query: HouseholdQuery, *, keep: int = 0) -> None:
        """Search with `query` and show its first page (or the first `keep` rows, after a refresh)."""
        result = search(self.ctx, query)
        self.beginResetModel()
        self.query = query
        self.ids, self.people = result.ids, result.people
        self.cache = {}
        self.loaded = min(len(self.ids), max(PAGE, keep))
        self.cache.update(rows(self.ctx, self.ids[: self.loaded]))
        self.endResetModel()

    def refresh(self) -> None:
        """The same query again (data changed), keeping as many rows as were shown."""
        self.run(self.query, keep=self.loaded)

    def household_id(self, row: int) -> int:
        return self.ids[row]

    def row_of(self, household_id: int) -> int | None:
        """The row of a household in the result, loading pages up to it; None when it is not there."""
        try:
            row = self.ids.index(household_id)
        except ValueError:
            return None
        while self.loaded <= row:
            self.fetchMore(QModelIndex())
        return row

    # ------------------------------------------------------------ paging

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.loaded < len(self.ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        start, end = self.loaded, min(len(self.ids), self.loaded + PAGE)
        if start >= end:
            return
        page = rows(self.ctx, self.ids[start:end])
        self.beginInsertRows(QModelIndex(), start, end - 1)
        self.cache.update(page)
        self.loaded = end
        self.endInsertRows()

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole and section == INCOME_COLUMN:
            return "最近一个核算年度的人均纯收入（元）；低于当年监测范围的标红"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each paint: unasked roles leave at once.
        if role not in _ROLES or not index.isValid():
            return None
        row = self.cache.get(self.ids[index.row()])
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].text(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if COLUMNS[column].numeric else None
        below = column == INCOME_COLUMN and row.below_threshold
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BELOW_BRUSH if below else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return _BELOW_TEXT_BRUSH if below else _ARCHIVED_BRUSH if row.archived else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if below else None
        if column == INCOME_COLUMN:  # ToolTipRole
            return _income_tip(row)
        return f"已归档：{row.archived_reason or ''}" if row.archived else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new query: SQL orders the whole result, not just the rows loaded."""
        descending = order == Qt.SortOrder.DescendingOrder
        self.run(replace(self.query, sort=COLUMNS[column].key, descending=descending))
