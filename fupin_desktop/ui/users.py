"""用户管理 (管理员): the accounts, adding and changing them, resetting passwords, lifting lockouts."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import UserError
from fupin_desktop.services.accounts import (
    MIN_PASSWORD_LENGTH,
    UserRow,
    add_user,
    list_users,
    reset_password,
    unlock_user,
    update_user,
)
from fupin_desktop.services.context import ROLE_DESCRIPTIONS, Role, ServiceContext
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.login import error_label, password_edit, show_inline

COLUMNS = ("用户名", "姓名", "角色", "状态", "上次登录")
AnyIndex = QModelIndex | QPersistentModelIndex


class UserTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[UserRow] = []
        self.now = datetime.now()

    def set_rows(self, rows: list[UserRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.now = datetime.now()
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.rows[index.row()]
        last = f"{row.last_login_at:%Y-%m-%d %H:%M}" if row.last_login_at else "从未登录"
        return (row.username, row.display_name, str(row.role), row.status(self.now), last)[index.column()]


class UserManagementDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("userManagementDialog")
        self.setWindowTitle("用户管理")
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        self.model = UserTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for column, width in enumerate((140, 140, 90, 190)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.edit_selected)
        layout.addWidget(self.table, 1)
        legend = QLabel("\n".join(f"{role}：{text}" for role, text in ROLE_DESCRIPTIONS.items()))
        legend.setProperty("role", "hint")
        legend.setWordWrap(True)
        layout.addWidget(legend)
        row = QHBoxLayout()
        self.add_button = QPushButton("新增用户(&N)…")
        self.edit_button = QPushButton("修改(&E)…")
        self.reset_button = QPushButton("重置密码(&R)…")
        self.unlock_button = QPushButton("解除锁定(&U)")
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit_selected),
            (self.reset_button, self.reset_selected),
            (self.unlock_button, self.unlock_selected),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.model.set_rows(list_users(self.ctx))
        names = [r.username for r in self.model.rows]
        if select in names:
            self.table.selectRow(names.index(select))
        self._update_buttons()

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.reset_button):
            button.setEnabled(row is not None)
        self.unlock_button.setEnabled(
            row is not None and (row.locked(datetime.now()) or row.failed_attempts > 0)
        )

    def add(self) -> None:
        dialog = UserEditDialog(self.ctx, self)
        if dialog.exec():
            self.refresh(select=dialog.saved.username if dialog.saved else None)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = UserEditDialog(self.ctx, self, existing=row)
        if dialog.exec():
            self.refresh(select=row.username)

    def reset_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = ResetPasswordDialog(self.ctx, row, self)
        if dialog.exec():
            QMessageBox.information(
                self,
                "已重置密码",
                f"已重置“{row.display_name}”的密码。请把新密码告诉本人，首次登录时须修改。",
            )
            self.refresh(select=row.username)

    def unlock_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            unlock_user(self.ctx, row.username)
        except UserError as exc:
            show_error(self, exc)
        self.refresh(select=row.username)


class UserEditDialog(QDialog):
    """A new account (user name, name, role, initial password) or changes to one (name, role, active)."""

    def __init__(
        self, ctx: ServiceContext, parent: QWidget | None = None, *, existing: UserRow | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.existing = existing
        self.saved: UserRow | None = None
        self.setObjectName("userEditDialog")
        self.setWindowTitle("新增用户" if existing is None else f"修改用户 {existing.username}")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.username = QLineEdit(existing.username if existing else "")
        self.username.setObjectName("editUsername")
        self.username.setMaxLength(40)
        self.username.setReadOnly(existing is not None)
        self.display_name = QLineEdit(existing.display_name if existing else "")
        self.display_name.setObjectName("editDisplayName")
        self.role = QComboBox()
        self.role.setObjectName("editRole")
        for role in Role:
            self.role.addItem(str(role), role)
        self.role.setCurrentIndex(list(Role).index(existing.role if existing else Role.CLERK))
        self.role_hint = QLabel()
        self.role_hint.setProperty("role", "hint")
        self.role_hint.setWordWrap(True)
        self.role.currentIndexChanged.connect(self._describe_role)
        form.addRow("用户名(&U)", self.username)
        form.addRow("姓名(&N)", self.display_name)
        form.addRow("角色(&R)", self.role)
        form.addRow("", self.role_hint)
        self.password = password_edit("editPassword")
        self.password.setPlaceholderText(f"至少 {MIN_PASSWORD_LENGTH} 个字符，首次登录时须修改")
        self.confirm = password_edit("editConfirm")
        self.active = QCheckBox("启用（可以登录）")
        self.active.setObjectName("editActive")
        if existing is None:
            form.addRow("初始密码(&P)", self.password)
            form.addRow("再输入一次(&C)", self.confirm)
        else:
            self.active.setChecked(existing.active)
            form.addRow("", self.active)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        save = buttons.addButton("保存(&S)", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("saveUserButton")
        save.setDefault(True)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        save.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._describe_role()

    def _describe_role(self) -> None:
        self.role_hint.setText(ROLE_DESCRIPTIONS[self.role.currentData()])

    def submit(self) -> None:
        role = self.role.currentData()
        try:
            if self.existing is None:
                if self.password.text() != self.confirm.text():
                    show_inline(self.error, "两次输入的密码不一致。")
                    return
                self.saved = add_user(
                    self.ctx, self.username.text(), self.display_name.text(), role, self.password.text()
                )
            else:
                self.saved = update_user(
                    self.ctx,
                    self.existing.username,
                    display_name=self.display_name.text(),
                    role=role,
                    active=self.active.isChecked(),
                )
        except UserError as exc:
            show_inline(self.error, exc.message)
            return
        self.accept()


class ResetPasswordDialog(QDialog):
    def __init__(self, ctx: ServiceContext, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(f"重置密码 — {row.display_name}")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"为“{row.display_name}（{row.username}）”设置临时密码。本人首次登录时须改成自己的密码。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.password = password_edit("resetPassword")
        self.password.setPlaceholderText(f"至少 {MIN_PASSWORD_LENGTH} 个字符")
        self.confirm = password_edit("resetConfirm")
        form.addRow("临时密码(&P)", self.password)
        form.addRow("再输入一次(&C)", self.confirm)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("重置密码(&R)", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("resetButton")
        ok.setDefault(True)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        ok.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.password.text() != self.confirm.text():
            show_inline(self.error, "两次输入的密码不一致。")
            return
        try:
            reset_password(self.ctx, self.row.username, self.password.text())
        except UserError as exc:
            show_inline(self.error, exc.message)
            return
        self.accept()
