"""Fonts, the application's look, and Qt's own texts in Chinese."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from fupin_desktop.fonts import FAMILY, font_path
from fupin_desktop.ui.icon import app_icon

PREFERRED_UI_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei")  # Windows' own Chinese UI font

_registered: list[str] = []
_translators: list[QTranslator] = []  # kept alive: Qt holds only a pointer


def install_qt_translations(app: QApplication) -> bool:
    """Qt's built-in texts (是/否/确定 buttons, 撤销/复制/粘贴 in text boxes) in Simplified Chinese."""
    if _translators:
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def register_qt_font() -> str:
    """Load the embedded font into Qt once; returns its family name."""
    if not _registered:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _registered.append(families[0] if families else FAMILY)
    return _registered[0]


def apply_theme(app: QApplication) -> None:
    app.setWindowIcon(app_icon())
    install_qt_translations(app)
    embedded = register_qt_font()
    available = set(QFontDatabase.families())
    family = next((f for f in PREFERRED_UI_FAMILIES if f in available), embedded)
    font = QFont(family)
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(
        """
        QTabBar::tab { padding: 6px 18px; }
        QStatusBar QLabel { padding: 0 8px; }
        QLabel[role="placeholder"] { color: #555; font-size: 12pt; padding: 24px; }
        QLabel[role="hint"] { color: #666; }
        QLabel[role="error"] { color: #b00020; }
        QLabel[role="heading"] { font-size: 14pt; font-weight: bold; padding: 4px 0; }
        QLabel[role="box"] { background: #f4f6f8; border: 1px solid #d5dbe1; padding: 8px; }
        """
    )
