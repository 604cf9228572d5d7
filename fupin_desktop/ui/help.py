"""帮助 → 使用说明 (F1): the clerk's guide in a window of its own, opened at the section of the tab in front.

The guide is `resources/help/guide.html`; its screenshots are the README's (`paths.help_images_dir()`).
Everything is read from local files — the window works on an office PC that is never online. One window
per main window, not modal: a clerk reads it beside the work and Esc closes it.

    show_help(main_window, "checksTab")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextBlock, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.paths import help_images_dir, resources_dir
from fupin_desktop.ui.screen_fit import place_new_window, window_screen

GUIDE_FILE = "guide.html"
# The guide's section for each tab of the main window (`main_window.TABS` keys); anything else: the start
SECTIONS = {
    "householdsTab": "households",
    "assignmentsTab": "assignments",
    "rectificationTab": "rectification",
    "checksTab": "checks",
}
START = "start"
ANCHOR_ROLE = Qt.ItemDataRole.UserRole
WINDOW_SIZE = QSize(1120, 860)  # where the screen has room; less on a 1366×768 one
_IMAGE_WIDTH = re.compile(r'<img src="([^"]+)" width="(\d+)"')


@dataclass(frozen=True, slots=True)
class Heading:
    anchor: str
    title: str
    level: int  # 2 = a section, 3 = a part of one
    block: QTextBlock


def headings(document: QTextDocument) -> list[Heading]:
    """The guide's h2/h3 headings that carry an anchor, in order."""
    found = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level in (2, 3):
            names = [n for it in _fragments(block) for n in it.charFormat().anchorNames()]
            if names:
                found.append(Heading(names[0], block.text().strip(), level, block))
        block = block.next()
    return found


def _fragments(block: QTextBlock):  # type: ignore[no-untyped-def]
    it = block.begin()
    while not it.atEnd():
        yield it.fragment()
        it += 1


class GuideBrowser(QTextBrowser):
    """Reads the guide's pictures from `images` only, each scaled smoothly to the width the guide gives
    it (Qt's own scaling of a 1400-pixel screenshot to 640 is unreadable)."""

    def __init__(self, html: str, images: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images = images
        self.widths = {name: int(width) for name, width in _IMAGE_WIDTH.findall(html)}
        self.setOpenExternalLinks(False)
        self.setHtml(html)

    def loadResource(self, kind: int, name: QUrl) -> object:
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return super().loadResource(kind, name)
        image = QImage(str(self.images / name.toString()))
        width = self.widths.get(name.toString())
        if width and not image.isNull() and image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return image


class HelpWindow(QWidget):
    """The guide: contents on the left, the text on the right, 查找 above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle("使用说明 — 防返贫监测工作台")
        guide = resources_dir() / "help" / GUIDE_FILE
        self.browser = GuideBrowser(guide.read_text(encoding="utf-8"), help_images_dir(), self)
        self.browser.setObjectName("helpBrowser")
        self.headings = headings(self.browser.document())

        self.contents = QListWidget(self)
        self.contents.setObjectName("helpContents")
        for heading in self.headings:
            item = QListWidgetItem(("　　" if heading.level == 3 else "") + heading.title, self.contents)
            item.setData(ANCHOR_ROLE, heading.anchor)
            if heading.level == 2:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        self.contents.currentItemChanged.connect(
            lambda item, _old: item is not None and self.go_to(item.data(ANCHOR_ROLE))
        )
        self.browser.verticalScrollBar().valueChanged.connect(lambda _value: self._follow_scroll())

        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("helpFind")
        self.find_edit.setPlaceholderText("在说明中查找（Ctrl+F，回车找下一处）")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(lambda: self.find_next())
        next_button = QPushButton("下一处(&N)", self)
        next_button.clicked.connect(lambda: self.find_next())
        previous_button = QPushButton("上一处(&B)", self)
        previous_button.clicked.connect(lambda: self.find_next(backward=True))
        self.find_status = QLabel(self)
        self.find_status.setObjectName("helpFindStatus")
        find_bar = QHBoxLayout()
        find_bar.addWidget(self.find_edit, 1)
        find_bar.addWidget(next_button)
        find_bar.addWidget(previous_button)
        find_bar.addWidget(self.find_status)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(find_bar)
        right_layout.addWidget(self.browser, 1)
        split = QSplitter(self)
        split.addWidget(self.contents)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        QShortcut(QKeySequence(Qt.Key.Key_F3), self, lambda: self.find_next())
        QShortcut(QKeySequence("Shift+F3"), self, lambda: self.find_next(backward=True))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        place_new_window(self, WINDOW_SIZE, window_screen(self))

    # ------------------------------------------------------------ sections

    def go_to(self, anchor: str) -> None:
        """Scroll so that the section of `anchor` starts at the top, and mark it in the contents."""
        self.browser.scrollToAnchor(anchor)
        self._mark(anchor)

    def current_section(self) -> str:
        """The anchor of the section at the top of the text."""
        layout = self.browser.document().documentLayout()
        top = self.browser.verticalScrollBar().value()
        current = self.headings[0].anchor if self.headings else START
        for heading in self.headings:
            if layout.blockBoundingRect(heading.block).top() > top + 4:
                break
            current = heading.anchor
        return current

    def _follow_scroll(self) -> None:
        self._mark(self.current_section())

    def _mark(self, anchor: str) -> None:
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(ANCHOR_ROLE) == anchor and self.contents.currentItem() is not item:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)

    # ------------------------------------------------------------ 查找

    def _focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self, *, backward: bool = False) -> bool:
        """Select the next (or previous) place the 查找 text occurs, going round the end."""
        text = self.find_edit.text().strip()
        if not text:
            self.find_status.clear()
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # from the other end once
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.find_status.setText("" if found else f"找不到“{text}”")
        return found


def show_help(parent: QWidget, tab_key: str | None = None) -> HelpWindow:
    """Open (or bring forward) `parent`'s help window at the section of the tab `tab_key`."""
    window = next((w for w in parent.findChildren(HelpWindow)), None)
    if window is None:
        window = HelpWindow(parent)
    window.show()
    window.raise_()
    window.activateWindow()
    window.go_to(SECTIONS.get(tab_key or "", START))
    return window
