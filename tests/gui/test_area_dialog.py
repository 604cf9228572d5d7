"""区划管理 in the window (issue 16 §1): from an empty data folder, 从空白开始, villages and groups added in
文件 → 区划管理, then 新建户 saves the first household; 新建户 with no village offers 区划管理; a merge
moves households; the refused changes leave the tree as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton, QTreeWidgetItemIterator

from fupin_desktop.app import first_start
from fupin_desktop.domain import idcard
from fupin_desktop.services.context import Actor, Role
from fupin_desktop.ui.area_dialog import AreaDialog
from fupin_desktop.ui.first_start import FirstStartDialog
from fupin_desktop.ui.households import editor as editor_module
from fupin_desktop.ui.households.editor import CloseChoice, HouseholdEditor
from fupin_desktop.ui.households.member_dialog import MemberDialog
from tests.gui.households_helpers import households_tab, one, sql, trigger_and, type_text, when_shown


@pytest.fixture(autouse=True)
def discard_when_closing(monkeypatch):
    monkeypatch.setattr(editor_module, "ask_unsaved", lambda parent, number: CloseChoice.DISCARD)


@pytest.fixture
def said(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes recorded instead of shown; questions are answered Yes."""
    seen: list[tuple[str, str]] = []
    for kind, reply in (
        ("warning", QMessageBox.StandardButton.Ok),
        ("information", QMessageBox.StandardButton.Ok),
        ("question", QMessageBox.StandardButton.Yes),
    ):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _p, title, text, *a, _r=reply, **k: seen.append((title, text)) or _r
        )
    return seen


def shown_tree(dialog: AreaDialog) -> list[str]:
    """The tree as the clerk reads it: villages, and their groups indented."""
    lines, it = [], QTreeWidgetItemIterator(dialog.tree)
    while it.value():
        item = it.value()
        lines.append(("  " if item.parent() else "") + f"{item.text(0)} {item.text(1)}")
        it += 1
    return lines


def start_blank(qtbot, window) -> None:
    """首次启动 → 填写乡镇名称 → 从空白开始."""

    def blank(dialog: FirstStartDialog) -> None:
        type_text(qtbot, dialog.township, "清水镇")
        dialog.blank_button.click()

    failures = when_shown(FirstStartDialog, blank)
    first_start(window, demo=False)
    assert not failures, failures


def add_first_villages(qtbot, dialog: AreaDialog) -> None:
    type_text(qtbot, dialog.name, "清水村")
    dialog.add_village_button.click()
    type_text(qtbot, dialog.name, "一组、二组")
    dialog.add_group_button.click()


def save_first_household(qtbot, window) -> HouseholdEditor:
    editor = households_tab(window).new_household()
    assert isinstance(editor, HouseholdEditor)

    def fill(dialog: MemberDialog) -> None:
        type_text(qtbot, dialog.name_field, "杨秀英")
        dialog._set("relation", "户主")
        qtbot.keyClicks(dialog.id_field, idcard.make("522425", date(1972, 5, 9), 26))
        dialog._set("education", "小学")
        dialog.accept()

    editor.open_section("家庭成员")
    failures = when_shown(MemberDialog, fill)
    editor.findChild(QPushButton, "addMember").click()
    assert not failures, failures
    assert editor.save()
    return editor


def test_from_an_empty_folder_to_a_first_household(qtbot, make_window, data_dir: Path, said) -> None:
    window = make_window(data_dir)
    start_blank(qtbot, window)
    assert window.areas_action.isVisible() and window.areas_action.text() == "区划管理(&Q)…"
    assert window.areas_action in window.menus["file"].actions()
    seen: list[list[str]] = []

    def build(dialog: AreaDialog) -> None:
        add_first_villages(qtbot, dialog)
        seen.append(shown_tree(dialog))
        seen.append([dialog.message.text(), dialog.contacts_box.title()])
        type_text(qtbot, dialog.secretary, "王强")
        qtbot.keyClicks(dialog.secretary_phone, "13912345678")
        dialog.save_contacts_button.click()
        seen.append([dialog.message.text()])
        dialog.accept()

    trigger_and(window.areas_action, AreaDialog, build)
    assert seen == [
        ["清水村 0 户", "  一组 0 户", "  二组 0 户"],
        ["已在“清水村”添加 一组、二组。", "村务联系人：清水村"],
        ["已保存“清水村”的联系人。"],
    ]
    assert window.counts_label.text().startswith("1 个村　0 户")  # the status bar heard of it
    assert said == []

    editor = save_first_household(qtbot, window)
    assert sql(data_dir, "SELECT v.name, t.name FROM household h JOIN area v ON v.id = h.village_id "
               "JOIN area t ON t.id = v.parent_id") == [("清水村", "清水镇")]  # fmt: skip
    assert one(data_dir, "SELECT secretary_phone FROM area WHERE name = '清水村'") == "13912345678"
    assert window.counts_label.text().startswith("1 个村　1 户")
    editor.close()


