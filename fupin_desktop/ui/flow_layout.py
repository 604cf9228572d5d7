"""A row of widgets that wraps onto the next line when the window is too narrow for it (Qt's flow layout
example, https://doc.qt.io/qt-6/qtwidgets-layouts-flowlayout-example.html). Filter bars use it so that
at 125 % or 150 % display scaling (a 1366×768 or 1280×800 screen is then 1093 or 853 pixels wide) the
window still fits: the filters take two lines instead of pushing the window off the screen.

Each line's spare width goes to its first widget that expands horizontally (a search box), so on a wide
screen the bar looks like a plain row."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addSpacing(self, width: int) -> None:
        """A gap between two widgets of the same line; dropped where a line starts."""
        self.addItem(QSpacerItem(width, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    # ------------------------------------------------------------ QLayout

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        items = self._shown()
        width = sum(item.sizeHint().width() for item in items) + self.spacing() * max(len(items) - 1, 0)
        height = max((item.sizeHint().height() for item in items), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        """The widest widget: every other one can go onto a line of its own."""
        size = QSize()
        for item in self._shown():
            if item.spacerItem() is None:
                size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    # ------------------------------------------------------------ placing

    def _shown(self) -> list[QLayoutItem]:
        return [
            item
            for item in self._items
            if item.spacerItem() is not None or (item.widget() is not None and not item.widget().isHidden())
        ]

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            line = lines[-1]
            if item.spacerItem() is not None and not line:
                continue  # a gap at the start of a line
            wanted = item.sizeHint().width()
            if line and used + self.spacing() + wanted > width:
                if item.spacerItem() is not None:
                    continue
                lines.append([item])
                used = wanted
                continue
            used += (self.spacing() if line else 0) + wanted
            line.append(item)
        for line in lines:
            while line and line[-1].spacerItem() is not None:
                line.pop()
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        for n, line in enumerate(self._lines(area.width())):
            if n:
                y += self.spacing()
            widths = [min(item.sizeHint().width(), area.width()) for item in line]
            spare = area.width() - sum(widths) - self.spacing() * (len(line) - 1)
            grower = next((i for i, item in enumerate(line) if _expands(item)), None)
            if grower is not None and spare > 0:
                widths[grower] += spare
            height = max(item.sizeHint().height() for item in line)
            if apply:
                x = area.x()
                for item, item_width in zip(line, widths, strict=True):
                    item_height = min(item.sizeHint().height(), height)
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(item_width, item_height)))
                    x += item_width + self.spacing()
            y += height
        return y - rect.y() + margins.bottom()


def _expands(item: QLayoutItem) -> bool:
    widget = item.widget()
    if widget is None:
        return False
    return bool(widget.sizePolicy().expandingDirections() & Qt.Orientation.Horizontal)
