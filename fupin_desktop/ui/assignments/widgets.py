"""Small building blocks shared by the 挂图作战 tab's pages and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.services.register import VillageRow
from fupin_desktop.ui.assignments.models import RowsModel

ALL_VILLAGES = "全部村"
CONTENT_SAMPLE = 150  # rows whose text sets a column's width
END_REASONS = ("改派", "工作调动", "岗位调整", "退休", "均衡帮扶户数")


def table_view(model: RowsModel, name: str, *, multi: bool = False, sortable: bool = True) -> QTableView:
    """A read-only table of whole rows in the order given, sortable by clicking a heading."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    if sortable:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    view.horizontalHeader().setStretchLastSection(True)
    # widths to fit from the rows on view and a sample of the rest: Qt reads 1,000 rows per column by
    # default, a quarter of a second for the 5,000 helpers of a large township
    view.horizontalHeader().setResizeContentsPrecision(CONTENT_SAMPLE)
    return view


def selected_rows(view: QTableView) -> list[int]:
    return sorted({index.row() for index in view.selectionModel().selectedRows()})


def button(text: str, slot: Callable[[], object], parent: QWidget) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.clicked.connect(lambda: slot())
    return widget


def panel(title: QLabel, body: QWidget, buttons: list[QPushButton], *, title_row: bool = False) -> QWidget:
    """A titled block: the title and its buttons on one line (or, with `title_row`, the title on a
    line of its own above the buttons), the body below."""
    block = QWidget()
    layout = QVBoxLayout(block)
    layout.setContentsMargins(0, 4, 0, 0)
    title.setProperty("role", "sectionTitle")
    top = QHBoxLayout()
    if title_row:
        layout.addWidget(title)
        top.addStretch(1)
    else:
        top.addWidget(title, 1)
    for b in buttons:
        top.addWidget(b)
    layout.addLayout(top)
    layout.addWidget(body, 1)
    return block


def village_combo(
    rows: list[VillageRow], parent: QWidget, *, everything: str | None = ALL_VILLAGES
) -> QComboBox:
    """Villages by name (data: the village id); `everything` first (data None) unless None."""
    combo = QComboBox(parent)
    fill_villages(combo, rows, everything=everything)
    return combo


def fill_villages(combo: QComboBox, rows: list[VillageRow], *, everything: str | None = ALL_VILLAGES) -> None:
    """Villages are named "乡镇/村" where a name repeats (a county database), as `fupin` expects them."""
    combo.clear()
    if everything:
        combo.addItem(everything, None)
    names = [r.name for r in rows]
    for row in rows:
        repeated = names.count(row.name) > 1 and row.township
        combo.addItem(f"{row.township}/{row.name}" if repeated else row.name, row.id)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def date_edit(value: date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setDisplayFormat("yyyy年M月d日")
    edit.setCalendarPopup(True)
    edit.setMaximumDate(QDate(value.year, value.month, value.day))
    edit.setMaximumWidth(200)
    return edit


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def reason_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItems(END_REASONS)
    combo.setMaximumWidth(260)
    return combo
