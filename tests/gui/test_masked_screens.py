"""Issue 20 §1 on screen: where an ID number is shown masked (first 6 + ******** + last 4), nothing on the
same screen gives back the hidden digits. A 只读 user opens the household editor on a demo household and
every member: every cell of the members table and every label and field of each member's dialog are read
and attacked as tests/test_mask_rebuild.py attacks the masked files. None may give a number back. A clerk,
who may see full numbers, still sees and edits the birth date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QTableView, QWidget

from fupin_desktop.domain import idcard
from fupin_desktop.services.context import Actor, Role
from fupin_desktop.ui.households import editor as editor_module
from fupin_desktop.ui.households.editor import CloseChoice, HouseholdEditor
from fupin_desktop.ui.households.member_dialog import MemberDialog
from fupin_desktop.ui.households.section_members import MembersSection
from tests.gui.households_helpers import households_tab, member_rows, sql
from tests.test_mask_rebuild import MASKED, rebuilt

READER = Actor("wang", "王主任", Role.READER)


@pytest.fixture(autouse=True)
def discard_when_closing(monkeypatch):
    monkeypatch.setattr(editor_module, "ask_unsaved", lambda parent, number: CloseChoice.DISCARD)


def _household(folder: Path) -> int:
    """A household with at least three members holding 18-character ID numbers and birth dates."""
    return sql(
        folder,
        "SELECT household_id FROM member WHERE length(id_number) = 18 AND birth_date IS NOT NULL"
        " GROUP BY household_id HAVING count(*) >= 3 ORDER BY household_id LIMIT 1",
    )[0][0]


def _real(folder: Path) -> set[str]:
    return {n for (n,) in sql(folder, "SELECT id_number FROM member WHERE length(id_number) = 18")}


def _open(make_window, folder: Path, actor: Actor | None = None) -> HouseholdEditor:
    window = make_window(folder, actor=actor) if actor else make_window(folder)
    editor = households_tab(window).open_household(_household(folder), "家庭成员")
    assert isinstance(editor, HouseholdEditor)
    return editor


def _texts(widget: QWidget) -> list[str]:
    """Everything a user reads in a window: labels, line edits, date fields, lists' choices."""
    found = [w.text() for w in widget.findChildren(QLabel)] + [
        w.text() for w in widget.findChildren(QLineEdit)
    ]
    found += [w.text() for w in widget.findChildren(QAbstractSpinBox)]
    found += [w.currentText() for w in widget.findChildren(QComboBox)]
    return [t for t in found if t]


def _headers(editor: HouseholdEditor) -> list[str]:
    model = editor.findChild(QTableView, "memberTable").model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def _member_dialogs(editor: HouseholdEditor) -> list[list[str]]:
    section = editor.section(MembersSection)
    shown = []
    for row in range(len(section.members)):
        dialog: MemberDialog = section._dialog(row)  # what 编辑 opens, read without its modal loop
        try:
            shown.append([*_texts(dialog), dialog.windowTitle()])
        finally:
            dialog.close()
            dialog.deleteLater()
    return shown


def test_no_masked_number_can_be_rebuilt_from_the_household_editor_of_a_reader(
    qtbot, make_window, demo_dir: Path
) -> None:
    real = _real(demo_dir)
    editor = _open(make_window, demo_dir, READER)
    headers = _headers(editor)
    assert "出生年份" in headers and "出生日期" not in headers
    rows = member_rows(editor)
    masked = [cell for row in rows for cell in row if cell and MASKED.search(cell)]
    assert len(masked) >= 3  # the attack has masked numbers to work on
    born = [row[headers.index("出生年份")] for row in rows]
    assert all(len(year) == 4 and year.isdigit() for year in born if year)

    screen = [cell for row in rows for cell in row if cell] + _texts(editor)
    assert rebuilt(screen, real) == []  # the whole editor window at once
    for row in rows:
        assert rebuilt(list(row), real) == []
    dialogs = _member_dialogs(editor)
    assert len(dialogs) == len(rows)
    for texts in dialogs:
        assert any(MASKED.search(t) for t in texts) or not any("*" in t for t in texts)
        assert any(t.endswith(" 年") for t in texts)  # 出生年份
        assert rebuilt(texts + screen, real) == []


def test_the_attack_rebuilds_numbers_from_a_clerks_table_once_its_numbers_are_masked(
    qtbot, make_window, demo_dir: Path
) -> None:
    """The control: the clerk's table (full numbers, full birth dates) with the numbers masked as the
    reader's table used to show them gives every number back."""
    real = _real(demo_dir)
    editor = _open(make_window, demo_dir)
    rows = member_rows(editor)
    headers = _headers(editor)
    at = headers.index("证件号码")
    leaky = [[idcard.mask(c) if i == at and c and len(c) == 18 else c for i, c in enumerate(r)] for r in rows]
    full = [r[at] for r in rows if r[at] and len(r[at]) == 18 and r[at] in real]
    found = {n for row in leaky for n in rebuilt(row, real)}
    assert full and found == set(full)


def test_a_clerk_still_sees_and_edits_the_birth_date(qtbot, make_window, demo_dir: Path) -> None:
    editor = _open(make_window, demo_dir)
    headers = _headers(editor)
    assert "出生日期" in headers and "出生年份" not in headers
    section = editor.section(MembersSection)
    dialog = section._dialog(0)
    try:
        dialog._set("birth_date", date(1961, 4, 5))
        assert dialog.member().birth_date == date(1961, 4, 5)
    finally:
        dialog.close()
        dialog.deleteLater()


def test_a_readers_member_dialog_keeps_the_stored_birth_date(qtbot, make_window, demo_dir: Path) -> None:
    editor = _open(make_window, demo_dir, READER)
    section = editor.section(MembersSection)
    stored = section.members[0].birth_date
    dialog = section._dialog(0)
    try:
        assert dialog.member().birth_date == stored
        assert f"{stored:%Y-%m-%d}" not in _texts(dialog) and f"{stored:%Y} 年" in _texts(dialog)
    finally:
        dialog.close()
        dialog.deleteLater()
