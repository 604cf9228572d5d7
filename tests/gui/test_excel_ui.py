"""文件 → 导入 Excel… and 导出台账… on real services and a temporary database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from fupin_desktop.services.context import Actor, Role
from fupin_desktop.ui.excel import export_households, open_export, open_import
from tests.integration.excel_files import national_rows, write_xlsx


def _close_message_boxes() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.close()


def test_the_file_menu_offers_import_export_compare_and_template(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir)
    assert window.import_action.isEnabled() and window.export_action.isEnabled()
    texts = [a.text() for a in window.menus["file"].actions()]
    assert texts[:4] == ["导入 Excel(&I)…", "导出台账(&E)…", "机账比对(&C)…", "保存导入模板(&T)…"]


def test_a_reader_may_export_but_not_import(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir, actor=Actor("r", "只读", Role.READER))
    assert not window.import_action.isEnabled() and window.export_action.isEnabled()
    dialog = open_export(window, window.ui)
    qtbot.addWidget(dialog)
    assert not dialog.full_id.isEnabled()


def test_import_wizard_previews_then_imports(qtbot, make_window, data_dir: Path, tmp_path: Path) -> None:
    window = make_window(data_dir)
    path = write_xlsx(tmp_path / "人口.xlsx", national_rows(3), title="云岭县人口信息")
    wizard = open_import(window, window.ui, path)
    qtbot.addWidget(wizard)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=20_000)
    assert "户：新增 3" in wizard.summary_label.text() and "成员：新增 9" in wizard.summary_label.text()
    # the nine new members counted are listed, by household and name, with masked ID numbers
    assert wizard.tabs.tabText(2) == "新增的成员（9）"
    first = [wizard.added.data(wizard.added.index(0, c)) for c in range(4)]
    assert first[1] == "张一1" and first[3] == "新户的成员" and "********" in first[2]
    assert wizard.import_button.isEnabled()
    with qtbot.waitSignal(window.ui.events.data_changed, timeout=20_000):
        wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=20_000)
    assert "导入完成" in wizard.done_label.text() and "备份" in wizard.done_label.text()
    qtbot.waitUntil(lambda: "3 户" in window.counts_label.text(), timeout=5_000)


def test_errors_block_until_bad_households_are_skipped(
    qtbot, make_window, data_dir: Path, tmp_path: Path
) -> None:
    window = make_window(data_dir)
    rows = [list(r) for r in national_rows(2)]
    rows[4][12] = "户主"  # household 2 gets two heads
    wizard = open_import(window, window.ui, write_xlsx(tmp_path / "人口.xlsx", rows))
    qtbot.addWidget(wizard)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=20_000)
    assert not wizard.import_button.isEnabled()
    assert wizard.issues.rowCount() == 1 and "2 个户主" in wizard.issues.data(wizard.issues.index(0, 6))
    assert wizard.tabs.tabText(0).startswith("问题（错误 1")
    wizard.skip_bad.setChecked(True)
    qtbot.waitUntil(lambda: wizard.import_button.isEnabled(), timeout=20_000)
    assert "将跳过有错误的 1 户" in wizard.summary_label.text()


def test_an_error_row_names_the_person_it_is_about(
    qtbot, make_window, data_dir: Path, tmp_path: Path
) -> None:
    window = make_window(data_dir)
    rows = [list(r) for r in national_rows(2)]
    rows[4][7] = "1990年13月"  # 张二2's 出生日期 cannot be read
    wizard = open_import(window, window.ui, write_xlsx(tmp_path / "人口.xlsx", rows))
    qtbot.addWidget(wizard)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=20_000)
    headers = [wizard.issues.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    row = {h: wizard.issues.data(wizard.issues.index(0, c)) for c, h in enumerate(headers)}
    assert row["户编号"] == rows[4][3] and row["姓名"] == "张二2" and row["列"] == "出生日期"


def test_export_dialog_writes_the_chosen_kind(qtbot, make_window, demo_dir: Path, tmp_path: Path) -> None:
    window = make_window(demo_dir)
    dialog = open_export(window, window.ui)
    qtbot.addWidget(dialog)
    assert dialog.kinds.count() == 7  # the five ledgers, 待采集清单 and 数据核查结果
    assert dialog.path_edit.text().endswith("户台账_清水镇_2026-11-23.xlsx")
    dialog.kinds.setCurrentRow(4)
    assert dialog.path_edit.text().endswith("整改清单_清水镇_2026-11-23.xlsx")
    # the kind's description is shown whole, wrapped under the list, not cut at the row's end
    assert dialog.description.text().endswith("（可作为整改任务再导入）") and dialog.description.wordWrap()
    target = tmp_path / "整改清单.xlsx"
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert target.exists() and dialog.result.rows == 40
    _close_message_boxes()


def test_selected_households_export(qtbot, make_window, demo_dir: Path, tmp_path: Path) -> None:
    window = make_window(demo_dir)
    dialog = export_households(window, window.ui, [1, 2, 3])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "导出选中的 3 户" and dialog.kinds.count() == 4
    dialog.path_edit.setText(str(tmp_path / "选中.xlsx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert dialog.result.rows == 3
    _close_message_boxes()


def test_a_file_without_a_year_asks_for_the_income_year(
    qtbot, make_window, data_dir: Path, tmp_path: Path
) -> None:
    """Income columns with no 年度 anywhere are never put under "this year" silently: the wizard asks."""
    from tests.integration.national_layouts import write_c

    window = make_window(data_dir)
    wizard = open_import(window, window.ui, write_c(tmp_path / "国办贫困户数据.xlsx"))
    qtbot.addWidget(wizard)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=20_000)
    assert wizard.year_row.isVisibleTo(wizard) and not wizard.use_year.isChecked()
    assert not any("人均纯收入" in c.field for c in wizard.preview.summary.changes)
    wizard.income_year.setValue(2020)
    wizard.use_year.setChecked(True)
    qtbot.waitUntil(
        lambda: any(c.field == "2020年人均纯收入（全国系统）" for c in wizard.preview.summary.changes),
        timeout=20_000,
    )
    assert wizard.import_button.isEnabled()
