"""The program's icon, drawn in code: a white house with a tick on a red tile.

Drawn rather than shipped as a file so the window, the taskbar and the Windows program file (the
installer spec saves a 256-pixel copy at build time) share one picture and no binary is kept in git.
Only shapes, no text: painting needs no QApplication and no font.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

RED = QColor("#C0392B")
SIZES = (16, 24, 32, 48, 64, 128, 256)


def paint_icon(size: int) -> QImage:
    """The icon at `size` × `size` pixels, on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    unit = size / 64  # drawn on a 64-unit grid
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(RED)
    painter.drawRoundedRect(QRectF(2 * unit, 2 * unit, 60 * unit, 60 * unit), 12 * unit, 12 * unit)
    painter.setBrush(QColor("white"))
    roof = [QPointF(32 * unit, 10 * unit), QPointF(55 * unit, 31 * unit), QPointF(9 * unit, 31 * unit)]
    painter.drawPolygon(QPolygonF(roof))
    painter.drawRect(QRectF(16 * unit, 29 * unit, 32 * unit, 24 * unit))
    tick = QPainterPath(QPointF(23 * unit, 41 * unit))
    tick.lineTo(30 * unit, 47.5 * unit)
    tick.lineTo(42 * unit, 34 * unit)
    pen = QPen(RED, 5 * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(tick)
    painter.end()
    return image


def app_icon() -> QIcon:
    """The icon at the sizes Windows asks for (title bar, taskbar, Alt+Tab, large icons)."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(QPixmap.fromImage(paint_icon(size)))
    return icon
