"""待采集: the households whose imported files lacked facts 数据核查 needs (so it did not judge them),
by village, with what to collect; the pre-filled 入户核查表 of what is shown, and the list as a workbook."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.checks.model import BASIC
from fupin_desktop.services.checks import CollectList, CollectRow, SheetsResult, collect_sheets_job
from fupin_desktop.services.context import Permission
from fupin_desktop.services.progress import Job
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.checks.findings_view import enter_opens
from fupin_desktop.ui.checks.models import Column, ListModel, list_table
from fupin_desktop.ui.filter_combos import filter_combo, refill
from fupin_desktop.ui.printing import preview_job

COLLECT_COLUMNS: tuple[Column[CollectRow], ...] = (
    Column("村组", lambda r: f"{r.village}{r.group}", width=110),
    Column("户编号", lambda r: r.number, width=150),
    Column("户主", lambda r: r.head, width=70),
    Column("项数", lambda r: str(r.count), lambda r: r.count, width=50),
    Column("待采集的信息", lambda r: r.facts, width=700),
)
HINT = (
    "导入的全国系统表格中没有这些项，系统不知道它们的值：数据核查不把它们当作“未填写”报错，而是列在这里。"
    "打印入户核查表带到户里，按看、问、算、核逐项核实后在“户籍管理”中录入。双击打开这一户。"
)

Opener = Callable[[int, str], None]


class CollectView(QWidget):
    def __init__(self, ui: UiContext, open_household: Opener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.open_household = open_household
        self.found: CollectList | None = None
        self.model: ListModel[CollectRow] = ListModel(COLLECT_COLUMNS, None, self)

        self.village = filter_combo("collectVillageFilter", "全部")
        self.fact = filter_combo("collectFactFilter", "全部", width=14)
        for combo in (self.village, self.fact):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search = QLineEdit()
        self.search.setObjectName("collectSearch")
        self.search.setPlaceholderText("户编号或户主")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filters)
        self.count = QLabel()
        self.count.setObjectName("collectCount")
        self.print_button = QPushButton("打印入户核查表(&R)…")
        self.print_button.setObjectName("printCollectButton")
        self.print_button.setToolTip("当前列出的每户一页：已登记的信息和待采集项的填写框")
        self.print_button.clicked.connect(self.print_sheets)
        self.open_button = QPushButton("打开农户(&O)")
        self.open_button.setObjectName("openCollectButton")
        self.open_button.clicked.connect(self.open_current)

        self.table = list_table(self.model, "collectTable")
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        enter_opens(self.table, self.open_current)

        filters = QHBoxLayout()
        for label, widget in (("村", self.village), ("待采集项", self.fact)):
            caption = QLabel(f"{label}：")
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        hint = QLabel(HINT)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.apply_filters()

    def set_list(self, found: CollectList) -> None:
        self.found = found
        refill(self.village, [(f"{v}（{n}户）", v) for v, n in found.by_village])
        refill(self.fact, [(f"{f}（{n}户）", f) for f, n in found.by_fact])
        self.village.setItemText(0, f"全部（{len(found.rows)}户）")
        self.apply_filters()

    def visible_rows(self) -> list[CollectRow]:
        if self.found is None:
            return []
        village, fact, words = self.village.currentData(), self.fact.currentData(), self.search.text().strip()
        return [
            r
            for r in self.found.rows
            if (not village or r.village == village)
            and (not fact or fact in r.labels)
            and (not words or words in f"{r.number} {r.head}")
        ]

    def apply_filters(self) -> None:
        rows = self.visible_rows()
        self.model.set_items(rows)
        total = len(self.found.rows) if self.found else 0
        self.count.setText(f"显示 {len(rows)} 户（待采集共 {total} 户）")
        if rows:
            self.table.selectRow(0)
        self.print_button.setEnabled(bool(rows) and self.ui.ctx.actor.can(Permission.PRINT))
        self.open_button.setEnabled(bool(rows))

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and index.row() < len(self.model.items):
            self.open_household(self.model.item(index.row()).household_id, BASIC)

    def print_sheets(self) -> None:
        rows = self.visible_rows()
        if not rows:
            QMessageBox.information(self, "打印入户核查表", "当前没有列出待采集的农户。")
            return
        ctx, ids = self.ui.ctx, [r.household_id for r in rows]

        def factory(out: Path, cancel: threading.Event) -> Job[SheetsResult]:
            return collect_sheets_job(ctx, out, household_ids=ids, cancel=cancel)

        preview_job(self, self.ui, f"入户核查表（{len(rows)}户，{ctx.today():%Y-%m-%d}）", factory)
