"""The main window on real services and a temporary database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QWidget

from fupin_desktop.app import first_start
from fupin_desktop.services.register.settings import get_settings
from fupin_desktop.ui.first_start import FirstStartDialog


def test_window_shows_four_tabs_township_and_counts(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    window.show()
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["户籍管理", "挂图作战", "整改清单", "数据核查"]
    assert window.windowTitle().startswith("清水镇")
    counts = window.findChild(QLabel, "countsLabel").text()
    assert "12 个村" in counts and "600 户" in counts
    assert str(demo_dir) in window.findChild(QLabel, "dataFolderLabel").text()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "打印(&P)", "帮助(&H)"]


def test_demo_flag_says_so_in_the_title(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir, demo=True)
    assert window.windowTitle().endswith("（示范数据，示范管理员已自动登录）")


def test_first_start_on_an_empty_database_builds_the_demo(qtbot, make_window, data_dir: Path) -> None:
    window = make_window(data_dir)
    assert "0 户" in window.counts_label.text()

    def choose_demo() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, FirstStartDialog) and w.isVisible()
        )
        dialog.township.setText("测试镇")
        dialog.demo_button.click()

    QTimer.singleShot(100, choose_demo)
    with qtbot.waitSignal(
        window.ui.events.data_changed, timeout=60_000, check_params_cb=lambda w: w == "all"
    ):
        first_start(window, demo=False)
    qtbot.waitUntil(lambda: "2400 户" in window.counts_label.text(), timeout=10_000)
    assert window.windowTitle().startswith("清水镇")


def test_first_start_blank_needs_a_township_name(qtbot, make_window, data_dir: Path) -> None:
    window = make_window(data_dir)
    seen = []

    def fill() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, FirstStartDialog) and w.isVisible()
        )
        dialog.blank_button.click()  # no name yet: refused with a message
        seen.append(dialog.error.text())
        dialog.township.setText("白云镇")
        dialog.blank_button.click()

    QTimer.singleShot(100, fill)
    first_start(window, demo=False)
    assert seen == ["请先填写乡镇名称。"]
    assert get_settings(window.ui.ctx).township == "白云镇"
    assert window.windowTitle().startswith("白云镇")


def test_first_start_stays_quiet_on_a_database_with_data(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    first_start(window, demo=False)  # returns at once: no dialog to answer
    assert not any(isinstance(w, FirstStartDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_smoke_test_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fupin_desktop.app", "--smoke-test", "--data-dir", str(tmp_path / "s")],
        capture_output=True,
        check=False,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "自检通过" in result.stdout.decode("utf-8")
    assert (tmp_path / "s" / "fupin.sqlite").exists()


def test_other_tabs_are_built_when_first_shown(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    window.show()
    assert window.findChild(QWidget, "householdsTab") is not None
    assert window.findChild(QWidget, "assignmentsTab") is None  # not built at start-up
    window.tabs.setCurrentIndex(1)
    assignments = window.findChild(QWidget, "assignmentsTab")
    assert assignments is not None and window.tabs.currentWidget() is assignments
    assert window.tabs.tabText(1) == "挂图作战"
    # Asking for a tab from code builds it without bringing it forward.
    rectification = window.tab("rectificationTab")
    assert rectification.objectName() == "rectificationTab" and window.tabs.currentWidget() is assignments
    assert window.show_tab("rectificationTab") is rectification and window.tabs.currentIndex() == 2


def test_start_up_does_not_load_the_document_and_workbook_libraries(demo_dir: Path) -> None:
    """The window opens without reportlab, openpyxl, matplotlib or calamine: they load on first use
    (the start-up budget of DESIGN §5 has no room for them)."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from fupin_desktop.app import create_main_window\n"
        f"window = create_main_window(__import__('pathlib').Path({str(demo_dir)!r}), demo=True)\n"
        "window.show(); app.processEvents()\n"
        "heavy = ('reportlab', 'openpyxl', 'matplotlib', 'python_calamine', 'lxml', 'alembic')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_program_has_its_own_icon(qtbot, make_window, demo_dir: Path) -> None:
    from PySide6.QtGui import QColor

    from fupin_desktop.ui.icon import paint_icon

    make_window(demo_dir)
    assert not QApplication.instance().windowIcon().isNull()
    image = paint_icon(64)
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corner
    assert image.pixelColor(6, 32) == QColor("#C0392B")  # the tile
    assert image.pixelColor(32, 20) == QColor("white")  # the house


def test_qt_own_buttons_speak_chinese(qtbot, make_window, demo_dir: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = make_window(demo_dir)
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t", QMessageBox.StandardButton.Yes, window)
    box.addButton(QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"是(Y)", "否(N)"}
