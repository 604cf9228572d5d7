"""Drop-downs of the tabs' filter bars: "全部…" first, then the choices, refilled without losing the pick."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

# How long the filter bars wait after the last key before filtering (typing a name stays smooth).
TYPING_PAUSE_MS = 300


def filter_combo(name: str, all_text: str, width: int = 8) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(all_text, None)
    combo.setMinimumContentsLength(width)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMaxVisibleItems(20)
    return combo


def refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
    """Replace a combo's entries after the first ("全部…"), keeping the choice when it still exists."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    combo.blockSignals(False)
