"""One rule for the Enter key in the program's dialogs: Enter in a line edit does what that field does
— add the 户编号 typed, check the path, search — and never presses the dialog's default button. A
clerk who types and presses Enter, as many forms invite, does not save a half-filled form or close the
dialog; saving is a click, Alt and the button's letter, or Enter on a focused button.

A dialog where Enter after the last field should act (signing in) connects that field's
`returnPressed` itself. Qt's own dialogs (the file chooser, input boxes) keep their behaviour.

    install_enter_guard(app)  # once; `build_main_window` and `app.main` do it
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
OUR_MODULES = "fupin_desktop."


class EnterGuard(QObject):
    """An application-wide event filter: an Enter key press in a line edit of one of our dialogs goes
    to the line edit and the widgets it sits in (a spin box, an editable combo box) — not further."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QLineEdit):
            return False
        key_event = event  # a QKeyEvent: PySide6 hands over the right subclass
        assert isinstance(key_event, QKeyEvent)
        if key_event.key() not in ENTER_KEYS:
            return False
        dialog = watched.window()
        if not isinstance(dialog, QDialog) or not type(dialog).__module__.startswith(OUR_MODULES):
            return False
        target: QWidget | None = watched
        while target is not None and target is not dialog:
            key_event.accept()
            if target.event(key_event) and key_event.isAccepted():
                break
            target = target.parentWidget()
        # Handled, and accepted: Qt passes an event on to the parent while it is ignored, whatever
        # the filter returns — so the dialog never sees it and its default button is not pressed.
        key_event.accept()
        return True


def install_enter_guard(app: QApplication) -> None:
    """Install the guard once on `app` (again is a no-op)."""
    if app.property("enterGuard"):
        return
    guard = EnterGuard(app)
    app.installEventFilter(guard)
    app.setProperty("enterGuard", True)
