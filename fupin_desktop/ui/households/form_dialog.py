"""A dialog around field forms: 确定 runs the subclass's `problems()` and stays open, with the fields
highlighted and the messages shown, until there are none."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fupin_desktop.ui.households.fields import PROBLEM_STYLE, FieldForm


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(PROBLEM_STYLE)
        self.forms: list[FieldForm] = []
        self.body = QVBoxLayout(self)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        """Call after adding the forms: the message line and the buttons go last."""
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def add_form(self, form: FieldForm) -> FieldForm:
        self.forms.append(form)
        return form

    def problems(self) -> list[tuple[str | None, str]]:
        """(field name or None, Chinese message) for everything that must be fixed first."""
        return []

    def show_problems(self, problems: list[tuple[str | None, str]]) -> None:
        for form in self.forms:
            form.clear_marks()
        for name, message in problems:
            if name:
                for form in self.forms:
                    form.mark(name, message)
        self.error.setText("\n".join(message for _, message in problems))
        self.error.setVisible(bool(problems))

    def accept(self) -> None:
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            first = next((n for n, _ in problems if n), None)
            for form in self.forms:
                if first in form.fields:
                    form.fields[first].setFocus()
            return
        super().accept()
