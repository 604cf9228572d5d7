"""The editors when another PC saved the same record first (issue 19 §2): the save is refused with who
changed what and when, the clerk's own input stays in the form (the household editor lists it beside
what is stored now), and 重新载入 brings in the other clerk's change. Text fields stop at the column's
size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.assignments.helpers import list_helpers, update_helper
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.households.editing import load_draft, save_draft
from fupin_desktop.services.rectification.editing import update_task
from fupin_desktop.services.rectification.listing import list_tasks, task_detail
from fupin_desktop.services.register.areas import villages
from fupin_desktop.services.register.settings import get_settings, save_settings_and_thresholds
from fupin_desktop.services.register.thresholds import list_thresholds
from fupin_desktop.ui.assignments.helper_dialogs import HelperDialog
from fupin_desktop.ui.households import editor as editor_module
from fupin_desktop.ui.households.editor import CloseChoice, HouseholdEditor
from fupin_desktop.ui.households.section_lists import MeasureDialog
from fupin_desktop.ui.rectification.task_dialog import TaskDialog
from fupin_desktop.ui.settings_dialog import SettingsDialog
from tests.conftest import TODAY
from tests.gui.households_helpers import one, sql, type_text

ZHANG = Actor(username="zhang", display_name="张三", role=Role.CLERK)


@pytest.fixture(autouse=True)
def discard_when_closing(monkeypatch):
    monkeypatch.setattr(editor_module, "ask_unsaved", lambda parent, number: CloseChoice.DISCARD)


@pytest.fixture
def other_pc(demo_dir: Path) -> Iterator[ServiceContext]:
    """张三 at another PC, on the same database."""
    ctx = ServiceContext(db=open_database(DataPaths(demo_dir)), actor=ZHANG, today=lambda: TODAY)
    yield ctx
    ctx.db.dispose()


def basic(editor: HouseholdEditor):
    return editor.section(editor_module.BasicSection).forms[0]


def banner_text(editor: HouseholdEditor, name: str) -> str:
    label = editor.findChild(QLabel, name)
    assert label is not None
    return label.text() if label.isVisible() else ""


def test_a_save_over_another_clerks_save_is_refused_and_reload_is_offered(
    qtbot, opened, other_pc: ServiceContext, demo_dir: Path, answers
) -> None:
    editor = opened(3)
    old_address = one(demo_dir, "SELECT address FROM household WHERE id = 3")
    draft = load_draft(other_pc, 3)
    save_draft(other_pc, replace(draft, record=replace(draft.record, phone="13900001111")))
    (at,) = sql(demo_dir, "SELECT at FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    hour_minute = at[11:16]
    basic(editor).set_value("address", "新村组12号")

    assert not editor.save()

    number = draft.record.number
    message = banner_text(editor, "conflictMessage")
    assert message.startswith(f"户 {number} 已被 张三(zhang) 于 ") and hour_minute in message
    assert message.endswith("修改（户联系电话）。你的修改没有保存。")
    inputs = banner_text(editor, "conflictInputs")
    assert f"家庭住址：你的输入 新村组12号／现在库里 {old_address or '（空）'}" in inputs
    assert basic(editor).value("address") == "新村组12号"  # the clerk's input is still in the form
    assert editor.is_dirty() and "没有保存" in editor.state.text()
    assert answers == []  # a banner in the editor, not a box to click away
    assert one(demo_dir, "SELECT phone FROM household WHERE id = 3") == "13900001111"
    assert one(demo_dir, "SELECT address FROM household WHERE id = 3") == old_address

    reload = editor.findChild(QPushButton, "reloadButton")
    qtbot.mouseClick(reload, Qt.MouseButton.LeftButton)

    assert basic(editor).value("phone") == "13900001111"
    assert basic(editor).value("address") == old_address
    assert "家庭住址：你的输入 新村组12号" in banner_text(editor, "conflictInputs")  # still in sight
    assert "已重新载入" in banner_text(editor, "conflictHint") and not reload.isVisible()
    basic(editor).set_value("address", "新村组12号")
    assert editor.save()
    assert sql(demo_dir, "SELECT phone, address FROM household WHERE id = 3") == [
        ("13900001111", "新村组12号")
    ]
    assert not editor.banner.isVisible()


def test_text_fields_take_no_more_than_their_columns_hold(qtbot, opened) -> None:
    editor = opened(3)
    phone = basic(editor).fields["phone"]
    phone.clear()
    qtbot.keyClicks(phone, "1" * 45)
    assert basic(editor).value("phone") == "1" * 40  # 户联系电话 holds 40 characters
    assert basic(editor).fields["address"].maxLength() == 200

    measure = MeasureDialog(editor.context, None, editor)
    item = measure.form.fields["item"].lineEdit()
    type_text(qtbot, item, "项" * 70)  # as the input method commits Chinese
    assert measure.form.value("item") == "项" * 60
    measure.deleteLater()


# ---------------------------------------------------------------- the smaller editors


def test_the_helper_editor_refuses_and_reloads_on_request(
    make_window, other_pc: ServiceContext, demo_dir: Path, answers
) -> None:
    window = make_window(demo_dir)
    helper = next(h for h in list_helpers(window.ui.ctx) if not h.archived)
    dialog = HelperDialog(window, window.ui, villages(window.ui.ctx), helper)
    update_helper(
        other_pc, helper.id, replace(helper.as_input(), phone="13900005555"), version=helper.version
    )
    dialog.title.setText("副站长")

    dialog.accept()

    assert dialog.saved is None and answers[-1][0] == "别人已修改，未保存"
    assert answers[-1][1].startswith(f"帮扶人 {helper.name} 已被 张三(zhang) 于 ")
    assert "修改（联系电话）。你的修改没有保存。" in answers[-1][1]
    assert dialog.phone.text() == "13900005555"  # 是: reloaded
    dialog.title.setText("副站长")
    dialog.accept()
    assert dialog.saved is not None and (dialog.saved.phone, dialog.saved.title) == ("13900005555", "副站长")


def test_the_task_editor_refuses_and_keeps_the_input_when_not_reloading(
    make_window, other_pc: ServiceContext, demo_dir: Path, answers, monkeypatch
) -> None:
    window = make_window(demo_dir)
    detail = task_detail(
        window.ui.ctx, next(t.id for t in list_tasks(window.ui.ctx).rows if t.status == "待整改")
    )
    dialog = TaskDialog(window, window.ui, detail)
    update_task(other_pc, detail.id, replace(detail.draft, person="王小明"), version=detail.version)
    dialog.measures.setPlainText("先排查再整改")
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args: answers.append(args[1:3]) or QMessageBox.StandardButton.No
    )

    dialog.accept()

    assert answers[-1][1].startswith(f"整改任务第{detail.row.seq}项 已被 张三(zhang) 于 ")
    assert dialog.measures.toPlainText() == "先排查再整改"  # 否: the clerk's input stays
    assert task_detail(window.ui.ctx, detail.id).draft.person == "王小明"


def test_the_settings_screen_refuses_a_setting_changed_meanwhile(
    make_window, other_pc: ServiceContext, demo_dir: Path, answers
) -> None:
    window = make_window(demo_dir)
    dialog = SettingsDialog(window.ui.ctx, window)
    admin = other_pc.acting_as(replace(ZHANG, role=Role.ADMIN))
    base, rows = get_settings(admin), list_thresholds(admin)
    save_settings_and_thresholds(admin, replace(base, township="青山镇"), rows, base=base, base_rows=rows)
    dialog.township_edit.setText("白云乡")

    dialog.submit()

    assert answers[-1][1].startswith("设置 已被 张三(zhang) 于 ") and "修改（乡镇）" in answers[-1][1]
    assert dialog.township_edit.text() == "青山镇"  # reloaded
    assert dialog.findChild(QLabel, "settingsErrors").text().startswith("设置 已被 张三(zhang)")
    assert get_settings(window.ui.ctx).township == "青山镇"
