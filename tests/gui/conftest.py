"""Fixtures the household GUI tests share: an opened household editor, and message boxes recorded
instead of shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from fupin_desktop.ui.households.editor import HouseholdEditor
from tests.gui.households_helpers import households_tab


@pytest.fixture
def opened(qtbot, make_window, demo_dir: Path):
    """Open a household's editor in a new main window; the tab is the editor's parent."""

    def open_at(household_id: int, section: str | None = None) -> HouseholdEditor:
        editor = households_tab(make_window(demo_dir)).open_household(household_id, section)
        assert isinstance(editor, HouseholdEditor)
        return editor

    return open_at


@pytest.fixture
def answers(monkeypatch):
    """Record message boxes instead of showing them; questions are answered Yes."""
    seen: list[tuple[str, str]] = []

    def record(kind: str, reply=QMessageBox.StandardButton.Ok):
        def box(_parent, title, text, *args, **kwargs):
            seen.append((title, text))
            return reply

        monkeypatch.setattr(QMessageBox, kind, box)

    record("warning")
    record("information")
    record("question", QMessageBox.StandardButton.Yes)
    return seen
