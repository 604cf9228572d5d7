"""户籍管理 table: what a clerk sees after searching and filtering equals what SQL counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView

from fupin_desktop.services.context import Actor, Role
from fupin_desktop.services.households.listing import RiskStatus
from fupin_desktop.ui.households.editor import HouseholdEditor
from fupin_desktop.ui.households.table_model import COLUMNS, PAGE
from tests.gui.households_helpers import households_tab, one, sql, type_text

ACTIVE = "household.archived = 0"
PEOPLE = "SELECT count(*) FROM member WHERE status = '在册' AND household_id IN ({})"


def expected(folder: Path, where: str, *params: object) -> tuple[list[int], int]:
    """Ids (by 户编号) and people of the households matching a WHERE clause, straight from SQLite."""
    ids = [r[0] for r in sql(folder, f"SELECT id FROM household WHERE {where} ORDER BY number", *params)]
    people = one(folder, PEOPLE.format(f"SELECT id FROM household WHERE {where}"), *params)
    return ids, people


def shown(tab) -> tuple[list[int], str]:
    return tab.filtered_household_ids(), tab.findChild(QLabel, "householdCount").text()


def count_text(ids: list[int], people: int, suffix: str = "") -> str:
    return f"共 {len(ids):,} 户 {people:,} 人{suffix}"


def search(qtbot, tab, text: str) -> None:
    box = tab.findChild(QLineEdit, "householdSearch")
    box.clear()
    type_text(qtbot, box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_table_shows_every_household_of_the_register_by_number(qtbot, make_window, demo_dir: Path) -> None:
    tab = households_tab(make_window(demo_dir))
    ids, people = expected(demo_dir, ACTIVE)
    assert shown(tab) == (ids, count_text(ids, people))
    table = tab.findChild(QTableView, "householdTable")
    model = table.model()
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())] == [
        "户编号", "村/组", "户主", "人数", "户类型", "监测对象类别", "风险状态", "人均纯收入", "帮扶责任人", "联系电话",
    ]  # fmt: skip
    number, head = sql(
        demo_dir,
        "SELECT h.number, m.name FROM household h JOIN member m ON m.household_id = h.id "
        "AND m.relation = '户主' WHERE h.id = ?",
        ids[0],
    )[0]
    assert model.index(0, 0).data() == number
    assert model.index(0, 2).data() == head
    assert model.rowCount() == PAGE  # the first page only; the rest as the view scrolls
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE)


def test_search_by_name_counts_equal_sql(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    window.show()
    qtbot.waitExposed(window)
    tab = households_tab(window)
    table = tab.findChild(QTableView, "householdTable")
    table.scrollToBottom()
    assert table.verticalScrollBar().value() > 0
    search(qtbot, tab, "张")
    where = (
        f"{ACTIVE} AND (number LIKE '%张%' OR id IN (SELECT household_id FROM member WHERE name LIKE '%张%'))"
    )
    ids, people = expected(demo_dir, where)
    assert 20 < len(ids) < 600
    assert shown(tab) == (ids, count_text(ids, people))
    assert table.verticalScrollBar().value() == 0  # the new result is shown from its first row


def test_typing_applies_after_a_pause(qtbot, make_window, demo_dir: Path) -> None:
    tab = households_tab(make_window(demo_dir))
    name = one(demo_dir, "SELECT name FROM member WHERE relation = '户主' AND household_id = 7")
    type_text(qtbot, tab.findChild(QLineEdit, "householdSearch"), name)
    assert len(tab.filtered_household_ids()) == 600  # not yet: the clerk may still be typing
    qtbot.waitUntil(lambda: 7 in tab.filtered_household_ids() and len(tab.filtered_household_ids()) < 20)


@pytest.mark.parametrize("tail_length", [4, 6, 8])
def test_id_tail_search(qtbot, make_window, demo_dir: Path, tail_length: int) -> None:
    tab = households_tab(make_window(demo_dir))
    number, household = sql(
        demo_dir, "SELECT id_number, household_id FROM member WHERE id_number LIKE '%X' LIMIT 1"
    )[0]
    tail = number[-tail_length:].lower()  # a clerk may type a lower-case x
    search(qtbot, tab, tail)
    where = (
        f"{ACTIVE} AND (number LIKE ? OR id IN (SELECT household_id FROM member "
        "WHERE name LIKE ? OR id_number LIKE ?))"
    )
    ids, people = expected(demo_dir, where, f"%{tail}%", f"%{tail}%", f"%{tail.upper()}")
    assert household in ids
    assert shown(tab) == (ids, count_text(ids, people))


def test_full_id_and_phone_search(qtbot, make_window, demo_dir: Path) -> None:
    tab = households_tab(make_window(demo_dir))
    number, household = sql(demo_dir, "SELECT id_number, household_id FROM member WHERE id = 100")[0]
    search(qtbot, tab, number)
    assert tab.filtered_household_ids() == [household]
    phone, household = sql(demo_dir, "SELECT phone, id FROM household WHERE phone IS NOT NULL LIMIT 1")[0]
    search(qtbot, tab, phone)
    assert household in tab.filtered_household_ids()
    assert (
        tab.findChild(QLabel, "householdCount")
        .text()
        .startswith(f"共 {len(tab.filtered_household_ids())} 户")
    )


FILTERS = [
    ("filterType", "一般农户", f"{ACTIVE} AND household_type = '一般农户'"),
    ("filterCategory", "边缘易致贫户", f"{ACTIVE} AND monitor_category = '边缘易致贫户'"),
    (
        "filterRisk",
        RiskStatus.NOT_ELIMINATED,
        f"{ACTIVE} AND monitor_category IS NOT NULL AND coalesce(risk_eliminated, 0) = 0",
    ),
    (
        "filterRisk",
        RiskStatus.ELIMINATED,
        f"{ACTIVE} AND monitor_category IS NOT NULL AND risk_eliminated = 1",
    ),
    ("filterRisk", RiskStatus.NOT_MONITORED, f"{ACTIVE} AND monitor_category IS NULL"),
]


@pytest.mark.parametrize(("combo_name", "value", "where"), FILTERS)
def test_filters_equal_sql(
    qtbot, make_window, demo_dir: Path, combo_name: str, value: object, where: str
) -> None:
    tab = households_tab(make_window(demo_dir))
    combo = tab.filters.findChild(type(tab.filters.village), combo_name)
    combo.setCurrentIndex(combo.findData(value))
    ids, people = expected(demo_dir, where)
    assert ids
    assert shown(tab) == (ids, count_text(ids, people))


def test_village_group_and_checkbox_filters(qtbot, make_window, demo_dir: Path) -> None:
    tab = households_tab(make_window(demo_dir))
    bar = tab.filters
    village_id, group_id = sql(demo_dir, "SELECT village_id, group_id FROM household WHERE id = 5")[0]
    bar.village.setCurrentIndex(bar.village.findData(village_id))
    assert shown(tab)[0] == expected(demo_dir, f"{ACTIVE} AND village_id = ?", village_id)[0]
    bar.group.setCurrentIndex(bar.group.findData(group_id))
    ids, people = expected(demo_dir, f"{ACTIVE} AND group_id = ?", group_id)
    assert shown(tab) == (ids, count_text(ids, people))
    bar.clear_button.click()

    bar.unpaired.setChecked(True)
    ids, people = expected(
        demo_dir, f"{ACTIVE} AND id NOT IN (SELECT household_id FROM pairing WHERE end_date IS NULL)"
    )
    assert ids and shown(tab) == (ids, count_text(ids, people))
    bar.unpaired.setChecked(False)

    bar.below.setChecked(True)
    below = f"""{ACTIVE} AND id IN (
        SELECT r.household_id FROM income_record r
        JOIN threshold t ON t.year = r.year AND t.region = '示范省'
        WHERE r.year = (SELECT max(year) FROM income_record x WHERE x.household_id = r.household_id)
          AND r.per_capita < t.amount)"""
    ids, people = expected(demo_dir, below)
    assert ids and shown(tab) == (ids, count_text(ids, people))
    bar.below.setChecked(False)

    helper_id, helper_name = sql(
        demo_dir,
        "SELECT h.id, h.name FROM helper h JOIN pairing p ON p.helper_id = h.id AND p.end_date IS NULL LIMIT 1",
    )[0]
    bar.helper.load()
    bar.helper.setCurrentIndex(bar.helper.findData(helper_id))
    bar.helper.activated.emit(bar.helper.currentIndex())
    ids, people = expected(
        demo_dir,
        f"{ACTIVE} AND id IN (SELECT household_id FROM pairing WHERE end_date IS NULL AND helper_id = ?)",
        helper_id,
    )
    assert ids and shown(tab) == (ids, count_text(ids, people))
    assert all(tab.model.cache[i].helper == helper_name for i in ids)


def test_income_column_highlights_households_under_the_threshold(qtbot, make_window, demo_dir: Path) -> None:
    tab = households_tab(make_window(demo_dir))
    tab.filters.below.setChecked(True)
    model = tab.model
    column = next(i for i, c in enumerate(COLUMNS) if c.title == "人均纯收入")
    index = model.index(0, column)
    row = model.cache[model.household_id(0)]
    assert index.data() == f"{row.per_capita:,.0f}"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "低于当年监测范围 8,100 元" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_header_click_sorts_the_whole_result_in_sql(qtbot, make_window, demo_dir: Path) -> None:
    tab = households_tab(make_window(demo_dir))
    table = tab.findChild(QTableView, "householdTable")
    header = table.horizontalHeader()
    people_column = next(i for i, c in enumerate(COLUMNS) if c.title == "人数")
    x = header.sectionViewportPosition(people_column) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    counts = dict(
        sql(demo_dir, "SELECT household_id, count(*) FROM member WHERE status = '在册' GROUP BY household_id")
    )
    order = [counts.get(i, 0) for i in tab.filtered_household_ids()]
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert order == sorted(order, reverse=descending)
    assert len(order) == 600


def test_column_widths_and_sort_are_remembered(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    table = households_tab(window).findChild(QTableView, "householdTable")
    table.setColumnWidth(2, 211)
    table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: window.ui.prefs.value("households/columnWidths") is not None, timeout=3000)
    window.ui.prefs.sync()
    again = households_tab(make_window(demo_dir))
    table = again.findChild(QTableView, "householdTable")
    assert table.columnWidth(2) == 211
    assert table.horizontalHeader().sortIndicatorSection() == 3
    assert again.model.query.descending


def test_widths_saved_on_a_big_screen_do_not_push_columns_off_a_small_one(
    qtbot, make_window, demo_dir: Path
) -> None:
    from fupin_desktop.app import open_prefs
    from fupin_desktop.paths import DataPaths

    prefs = open_prefs(DataPaths(demo_dir))
    widened = [spec.width for spec in COLUMNS]
    widened[2] = 1500  # 户主 dragged wide on a 1920-pixel monitor
    prefs.setValue("households/columnWidths", widened)
    prefs.sync()
    window = make_window(demo_dir)
    table = households_tab(window).findChild(QTableView, "householdTable")
    available = window.screen().availableGeometry().width()
    total = sum(table.columnWidth(c) for c in range(len(COLUMNS)))
    assert total <= max(available, sum(spec.width for spec in COLUMNS))
    assert table.columnWidth(2) > COLUMNS[2].width  # still wider than its default, as the clerk chose
    assert [table.columnWidth(c) for c in (0, 1, 3)] == [COLUMNS[c].width for c in (0, 1, 3)]


def test_toolbar_and_context_menu_print_and_export_the_selection(qtbot, make_window, demo_dir: Path) -> None:
    from fupin_desktop.ui.excel.export_dialog import ExportDialog
    from fupin_desktop.ui.printing import PdfPreviewDialog

    window = make_window(demo_dir)
    tab = households_tab(window)
    assert tab.print_cards_action.isEnabled() and tab.export_selected_action.isEnabled()
    assert tab.print_cards_action in tab.toolbar.actions()
    assert tab.export_selected_action in tab.toolbar.actions()
    table = tab.findChild(QTableView, "householdTable")
    table.selectRow(0)
    table.selectionModel().select(
        tab.model.index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    chosen = tab.selected_household_ids()
    assert len(chosen) == 2

    tab.print_cards_action.trigger()
    qtbot.waitUntil(lambda: tab.findChild(PdfPreviewDialog) is not None, timeout=30_000)
    preview = tab.findChild(PdfPreviewDialog)
    assert preview.page_count >= 2 and preview.title == "明白卡（2户）"
    preview.close()

    tab.export_selected_action.trigger()
    dialog = tab.findChild(ExportDialog)
    assert dialog is not None and dialog.household_ids == chosen
    assert dialog.windowTitle() == "导出选中的 2 户"
    dialog.close()
    menu = tab.context_menu()
    assert {"打开", "新建户", "归档…", "恢复", "打印明白卡", "导出所选"} <= {a.text() for a in menu.actions()}


def test_selected_and_filtered_ids(qtbot, make_window, demo_dir: Path) -> None:
    tab = households_tab(make_window(demo_dir))
    table = tab.findChild(QTableView, "householdTable")
    table.selectRow(3)
    table.selectionModel().select(
        tab.model.index(1, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    ids = tab.filtered_household_ids()
    assert tab.selected_household_ids() == [ids[1], ids[3]]
    assert len(ids) == 600


def test_keyboard_find_open_and_new(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    tab = households_tab(window)
    table = tab.findChild(QTableView, "householdTable")
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.findChild(QLineEdit, "householdSearch").hasFocus()

    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.selectRow(2)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = tab.editor
    assert isinstance(editor, HouseholdEditor) and editor.isVisible()
    assert editor.draft.record.id == tab.filtered_household_ids()[2]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing changed: closes without asking
    assert not editor.isVisible()

    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.editor.isVisible()
    assert tab.editor.draft.record.id is None and tab.editor.draft.record.number.startswith("L2026")
    tab.editor.discard()


def test_reader_sees_masked_ids_and_cannot_change_anything(qtbot, make_window, demo_dir: Path) -> None:
    reader = Actor(username="guest", display_name="查看员", role=Role.READER)
    tab = households_tab(make_window(demo_dir, actor=reader))
    assert not tab.new_action.isEnabled()
    table = tab.findChild(QTableView, "householdTable")
    table.selectRow(0)
    assert not tab.archive_action.isEnabled()
    editor = tab.open_household(tab.filtered_household_ids()[0], "家庭成员")
    assert not editor.save_button.isVisible()
    members = editor.findChild(QTableView, "memberTable").model()
    shown_id = members.index(0, 4).data()
    assert "********" in shown_id and len(shown_id) == 18
    editor.reject()


def test_keyboard_path_from_search_to_an_open_household(qtbot, make_window, demo_dir: Path) -> None:
    """Issue 16 §6: Enter in the search box opens the one household found; with several, the table
    takes the keys (Down from the search box too), and Enter there opens the chosen one."""
    window = make_window(demo_dir)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    tab = households_tab(window)
    table = tab.findChild(QTableView, "householdTable")
    box = tab.findChild(QLineEdit, "householdSearch")
    number, household_id = sql(demo_dir, "SELECT number, id FROM household ORDER BY id LIMIT 1 OFFSET 7")[0]

    search(qtbot, tab, number)  # one household: Enter opens it
    editor = tab.editor
    assert isinstance(editor, HouseholdEditor) and editor.isVisible()
    assert editor.draft.record.id == household_id
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    window.activateWindow()  # the editor was the active window
    qtbot.waitActive(window)

    surname = sql(demo_dir, "SELECT substr(name, 1, 1) FROM member WHERE relation = '户主' LIMIT 1")[0][0]
    search(qtbot, tab, surname)  # many: the first row is chosen and the table has the keys
    assert len(tab.filtered_household_ids()) > 1 and not tab.editor.isVisible()
    qtbot.waitUntil(table.hasFocus)
    assert table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert tab.editor.isVisible() and tab.editor.draft.record.id == tab.filtered_household_ids()[1]
    qtbot.keyClick(tab.editor, Qt.Key.Key_Escape)
    window.activateWindow()
    qtbot.waitActive(window)

    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Down)  # Down leaves the search box for the table
    qtbot.waitUntil(table.hasFocus)
