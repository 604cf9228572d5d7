"""打印 → 会议简报…: the meeting pack — title, period, the parts to print, 存在问题 and 下步工作 — built in
the background (progress, 取消) and opened in the preview (print, 另存为 PDF). The same dialog exports the
pack's KPI tables to Excel and saves this month's figures for the trend on demand; `start_monthly_snapshot`
saves them once a month at start-up.

The services (and with them reportlab and matplotlib) are imported inside the slots: building the menu
must not cost the program's start.
"""

from __future__ import annotations

import logging
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.reports.briefing_data import ALL_SECTIONS, DEFAULT_SECTIONS, Section
from fupin_desktop.services.context import Permission
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import run_with_progress, show_error
from fupin_desktop.ui.printing import LAST_FOLDER_KEY, preview_job, safe_file_name
from fupin_desktop.ui.tasks import TaskHandle

if TYPE_CHECKING:
    from fupin_desktop.services.briefing import BriefingOptions
    from fupin_desktop.ui.features import Workbench

log = logging.getLogger(__name__)
SECTIONS_KEY = "briefing/sections"  # the parts last chosen, per PC


def install(bench: Workbench) -> QAction:
    """打印 → 会议简报…"""
    menu = bench.menu("print")
    menu.addSeparator()
    action = menu.addAction("会议简报(&M)…", lambda: ask_briefing(bench.widget(), bench.ui))
    action.setShortcut(QKeySequence("Ctrl+Shift+M"))
    action.setToolTip("调度会简报：基本情况、本期动态、整改进展、月度趋势等（A4 纵向）")
    return action


def ask_briefing(parent: QWidget, ui: UiContext) -> TaskHandle | None:
    from fupin_desktop.services.briefing import briefing_defaults

    dialog = BriefingDialog(parent, ui, briefing_defaults(ui.ctx))
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.run(parent)
    finally:
        dialog.deleteLater()


