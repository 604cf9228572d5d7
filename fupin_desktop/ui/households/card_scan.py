"""What a scanned 明白卡 says against the register (卡、机一致): shown over the household it opened, with
重印 to print that household's card again."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from fupin_desktop.services.printing import CardStatus
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.print_actions import print_cards


class CardStatusDialog(QDialog):
    """The verdict on one scanned card: current, or which sections changed since it was printed."""

    def __init__(self, parent: QWidget | None, ui: UiContext, status: CardStatus) -> None:
        super().__init__(parent)
        self.ui = ui
        self.status = status
        self.setObjectName("cardStatusDialog")
        self.setWindowTitle("明白卡是最新的" if status.current else "明白卡需要重印")
        self.text = QLabel(status.message, self)
        self.text.setObjectName("cardStatusText")
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.reprint_button = QPushButton("重印明白卡(&P)", self)
        self.reprint_button.setObjectName("reprintCard")
        buttons.addButton(self.reprint_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeCardStatus")
        (close if status.current else self.reprint_button).setDefault(True)
        self.reprint_button.clicked.connect(self.reprint)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def reprint(self) -> None:
        owner = self.parentWidget()
        self.accept()
        print_cards(owner, self.ui, [self.status.household_id])


def show_card_status(parent: QWidget, ui: UiContext, status: CardStatus) -> CardStatusDialog:
    dialog = CardStatusDialog(parent, ui, status)
    dialog.open()
    return dialog
