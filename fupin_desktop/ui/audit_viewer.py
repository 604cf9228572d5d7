"""审计日志 (管理员): filter by household, user, entity, date and keyword; read the details; export.

Rows read in the clerk's language (services.accounts.audit_text): 对象 is the 户编号 and 户主 (or the task's 序号,
the helper's name), the details list Chinese field names with the values before and after.

Read-only by construction: the table is not editable and nothing here calls anything that changes rows.
校验 checks the trail's hash chain and says below the table where it was broken (services.accounts.audit_verify).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.services.accounts import (
    AuditQuery,
    AuditRow,
    ChainReport,
    audit_filters,
    audit_ids,
    audit_rows,
    entity_label,
    export_audit,
    verify_chain,
)
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import run_with_progress, show_error

COLUMNS = ("时间", "用户", "操作", "类别", "对象", "说明")
PAGE = 200
ALL = ""


class AuditTableModel(QAbstractTableModel):
    """Rows for a list of ids, fetched a page at a time as the view scrolls."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.ids: list[int] = []
        self.cache: dict[int, AuditRow] = {}

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self.ids = ids
        self.cache = {}
        self.endResetModel()

    def row(self, index: int) -> AuditRow:
        row_id = self.ids[index]
        if row_id not in self.cache:
            start = index - index % PAGE
            self.cache.update(audit_rows(self.ui.ctx, self.ids[start : start + PAGE]))
        return self.cache[row_id]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # never editable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row(index.row())
        values = (
            f"{row.at:%Y-%m-%d %H:%M:%S}",
            row.user_name,
            row.action,
            row.entity_label,
            row.subject,
            row.summary,
        )
        return values[index.column()]