class BriefingDialog(QDialog):
    def __init__(self, parent: QWidget | None, ui: UiContext, defaults: BriefingOptions) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("briefingDialog")
        self.setWindowTitle("会议简报")
        self.title = QLineEdit(defaults.title, self)
        self.title.setObjectName("briefingTitle")
        today = ui.ctx.today()
        self.since = _date_edit(defaults.since or today, self)
        self.until = _date_edit(defaults.until or today, self)
        self.until.setMaximumDate(QDate(today.year, today.month, today.day))
        period = QHBoxLayout()
        period.addWidget(self.since)
        period.addWidget(QLabel("至", self))
        period.addWidget(self.until)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow("会议名称(&T)：", self.title)
        period_label = QLabel("本期动态统计(&S)：", self)
        period_label.setBuddy(self.since)  # a row holding a layout gets no buddy of its own
        form.addRow(period_label, period)

        self.section_boxes: dict[Section, QCheckBox] = {}
        chosen = self._remembered_sections()
        group = QGroupBox("打印哪些部分", self)
        grid = QGridLayout(group)
        for n, section in enumerate(ALL_SECTIONS):
            box = QCheckBox(section.title, group)
            box.setObjectName(f"section_{section.value}")
            box.setChecked(section in chosen)
            grid.addWidget(box, n // 3, n % 3)
            self.section_boxes[section] = box

        self.problems = _text_box(defaults.problems or "", "每行一条，打印时统一编号为（一）（二）……", self)
        self.problems.setObjectName("briefingProblems")
        self.next_steps = _text_box(
            defaults.next_steps or "", "每行一条，编号同上（已写的一是、1. 等编号会统一）", self
        )
        self.next_steps.setObjectName("briefingNextSteps")
        texts = QFormLayout()
        texts.addRow("存在问题(&P)：", self.problems)
        texts.addRow("下步工作(&N)：", self.next_steps)
        kept = QLabel("两段文字生成时保存，下次开会时可在此基础上修改；没有填写的部分不打印。", self)
        kept.setProperty("role", "hint")
        kept.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成并预览(&G)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.export_button = QPushButton("导出指标表(&X)…", self)
        self.export_button.setObjectName("exportKpis")
        self.export_button.setEnabled(ui.ctx.actor.can(Permission.EXPORT))
        self.snapshot_button = QPushButton("保存本月指标(&K)", self)
        self.snapshot_button.setObjectName("saveSnapshot")
        self.snapshot_button.setToolTip(
            "把当前的主要指标保存为本月快照，用于月度趋势（每月首次启动时也会自动保存）"
        )
        self.snapshot_button.setEnabled(ui.ctx.actor.can(Permission.EDIT))
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.snapshot_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export_kpis)
        self.snapshot_button.clicked.connect(self.save_snapshot)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(group)
        layout.addLayout(texts, 1)
        layout.addWidget(kept)
        layout.addWidget(buttons)
        self.resize(640, 600)

    # -------------------------------------------------------- what was chosen

    def _remembered_sections(self) -> set[Section]:
        stored = self.ui.prefs.value(SECTIONS_KEY)
        if not stored:
            return set(DEFAULT_SECTIONS)
        values = [stored] if isinstance(stored, str) else list(stored)
        return {s for s in ALL_SECTIONS if s.value in values}

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for s, box in self.section_boxes.items() if box.isChecked())

    def options(self) -> BriefingOptions:
        from fupin_desktop.services.briefing import BriefingOptions

        return BriefingOptions(
            title=self.title.text().strip(),
            since=_day(self.since),
            until=_day(self.until),
            sections=self.sections,
            problems=self.problems.toPlainText().strip(),
            next_steps=self.next_steps.toPlainText().strip(),
        )

    def _problem(self) -> str:
        """What stops the pack from being made, in words; empty when nothing does."""
        if not self.sections:
            return "请至少勾选一个要打印的部分。"
        if _day(self.since) > _day(self.until):
            return "本期动态的起始日期晚于截止日期，请调整。"
        return ""

    # -------------------------------------------------------- actions

    def accept(self) -> None:
        problem = self._problem()
        if problem:
            QMessageBox.warning(self, "会议简报", problem)
            return
        self.ui.prefs.setValue(SECTIONS_KEY, [s.value for s in self.sections])
        if not self._keep_texts():
            return
        super().accept()

    def _keep_texts(self) -> bool:
        """Save 存在问题 and 下步工作 for the next meeting (users who may edit data)."""
        if not self.ui.ctx.actor.can(Permission.EDIT):
            return True
        from fupin_desktop.services.briefing import save_texts

        try:
            if save_texts(
                self.ui.ctx, self.problems.toPlainText().strip(), self.next_steps.toPlainText().strip()
            ):
                self.ui.events.data_changed.emit("settings")
        except Exception as exc:
            show_error(self, exc, title="文字未保存")
            return False
        return True

    def run(self, parent: QWidget | None) -> TaskHandle:
        """Build the pack in the background, then open it in the preview."""
        from fupin_desktop.services.briefing import BriefingResult, briefing_job
        from fupin_desktop.services.progress import Job

        ctx, options = self.ui.ctx, self.options()

        def factory(out: Path, cancel: threading.Event) -> Job[BriefingResult]:
            return briefing_job(ctx, out, options, cancel)

        return preview_job(parent, self.ui, self.document_title(), factory)

    def document_title(self) -> str:
        title = self.title.text().strip() or "会议简报"
        return title if title.endswith("简报") else f"{title}简报"

    def export_kpis(self) -> TaskHandle | None:
        """导出指标表: the pack's tables of the chosen parts, one sheet each."""
        problem = self._problem()
        if problem:
            QMessageBox.warning(self, "导出指标表", problem)
            return None
        folder = self.ui.prefs.value(LAST_FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        suggested = str(Path(str(folder)) / f"{safe_file_name(self.document_title())}指标表.xlsx")
        name, _ = QFileDialog.getSaveFileName(self, "导出指标表", suggested, "Excel 工作簿 (*.xlsx)")
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        return self.export_to(target)

    def export_to(self, target: Path) -> TaskHandle:
        from fupin_desktop.services.briefing import export_kpis_job

        ctx, options = self.ui.ctx, self.options()

        def done(result: Any) -> None:
            self.ui.prefs.setValue(LAST_FOLDER_KEY, str(target.parent))
            self.ui.events.status_message.emit(f"已导出会议简报指标表（{result.sheets} 张表）：{target}")

        return run_with_progress(
            self,
            self.ui.runner,
            "正在导出指标表",
            lambda cancel: export_kpis_job(ctx, target, options, cancel),
            done,
            on_failed=lambda exc: show_error(self, exc, title="指标表未导出"),
        )

    def save_snapshot(self) -> None:
        from fupin_desktop.services.briefing import month_label, save_snapshot

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            snapshot = save_snapshot(self.ui.ctx)
        except Exception as exc:
            QApplication.restoreOverrideCursor()
            show_error(self, exc, title="本月指标未保存")
            return
        QApplication.restoreOverrideCursor()
        self.ui.events.status_message.emit(
            f"已保存{month_label(snapshot.month)}的主要指标，月度趋势将使用它。"
        )
        QMessageBox.information(self, "会议简报", f"已保存{month_label(snapshot.month)}的主要指标。")


def start_monthly_snapshot(bench: Workbench) -> TaskHandle:
    """The first start in a month saves the month's figures for the trend, in the background."""
    ui = bench.ui

    def job(cancel: threading.Event):  # type: ignore[no-untyped-def]
        from fupin_desktop.services.briefing import take_monthly_snapshot
        from fupin_desktop.services.progress import Progress

        yield Progress(0, 0, "保存本月指标")
        return take_monthly_snapshot(ui.ctx)

    def done(snapshot: Any) -> None:
        if snapshot is not None:
            from fupin_desktop.services.briefing import month_label

            bench.show_status(f"已自动保存{month_label(snapshot.month)}的主要指标（会议简报的月度趋势）。")

    def failed(exc: BaseException) -> None:
        log.warning("本月指标未能自动保存", exc_info=(type(exc), exc, exc.__traceback__))

    return ui.runner.start("保存本月指标", job, on_finished=done, on_failed=failed, owner=bench.widget())


# ------------------------------------------------------------------ small helpers


def _date_edit(value: date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setDisplayFormat("yyyy年M月d日")
    edit.setCalendarPopup(True)
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _text_box(text: str, hint: str, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(text, parent)
    box.setPlaceholderText(hint)
    box.setTabChangesFocus(True)
    return box
