"""文件 menu entries for accounts and safety: 恢复…, 用户管理…, 修改密码…, 审计日志…, and who is signed in.

Entries the signed-in role may not use are not shown (the services refuse them anyway).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from fupin_desktop.services.backups import (
    BackupContents,
    RestoreResult,
    inspect_backup,
    restore_backup,
)
from fupin_desktop.services.context import Permission
from fupin_desktop.services.progress import Progress
from fupin_desktop.services.users import has_account
from fupin_desktop.ui.dialogs import run_with_progress, show_error
from fupin_desktop.ui.recovery import RestoreConfirmDialog

if TYPE_CHECKING:
    from fupin_desktop.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    actor = window.ui.ctx.actor
    menu = window.menus["file"]
    window.backup_action.setVisible(actor.can(Permission.BACKUP))
    window.restore_action = _action(window, "恢复(&R)…", lambda: choose_and_restore(window))
    window.restore_action.setVisible(actor.can(Permission.RESTORE))
    menu.insertAction(_after(menu, window.backup_action), window.restore_action)

    window.users_action = _action(window, "用户管理(&U)…", lambda: open_user_management(window))
    window.users_action.setVisible(actor.can(Permission.MANAGE_USERS))
    window.password_action = _action(window, "修改密码(&P)…", lambda: change_password(window))
    window.password_action.setVisible(has_account(window.ui.ctx))
    window.audit_action = _action(window, "审计日志(&L)…", lambda: open_audit_viewer(window))
    window.audit_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    window.audit_action.setVisible(actor.can(Permission.VIEW_AUDIT))
    following = _after(menu, window.restore_action)
    for action in (window.users_action, window.password_action, window.audit_action):
        menu.insertAction(following, action)
    menu.insertSeparator(window.users_action)

    who = QLabel(f"当前用户：{actor.display_name}（{actor.role}）")
    who.setObjectName("signedInLabel")
    window.statusBar().addPermanentWidget(who)


def _action(window: MainWindow, text: str, slot) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(slot)
    return action


def _after(menu, action: QAction) -> QAction | None:
    """The menu entry following `action` (insert before it to place something after `action`)."""
    actions = menu.actions()
    index = actions.index(action)
    return actions[index + 1] if index + 1 < len(actions) else None


# ---------------------------------------------------------------- restore


def choose_and_restore(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(
        window, "选择要恢复的备份", str(window.ui.ctx.paths.backups), "数据库备份 (*.sqlite);;所有文件 (*)"
    )
    if name:
        restore_from(window, Path(name))


def restore_from(window: MainWindow, path: Path) -> None:
    """Check the backup in the background, ask, then restore it in the background."""
    ui = window.ui

    def check(cancel: threading.Event):
        yield Progress(0, 0, "检查备份文件")
        return inspect_backup(path, database=ui.ctx.paths.database)

    def confirm(contents: BackupContents) -> None:
        dialog = RestoreConfirmDialog(contents, window)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted:
            run_with_progress(
                window,
                ui.runner,
                "正在从备份恢复",
                lambda cancel: restore_backup(ui.ctx, path, cancel),
                lambda result: restored(window, result),
                on_failed=lambda exc: show_error(window, exc, title="没有恢复"),
            )

    run_with_progress(
        window,
        ui.runner,
        "正在检查备份",
        check,
        confirm,
        on_failed=lambda e: show_error(window, e, title="没有恢复"),
    )


def restored(window: MainWindow, result: RestoreResult) -> None:
    window.ui.events.data_changed.emit("all")
    QMessageBox.information(
        window,
        "已恢复",
        "已从备份恢复。" + (f"\n\n恢复前的数据已另存为：\n{result.previous}" if result.previous else ""),
    )


# ---------------------------------------------------------------- accounts and the audit trail


def open_user_management(window: MainWindow) -> None:
    from fupin_desktop.ui.users import UserManagementDialog

    try:
        dialog = UserManagementDialog(window.ui.ctx, window)
    except Exception as exc:
        show_error(window, exc)
        return
    dialog.exec()
    dialog.deleteLater()


def change_password(window: MainWindow) -> None:
    from fupin_desktop.ui.login import ChangePasswordDialog

    dialog = ChangePasswordDialog(window.ui.ctx, window)
    if dialog.exec():
        window.ui.events.status_message.emit("密码已修改。")
    dialog.deleteLater()


def open_audit_viewer(window: MainWindow) -> None:
    from fupin_desktop.ui.audit_viewer import AuditViewer

    try:
        viewer = AuditViewer(window.ui, window)
    except Exception as exc:
        show_error(window, exc)
        return
    viewer.exec()
    viewer.deleteLater()
