"""The 数据核查 tab on the demo township: it runs in the background, groups and filters the findings,
opens a household at the right section, marks findings 已核实无误, lists the households to visit and
prints their visit lists; a 只读 user cannot mark."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget
from python_calamine import CalamineWorkbook

from fupin_desktop.domain.watch import WatchGroup
from fupin_desktop.services.context import Actor, Role
from fupin_desktop.ui.checks import findings_view as findings_module
from fupin_desktop.ui.checks.tab import ChecksTab
from fupin_desktop.ui.checks.task_dialog import FindingTasksDialog
from fupin_desktop.ui.households.editor import SECTION_TITLES
from fupin_desktop.ui.printing import PdfPreviewDialog
from tests.gui.households_helpers import households_tab, sql


def execute(folder: Path, statement: str, *params: object) -> None:
    connection = sqlite3.connect(folder / "fupin.sqlite")
    try:
        connection.execute(statement, params)
        connection.commit()
    finally:
        connection.close()


READER = Actor("reader", "只读用户", Role.READER)


def checks_tab(window: QWidget) -> ChecksTab:
    tab = window.tab("checksTab")
    assert tab is not None
    return tab


def show_and_run(qtbot, window) -> ChecksTab:  # type: ignore[no-untyped-def]
    """Show the window on the 数据核查 tab (which runs by itself the first time) and wait for it."""
    window.show()
    tab = checks_tab(window)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.result is not None and tab.running is None, timeout=60_000)
    return tab


@pytest.fixture
def tab(qtbot, make_window, demo_dir: Path) -> ChecksTab:  # type: ignore[no-untyped-def]
    return show_and_run(qtbot, make_window(demo_dir))


def opened_editor(qtbot, window: QWidget):  # type: ignore[no-untyped-def]
    households = households_tab(window)
    qtbot.waitUntil(lambda: households.editor is not None and households.editor.isVisible())
    return households.editor


def rows(tab: ChecksTab) -> list:
    return tab.findings.model.items


def test_the_first_visit_runs_and_shows_the_counts(tab: ChecksTab) -> None:
    result = tab.result
    assert result is not None and result.households == 600
    assert len(rows(tab)) == len(result.findings) > 0
    assert f"核查 600 户：问题 {len(result.findings)} 条" in tab.status.text()
    assert not tab.progress.isVisible() and tab.run_button.isEnabled()
    summary = tab.findings.summary
    by_rule, by_village = summary.topLevelItem(0), summary.topLevelItem(1)
    assert by_rule.text(0) == "按核查项" and by_village.text(0) == "按村"
    assert sum(int(by_rule.child(i).text(1)) for i in range(by_rule.childCount())) == len(result.findings)
    assert by_village.childCount() == len(result.by_village())
    first = rows(tab)[0].finding
    assert first.severity.value == "错误"  # errors first
    assert "怎么改" in tab.findings.detail.text()


def test_filters_narrow_the_table(qtbot, tab: ChecksTab) -> None:  # type: ignore[no-untyped-def]
    view = tab.findings
    view.severity.setCurrentIndex(view.severity.findData("疑点"))
    assert rows(tab) and all(r.finding.severity.value == "疑点" for r in rows(tab))
    view.severity.setCurrentIndex(0)
    view.rule.setCurrentIndex(view.rule.findData("house_unsafe"))
    assert rows(tab) and {r.finding.code for r in rows(tab)} == {"house_unsafe"}
    view.rule.setCurrentIndex(0)
    village = tab.result.by_village()[0]
    view.village.setCurrentIndex(view.village.findData(village.key))
    assert len(rows(tab)) == village.findings and {r.finding.village for r in rows(tab)} == {village.key}
    view.village.setCurrentIndex(0)
    number = tab.result.findings[3].household
    qtbot.keyClicks(view.search, number)
    assert rows(tab) and {r.finding.household for r in rows(tab)} == {number}
    view.search.clear()
    assert len(rows(tab)) == len(tab.result.findings)


def test_choosing_a_group_in_the_summary_filters_by_it(tab: ChecksTab) -> None:
    summary = tab.findings.summary
    theme = summary.topLevelItem(0).child(0)  # a theme: the rules of one subject
    assert theme.text(0) == "证件号码" and theme.childCount() >= 2
    summary.setCurrentItem(theme)
    codes = {theme.child(i).data(0, Qt.ItemDataRole.UserRole)[1] for i in range(theme.childCount())}
    assert tab.findings.rule.currentText() == "【证件号码】"
    assert {r.finding.code for r in rows(tab)} == codes
    assert {r.finding.definition.group for r in rows(tab)} == {"证件号码"}
    assert int(theme.text(1)) == len(rows(tab))
    child = theme.child(0)
    summary.setCurrentItem(child)
    code = child.data(0, Qt.ItemDataRole.UserRole)[1]
    assert tab.findings.rule.currentData() == code
    assert {r.finding.code for r in rows(tab)} == {code}
    summary.setCurrentItem(summary.topLevelItem(0))
    assert tab.findings.rule.currentData() == ""


def test_the_findings_are_grouped_by_theme(tab: ChecksTab) -> None:
    by_rule = tab.findings.summary.topLevelItem(0)
    themes = [by_rule.child(i).text(0) for i in range(by_rule.childCount())]
    assert themes[:3] == ["证件号码", "户内关系", "成员信息"]
    assert {"兜底保障", "风险与措施", "劳动技能", "识别与消除", "政策落实"} <= set(themes)
    assert sum(int(by_rule.child(i).text(1)) for i in range(by_rule.childCount())) == len(tab.result.findings)
    tab.findings.rule.setCurrentIndex(tab.findings.rule.findData("dibao_no_measure"))
    assert "民发〔2021〕57号" in tab.findings.detail.text() and "依据" in tab.findings.detail.text()


def test_double_click_opens_the_household_at_the_right_section(qtbot, tab: ChecksTab) -> None:  # type: ignore[no-untyped-def]
    view = tab.findings
    for code, section in (("house_unsafe", "三保障和饮水"), ("id_checksum", "家庭成员")):
        view.rule.setCurrentIndex(view.rule.findData(code))
        finding = rows(tab)[0].finding
        view.table.doubleClicked.emit(view.model.index(0, 1))
        editor = opened_editor(qtbot, tab.window())
        assert editor.draft.record.id == finding.household_id
        assert SECTION_TITLES[editor.nav.currentRow()] == section
        editor.done(0)


def test_enter_opens_from_the_table_but_not_from_the_search_box(qtbot, tab: ChecksTab) -> None:  # type: ignore[no-untyped-def]
    view = tab.findings
    households = households_tab(tab.window())
    view.table.selectRow(0)
    view.search.setFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert households.editor is None or not households.editor.isVisible()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Enter)
    assert opened_editor(qtbot, tab.window()).draft.record.id == rows(tab)[0].finding.household_id


def test_marking_a_finding_reviewed_quiets_it_and_can_be_undone(
    tab: ChecksTab, demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = tab.findings
    monkeypatch.setattr(findings_module.ReviewDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(findings_module.ReviewDialog, "text", lambda self: "经入户核实无误")
    before = len(tab.result.findings)
    view.table.selectRow(0)
    target = rows(tab)[0].finding
    assert view.review_button.isEnabled() and not view.unreview_button.isEnabled()
    view.review_button.click()
    assert target.key() not in {r.finding.key() for r in rows(tab)}
    assert len(tab.result.findings) == before - 1 and len(tab.result.reviewed) == 1
    assert "已核实无误 1 条" in tab.status.text()
    assert sql(demo_dir, "SELECT rule, note FROM finding_review") == [(target.code, "经入户核实无误")]

    view.show_reviewed.setChecked(True)
    shown = next(n for n, r in enumerate(rows(tab)) if r.finding.key() == target.key())
    assert view.model.data(view.model.index(shown, 0)) == "已核实"
    view.table.clearSelection()
    view.table.selectRow(shown)
    assert "核实无误：经入户核实无误" in view.detail.text()
    view.unreview_button.click()
    assert len(tab.result.findings) == before and tab.result.reviewed == ()
    assert sql(demo_dir, "SELECT count(*) FROM finding_review") == [(0,)]


def test_a_reader_sees_the_findings_but_cannot_mark_them(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    tab = show_and_run(qtbot, make_window(demo_dir, actor=READER))
    tab.findings.table.selectRow(0)
    assert rows(tab)
    assert not tab.findings.review_button.isEnabled()
    assert "没有" in tab.findings.review_button.toolTip()
    assert tab.findings.open_button.isEnabled()


def test_changed_data_marks_the_results_out_of_date_until_run_again(qtbot, tab: ChecksTab) -> None:  # type: ignore[no-untyped-def]
    assert not tab.stale.isVisible()
    tab.ui.events.data_changed.emit("household")
    assert tab.stale.isVisible()
    tab.run()
    qtbot.waitUntil(lambda: tab.running is None and not tab.stale.isVisible(), timeout=60_000)
    first = tab.checked_at
    window = tab.window()
    window.tabs.setCurrentWidget(households_tab(window))
    tab.ui.events.data_changed.emit("household")  # changed while another tab shows
    window.tabs.setCurrentWidget(tab)  # coming back runs again by itself
    qtbot.waitUntil(lambda: tab.running is None and tab.checked_at != first, timeout=60_000)
    assert not tab.stale.isVisible()


def test_a_run_can_be_cancelled(qtbot, tab: ChecksTab) -> None:  # type: ignore[no-untyped-def]
    shown = tab.result
    tab.run()
    tab.cancel()
    qtbot.waitUntil(lambda: tab.running is None, timeout=60_000)
    if "已取消" in tab.status.text():  # the run may have finished before 取消 reached it
        assert tab.result is shown and "上次的结果" in tab.status.text()


def test_the_watch_list_filters_and_prints_visit_lists(qtbot, tab: ChecksTab) -> None:  # type: ignore[no-untyped-def]
    view = tab.watch_view
    tab.pages.setCurrentWidget(view)
    assert len(view.model.items) == len(tab.watch.entries) > 0
    view.group.setCurrentIndex(view.group.findData(WatchGroup.DIBAO.value))
    assert view.model.items and all(WatchGroup.DIBAO in e.groups for e in view.model.items)
    village = view.model.items[0].village
    view.village.setCurrentIndex(view.village.findData(village))
    entries = list(view.model.items)
    assert entries and {e.village for e in entries} == {village}
    assert f"显示 {len(entries)} 户" in view.count.text()
    view.separate_pages.setChecked(True)
    view.print_button.click()
    qtbot.waitUntil(lambda: tab.window().findChild(PdfPreviewDialog) is not None, timeout=30_000)
    dialog = tab.window().findChild(PdfPreviewDialog)
    assert dialog.page_count == len({e.helper_id for e in entries})
    dialog.close()


def test_opening_a_watched_household_goes_to_its_visits(qtbot, tab: ChecksTab) -> None:  # type: ignore[no-untyped-def]
    view = tab.watch_view
    tab.pages.setCurrentWidget(view)
    entry = view.model.items[0]
    view.table.doubleClicked.emit(view.model.index(0, 0))
    editor = opened_editor(qtbot, tab.window())
    assert editor.draft.record.id == entry.household_id
    assert SECTION_TITLES[editor.nav.currentRow()] == "走访记录"
    editor.done(0)


def test_the_findings_export_writes_the_workbook(
    qtbot, tab: ChecksTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "核查结果.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    tab.export_button.click()

    def done_box() -> QMessageBox | None:
        box = tab.findChild(QMessageBox, "exportedBox")
        return box if box is not None and box.isVisible() else None

    qtbot.waitUntil(lambda: done_box() is not None, timeout=60_000)  # the job has finished
    box = done_box()
    assert box is not None and f"已导出数据核查结果 {len(tab.result.findings)} 条" in box.text()
    box.close()
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[1][-1] == "依据" and len(rows) - 2 == len(tab.result.findings)
    assert all(row[-1] for row in rows[2:])  # every finding names the policy or practice behind it


def test_the_print_menu_offers_the_visit_lists(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    assert window.print_visits_action in window.menus["print"].actions()
    window.print_visits_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(PdfPreviewDialog) is not None, timeout=60_000)
    dialog = window.findChild(PdfPreviewDialog)
    assert dialog.page_count > 5 and dialog.title == "帮扶走访名单"
    dialog.close()


def test_selected_findings_go_to_the_rectification_list(
    qtbot, make_window, demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # three more unrenovated 危房 in the first village: findings of one check in one village
    first = sql(demo_dir, "SELECT village_id FROM household ORDER BY id LIMIT 1")[0][0]
    unrenovated = "house_danger_level = 'C', house_renovated_on = NULL, relocated = 0"
    chosen_ids = "SELECT id FROM household WHERE village_id = ? AND monitor_category IS NULL LIMIT 3"
    execute(demo_dir, f"UPDATE household SET {unrenovated} WHERE id IN ({chosen_ids})", first)
    tab = show_and_run(qtbot, make_window(demo_dir))
    view = tab.findings
    view.rule.setCurrentIndex(view.rule.findData("house_unsafe"))
    view.table.selectAll()
    chosen = [r.finding for r in rows(tab)]
    villages = {f.village for f in chosen}
    shown: list[str] = []

    def accept_grouped(dialog: FindingTasksDialog) -> int:
        assert dialog.findChild(QWidget, "groupByVillageRule").isChecked()  # fewer tasks than findings
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FindingTasksDialog, "exec", accept_grouped)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    before = sql(demo_dir, "SELECT count(*) FROM task")[0][0]
    assert view.task_button.isEnabled()
    view.task_button.click()
    made = sql(demo_dir, "SELECT source, category, finding_rule FROM task ORDER BY id")[before:]
    assert len(made) == len(villages)
    assert set(made) == {("数据核查", "住房安全", "house_unsafe")}
    assert sql(demo_dir, "SELECT count(*) FROM task_household th JOIN task t ON t.id = th.task_id "
               "WHERE t.finding_rule = 'house_unsafe'") == [(len({f.household_id for f in chosen}),)]  # fmt: skip
    assert shown and f"已新建整改任务 {len(villages)} 项" in shown[0]
    view.task_button.click()  # again: every household already has an open task for this check
    assert f"{len(chosen)} 条已有未销号的同类任务" in shown[1]


def test_a_reader_cannot_make_tasks(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    tab = show_and_run(qtbot, make_window(demo_dir, actor=READER))
    tab.findings.table.selectRow(0)
    assert not tab.findings.task_button.isEnabled()
    assert "没有" in tab.findings.task_button.toolTip()
