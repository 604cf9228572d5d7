"""已核实无误: the note a clerk writes when a finding is checked and found right."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fupin_desktop.domain.checks import Finding

SHOWN = 5


class ReviewDialog(QDialog):
    def __init__(self, findings: Sequence[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle("标记为已核实无误")
        listed = "\n".join(f"· {f.household} {f.member}　{f.message}" for f in findings[:SHOWN])
        more = f"\n……等共 {len(findings)} 条" if len(findings) > SHOWN else ""
        intro = QLabel(
            f"以下 {len(findings)} 条核查结果经核实无误，不再列为问题；这一户的数据以后有改动时会重新提示：\n"
            f"{listed}{more}"
        )
        intro.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setObjectName("reviewNote")
        self.note.setPlaceholderText("核实情况（必填），例如：经入户核实，户主持有的证件与登记一致。")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("已核实无误(&K)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.note.textChanged.connect(lambda: self.ok.setEnabled(bool(self.text())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        label = QLabel("核实情况(&N)：")
        label.setBuddy(self.note)
        layout.addWidget(label)
        layout.addWidget(self.note, 1)
        layout.addWidget(buttons)
        self.resize(560, 340)

    def text(self) -> str:
        return self.note.toPlainText().strip()
