"""The warning colours on screen (蓝签 · 黄牌 · 红灯, grey when closed): dots, tints and badge styles."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from fupin_desktop.domain.tasks import Colour

INK = {
    Colour.RED: "#C62828",
    Colour.YELLOW: "#C77C02",  # amber text reads on white; the dot is brighter
    Colour.BLUE: "#1565C0",
    Colour.GREY: "#6B7075",
}
DOT = {
    Colour.RED: "#E53935",
    Colour.YELLOW: "#F4B400",
    Colour.BLUE: "#1E88E5",
    Colour.GREY: "#A0A4A8",
}
TINT = {
    Colour.RED: "#FDECEA",
    Colour.YELLOW: "#FFF6DC",
    Colour.BLUE: "#E6F0FB",
    Colour.GREY: "#F0F1F2",
}
OVERDUE = QColor(INK[Colour.RED])


@cache
def dot_icon(colour: Colour, size: int = 12) -> QIcon:
    """A filled circle in the warning colour (the 预警 column, badges, the detail header)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(DOT[colour]))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return QIcon(pixmap)


def badge_style(colour: Colour) -> str:
    """A checkable pill: tinted, a stronger border and bold text when checked (filtering)."""
    return f"""
        QToolButton {{
            background: {TINT[colour]}; color: {INK[colour]};
            border: 1px solid {TINT[colour]}; border-radius: 11px; padding: 2px 10px;
        }}
        QToolButton:hover {{ border-color: {DOT[colour]}; }}
        QToolButton:checked {{ border: 2px solid {DOT[colour]}; font-weight: bold; }}
    """


def pill_style(colour: Colour) -> str:
    """A label showing a task's warning in the detail panel."""
    return (
        f"QLabel {{ background: {TINT[colour]}; color: {INK[colour]}; border-radius: 9px;"
        f" padding: 1px 8px; font-weight: bold; }}"
    )
