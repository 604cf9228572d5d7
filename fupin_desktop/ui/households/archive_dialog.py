"""归档 (自然减少) of whole households: a reason and a date."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from fupin_desktop.ui.households.fields import LENGTHS, ChoiceField, DateField, FieldForm
from fupin_desktop.ui.households.form_dialog import FormDialog

ARCHIVE_REASONS = ("整户死亡", "整户迁出", "合户（并入他户）", "其他")


class ArchiveDialog(FormDialog):
    def __init__(self, numbers: list[str], today: date, parent: QWidget | None = None) -> None:
        super().__init__("归档（自然减少）", parent)
        self.setObjectName("archiveDialog")
        shown = "、".join(numbers[:5]) + (f" 等 {len(numbers)} 户" if len(numbers) > 5 else "")
        note = QLabel(
            f"归档 {shown}。归档后不在默认列表和统计中显示，结对帮扶随之结束；所有记录都保留，"
            "可勾选“已归档”找到并恢复（恢复后需重新结对）。"
        )
        note.setWordWrap(True)
        self.body.addWidget(note)
        form = self.add_form(FieldForm(columns=1, limits={"reason": LENGTHS["household"]["archived_reason"]}))
        self.reason = form.add("reason", "归档原因", ChoiceField(ARCHIVE_REASONS, editable=True))
        self.when = form.add("on", "日期", DateField())
        self.when.set_value(today)
        self.body.addWidget(form)
        self.finish_layout()
        self.resize(460, 200)

    def problems(self) -> list[tuple[str | None, str]]:
        found: list[tuple[str | None, str]] = []
        if not self.reason.value():
            found.append(("reason", "请选择或填写归档原因。"))
        if not self.when.value():
            found.append(("on", "请填写日期。"))
        return found