def test_new_household_with_no_village_offers_the_areas_and_goes_on(
    qtbot, make_window, data_dir: Path, said
) -> None:
    window = make_window(data_dir)
    start_blank(qtbot, window)
    failures = when_shown(AreaDialog, lambda d: (add_first_villages(qtbot, d), d.accept()))
    editor = households_tab(window).new_household()
    assert not failures, failures
    assert said == [("新建户", said[0][1])] and said[0][1].startswith("还没有任何村。先添加村和组吗？")
    assert isinstance(editor, HouseholdEditor) and editor.isVisible()
    assert editor.draft.record.village == "清水村"
    editor.close()


def test_no_village_and_no_answer_opens_nothing(qtbot, make_window, data_dir: Path, monkeypatch) -> None:
    window = make_window(data_dir)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert households_tab(window).new_household() is None
    assert sql(data_dir, "SELECT count(*) FROM area") == [(0,)]


def test_refused_names_leave_the_tree_as_it_was(qtbot, make_window, demo_dir: Path, said) -> None:
    window = make_window(demo_dir)
    dialog = AreaDialog(window.ui, window)
    qtbot.addWidget(dialog)
    before = shown_tree(dialog)
    first = dialog.tree.topLevelItem(0).text(0)
    type_text(qtbot, dialog.name, first)
    dialog.add_village_button.click()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.delete_button.click()
    dialog.monitor_phone.setText("123")
    dialog.save_contacts_button.click()
    assert [title for title, _ in said] == ["未添加村", "删除", "未删除", "联系人未保存"]
    assert said[0][1] == f"未添加：已经有叫“{first}”的村了，请换一个名称（或把两者合并）。"
    assert "不能删除" in said[2][1] and "不是11位" in said[3][1]
    assert shown_tree(dialog) == before
    dialog.reject()


def test_merge_moves_the_households_and_the_order_follows(
    qtbot, make_window, demo_dir: Path, said, monkeypatch
) -> None:
    window = make_window(demo_dir)
    dialog = AreaDialog(window.ui, window)
    qtbot.addWidget(dialog)
    source, target = dialog.rows[0], dialog.rows[1]
    asked: list[list[str]] = []
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda _p, _t, _l, items, *a, **k: asked.append(items) or (target.name, True)
    )
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.merge_button.click()
    assert source.name not in asked[0] and target.name in asked[0]
    assert (
        said[-1][0] == "合并"
        and f"“{source.name}”的 {source.households} 户和它的组都移入“{target.name}”" in said[-1][1]
    )
    assert dialog.message.text().startswith(f"已把“{source.name}”合并到“{target.name}”")
    assert dialog.tree.topLevelItem(0).text(0) == target.name
    assert dialog.tree.topLevelItem(0).text(1) == f"{source.households + target.households} 户"
    assert one(demo_dir, "SELECT count(*) FROM household WHERE village_id = ?", source.id) == 0
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.down_button.click()
    assert [dialog.tree.topLevelItem(i).text(0) for i in (0, 1)] == [dialog.rows[0].name, target.name]
    dialog.reject()


def test_a_reader_does_not_see_the_entry(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir, actor=Actor("reader", "读者", Role.READER))
    assert not window.areas_action.isVisible() and not window.areas_action.isEnabled()


def test_every_button_has_its_own_access_letter(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    dialog = AreaDialog(window.ui, window)
    qtbot.addWidget(dialog)
    letters = [b.text().split("(&")[1][0] for b in dialog.findChildren(QPushButton) if "(&" in b.text()]
    assert len(letters) == len(dialog.findChildren(QPushButton)) == 9 and len(set(letters)) == 9
    dialog.reject()
