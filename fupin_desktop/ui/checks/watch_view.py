"""监测预警: the households helpers should visit (八必访 and 三保障和饮水 gaps), filtered by reason and
village, and the printed 帮扶走访名单 of what is shown (one sheet per helper)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.checks.model import VISITS
from fupin_desktop.domain.watch import WatchEntry, WatchGroup
from fupin_desktop.services.checks import WatchList, visit_list_job
from fupin_desktop.services.context import Permission
from fupin_desktop.services.printing import PrintResult
from fupin_desktop.services.progress import Job
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.checks.findings_view import enter_opens
from fupin_desktop.ui.checks.models import list_table, watch_model
from fupin_desktop.ui.printing import preview_job

ALL = ""


Opener = Callable[[int, str], None]


class WatchView(QWidget):
    def __init__(self, ui: UiContext, open_household: Opener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.open_household = open_household
        self.watch: WatchList | None = None
        self.model = watch_model(self)

        self.group = QComboBox()
        self.group.setObjectName("watchGroupFilter")
        self.village = QComboBox()
        self.village.setObjectName("watchVillageFilter")
        for combo in (self.group, self.village):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search = QLineEdit()
        self.search.setObjectName("watchSearch")
        self.search.setPlaceholderText("户编号、户主或帮扶责任人")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filters)
        self.count = QLabel()
        self.count.setObjectName("watchCount")
        self.print_button = QPushButton("打印走访名单(&V)…")
        self.print_button.setObjectName("printVisitsButton")
        self.print_button.setToolTip("按帮扶责任人分页打印当前列出的农户（Ctrl+P）")
        self.print_button.clicked.connect(self.print_visits)
        self.print_button.setEnabled(False)
        self.separate_pages = QCheckBox("每位责任人单独一页")
        self.separate_pages.setObjectName("separatePages")
        self.separate_pages.setToolTip("不勾选时各责任人的名单接续打印，用虚线隔开，裁开分发，节省纸张")
        self.open_button = QPushButton("打开农户(&O)")
        self.open_button.setObjectName("openWatchedButton")
        self.open_button.clicked.connect(self.open_current)
        self.open_button.setEnabled(False)

        self.table = list_table(self.model, "watchTable")
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        enter_opens(self.table, self.open_current)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_visits)

        filters = QHBoxLayout()
        for label, widget in (("走访类别", self.group), ("村", self.village)):
            caption = QLabel(f"{label}：")
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.separate_pages)
        buttons.addWidget(self.print_button)
        hint = QLabel(
            "监测预警列出八必访农户（收入偏低或下降、大病重病慢性病、分散供养特困、低保户、残疾人家庭、多子女就学、"
            "务工收入不稳、意外事故或灾害）和三保障、饮水有缺口的农户。双击打开这一户的走访记录。"
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_watch(self, watch: WatchList) -> None:
        self.watch = watch
        counts = watch.group_counts()
        villages = list(dict.fromkeys(e.village for e in watch.entries))
        for combo, items in (
            (
                self.group,
                [(ALL, f"全部（{len(watch.entries)}户）")]
                + [(g.value, f"{g.value}（{n}户）") for g, n in counts.items()],
            ),
            (self.village, [(ALL, "全部")] + [(v, v) for v in villages]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for key, label in items:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)
        self.apply_filters()

    def visible_entries(self) -> list[WatchEntry]:
        if self.watch is None:
            return []
        group, village, words = (
            self.group.currentData(),
            self.village.currentData(),
            self.search.text().strip(),
        )
        return [
            e
            for e in self.watch.entries
            if (not group or WatchGroup(group) in e.groups)
            and (not village or e.village == village)
            and (not words or words in f"{e.number} {e.head} {e.helper}")
        ]

    def apply_filters(self) -> None:
        entries = self.visible_entries()
        self.model.set_items(entries)
        total = len(self.watch.entries) if self.watch else 0
        self.count.setText(f"显示 {len(entries)} 户（需走访共 {total} 户）")
        if entries:
            self.table.selectRow(0)
        can_print = self.ui.ctx.actor.can(Permission.PRINT)
        self.print_button.setEnabled(bool(entries) and can_print)
        self.open_button.setEnabled(bool(entries))

    def current_entry(self) -> WatchEntry | None:
        index = self.table.currentIndex()
        return (
            self.model.item(index.row()) if index.isValid() and index.row() < len(self.model.items) else None
        )

    def open_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.open_household(entry.household_id, VISITS)

    def print_visits(self) -> None:
        entries = self.visible_entries()
        if not entries:
            QMessageBox.information(self, "打印走访名单", "当前没有列出需要走访的农户。")
            return
        if not self.ui.ctx.actor.can(Permission.PRINT):
            return
        helpers = len({e.helper_id for e in entries})
        ctx, separate = self.ui.ctx, self.separate_pages.isChecked()

        def factory(out: Path, cancel: threading.Event) -> Job[PrintResult]:
            return visit_list_job(ctx, out, entries, separate_pages=separate, cancel=cancel)

        preview_job(self, self.ui, f"帮扶走访名单（{len(entries)}户，{helpers}份）", factory)
