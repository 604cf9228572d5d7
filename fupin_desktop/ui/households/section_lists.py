"""帮扶措施, 走访记录 (lists edited through a dialog) and 帮扶责任人 (read-only: pairing is done in
挂图作战)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.labels import MEASURE_LABELS as ML
from fupin_desktop.domain.labels import VISIT_LABELS as VL
from fupin_desktop.domain.records import MeasureRecord, PairingRecord, VisitRecord
from fupin_desktop.services.households import HouseholdDraft
from fupin_desktop.ui.households.fields import (
    LENGTHS,
    ChoiceField,
    DateField,
    FieldForm,
    NoteField,
    NumberField,
)
from fupin_desktop.ui.households.form_dialog import FormDialog
from fupin_desktop.ui.households.record_table import Column, RecordTableModel, record_view, selected_row
from fupin_desktop.ui.households.section import EditorContext, Section


class RecordDialog(FormDialog):
    """A dialog that edits one record of a list."""

    def result_record(self) -> Any:
        raise NotImplementedError


class ListSection(Section):
    """A table of records with 添加 / 编辑 / 删除 through a dialog."""

    columns: ClassVar[tuple[Column[Any], ...]] = ()
    noun = ""

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.records: list[Any] = []
        self.model = RecordTableModel(self.columns, self)
        self.table = record_view(self.model, self)
        self.table.doubleClicked.connect(self.edit)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(f"添加{self.noun}")
        self.edit_button = QPushButton("编辑")
        self.delete_button = QPushButton("删除")
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit),
            (self.delete_button, self.delete),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(buttons)

    def load(self, draft: HouseholdDraft) -> None:
        self.records = list(self.records_of(draft))
        self.model.set_records(self.records)
        for button in (self.add_button, self.delete_button):
            button.setEnabled(self.context.can_edit)

    def records_of(self, draft: HouseholdDraft) -> tuple[Any, ...]:
        raise NotImplementedError

    def dialog(self, record: Any | None) -> RecordDialog:
        raise NotImplementedError

    def _set(self, records: list[Any]) -> None:
        self.records = records
        self.model.set_records(records)
        self.changed.emit()

    def add(self) -> None:
        dialog = self.dialog(None)
        if dialog.exec():
            self._set([dialog.result_record(), *self.records])
            self.table.selectRow(0)

    def edit(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        dialog = self.dialog(self.records[row])
        if dialog.exec() and self.context.can_edit:
            records = list(self.records)
            records[row] = dialog.result_record()
            self._set(records)
            self.table.selectRow(row)

    def delete(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        answer = QMessageBox.question(self, f"删除{self.noun}", f"删除所选{self.noun}？保存后才会真正删除。")
        if answer == QMessageBox.StandardButton.Yes:
            self._set([r for i, r in enumerate(self.records) if i != row])


class MemberChoice(QComboBox):
    """A saved member of the household, or nobody (受益成员)."""

    changed = Signal()

    def __init__(self, members: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        for member_id, name in members:
            self.addItem(name, member_id)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, member_id: int | None) -> None:
        self.setCurrentIndex(max(self.findData(member_id), 0))


class MeasureDialog(RecordDialog):
    def __init__(
        self, context: EditorContext, measure: MeasureRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("帮扶措施", parent)
        self.setObjectName("measureDialog")
        codes = context.codes.values
        self.original = measure or MeasureRecord(
            id=None, category="", start_date=context.today, year=context.today.year
        )
        form = self.add_form(FieldForm(columns=2, limits=LENGTHS["measure"]))
        self.category = form.add("category", ML["category"], ChoiceField(codes.get("帮扶措施类别", ())))
        self.item = form.add("item", ML["item"], ChoiceField(codes.get("公益岗位", ()), editable=True))
        self.item.setToolTip("公益岗位帮扶请选岗位；其他措施直接填写项目名称，如“产业奖补”“小额信贷”。")
        form.add("amount", ML["amount"], NumberField())
        form.add("year", ML["year"], NumberField(integer=True))
        form.add("start_date", ML["start_date"], DateField())
        form.add("end_date", ML["end_date"], DateField())
        members = [(m.id, m.name) for m in context.current_record().members if m.id is not None]
        form.add("member_id", ML["member_id"], MemberChoice(members))
        form.add("content", ML["content"], NoteField(lines=3), wide=True)
        self.body.addWidget(form)
        self.finish_layout()
        form.load(self.original)
        form.set_read_only(not context.can_edit)
        self.form = form
        self.resize(620, 340)

    def problems(self) -> list[tuple[str | None, str]]:
        found: list[tuple[str | None, str]] = []
        if not self.category.value():
            found.append(("category", "请选择措施类别。"))
        start, end = self.form.value("start_date"), self.form.value("end_date")
        if start and end and end < start:
            found.append(("end_date", "结束日期早于开始日期。"))
        return found

    def result_record(self) -> MeasureRecord:
        return self.form.apply(self.original)


class VisitDialog(RecordDialog):
    def __init__(
        self, context: EditorContext, visit: VisitRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("走访记录（看·问·算·核）", parent)
        self.setObjectName("visitDialog")
        pairing = context.current_record().current_pairing
        self.helper = pairing
        self.original = visit or VisitRecord(
            id=None,
            visited_on=context.today,
            visitor=pairing.helper_name if pairing else "",
            helper_id=pairing.helper_id if pairing else None,
        )
        form = self.add_form(FieldForm(columns=2, limits=LENGTHS["visit"]))
        form.add("visited_on", VL["visited_on"], DateField())
        names = [pairing.helper_name] if pairing else []
        self.visitor = form.add("visitor", VL["visitor"], ChoiceField(names, editable=True))
        for name, hint in (
            ("seen", "看：住房、家具家电、生产资料、饮水……"),
            ("asked", "问：家庭成员、务工、就医、上学、享受政策……"),
            ("calculated", "算：收入和支出，人均纯收入"),
            ("checked", "核：与台账、系统数据核对"),
            ("problems", "发现的问题"),
            ("follow_up", "下一步帮扶措施"),
        ):
            field = form.add(name, VL[name], NoteField(lines=2), wide=True)
            field.setPlaceholderText(hint)
        self.body.addWidget(form)
        self.finish_layout()
        form.load(self.original)
        form.set_read_only(not context.can_edit)
        self.form = form
        self.resize(680, 560)

    def problems(self) -> list[tuple[str | None, str]]:
        found: list[tuple[str | None, str]] = []
        if not self.form.value("visited_on"):
            found.append(("visited_on", "请填写走访日期。"))
        if not self.visitor.value():
            found.append(("visitor", "请填写走访人。"))
        return found

    def result_record(self) -> VisitRecord:
        visit = self.form.apply(self.original)
        # Linked to a helper when the current helper made the visit (or the visitor is unchanged).
        if self.helper and visit.visitor == self.helper.helper_name:
            helper_id = self.helper.helper_id
        elif visit.visitor == self.original.visitor:
            helper_id = self.original.helper_id
        else:
            helper_id = None
        return replace(visit, helper_id=helper_id, visitor=visit.visitor or "")


class MeasuresSection(ListSection):
    title = "帮扶措施"
    noun = "措施"
    columns = (
        Column("类别", lambda m: m.category, 110),
        Column("项目", lambda m: m.item, 120),
        Column("金额(元)", lambda m: m.amount, 80),
        Column("开始", lambda m: m.start_date, 96),
        Column("结束", lambda m: m.end_date, 96),
        Column("内容", lambda m: m.content, 300),
    )

    def records_of(self, draft: HouseholdDraft) -> tuple[MeasureRecord, ...]:
        return draft.record.measures

    def apply(self, draft: HouseholdDraft) -> HouseholdDraft:
        return replace(draft, record=replace(draft.record, measures=tuple(self.records)))

    def dialog(self, record: MeasureRecord | None) -> RecordDialog:
        return MeasureDialog(self.context, record, self)


class VisitsSection(ListSection):
    title = "走访记录"
    noun = "走访记录"
    columns = (
        Column("走访日期", lambda v: v.visited_on, 96),
        Column("走访人", lambda v: v.visitor, 80),
        Column("发现问题", lambda v: v.problems, 220),
        Column("看", lambda v: v.seen, 160),
        Column("算", lambda v: v.calculated, 160),
        Column("后续措施", lambda v: v.follow_up, 200),
    )

    def records_of(self, draft: HouseholdDraft) -> tuple[VisitRecord, ...]:
        return draft.record.visits

    def apply(self, draft: HouseholdDraft) -> HouseholdDraft:
        return replace(draft, record=replace(draft.record, visits=tuple(self.records)))

    def dialog(self, record: VisitRecord | None) -> RecordDialog:
        return VisitDialog(self.context, record, self)


def _period(p: PairingRecord) -> str:
    return (
        f"{p.start_date:%Y-%m-%d} 至 {p.end_date:%Y-%m-%d}" if p.end_date else f"{p.start_date:%Y-%m-%d} 起"
    )


class HelpersSection(Section):
    """帮扶责任人: the current helper and the history of pairings (read-only here)."""

    title = "帮扶责任人"

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.current = QLabel()
        self.current.setObjectName("currentHelper")
        self.current.setWordWrap(True)
        box = QGroupBox("现任帮扶责任人")
        QVBoxLayout(box).addWidget(self.current)
        self.model = RecordTableModel(
            [
                Column("姓名", lambda p: p.helper_name, 80),
                Column("单位", lambda p: p.helper_unit, 200),
                Column("职务", lambda p: p.helper_title, 120),
                Column("联系电话", lambda p: p.helper_phone, 110),
                Column("结对时间", _period, 200),
                Column("调整原因", lambda p: p.end_reason, 160),
            ],
            self,
        )
        table = record_view(self.model, self)
        table.setObjectName("pairingHistory")
        note = QLabel("结对和调整帮扶责任人请在“挂图作战”中办理，历史记录会保留在这里。")
        note.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(QLabel("结对历史"))
        layout.addWidget(table, 1)
        layout.addWidget(note)

    def load(self, draft: HouseholdDraft) -> None:
        pairings = list(draft.record.pairings)
        current = draft.record.current_pairing
        if current:
            self.current.setText(
                f"<b>{current.helper_name}</b>&nbsp;&nbsp;&nbsp;{current.helper_unit or ''}&nbsp;&nbsp;"
                f"{current.helper_title or ''}<br>联系电话：{current.helper_phone or '未填'}"
                f"&nbsp;&nbsp;&nbsp;结对时间：{_period(current)}"
            )
        else:
            self.current.setText("<span style='color:#c62828'>未结对：这一户还没有帮扶责任人。</span>")
        self.model.set_records(
            pairings, tints={i: QColor("#e8f5e9") for i, p in enumerate(pairings) if p.current}
        )
