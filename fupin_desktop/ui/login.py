"""Signing in: the login dialog, the first administrator of a new database, changing a password.

Only the user name is remembered (in the per-PC preferences, if the user asks); never a password.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop import APP_NAME
from fupin_desktop.errors import UserError
from fupin_desktop.services.accounts import (
    MIN_PASSWORD_LENGTH,
    SignIn,
    authenticate,
    change_own_password,
    create_first_admin,
)
from fupin_desktop.services.context import Actor, ServiceContext

REMEMBER_KEY = "login/remember"
USERNAME_KEY = "login/username"


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


def show_inline(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    return label


def forgotten_password_hint(ctx: ServiceContext) -> str:
    """What a user who forgot their password does (README 账户; services.accounts.admin_recovery)."""
    where = (
        "在存放数据库文件的这台电脑上运行命令“fupin users recover-admin 用户名”"
        if ctx.db.is_sqlite
        else "请服务器数据库的管理员运行命令“fupin users recover-admin 用户名”"
    )
    return f"忘记密码？请管理员在“文件 → 用户管理”中重置。唯一的管理员忘记密码时：{where}（见帮助“账户”）。"


class LoginDialog(QDialog):
    """User name and password; the service says what is wrong (wrong password, locked, deactivated)."""

    def __init__(
        self, ctx: ServiceContext, prefs: QSettings, parent: QWidget | None = None, *, township: str = ""
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prefs = prefs
        self.sign_in: SignIn | None = None
        self.password_used = ""
        self.setObjectName("loginDialog")
        self.setWindowTitle(f"登录 — {APP_NAME}")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(_heading(township or APP_NAME))
        if township:
            layout.addWidget(QLabel(APP_NAME))
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.username = QLineEdit()
        self.username.setObjectName("loginUsername")
        self.username.setMaxLength(40)
        self.password = password_edit("loginPassword")
        form.addRow("用户名(&U)", self.username)
        form.addRow("密码(&P)", self.password)
        layout.addLayout(form)
        self.remember = QCheckBox("记住用户名(&R)")
        self.remember.setObjectName("loginRemember")
        layout.addWidget(self.remember)
        self.error = error_label()
        layout.addWidget(self.error)
        hint = QLabel(forgotten_password_hint(ctx))
        hint.setObjectName("forgottenPassword")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        folder = QLabel(f"数据文件夹：{ctx.paths.root}")
        folder.setProperty("role", "hint")
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(folder)
        buttons = QDialogButtonBox()
        self.login_button = QPushButton("登录(&L)")
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitButton")
        self.login_button.clicked.connect(self.submit)
        # signing in is one action: Enter in the name goes on to the password, Enter there signs in
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._restore()

    def _restore(self) -> None:
        remember = self.prefs.value(REMEMBER_KEY, False, type=bool)
        self.remember.setChecked(remember)
        if remember:
            self.username.setText(str(self.prefs.value(USERNAME_KEY, "")))
        (self.password if self.username.text() else self.username).setFocus()

    def submit(self) -> None:
        username = self.username.text().strip()
        if not username:
            show_inline(self.error, "请填写用户名。")
            self.username.setFocus()
            return
        try:
            self.sign_in = authenticate(self.ctx, username, self.password.text())
        except UserError as exc:
            show_inline(self.error, exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.password_used = self.password.text()
        self.prefs.setValue(REMEMBER_KEY, self.remember.isChecked())
        if self.remember.isChecked():
            self.prefs.setValue(USERNAME_KEY, self.sign_in.actor.username)
        else:
            self.prefs.remove(USERNAME_KEY)
        self.prefs.sync()
        self.accept()


class FirstAdminDialog(QDialog):
    """A database without accounts: create the administrator, then sign in as them."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(f"创建管理员账户 — {APP_NAME}")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(_heading("创建管理员账户"))
        intro = QLabel(
            "这是第一次使用这个数据库。请先创建管理员账户：管理员可以管理其他用户、"
            "修改设置、备份和恢复、查看审计日志。\n\n"
            "请牢记密码，最好再设一位管理员：忘记密码时由另一位管理员重置。唯一的管理员忘记密码时，"
            "只能在存放数据库文件的电脑上运行命令“fupin users recover-admin 用户名”重置（见帮助“账户”）。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.username = QLineEdit("admin")
        self.username.setObjectName("adminUsername")
        self.username.setMaxLength(40)
        self.display_name = QLineEdit()
        self.display_name.setObjectName("adminDisplayName")
        self.display_name.setPlaceholderText("例如：张站长")
        self.password = password_edit("adminPassword")
        self.password.setPlaceholderText(f"至少 {MIN_PASSWORD_LENGTH} 个字符")
        self.confirm = password_edit("adminConfirm")
        form.addRow("用户名(&U)", self.username)
        form.addRow("姓名(&N)", self.display_name)
        form.addRow("密码(&P)", self.password)
        form.addRow("再输入一次(&C)", self.confirm)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.create_button = QPushButton("创建并登录(&L)")
        self.create_button.setObjectName("createAdminButton")
        self.create_button.setDefault(True)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self.submit)
        self.confirm.returnPressed.connect(self.submit)  # Enter after the last field creates the account
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.display_name.setFocus()

    def submit(self) -> None:
        if self.password.text() != self.confirm.text():
            show_inline(self.error, "两次输入的密码不一致。")
            self.confirm.clear()
            self.confirm.setFocus()
            return
        try:
            self.actor = create_first_admin(
                self.ctx, self.username.text(), self.display_name.text(), self.password.text()
            )
        except UserError as exc:
            show_inline(self.error, exc.message)
            return
        self.accept()


class ChangePasswordDialog(QDialog):
    """Change one's own password; `forced` after an administrator set a temporary one."""

    def __init__(
        self,
        ctx: ServiceContext,
        parent: QWidget | None = None,
        *,
        forced: bool = False,
        current_password: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle("设置新密码" if forced else "修改密码")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        text = (
            f"{ctx.actor.display_name}，管理员为您设置了临时密码。请设置您自己的新密码后继续。"
            if forced
            else f"修改“{ctx.actor.display_name}”的登录密码。"
        )
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.current = password_edit("currentPassword")
        self.current.setText(current_password)
        self.new = password_edit("newPassword")
        self.new.setPlaceholderText(f"至少 {MIN_PASSWORD_LENGTH} 个字符")
        self.confirm = password_edit("confirmPassword")
        if not current_password:
            form.addRow("当前密码(&O)", self.current)
        form.addRow("新密码(&N)", self.new)
        form.addRow("再输入一次(&C)", self.confirm)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("保存新密码(&S)")
        self.ok_button.setObjectName("savePasswordButton")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("退出" if forced else "取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.submit)
        self.confirm.returnPressed.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.new if current_password else self.current).setFocus()

    def submit(self) -> None:
        if self.new.text() != self.confirm.text():
            show_inline(self.error, "两次输入的新密码不一致。")
            self.confirm.clear()
            self.confirm.setFocus()
            return
        try:
            change_own_password(self.ctx, self.current.text(), self.new.text())
        except UserError as exc:
            show_inline(self.error, exc.message)
            return
        self.accept()
