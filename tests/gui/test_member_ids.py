"""The member dialog's 证件号码: sex and birth date filled from it, an invalid one refused with its
message, one already 在册 in another household named as it is typed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from fupin_desktop.ui.households import editor as editor_module
from fupin_desktop.ui.households.editor import CloseChoice
from fupin_desktop.ui.households.member_dialog import MemberDialog
from tests.gui.households_helpers import NEW_ID, add_member, member_rows, one, sql, type_text


@pytest.fixture(autouse=True)
def discard_when_closing(monkeypatch):
    """An editor left with changes asks about them when its window closes after the test: discard."""
    monkeypatch.setattr(editor_module, "ask_unsaved", lambda parent, number: CloseChoice.DISCARD)


def test_adding_a_member_by_id_fills_sex_and_birth_date(qtbot, opened, demo_dir: Path, answers) -> None:
    editor = opened(3, "家庭成员")
    before = len(member_rows(editor))
    seen: dict[str, object] = {}

    def fill(dialog: MemberDialog) -> None:
        type_text(qtbot, dialog.name_field, "新娃")
        dialog._set("relation", "之孙女")
        qtbot.keyClicks(dialog.id_field, NEW_ID)
        seen["sex"] = dialog._value("sex")
        seen["birth"] = dialog._value("birth_date")
        seen["status"] = dialog.findChild(QLabel, "idStatus").text()
        dialog._set("school_status", "学前教育")
        dialog.accept()

    failures = add_member(editor, fill)
    assert not failures, failures
    assert seen == {
        "sex": "女",
        "birth": date(2019, 6, 18),
        "status": "证件号码有效：女，2019年06月18日出生，7 岁。",
    }
    rows = member_rows(editor)
    assert len(rows) == before + 1
    assert rows[-1][:5] == ["新娃", "之孙女", "女", "2019-06-18", NEW_ID]
    assert "有未保存的修改" in editor.findChild(QLabel, "editorState").text()

    assert editor.save()
    stored = sql(
        demo_dir, "SELECT name, sex, birth_date, relation, status FROM member WHERE id_number = ?", NEW_ID
    )
    assert stored == [("新娃", "女", "2019-06-18", "之孙女", "在册")]
    audit = sql(
        demo_dir,
        "SELECT action, entity, summary, after FROM audit_log WHERE entity = 'member' ORDER BY id DESC LIMIT 1",
    )
    assert audit[0][:2] == ("新增", "member") and "新娃" in audit[0][2]
    assert json.loads(audit[0][3])["id_number"] == NEW_ID
    assert editor.findChild(QLabel, "editorState").text() == ""


def test_an_id_registered_in_another_household_is_named_as_it_is_typed(
    qtbot, opened, demo_dir: Path, answers
) -> None:
    editor = opened(3, "家庭成员")
    number, name, household = sql(
        demo_dir,
        "SELECT m.id_number, m.name, h.number FROM member m JOIN household h ON h.id = m.household_id"
        " WHERE m.status = '在册' AND length(m.id_number) = 18 AND h.id != 3 AND h.archived = 0"
        " ORDER BY m.id LIMIT 1",
    )[0]
    seen: dict[str, object] = {}

    def fill(dialog: MemberDialog) -> None:
        type_text(qtbot, dialog.name_field, "重号")
        qtbot.keyClicks(dialog.id_field, number)
        seen["status"] = dialog.findChild(QLabel, "idStatus").text()
        dialog.reject()

    failures = add_member(editor, fill)
    assert not failures, failures
    assert seen["status"].startswith(f"这个证件号码已登记在户 {household} 的“{name}”名下")


def test_an_invalid_id_is_refused_with_its_message(qtbot, opened, demo_dir: Path, answers) -> None:
    editor = opened(3, "家庭成员")
    bad = NEW_ID[:-1] + ("0" if NEW_ID[-1] != "0" else "1")
    seen: dict[str, object] = {}

    def fill(dialog: MemberDialog) -> None:
        type_text(qtbot, dialog.name_field, "错号")
        dialog._set("relation", "之孙女")
        qtbot.keyClicks(dialog.id_field, bad)
        seen["status"] = dialog.findChild(QLabel, "idStatus").text()
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["still_open"] = dialog.isVisible()
        seen["error"] = dialog.findChild(QLabel, "formError").text()
        seen["marked"] = dialog.id_field.property("problem")
        dialog.reject()

    failures = add_member(editor, fill)
    assert not failures, failures
    assert seen["status"] == "证件号码校验位错误（可能有数字输错）。"
    assert seen["still_open"] is True
    assert seen["error"] == "成员“错号”：证件号码校验位错误（可能有数字输错）。"
    assert seen["marked"] is True
    assert one(demo_dir, "SELECT count(*) FROM member WHERE name = '错号'") == 0
