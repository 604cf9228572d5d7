"""Child process for the `startup` benchmark: prints READY once the window is shown and the event loop
is idle. `bare` mode does the same with a bare QMainWindow + QTableView (the reference)."""

from __future__ import annotations

import sys
from pathlib import Path

mode, folder = sys.argv[1], sys.argv[2]

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

app = QApplication(["probe"])
if mode == "app":
    from fupin_desktop.app import create_main_window
    from fupin_desktop.ui.theme import apply_theme

    apply_theme(app)
    window = create_main_window(Path(folder))
else:
    window = QMainWindow()
    window.setCentralWidget(QTableView())
window.resize(1360, 860)
window.show()


def ready() -> None:
    print("READY", flush=True)
    app.quit()


QTimer.singleShot(0, ready)
app.exec()
