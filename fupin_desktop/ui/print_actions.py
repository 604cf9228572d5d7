"""The 打印 menu: 明白卡 by village or by 户编号, and 公示名单 — plus `print_cards` for any list of
households (the household tab's 打印明白卡 calls it with the selected or filtered households).

The card and notice services (and reportlab behind them) are imported where they are used: this module
is loaded at start-up to build the menu, and start-up has a budget."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import UserError
from fupin_desktop.services.progress import Job
from fupin_desktop.services.register import VillageRow, get_settings, villages
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.printing import ReportJobFactory, preview_job
from fupin_desktop.ui.tasks import TaskHandle

if TYPE_CHECKING:
    from fupin_desktop.reports.notice import NoticeKind
    from fupin_desktop.services.printing import PrintResult
    from fupin_desktop.ui.features import Workbench

_SEPARATORS = re.compile(r"[\s,，;；、]+")


@dataclass(frozen=True, slots=True)
class CardActions:
    """The 打印 menu's 明白卡 and 公示名单 entries."""

    village_cards: QAction
    numbered_cards: QAction
    notice: QAction


def install(bench: Workbench) -> CardActions:
    menu = bench.menu("print")
    ui, window = bench.ui, bench.widget()
    village_cards = menu.addAction("明白卡（按村）(&V)…", lambda: ask_village_cards(window, ui))
    village_cards.setShortcut(QKeySequence("Ctrl+Shift+P"))
    numbered_cards = menu.addAction("明白卡（指定户编号）(&N)…", lambda: ask_numbered_cards(window, ui))
    menu.addSeparator()
    notice = menu.addAction("公示名单(&G)…", lambda: ask_notice(window, ui))
    return CardActions(village_cards, numbered_cards, notice)


def print_cards(parent: QWidget | None, ui: UiContext, household_ids: list[int]) -> TaskHandle | None:
    """明白卡 of `household_ids` (one PDF, 村/组/户编号 order) with progress and 取消, then the preview."""
    from fupin_desktop.services.printing import card_problems, cards_job, problems_text

    ids = list(household_ids)
    if not ids:
        QMessageBox.information(parent, "打印明白卡", "没有选中农户。请先在列表中选择要打印明白卡的农户。")
        return None
    problems = card_problems(ui.ctx, ids)
    if problems:
        text = (
            f"以下 {len(problems)} 户的数据有误，打印出的明白卡会不正确：\n\n{problems_text(problems)}\n\n"
            "建议先改正（数据核查可列出全部问题）。仍然打印这些户的明白卡吗？"
        )
        answer = QMessageBox.question(parent, "明白卡：数据有误", text)
        if answer != QMessageBox.StandardButton.Yes:
            return None
    flagged = len(problems)
    return preview_job(
        parent,
        ui,
        f"明白卡（{len(ids)}户）",
        lambda out, cancel: cards_job(ui.ctx, ids, out, cancel=cancel, flagged=flagged),
    )


# ------------------------------------------------------------------ 明白卡（按村）


def ask_village_cards(parent: QWidget, ui: UiContext) -> None:
    rows = _villages_or_say_none(parent, ui)
    if not rows:
        return
    dialog = VillageCardsDialog(parent, ui, rows)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        print_cards(parent, ui, dialog.household_ids)
    dialog.deleteLater()


class VillageCardsDialog(QDialog):
    """Choose a village; shows how many households its cards will hold."""

    def __init__(self, parent: QWidget | None, ui: UiContext, rows: list[VillageRow]) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("villageCardsDialog")
        self.setWindowTitle("打印明白卡（按村）")
        self.village = _village_combo(rows, self)
        self.count = QLabel(self)
        self.household_ids: list[int] = []
        form = QFormLayout()
        form.addRow("村(&C)：", self.village)
        form.addRow("", self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("为该村全部在册农户生成明白卡，一户一页，按组和户编号排序。", self))
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "生成并预览(&G)"))
        self.village.currentIndexChanged.connect(self._count)
        self._count()

    def _count(self) -> None:
        from fupin_desktop.services.printing import village_household_ids

        try:
            self.household_ids = village_household_ids(self.ui.ctx, self.village.currentData())
        except UserError as exc:
            self.household_ids = []
            self.count.setText(exc.message)
            return
        self.count.setText(f"共 {len(self.household_ids)} 户在册农户。")

    def accept(self) -> None:
        if not self.household_ids:
            QMessageBox.information(self, "打印明白卡", "该村没有在册农户。")
            return
        super().accept()


# ------------------------------------------------------------------ 明白卡（指定户编号）


def ask_numbered_cards(parent: QWidget, ui: UiContext) -> None:
    dialog = NumberedCardsDialog(parent, ui)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        print_cards(parent, ui, dialog.household_ids)
    dialog.deleteLater()


def split_numbers(text: str) -> list[str]:
    """户编号 typed or pasted from Excel: one per line, or separated by spaces, commas or 、."""
    return [n for n in _SEPARATORS.split(text) if n]


