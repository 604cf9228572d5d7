"""村情总览: the village board (click a village to choose it), the unpaired households and the helpers
over the limit of the chosen village (or of the township)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QStyleOptionHeader,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.board import COLUMN_GROUPS, NOT_KEPT, OPEN_TASK_COLOURS, Board, BoardRow
from fupin_desktop.services.assignments import HelperRow, HouseholdChoice
from fupin_desktop.ui.assignments.helpers_page import HELPER_COLUMNS
from fupin_desktop.ui.assignments.models import TOTAL, Column, Index, RowsModel, bold
from fupin_desktop.ui.assignments.widgets import button, panel, table_view
from fupin_desktop.ui.rectification.colours import INK

PROBLEM_HEADINGS = ("未结对户", "超额责任人")  # non-zero counts in red; 整改未销号 in its colours
BOARD_MAX = 520  # pixels
BOARD_MIN = 150  # the header, the total and a few villages

UNPAIRED_COLUMNS: list[Column[HouseholdChoice]] = [
    Column("村", lambda h: h.village),
    Column("组", lambda h: h.group or ""),
    Column("户主", lambda h: h.head),
    Column("户编号", lambda h: h.number),
    Column("人口", lambda h: h.people),
    Column("户类型", lambda h: h.household_type or ""),
    Column("监测对象类别", lambda h: h.monitor_category or ""),
]


class BoardModel(RowsModel[BoardRow]):
    """The board: one row per village and the 合计 row (shaded, bold); problem counts in red. Grouped
    columns are headed by their sub-heading (户, 人, 待整改 …); `GroupedHeader` draws the group above."""

    def __init__(self, parent: QWidget | None = None) -> None:
        columns = [Column("村", lambda r: r.name)]
        for n, (group, sub) in enumerate(_flat_columns()):
            columns.append(
                Column(
                    sub or group,
                    lambda r, n=n: r.cells()[n],
                    tip=f"{group}（{sub}）" if sub else group,
                    alert=(lambda r, n=n: bool(r.cells()[n])) if group in PROBLEM_HEADINGS else None,
                )
            )
        super().__init__(columns, parent)
        self.board: Board | None = None

    def set_board(self, board: Board) -> None:
        self.board = board
        self.set_rows([*board.rows, board.total])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.rows[index.row()] if index.isValid() else None
        is_total = self.board is not None and row is self.board.total
        if role == Qt.ItemDataRole.DisplayRole and row is not None and index.column() and self.board:
            return self.board.texts(row)[index.column() - 1]
        if role == Qt.ItemDataRole.BackgroundRole and is_total:
            return QBrush(TOTAL)
        first_task_column = len(self.columns) - len(OPEN_TASK_COLOURS)
        if role == Qt.ItemDataRole.ForegroundRole and row is not None and index.column() >= first_task_column:
            colour = OPEN_TASK_COLOURS[index.column() - first_task_column]
            if self.data(index) not in ("0", NOT_KEPT):
                return QBrush(QColor(INK[colour]))
        if role == Qt.ItemDataRole.FontRole and is_total:
            return bold(QFont())
        if role == Qt.ItemDataRole.ToolTipRole and row is not None and index.column() >= first_task_column:
            label = OPEN_TASK_COLOURS[index.column() - first_task_column].label
            return (
                "整改任务按村登记，组的行不统计"
                if self.data(index) == NOT_KEPT
                else f"未销号的整改任务（{label}）"
            )
        return super().data(index, role)


def _flat_columns() -> list[tuple[str, str]]:
    return [(group, sub) for group, subs in COLUMN_GROUPS for sub in (subs or ("",))]


def column_spans() -> list[tuple[str, int, int]]:
    """(group heading, first, last table column) of the board's grouped columns."""
    spans, column = [], 1
    for group, subs in COLUMN_GROUPS:
        if subs:
            spans.append((group, column, column + len(subs) - 1))
        column += max(len(subs), 1)
    return spans


