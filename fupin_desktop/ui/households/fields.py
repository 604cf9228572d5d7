"""Input widgets that can be empty (None) and a form that binds them to a record's attributes.

Every field has `value()`, `set_value(v)` and a `changed` signal, so a `FieldForm` can load a frozen
record, read the edited values back and highlight a field a problem names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from fupin_desktop.services.households import field_lengths

T = TypeVar("T")

EMPTY = ""
NO_DATE = QDate(1900, 1, 1)


class TextField(QLineEdit):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textChanged.connect(self.changed)

    def value(self) -> str | None:
        return self.text().strip() or None

    def set_value(self, value: str | None) -> None:
        self.setText(value or "")


class NoteField(QPlainTextEdit):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self.textChanged.connect(self.changed)

    def value(self) -> str | None:
        return self.toPlainText().strip() or None

    def set_value(self, value: str | None) -> None:
        self.setPlainText(value or "")


class NumberField(QLineEdit):
    """A number that may be left empty; `integer` fields return int."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, integer: bool = False, decimals: int = 2) -> None:
        super().__init__(parent)
        self.integer = integer
        validator = QDoubleValidator(0, 1e9, 0 if integer else decimals, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        validator.setLocale(QLocale.c())  # a decimal point, never a comma
        self.setValidator(validator)
        self.textChanged.connect(self.changed)

    def value(self) -> float | int | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            return None
        return int(number) if self.integer else number

    def set_value(self, value: float | None) -> None:
        if value is None:
            self.setText("")
        elif self.integer:
            self.setText(str(int(value)))
        else:
            text = repr(float(value))  # every digit stored, so loading and saving never rounds
            self.setText(text[:-2] if text.endswith(".0") else text)


class ChoiceField(QComboBox):
    """A drop-down of a code list with an empty first entry; a stored value missing from the list is
    kept (added at the end) so that loading and saving never changes data. `editable` lets the clerk
    type a value the list does not have."""

    changed = Signal()

    def __init__(
        self, values: Iterable[str], parent: QWidget | None = None, *, editable: bool = False
    ) -> None:
        super().__init__(parent)
        self.setEditable(editable)
        self.addItem(EMPTY)
        self.addItems([v for v in values if v])
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self.currentTextChanged.connect(self.changed)

    def value(self) -> str | None:
        return self.currentText().strip() or None

    def set_value(self, value: str | None) -> None:
        text = value or EMPTY
        if self.findText(text) < 0:
            self.addItem(text)
        self.setCurrentIndex(self.findText(text))


class YesNoField(QComboBox):
    """是 / 否 / (未填) for nullable booleans."""

    changed = Signal()
    _VALUES = (None, True, False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItems(["", "是", "否"])
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> bool | None:
        return self._VALUES[max(self.currentIndex(), 0)]

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex(self._VALUES.index(value))


class CheckField(QCheckBox):
    """A yes/no that is never empty (e.g. 临时编号)."""

    changed = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.toggled.connect(self.changed)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: bool) -> None:
        self.setChecked(bool(value))


class DateField(QDateEdit):
    """A date that may be empty (shown as 未填); `month` fields keep only year and month (YYYYMM)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, month: bool = False) -> None:
        super().__init__(parent)
        self.month = month
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM" if month else "yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText("未填")
        self.setToolTip("选中整个日期后按 Delete 清空")
        self.setDate(NO_DATE)
        self.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        if self.date() == NO_DATE:
            return None
        picked = self.date().toPython()
        return picked.replace(day=1) if self.month else picked

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value) if value else NO_DATE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete (or Backspace) on the whole date empties it."""
        whole = self.lineEdit().selectedText() == self.lineEdit().text()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and whole:
            self.setDate(NO_DATE)
            return
        super().keyPressEvent(event)


# Most characters each text field holds, by record ("household", "member", …): FieldForm(limits=…).
LENGTHS = field_lengths()


class FieldForm(QWidget):
    """A grid of labelled fields bound to attributes of a frozen record.

    `columns` pairs of (label, field) per row; a field may span the whole width (`wide`). `load(obj)`
    fills the fields, `apply(obj)` returns a copy with the edited values, `mark(name, message)` shows a
    problem on a field. `limits` (attribute → characters, services.households.editing.field_lengths) caps
    what a text field takes at what its column holds.
    """

    changed = Signal()

    def __init__(
        self, columns: int = 2, parent: QWidget | None = None, *, limits: Mapping[str, int] | None = None
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self.limits = limits or {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        for c in range(columns):
            self.grid.setColumnStretch(2 * c + 1, 1)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self._slot = 0

    def add(self, name: str, label: str, field: QWidget, *, wide: bool = False) -> QWidget:
        if wide and self._slot % self.columns:
            self._slot += self.columns - self._slot % self.columns
        row, col = divmod(self._slot, self.columns)
        caption = QLabel(label)
        caption.setBuddy(field)
        self.grid.addWidget(caption, row, 2 * col)
        span = 2 * self.columns - 1 if wide else 1
        self.grid.addWidget(field, row, 2 * col + 1, 1, span)
        field.setSizePolicy(QSizePolicy.Policy.Expanding, field.sizePolicy().verticalPolicy())
        self._slot += self.columns if wide else 1
        self.fields[name] = field
        self.labels[name] = caption
        field.changed.connect(self.changed)  # type: ignore[attr-defined]
        if name in self.limits:
            line = field.lineEdit() if isinstance(field, QComboBox) else field
            if isinstance(line, QLineEdit) and not isinstance(field, NumberField):
                line.setMaxLength(self.limits[name])
        return field

    def add_row_break(self) -> None:
        if self._slot % self.columns:
            self._slot += self.columns - self._slot % self.columns

    def value(self, name: str) -> Any:
        return self.fields[name].value()  # type: ignore[attr-defined]

    def set_value(self, name: str, value: Any) -> None:
        self.fields[name].set_value(value)  # type: ignore[attr-defined]

    def load(self, obj: object) -> None:
        for name in self.fields:
            self.set_value(name, getattr(obj, name))

    def apply(self, obj: T) -> T:
        return replace(obj, **{name: self.value(name) for name in self.fields})  # type: ignore[type-var]

    def mark(self, name: str, message: str) -> bool:
        """Highlight a field with the problem as its tooltip; False when this form has no such field."""
        field = self.fields.get(name)
        if field is None:
            return False
        field.setProperty("problem", True)
        field.setToolTip(message)
        field.style().unpolish(field)
        field.style().polish(field)
        return True

    def clear_marks(self) -> None:
        for field in self.fields.values():
            if field.property("problem"):
                field.setProperty("problem", False)
                field.setToolTip("")
                field.style().unpolish(field)
                field.style().polish(field)

    def set_read_only(self, read_only: bool) -> None:
        for field in self.fields.values():
            if isinstance(field, QLineEdit | QPlainTextEdit):
                field.setReadOnly(read_only)
            else:
                field.setEnabled(not read_only)


# Fields with a problem: a red frame the clerk sees at a glance (the tooltip says what is wrong).
PROBLEM_STYLE = """
*[problem="true"] { border: 2px solid #c62828; background: #fff3f3; }
"""