class NumberedCardsDialog(QDialog):
    def __init__(self, parent: QWidget | None, ui: UiContext) -> None:
        super().__init__(parent)
        self.ui = ui
        self.household_ids: list[int] = []
        self.setObjectName("numberedCardsDialog")
        self.setWindowTitle("打印明白卡（指定户编号）")
        self.numbers = QPlainTextEdit(self)
        self.numbers.setPlaceholderText("52242510800100001\n52242510800100002\n…")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("输入户编号，每行一个（也可用空格或逗号分开；可以从 Excel 复制一列粘贴进来）：", self)
        )
        layout.addWidget(self.numbers, 1)
        layout.addWidget(_buttons(self, "生成并预览(&G)"))
        self.resize(480, 360)

    def accept(self) -> None:
        from fupin_desktop.services.printing import household_ids_by_number

        try:
            self.household_ids = household_ids_by_number(
                self.ui.ctx, split_numbers(self.numbers.toPlainText())
            )
        except UserError as exc:
            show_error(self, exc, title="户编号有误")
            return
        super().accept()


# ------------------------------------------------------------------ 公示名单


def ask_notice(parent: QWidget, ui: UiContext) -> None:
    rows = _villages_or_say_none(parent, ui)
    if not rows:
        return
    dialog = NoticeDialog(parent, ui, rows)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        dialog.run(parent)
    dialog.deleteLater()


class NoticeDialog(QDialog):
    """Village, 识别 or 消除, the months to list, and the day the notice goes up."""

    def __init__(self, parent: QWidget | None, ui: UiContext, rows: list[VillageRow]) -> None:
        from fupin_desktop.services.printing import default_period, disclosure_note

        super().__init__(parent)
        self.ui = ui
        self.setObjectName("noticeDialog")
        self.setWindowTitle("打印公示名单")
        today = ui.ctx.today()
        since, until = default_period(today)
        self.village = _village_combo(rows, self)
        self.identify = QRadioButton("识别为监测对象(&I)", self)
        self.eliminate = QRadioButton("风险消除(&E)", self)
        self.identify.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.identify)
        kinds.addButton(self.eliminate)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.identify)
        kind_row.addWidget(self.eliminate)
        kind_row.addStretch(1)
        self.since = _date_edit(since, "yyyy年M月", self)
        self.until = _date_edit(until, "yyyy年M月d日", self)
        self.posted = _date_edit(today, "yyyy年M月d日", self)
        settings = get_settings(ui.ctx)
        days = settings.notice_days
        form = QFormLayout()
        form.addRow("村(&C)：", self.village)
        form.addRow("公示类型：", kind_row)
        form.addRow("列入自(&S)：", self.since)
        form.addRow("截至(&U)：", self.until)
        form.addRow("公示开始日期(&P)：", self.posted)
        form.addRow(
            "", QLabel(f"公示期 {days} 天（天数在设置中修改）。默认列入最近3个月（含本月）的农户。", self)
        )
        disclosure = QLabel(f"公示名单{disclosure_note(settings)}（在设置中修改）", self)
        disclosure.setObjectName("noticeDisclosure")
        disclosure.setWordWrap(True)
        form.addRow("", disclosure)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "生成并预览(&G)"))

    @property
    def kind(self) -> NoticeKind:
        from fupin_desktop.reports.notice import NoticeKind

        return NoticeKind.IDENTIFY if self.identify.isChecked() else NoticeKind.ELIMINATE

    def accept(self) -> None:
        if self.since.date() > self.until.date():
            QMessageBox.warning(self, "公示名单", "“列入自”晚于“截至”，请调整时间范围。")
            return
        super().accept()

    def job_factory(self) -> ReportJobFactory:
        from fupin_desktop.services.printing import notice_job

        ctx, village, kind = self.ui.ctx, self.village.currentData(), self.kind
        since, until, posted = _day(self.since), _day(self.until), _day(self.posted)

        def factory(out: Path, cancel: threading.Event) -> Job[PrintResult]:
            return notice_job(
                ctx, village, kind, out, since=since, until=until, posted_on=posted, cancel=cancel
            )

        return factory

    def title(self) -> str:
        return f"{self.village.currentText()}{self.kind.label}公示名单"

    def run(self, parent: QWidget) -> None:
        preview_job(parent, self.ui, self.title(), self.job_factory())


# ------------------------------------------------------------------ small helpers


def _villages_or_say_none(parent: QWidget, ui: UiContext) -> list[VillageRow]:
    rows = villages(ui.ctx)
    if not rows:
        QMessageBox.information(parent, "打印", "数据库中还没有村。请先导入台账或新增农户。")
    return rows


def _village_combo(rows: list[VillageRow], parent: QWidget) -> QComboBox:
    """Villages by name; "乡镇/村" where a name repeats (a county database)."""
    combo = QComboBox(parent)
    names = [r.name for r in rows]
    for row in rows:
        repeated = names.count(row.name) > 1 and row.township
        key = f"{row.township}/{row.name}" if repeated else row.name
        combo.addItem(key, key)
    return combo


def _date_edit(value: date, display: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setDisplayFormat(display)
    edit.setCalendarPopup(True)
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
