"""打印 → 作战图…: the township's or one village's wall chart, built in the background, then previewed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.services.progress import Job
from fupin_desktop.services.register import villages
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.assignments.widgets import select_data, village_combo
from fupin_desktop.ui.printing import preview_job
from fupin_desktop.ui.tasks import TaskHandle

if TYPE_CHECKING:
    from fupin_desktop.services.assignments import WarChartResult
    from fupin_desktop.ui.features import Workbench


def install(bench: Workbench) -> QAction:
    """打印 → 作战图…"""
    menu = bench.menu("print")
    menu.addSeparator()
    action = menu.addAction("作战图(&Z)…", lambda: ask_warchart(bench.widget(), bench.ui))
    action.setShortcut(QKeySequence("Ctrl+Shift+W"))
    return action


def ask_warchart(parent: QWidget, ui: UiContext, village_id: int | None = None) -> TaskHandle | None:
    rows = villages(ui.ctx)
    if not rows:
        QMessageBox.information(parent, "打印作战图", "数据库中还没有村。请先导入台账或新增农户。")
        return None
    dialog = WarchartDialog(parent, ui, village_id)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return print_warchart(parent, ui, dialog.village_name())
    finally:
        dialog.deleteLater()


def print_warchart(parent: QWidget | None, ui: UiContext, village: str | None) -> TaskHandle:
    """Build the 作战图 (progress, 取消) and open it in the preview."""
    from fupin_desktop.services.assignments import warchart_job  # reportlab and matplotlib: on first use

    title = f"{village or '全乡镇'}作战图"

    def factory(out: Path, cancel: threading.Event) -> Job[WarChartResult]:
        return warchart_job(ui.ctx, out, village=village, cancel=cancel)

    return preview_job(parent, ui, title, factory)


class WarchartDialog(QDialog):
    """全乡镇 (every village, the pairing table of all) or one village (by 组)."""

    def __init__(self, parent: QWidget | None, ui: UiContext, village_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warchartDialog")
        self.setWindowTitle("打印作战图")
        self.township = QRadioButton("全乡镇（各村统计）(&T)", self)
        self.one = QRadioButton("一个村（按组统计）(&V)：", self)
        group = QButtonGroup(self)
        group.addButton(self.township)
        group.addButton(self.one)
        self.village = village_combo(villages(ui.ctx), self, everything=None)
        if village_id is not None:
            select_data(self.village, village_id)
            self.one.setChecked(True)
        else:
            self.township.setChecked(True)
        self.village.setEnabled(self.one.isChecked())
        self.one.toggled.connect(self.village.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.one)
        row.addWidget(self.village, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成并预览(&G)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A4 横向：统计表和图表，结对帮扶对照表（未结对户单独列出）。", self))
        layout.addWidget(self.township)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def village_name(self) -> str | None:
        return self.village.currentText() if self.one.isChecked() else None
