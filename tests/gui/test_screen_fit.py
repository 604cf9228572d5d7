"""Every window fits the common office screen, 1366×768 (issue 16 §4): the main window with its status
bar, each dialog, the household editor with its 保存 row, the print preview — their buttons all inside
the screen's available area. A size remembered larger than the screen is shrunk; sizes are remembered
per screen size. (tests/conftest.py gives the offscreen platform a 1366×768 screen and a 1920×1080 one
to its right.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from fupin_desktop.reports.cards import card_info, write_cards
from fupin_desktop.services.printing.cards import card_data
from fupin_desktop.settings import Settings
from fupin_desktop.ui.households.editor import HouseholdEditor
from fupin_desktop.ui.printing import show_pdf_preview
from fupin_desktop.ui.screen_fit import FALLBACK_FRAME, screen_key
from fupin_desktop.ui.settings_dialog import SettingsDialog
from tests.gui.households_helpers import households_tab
from tests.gui.test_enter_key import DIALOGS
from tests.printing_samples import household

OFFICE = QRect(0, 0, 1366, 768)
WIDE = QRect(1366, 0, 1920, 1080)
TASK_BAR = 48  # Windows 11's at 100 %; Windows 10's is 40


@pytest.fixture
def window(make_window, demo_dir: Path, monkeypatch: pytest.MonkeyPatch, qtbot):  # type: ignore[no-untyped-def]
    """The main window, shown on the office screen; message boxes and file choosers answer at once."""
    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    window = make_window(demo_dir)
    window.show()
    qtbot.waitExposed(window)
    return window


def checked_widgets(window: QWidget) -> list[QWidget]:
    """What a clerk must reach: every visible button and scrolled area (a button inside a scrolled
    area is reached by scrolling it), and the status bar."""
    found: list[QWidget] = [window.statusBar()] if isinstance(window, QMainWindow) else []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QAbstractScrollArea) or not widget.isVisible():
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not window and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is window:
            found.append(widget)
    return found


def off_screen(window: QWidget) -> list[str]:
    """What of `window` lies outside the available area of its screen (or outside the window itself,
    squeezed out by a layout that does not fit)."""
    area = window.screen().availableGeometry()
    problems = [] if area.contains(window.frameGeometry()) else [f"frame {window.frameGeometry()}"]
    inside = area.intersected(window.geometry())
    for widget in checked_widgets(window):
        rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        if not inside.contains(rect):
            label = widget.text() if isinstance(widget, QAbstractButton) else ""
            problems.append(f"{type(widget).__name__} {label or widget.objectName()} at {rect}")
    return problems


def shown(qtbot, dialog: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_tests_run_on_an_office_screen_beside_a_wide_one(qapp) -> None:  # type: ignore[no-untyped-def]
    screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
    assert screens == [OFFICE, WIDE]
    assert QGuiApplication.primaryScreen().availableGeometry() == OFFICE


def test_the_main_window_and_its_status_bar_fit_at_first_start(window) -> None:  # type: ignore[no-untyped-def]
    assert window.screen().availableGeometry() == OFFICE
    assert off_screen(window) == []
    assert window.statusBar().isVisible() and window.counts_label.isVisible()
    assert window.width() > 1200  # roomy, not shrunk to its minimum


def test_a_geometry_saved_on_a_bigger_screen_is_brought_inside(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from fupin_desktop.app import open_prefs
    from fupin_desktop.paths import DataPaths

    big = QWidget()
    big.setGeometry(900, 500, 1900, 1200)  # half off the office screen, taller than it
    prefs = open_prefs(DataPaths(demo_dir))
    prefs.setValue("mainWindow/geometry", big.saveGeometry())  # as versions before per-screen sizes did
    prefs.sync()
    window = make_window(demo_dir)
    window.show()
    qtbot.waitExposed(window)
    assert off_screen(window) == []
    window.close()
    saved = open_prefs(DataPaths(demo_dir)).value(screen_key("mainWindow/geometry", OFFICE))
    assert isinstance(saved, QByteArray) and not saved.isEmpty()  # kept for this screen size


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_dialog_fits(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, DIALOGS[name](window))
    assert off_screen(dialog) == []
    dialog.reject()


def test_the_household_editor_fits_with_its_save_row(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = households_tab(window).open_household(1)
    assert isinstance(editor, HouseholdEditor)
    qtbot.waitExposed(editor)
    assert off_screen(editor) == []
    assert editor.save_button.isVisible() and editor.cancel_button.isVisible()
    # Still room for it on the office screen less a task bar and a title bar.
    smallest = editor.minimumSize().expandedTo(editor.minimumSizeHint())
    frame = FALLBACK_FRAME.top() + FALLBACK_FRAME.bottom()
    assert smallest.height() + frame <= OFFICE.height() - TASK_BAR
    assert smallest.width() <= OFFICE.width()
    editor.discard()


def test_the_print_preview_fits(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "cards.pdf"
    today = date(2026, 11, 23)
    write_cards(pdf, [card_data(household(3, 1), Settings(), today)], card_info(today, "云岭县清水镇", 1))
    preview = show_pdf_preview(window, window.ui, pdf, "明白卡（1户）")
    qtbot.addWidget(preview)
    qtbot.waitExposed(preview)
    assert off_screen(preview) == []
    assert preview.height() > 600  # an A4 page as tall as the screen allows
    preview.close()


def test_a_remembered_size_larger_than_the_screen_is_shrunk(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.ui.prefs.setValue(screen_key("windowSize/settingsDialog", OFFICE), QSize(3000, 2000))
    dialog = shown(qtbot, SettingsDialog(window.ui.ctx, window))
    assert dialog.objectName() == "settingsDialog"
    assert off_screen(dialog) == []
    assert dialog.width() > 1300 and dialog.height() > 700  # as large as the screen allows
    dialog.reject()


def test_sizes_are_remembered_per_screen(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    key = "windowSize/settingsDialog"

    def open_on(area: QRect) -> QWidget:
        window.move(area.topLeft() + QPoint(20, 20))
        qtbot.waitUntil(lambda: window.screen().availableGeometry() == area)
        return shown(qtbot, SettingsDialog(window.ui.ctx, window))

    dialog = open_on(OFFICE)
    first = dialog.size()
    dialog.resize(first + QSize(60, 40))
    dialog.close()
    assert window.ui.prefs.value(screen_key(key, OFFICE)) == first + QSize(60, 40)

    dialog = open_on(WIDE)
    assert dialog.size() == first  # nothing remembered for this screen yet
    assert dialog.screen().availableGeometry() == WIDE and off_screen(dialog) == []
    dialog.resize(1500, 950)
    dialog.close()

    assert open_on(OFFICE).size() == first + QSize(60, 40)
    assert open_on(WIDE).size() == QSize(1500, 950)
    assert window.ui.prefs.value(screen_key(key, WIDE)) == QSize(1500, 950)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SettingsDialog):
            widget.close()
