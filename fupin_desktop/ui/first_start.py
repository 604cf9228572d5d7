"""The first start on an empty database: import from Excel, build the demo township, or start blank."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class FirstStartChoice(StrEnum):
    IMPORT = "import"
    DEMO = "demo"
    BLANK = "blank"


class FirstStartDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, can_import: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("欢迎使用防返贫监测工作台")
        self.choice: FirstStartChoice | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            "这是一个新的数据库，里面还没有农户。请选择怎样开始：\n\n"
            "• 导入 Excel：导入全国防返贫监测信息系统导出的表格或本程序的模板；\n"
            "• 生成示范数据：先用一个虚构的示范乡镇熟悉程序（以后可以替换）；\n"
            "• 从空白开始：填好乡镇名称，逐户录入。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.township = QLineEdit()
        self.township.setObjectName("townshipEdit")
        self.township.setPlaceholderText("例如：清水镇")
        self.county = QLineEdit()
        self.county.setPlaceholderText("例如：云岭县")
        form.addRow("乡镇名称", self.township)
        form.addRow("所属县（市、区）", self.county)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.import_button = QPushButton("导入 Excel(&I)…")
        self.import_button.setEnabled(can_import)
        self.demo_button = QPushButton("生成示范数据(&D)")
        self.blank_button = QPushButton("从空白开始(&B)")
        self.blank_button.setDefault(True)
        for button, choice in (
            (self.import_button, FirstStartChoice.IMPORT),
            (self.demo_button, FirstStartChoice.DEMO),
            (self.blank_button, FirstStartChoice.BLANK),
        ):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        layout.addWidget(buttons)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)

    def _choose(self, choice: FirstStartChoice) -> None:
        if choice == FirstStartChoice.BLANK and not self.township.text().strip():
            self.error.setText("请先填写乡镇名称。")
            self.township.setFocus()
            return
        self.choice = choice
        self.accept()
