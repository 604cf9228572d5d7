"""The 挂图作战 tab on the demo township with real services: the board and lists, choosing a village,
the charts, the helper editor, pairing from both sides, the suggestion dialog and 打印 → 作战图."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTabWidget, QWidget

from fupin_desktop.services.assignments.board import village_board
from fupin_desktop.services.assignments.helpers import HelperFilter, list_helpers
from fupin_desktop.services.assignments.pairings import (
    HouseholdFilter,
    find_households,
    pairing_history,
    suggest_pairings,
)
from fupin_desktop.services.register.areas import villages
from fupin_desktop.ui.assignments.helper_dialogs import ArchiveDialog, HelperDialog
from fupin_desktop.ui.assignments.pickers import HelperChooserDialog, HouseholdPickerDialog
from fupin_desktop.ui.assignments.suggestion import HELPER_COLUMN, SuggestionDialog
from fupin_desktop.ui.assignments.tab import HELPERS, AssignmentsTab
from fupin_desktop.ui.assignments.warchart_print import WarchartDialog
from fupin_desktop.ui.printing import PdfPreviewDialog


@pytest.fixture
def window(make_window, demo_dir: Path):  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.resize(1360, 860)
    window.show()
    return window


@pytest.fixture
def tab(qtbot, window) -> AssignmentsTab:  # type: ignore[no-untyped-def]
    window.findChild(QTabWidget, "mainTabs").setCurrentIndex(1)
    tab = window.tab("assignmentsTab")
    qtbot.waitUntil(lambda: tab.overview.board_model.rowCount() > 0)
    return tab


def _select(view, rows: list[int]) -> None:  # type: ignore[no-untyped-def]
    view.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        view.selectionModel().select(view.model().index(row, 0), flags)


def _answer(dialog_type: type, action) -> None:  # type: ignore[no-untyped-def]
    """Run `action(dialog)` on the next modal dialog of `dialog_type` once it shows."""

    def attempt() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, dialog_type) and w.isVisible()), None
        )
        if dialog is None:
            QTimer.singleShot(20, attempt)
        else:
            action(dialog)

    QTimer.singleShot(0, attempt)


def test_the_tab_loads_when_first_shown(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.show()
    tab = window.tab("assignmentsTab")
    assert tab.overview.board_model.rowCount() == 0 and tab.charts is None  # nothing paid at start-up
    window.findChild(QTabWidget, "mainTabs").setCurrentIndex(1)
    qtbot.waitUntil(lambda: tab.overview.board_model.rowCount() == 13)


def test_the_program_starts_without_matplotlib() -> None:
    """matplotlib costs half a second: the tab imports it when its charts are first shown."""
    import subprocess
    import sys

    code = "import sys, fupin_desktop.app, fupin_desktop.cli; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_board_and_lists(tab: AssignmentsTab) -> None:
    board = village_board(tab.ui.ctx)
    model = tab.overview.board_model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        *(r.name for r in board.rows),
        "合计",
    ]
    total = model.rowCount() - 1
    assert [model.data(model.index(total, c)) for c in range(1, model.columnCount())] == [
        str(n) for n in board.total.cells()
    ]
    unpaired_column = 1 + 14  # after 户数, 人数 and six 户/人 pairs
    assert model.headerData(unpaired_column, Qt.Orientation.Horizontal) == "未结对户"
    assert model.data(model.index(total, unpaired_column), Qt.ItemDataRole.ForegroundRole) is not None  # red
    assert tab.overview.unpaired_model.rowCount() == board.total.unpaired
    assert tab.overview.overloaded_model.rowCount() == 3
    assert f"未结对 {board.total.unpaired} 户" in tab.summary.text()


def test_choosing_a_village_narrows_lists_and_charts(qtbot, tab: AssignmentsTab) -> None:  # type: ignore[no-untyped-def]
    board = village_board(tab.ui.ctx)
    village = board.rows[1]
    view = tab.overview.board_view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(1, 3)).center()
    )
    assert tab.village_id == village.area_id and tab.village.currentText() == village.name
    assert tab.overview.unpaired_model.rowCount() == village.unpaired
    assert {h.village for h in tab.overview.unpaired_model.rows} <= {village.name}
    tab.pages.setCurrentIndex(HELPERS)  # the helpers page loads the village chosen before it came on view
    helpers = tab.helpers.helper_model.rows
    assert helpers and all(village.name in h.serves or h.village == village.name for h in helpers)
    assert tab.helpers.helpers_title.text() == f"{village.name}帮扶人：{len(helpers)} 名"

    tab.pages.setCurrentIndex(1)
    qtbot.waitUntil(lambda: tab.charts is not None and tab.charts.chart_set is not None)
    assert tab.charts.chart_set.scope == village.name
    groups = next(v for v in villages(tab.ui.ctx) if v.id == village.area_id).groups
    ticks = [t.get_text() for t in tab.charts.figure("categories").axes[0].get_yticklabels()]
    assert set(ticks) <= {name for _, name in groups} and ticks
    for name, canvas in tab.charts.canvases.items():
        image = canvas.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 3, name  # drawn, not blank

    tab.village.setCurrentIndex(0)  # 全部村: the township again
    qtbot.waitUntil(lambda: tab.charts.chart_set.scope == "全乡镇" or tab.charts.chart_set.area_label == "村")
    assert tab.overview.unpaired_model.rowCount() == board.total.unpaired


def test_the_helpers_page_follows_the_village_while_on_view(qtbot, tab: AssignmentsTab) -> None:  # type: ignore[no-untyped-def]
    everyone = list_helpers(tab.ui.ctx)
    tab.pages.setCurrentIndex(HELPERS)
    assert tab.helpers.helpers_title.text() == f"全乡镇帮扶人：{len(everyone)} 名"
    assert tab.helpers.helper_model.rowCount() == len(everyone)
    tab.village.setCurrentIndex(2)
    village = tab.village.currentText()
    shown = tab.helpers.helper_model.rows
    assert 0 < len(shown) < len(everyone)
    assert all(village in h.serves or h.village == village for h in shown)
    assert tab.helpers.helpers_title.text() == f"{village}帮扶人：{len(shown)} 名"


def test_new_helper_is_saved_and_bad_input_keeps_the_dialog_open(
    qtbot, tab: AssignmentsTab, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    dialog = HelperDialog(tab, tab.ui, tab.village_rows)
    qtbot.addWidget(dialog)
    dialog.phone.setText("123")
    dialog.accept()
    assert "请填写姓名" in warnings[-1] and "联系电话“123”" in warnings[-1] and dialog.saved is None
    dialog.name.setText("周新春")
    dialog.unit.setText("县农业农村局")
    dialog.phone.setText("13812345678")
    dialog.village.setCurrentIndex(2)
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.village == dialog.village.currentText()

    def edit(d: HelperDialog) -> None:
        d.title.setText("副局长")
        d.accept()

    tab.helpers.search.setText("周新春")
    qtbot.waitUntil(lambda: [h.name for h in tab.helpers.helper_model.rows] == ["周新春"])
    tab.helpers.helper_view.selectRow(0)
    _answer(HelperDialog, edit)
    tab.helpers.edit_button.click()
    qtbot.waitUntil(lambda: tab.helpers.helper_model.rows[0].title == "副局长")


def test_archiving_a_helper_with_households_releases_them(qtbot, tab: AssignmentsTab) -> None:  # type: ignore[no-untyped-def]
    helper = next(h for h in list_helpers(tab.ui.ctx) if h.load == 5)
    tab.open_helper(helper.id)
    assert tab.helpers.current_helper().id == helper.id
    assert tab.helpers.household_model.rowCount() == 5
    unpaired_before = tab.overview.unpaired_model.rowCount()

    def archive(d: ArchiveDialog) -> None:
        d.release.setChecked(True)
        d.accept()

    _answer(ArchiveDialog, archive)
    tab.helpers.archive_button.click()
    qtbot.waitUntil(lambda: tab.overview.unpaired_model.rowCount() == unpaired_before + 5)
    assert helper.id not in [h.id for h in tab.helpers.helper_model.rows]


def test_picking_households_for_a_helper(qtbot, tab: AssignmentsTab) -> None:  # type: ignore[no-untyped-def]
    helper = max((h for h in list_helpers(tab.ui.ctx) if h.load <= tab.limit - 2), key=lambda h: h.load)
    dialog = HouseholdPickerDialog(tab, tab.ui, helper, tab.village_rows, None, tab.limit)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == len(find_households(tab.ui.ctx, HouseholdFilter(unpaired_only=True)))
    _select(dialog.view, list(range(tab.limit - helper.load + 1)))
    assert not dialog.ok.isEnabled() and "超过上限" in dialog.summary.text()  # one over the limit
    _select(dialog.view, [0, 1])
    assert dialog.ok.isEnabled() and f"共 {helper.load + 2} 户" in dialog.summary.text()
    chosen = [h.id for h in dialog.chosen()]
    dialog.accept()
    assert dialog.result_ is not None and dialog.result_.paired == 2
    assert {h.id for h in find_households(tab.ui.ctx, HouseholdFilter(helper_id=helper.id))} >= set(chosen)


def test_reassigning_from_the_helpers_page_keeps_history(qtbot, tab: AssignmentsTab) -> None:  # type: ignore[no-untyped-def]
    old = next(h for h in list_helpers(tab.ui.ctx) if h.load == 7)
    target = next(h for h in list_helpers(tab.ui.ctx) if h.load == 0 and h.role == "帮扶责任人")
    tab.open_helper(old.id)
    _select(tab.helpers.household_view, [0, 1])
    moved = [h.id for h in tab.helpers.selected_households()]

    def choose(d: HelperChooserDialog) -> None:
        d.village_only.setChecked(False)
        d.search.setText(target.phone or target.name)
        d.reload()
        row = next(n for n, h in enumerate(d.model.rows) if h.id == target.id)
        d.view.selectRow(row)
        d.reason.setCurrentText("均衡帮扶户数")
        d.accept()

    _answer(HelperChooserDialog, choose)
    tab.helpers.move_button.click()
    qtbot.waitUntil(lambda: tab.helpers.household_model.rowCount() == 5)
    history = pairing_history(tab.ui.ctx, moved[0])
    assert history[0].helper_id == target.id and history[1].helper_id == old.id
    assert history[1].end_reason == "均衡帮扶户数"
    tab.helpers.household_view.selectRow(0)
    assert tab.helpers.history_model.rowCount() >= 1


def test_suggestion_is_reviewed_edited_and_saved(qtbot, tab: AssignmentsTab) -> None:  # type: ignore[no-untyped-def]
    suggestion = suggest_pairings(tab.ui.ctx)
    dialog = SuggestionDialog(tab, tab.ui, suggestion, "全乡镇")
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == suggestion.households and dialog.save_button.isEnabled()
    assert f"分配 {suggestion.placed} 户" in dialog.summary.text()

    model.setData(model.index(0, HELPER_COLUMN), None)  # 暂不分配
    assert "1 户暂不分配" in dialog.summary.text()
    full = next(o for o in model.rows[1].options if model.loads.get(o.id, 0) >= model.limit)
    model.setData(model.index(1, HELPER_COLUMN), full.id)  # a helper who is already full
    assert not dialog.save_button.isEnabled() and "超过 5 户的上限" in dialog.summary.text()
    assert model.data(model.index(1, HELPER_COLUMN), Qt.ItemDataRole.ForegroundRole) is not None  # red
    dialog.reject()

    dialog = SuggestionDialog(tab, tab.ui, suggest_pairings(tab.ui.ctx), "全乡镇")
    qtbot.addWidget(dialog)
    dialog.model.setData(dialog.model.index(0, HELPER_COLUMN), None)
    dialog.accept()
    assert dialog.saved == suggestion.placed - 1
    assert len(find_households(tab.ui.ctx, HouseholdFilter(unpaired_only=True))) == 1


def test_the_suggest_button_refreshes_the_tab(qtbot, tab: AssignmentsTab) -> None:  # type: ignore[no-untyped-def]
    _answer(SuggestionDialog, lambda d: d.accept())
    tab.suggest_button.click()
    qtbot.waitUntil(lambda: tab.overview.unpaired_model.rowCount() == 0)
    assert "未结对 0 户" in tab.summary.text()
    assert not tab.suggest_button.isEnabled()


def test_print_warchart_from_the_menu(qtbot, tab: AssignmentsTab, window) -> None:  # type: ignore[no-untyped-def]
    assert window.print_warchart_action.text() == "作战图(&Z)…"
    village = villages(tab.ui.ctx)[3]

    def one_village(d: WarchartDialog) -> None:
        d.one.setChecked(True)
        d.village.setCurrentText(village.name)
        d.accept()

    _answer(WarchartDialog, one_village)
    window.print_warchart_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(PdfPreviewDialog) is not None, timeout=60_000)
    preview = window.findChild(PdfPreviewDialog)
    assert preview.title == f"{village.name}作战图" and preview.page_count >= 2
    preview.close()


def test_readers_cannot_change_pairings(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fupin_desktop.services.context import Actor, Role

    window = make_window(demo_dir, actor=Actor("guest", "访客", Role.READER))
    window.show()
    window.findChild(QTabWidget, "mainTabs").setCurrentIndex(1)
    tab = window.tab("assignmentsTab")
    qtbot.waitUntil(lambda: tab.overview.board_model.rowCount() > 0)
    assert not tab.helpers.new_button.isEnabled() and not tab.suggest_button.isEnabled()
    tab.pages.setCurrentIndex(HELPERS)
    assert tab.helpers.helper_model.rowCount() > 0
    tab.helpers.helper_view.selectRow(0)
    assert not tab.helpers.edit_button.isEnabled() and not tab.helpers.pick_button.isEnabled()
    said: list[str] = []  # the service refuses too, whatever the buttons say
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    helper = list_helpers(tab.ui.ctx, HelperFilter())[0]
    dialog = HelperChooserDialog(tab, tab.ui, tab.overview.unpaired_model.rows[:1], tab.limit)
    qtbot.addWidget(dialog)
    dialog.village_only.setChecked(False)
    dialog.search.setText(helper.name)
    dialog.reload()
    dialog.view.selectRow(0)
    assert dialog.chosen() is not None
    dialog.accept()
    assert said and "没有“录入和修改数据”的权限" in said[-1]
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_helpers_import_from_the_tab(qtbot, tab: AssignmentsTab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from fupin_desktop.excel.template import template_path
    from fupin_desktop.ui.excel.import_wizard import ImportWizard

    unpaired = tab.overview.unpaired_model.rows[0]
    book = openpyxl.load_workbook(template_path())
    book["帮扶责任人"].append(
        ["吴帮扶", "女", None, "县民政局", "县直", "股长", "13700002222", "帮扶责任人", None]
    )
    book["结对"].append([unpaired.number, None, "吴帮扶", "县民政局", "股长", "13700002222", "2026-11-01"])
    path = tmp_path / "帮扶责任人.xlsx"
    book.save(path)

    tab.pages.setCurrentIndex(2)
    tab.helpers.import_button.click()
    wizard = tab.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.path_edit.setText(str(path))
    wizard.check_button.click()
    qtbot.waitUntil(
        lambda: wizard.pages.currentIndex() == 1 and wizard.import_button.isEnabled(), timeout=30_000
    )
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=30_000)
    qtbot.waitUntil(lambda: unpaired.id not in [h.id for h in tab.overview.unpaired_model.rows])
    tab.helpers.search.setText("吴帮扶")
    qtbot.waitUntil(lambda: [(h.name, h.load) for h in tab.helpers.helper_model.rows] == [("吴帮扶", 1)])
    wizard.close()


def test_export_pairings_from_the_tab(qtbot, tab: AssignmentsTab) -> None:  # type: ignore[no-untyped-def]
    dialog = tab.export_pairings()
    assert dialog.isVisible() and dialog.kind() == "pairings"
    dialog.close()
    tab.village.setCurrentIndex(2)
    dialog = tab.export_pairings()
    assert dialog.kind() == "pairings" and len(dialog.household_ids) == 50  # the village's households
    dialog.close()


def test_a_household_opens_in_the_register(qtbot, tab: AssignmentsTab, window) -> None:  # type: ignore[no-untyped-def]
    household = tab.overview.unpaired_model.rows[0]
    tab.open_in_register(household.id)
    tabs = window.findChild(QTabWidget, "mainTabs")
    register = window.findChild(QWidget, "householdsTab")
    assert tabs.currentWidget() is register
    qtbot.waitUntil(lambda: register.editor is not None and register.editor.isVisible())
    register.editor.close()
