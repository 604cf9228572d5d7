"""Issue 14: the 数据核查 tab's 待采集 page lists, by village, what the imported files lacked, filters it,
opens a household at 基本信息, and prints the 入户核查表 of what it shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox

from fupin_desktop.services.importing.front import import_file
from fupin_desktop.services.progress import run_job
from fupin_desktop.ui.printing import PdfPreviewDialog
from tests.conftest import _context
from tests.gui.households_helpers import households_tab
from tests.gui.test_checks_tab import show_and_run
from tests.integration import national_layouts as L


def imported_township(folder: Path, tmp_path: Path) -> Path:
    ctx = _context(folder)
    for write, name in ((L.write_b, "边缘易致贫人口名单.xlsx"), (L.write_a, "人口信息.xlsx")):
        summary, _ = run_job(import_file(ctx, write(tmp_path / name)))
        assert summary.errors == ()
    ctx.db.dispose()
    return folder


def test_the_collect_page_lists_filters_opens_and_prints(
    qtbot, make_window, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = show_and_run(qtbot, make_window(imported_township(data_dir, tmp_path)))
    view = tab.collect_view
    tab.pages.setCurrentWidget(view)
    assert tab.pages.tabText(2) == "待采集（6户）"
    rows = view.model.items
    assert len(rows) == 6
    assert {r.village for r in rows} == {"石洞村", "新寨村"}
    b2 = next(r for r in rows if r.number == "52272900100200002")
    assert "是否参加城乡居民基本医疗保险" in b2.facts and b2.head == "杨老三"
    view.fact.setCurrentIndex(view.fact.findData("户类型"))  # layout A has no 户类型
    assert {r.number for r in view.model.items} == {p[0] for p in L.A_PEOPLE}
    assert view.count.text() == "显示 3 户（待采集共 6 户）"
    view.fact.setCurrentIndex(0)
    view.search.setText("杨老三")
    assert [r.number for r in view.model.items] == ["52272900100200002"]

    view.table.doubleClicked.emit(view.model.index(0, 0))
    households = households_tab(tab.window())
    qtbot.waitUntil(lambda: households.editor is not None and households.editor.isVisible())
    editor = households.editor
    assert editor.draft.record.number == "52272900100200002"
    where = editor.findChild(type(view.count), "householdWhere")
    assert "待采集" in where.text() and "是否享受低保" in where.text()
    verified = editor.findChild(QCheckBox, "householdVerified")
    assert verified.isVisibleTo(editor)
    verified.setChecked(True)  # the clerk visited: what is still blank is “无”
    assert editor.save()
    editor.done(0)
    tab.run()
    qtbot.waitUntil(lambda: tab.running is None and tab.pages.tabText(2) == "待采集（6户）", timeout=60_000)
    b2 = next(r for r in view.model.items if r.number == "52272900100200002")
    assert "饮水水量达标" not in b2.facts  # the household's own facts are known now …
    assert "杨老三（" in b2.facts  # … its members are verified in their own windows

    view.search.clear()
    view.print_button.click()
    qtbot.waitUntil(lambda: tab.window().findChild(PdfPreviewDialog) is not None, timeout=30_000)
    dialog = tab.window().findChild(PdfPreviewDialog)
    assert dialog.page_count >= 6 and dialog.title.startswith("入户核查表（6户")
    dialog.close()
