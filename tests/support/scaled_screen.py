"""Run as a program by tests/gui/test_scaled_screens.py: open the main window on a data folder on one
screen of the given logical size and scale (the offscreen platform, as Windows' display scaling gives
it), build every tab, and print as JSON what the test checks: the screen's available area, the window's
frame, and per tab the smallest size its layout allows and what of it lies off the screen."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path


def main() -> None:
    folder, width, height, scale = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    screens = {
        "windowFrameMargins": True,
        "screens": [
            {
                "name": "scaled",
                "x": 0,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": scale,
            }
        ],
    }
    config = Path(tempfile.mkdtemp()) / "screens.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + config.as_posix().removeprefix(config.drive)

    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QApplication

    app = QApplication([])
    from fupin_desktop.app import create_main_window
    from fupin_desktop.ui.screen_fit import FALLBACK_FRAME
    from fupin_desktop.ui.theme import apply_theme

    apply_theme(app)
    window = create_main_window(folder, today=lambda: date(2026, 11, 23))
    window.show()
    area = window.screen().availableGeometry()
    tabs = window.tabs
    report: dict[str, object] = {"area": [area.width(), area.height()], "tabs": {}}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        app.processEvents()
        window.ui.runner.wait(20_000)
        app.processEvents()
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
        inside = area.intersected(window.geometry())
        off = [
            button.text()
            for button in window.findChildren(QAbstractButton)
            if button.isVisible()
            and not inside.contains(QRect(button.mapToGlobal(QPoint(0, 0)), button.size()))
        ]
        report["tabs"][tabs.tabText(index)] = {
            "smallest": [
                smallest.width() + FALLBACK_FRAME.left() + FALLBACK_FRAME.right(),
                smallest.height() + FALLBACK_FRAME.top() + FALLBACK_FRAME.bottom(),
            ],
            "off_screen": off,
        }
    frame = window.frameGeometry()
    report["frame_inside"] = area.contains(frame)
    window.ui.runner.wait(20_000)
    window.ui.ctx.db.dispose()
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
