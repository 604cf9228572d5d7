"""Dialogs that change a member's place in the household: 自然减少 (reason and date) and moving to
another household (合户 into an existing one, or 分户 into a new one)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.codes import HEAD, MEMBER_REMOVED, CodeLists
from fupin_desktop.domain.records import MemberRecord
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.households import HouseholdQuery, MoveRequest, check_move, rows, search
from fupin_desktop.ui.households.fields import LENGTHS, ChoiceField, DateField, FieldForm, TextField
from fupin_desktop.ui.households.form_dialog import FormDialog

MOVE_RESULTS = 30  # households listed for a search in the move dialog


class RemoveMemberDialog(FormDialog):
    """自然减少: the member stays in the household's history with a reason and a date."""

    def __init__(
        self, member: MemberRecord, codes: CodeLists, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"{member.name}：自然减少", parent)
        self.member = member
        note = QLabel(f"“{member.name}”将不再计入家庭人口，但仍保留在本户的成员记录中。")
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.form = self.add_form(FieldForm(columns=1, limits=LENGTHS["member"]))
        self.reason = self.form.add(
            "removed_reason", "减少原因", ChoiceField(codes.values.get("自然减少原因", ()), editable=True)
        )
        self.when = self.form.add("removed_on", "减少日期", DateField())
        self.when.set_value(today)
        self.body.addWidget(self.form)
        self.finish_layout()

    def problems(self) -> list[tuple[str | None, str]]:
        found: list[tuple[str | None, str]] = []
        if not self.reason.value():
            found.append(("removed_reason", "请选择或填写减少原因。"))
        if not self.when.value():
            found.append(("removed_on", "请填写减少日期。"))
        return found

    def removed(self) -> MemberRecord:
        return replace(
            self.member,
            status=MEMBER_REMOVED,
            removed_reason=self.reason.value(),
            removed_on=self.when.value(),
        )


class MoveMemberDialog(FormDialog):
    """迁到其他户: pick an existing household (合户) or split off a new one (分户)."""

    def __init__(
        self,
        ctx: ServiceContext,
        source_id: int | None,
        member: MemberRecord,
        codes: CodeLists,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"把“{member.name}”迁到其他户", parent)
        self.setObjectName("moveMemberDialog")
        self.ctx, self.source_id, self.member = ctx, source_id, member
        self.merge = QRadioButton("迁入已有的户（合户）")
        self.split = QRadioButton("分出去新立一户（分户，本人为新户户主，先用临时户编号）")
        self.kind = QButtonGroup(self)
        for button in (self.merge, self.split):
            self.kind.addButton(button)
            self.body.addWidget(button)
        self.merge.setChecked(True)

        self.target_box = QWidget()
        target_layout = QVBoxLayout(self.target_box)
        target_layout.setContentsMargins(20, 0, 0, 0)
        self.search = TextField()
        self.search.setObjectName("moveSearch")
        self.search.setPlaceholderText("输入户编号、户主或成员姓名、证件号码后4位查找要迁入的户")
        self.results = QListWidget()
        self.results.setObjectName("moveTargets")
        self.results.setMinimumHeight(150)
        self.target_members = QLabel()
        self.target_members.setWordWrap(True)
        for widget in (self.search, self.results, self.target_members):
            target_layout.addWidget(widget)
        self.body.addWidget(self.target_box)

        self.form = self.add_form(FieldForm(columns=1, limits=LENGTHS["member_move"]))
        self.relation = self.form.add(
            "relation", "与新户主关系", ChoiceField(codes.values.get("与户主关系", ()))
        )
        self.when = self.form.add("moved_on", "迁移日期", DateField())
        self.when.set_value(ctx.today())
        self.reason = self.form.add("reason", "迁移原因", TextField())
        self.reason.setPlaceholderText("如：婚嫁、投靠子女、分家立户")
        self.body.addWidget(self.form)
        self.finish_layout()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self._find)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._find)
        self.results.currentItemChanged.connect(self._show_target)
        self.split.toggled.connect(self._kind_changed)
        self.resize(620, 560)

    def _kind_changed(self) -> None:
        splitting = self.split.isChecked()
        self.target_box.setEnabled(not splitting)
        if splitting:
            self.relation.set_value(HEAD)
        self.relation.setEnabled(not splitting)

    def _find(self) -> None:
        self._debounce.stop()
        self.results.clear()
        text = self.search.text().strip()
        if not text:
            return
        ids = [i for i in search(self.ctx, HouseholdQuery(text=text)).ids if i != self.source_id]
        found = rows(self.ctx, ids[:MOVE_RESULTS])
        for hid in ids[:MOVE_RESULTS]:
            row = found[hid]
            item = QListWidgetItem(
                f"{row.number}　户主 {row.head or '（无）'}　{row.village_group}　{row.people} 人"
            )
            item.setData(Qt.ItemDataRole.UserRole, hid)
            self.results.addItem(item)
        if len(ids) > MOVE_RESULTS:
            self.results.addItem(f"……共 {len(ids)} 户，请输入更多字缩小范围")

    def _show_target(self) -> None:
        hid = self.target_id()
        if hid is None:
            self.target_members.setText("")
            return
        row = rows(self.ctx, [hid])[hid]
        self.target_members.setText(
            f"迁入 {row.number}（户主 {row.head or '无'}，{row.people} 人）。请选择与该户户主的关系。"
        )

    def target_id(self) -> int | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def move(self) -> MoveRequest:
        return MoveRequest(
            member=self.member,
            relation=self.relation.value() or "",
            moved_on=self.when.value() or self.ctx.today(),
            reason=self.reason.value(),
            to_household_id=None if self.split.isChecked() else self.target_id(),
        )

    def problems(self) -> list[tuple[str | None, str]]:
        if self.merge.isChecked() and self.target_id() is None:
            return [(None, "请先查找并选中要迁入的户。")]
        if not self.relation.value():
            return [("relation", "请选择与新户主的关系。")]
        if not self.when.value():
            return [("moved_on", "请填写迁移日期。")]
        return [(None, p.message) for p in check_move(self.ctx, self.source_id, self.move())]
