"""文件 → 数据库连接… (issue 19 §1): the server is chosen per PC, tested, kept without its password, and
the window opens on it at the next start (its password asked then)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from fupin_desktop.app import open_chosen_database, open_prefs
from fupin_desktop.paths import DataPaths
from fupin_desktop.ui.connection_dialog import (
    ConnectionDialog,
    ServerConnection,
    ServerPasswordDialog,
    load_connection,
    save_connection,
)
from tests.gui.test_keyboard import menu_entries, shared, visible_keyed_texts
from tests.support.postgres import PASSWORD, SUPERUSER, PostgresServer


def _fill(dialog: ConnectionDialog, server: PostgresServer, database: str, password: str) -> None:
    dialog.server_radio.setChecked(True)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(server.port)
    dialog.database.setText(database)
    dialog.user.setText(SUPERUSER)
    dialog.password.setText(password)


def test_the_file_menu_has_the_entry_with_a_letter_of_its_own(qtbot, make_window, data_dir: Path) -> None:
    window = make_window(data_dir)
    entries = menu_entries(window.menus["file"])
    assert "数据库连接(&N)…" in entries and shared(entries) == {}
    assert entries.index("数据库连接(&N)…") == len(entries) - 2  # just above 退出


def test_a_tested_server_is_kept_without_its_password(
    qtbot, tmp_path: Path, postgres_server: PostgresServer, pg_empty_template: str
) -> None:
    prefs = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    dialog = ConnectionDialog(prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.local_radio.isChecked() and not dialog.host.isEnabled()  # a new PC: its own file
    _fill(dialog, postgres_server, pg_empty_template, "wrong")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("数据库用户名或密码不对")
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith(f"已连接到 127.0.0.1:{postgres_server.port}/{pg_empty_template}")
    assert not dialog.error.isVisible()
    assert shared(visible_keyed_texts(dialog)) == {}
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    kept = (tmp_path / "window.ini").read_text()
    assert f"port={postgres_server.port}" in kept and PASSWORD not in kept and "wrong" not in kept
    assert load_connection(prefs) == ServerConnection(
        "127.0.0.1", postgres_server.port, pg_empty_template, SUPERUSER
    )
    dialog.close()  # closed here, in the test, rather than among the teardown's top-level widgets


def test_a_server_without_its_host_is_not_saved(qtbot, tmp_path: Path) -> None:
    prefs = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    dialog = ConnectionDialog(prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server_radio.setChecked(True)
    dialog.save()
    assert dialog.error.text() == "请填写服务器、用户名。"
    assert load_connection(prefs) is None


def test_the_window_opens_on_the_saved_server_with_the_password_asked(
    qtbot, monkeypatch, data_dir: Path, postgres_server: PostgresServer, pg_demo_template: str
) -> None:
    name = postgres_server.new_database(pg_demo_template)
    paths = DataPaths(data_dir)
    save_connection(open_prefs(paths), ServerConnection("127.0.0.1", postgres_server.port, name, SUPERUSER))
    asked: list[str] = []

    def answer(dialog: ServerPasswordDialog) -> int:
        asked.append(dialog.error.text())
        dialog.password.setText("wrong" if len(asked) == 1 else PASSWORD)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ServerPasswordDialog, "exec", answer)
    window = open_chosen_database(paths, None, demo=True)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert asked[0] == "" and asked[1].startswith("数据库用户名或密码不对")  # asked again, saying why
        assert window.ui.ctx.db.engine.url.database == name and window.ui.ctx.paths.on_server
        assert window.counts_label.text().count("600") >= 1
    finally:
        window.ui.runner.wait(10_000)
        window.ui.ctx.db.dispose()
        postgres_server.drop_database(name)
