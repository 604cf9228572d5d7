"""Restoring from a backup: the offer when the database is damaged at start, and the confirmation before
文件 → 恢复… replaces the data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop import APP_NAME
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.storage import DAMAGED_FOLDER, BackupContents


def describe_backup(contents: BackupContents) -> str:
    township = contents.township or "（未设置乡镇名称）"
    return (
        f"备份时间：{contents.taken_at:%Y年%m月%d日 %H:%M}\n"
        f"内容：{township}，{contents.households} 户 {contents.members} 人\n"
        f"文件：{contents.path}"
    )


def _text(text: str, *, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _warning_heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    return label


class RestoreOfferDialog(QDialog):
    """At start: the database is damaged. Offer the latest good backup, or say what to do without one."""

    def __init__(
        self,
        paths: DataPaths,
        problems: list[str],
        backup: BackupContents | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreOfferDialog")
        self.setWindowTitle(f"数据库已损坏 — {APP_NAME}")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(_warning_heading("数据库文件已损坏"))
        layout.addWidget(_text(f"启动检查发现数据库 {paths.database} 已损坏，继续使用可能丢失或弄乱数据。"))
        details = " ".join(" ".join(problems[:3]).split()) or "无法读取"
        technical = _text(f"检查结果（供技术人员参考）：{details}", selectable=True)
        technical.setProperty("role", "hint")
        layout.addWidget(technical)
        buttons = QDialogButtonBox()
        if backup is not None:
            layout.addWidget(_text("可以从最近一次完好的备份恢复："))
            details = _text(describe_backup(backup), selectable=True)
            details.setObjectName("offeredBackup")
            details.setProperty("role", "box")
            layout.addWidget(details)
            layout.addWidget(
                _text(
                    f"损坏的文件会移到 {paths.backups / DAMAGED_FOLDER} 文件夹保存，不会删除。"
                    "这个备份之后录入的数据需要重新录入。"
                )
            )
            self.restore_button = QPushButton("从这个备份恢复")
            self.restore_button.setObjectName("restoreButton")
            self.restore_button.setDefault(True)
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(self.accept)
        else:
            layout.addWidget(
                _text(
                    f"在 {paths.backups} 中没有找到完好的备份。请不要删除或覆盖数据文件夹，"
                    "把它整个复制到U盘，联系技术支持人员修复。"
                    "如果在U盘等其他地方保存过备份，可以在命令行运行“fupin restore 备份文件”恢复。"
                )
            )
        quit_button = buttons.addButton("退出程序", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitButton")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class RestoreConfirmDialog(QDialog):
    """文件 → 恢复…: what the chosen backup holds and what restoring it does; 取消 is the default."""

    def __init__(self, contents: BackupContents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreConfirmDialog")
        self.setWindowTitle("从备份恢复")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(_text("备份文件检查完好："))
        details = _text(describe_backup(contents), selectable=True)
        details.setObjectName("backupDetails")
        details.setProperty("role", "box")
        layout.addWidget(details)
        layout.addWidget(
            _text(
                "恢复后，当前的全部数据将被这个备份替换。当前数据会先自动另存为备份（backups 文件夹，"
                "名称含“恢复前”），需要时可以再恢复回来；审计日志会保留。\n\n确定要恢复吗？"
            )
        )
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        cancel = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        cancel.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
