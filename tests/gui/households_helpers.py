"""Helpers for the 户籍管理 GUI tests: reach the tab, answer modal dialogs, ask SQLite directly."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTableView, QWidget

from fupin_desktop.domain import idcard
from fupin_desktop.ui.households.editor import HouseholdEditor
from fupin_desktop.ui.households.member_dialog import MemberDialog
from fupin_desktop.ui.households.tab import HouseholdsTab

D = TypeVar("D", bound=QDialog)


def households_tab(window: QWidget) -> HouseholdsTab:
    tab = window.findChild(HouseholdsTab, "householdsTab")
    assert tab is not None
    return tab


def when_shown(kind: type[D], act: Callable[[D], Any]) -> list[BaseException]:
    """Act on the next visible dialog of `kind` (shown within 5 s) once the event loop runs (e.g.
    inside its exec()).

    A failing action rejects the dialog so that the test fails instead of hanging; the error is kept
    in the returned list for the test to raise.
    """
    failures: list[BaseException] = []
    deadline = time.monotonic() + 5

    def run() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not dialogs:
            if time.monotonic() < deadline:  # none came: stop looking rather than haunt later tests
                QTimer.singleShot(20, run)
            return
        try:
            act(dialogs[-1])
        except BaseException as exc:
            failures.append(exc)
            dialogs[-1].reject()

    QTimer.singleShot(0, run)
    return failures


def trigger_and(action: Any, kind: type[D], act: Callable[[D], Any]) -> None:
    """Trigger `action` (a menu entry opening a modal `kind`), act on the dialog once it is shown, and
    raise what the act raised."""
    failures = when_shown(kind, act)
    action.trigger()
    if failures:
        raise failures[0]


def sql(folder: Path, query: str, *params: object) -> list[tuple]:
    connection = sqlite3.connect(folder / "fupin.sqlite")
    try:
        return connection.execute(query, params).fetchall()
    finally:
        connection.close()


def one(folder: Path, query: str, *params: object) -> Any:
    return sql(folder, query, *params)[0][0]


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type like a clerk: Chinese arrives from the input method as committed text, the rest as keys."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


NEW_ID = idcard.make("522425", date(2019, 6, 18), 24)  # a girl born 2019-06-18


def member_rows(editor: HouseholdEditor) -> list[list[str]]:
    model = editor.findChild(QTableView, "memberTable").model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def add_member(editor: HouseholdEditor, fill) -> list[BaseException]:
    failures = when_shown(MemberDialog, fill)
    editor.findChild(QPushButton, "addMember").click()
    return failures
