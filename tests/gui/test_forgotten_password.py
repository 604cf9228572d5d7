"""The login window says what to do about a forgotten password, down to the only administrator's
(`fupin users recover-admin`, README 账户); after that reset the administrator signs in with the new
password and must choose their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from fupin_desktop.app import NOBODY
from fupin_desktop.services.accounts.admin_recovery import recover_admin
from fupin_desktop.services.accounts.users import create_first_admin
from fupin_desktop.services.context import ServiceContext, system_actor
from fupin_desktop.ui.login import FirstAdminDialog, LoginDialog


@pytest.fixture
def prefs(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)


def test_the_login_window_says_how_a_forgotten_password_is_reset(qtbot, ctx: ServiceContext, prefs) -> None:
    create_first_admin(ctx, "zhang", "张站长", "forgotten-pass")
    dialog = LoginDialog(ctx.acting_as(NOBODY), prefs)
    qtbot.addWidget(dialog)
    hint = dialog.findChild(QLabel, "forgottenPassword").text()
    assert hint.startswith("忘记密码？请管理员在“文件 → 用户管理”中重置。")
    assert "唯一的管理员忘记密码时" in hint and "fupin users recover-admin 用户名" in hint
    assert "存放数据库文件的这台电脑" in hint

    recover_admin(ctx.acting_as(system_actor()), "zhang", "brand-new-pass")
    dialog.username.setText("zhang")
    dialog.password.setText("forgotten-pass")
    dialog.submit()
    assert dialog.sign_in is None and dialog.error.text().startswith("用户名或密码不正确")
    dialog.password.setText("brand-new-pass")
    dialog.submit()
    assert dialog.sign_in is not None and dialog.sign_in.must_change_password


def test_the_first_administrator_is_told_before_choosing_a_password(qtbot, ctx: ServiceContext) -> None:
    dialog = FirstAdminDialog(ctx)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "最好再设一位管理员" in texts and "fupin users recover-admin 用户名" in texts
    assert "reset-password" not in texts  # that one needs an administrator to sign in
