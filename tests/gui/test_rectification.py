"""整改清单 tab with qtbot against real services on the demo township: the table, views, badges and
filters, the detail panel's buttons, creating and editing tasks, every kind of action dialog, evidence,
and printing the lists."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl
from PySide6.QtWidgets import QDialog, QMessageBox, QTableView, QWidget
from sqlalchemy import delete, update

from fupin_desktop.db.models import EvidenceBlob, TaskEvidence
from fupin_desktop.domain.tasks import Colour, TaskAction, TaskStatus, TaskView
from fupin_desktop.reports.tasklists import ListKind
from fupin_desktop.services.context import Actor, Role
from fupin_desktop.services.rectification.flow import ActionRequest, perform
from fupin_desktop.services.rectification.listing import TaskQuery, households_by_id, list_tasks, task_detail
from fupin_desktop.ui import dialogs
from fupin_desktop.ui.printing import PdfPreviewDialog
from fupin_desktop.ui.rectification import tab as tab_module
from fupin_desktop.ui.rectification.action_dialog import ActionDialog
from fupin_desktop.ui.rectification.tab import RectificationTab
from fupin_desktop.ui.rectification.task_dialog import TaskDialog, qdate
from tests.conftest import TODAY

HEADERS = [
    "序号",
    "预警",
    "问题来源",
    "问题类别",
    "问题表现",
    "涉及",
    "责任单位",
    "责任人",
    "整改时限",
    "状态",
    "剩余天数",
]


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
    """Messages show_error would have shown (instead of a modal box)."""
    seen: list[str] = []
    monkeypatch.setattr(dialogs.QMessageBox, "warning", lambda _parent, _title, text: seen.append(text))
    return seen


def shown(tab: RectificationTab, column: int = 0) -> list[str]:
    model = tab.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def select(tab: RectificationTab, seq: int) -> int:
    task_id = next(r.id for r in tab.model.rows if r.seq == seq)
    assert tab.select_task(task_id)
    return task_id


def accept_with(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], fill) -> list[QDialog]:  # type: ignore[no-untyped-def]
    """Make `cls.exec` fill the dialog and press OK instead of waiting for a user."""
    opened: list[QDialog] = []

    def exec_(self: QDialog) -> int:
        opened.append(self)
        fill(self)
        self.accept()
        return self.result()

    monkeypatch.setattr(cls, "exec", exec_)
    return opened


# ------------------------------------------------------------------ the table


def test_the_table_lists_every_task_in_seq_order(tab: RectificationTab) -> None:
    table = tab.findChild(QTableView, "taskTable")
    model = table.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == HEADERS
    rows = list_tasks(tab.ui.ctx).rows
    assert shown(tab) == [str(r.seq) for r in rows]
    assert shown(tab, 1) == [r.warning.label for r in rows]
    assert shown(tab, 10) == [r.warning.days_text for r in rows]
    assert tab.count.text() == "显示 40 项（共 40 项）"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DecorationRole) is not None


def test_long_descriptions_are_elided_and_shown_in_full_on_hover(qtbot, tab: RectificationTab) -> None:  # type: ignore[no-untyped-def]
    table = tab.table
    assert table.textElideMode() == Qt.TextElideMode.ElideRight and not table.wordWrap()
    row = max(range(tab.model.rowCount()), key=lambda r: len(tab.model.rows[r].description))
    index = tab.model.index(row, 4)
    assert tab.model.rows[row].description in tab.model.data(index, Qt.ItemDataRole.ToolTipRole)
    width = table.fontMetrics().horizontalAdvance(tab.model.rows[row].description)
    alone = table.columnWidth(4)
    assert not tab.detail.isVisible()  # nothing selected: 问题表现 takes the panel's width too
    select(tab, 1)
    assert tab.detail.isVisible()
    qtbot.waitUntil(lambda: table.columnWidth(4) < alone)  # the panel takes its share back
    assert table.columnWidth(4) < width  # the longest is cut on screen


def test_sorting_by_a_column_uses_typed_keys(tab: RectificationTab) -> None:
    tab.table.horizontalHeader().setSortIndicator(10, Qt.SortOrder.AscendingOrder)
    days = [r.days_left for r in tab.model.rows]
    open_days = [d for d in days if d is not None]
    assert open_days == sorted(open_days) and days[len(open_days) :] == [None] * (len(days) - len(open_days))
    tab.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert [r.seq for r in tab.model.rows] == sorted((r.seq for r in tab.model.rows), reverse=True)


def test_working_views_and_their_counts(tab: RectificationTab) -> None:
    buttons = tab.filters.view_buttons
    assert [b.text() for b in buttons.values()] == [
        "全部(&1) 40",
        "新增问题(&2) 8",
        "推进中(&3) 20",
        "已办结销号(&4) 12",
        "已作废(&5) 0",
    ]
    buttons[TaskView.ACTIVE].click()
    assert {r.status for r in tab.model.rows} == {TaskStatus.DOING, TaskStatus.REVIEW}
    assert tab.count.text() == "显示 20 项（共 40 项）"
    buttons[TaskView.DONE].click()
    assert len(tab.model.rows) == 12 and tab.filters.badges[Colour.GREY].text() == "已销号(&9) 12"
    assert tab.filters.badges[Colour.RED].text() == "红灯(&6) 0"


def test_colour_badges_filter_and_count(tab: RectificationTab) -> None:
    badges = tab.filters.badges
    rows = list_tasks(tab.ui.ctx).rows
    for n, colour in enumerate((Colour.RED, Colour.YELLOW, Colour.BLUE, Colour.GREY), start=6):
        assert badges[colour].text() == f"{colour.label}(&{n}) {sum(1 for r in rows if r.colour is colour)}"
    badges[Colour.RED].click()
    assert {r.colour for r in tab.model.rows} == {Colour.RED}
    badges[Colour.YELLOW].click()
    assert {r.colour for r in tab.model.rows} == {Colour.RED, Colour.YELLOW}
    assert (
        badges[Colour.BLUE].text() == f"蓝签(&8) {sum(1 for r in rows if r.colour is Colour.BLUE)}"
    )  # still counted
    badges[Colour.RED].click()
    badges[Colour.YELLOW].click()
    assert len(tab.model.rows) == 40


def test_filters_by_status_source_category_unit_village_and_text(qtbot, tab: RectificationTab) -> None:  # type: ignore[no-untyped-def]
    f = tab.filters
    f.status.setCurrentText("待验收")
    assert {r.status for r in tab.model.rows} == {TaskStatus.REVIEW}
    f.status.setCurrentIndex(0)
    sample = tab.model.rows[0]
    for combo, value, field in (
        (f.source, sample.source, "source"),
        (f.category, sample.category, "category"),
        (f.unit, sample.unit, "unit"),
        (f.village, sample.village, "village"),
    ):
        combo.setCurrentText(value)
        assert tab.model.rows and all(getattr(r, field) == value for r in tab.model.rows)
        combo.setCurrentIndex(0)
    assert len(tab.model.rows) == 40
    f.search.setText("危房")
    f.search.textEdited.emit("危房")  # as typing does (QTest cannot type Chinese)
    assert len(tab.model.rows) == 40  # applied after a pause, not at each keystroke
    qtbot.waitUntil(lambda: len(tab.model.rows) < 40)
    assert all("危房" in r.description for r in tab.model.rows)
    f.clear_button.click()
    assert len(tab.model.rows) == 40 and f.search.text() == ""


# ------------------------------------------------------------------ the detail panel


def test_selecting_a_task_shows_it_in_full_with_only_its_allowed_actions(tab: RectificationTab) -> None:
    task_id = select(tab, 9)
    detail = tab.detail
    row = task_detail(tab.ui.ctx, task_id).row
    assert detail.heading.text() == f"第 9 项　{row.status.value}"
    assert detail.pill.text() == row.warning.label
    assert detail.description.text() == row.description
    assert detail.values["责任单位"].text() == row.unit
    expected = {
        TaskStatus.TODO: ["开始整改(&S)…", "持续整改(&Y)…", "作废(&V)…"],
        TaskStatus.DOING: ["提请验收(&T)…", "持续整改(&Y)…", "作废(&V)…"],
    }
    assert [b.text() for b in detail.action_buttons.values()] == expected[row.status]
    assert "建立整改任务" in detail.events.text()

    closed = next(r for r in tab.model.rows if r.status is TaskStatus.CLOSED)
    tab.select_task(closed.id)
    assert [b.text() for b in detail.action_buttons.values()] == ["重新打开(&K)…"]
    assert detail.action_buttons[TaskAction.REOPEN].isEnabled()  # the administrator
    assert not detail.edit_button.isEnabled() and not detail.add_files_button.isEnabled()
    assert detail.evidence.topLevelItemCount() == 1


def test_a_clerk_cannot_reopen_and_a_reader_cannot_act(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    for actor, reopen, act in (
        (Actor("c", "录入员", Role.CLERK), False, True),
        (Actor("r", "只读", Role.READER), False, False),
    ):
        window = make_window(demo_dir, actor=actor)
        tab = window.tab("rectificationTab")
        closed = next(r for r in tab.model.rows if r.status is TaskStatus.CLOSED)
        tab.select_task(closed.id)
        button = tab.detail.action_buttons[TaskAction.REOPEN]
        assert button.isEnabled() is reopen and "管理员" in button.toolTip()
        doing = next(r for r in tab.model.rows if r.status is TaskStatus.DOING)
        tab.select_task(doing.id)
        assert tab.detail.action_buttons[TaskAction.SUBMIT].isEnabled() is act
        assert tab.new_action.isEnabled() is act


def test_deadline_history_shows_in_the_panel(tab: RectificationTab) -> None:
    task_id = select(tab, 3)
    new = task_detail(tab.ui.ctx, task_id).row.deadline + timedelta(days=20)
    perform(tab.ui.ctx, task_id, TaskAction.EXTEND, ActionRequest(note="雨季停工", new_deadline=new))
    tab.ui.events.data_changed.emit("task")
    assert tab.detail.deadlines_box.isVisible() and tab.detail.deadlines_box.title() == "整改时限变更（1 次）"
    assert "雨季停工" in tab.detail.deadlines.text() and f"{new:%Y-%m-%d}" in tab.detail.deadlines.text()
    assert tab.detail.pill.text() == "黄牌"


# ------------------------------------------------------------------ creating and editing


def test_new_task_from_households_by_number(qtbot, tab: RectificationTab, monkeypatch, errors) -> None:  # type: ignore[no-untyped-def]
    numbers = ["52242510800100001", "52242510800100002"]

    def fill(dialog: TaskDialog) -> None:
        dialog.number.setText("  ".join([*numbers, "999"]))
        dialog.add_households()  # an unknown number: nothing added, the dialog says so
        assert errors and "999" in errors[-1] and dialog.households == []
        dialog.number.setText("，".join(numbers))
        dialog.add_households()
        dialog.source.setCurrentText("县级督查")
        dialog.category.setCurrentText("住房安全")
        dialog.description.setPlainText("两户住房鉴定为C级危房未改造")
        dialog.unit.setCurrentText("镇村建站")
        dialog.supervised.setChecked(True)

    opened = accept_with(monkeypatch, TaskDialog, fill)
    tab.new_action.trigger()
    task_id = opened[0].task_id
    detail = task_detail(tab.ui.ctx, task_id)
    assert [h.number for h in detail.households] == numbers
    assert detail.row.deadline == TODAY + timedelta(days=30) and detail.row.warning.supervised
    assert detail.row.scope.startswith(detail.households[0].village)
    assert (
        tab.selected_task_id() == task_id and tab.detail.heading.text() == f"第 {detail.row.seq} 项　待整改"
    )
    assert tab.count.text() == "显示 41 项（共 41 项）"
    assert "镇村建站" in [tab.filters.unit.itemText(i) for i in range(tab.filters.unit.count())]


def test_new_task_for_given_households(tab: RectificationTab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ids = [h.id for h in households_by_id(tab.ui.ctx, [3, 4])]

    def fill(dialog: TaskDialog) -> None:
        assert [h.id for h in dialog.households] == ids
        dialog.source.setCurrentText("乡镇自查/大排查")
        dialog.category.setCurrentText("饮水安全")
        dialog.description.setPlainText("旱季供水不足")

    accept_with(monkeypatch, TaskDialog, fill)
    task_id = tab.new_task(ids)
    assert [h.id for h in task_detail(tab.ui.ctx, task_id).households] == ids


def test_a_task_with_missing_fields_is_not_saved(tab: RectificationTab, errors) -> None:  # type: ignore[no-untyped-def]
    dialog = TaskDialog(tab, tab.ui)
    dialog.accept()
    assert "请选择问题来源" in errors[-1] and "请填写问题表现" in errors[-1]
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.task_id is None
    assert len(list_tasks(tab.ui.ctx).rows) == 40
    dialog.deleteLater()


def test_editing_keeps_the_deadline_and_saves_the_rest(tab: RectificationTab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    task_id = select(tab, 9)

    def fill(dialog: TaskDialog) -> None:
        assert not dialog.deadline.isEnabled()
        dialog.person.setCurrentText("新责任人")
        dialog.progress.setPlainText("已完成一半")

    accept_with(monkeypatch, TaskDialog, fill)
    tab.edit_action.trigger()
    row = task_detail(tab.ui.ctx, task_id).row
    assert (row.person, row.progress) == ("新责任人", "已完成一半")
    assert tab.detail.values["责任人"].text() == "新责任人"


# ------------------------------------------------------------------ actions


def test_the_whole_lifecycle_through_the_panel(tab: RectificationTab, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    task_id = select(tab, 2)  # 待整改
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"jpeg")
    notes = {
        TaskAction.START: lambda d: d.note.setPlainText("召开专题会部署"),
        TaskAction.SUBMIT: lambda d: d.progress.setPlainText("已全部完成"),
        TaskAction.REJECT: lambda d: d.note.setPlainText("资料不全"),
    }

    def fill(dialog: ActionDialog) -> None:
        if dialog.action is TaskAction.CLOSE:
            dialog.result_edit.setPlainText("已就业2人，稳定3个月")
            dialog.evidence_text.setPlainText("就业合同复印件已归档")
            dialog.files.append(photo)
        else:
            notes[dialog.action](dialog)

    accept_with(monkeypatch, ActionDialog, fill)
    for action in (
        TaskAction.START,
        TaskAction.SUBMIT,
        TaskAction.REJECT,
        TaskAction.SUBMIT,
        TaskAction.CLOSE,
    ):
        tab.detail.action_buttons[action].click()
    detail = task_detail(tab.ui.ctx, task_id)
    assert detail.row.status is TaskStatus.CLOSED and detail.row.closed_on == TODAY
    assert [e.to_status for e in detail.events] == [
        "待整改",
        "整改中",
        "待验收",
        "整改中",
        "待验收",
        "已销号",
    ]
    assert {e.file_name for e in detail.evidence if e.is_file} == {"现场照片.jpg"}
    assert tab.detail.pill.text() == "已销号" and list(tab.detail.action_buttons) == [TaskAction.REOPEN]
    assert (
        "已销号" in tab.window().counts_label.text() or "整改未销号 27 项" in tab.window().counts_label.text()
    )


def test_action_dialogs_ask_what_each_action_needs(tab: RectificationTab, errors) -> None:  # type: ignore[no-untyped-def]
    review = next(r for r in tab.model.rows if r.status is TaskStatus.REVIEW)
    close = ActionDialog(tab, tab.ui, task_detail(tab.ui.ctx, review.id), TaskAction.CLOSE)
    assert close.result_edit.isVisibleTo(close) and not close.new_deadline.isVisibleTo(close)
    close.result_edit.setPlainText("完成")
    close.accept()  # no evidence yet
    assert "至少有一项佐证材料" in errors[-1] and close.result() != QDialog.DialogCode.Accepted
    close.evidence_text.setPlainText("验收表")
    close.accept()
    assert close.result() == QDialog.DialogCode.Accepted
    assert task_detail(tab.ui.ctx, review.id).row.status is TaskStatus.CLOSED

    doing = next(r for r in tab.model.rows if r.status is TaskStatus.DOING)
    extend = ActionDialog(tab, tab.ui, task_detail(tab.ui.ctx, doing.id), TaskAction.EXTEND)
    assert extend.new_deadline.isVisibleTo(extend) and extend.new_deadline.minimumDate() == qdate(TODAY)
    extend.accept()
    assert "必须写明原因" in errors[-1]
    extend.note.setPlainText("资金未到位")
    extend.accept()
    assert task_detail(tab.ui.ctx, doing.id).deadline_changes[-1].reason == "资金未到位"

    closed = next(r for r in list_tasks(tab.ui.ctx, TaskQuery(view=TaskView.DONE)).rows)
    reopen = ActionDialog(tab, tab.ui, task_detail(tab.ui.ctx, closed.id), TaskAction.REOPEN)
    assert not reopen.new_deadline.isEnabled()
    reopen.change_deadline.setChecked(True)
    reopen.new_deadline.setDate(qdate(TODAY + timedelta(days=15)))
    reopen.note.setPlainText("复查发现反弹")
    reopen.accept()
    row = task_detail(tab.ui.ctx, closed.id).row
    assert row.status is TaskStatus.DOING and row.deadline == TODAY + timedelta(days=15)
    for dialog in (close, extend, reopen):
        dialog.deleteLater()


# ------------------------------------------------------------------ evidence


def test_evidence_text_files_open_and_remove(tab: RectificationTab, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    task_id = select(tab, 9)
    monkeypatch.setattr(tab_module.QInputDialog, "getMultiLineText", lambda *a, **k: ("入户核查记录", True))
    tab.detail.add_text_button.click()
    scan = tmp_path / "验收表.pdf"
    scan.write_bytes(b"%PDF scan")
    monkeypatch.setattr(tab_module, "pick_files", lambda *a: [scan])
    tab.detail.add_files_button.click()
    evidence = tab.detail.evidence
    assert [evidence.topLevelItem(i).text(0) for i in range(evidence.topLevelItemCount())] == [
        "入户核查记录",
        "验收表.pdf",
    ]
    opened: list[QUrl] = []
    monkeypatch.setattr(tab_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    evidence.setCurrentItem(evidence.topLevelItem(1))
    assert tab.detail.open_evidence_button.isEnabled()
    tab.detail.open_evidence_button.click()
    stored = Path(opened[0].toLocalFile())
    assert stored.read_bytes() == b"%PDF scan" and stored.is_relative_to(tab.ui.ctx.paths.attachments)
    evidence.setCurrentItem(evidence.topLevelItem(0))
    assert not tab.detail.open_evidence_button.isEnabled()  # a text entry has no file

    monkeypatch.setattr(tab_module.QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.detail.evidence.setCurrentItem(tab.detail.evidence.topLevelItem(1))
    tab.detail.remove_evidence_button.click()
    assert [e.text for e in task_detail(tab.ui.ctx, task_id).evidence] == ["入户核查记录"]
    assert not stored.exists()


def test_a_missing_attachment_says_where_it_should_be(
    tab: RectificationTab, monkeypatch, tmp_path: Path, errors
) -> None:  # type: ignore[no-untyped-def]
    select(tab, 9)
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"x")
    monkeypatch.setattr(tab_module, "pick_files", lambda *a: [scan])
    tab.detail.add_files_button.click()
    entry = tab.detail.detail.evidence[0]
    (tab.ui.ctx.paths.attachments / entry.stored_path).unlink()
    with tab.ui.ctx.sessions.begin() as session:  # nor in the database (attached elsewhere before 0007)
        session.execute(update(TaskEvidence).values(blob_sha256=None))
        session.execute(delete(EvidenceBlob))
    tab.open_evidence(entry.id)
    assert "不在数据文件夹中" in errors[-1]


# ------------------------------------------------------------------ printing and elsewhere


def test_print_menu_prints_every_task(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.menus["print"].actions() if not a.isSeparator()]
    lists = ["整改问题清单(&P)…", "整改任务清单(&T)…", "整改责任清单(&D)…", "整改销号汇总表(&X)…"]
    start = texts.index(lists[0])
    assert texts[start : start + 4] == lists  # together, in this order, whatever other features add
    window.findChild(object, "print_problems").trigger()
    qtbot.waitUntil(lambda: window.findChild(PdfPreviewDialog) is not None, timeout=30_000)
    dialog = window.findChild(PdfPreviewDialog)
    assert dialog.title == "整改问题清单" and dialog.page_count == 2
    dialog.close()


def test_the_tab_prints_its_current_filter(qtbot, tab: RectificationTab) -> None:  # type: ignore[no-untyped-def]
    tab.filters.badges[Colour.RED].click()
    tab.print_actions[ListKind.PROBLEMS].trigger()
    window = tab.window()
    qtbot.waitUntil(lambda: window.findChild(PdfPreviewDialog) is not None, timeout=30_000)
    dialog = window.findChild(PdfPreviewDialog)
    assert dialog.title == "整改问题清单（筛选）" and dialog.page_count == 1
    text = dialog.document.getAllText(0).text()
    assert "预警：红灯" in text.replace("\n", "")
    dialog.close()


def test_household_links_open_in_the_household_tab(qtbot, window, tab: RectificationTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.select_task(next(r.id for r in tab.model.rows if r.households))
    household = tab.detail.detail.households[0]
    tab.detail.households.linkActivated.emit(f"household:{household.id}")
    assert window.tabs.currentWidget() is window.households
    qtbot.waitUntil(lambda: window.households.editor is not None and window.households.editor.isVisible())
    editor = window.households.editor
    assert editor.draft.record.id == household.id
    editor.done(0)


def test_refreshes_when_tasks_change_elsewhere(tab: RectificationTab) -> None:
    task_id = select(tab, 1)
    perform(tab.ui.ctx, task_id, TaskAction.START)
    tab.ui.events.data_changed.emit("task")
    assert tab.selected_task_id() == task_id
    assert tab.model.rows[tab.model.row_of(task_id)].status is TaskStatus.DOING
    assert tab.detail.heading.text() == "第 1 项　整改中"


def test_no_selection_shows_the_hint(tab: RectificationTab) -> None:
    tab.table.setCurrentIndex(QModelIndex())
    tab.table.clearSelection()
    tab.refresh()
    assert tab.detail.detail is None and tab.detail.empty.isVisibleTo(tab.detail)
    assert not tab.edit_action.isEnabled()


def test_the_tab_opens_the_excel_export_and_import(qtbot, tab: RectificationTab) -> None:  # type: ignore[no-untyped-def]
    from fupin_desktop.ui.excel.import_wizard import ImportWizard

    dialog = tab.export_tasks()
    assert dialog.isVisible() and dialog.kind() == "tasks"
    assert Path(dialog.path_edit.text()).name.startswith("整改清单_清水镇_")
    dialog.close()
    tab.import_action.trigger()
    wizard = tab.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.close()


def test_new_task_from_the_household_tab(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    households = window.findChild(QWidget, "householdsTab")
    action = window.rectification_actions.new_task_for_households
    assert action in households.context_menu().actions()
    assert not action.isEnabled()  # nothing selected yet
    households.table.selectRow(0)
    households.table.selectionModel().select(
        households.model.index(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    chosen = households.selected_household_ids()
    assert len(chosen) == 2 and action.isEnabled()

    def fill(dialog: TaskDialog) -> None:
        assert [h.id for h in dialog.households] == chosen
        dialog.source.setCurrentText("乡镇自查/大排查")
        dialog.category.setCurrentText("档案信息")
        dialog.description.setPlainText("明白卡信息与系统不一致")

    opened = accept_with(monkeypatch, TaskDialog, fill)
    action.trigger()
    tab = window.tab("rectificationTab")
    assert window.tabs.currentWidget() is tab
    assert tab.selected_task_id() == opened[0].task_id
    assert [h.id for h in tab.detail.detail.households] == chosen


def test_ctrl_n_means_new_task_on_this_tab_and_new_household_on_the_other(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[TaskDialog] = []
    monkeypatch.setattr(TaskDialog, "exec", lambda self: opened.append(self) or QDialog.DialogCode.Rejected)
    tab = window.tab("rectificationTab")
    window.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    window.tabs.setCurrentWidget(window.findChild(QWidget, "householdsTab"))
    households = window.findChild(QWidget, "householdsTab")
    started = []
    households.new_action.triggered.disconnect()  # no real editor: closing it would ask to save
    households.new_action.triggered.connect(lambda: started.append(True))
    households.table.setFocus()
    qtbot.keyClick(households.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert started == [True] and len(opened) == 1
