"""文件 → 审计日志 → 校验: the viewer says the trail is intact, or where it was broken (issue 20 §5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import LOCAL_ADMIN
from fupin_desktop.services.storage.backups import backup_to
from fupin_desktop.ui.audit_viewer import AuditViewer


def test_the_verify_button_says_intact_then_names_the_edited_row(
    qtbot, make_window, demo_dir: Path, tmp_path: Path
) -> None:
    window = make_window(demo_dir, actor=LOCAL_ADMIN)
    for _ in range(3):
        backup_to(window.ui.ctx, tmp_path / "U盘")
    viewer = AuditViewer(window.ui, window)
    qtbot.addWidget(viewer)
    viewer.show()
    assert viewer.chain_status.isHidden()
    qtbot.mouseClick(viewer.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not viewer.chain_status.isHidden(), timeout=20_000)
    assert viewer.chain_status.text().startswith("审计日志完好：共 ")

    with sqlite3.connect(DataPaths(demo_dir).database) as connection:
        edited, at = connection.execute(
            "SELECT id, at FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET 1"
        ).fetchone()
        connection.execute("UPDATE audit_log SET user_name = 'someone else' WHERE id = ?", (edited,))
    viewer.search()
    viewer.chain_status.setText("")
    qtbot.mouseClick(viewer.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: viewer.chain_status.text() != "", timeout=20_000)
    text = viewer.chain_status.text()
    assert text.startswith(f"审计日志在编号 {edited} 的记录（{at[:19]}）处断开") and "被修改" in text
    selected = viewer.table.selectionModel().selectedRows()
    assert [viewer.model.ids[index.row()] for index in selected] == [edited]
    window.ui.runner.wait(10_000)