class AuditViewer(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("auditViewer")
        self.setWindowTitle("审计日志")
        self.resize(1180, 720)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        layout.addWidget(self.count)
        self.model = AuditTableModel(ui, self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 150, 90, 90, 230)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit()
        self.details.setObjectName("auditDetails")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("选中一行，查看修改前后的内容。")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([400, 240])
        layout.addWidget(splitter, 1)
        self.chain_status = QLabel()
        self.chain_status.setObjectName("auditChainStatus")
        self.chain_status.setWordWrap(True)
        self.chain_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chain_status.hide()
        layout.addWidget(self.chain_status)
        buttons = QHBoxLayout()
        note = QLabel("审计日志只能查看和导出，不能修改或删除。导出的文件与屏幕所见相同，证件号码已脱敏。")
        note.setProperty("role", "hint")
        buttons.addWidget(note, 1)
        self.verify_button = QPushButton("校验(&V)")
        self.verify_button.setObjectName("auditVerify")
        self.verify_button.setToolTip("检查审计日志是否被本程序以外的工具修改或删除过")
        self.verify_button.clicked.connect(self.verify)
        buttons.addWidget(self.verify_button)
        self.export_button = QPushButton("导出(&X)…")
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.export)
        close = QPushButton("关闭(&C)")
        close.clicked.connect(self.accept)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.search()

    def _filters(self) -> QGridLayout:
        filters = audit_filters(self.ui.ctx)
        self.household = QLineEdit()
        self.household.setObjectName("auditHousehold")
        self.household.setPlaceholderText("户编号或户主姓名")
        self.household.setClearButtonEnabled(True)
        self.user = QComboBox()
        self.user.setObjectName("auditUser")
        self.user.addItem("全部用户", ALL)
        for name in filters.users:
            self.user.addItem(name, name)
        self.entity = QComboBox()
        self.entity.setObjectName("auditEntity")
        self.entity.addItem("全部类别", ALL)
        for entity in sorted(filters.entities, key=entity_label):
            self.entity.addItem(entity_label(entity), entity)
        self.by_date = QCheckBox("日期(&D)")
        self.by_date.setObjectName("auditByDate")
        today = QDate(self.ui.ctx.today())
        self.since = self._date_edit("auditSince", today.addMonths(-1))
        self.until = self._date_edit("auditUntil", today)
        self.text = QLineEdit()
        self.text.setObjectName("auditText")
        self.text.setPlaceholderText("说明中的文字")
        self.text.setClearButtonEnabled(True)
        search = QPushButton("查询(&Q)")
        search.setObjectName("auditSearch")
        search.setDefault(True)
        search.clicked.connect(self.search)
        for edit in (self.household, self.text):
            edit.returnPressed.connect(self.search)
        for control in (self.user, self.entity):
            control.currentIndexChanged.connect(self.search)
        self.by_date.toggled.connect(self._date_toggled)
        for date_edit in (self.since, self.until):
            date_edit.dateChanged.connect(self.search)
        grid = QGridLayout()
        dates = QHBoxLayout()
        for widget in (self.by_date, self.since, QLabel("至"), self.until):
            dates.addWidget(widget)
        dates.addStretch(1)
        for column, (caption, widget) in enumerate(
            (("农户(&H)", self.household), ("用户(&U)", self.user), ("类别(&B)", self.entity))
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        grid.addLayout(dates, 1, 0, 1, 3)
        keyword = QLabel("关键字(&K)")
        keyword.setBuddy(self.text)
        grid.addWidget(keyword, 1, 4)
        grid.addWidget(self.text, 1, 5)
        grid.addWidget(search, 1, 6)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        self._date_toggled(False)
        return grid

    def _date_edit(self, name: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _date_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        if hasattr(self, "model"):
            self.search()

    def query(self) -> AuditQuery:
        dated = self.by_date.isChecked()
        return AuditQuery(
            user=self.user.currentData() or None,
            entity=self.entity.currentData() or None,
            since=self.since.date().toPython() if dated else None,
            until=self.until.date().toPython() if dated else None,
            text=self.text.text(),
            household=self.household.text(),
        )

    def search(self) -> None:
        try:
            ids = audit_ids(self.ui.ctx, self.query())
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_ids(ids)
        self.count.setText(f"共 {len(ids)} 条")
        self.details.clear()
        self.export_button.setEnabled(bool(ids))

    def _show_details(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        row = self.model.row(current.row())
        lines = [
            f"时间：{row.at:%Y-%m-%d %H:%M:%S}　用户：{row.user_name}　操作：{row.action}",
            f"对象：{row.entity_label}" + (f"　{row.subject}" if row.subject else ""),
            f"说明：{row.summary}",
        ]
        details = row.detail_lines()
        if details:
            lines += ["", *details]
        self.details.setPlainText("\n".join(lines))

    def export(self) -> None:
        suggested = Path.home() / f"审计日志_{self.ui.ctx.today():%Y%m%d}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "导出审计日志", str(suggested), "Excel 工作簿 (*.xlsx)")
        if not name:
            return
        path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        self.export_to(path)

    def export_to(self, path: Path) -> None:
        query = self.query()

        def job(cancel: threading.Event):
            return export_audit(self.ui.ctx, query, path, cancel)

        def done(count: object) -> None:
            self.ui.events.status_message.emit(f"已导出审计日志 {count} 条：{path}")
            self.search()  # the export itself is now in the trail

        run_with_progress(self, self.ui.runner, "正在导出审计日志", job, done)

    def verify(self) -> None:
        """Check the hash chain in the background; say below the table whether and where it is broken."""

        def finished(report: object) -> None:
            assert isinstance(report, ChainReport)
            self.show_chain(report)

        run_with_progress(
            self,
            self.ui.runner,
            "正在校验审计日志",
            lambda cancel: verify_chain(self.ui.ctx, cancel),
            finished,
        )

    def show_chain(self, report: ChainReport) -> None:
        self.chain_status.setText("\n".join(report.lines()))
        self.chain_status.setStyleSheet("" if report.intact else "color: #b00020; font-weight: bold;")
        self.chain_status.show()
        if report.breaks and report.breaks[0].row_id in self.model.ids:
            row = self.model.ids.index(report.breaks[0].row_id)
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
