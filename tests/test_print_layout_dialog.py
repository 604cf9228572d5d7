"""文件 → 导出台账: the 打印工作表 panel chooses the 打印 sheet's columns, says how they print, and remembers
the choice per ledger (issue 17 §1)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fupin_desktop.ui.excel.export_dialog import ExportDialog


def _select(dialog: ExportDialog, title: str) -> None:
    row = next(i for i in range(dialog.kinds.count()) if dialog.kinds.item(i).text() == title)
    dialog.kinds.setCurrentRow(row)


def _item(dialog: ExportDialog, header: str):  # type: ignore[no-untyped-def]
    columns = dialog.printing.columns
    return next(columns.item(i) for i in range(columns.count()) if columns.item(i).text() == header)


def test_the_chosen_print_columns_are_written_and_remembered(
    qtbot, make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    dialog = ExportDialog(window.ui, window)
    qtbot.addWidget(dialog)
    _select(dialog, "人口台账")
    panel = dialog.printing
    assert panel.isEnabled() and panel.enabled.isChecked()
    assert _item(dialog, "劳动技能").checkState() == Qt.CheckState.Checked  # a default column
    assert "出生年份" in panel.checked() and "一页宽" in panel.fit.text()
    _item(dialog, "劳动技能").setCheckState(Qt.CheckState.Unchecked)
    for header in ("民族", "文化程度", "政治面貌", "务工企业名称", "务工所在地", "残疾类别", "人口编号"):
        _item(dialog, header).setCheckState(Qt.CheckState.Checked)
    wide = re.search(
        r"A4 横向 (\d) 页宽，正文 10 磅，每页重复“序号、户编号、户主姓名、姓名”", panel.fit.text()
    )
    assert wide and int(wide[1]) > 1

    out = tmp_path / "人口台账.xlsx"
    dialog.path_edit.setText(str(out))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    box = window.findChild(QMessageBox, "exportedBox")
    assert box is not None
    box.close()
    headers = [c.value for c in openpyxl.load_workbook(out)["打印"][2]]
    assert (
        "劳动技能" not in headers
        and "民族" in headers
        and headers[:4] == ["序号", "户编号", "户主姓名", "姓名"]
    )

    again = ExportDialog(window.ui, window)
    qtbot.addWidget(again)
    _select(again, "人口台账")
    assert _item(again, "劳动技能").checkState() == Qt.CheckState.Unchecked
    assert _item(again, "民族").checkState() == Qt.CheckState.Checked
    again.printing.restore_defaults()
    assert _item(again, "劳动技能").checkState() == Qt.CheckState.Checked
    assert _item(again, "民族").checkState() == Qt.CheckState.Unchecked
    _select(again, "结对帮扶表")  # a narrow list: printed as it is
    assert not again.printing.isEnabled() and again.printing.headers() == []
    again.close()


def test_the_print_sheet_can_be_left_out(qtbot, make_window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    dialog = ExportDialog(window.ui, window)
    qtbot.addWidget(dialog)
    _select(dialog, "户台账")
    dialog.printing.enabled.setChecked(False)
    assert not dialog.printing.columns.isEnabled() and dialog.printing.fit.text() == "不附打印工作表"
    out = tmp_path / "户台账.xlsx"
    dialog.path_edit.setText(str(out))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    window.findChild(QMessageBox, "exportedBox").close()
    assert openpyxl.load_workbook(out).sheetnames == ["户台账"]
    again = ExportDialog(window.ui, window)
    qtbot.addWidget(again)
    _select(again, "户台账")
    assert not again.printing.enabled.isChecked()
    again.close()
