"""Excel in the window: 文件 → 导入 Excel…, 导出台账…, 机账比对…, 保存导入模板….

`install(bench, import_action, export_action)` is called by the main window (which holds what it returns).
Other tabs export a selection of households with `export_households(parent, ui, household_ids)`.

The dialogs and the services behind them (openpyxl, calamine) are imported when a menu entry is used:
this module is loaded at start-up to build the menu.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from fupin_desktop.services.context import Permission
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import run_with_progress, show_error

if TYPE_CHECKING:
    from fupin_desktop.services.importing import CompareReport
    from fupin_desktop.ui.excel.export_dialog import ExportDialog
    from fupin_desktop.ui.excel.import_wizard import ImportWizard
    from fupin_desktop.ui.features import Workbench

__all__ = ["ExcelActions", "export_households", "install", "open_export", "open_import"]


@dataclass(frozen=True, slots=True)
class ExcelActions:
    """The 文件 menu's entries added by `install` (导入 and 导出 are the window's own)."""

    compare: QAction
    template: QAction


def install(bench: Workbench, import_action: QAction, export_action: QAction) -> ExcelActions:
    ui, window = bench.ui, bench.widget()
    import_action.triggered.connect(lambda: open_import(window, ui))
    import_action.setEnabled(ui.ctx.actor.can(Permission.IMPORT))
    import_action.setToolTip("导入全国系统导出的表格、监测对象名单或导入模板")
    export_action.triggered.connect(lambda: open_export(window, ui))
    export_action.setEnabled(ui.ctx.actor.can(Permission.EXPORT))
    export_action.setToolTip("导出户台账、人口台账、结对帮扶表、监测对象名单、整改清单、数据核查结果")
    menu = bench.menu("file")
    anchor = next((a for a in menu.actions() if a.isSeparator()), None)
    compare = menu.addAction("机账比对(&C)…")
    compare.setObjectName("compareAction")
    compare.setShortcut(QKeySequence("Ctrl+Shift+B"))
    compare.triggered.connect(lambda: open_compare(window, ui))
    template = menu.addAction("保存导入模板(&T)…")
    template.setObjectName("templateAction")
    template.triggered.connect(lambda: save_template_as(window, ui))
    if anchor is not None:
        menu.insertAction(anchor, compare)
        menu.insertAction(anchor, template)
    return ExcelActions(compare, template)


def open_import(parent: QWidget | None, ui: UiContext, path: Path | None = None) -> ImportWizard:
    from fupin_desktop.ui.excel.import_wizard import ImportWizard

    wizard = ImportWizard(ui, parent, path)
    wizard.open()
    return wizard


def open_export(parent: QWidget | None, ui: UiContext) -> ExportDialog:
    from fupin_desktop.ui.excel.export_dialog import ExportDialog

    dialog = ExportDialog(ui, parent)
    dialog.open()
    return dialog


def export_households(parent: QWidget | None, ui: UiContext, household_ids: Sequence[int]) -> ExportDialog:
    """Export only these households (户台账 by default; 人口台账, 监测对象名单, 结对帮扶表 offered)."""
    from fupin_desktop.ui.excel.export_dialog import ExportDialog

    dialog = ExportDialog(ui, parent, household_ids)
    dialog.open()
    return dialog


def save_template_as(parent: QWidget | None, ui: UiContext) -> Path | None:
    from fupin_desktop.services.importing import save_template
    from fupin_desktop.ui.excel.export_dialog import show_exported

    folder = str(ui.prefs.value("excel/exportFolder", ""))
    target, _ = QFileDialog.getSaveFileName(
        parent, "保存导入模板", str(Path(folder) / "导入模板.xlsx"), "Excel 工作簿 (*.xlsx)"
    )
    if not target:
        return None
    try:
        written = save_template(Path(target))
    except Exception as exc:
        show_error(parent, exc, title="未能保存")
        return None
    show_exported(
        parent, written, f"导入模板已保存到：\n{written}\n\n按表中的列名填写后，用 文件 → 导入 Excel… 导入。"
    )
    return written


def open_compare(parent: QWidget | None, ui: UiContext) -> None:
    from fupin_desktop.ui.excel.import_wizard import FILE_FILTER

    source, _ = QFileDialog.getOpenFileName(
        parent, "机账比对：选择全国系统导出的表格", str(ui.prefs.value("excel/importFolder", "")), FILE_FILTER
    )
    if not source:
        return
    path = Path(source)
    default = path.with_name(f"机账比对_{path.stem}_{ui.ctx.today().isoformat()}.xlsx")
    target, _ = QFileDialog.getSaveFileName(parent, "比对结果保存到", str(default), "Excel 工作簿 (*.xlsx)")
    if not target:
        return
    run_compare(parent, ui, path, Path(target))


def run_compare(parent: QWidget | None, ui: UiContext, path: Path, out: Path) -> None:
    from fupin_desktop.services.importing import compare_file
    from fupin_desktop.ui.excel.export_dialog import show_exported

    def job(cancel: threading.Event):
        return compare_file(ui.ctx, path, out, cancel)

    def done(report: CompareReport) -> None:
        ui.events.status_message.emit(f"机账比对完成：{report.path}")
        show_exported(parent, report.path, "机账比对完成（没有修改数据库）：\n\n" + "\n".join(report.lines()))

    run_with_progress(
        parent,
        ui.runner,
        "正在进行机账比对",
        job,
        done,
        on_failed=lambda e: show_error(parent, e, title="比对未完成"),
    )
