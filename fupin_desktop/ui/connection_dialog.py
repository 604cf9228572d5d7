"""文件 → 数据库连接…: whether this PC works on its own data file or on the office's (county's) server.

The server, port, database and user are kept per PC in QSettings; the password never is. It is asked
when the program starts (left empty, the server's own arrangements decide: a .pgpass file, trust or
certificates on the office network). A change takes effect at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import UserError
from fupin_desktop.services.storage import DEFAULT_PORT, server_url, try_connection
from fupin_desktop.ui.dialogs import wait_cursor
from fupin_desktop.ui.login import error_label, password_edit, show_inline

if TYPE_CHECKING:
    from fupin_desktop.ui.features import Workbench

GROUP = "database"
CANCELLED = ""
DEFAULT_DATABASE = "fupin"


@dataclass(frozen=True, slots=True)
class ServerConnection:
    host: str
    port: int
    database: str
    user: str

    def url(self, password: str | None = None) -> str:
        return server_url(self.host, self.port, self.database, self.user, password)

    @property
    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def load_connection(prefs: QSettings) -> ServerConnection | None:
    """This PC's server, or None: the data folder's own SQLite file."""
    prefs.beginGroup(GROUP)
    try:
        host = str(prefs.value("host", "") or "").strip()
        if not host:
            return None
        return ServerConnection(
            host=host,
            port=int(prefs.value("port", DEFAULT_PORT) or DEFAULT_PORT),
            database=str(prefs.value("database", DEFAULT_DATABASE) or DEFAULT_DATABASE),
            user=str(prefs.value("user", "") or ""),
        )
    finally:
        prefs.endGroup()


def save_connection(prefs: QSettings, connection: ServerConnection | None) -> None:
    prefs.remove(GROUP)
    if connection is not None:
        prefs.beginGroup(GROUP)
        for key in ("host", "port", "database", "user"):
            prefs.setValue(key, getattr(connection, key))
        prefs.endGroup()
    prefs.sync()


def install(bench: Workbench) -> QAction:
    """文件 → 数据库连接(&N)…, just above 退出."""
    menu = bench.menu("file")
    action = QAction("数据库连接(&N)…", bench.widget())
    action.setObjectName("connectionAction")
    action.setStatusTip("这台电脑用本机数据文件，还是连接单位的数据库服务器（多台电脑共用）")
    action.triggered.connect(lambda: open_connection_dialog(bench))
    actions = menu.actions()
    quit_action = actions[-1] if actions else None
    separator = actions[-2] if len(actions) >= 2 and actions[-2].isSeparator() else quit_action
    menu.insertAction(separator, action)
    return action


def open_connection_dialog(bench: Workbench) -> None:
    window = bench.widget()
    dialog = ConnectionDialog(bench.ui.prefs, window)
    if dialog.exec():
        QMessageBox.information(window, "数据库连接", "数据库连接已保存，重新启动程序后生效。")
    dialog.deleteLater()


class ConnectionDialog(QDialog):
    """Choose the local file or a server; 测试连接 tries it without changing anything."""

    def __init__(self, prefs: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.setObjectName("connectionDialog")
        self.setWindowTitle("数据库连接")
        self.setMinimumWidth(480)
        current = load_connection(prefs)
        self.local_radio = QRadioButton("本机数据文件（这台电脑单独使用）(&L)")
        self.server_radio = QRadioButton("单位服务器（PostgreSQL，多台电脑共用一个数据库）(&S)")
        choice = QButtonGroup(self)
        for radio in (self.local_radio, self.server_radio):
            choice.addButton(radio)
        (self.server_radio if current else self.local_radio).setChecked(True)

        self.host = QLineEdit(current.host if current else "")
        self.host.setObjectName("hostEdit")
        self.host.setPlaceholderText("例如 192.168.1.10 或 fupin-server")
        self.port = QSpinBox()
        self.port.setObjectName("portSpin")
        self.port.setRange(1, 65535)
        self.port.setValue(current.port if current else DEFAULT_PORT)
        self.database = QLineEdit(current.database if current else DEFAULT_DATABASE)
        self.database.setObjectName("databaseEdit")
        self.user = QLineEdit(current.user if current else "")
        self.user.setObjectName("userEdit")
        self.password = password_edit("serverPasswordEdit")
        for edit in (self.host, self.database, self.user):
            edit.setMaxLength(100)
        form = QFormLayout()
        for text, field in (
            ("服务器(&H)：", self.host),
            ("端口(&O)：", self.port),
            ("数据库(&D)：", self.database),
            ("用户名(&U)：", self.user),
            ("密码(&W)：", self.password),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.server_fields = (self.host, self.port, self.database, self.user, self.password)
        note = QLabel("密码不会保存在这台电脑上：每次启动程序时询问。这里的密码只用于“测试连接”。")
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.status = QLabel()
        self.status.setObjectName("connectionResult")
        self.status.setWordWrap(True)
        self.error = error_label()
        self.test_button = QPushButton("测试连接(&T)")
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.local_radio)
        layout.addWidget(self.server_radio)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.server_radio.toggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        for field in (*self.server_fields, self.test_button):
            field.setEnabled(self.server_radio.isChecked())

    def connection(self) -> ServerConnection | None:
        """What the form says; raises UserError naming a missing field."""
        if self.local_radio.isChecked():
            return None
        missing = [
            name
            for name, edit in (("服务器", self.host), ("数据库", self.database), ("用户名", self.user))
            if not edit.text().strip()
        ]
        if missing:
            raise UserError(f"请填写{'、'.join(missing)}。")
        return ServerConnection(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
        )

    def test(self) -> None:
        show_inline(self.error, "")
        self.status.clear()
        try:
            connection = self.connection()
            assert connection is not None  # the button is enabled only for a server
            with wait_cursor():
                self.status.setText(try_connection(connection.url(self.password.text() or None)))
        except UserError as err:
            show_inline(self.error, err.message)

    def save(self) -> None:
        try:
            connection = self.connection()
        except UserError as err:
            show_inline(self.error, err.message)
            return
        save_connection(self.prefs, connection)
        self.accept()


class ServerPasswordDialog(QDialog):
    """At start: the password of this PC's server user (kept in memory only)."""

    def __init__(
        self, connection: ServerConnection, parent: QWidget | None = None, *, problem: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverPasswordDialog")
        self.setWindowTitle("连接数据库服务器")
        self.setMinimumWidth(440)
        self.password = password_edit("serverPasswordEdit")
        label = QLabel("数据库密码(&W)：")
        label.setBuddy(self.password)
        self.error = error_label()
        show_inline(self.error, problem)
        change = QPushButton("修改连接(&N)…")
        change.setObjectName("changeConnectionButton")
        change.clicked.connect(lambda: self.done(self.CHANGE))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(change, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"连接到 {connection.label}"))
        form = QFormLayout()
        form.addRow(label, self.password)
        layout.addLayout(form)
        hint = QLabel("服务器已为这台电脑设置免密码登录时，留空即可。")
        hint.setProperty("role", "hint")
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    CHANGE = 2


def server_url_at_start(prefs: QSettings, parent: QWidget | None = None, *, problem: str = "") -> str | None:
    """The URL of this PC's server, its password asked now (`problem`: why the last attempt failed);
    None: this PC uses its own data file; CANCELLED: the clerk chose not to start."""
    while True:
        connection = load_connection(prefs)
        if connection is None:
            return None
        dialog = ServerPasswordDialog(connection, parent, problem=problem)
        answer = dialog.exec()
        password = dialog.password.text()
        dialog.deleteLater()
        if answer == ServerPasswordDialog.CHANGE:
            chooser = ConnectionDialog(prefs, parent)
            chooser.exec()
            chooser.deleteLater()
            problem = ""
            continue
        if answer != QDialog.DialogCode.Accepted:
            return CANCELLED
        return connection.url(password or None)
