"""家庭成员: the members table and what a clerk does with members — add, edit, 自然减少, set as 户主,
move to another household. Changes stay in the editor until the household is saved."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.codes import HEAD, MEMBER_ACTIVE
from fupin_desktop.domain.records import MemberRecord
from fupin_desktop.domain.relations import restate_relations
from fupin_desktop.domain.validation import Problem
from fupin_desktop.services.households import HouseholdDraft, MoveRequest, id_registered_elsewhere, rows
from fupin_desktop.ui.households.member_changes import MoveMemberDialog, RemoveMemberDialog
from fupin_desktop.ui.households.member_dialog import MemberDialog
from fupin_desktop.ui.households.record_table import Column, RecordTableModel, record_view, selected_row
from fupin_desktop.ui.households.section import EditorContext, Section

RESTATED = QColor("#fff3c4")  # relation re-stated after a new 户主: the clerk should check it
PROBLEM = QColor("#ffd6d6")


def _study(m: MemberRecord) -> str | None:
    return f"在校：{m.school_status}" if m.school_status else m.education


def _status(m: MemberRecord) -> str:
    if m.active:
        return MEMBER_ACTIVE
    return f"自然减少（{m.removed_reason or '原因未填'}）"


def _birth_year(m: MemberRecord) -> str:
    return f"{m.birth_date:%Y}" if m.birth_date else ""


def member_columns(full_ids: bool) -> list[Column[MemberRecord]]:
    """The members table. Beside a masked ID number (first 6 + ******** + last 4) the birth date would
    give back the 8 hidden digits (issue 20 §1): a user who sees numbers masked sees the birth year."""
    born = Column("出生日期", lambda m: m.birth_date, 90) if full_ids else Column("出生年份", _birth_year, 70)
    return [
        Column("姓名", lambda m: m.name, 70),
        Column("与户主关系", lambda m: m.relation, 80),
        Column("性别", lambda m: m.sex, 40),
        born,
        Column("证件号码", lambda m: m.id_number, 150),
        Column("健康状况", lambda m: m.health, 80),
        Column("劳动技能", lambda m: m.labour_skill, 100),
        Column("文化程度/在校", _study, 110),
        Column("务工状况", lambda m: m.work_status, 100),
        Column("联系电话", lambda m: m.phone, 100),
        Column("状态", _status, 70),
    ]


class MembersSection(Section):
    title = "家庭成员"

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.members: list[MemberRecord] = []
        self.moves: list[MoveRequest] = []
        self.restated: set[int] = set()
        self.problem_rows: set[int] = set()
        self.household_id: int | None = None

        self.model = RecordTableModel(member_columns(context.full_ids), self)
        self.table = record_view(self.model, self)
        self.table.setObjectName("memberTable")
        self.table.doubleClicked.connect(self.edit_member)
        self.summary = QLabel()
        self.summary.setObjectName("memberSummary")
        self.pending = QLabel()
        self.pending.setObjectName("pendingMoves")
        self.pending.setWordWrap(True)
        self.pending.setStyleSheet("color: #8a5a00;")

        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, "添加成员", self.add_member, "addMember")
        self.edit_button = self._button(buttons, "编辑", self.edit_member, "editMember")
        self.remove_button = self._button(buttons, "自然减少…", self.remove_member, "removeMember")
        self.restore_button = self._button(buttons, "恢复在册", self.restore_member, "restoreMember")
        self.restore_button.setToolTip("撤销所选成员的自然减少（例如点错了，或外出的人回来了）")
        self.head_button = self._button(buttons, "设为户主", self.make_head, "makeHead")
        self.move_button = self._button(buttons, "迁到其他户…", self.move_member, "moveMember")
        self.undo_button = self._button(buttons, "撤销迁出", self.undo_moves, "undoMoves")
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.pending)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def _button(self, layout: QHBoxLayout, text: str, slot: object, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # ------------------------------------------------------------ state

    def load(self, draft: HouseholdDraft) -> None:
        self.household_id = draft.record.id
        self.members = list(draft.record.members)
        self.moves = list(draft.moves)
        self.restated, self.problem_rows = set(), set()
        self._show()

    def apply(self, draft: HouseholdDraft) -> HouseholdDraft:
        record = replace(draft.record, members=tuple(self.members))
        return replace(draft, record=record, moves=tuple(self.moves))

    def _changed(self) -> None:
        self.problem_rows = set()
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        tints = dict.fromkeys(self.restated, RESTATED) | dict.fromkeys(self.problem_rows, PROBLEM)
        greyed = {i for i, m in enumerate(self.members) if not m.active}
        self.model.set_records(self.members, tints=tints, greyed=greyed)
        active = sum(1 for m in self.members if m.active)
        removed = len(self.members) - active
        self.summary.setText(f"在册 {active} 人" + (f"，自然减少 {removed} 人（灰色）" if removed else ""))
        self.pending.setText(
            "保存时迁出："
            + "；".join(
                f"{m.member.name} → " + ("分户新立一户" if m.splits else f"户 {self._target_name(m)}")
                for m in self.moves
            )
            if self.moves
            else ""
        )
        self._update_buttons()

    def _target_name(self, move: MoveRequest) -> str:
        found = rows(self.context.ui.ctx, [move.to_household_id]) if move.to_household_id else {}
        row = found.get(move.to_household_id) if move.to_household_id else None
        return f"{row.number}（户主 {row.head}）" if row else "?"

    def _update_buttons(self) -> None:
        row = selected_row(self.table)
        member = self.members[row] if row is not None else None
        editable = self.context.can_edit
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(member is not None)
        active = member is not None and member.active and editable
        self.remove_button.setEnabled(active)
        left = member is not None and not member.active
        self.restore_button.setVisible(left)
        self.restore_button.setEnabled(left and editable)
        self.head_button.setEnabled(active and member is not None and member.relation != HEAD)
        self.move_button.setEnabled(active and member is not None and member.id is not None)
        self.undo_button.setVisible(bool(self.moves))
        self.undo_button.setEnabled(editable)

    def select(self, index: int) -> None:
        self.table.selectRow(index)

    # ------------------------------------------------------------ actions

    def _dialog(self, index: int | None) -> MemberDialog:
        c = self.context
        record = replace(c.current_record(), members=tuple(self.members))
        return MemberDialog(
            record,
            index,
            c.codes,
            c.today,
            full_ids=c.full_ids,
            read_only=not c.can_edit,
            registered_elsewhere=lambda number: id_registered_elsewhere(c.ui.ctx, number, record.id),
            parent=self,
        )

    def add_member(self) -> None:
        dialog = self._dialog(None)
        if dialog.exec():
            self.members.append(dialog.member())
            self._changed()
            self.select(len(self.members) - 1)

    def edit_member(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        dialog = self._dialog(row)
        if dialog.exec() and self.context.can_edit:
            self.members[row] = dialog.member()
            self.restated.discard(row)
            self._changed()
            self.select(row)

    def remove_member(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        dialog = RemoveMemberDialog(self.members[row], self.context.codes, self.context.today, self)
        if not dialog.exec():
            return
        self.members[row] = dialog.removed()
        self._changed()
        if self.members[row].relation == HEAD:
            QMessageBox.information(
                self,
                "请指定新户主",
                f"“{self.members[row].name}”是户主。请选中另一位成员，点“设为户主”。",
            )

    def restore_member(self) -> None:
        row = selected_row(self.table)
        if row is None or self.members[row].active:
            return
        member = self.members[row]
        answer = QMessageBox.question(
            self,
            "恢复在册",
            f"把“{member.name}”恢复为在册成员？\n自然减少的原因（{member.removed_reason or '未填'}）和日期将清空；"
            "保存后生效，操作日志会记下这次恢复。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.members[row] = replace(member, status=MEMBER_ACTIVE, removed_reason=None, removed_on=None)
        self._changed()
        self.select(row)

    def make_head(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        before = self.members
        self.members = list(restate_relations(tuple(before), row))
        changed = {
            i
            for i, (a, b) in enumerate(zip(before, self.members, strict=True))
            if a.relation != b.relation and i != row
        }
        self.restated = changed  # highlighted until each one is edited
        self._changed()
        unknown = [self.members[i].name for i in changed if not self.members[i].relation]
        lines = [f"已把“{self.members[row].name}”设为户主。"]
        if changed:
            lines.append("以下成员的与户主关系已按新户主重新填写（标黄），请逐一核对：")
            lines += [
                f"　{self.members[i].name}：{before[i].relation or '未填'} → {self.members[i].relation or '需要重新选择'}"
                for i in sorted(changed)
            ]
        if unknown:
            lines.append("无法推定的关系需要您手动选择，否则不能保存：" + "、".join(unknown))
        QMessageBox.information(self, "户主已变更", "\n".join(lines))

    def move_member(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        member = self.members[row]
        dialog = MoveMemberDialog(self.context.ui.ctx, self.household_id, member, self.context.codes, self)
        if not dialog.exec():
            return
        self.moves.append(dialog.move())
        del self.members[row]
        self.restated = {i - (i > row) for i in self.restated if i != row}
        self._changed()

    def undo_moves(self) -> None:
        self.members += [move.member for move in self.moves]
        self.moves = []
        self._changed()

    # ------------------------------------------------------------ problems

    def show_problems(self, problems: list[Problem]) -> None:
        self.problem_rows = {p.member for p in problems if p.member is not None and p.blocks}
        self._show()
