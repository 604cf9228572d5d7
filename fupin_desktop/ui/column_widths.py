"""Column widths remembered per PC, restored so they never push columns off a smaller screen.

A clerk who widened 问题表现 to 900 px on a 1920-pixel monitor and then opens the program on the office's
1366-pixel PC must still see every column the table shows by default. `fit_widths` keeps the remembered
widths when they fit and otherwise takes the excess back from the columns that were widened, in proportion
to how much each was widened; a table whose default widths are already wider than the screen scrolls as it
always did, and never gets wider than that.

    header_widths = fit_widths(remembered, defaults, screen_width(table))
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MIN_WIDTH = 24  # a remembered width below this is a column the clerk cannot see: use its default


def fit_widths(remembered: object, defaults: Sequence[int], available: int) -> list[int]:
    """Widths to restore: `remembered` (as the settings file gave it back) when it is a width per column
    and fits in `available` pixels (or in the defaults' total, if that is wider), else shrunk to fit."""
    widths = _parsed(remembered, defaults)
    budget = max(available, sum(defaults))
    excess = sum(widths) - budget
    if excess <= 0:
        return widths
    growth = [max(0, w - d) for w, d in zip(widths, defaults, strict=True)]
    grown = sum(growth)  # ≥ excess, since sum(widths) - sum(defaults) ≤ grown and budget ≥ sum(defaults)
    fitted = [w - math.ceil(excess * g / grown) for w, g in zip(widths, growth, strict=True)]
    return [max(f, min(w, d)) for f, w, d in zip(fitted, widths, defaults, strict=True)]


def _parsed(remembered: object, defaults: Sequence[int]) -> list[int]:
    if not isinstance(remembered, list | tuple) or len(remembered) != len(defaults):
        return list(defaults)
    widths = []
    for value, default in zip(remembered, defaults, strict=True):
        text = str(value).strip()
        widths.append(int(text) if text.isdigit() and int(text) >= MIN_WIDTH else default)
    return widths


def screen_width(widget: QWidget, margin: int = 40) -> int:
    """The width a table can have on the screen `widget` is on (or the primary screen), less a margin
    for the window frame and the vertical scroll bar."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return max(0, screen.availableGeometry().width() - margin) if screen is not None else 0
