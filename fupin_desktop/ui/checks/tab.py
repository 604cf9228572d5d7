"""数据核查 tab: run every check and the 监测预警 over the whole database in the background (progress,
取消), then browse the findings (核查结果) and the households to visit (监测预警).

The tab runs by itself when it is shown for the first time and when it is shown again after household
data changed; 开始核查 (F5) runs at any time. A change made while the tab is showing (an editor opened from
a finding) puts up a line saying the results may be out of date.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.checks import RULES
from fupin_desktop.services.checks import (
    CheckResult,
    CollectList,
    WatchList,
    check_and_watch_job,
    collect_list,
)
from fupin_desktop.services.context import Permission
from fupin_desktop.services.ledgers import ExportResult, default_file_name, export_ledger
from fupin_desktop.services.progress import Job, Progress
from fupin_desktop.services.register import get_settings
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.checks.collect_view import CollectView
from fupin_desktop.ui.checks.findings_view import FindingsView
from fupin_desktop.ui.checks.watch_view import WatchView
from fupin_desktop.ui.dialogs import run_with_progress, show_error
from fupin_desktop.ui.excel.export_dialog import show_exported
from fupin_desktop.ui.features import Workbench
from fupin_desktop.ui.tasks import TaskHandle

# What changes make a shown result out of date (our own 已核实无误 marks are applied in place).
STALE_ON = {"household", "pairing", "helper", "settings", "codes", "all"}
EXPORT_FOLDER_KEY = "excel/exportFolder"
INTRO = (
    "数据核查检查全部在册农户：证件号码、户内关系、成员信息、监测逻辑、时间顺序、收入和三保障饮水，"
    "共 {rules} 项。按“开始核查”（F5）运行。"
)


class ChecksTab(QWidget):
    def __init__(self, ui: UiContext, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.workbench = workbench
        self.result: CheckResult | None = None
        self.watch: WatchList | None = None
        self.running: TaskHandle | None = None
        self.checked_at: datetime | None = None
        self._shown = False

        self.run_button = QPushButton("开始核查(&S)")
        self.run_button.setObjectName("runChecksButton")
        self.run_button.setToolTip("检查全部在册农户并更新监测预警（F5）")
        self.run_button.clicked.connect(self.run)
        self.progress = QProgressBar()
        self.progress.setObjectName("checkProgress")
        self.progress.setMaximumWidth(260)
        self.progress.setFormat("%v / %m 户")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setObjectName("cancelChecksButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setObjectName("checkStatus")
        self.stale = QLabel("农户数据已修改，结果可能已过时：按 F5 重新核查。")
        self.stale.setObjectName("staleNote")
        self.stale.setStyleSheet("color: #9a4a00;")
        self.export_button = QPushButton("导出核查结果(&X)…")
        self.export_button.setObjectName("exportFindingsButton")
        self.export_button.clicked.connect(self.export)

        self.findings = FindingsView(ui, self.open_household)
        self.findings.reviews_changed.connect(self._reviews_changed)
        self.watch_view = WatchView(ui, self.open_household)
        self.collect_view = CollectView(ui, self.open_household)
        self.pages = QTabWidget()
        self.pages.setObjectName("checkPages")
        self.pages.addTab(self.findings, "核查结果")
        self.pages.addTab(self.watch_view, "监测预警")
        self.pages.addTab(self.collect_view, "待采集")
        intro = QLabel(INTRO.format(rules=len(RULES)))
        intro.setProperty("role", "placeholder")
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(intro)
        self.stack.addWidget(self.pages)

        top = QHBoxLayout()
        for widget in (self.run_button, self.progress, self.cancel_button, self.status):
            top.addWidget(widget)
        top.addWidget(self.stale)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.run)
        ui.events.data_changed.connect(self._data_changed)
        self._set_running(False)
        self.stale.hide()
        self.export_button.setEnabled(False)

    # ------------------------------------------------------------ running

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown or self.stale.isVisibleTo(self):  # first visit, or data changed meanwhile
            self._shown = True
            self.run()

    def run(self) -> None:
        if self.running is not None:
            return
        self._set_running(True)
        self.status.setText("正在核查…")
        ctx = self.ui.ctx

        def job(cancel: threading.Event) -> Job[tuple[CheckResult, WatchList, CollectList]]:
            result, watch = yield from check_and_watch_job(ctx, cancel)
            yield Progress(0, 0, "整理待采集清单")
            return result, watch, collect_list(ctx)

        self.running = self.ui.runner.start(
            "数据核查",
            job,
            on_finished=self._finished,
            on_failed=self._failed,
            on_progress=self._progress,
            on_cancelled=self._cancelled,
            owner=self,
        )

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
            self.status.setText("正在取消…")

    def _progress(self, p: Progress) -> None:
        self.progress.setMaximum(max(p.total, 1))
        self.progress.setValue(p.done)

    def _finished(self, found: tuple[CheckResult, WatchList, CollectList]) -> None:
        self.running = None
        self._set_running(False)
        self.result, self.watch, collect = found
        self.findings.set_result(self.result)
        self.watch_view.set_watch(self.watch)
        self.collect_view.set_list(collect)
        self.pages.setTabText(2, f"待采集（{len(collect.rows)}户）" if collect.rows else "待采集")
        self.stack.setCurrentWidget(self.pages)
        self.stale.hide()
        self.export_button.setEnabled(self.ui.ctx.actor.can(Permission.EXPORT))
        self.checked_at = datetime.now()
        self._show_status()

    def _failed(self, exc: BaseException) -> None:
        self.running = None
        self._set_running(False)
        self.status.setText("核查未完成。")
        show_error(self, exc, title="数据核查未完成")

    def _cancelled(self) -> None:
        self.running = None
        self._set_running(False)
        self.status.setText("已取消核查。" + ("下面是上次的结果。" if self.result else ""))

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self.progress.setValue(0)

    def _show_status(self) -> None:
        result, at = self.result, self.checked_at
        if result is None or at is None:
            return
        severities = " · ".join(f"{s} {n}" for s, n in result.severity_counts().items())
        watched = f"，需走访 {len(self.watch.entries)} 户" if self.watch else ""
        self.status.setText(
            f"{at:%H:%M} 核查 {result.households} 户：问题 {len(result.findings)} 条（{severities}），"
            f"已核实无误 {len(result.reviewed)} 条{watched}"
        )

    def _reviews_changed(self) -> None:
        self.result = self.findings.result
        self._show_status()
        self.ui.events.data_changed.emit("finding_review")

    def _data_changed(self, what: str) -> None:
        if self.result is not None and what in STALE_ON:
            self.stale.show()

    # ------------------------------------------------------------ opening and exporting

    def open_household(self, household_id: int, section: str) -> None:
        """Open the household's editor at `section`, this tab staying behind it (the list keeps its place)."""
        self.workbench.open_household(household_id, section)

    def export(self) -> None:
        ctx = self.ui.ctx
        folder = str(self.ui.prefs.value(EXPORT_FOLDER_KEY, "")) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        name = default_file_name("findings", get_settings(ctx).township, ctx.today())
        target, _ = QFileDialog.getSaveFileName(
            self, "导出核查结果", str(Path(folder) / name), "Excel 工作簿 (*.xlsx)"
        )
        if not target:
            return
        out = Path(target).with_suffix(".xlsx")
        self.ui.prefs.setValue(EXPORT_FOLDER_KEY, str(out.parent))

        # The findings on screen, unless the data changed since they were found (then run afresh).
        shown = None if self.result is None or self.stale.isVisibleTo(self) else self.result.findings

        def done(result: ExportResult) -> None:
            show_exported(self, result.path, f"已导出数据核查结果 {result.rows} 条：\n{result.path}")

        run_with_progress(
            self,
            self.ui.runner,
            "正在导出数据核查结果",
            lambda cancel: export_ledger(ctx, "findings", out, findings=shown, cancel=cancel),
            done,
        )
