"""新建 / 编辑整改任务: the problem on the left (source, category, what was found, where, which
households), who answers for it and by when on the right. The deadline is set once here; later changes
go through 持续整改 so they stay in the history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.tasks import scope_text
from fupin_desktop.errors import EditConflict, UserError
from fupin_desktop.services.households import HouseholdName, household_names
from fupin_desktop.services.rectification import (
    HouseholdRef,
    TaskDetail,
    TaskDraft,
    create_task,
    find_households,
    households_by_id,
    task_detail,
    task_lengths,
    update_task,
    used_values,
)
from fupin_desktop.services.register import code_lists, villages
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import save_cancel_buttons, show_error
from fupin_desktop.ui.edit_conflict import ask_reload
from fupin_desktop.ui.print_actions import split_numbers

DEFAULT_DAYS = 30  # a new task's deadline unless changed


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def date_edit(value: date, name: str) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setObjectName(name)
    edit.setDisplayFormat("yyyy年M月d日")
    edit.setCalendarPopup(True)
    return edit


def text_box(name: str, lines: int, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def choice_box(name: str, values: tuple[str, ...] | list[str], current: str = "") -> QComboBox:
    """An editable drop-down: pick a value used before or type a new one."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(values))
    combo.setCurrentText(current)
    return combo


