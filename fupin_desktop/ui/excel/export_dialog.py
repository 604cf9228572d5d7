"""文件 → 导出台账…: pick a kind and a place; full ID numbers only for users allowed to (audited); for a
wide ledger, the columns of its 打印 sheet (print_columns_panel)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.services.context import Permission
from fupin_desktop.services.ledgers import EXPORT_KINDS, ExportResult, default_file_name, export_ledger
from fupin_desktop.services.register import get_settings
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import run_with_progress, show_error
from fupin_desktop.ui.excel.print_columns_panel import PrintColumnsPanel

HOUSEHOLD_KINDS = ("households", "members", "monitoring", "pairings")
KIND_ROLE = Qt.ItemDataRole.UserRole  # each row of the kinds list keeps its key (services.ledgers)
DESCRIPTIONS = {
    "households": "每户一行：户编号、村组、户主、户类型、监测信息、三保障和饮水、收入各项、帮扶措施、帮扶责任人",
    "members": "每人一行，前47列与全国系统导出的人口表相同，可直接再导入",
    "monitoring": "监测对象家庭的每个成员一行，列的顺序同全国系统的监测对象信息：类别、风险、收入、各类帮扶措施",
    "pairings": "每户一行：帮扶责任人、单位、职务、电话、结对日期",
    "collect": "每户一行：导入的表格中没有、需要入户采集的信息（数据核查 → 待采集）",
    "tasks": "整改清单：预警颜色、状态、问题来源、类别、表现、措施、责任领导和单位、时限、进展、销号时间（可作为整改任务再导入）",
}


class ExportDialog(QDialog):
    def __init__(
        self, ui: UiContext, parent: QWidget | None = None, household_ids: Sequence[int] | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.household_ids = list(household_ids) if household_ids is not None else None
        self.result: ExportResult | None = None
        self.setObjectName("exportDialog")
        self.setWindowTitle(
            "导出台账" if self.household_ids is None else f"导出选中的 {len(self.household_ids)} 户"
        )
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        kinds_label = QLabel("导出哪一种台账(&K)：")
        layout.addWidget(kinds_label)
        top = QHBoxLayout()
        self.kinds = QListWidget()
        self.kinds.setObjectName("exportKinds")
        kinds_label.setBuddy(self.kinds)
        keys = [k for k in EXPORT_KINDS if self.household_ids is None or k in HOUSEHOLD_KINDS]
        for key in keys:
            item = QListWidgetItem(EXPORT_KINDS[key].title)
            item.setToolTip(DESCRIPTIONS.get(key, ""))
            item.setData(KIND_ROLE, key)
            self.kinds.addItem(item)
        top.addWidget(self.kinds, 1)
        self.printing = PrintColumnsPanel(ui.prefs)
        top.addWidget(self.printing, 1)
        layout.addLayout(top, 1)
        # The selected kind's description in full, wrapped (a list row would cut it at the window's edge).
        self.description = QLabel()
        self.description.setObjectName("exportDescription")
        self.description.setWordWrap(True)
        self.description.setProperty("role", "hint")
        layout.addWidget(self.description)
        self.kinds.setCurrentRow(0)
        self.kinds.currentRowChanged.connect(self._kind_changed)
        self.kinds.itemDoubleClicked.connect(lambda _item: self.export())
        self.full_id = QCheckBox(
            "导出完整证件号码(&F)（默认脱敏为 前6位********后4位；此操作会记入操作日志）"
        )
        allowed = ui.ctx.actor.can(Permission.EXPORT_FULL_ID)
        self.full_id.setEnabled(allowed)
        if not allowed:
            self.full_id.setToolTip("当前用户没有导出完整证件号码的权限")
        self.full_id.toggled.connect(lambda _on: self._show_print_columns())
        layout.addWidget(self.full_id)
        row = QHBoxLayout()
        path_label = QLabel("保存到(&T)：")
        row.addWidget(path_label)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        path_label.setBuddy(self.path_edit)
        browse = QPushButton("浏览(&B)…")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("导出(&X)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._kind_changed()

    def kind(self) -> str:
        """The key of the kind chosen (an `EXPORT_KINDS` key)."""
        item = self.kinds.currentItem()
        return str(item.data(KIND_ROLE)) if item else "households"

    def choose_kind(self, key: str) -> bool:
        """Choose the kind of `key` (as a click on its row would); False when this dialog does not offer it."""
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(KIND_ROLE) == key:
                self.kinds.setCurrentRow(row)
                return True
        return False

    def _folder(self) -> Path:
        saved = str(self.ui.prefs.value("excel/exportFolder", ""))
        if saved and Path(saved).is_dir():
            return Path(saved)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def _show_print_columns(self) -> None:
        if self.printing.kind:
            self.printing.remember()
        self.printing.show_kind(self.kind(), self.full_id.isChecked())

    def _kind_changed(self) -> None:
        self.description.setText(DESCRIPTIONS.get(self.kind(), ""))
        self._show_print_columns()
        ctx = self.ui.ctx
        current = self.path_edit.text().strip()
        folder = Path(current).parent if current else self._folder()
        name = default_file_name(self.kind(), get_settings(ctx).township, ctx.today())
        self.path_edit.setText(str(folder / name))

    def browse(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, "保存到", self.path_edit.text(), "Excel 工作簿 (*.xlsx)"
        )
        if target:
            self.path_edit.setText(target if target.lower().endswith(".xlsx") else target + ".xlsx")

    def export(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            QMessageBox.information(self, "导出台账", "请选择保存位置。")
            return
        out = Path(text if text.lower().endswith(".xlsx") else text + ".xlsx")
        if out.exists():
            answer = QMessageBox.question(self, "文件已存在", f"{out.name} 已存在，要替换它吗？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        kind, full, ids = self.kind(), self.full_id.isChecked(), self.household_ids
        printed = self.printing.headers()
        self.printing.remember()

        def job(cancel: threading.Event):
            return export_ledger(
                self.ui.ctx, kind, out, full_id=full, household_ids=ids, print_headers=printed, cancel=cancel
            )

        run_with_progress(
            self,
            self.ui.runner,
            f"正在导出{EXPORT_KINDS[kind].title}",
            job,
            self._done,
            on_failed=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc, title="未能导出")

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.ui.prefs.setValue("excel/exportFolder", str(result.path.parent))
        self.ui.events.status_message.emit(f"已导出：{result.path}")
        self.accept()
        show_exported(self.parentWidget(), result.path, f"已导出 {result.rows} 行到：\n{result.path}")


def show_exported(parent: QWidget | None, path: Path, text: str) -> QMessageBox:
    """A non-blocking “done” box offering to open the file or its folder."""
    box = QMessageBox(parent)
    box.setObjectName("exportedBox")
    box.setWindowTitle("完成")
    box.setText(text)
    open_file = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)

    def clicked(button: object) -> None:
        if button is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif button is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
