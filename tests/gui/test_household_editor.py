"""The household editor on real services: members, validation, income, moves, archive, audit."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
)

from fupin_desktop.domain import idcard
from fupin_desktop.domain.income import IncomeCategory, IncomeLine, summarize
from fupin_desktop.ui.households import editor as editor_module
from fupin_desktop.ui.households.archive_dialog import ArchiveDialog
from fupin_desktop.ui.households.cost_helper import CostHelperDialog
from fupin_desktop.ui.households.editor import CloseChoice, HouseholdEditor
from fupin_desktop.ui.households.member_changes import MoveMemberDialog, RemoveMemberDialog
from fupin_desktop.ui.households.member_dialog import MemberDialog
from fupin_desktop.ui.households.section_income import IncomeSection
from fupin_desktop.ui.households.section_lists import MeasureDialog, VisitDialog
from fupin_desktop.ui.households.section_members import MembersSection
from fupin_desktop.ui.households.tab import HouseholdsTab
from tests.conftest import TODAY
from tests.gui.households_helpers import (
    NEW_ID,
    add_member,
    households_tab,
    member_rows,
    one,
    sql,
    type_text,
    when_shown,
)


@pytest.fixture(autouse=True)
def discard_when_closing(monkeypatch):
    """An editor left with changes asks about them when its window closes after the test: discard."""
    monkeypatch.setattr(editor_module, "ask_unsaved", lambda parent, number: CloseChoice.DISCARD)


def tab_of(editor: HouseholdEditor) -> HouseholdsTab:
    return editor.parent()  # type: ignore[return-value]


def members_of(editor: HouseholdEditor) -> MembersSection:
    return editor.section(MembersSection)  # type: ignore[return-value]


def test_saving_is_blocked_while_a_member_id_is_invalid(qtbot, opened, demo_dir: Path, answers) -> None:
    editor = opened(3, "基本信息")
    members = members_of(editor)
    original = members.members[0]
    wrong_check = "8" if original.id_number.endswith("9") else "9"
    members.members[0] = replace(original, id_number=original.id_number[:-1] + wrong_check)
    members._changed()
    assert not editor.save()
    assert answers and answers[-1][0] == "还不能保存"
    problems = editor.findChild(QListWidget, "editorProblems")
    assert problems.isVisible()
    assert problems.item(0).text().startswith("错误｜成员“")
    assert "证件号码校验位错误" in problems.item(0).text()
    assert editor.nav.currentItem().text() == "家庭成员"  # taken to the member concerned
    assert one(demo_dir, "SELECT id_number FROM member WHERE id = ?", original.id) == original.id_number


def test_a_second_head_is_refused(qtbot, opened, demo_dir: Path, answers) -> None:
    editor = opened(3, "家庭成员")
    head = one(demo_dir, "SELECT name FROM member WHERE household_id = 3 AND relation = '户主'")
    seen: dict[str, object] = {}

    def fill(dialog: MemberDialog) -> None:
        type_text(qtbot, dialog.name_field, "另一户主")
        dialog._set("relation", "户主")
        qtbot.keyClicks(dialog.id_field, NEW_ID)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.findChild(QLabel, "formError").text()
        dialog.reject()

    failures = add_member(editor, fill)
    assert not failures, failures
    assert seen == {
        "open": True,
        "error": f"一户只能有一位户主，现在 {head}、另一户主 都是户主：请改正其中一位的“与户主关系”。",
    }
    assert not editor.is_dirty()


def test_setting_another_head_restates_relations(qtbot, opened, demo_dir: Path, answers) -> None:
    household = one(
        demo_dir,
        "SELECT household_id FROM member WHERE relation = '配偶' AND household_id IN "
        "(SELECT household_id FROM member WHERE relation = '之子') LIMIT 1",
    )
    editor = opened(household, "家庭成员")
    members = members_of(editor)
    spouse = next(i for i, m in enumerate(members.members) if m.relation == "配偶")
    old_head = next(i for i, m in enumerate(members.members) if m.relation == "户主")
    members.select(spouse)
    editor.findChild(QPushButton, "makeHead").click()
    rows = member_rows(editor)
    assert rows[spouse][1] == "户主"
    assert rows[old_head][1] == "配偶"
    assert any(r[1] == "之子" for r in rows)  # the couple's son stays their son
    assert answers[-1][0] == "户主已变更"
    assert old_head in members.restated
    assert editor.save()
    assert one(demo_dir, "SELECT relation FROM member WHERE id = ?", members.members[spouse].id) == "户主"


def test_natural_decrease_keeps_the_member_in_history(qtbot, opened, demo_dir: Path, answers) -> None:
    household = one(
        demo_dir, "SELECT household_id FROM member GROUP BY household_id HAVING count(*) >= 3 LIMIT 1"
    )
    editor = opened(household, "家庭成员")
    members = members_of(editor)
    last = len(members.members) - 1
    members.select(last)

    def fill(dialog: RemoveMemberDialog) -> None:
        dialog.reason.set_value("死亡")
        dialog.when.set_value(date(2026, 10, 5))
        dialog.accept()

    failures = when_shown(RemoveMemberDialog, fill)
    editor.findChild(QPushButton, "removeMember").click()
    assert not failures, failures
    assert member_rows(editor)[last][-1] == "自然减少（死亡）"
    assert editor.save()
    member_id = members.members[last].id
    assert sql(demo_dir, "SELECT status, removed_reason, removed_on FROM member WHERE id = ?", member_id) == [
        ("自然减少", "死亡", "2026-10-05")
    ]
    assert (
        one(
            demo_dir, "SELECT action FROM audit_log WHERE entity = 'member' AND entity_id = ?", str(member_id)
        )
        == "自然减少"
    )


def test_a_natural_decrease_can_be_undone(qtbot, opened, demo_dir: Path, answers) -> None:
    household, member_id = sql(
        demo_dir,
        "SELECT household_id, max(id) FROM member WHERE status = '在册' AND relation != '户主' "
        "GROUP BY household_id HAVING count(*) >= 3 LIMIT 1",
    )[0]
    with sqlite3.connect(demo_dir / "fupin.sqlite") as db:  # removed by mistake earlier
        db.execute(
            "UPDATE member SET status = '自然减少', removed_reason = '死亡', removed_on = '2026-10-05' "
            "WHERE id = ?",
            (member_id,),
        )
    editor = opened(household, "家庭成员")
    members = members_of(editor)
    row = next(i for i, m in enumerate(members.members) if m.id == member_id)
    restore = editor.findChild(QPushButton, "restoreMember")
    members.select(0)
    assert not restore.isVisible()  # only for a member who left
    members.select(row)
    assert restore.isVisible() and restore.isEnabled()
    restore.click()
    assert answers[-1][0] == "恢复在册" and "死亡" in answers[-1][1]
    assert not member_rows(editor)[row][-1].startswith("自然减少")
    assert editor.save()
    assert sql(demo_dir, "SELECT status, removed_reason, removed_on FROM member WHERE id = ?", member_id) == [
        ("在册", None, None)
    ]
    assert one(
        demo_dir,
        "SELECT summary FROM audit_log WHERE entity = 'member' AND entity_id = ? AND action = '恢复在册'",
        str(member_id),
    ).endswith("恢复在册")


def income_labels(editor: HouseholdEditor) -> dict[str, str]:
    section = editor.section(IncomeSection)
    return {key: label.text() for key, label in section.total_labels.items()}  # type: ignore[attr-defined]


def test_income_totals_and_per_capita_against_the_threshold(qtbot, opened, demo_dir: Path, answers) -> None:
    editor = opened(3, "收支核算")
    year = TODAY.year
    lines = sql(
        demo_dir,
        "SELECT i.category, i.item, i.amount, i.policy FROM income_item i JOIN income_record r ON r.id = i.record_id "
        "WHERE r.household_id = 3 AND r.year = ?",
        year,
    )
    people = one(demo_dir, "SELECT count(*) FROM member WHERE household_id = 3 AND status = '在册'")
    expected = summarize(year, people, [IncomeLine(c, i, a, "", bool(p)) for c, i, a, p in lines], 8100.0)
    labels = income_labels(editor)
    assert labels["net"] == f"{expected.net:,.2f} 元"
    assert labels["per_capita"] == f"{expected.per_capita:,.2f} 元"
    assert labels["threshold"] == "8,100.00 元"
    assert labels["people"] == f"{people} 人"

    # A year of low income: the verdict turns red and says by how much.
    section: IncomeSection = editor.section(IncomeSection)  # type: ignore[assignment]
    section.lines.remove(list(range(len(section.lines.lines))))
    row = section.lines.add(IncomeCategory.WAGE, "务工收入")
    section.lines.setData(section.lines.index(row, 2), 3000 * people)
    row = section.lines.add(IncomeCategory.TRANSFER, "低保金")
    section.lines.setData(section.lines.index(row, 2), 1200.0)
    labels = income_labels(editor)
    net = 3000 * people + 1200.0
    assert labels["net"] == f"{net:,.2f} 元"
    assert labels["per_capita"] == f"{net / people:,.2f} 元"
    assert labels["verdict"] == f"低于监测范围 {8100 - round(net / people, 2):,.2f} 元"
    assert labels["policy"] == "1,200.00 元"
    assert labels["policy_share"] == f"{1200 / net:.1%}"

    assert editor.save()
    assert sql(
        demo_dir, "SELECT net_income, per_capita FROM income_record WHERE household_id = 3 AND year = ?", year
    ) == [(net, round(net / people, 2))]
    tab = tab_of(editor)
    tab.filters.below.setChecked(True)
    assert 3 in tab.filtered_household_ids()  # the table follows the cached per-capita income


def test_cost_ratio_helper_fills_the_expense(qtbot, opened, demo_dir: Path, answers) -> None:
    editor = opened(3, "收支核算")
    section: IncomeSection = editor.section(IncomeSection)  # type: ignore[assignment]
    business = sum(x.amount for x in section.lines.lines if x.category == "生产经营性收入")

    def fill(dialog: CostHelperDialog) -> None:
        dialog.inputs["林果"].set_value(1000)
        dialog.accept()

    failures = when_shown(CostHelperDialog, fill)
    editor.findChild(QPushButton, "costHelperButton").click()
    assert not failures, failures
    expense = [x for x in section.lines.lines if x.category == "生产经营性支出"]
    # Each product is estimated (and rounded to the fen) on its own.
    assert sum(x.amount for x in expense) == pytest.approx(business * 0.4 + 150.0, abs=0.05)
    assert any("林果总产值 1,000.00 元 × 15%" in x.note for x in expense)
    assert income_labels(editor)["expense"] == f"{sum(x.amount for x in expense):,.2f} 元"


def test_moving_a_member_to_another_household(qtbot, opened, demo_dir: Path, answers) -> None:
    source = one(demo_dir, "SELECT household_id FROM member WHERE relation = '之子' LIMIT 1")
    target, target_number = sql(
        demo_dir, "SELECT id, number FROM household WHERE id <> ? LIMIT 1 OFFSET 40", source
    )[0]
    editor = opened(source, "家庭成员")
    members = members_of(editor)
    son = next(i for i, m in enumerate(members.members) if m.relation == "之子")
    son_id, son_name = members.members[son].id, members.members[son].name
    members.select(son)

    def fill(dialog: MoveMemberDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "moveSearch"), target_number)
        qtbot.keyClick(dialog.findChild(QLineEdit, "moveSearch"), Qt.Key.Key_Return)
        dialog.results.setCurrentRow(0)
        dialog.relation.set_value("之女婿")
        dialog.reason.set_value("入赘")
        dialog.accept()

    failures = when_shown(MoveMemberDialog, fill)
    editor.findChild(QPushButton, "moveMember").click()
    assert not failures, failures
    assert son_name not in [r[0] for r in member_rows(editor)]
    assert son_name in editor.findChild(QLabel, "pendingMoves").text()
    people_before = one(
        demo_dir, "SELECT count(*) FROM member WHERE household_id = ? AND status = '在册'", target
    )
    assert editor.save()

    assert sql(demo_dir, "SELECT household_id, relation FROM member WHERE id = ?", son_id) == [
        (target, "之女婿")
    ]
    assert sql(demo_dir, "SELECT from_household_id, to_household_id, reason FROM member_move") == [
        (source, target, "入赘")
    ]
    assert (
        one(
            demo_dir,
            "SELECT action FROM audit_log WHERE entity = 'member' AND entity_id = ? ORDER BY id DESC",
            str(son_id),
        )
        == "合户"
    )
    tab = tab_of(editor)
    row = tab.model.row_of(target)
    assert tab.model.index(row, 3).data() == str(people_before + 1)


def test_splitting_a_member_off_into_a_new_household(qtbot, opened, demo_dir: Path, answers) -> None:
    source = one(demo_dir, "SELECT household_id FROM member WHERE relation = '之子' LIMIT 1 OFFSET 3")
    editor = opened(source, "家庭成员")
    members = members_of(editor)
    son = next(i for i, m in enumerate(members.members) if m.relation == "之子")
    son_id = members.members[son].id
    members.select(son)

    def fill(dialog: MoveMemberDialog) -> None:
        dialog.split.setChecked(True)
        dialog.accept()

    failures = when_shown(MoveMemberDialog, fill)
    editor.findChild(QPushButton, "moveMember").click()
    assert not failures, failures
    assert editor.save()
    number, relation, local = sql(
        demo_dir,
        "SELECT h.number, m.relation, h.number_is_local FROM member m JOIN household h ON h.id = m.household_id WHERE m.id = ?",
        son_id,
    )[0]
    assert number == "L20260001" and relation == "户主" and local == 1
    split = one(demo_dir, "SELECT id FROM household WHERE number = 'L20260001'")
    assert split in tab_of(editor).filtered_household_ids()


def test_archive_and_restore(qtbot, make_window, demo_dir: Path, answers) -> None:
    tab = households_tab(make_window(demo_dir))
    table = tab.findChild(QTableView, "householdTable")
    table.selectRow(4)
    household = tab.selected_household_ids()[0]

    def fill(dialog: ArchiveDialog) -> None:
        dialog.reason.set_value("整户迁出")
        dialog.accept()

    failures = when_shown(ArchiveDialog, fill)
    tab.archive_action.trigger()
    assert not failures, failures
    assert household not in tab.filtered_household_ids()
    assert tab.findChild(QLabel, "householdCount").text().startswith("共 599 户")
    assert sql(
        demo_dir, "SELECT archived, archived_reason, archived_on FROM household WHERE id = ?", household
    ) == [(1, "整户迁出", TODAY.isoformat())]

    tab.filters.archived.setChecked(True)
    assert tab.filtered_household_ids() == [household]
    assert tab.findChild(QLabel, "householdCount").text().endswith("（已归档）")
    table.selectRow(0)
    assert tab.restore_action.isEnabled()
    tab.restore_action.trigger()
    assert tab.filtered_household_ids() == []
    tab.filters.archived.setChecked(False)
    assert household in tab.filtered_household_ids()
    actions = [
        r[0]
        for r in sql(
            demo_dir,
            "SELECT action FROM audit_log WHERE entity = 'household' AND entity_id = ?",
            str(household),
        )
    ]
    assert actions == ["归档", "恢复"]


def test_new_household_gets_a_local_number(qtbot, make_window, demo_dir: Path, answers) -> None:
    tab = households_tab(make_window(demo_dir))
    editor = tab.new_household()
    assert editor.draft.record.number == "L20260001"
    assert not editor.save()  # no members yet
    assert "这一户没有在册成员" in editor.findChild(QListWidget, "editorProblems").item(0).text()

    def fill(dialog: MemberDialog) -> None:
        type_text(qtbot, dialog.name_field, "新户主")
        dialog._set("relation", "户主")
        qtbot.keyClicks(dialog.id_field, idcard.make("522425", date(1990, 2, 3), 15))
        dialog._set("education", "初中")
        dialog.accept()

    editor.open_section("家庭成员")
    failures = add_member(editor, fill)
    assert not failures, failures
    assert editor.save()
    household = one(demo_dir, "SELECT id FROM household WHERE number = 'L20260001'")
    assert tab.model.cache[household].number_is_local
    assert tab.model.index(tab.model.row_of(household), 0).data() == "L20260001（临时）"
    assert tab.selected_household_ids() == [household]


def test_doubts_warn_but_allow_saving(qtbot, opened, demo_dir: Path, answers) -> None:
    editor = opened(3)
    editor.section(editor_module.BasicSection).forms[0].set_value("phone", "1380000")
    assert editor.save()
    assert answers[-1][0] == "发现疑点"
    assert "户联系电话“1380000”不是11位" in answers[-1][1]
    assert one(demo_dir, "SELECT phone FROM household WHERE id = 3") == "1380000"
    audit = sql(
        demo_dir,
        "SELECT action, user_name, before, after FROM audit_log WHERE entity = 'household' ORDER BY id DESC LIMIT 1",
    )[0]
    assert audit[0] == "修改" and audit[1] == "本机管理员(admin)"
    assert json.loads(audit[3]) == {"phone": "1380000"}
    assert "phone" in json.loads(audit[2])


def test_an_id_used_in_another_household_is_refused(qtbot, opened, demo_dir: Path, answers) -> None:
    other_id, other_name, other_number = sql(
        demo_dir,
        "SELECT m.id_number, m.name, h.number FROM member m JOIN household h ON h.id = m.household_id "
        "WHERE h.id = 40 AND m.relation = '户主'",
    )[0]
    editor = opened(3, "家庭成员")

    def fill(dialog: MemberDialog) -> None:
        type_text(qtbot, dialog.name_field, "重号")
        dialog._set("relation", "其他")
        qtbot.keyClicks(dialog.id_field, other_id)
        dialog._set("education", "小学")
        dialog.accept()

    failures = add_member(editor, fill)
    assert not failures, failures
    assert not editor.save()
    problems = editor.findChild(QListWidget, "editorProblems")
    assert f"已登记在户 {other_number} 的“{other_name}”名下" in problems.item(0).text()


def test_unsaved_changes_are_asked_about_and_cancel_discards(
    qtbot, opened, demo_dir: Path, monkeypatch
) -> None:
    editor = opened(3)
    phone = one(demo_dir, "SELECT phone FROM household WHERE id = 3")
    editor.section(editor_module.BasicSection).forms[0].set_value("phone", "13900000000")
    asked: list[str] = []
    monkeypatch.setattr(
        editor_module, "ask_unsaved", lambda parent, number: asked.append(number) or CloseChoice.STAY
    )
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and len(asked) == 1
    assert not tab_of(editor).confirm_close()  # the main window asks too, and may not close
    assert len(asked) == 2

    editor.findChild(QPushButton, "cancelButton").click()  # 取消: discard without asking
    assert not editor.isVisible() and len(asked) == 2
    assert one(demo_dir, "SELECT phone FROM household WHERE id = 3") == phone


def test_enter_in_a_field_presses_no_button(qtbot, opened, answers) -> None:
    editor = opened(3)
    phone = editor.section(editor_module.BasicSection).forms[0].fields["phone"]
    popped: list[QDialog] = []

    def close_any() -> None:  # had Enter opened a dialog, its exec() would wait for this
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget is not editor and widget.isVisible():
                popped.append(widget)
                widget.reject()

    QTimer.singleShot(200, close_any)
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    qtbot.wait(300)
    assert editor.isVisible() and not popped
    assert all(not b.autoDefault() for b in editor.findChildren(QPushButton))


def test_ctrl_s_saves_and_the_table_refreshes(qtbot, opened, demo_dir: Path, answers) -> None:
    editor = opened(3)
    window = tab_of(editor).window()
    window.show()
    qtbot.waitExposed(window)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.section(editor_module.BasicSection).forms[0].set_value("phone", "13911112222")
    with qtbot.waitSignal(window.ui.events.data_changed, check_params_cb=lambda what: what == "household"):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert one(demo_dir, "SELECT phone FROM household WHERE id = 3") == "13911112222"
    assert tab_of(editor).model.cache[3].phone == "13911112222"
    assert not editor.is_dirty()


def test_adding_a_visit_and_a_measure(qtbot, opened, demo_dir: Path, answers) -> None:
    household, helper_id, helper = sql(
        demo_dir,
        "SELECT p.household_id, h.id, h.name FROM pairing p JOIN helper h ON h.id = p.helper_id "
        "WHERE p.end_date IS NULL LIMIT 1",
    )[0]
    editor = opened(household, "走访记录")
    visits = editor.section(editor_module.VisitsSection)

    def fill_visit(dialog: VisitDialog) -> None:
        assert dialog.visitor.value() == helper  # the current helper, by default
        dialog.form.set_value("seen", "屋顶漏雨")
        dialog.form.set_value("problems", "住房需维修")
        dialog.accept()

    failures = when_shown(VisitDialog, fill_visit)
    visits.add_button.click()
    assert not failures, failures
    measures = editor.section(editor_module.MeasuresSection)

    def fill_measure(dialog: MeasureDialog) -> None:
        dialog.accept()  # no category yet: refused
        assert dialog.isVisible() and dialog.findChild(QLabel, "formError").text() == "请选择措施类别。"
        dialog.category.set_value("住房安全保障")
        dialog.item.set_value("农村危房改造")
        dialog.form.set_value("amount", 20000.0)
        dialog.accept()

    failures = when_shown(MeasureDialog, fill_measure)
    measures.add_button.click()
    assert not failures, failures
    assert editor.save()
    assert sql(demo_dir, "SELECT visitor, helper_id, problems FROM visit WHERE seen = '屋顶漏雨'") == [
        (helper, helper_id, "住房需维修")
    ]
    assert sql(
        demo_dir,
        "SELECT category, amount FROM measure WHERE household_id = ? AND item = '农村危房改造'",
        household,
    ) == [("住房安全保障", 20000.0)]
