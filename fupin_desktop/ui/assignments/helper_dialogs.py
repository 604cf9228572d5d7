"""The helper editor (新增 / 修改) and the 归档 dialog. Both save through the helpers service and stay
open with the message when it refuses, so nothing typed is lost. A 修改 over someone else's newer save
is refused; the clerk may then reload the stored helper. Text fields take no more than their columns
hold."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.codes import HELPER_ROLES
from fupin_desktop.errors import EditConflict, UserError
from fupin_desktop.services.assignments import (
    PAIRING_ROLE,
    UNIT_LEVELS,
    HelperInput,
    HelperRow,
    archive_helper,
    create_helper,
    get_helper,
    helper_lengths,
    update_helper,
)
from fupin_desktop.services.register import VillageRow, code_lists
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.assignments.widgets import select_data, village_combo
from fupin_desktop.ui.dialogs import save_cancel_buttons, show_error
from fupin_desktop.ui.edit_conflict import ask_reload

NO_VILLAGE = "（不限村）"
ARCHIVE_REASONS = ("工作调动", "退休", "岗位调整", "离职", "其他")


class HelperDialog(QDialog):
    """新增 when `helper` is None, else 修改. `saved` holds the stored row after 保存."""

    def __init__(
        self,
        parent: QWidget | None,
        ui: UiContext,
        villages: list[VillageRow],
        helper: HelperRow | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.helper = helper
        self.saved: HelperRow | None = None
        self.done_message = ""
        self.kept_helper: int | None = None
        self.setObjectName("helperDialog")
        self.setWindowTitle("修改帮扶人" if helper else "新增帮扶人")
        codes = code_lists(ui.ctx).values
        self.name = QLineEdit(self)
        self.sex = _combo(self, ("", "男", "女"))
        self.political = _combo(self, ("", *codes.get("政治面貌", ())), editable=True)
        self.role = _combo(self, codes.get("帮扶人角色") or HELPER_ROLES)
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText("例如：县农业农村局")
        self.unit_level = _combo(self, ("", *(codes.get("单位隶属") or UNIT_LEVELS)))
        self.title = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("11位手机号或带区号的固定电话")
        self.id_number = QLineEdit(self)
        self.id_number.setPlaceholderText("可不填")
        self.village = village_combo(villages, self, everything=NO_VILLAGE)
        self.note = QPlainTextEdit(self)
        self.note.setFixedHeight(60)
        form = QFormLayout()
        form.addRow("姓名(&M)*：", self.name)
        form.addRow("性别：", self.sex)
        form.addRow("政治面貌：", self.political)
        form.addRow("角色(&J)：", self.role)
        form.addRow("单位(&D)：", self.unit)
        form.addRow("单位隶属：", self.unit_level)
        form.addRow("职务：", self.title)
        form.addRow("联系电话(&T)：", self.phone)
        form.addRow("证件号码：", self.id_number)
        form.addRow("所在村(&C)：", self.village)
        form.addRow(
            "", _hint("驻村第一书记、工作队员等按村填写；帮扶责任人填写后，“为未结对户分配”优先在该村使用。")
        )
        form.addRow("备注：", self.note)
        buttons = save_cancel_buttons(self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存(&S)")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        limits = helper_lengths()
        for name, field in (
            ("name", self.name),
            ("unit", self.unit),
            ("title", self.title),
            ("phone", self.phone),
            ("id_number", self.id_number),
            ("political_status", self.political.lineEdit()),
        ):
            field.setMaxLength(limits[name])
        self._fill(helper.as_input() if helper else HelperInput(name="", role=PAIRING_ROLE))

    def _fill(self, data: HelperInput) -> None:
        self.name.setText(data.name)
        self.sex.setCurrentText(data.sex or "")
        self.political.setCurrentText(data.political_status or "")
        self.role.setCurrentText(data.role)
        self.unit.setText(data.unit or "")
        self.unit_level.setCurrentText(data.unit_level or "")
        self.title.setText(data.title or "")
        self.phone.setText(data.phone or "")
        self.id_number.setText(data.id_number or "")
        select_data(self.village, data.village_id)
        self.note.setPlainText(data.note or "")

    def value(self) -> HelperInput:
        return HelperInput(
            name=self.name.text(),
            role=self.role.currentText(),
            sex=self.sex.currentText() or None,
            political_status=self.political.currentText() or None,
            unit=self.unit.text(),
            unit_level=self.unit_level.currentText() or None,
            title=self.title.text(),
            phone=self.phone.text(),
            id_number=self.id_number.text(),
            village_id=self.village.currentData(),
            note=self.note.toPlainText(),
        )

    def accept(self) -> None:
        try:
            if self.helper is None:
                self.saved = create_helper(self.ui.ctx, self.value())
            else:
                self.saved = update_helper(
                    self.ui.ctx, self.helper.id, self.value(), version=self.helper.version
                )
        except EditConflict as exc:
            if self.helper is not None and ask_reload(self, exc):
                self.reload()
            return
        except UserError as exc:
            show_error(self, exc, title="帮扶人未保存")
            return
        self.done_message = f"已保存帮扶人{self.saved.name}。"
        self.kept_helper = self.saved.id
        super().accept()

    def reload(self) -> None:
        """The helper as stored now (after someone else's save), to edit again."""
        assert self.helper is not None
        try:
            self.helper = get_helper(self.ui.ctx, self.helper.id)
        except UserError as exc:
            show_error(self, exc, title="重新载入未完成")
            return
        self._fill(self.helper.as_input())


class ArchiveDialog(QDialog):
    """归档 a helper with a reason; one with households must also release them (they become 未结对)."""

    def __init__(self, parent: QWidget | None, ui: UiContext, helper: HelperRow) -> None:
        super().__init__(parent)
        self.ui = ui
        self.helper = helper
        self.saved: HelperRow | None = None
        self.done_message = ""
        self.kept_helper: int | None = None
        self.setObjectName("archiveHelperDialog")
        self.setWindowTitle(f"归档帮扶人：{helper.name}")
        self.reason = _combo(self, ARCHIVE_REASONS, editable=True)
        self.release = QCheckBox(f"同时解除 {helper.load} 户结对（这些户将变为未结对，需要重新分配）", self)
        self.release.setVisible(helper.load > 0)
        form = QFormLayout()
        form.addRow("归档原因(&Y)：", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("归档后不再出现在帮扶人名单中，结对历史仍然保留；需要时可以恢复。", self))
        layout.addLayout(form)
        layout.addWidget(self.release)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("归档(&R)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.saved = archive_helper(
                self.ui.ctx,
                self.helper.id,
                self.reason.currentText(),
                release_households=self.release.isChecked(),
            )
        except UserError as exc:
            show_error(self, exc, title="帮扶人未归档")
            return
        released = (
            f"，解除 {self.helper.load} 户结对" if self.release.isChecked() and self.helper.load else ""
        )
        self.done_message = f"已归档帮扶人{self.helper.name}{released}。"
        super().accept()


def _combo(parent: QWidget, values: tuple[str, ...] | list[str], *, editable: bool = False) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems(list(values))
    combo.setEditable(editable)
    return combo


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label
