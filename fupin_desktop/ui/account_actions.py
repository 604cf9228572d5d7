"""文件 menu entries for accounts and safety: 恢复…, 用户管理…, 修改密码…, 审计日志…, and who is signed in.

Entries the signed-in role may not use are not shown (the services refuse them anyway).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from fupin_desktop.services.accounts import has_account
from fupin_desktop.services.context import Permission
from fupin_desktop.services.progress import Progress
from fupin_desktop.services.storage import (
    BackupContents,
    RestoreResult,
    inspect_backup,
    restore_backup,
)
from fupin_desktop.ui.dialogs import run_with_progress, show_error
from fupin_desktop.ui.recovery import RestoreConfirmDialog

if TYPE_CHECKING:
    from fupin_desktop.ui.features import Workbench


@dataclass(frozen=True, slots=True)
class AccountActions:
    """The 文件 menu's entries added by `install`."""

    restore: QAction
    users: QAction
    password: QAction
    audit: QAction


def install(bench: Workbench, backup: QAction) -> AccountActions:
    """恢复… after the window's 备份到… (hidden, like it, from those not allowed), then the accounts."""
    actor = bench.ui.ctx.actor
    menu = bench.menu("file")
    backup.setVisible(actor.can(Permission.BACKUP))
    restore = _action(bench, "恢复(&R)…", lambda: choose_and_restore(bench))
    restore.setVisible(actor.can(Permission.RESTORE))
    menu.insertAction(_after(menu, backup), restore)

    users = _action(bench, "用户管理(&U)…", lambda: open_user_management(bench))
    users.setVisible(actor.can(Permission.MANAGE_USERS))
    password = _action(bench, "修改密码(&P)…", lambda: change_password(bench))
    password.setVisible(has_account(bench.ui.ctx))
    audit = _action(bench, "审计日志(&L)…", lambda: open_audit_viewer(bench))
    audit.setShortcut(QKeySequence("Ctrl+Shift+L"))
    audit.setVisible(actor.can(Permission.VIEW_AUDIT))
    following = _after(menu, restore)
    for action in (users, password, audit):
        menu.insertAction(following, action)
    menu.insertSeparator(users)

    who = QLabel(f"当前用户：{actor.display_name}（{actor.role}）")
    who.setObjectName("signedInLabel")
    bench.add_status_widget(who)
    return AccountActions(restore, users, password, audit)


def _action(bench: Workbench, text: str, slot) -> QAction:
    action = QAction(text, bench.widget())
    action.triggered.connect(slot)
    return action


def _after(menu, action: QAction) -> QAction | None:
    """The menu entry following `action` (insert before it to place something after `action`)."""
    actions = menu.actions()
    index = actions.index(action)
    return actions[index + 1] if index + 1 < len(actions) else None


# ---------------------------------------------------------------- restore


def choose_and_restore(bench: Workbench) -> None:
    name, _ = QFileDialog.getOpenFileName(
        bench.widget(),
        "选择要恢复的备份",
        str(bench.ui.ctx.paths.backups),
        "数据库备份 (*.sqlite);;所有文件 (*)",
    )
    if name:
        restore_from(bench, Path(name))


def restore_from(bench: Workbench, path: Path) -> None:
    """Check the backup in the background, ask, then restore it in the background."""
    ui, window = bench.ui, bench.widget()

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
                lambda result: restored(bench, result),
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


def restored(bench: Workbench, result: RestoreResult) -> None:
    bench.announce_change("all")
    QMessageBox.information(
        bench.widget(),
        "已恢复",
        "已从备份恢复。" + (f"\n\n恢复前的数据已另存为：\n{result.previous}" if result.previous else ""),
    )


# ---------------------------------------------------------------- accounts and the audit trail


def open_user_management(bench: Workbench) -> None:
    from fupin_desktop.ui.users import UserManagementDialog

    try:
        dialog = UserManagementDialog(bench.ui.ctx, bench.widget())
    except Exception as exc:
        show_error(bench.widget(), exc)
        return
    dialog.exec()
    dialog.deleteLater()


def change_password(bench: Workbench) -> None:
    from fupin_desktop.ui.login import ChangePasswordDialog

    dialog = ChangePasswordDialog(bench.ui.ctx, bench.widget())
    if dialog.exec():
        bench.show_status("密码已修改。")
    dialog.deleteLater()


def open_audit_viewer(bench: Workbench) -> None:
    from fupin_desktop.ui.audit_viewer import AuditViewer

    try:
        viewer = AuditViewer(bench.ui, bench.widget())
    except Exception as exc:
        show_error(bench.widget(), exc)
        return
    viewer.exec()
    viewer.deleteLater()