class GroupedHeader(QHeaderView):
    """A two-line horizontal header: group headings (脱贫户, 整改未销号 …) over their columns' own
    headings; columns without a group use both lines."""

    def __init__(self, spans: list[tuple[str, int, int]], parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.spans = {column: span for span in spans for column in range(span[1], span[2] + 1)}
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setHighlightSections(False)

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        size.setHeight(2 * self.fontMetrics().height() + 14)
        return size

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        span = self.spans.get(logical)
        if span is None:
            super().paintSection(painter, rect, logical)
            return
        half = rect.height() // 2
        super().paintSection(
            painter, QRect(rect.x(), rect.y() + half, rect.width(), rect.height() - half), logical
        )
        label, first, last = span
        left = self.sectionViewportPosition(first)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = QRect(left, rect.y(), right - left, half)
        option.text = label
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        option.section = logical
        painter.save()
        painter.setClipRect(QRect(rect.x(), rect.y(), rect.width(), half))  # this column's share of it
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()


class OverviewPage(QWidget):
    """Emits `village_chosen(id)` when a village row is clicked; shows what the tab hands it."""

    village_chosen = Signal(object)
    assign_requested = Signal()  # 分配给… for the selected unpaired households
    suggest_requested = Signal()
    helper_requested = Signal(int)  # open a helper on the helpers page
    household_requested = Signal(int)  # open a household in 户籍管理

    def __init__(self, parent: QWidget | None = None, *, can_edit: bool = True) -> None:
        super().__init__(parent)
        self.can_edit = can_edit
        self.board_model = BoardModel(self)
        self.board_view = table_view(self.board_model, "boardTable", sortable=False)
        self.board_view.setHorizontalHeader(GroupedHeader(column_spans(), self.board_view))
        self.board_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.board_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.board_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.board_view.clicked.connect(self._board_clicked)
        # as tall as its rows when there is room (between BOARD_MIN and BOARD_MAX, set per board)
        self.board_view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.board_title = QLabel(self)
        self.board_title.setObjectName("boardTitle")
        self.board_title.setWordWrap(True)  # two lines rather than a window wider than a scaled screen

        self.unpaired_model = RowsModel(UNPAIRED_COLUMNS, self)
        self.unpaired_view = table_view(self.unpaired_model, "unpairedTable", multi=True)
        self.unpaired_title = QLabel(self)
        self.assign_button = button("分配给帮扶人(&A)…", self.assign_requested.emit, self)
        self.suggest_button = button("为未结对户分配…", self.suggest_requested.emit, self)
        self.unpaired_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.unpaired_view.doubleClicked.connect(
            lambda index: self.household_requested.emit(self.unpaired_model.row(index).id)
        )
        self.unpaired_view.setToolTip("双击在户籍管理中打开该户")

        self.overloaded_model = RowsModel(HELPER_COLUMNS, self)
        self.overloaded_view = table_view(self.overloaded_model, "overloadedTable")
        self.overloaded_view.doubleClicked.connect(self._open_helper)
        self.overloaded_title = QLabel(self)
        self.open_helper_button = button("查看并改派(&G)…", self._open_helper, self)
        self.overloaded_view.selectionModel().selectionChanged.connect(self._update_buttons)

        lists = QSplitter(Qt.Orientation.Horizontal, self)
        lists.addWidget(
            panel(self.unpaired_title, self.unpaired_view, [self.assign_button, self.suggest_button])
        )
        lists.addWidget(panel(self.overloaded_title, self.overloaded_view, [self.open_helper_button]))
        lists.setSizes([600, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel(self.board_title, self.board_view, []))
        layout.addWidget(lists, 1)
        self._update_buttons()

    # -------------------------------------------------------- shown data

    def show_board(self, board: Board, chosen_village: int | None) -> None:
        self.board_model.set_board(board)
        rows = self.board_model.rowCount() * self.board_view.verticalHeader().defaultSectionSize()
        header = self.board_view.horizontalHeader().sizeHint().height()
        # no taller than its rows (the lists below get the rest); a county's many villages scroll, and so
        # does the board on a short (scaled) screen, down to a few rows
        full = min(rows + header + 2 * self.board_view.frameWidth() + 2, BOARD_MAX)
        self.board_view.setMaximumHeight(full)
        self.board_view.setMinimumHeight(min(full, BOARD_MIN))
        total = board.total
        self.board_title.setText(
            f"{board.scope}各村统计（在册农户和人口；每名帮扶责任人上限 {board.helper_limit} 户）　"
            f"未结对 {total.unpaired} 户　超额帮扶人 {total.overloaded} 名　整改未销号 {total.tasks_open} 项"
            "　— 点击一个村，只看该村"
        )
        self.select_village(chosen_village)

    def select_village(self, village_id: int | None) -> None:
        rows = self.board_model.rows
        target = next(
            (n for n, r in enumerate(rows) if village_id is not None and r.area_id == village_id), None
        )
        if target is None:
            self.board_view.clearSelection()
        else:
            self.board_view.selectRow(target)

    def show_lists(
        self, scope: str, unpaired: list[HouseholdChoice], overloaded: list[HelperRow], limit: int
    ) -> None:
        self.unpaired_model.set_rows(unpaired)
        self.overloaded_model.set_rows(overloaded)
        self.unpaired_title.setText(f"{scope}未结对户：{len(unpaired)} 户")
        self.overloaded_title.setText(f"{scope}结对超过 {limit} 户的帮扶人：{len(overloaded)} 名")
        for view in (self.unpaired_view, self.overloaded_view):
            view.resizeColumnsToContents()
        self._update_buttons()

    def selected_unpaired(self) -> list[HouseholdChoice]:
        rows = sorted({i.row() for i in self.unpaired_view.selectionModel().selectedRows()})
        return [self.unpaired_model.rows[r] for r in rows]

    # -------------------------------------------------------- behaviour

    def _board_clicked(self, index: QModelIndex) -> None:
        row = self.board_model.row(index)
        board = self.board_model.board
        self.village_chosen.emit(None if board is None or row is board.total else row.area_id)

    def _open_helper(self) -> None:
        rows = self.overloaded_view.selectionModel().selectedRows()
        if rows:
            self.helper_requested.emit(self.overloaded_model.row(rows[0]).id)

    def _update_buttons(self) -> None:
        self.assign_button.setEnabled(
            self.can_edit and bool(self.unpaired_view.selectionModel().selectedRows())
        )
        self.suggest_button.setEnabled(self.can_edit and bool(self.unpaired_model.rows))
        self.open_helper_button.setEnabled(bool(self.overloaded_view.selectionModel().selectedRows()))