class TaskDialog(QDialog):
    """Create a task (`detail` None), or edit one. `task_id` is set after a successful save."""

    def __init__(
        self,
        parent: QWidget | None,
        ui: UiContext,
        detail: TaskDetail | None = None,
        households: list[HouseholdRef] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.detail = detail
        self.task_id: int | None = detail.id if detail else None
        self.households: list[HouseholdRef] = list(detail.households if detail else households or [])
        self.setObjectName("taskDialog")
        self.setWindowTitle(f"编辑整改任务（第 {detail.row.seq} 项）" if detail else "新建整改任务")
        today = ui.ctx.today()
        draft = detail.draft if detail else None
        codes = code_lists(ui.ctx)
        used = used_values(ui.ctx)

        self.source = choice_box("source", codes.values.get("问题来源", ()), draft.source if draft else "")
        self.category = choice_box(
            "category", codes.values.get("问题类别", ()), draft.category if draft else ""
        )
        self.description = text_box(
            "description", 3, "发现了什么问题，如“××村××户住房经鉴定为C级危房，尚未纳入改造计划”"
        )
        self.found_on = date_edit(draft.found_on if draft and draft.found_on else today, "foundOn")
        self.number = QLineEdit()
        self.number.setObjectName("householdNumber")
        self.number.setPlaceholderText("输入户编号或户主姓名，从列表中选，或按回车添加（可粘贴多个户编号）")
        self.number.returnPressed.connect(self.add_households)
        self.number.textEdited.connect(self._complete)  # the register is read when the clerk types
        add_button = QPushButton("添加(&A)")
        add_button.clicked.connect(self.add_households)
        self.household_list = QListWidget()
        self.household_list.setObjectName("householdList")
        self.household_list.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        remove_button = QPushButton("移除所选(&R)")
        remove_button.clicked.connect(self.remove_household)
        self.village = QComboBox()
        self.village.setObjectName("village")
        self.village.addItem("（按涉及农户，或不限）", None)
        for v in villages(ui.ctx):
            self.village.addItem(v.name, v.id)
        if draft and draft.village_id is not None:
            self.village.setCurrentIndex(max(self.village.findData(draft.village_id), 0))
        self.scope = QLineEdit(_written_scope(detail) if detail else "")
        self.scope.setObjectName("scope")
        self.scope.setPlaceholderText("留空则按村和涉及农户自动填写")

        self.measures = text_box("measures", 3)
        self.target = text_box("target", 2)
        self.leader = choice_box("leader", used.leaders, draft.leader if draft else "")
        self.lead_unit = choice_box("leadUnit", used.lead_units, draft.lead_unit if draft else "")
        self.unit = choice_box("unit", used.units, draft.unit if draft else "")
        self.person = choice_box("person", used.persons, draft.person if draft else "")
        self.deadline = date_edit(
            draft.deadline if draft else today + timedelta(days=DEFAULT_DAYS), "deadline"
        )
        self.progress = text_box("progress", 2, "目前做到哪一步")
        self.supervised = QCheckBox("上级督办")
        self.supervised.setObjectName("supervised")
        self._limit_lengths()
        if detail:
            self._fill(detail)
            self.deadline.setEnabled(False)
            self.deadline.setToolTip("整改时限要改时，请用“持续整改”并写明原因：每次变更都留有记录。")

        problem = QGroupBox("问题")
        form = QFormLayout()
        form.addRow("问题来源(&S)：", self.source)
        form.addRow("问题类别(&C)：", self.category)
        form.addRow("问题表现(&D)：", self.description)
        form.addRow("发现时间：", self.found_on)
        numbers = QHBoxLayout()
        numbers.addWidget(self.number, 1)
        numbers.addWidget(add_button)
        form.addRow("涉及农户(&H)：", numbers)
        listed = QHBoxLayout()
        listed.addWidget(self.household_list, 1)
        listed.addWidget(remove_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("", listed)
        form.addRow("所在村：", self.village)
        form.addRow("涉及村/户：", self.scope)

        duty = QGroupBox("整改与责任")
        right = QFormLayout()
        right.addRow("整改措施(&M)：", self.measures)
        right.addRow("整改目标(&T)：", self.target)
        right.addRow("责任领导：", self.leader)
        right.addRow("牵头单位：", self.lead_unit)
        right.addRow("责任单位(&U)：", self.unit)
        right.addRow("责任人(&P)：", self.person)
        right.addRow("整改时限(&L)：", self.deadline)
        if draft:
            hint = QLabel("时限变更请用“持续整改”。")
            hint.setProperty("role", "hint")
            right.addRow("", hint)
            right.addRow("整改进展：", self.progress)
        right.addRow("", self.supervised)

        for box, inner in ((problem, form), (duty, right)):
            column = QVBoxLayout(box)
            column.addLayout(inner)
            column.addStretch(1)  # rows stay together at the top
        columns = QHBoxLayout()
        columns.addWidget(problem, 1)
        columns.addWidget(duty, 1)
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)
        self._show_households()
        self.resize(980, self.sizeHint().height())

    def _fill(self, detail: TaskDetail) -> None:
        """Show the task as stored (when the dialog opens, and on 重新载入 after a refused save)."""
        draft = detail.draft
        self.detail = detail
        for combo, value in (
            (self.source, draft.source),
            (self.category, draft.category),
            (self.leader, draft.leader),
            (self.lead_unit, draft.lead_unit),
            (self.unit, draft.unit),
            (self.person, draft.person),
        ):
            combo.setCurrentText(value)
        self.description.setPlainText(draft.description)
        if draft.found_on:
            self.found_on.setDate(qdate(draft.found_on))
        self.village.setCurrentIndex(max(self.village.findData(draft.village_id), 0))
        self.scope.setText(_written_scope(detail))
        self.measures.setPlainText(draft.measures)
        self.target.setPlainText(draft.target)
        self.deadline.setDate(qdate(draft.deadline))
        self.progress.setPlainText(draft.progress)
        self.supervised.setChecked(draft.supervised)
        self.households = list(detail.households)
        self._show_households()

    def _limit_lengths(self) -> None:
        """No field takes more than its column holds."""
        limits = task_lengths()
        self.scope.setMaxLength(limits["scope"])
        for combo, name in (
            (self.source, "source"),
            (self.category, "category"),
            (self.leader, "leader"),
            (self.lead_unit, "lead_unit"),
            (self.unit, "unit"),
            (self.person, "person"),
        ):
            line = combo.lineEdit()
            assert line is not None
            line.setMaxLength(limits[name])

    # ------------------------------------------------------------ households

    def add_households(self) -> None:
        numbers = split_numbers(self.number.text())
        if not numbers:
            return
        try:
            found = find_households(self.ui.ctx, numbers)
        except UserError as exc:
            show_error(self, exc, title="户编号有误")
            return
        known = {h.id for h in self.households}
        self.households += [h for h in found if h.id not in known]
        self.number.clear()
        self._show_households()

    def _complete(self, text: str) -> None:
        """On the first keystroke, give the field its completion list (20,000 households take a
        moment to read: not every dialog opened needs them) and complete what is typed so far."""
        if self.number.completer() is not None:
            return
        completer = household_completer(self.number, household_names(self.ui.ctx))
        completer.activated[str].connect(self.add_chosen)
        self.number.setCompleter(completer)
        completer.setCompletionPrefix(text)
        completer.complete()

    def add_chosen(self, text: str) -> None:
        """A household chosen from the completion list: its 户编号 is added."""
        self.number.setText(text.split("　", 1)[0])
        self.add_households()

    def remove_household(self) -> None:
        rows = sorted((self.household_list.row(i) for i in self.household_list.selectedItems()), reverse=True)
        for row in rows:
            del self.households[row]
        self._show_households()

    def _show_households(self) -> None:
        self.household_list.clear()
        for h in self.households:
            item = QListWidgetItem(f"{h.village} {h.label}")
            self.household_list.addItem(item)

    # ------------------------------------------------------------ saving

    def draft(self) -> TaskDraft:
        return TaskDraft(
            source=self.source.currentText(),
            category=self.category.currentText(),
            description=self.description.toPlainText(),
            deadline=pydate(self.deadline),
            scope=self.scope.text(),
            village_id=self.village.currentData(),
            household_ids=tuple(h.id for h in self.households),
            measures=self.measures.toPlainText(),
            target=self.target.toPlainText(),
            leader=self.leader.currentText(),
            lead_unit=self.lead_unit.currentText(),
            unit=self.unit.currentText(),
            person=self.person.currentText(),
            progress=self.progress.toPlainText() if self.detail else "",
            supervised=self.supervised.isChecked(),
            found_on=pydate(self.found_on),
        )

    def accept(self) -> None:
        draft = self.draft()
        try:
            if self.detail is None:
                self.task_id = create_task(self.ui.ctx, draft)
            else:
                update_task(self.ui.ctx, self.detail.id, draft, version=self.detail.version)
        except EditConflict as exc:
            if self.detail is not None and ask_reload(self, exc):
                self.reload()
            return
        except UserError as exc:
            show_error(self, exc, title="整改任务未保存")
            return
        super().accept()

    def reload(self) -> None:
        """The task as stored now, replacing what the clerk typed (they chose to)."""
        assert self.detail is not None
        try:
            self._fill(task_detail(self.ui.ctx, self.detail.id))
        except UserError as exc:
            show_error(self, exc, title="重新载入未完成")


def ask_new_task(parent: QWidget, ui: UiContext, household_ids: Sequence[int] = ()) -> int | None:
    """新建整改任务 (for the given households, when any): the new task's id once saved, else None."""
    dialog = TaskDialog(parent, ui, households=households_by_id(ui.ctx, list(household_ids)))
    try:
        if dialog.exec() != TaskDialog.DialogCode.Accepted:
            return None
        return dialog.task_id
    finally:
        dialog.deleteLater()


def household_completer(parent: QWidget, names: list[HouseholdName]) -> QCompleter:
    """Completes a 户编号 or a 户主's name (any part of either) from the register."""
    completer = QCompleter([n.text for n in names], parent)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setMaxVisibleItems(12)
    return completer


def _written_scope(detail: TaskDetail) -> str:
    """涉及村/户 as the user wrote it; empty when it is the text the program wrote out itself (so it is
    written out again when the households change)."""
    heads = [h.head or h.number for h in detail.households]
    return "" if detail.draft.scope == scope_text(detail.row.village, heads) else detail.draft.scope
