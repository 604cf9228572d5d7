"""The editor's fields give back exactly what they were given: opening a household changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fupin_desktop.services.households.editing import load_draft
from fupin_desktop.services.households.incomes import same_income
from fupin_desktop.ui.households.fields import ChoiceField, DateField, NumberField, TextField, YesNoField
from tests.gui.households_helpers import households_tab


@pytest.mark.parametrize("value", [None, 0.0, 5.1, 5.125, 34449.99, 123456.78, 12000.0])
def test_number_field_round_trips(qtbot, value: float | None) -> None:
    field = NumberField()
    qtbot.addWidget(field)
    field.set_value(value)
    assert field.value() == value


def test_other_fields_round_trip(qtbot) -> None:
    choice = ChoiceField(["户主", "配偶"])
    for widget in (choice,):
        qtbot.addWidget(widget)
    choice.set_value("之姑姑")  # imported, not in the list: kept
    assert choice.value() == "之姑姑"
    choice.set_value(None)
    assert choice.value() is None
    for value in (None, True, False):
        yes_no = YesNoField()
        qtbot.addWidget(yes_no)
        yes_no.set_value(value)
        assert yes_no.value() is value
    for month, value, expected in (
        (False, date(2026, 3, 17), date(2026, 3, 17)),
        (True, date(2026, 3, 1), date(2026, 3, 1)),
        (False, None, None),
    ):
        field = DateField(month=month)
        qtbot.addWidget(field)
        field.set_value(value)
        assert field.value() == expected
    field = DateField()
    qtbot.addWidget(field)
    field.set_value(date(2026, 3, 17))
    field.lineEdit().selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)  # a clerk empties a date
    assert field.value() is None and field.text() == "未填"
    text = TextField()
    qtbot.addWidget(text)
    text.set_value("  ")
    assert text.value() is None


def test_opening_households_changes_nothing(qtbot, make_window, demo_dir: Path) -> None:
    tab = households_tab(make_window(demo_dir))
    for household in tab.filtered_household_ids()[::10]:
        draft = load_draft(tab.ui.ctx, household)
        editor = tab.open_household(household)
        shown = editor.current_draft()
        assert all(same_income(a, b) for a, b in zip(shown.record.incomes, draft.record.incomes, strict=True))
        assert replace(shown.record, incomes=()) == replace(draft.record, incomes=()), household
        assert (shown.village_id, shown.group_id) == (draft.village_id, draft.group_id)
        assert not editor.is_dirty()
        editor.discard()
