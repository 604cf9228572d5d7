"""扫描照片…: a phone photo of a posted 明白卡 opened as an image file, read like a USB scanner's code.

The photo is loaded with Qt (`ui.photo_pixels`) and its codes found by `services.printing.card_photo`; a code
found then goes the same way as one typed into the search box (`HouseholdsTab.card_scanned`): the
household opens and the window says whether the posted card is current or what changed, with 重印.
Several cards on one photo: the clerk picks one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from fupin_desktop.errors import UserError
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.photo_pixels import photo_patterns, read_photo_codes

if TYPE_CHECKING:
    from fupin_desktop.ui.households.card_scan import CardStatusDialog
    from fupin_desktop.ui.households.tab import HouseholdsTab

FOLDER_KEY = "cards/photoFolder"
TITLE = "明白卡照片"


def photo_filter() -> str:
    """The file dialog's filter: the photo formats this Qt reads."""
    return f"照片 ({' '.join(photo_patterns())});;所有文件 (*)"


def scan_photo(tab: HouseholdsTab) -> CardStatusDialog | None:
    """Ask for a photo, read its card's code and show what it says (as `tab.card_scanned` does)."""
    prefs = tab.ui.prefs
    name, _ = QFileDialog.getOpenFileName(
        tab, "扫描明白卡照片：选择拍有二维码的照片", str(prefs.value(FOLDER_KEY, "") or ""), photo_filter()
    )
    if not name:
        return None
    path = Path(name)
    prefs.setValue(FOLDER_KEY, str(path.parent))
    try:
        with _waiting():
            codes = read_photo_codes(path)
    except (UserError, OSError) as exc:
        show_error(tab, exc, title=TITLE)
        return None
    code = codes[0] if len(codes) == 1 else pick_code(tab, codes)
    return tab.card_scanned(code) if code is not None else None


@contextmanager
def _waiting() -> Iterator[None]:
    """The wait cursor while a photo is read (a 12-megapixel JPEG: about 0.3 s)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def pick_code(parent: QWidget, codes: list[str]) -> str | None:
    """Several cards on one photo: which one to look at (None: none)."""
    from fupin_desktop.services.printing import describe_code

    labels = [f"{i}. {describe_code(code)}" for i, code in enumerate(codes, 1)]
    label, chosen = QInputDialog.getItem(
        parent,
        TITLE,
        f"照片里有 {len(codes)} 张明白卡的二维码（从上到下、从左到右）。选一张查看：",
        labels,
        0,
        False,
    )
    return codes[labels.index(label)] if chosen and label in labels else None
