"""Signing in, the first administrator, role-aware menus, user management, the audit viewer, restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from fupin_desktop import app as app_module
from fupin_desktop.app import NOBODY, database_is_usable, open_prefs, open_signed_in, sign_in
from fupin_desktop.db.backup import backup_database, list_backups
from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.accounts.audit_log import AuditQuery, audit_ids
from fupin_desktop.services.accounts.users import add_user, authenticate, create_first_admin, list_users
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.register.settings import get_settings
from fupin_desktop.ui.account_actions import restore_from
from fupin_desktop.ui.audit_viewer import AuditViewer
from fupin_desktop.ui.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog
from fupin_desktop.ui.recovery import RestoreConfirmDialog, RestoreOfferDialog
from fupin_desktop.ui.users import UserEditDialog, UserManagementDialog
from tests.support.databases import damage


def when_shown(kind: type, act: Callable[[object], None], *, timeout_ms: int = 10_000) -> None:
    """Act on the first visible top-level widget of `kind` once it appears (for modal exec())."""
    waited = [0]

    def poll() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if found:
            act(found[0])
        elif waited[0] < timeout_ms:
            waited[0] += 50
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


@pytest.fixture
def accounts(ctx: ServiceContext) -> ServiceContext:
    admin = create_first_admin(ctx, "zhang", "张站长", "qingshui2026")
    as_admin = ctx.acting_as(admin)
    add_user(as_admin, "li", "李会计", Role.CLERK, "initial-pass")
    return as_admin


@pytest.fixture
def prefs(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)


# ---------------------------------------------------------------- login


def test_a_wrong_password_is_said_in_the_dialog_and_cleared(qtbot, accounts, prefs) -> None:
    dialog = LoginDialog(accounts.acting_as(NOBODY), prefs, township="清水镇")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("zhang")
    dialog.password.setText("wrong-password")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("用户名或密码不正确") and not dialog.error.isHidden()
    assert dialog.password.text() == "" and dialog.result() == 0
    dialog.password.setText("qingshui2026")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.sign_in is not None and dialog.sign_in.actor.role == Role.ADMIN


def test_the_dialog_shows_the_lockout(qtbot, accounts, prefs) -> None:
    dialog = LoginDialog(accounts.acting_as(NOBODY), prefs)
    qtbot.addWidget(dialog)
    dialog.username.setText("li")
    for _ in range(5):
        dialog.password.setText("wrong-password")
        dialog.submit()
    assert dialog.error.text().startswith("用户名或密码不正确")  # a guesser is not told of the lock
    dialog.password.setText("initial-pass")
    dialog.submit()
    assert dialog.sign_in is None and "已被锁定" in dialog.error.text()


def test_the_user_name_is_remembered_never_the_password(qtbot, accounts, tmp_path: Path) -> None:
    prefs = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    first = LoginDialog(accounts.acting_as(NOBODY), prefs)
    qtbot.addWidget(first)
    first.username.setText("zhang")
    first.password.setText("qingshui2026")
    first.remember.setChecked(True)
    first.submit()
    assert "qingshui2026" not in (tmp_path / "window.ini").read_text(encoding="utf-8")
    again = LoginDialog(
        accounts.acting_as(NOBODY), QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(again)
    assert again.username.text() == "zhang" and again.remember.isChecked()
    assert again.password.hasFocus() or again.focusWidget() is again.password
    again.remember.setChecked(False)
    again.password.setText("qingshui2026")
    again.submit()
    third = LoginDialog(
        accounts.acting_as(NOBODY), QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(third)
    assert third.username.text() == ""


def test_first_start_creates_the_administrator(qtbot, ctx: ServiceContext, prefs) -> None:
    messages = []

    def fill(dialog: FirstAdminDialog) -> None:
        dialog.display_name.setText("张站长")
        dialog.password.setText("short")
        dialog.confirm.setText("short")
        dialog.submit()
        messages.append(dialog.error.text())
        dialog.password.setText("qingshui2026")
        dialog.confirm.setText("qingshui2025")
        dialog.submit()
        messages.append(dialog.error.text())
        dialog.confirm.setText("qingshui2026")
        dialog.create_button.click()

    when_shown(FirstAdminDialog, fill)
    actor = sign_in(ctx.acting_as(NOBODY), prefs)
    assert messages == ["密码至少需要 8 个字符。", "两次输入的密码不一致。"]
    assert actor == Actor("admin", "张站长", Role.ADMIN)
    assert [u.username for u in list_users(ctx)] == ["admin"]


def test_quitting_the_first_start_creates_nobody(qtbot, ctx: ServiceContext, prefs) -> None:
    when_shown(FirstAdminDialog, lambda d: d.reject())
    assert sign_in(ctx.acting_as(NOBODY), prefs) is None
    assert list_users(ctx) == []


def test_a_temporary_password_must_be_changed_before_the_window_opens(qtbot, accounts, prefs) -> None:
    def log_in(dialog: LoginDialog) -> None:
        dialog.username.setText("li")
        dialog.password.setText("initial-pass")
        when_shown(ChangePasswordDialog, change)
        dialog.submit()

    def change(dialog: ChangePasswordDialog) -> None:
        assert "临时密码" in dialog.findChild(QLabel).text()
        dialog.new.setText("my-own-password")
        dialog.confirm.setText("my-own-password")
        dialog.ok_button.click()

    when_shown(LoginDialog, log_in)
    actor = sign_in(accounts.acting_as(NOBODY), prefs)
    assert actor is not None and actor.username == "li"
    assert authenticate(accounts, "li", "my-own-password").must_change_password is False


def test_demo_signs_in_the_demo_administrator_and_says_so(qtbot, demo_dir: Path) -> None:
    window = open_signed_in(DataPaths(demo_dir), demo=True)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert "示范数据" in window.windowTitle() and "示范管理员已自动登录" in window.windowTitle()
        assert window.findChild(QLabel, "signedInLabel").text() == "当前用户：示范管理员（管理员）"
    finally:
        window.ui.ctx.db.dispose()


def test_demo_is_no_way_around_the_password_of_a_database_with_accounts(qtbot, demo_dir: Path) -> None:
    db = open_database(DataPaths(demo_dir))
    create_first_admin(ServiceContext(db=db, actor=NOBODY), "zhang", "张站长", "qingshui2026")
    db.dispose()
    asked = []

    def refuse(dialog: LoginDialog) -> None:
        asked.append(True)
        dialog.reject()

    when_shown(LoginDialog, refuse)
    assert open_signed_in(DataPaths(demo_dir), demo=True) is None
    assert asked == [True]


# ---------------------------------------------------------------- role-aware menu


def _menu(window) -> list[str]:
    return [a.text() for a in window.menus["file"].actions() if a.isVisible() and not a.isSeparator()]


def test_the_file_menu_follows_the_role(qtbot, make_window, data_dir: Path) -> None:
    db = open_database(DataPaths(data_dir))
    ctx = ServiceContext(db=db, actor=NOBODY)
    admin = create_first_admin(ctx, "zhang", "张站长", "qingshui2026")
    add_user(ctx.acting_as(admin), "wang", "王主任", Role.READER, "initial-pass")
    db.dispose()
    assert _menu(make_window(data_dir, actor=admin)) == [
        "导入 Excel(&I)…",
        "导出台账(&E)…",
        "机账比对(&C)…",
        "保存导入模板(&T)…",
        "设置(&S)…",
        "代码表(&D)…",
        "区划管理(&Q)…",
        "备份到(&B)…",
        "恢复(&R)…",
        "用户管理(&U)…",
        "修改密码(&P)…",
        "审计日志(&L)…",
        "数据库连接(&N)…",
        "退出(&X)",
    ]
    reader = Actor("wang", "王主任", Role.READER)
    assert _menu(make_window(data_dir, actor=reader)) == [
        "导入 Excel(&I)…",
        "导出台账(&E)…",
        "机账比对(&C)…",
        "保存导入模板(&T)…",
        "设置(&S)…",
        "代码表(&D)…",
        "修改密码(&P)…",
        "数据库连接(&N)…",
        "退出(&X)",
    ]
    reader_window = make_window(data_dir, actor=reader)
    assert not reader_window.import_action.isEnabled()
    assert not reader_window.settings_action.isEnabled()
    clerk_without_account = Actor("x", "某人", Role.CLERK)
    assert "修改密码(&P)…" not in _menu(make_window(data_dir, actor=clerk_without_account))


# ---------------------------------------------------------------- user management


def test_adding_a_user_and_lifting_a_lock(qtbot, accounts) -> None:
    dialog = UserManagementDialog(accounts)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2

    def fill(edit: UserEditDialog) -> None:
        edit.username.setText("wang")
        edit.display_name.setText("王主任")
        edit.role.setCurrentIndex(list(Role).index(Role.READER))
        edit.password.setText("initial-pass")
        edit.confirm.setText("initial-pass")
        edit.findChild(QPushButton, "saveUserButton").click()

    when_shown(UserEditDialog, fill)
    dialog.add()
    assert [r.username for r in dialog.model.rows] == ["zhang", "li", "wang"]
    assert dialog.model.data(dialog.model.index(2, 2)) == "只读"
    assert dialog.selected().username == "wang"
    assert not dialog.unlock_button.isEnabled()

    for _ in range(5):
        with pytest.raises(Exception, match="密码"):
            authenticate(accounts, "wang", "wrong-password")
    dialog.refresh(select="wang")
    assert dialog.model.data(dialog.model.index(2, 3)).startswith("已锁定")
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert dialog.model.data(dialog.model.index(2, 3)) == "正常"


def test_editing_shows_the_services_refusal_inline(qtbot, accounts) -> None:
    me = next(r for r in list_users(accounts) if r.username == "zhang")
    edit = UserEditDialog(accounts, existing=me)
    qtbot.addWidget(edit)
    edit.active.setChecked(False)
    edit.submit()
    assert "不能停用自己" in edit.error.text() and edit.result() == 0


# ---------------------------------------------------------------- audit viewer


def test_the_audit_viewer_filters_and_cannot_edit(qtbot, make_window, accounts, data_dir: Path) -> None:
    window = make_window(data_dir, actor=accounts.actor)
    viewer = AuditViewer(window.ui, window)
    qtbot.addWidget(viewer)
    total = len(audit_ids(accounts, AuditQuery()))
    assert viewer.count.text() == f"共 {total} 条" and total >= 2
    viewer.user.setCurrentIndex(viewer.user.findData("张站长(zhang)"))
    assert viewer.model.rowCount() == len(audit_ids(accounts, AuditQuery(user="张站长(zhang)")))
    index = viewer.model.index(0, 5)
    assert not (viewer.model.flags(index) & Qt.ItemFlag.ItemIsEditable)
    viewer.table.setCurrentIndex(index)
    assert "说明：" in viewer.details.toPlainText()
    texts = [b.text() for b in viewer.findChildren(QPushButton)]
    assert not any(word in t for t in texts for word in ("删除", "修改", "编辑"))


def test_the_audit_export_runs_in_the_background(
    qtbot, make_window, accounts, data_dir: Path, tmp_path
) -> None:
    window = make_window(data_dir, actor=accounts.actor)
    viewer = AuditViewer(window.ui, window)
    qtbot.addWidget(viewer)
    before = viewer.model.rowCount()
    out = tmp_path / "审计.xlsx"
    viewer.export_to(out)
    qtbot.waitUntil(lambda: viewer.model.rowCount() == before + 1, timeout=20_000)
    assert out.exists()
    assert viewer.model.row(0).action == "导出"


# ---------------------------------------------------------------- restore


def test_a_damaged_database_gets_the_restore_offer(qtbot, demo_dir: Path, monkeypatch) -> None:
    paths = DataPaths(demo_dir)
    db = open_database(paths)
    backup_database(db.engine, paths.backups, reason="自动")
    db.dispose()
    damage(paths.database)
    seen = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: seen.append(a[2]))

    def accept(dialog: RestoreOfferDialog) -> None:
        seen.append(dialog.findChild(QLabel, "offeredBackup").text())
        dialog.restore_button.click()

    when_shown(RestoreOfferDialog, accept)
    assert database_is_usable(paths)
    assert "600 户" in seen[0] and "已从" in seen[1]
    window = open_signed_in(paths, demo=True)
    qtbot.addWidget(window)
    try:
        assert "600 户" in window.counts_label.text()
    finally:
        window.ui.ctx.db.dispose()


def test_declining_the_offer_or_having_no_backup_leaves_the_file_alone(qtbot, demo_dir: Path) -> None:
    paths = DataPaths(demo_dir)
    damage(paths.database)
    before = paths.database.read_bytes()
    buttons = []

    def look(dialog: RestoreOfferDialog) -> None:
        buttons.extend(b.text() for b in dialog.findChildren(QPushButton))
        dialog.reject()

    when_shown(RestoreOfferDialog, look)
    assert not database_is_usable(paths)
    assert buttons == ["退出程序"]  # nothing to restore from
    assert paths.database.read_bytes() == before


def test_restore_from_the_menu_asks_then_restores(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:
    window = make_window(demo_dir)
    backup = backup_database(window.ui.ctx.db.engine, window.ui.ctx.paths.backups, reason="手动")
    from fupin_desktop.services.register.settings import save_settings

    save_settings(window.ui.ctx, get_settings(window.ui.ctx).with_changes(township="改名镇"))
    window.refresh()
    assert window.windowTitle().startswith("改名镇")
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))

    def confirm(dialog: RestoreConfirmDialog) -> None:
        shown.append(dialog.findChild(QLabel, "backupDetails").text())
        dialog.restore_button.click()

    when_shown(RestoreConfirmDialog, confirm)
    with qtbot.waitSignal(window.ui.events.data_changed, timeout=30_000):
        restore_from(window, backup)
    assert "清水镇，600 户" in shown[0]
    assert window.windowTitle().startswith("清水镇")
    assert list_backups(window.ui.ctx.paths.backups)[0].reason == "恢复前"


def test_cancelling_the_confirmation_changes_nothing(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    backup = backup_database(window.ui.ctx.db.engine, window.ui.ctx.paths.backups, reason="手动")
    closed = []

    def cancel(dialog: RestoreConfirmDialog) -> None:
        dialog.reject()
        closed.append(True)

    when_shown(RestoreConfirmDialog, cancel)
    restore_from(window, backup)
    qtbot.waitUntil(lambda: closed == [True], timeout=20_000)
    window.ui.runner.wait(10_000)
    assert [b.reason for b in list_backups(window.ui.ctx.paths.backups)] == ["手动"]


# ---------------------------------------------------------------- start-up safety in main()


@pytest.fixture
def critical(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    return shown


def test_a_second_copy_on_the_same_folder_gets_a_message(qtbot, demo_dir: Path, critical) -> None:
    lock = app_module.acquire_instance_lock(DataPaths(demo_dir))
    try:
        assert app_module.main(["--data-dir", str(demo_dir)]) == 2
    finally:
        lock.unlock()
    assert "已经打开了这个数据文件夹" in critical[0] and f"进程 {__import__('os').getpid()}" in critical[0]


def test_a_read_only_data_folder_gets_a_message(qtbot, tmp_path: Path, critical, monkeypatch) -> None:
    from fupin_desktop.services.storage import startup as startup

    def refuse(paths) -> None:
        raise startup.DataFolderError(paths.root, PermissionError(13, "Permission denied"))

    monkeypatch.setattr(startup, "_probe_write", refuse)
    assert app_module.main(["--data-dir", str(tmp_path / "ro")]) == 2
    assert "没有写入权限" in critical[0] and "--data-dir" in critical[0]


def test_a_full_disk_gets_a_message(qtbot, tmp_path: Path, critical, monkeypatch) -> None:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 5 * 2**20, 5 * 2**20))
    assert app_module.main(["--data-dir", str(tmp_path / "full")]) == 2
    assert "只剩 5 MB" in critical[0] and "清理磁盘" in critical[0]


def test_a_database_locked_by_another_program_gets_a_message(
    qtbot, tmp_path: Path, critical, monkeypatch
) -> None:
    import sqlite3

    from fupin_desktop.db import engine as engine_module

    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    folder = tmp_path / "locked"
    folder.mkdir()
    holder = sqlite3.connect(folder / "fupin.sqlite", isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")  # another program is writing: the new database cannot be set up
    try:
        assert app_module.main(["--data-dir", str(folder)]) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "正被另一个程序占用" in critical[0]


def test_prefs_live_in_the_data_folder(data_dir: Path) -> None:
    assert Path(open_prefs(DataPaths(data_dir)).fileName()) == data_dir / "window.ini"
