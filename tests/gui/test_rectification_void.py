"""整改清单 tab: 作废 with a reason (greyed, only in the 已作废 view, out of the counts), 撤销上一步 from
the panel and with Ctrl+Z, and an undo refused because another clerk changed the task meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from fupin_desktop.domain.tasks import TaskAction, TaskStatus, TaskView
from fupin_desktop.services.context import Actor, Role
from fupin_desktop.services.rectification.flow import ActionRequest, perform
from fupin_desktop.services.rectification.listing import list_tasks, task_detail
from fupin_desktop.ui import dialogs
from fupin_desktop.ui.rectification import tab as tab_module
from fupin_desktop.ui.rectification.action_dialog import ActionDialog
from fupin_desktop.ui.rectification.tab import RectificationTab
from fupin_desktop.ui.rectification.table_model import STRETCH_COLUMN, VOID_INK

CLERK = Actor("clerk", "录入员小王", Role.CLERK)


@pytest.fixture
def window(make_window, demo_dir: Path):  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.show()
    return window


@pytest.fixture
def tab(window) -> RectificationTab:  # type: ignore[no-untyped-def]
    tab = window.tab("rectificationTab")
    window.tabs.setCurrentWidget(tab)
    return tab


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(dialogs.QMessageBox, "warning", lambda _parent, _title, text: seen.append(text))
    return seen


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions the tab asked (answered 是)."""
    seen: list[str] = []

    def question(_parent, _title, text, *_a):  # type: ignore[no-untyped-def]
        seen.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(tab_module.QMessageBox, "question", question)
    return seen


def void_from_panel(tab: RectificationTab, monkeypatch: pytest.MonkeyPatch, reason: str) -> list[QDialog]:
    opened: list[QDialog] = []

    def exec_(dialog: ActionDialog) -> int:
        opened.append(dialog)
        dialog.note.setPlainText(reason)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", exec_)
    tab.detail.action_buttons[TaskAction.VOID].click()
    return opened


def first(tab: RectificationTab, status: TaskStatus) -> int:
    task_id = next(r.id for r in tab.model.rows if r.status is status)
    assert tab.select_task(task_id)
    return task_id


def test_voiding_greys_the_task_and_takes_it_out_of_every_count(window, tab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert "整改未销号 28 项" in window.counts_label.text()
    task_id = first(tab, TaskStatus.DOING)
    opened = void_from_panel(tab, monkeypatch, "与第 3 项重复")
    assert opened[0].windowTitle().startswith("作废 — 第")
    assert tab.model.row_of(task_id) is None  # gone from 全部
    views = tab.filters.view_buttons
    assert views[TaskView.ALL].text() == "全部(&1) 39" and views[TaskView.VOID].text() == "已作废(&5) 1"
    assert tab.count.text() == "显示 39 项（共 39 项）"
    assert "整改未销号 27 项" in window.counts_label.text()

    views[TaskView.VOID].click()
    assert [r.id for r in tab.model.rows] == [task_id]
    model = tab.model
    assert model.data(model.index(0, 1)) == "已作废" and model.data(model.index(0, 9)) == "已作废"
    assert model.data(model.index(0, 4), Qt.ItemDataRole.ForegroundRole) == VOID_INK
    assert model.data(model.index(0, STRETCH_COLUMN), Qt.ItemDataRole.FontRole).strikeOut()
    assert not tab.print_button.isEnabled()  # a printed list never holds a voided task

    assert tab.select_task(task_id)
    panel = tab.detail
    assert panel.heading.text().endswith("已作废") and panel.pill.text() == "已作废"
    assert panel.void_note.isVisible() and "原因：与第 3 项重复" in panel.void_note.text()
    assert panel.action_buttons == {} and not panel.edit_button.isEnabled()
    assert not panel.add_text_button.isEnabled() and panel.undo_button.isEnabled()
    assert "作废：与第 3 项重复" in panel.events.text()


def test_voiding_needs_a_reason(tab, monkeypatch, errors) -> None:  # type: ignore[no-untyped-def]
    task_id = first(tab, TaskStatus.TODO)
    opened = void_from_panel(tab, monkeypatch, "  ")
    assert errors == ["“作废”必须写明原因。"] and opened[0].result() != QDialog.DialogCode.Accepted
    assert task_detail(tab.ui.ctx, task_id).row.status is TaskStatus.TODO
    assert tab.model.row_of(task_id) is not None


def test_undo_from_the_panel_brings_a_voided_task_back(tab, asked) -> None:  # type: ignore[no-untyped-def]
    task_id = first(tab, TaskStatus.REVIEW)
    perform(tab.ui.ctx, task_id, TaskAction.VOID, ActionRequest(note="录入错误"))
    tab.filters.view_buttons[TaskView.VOID].click()
    assert tab.select_task(task_id)
    assert tab.detail.undo_button.toolTip() == "撤销：待验收 → 已作废（作废：录入错误）（Ctrl+Z）"
    tab.detail.undo_button.click()
    assert "待验收 → 已作废（作废：录入错误）" in asked[0]
    assert task_detail(tab.ui.ctx, task_id).row.status is TaskStatus.REVIEW
    assert tab.selected_task_id() == task_id  # shown again, in 全部
    assert tab.filters.view_buttons[TaskView.VOID].text() == "已作废(&5) 0"
    assert "撤销：待验收 → 已作废" in tab.detail.events.text()


def test_ctrl_z_in_the_table_undoes_the_last_step(qtbot, tab, asked) -> None:  # type: ignore[no-untyped-def]
    task_id = first(tab, TaskStatus.TODO)
    perform(tab.ui.ctx, task_id, TaskAction.START)
    tab.refresh()
    assert tab.detail.heading.text().endswith("整改中")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    assert tab.detail.heading.text().endswith("待整改")
    assert not tab.detail.undo_button.isEnabled()  # only the creation is left
    assert tab.detail.undo_button.toolTip() == "没有可以撤销的办理步骤"


def test_undo_is_refused_when_another_clerk_changed_the_task(tab, asked, errors) -> None:  # type: ignore[no-untyped-def]
    task_id = first(tab, TaskStatus.DOING)
    perform(tab.ui.ctx, task_id, TaskAction.SUBMIT)
    tab.refresh()  # the clerk sees 待验收 and means to take back 提请验收…
    other = tab.ui.ctx.acting_as(CLERK)
    perform(other, task_id, TaskAction.REJECT, ActionRequest(note="照片不清晰"))  # …another clerk acts first
    tab.detail.undo_button.click()
    assert len(errors) == 1 and "刚刚有了新的办理记录（录入员小王(clerk)：待验收 → 整改中" in errors[0]
    detail = task_detail(tab.ui.ctx, task_id)
    assert detail.row.status is TaskStatus.DOING and not any(e.note.startswith("撤销") for e in detail.events)
    assert tab.detail.heading.text().endswith("整改中")  # refreshed to what is true now


def test_a_clerk_voids_a_new_task_but_not_one_in_progress(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    tab = make_window(demo_dir, actor=CLERK).tab("rectificationTab")
    first(tab, TaskStatus.TODO)
    assert tab.detail.action_buttons[TaskAction.VOID].isEnabled()
    first(tab, TaskStatus.DOING)
    button = tab.detail.action_buttons[TaskAction.VOID]
    assert not button.isEnabled() and button.toolTip() == "需要管理员权限"
    assert len(list_tasks(tab.ui.ctx).rows) == 40
