"""打印 → 会议简报…: the dialog (title, period, parts, the kept texts), the pack built in the background and
opened in the preview, the KPI workbook, 保存本月指标 — on the demo township."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox
from python_calamine import CalamineWorkbook

from fupin_desktop.reports.briefing_data import Section
from fupin_desktop.services.briefing.pack import briefing_defaults
from fupin_desktop.services.context import Actor, Role
from fupin_desktop.services.register.settings import get_settings
from fupin_desktop.ui.briefing import BriefingDialog
from fupin_desktop.ui.printing import PdfPreviewDialog
from tests.pdf_checks import flat


def _answer(action: Callable[[BriefingDialog], None]) -> None:
    """Run `action(dialog)` on the 会议简报 dialog once it shows (it is modal)."""

    def attempt() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, BriefingDialog) and w.isVisible()),
            None,
        )
        if dialog is None:
            QTimer.singleShot(20, attempt)
        else:
            action(dialog)

    QTimer.singleShot(0, attempt)


def test_the_menu_builds_the_pack_and_previews_it(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    action = window.print_briefing_action
    assert action in window.menus["print"].actions() and action.shortcut().toString() == "Ctrl+Shift+M"

    def fill(dialog: BriefingDialog) -> None:
        assert dialog.title.text() == "清水镇防返贫动态监测工作调度会"
        assert not dialog.findChild(QCheckBox, "section_checks").isChecked()  # asked for, not default
        dialog.title.setText("十一月调度会")
        dialog.since.setDate(QDate(2026, 11, 1))
        dialog.section_boxes[Section.TREND].setChecked(False)
        dialog.section_boxes[Section.RISKS].setChecked(False)
        dialog.problems.setPlainText("一是部分村帮扶措施落实不到位。")
        dialog.next_steps.setPlainText("一、月底前完成红灯任务销号。")
        dialog.accept()

    _answer(fill)
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(PdfPreviewDialog) is not None, timeout=60_000)
    preview = window.findChild(PdfPreviewDialog)
    assert preview.title == "十一月调度会简报" and preview.page_count >= 4
    content = flat("".join(p.extract_text() for p in PdfReader(preview.pdf_path).pages))
    assert "本期：2026年11月1日至2026年11月23日" in content
    assert (
        "（一）部分村帮扶措施落实不到位。" in content
        and "月度趋势" not in content
        and "风险类型" not in content
    )
    preview.close()
    kept = get_settings(window.ui.ctx)
    assert kept.briefing_problems == "一是部分村帮扶措施落实不到位。"
    assert kept.briefing_next_steps == "一、月底前完成红灯任务销号。"

    def check_kept(dialog: BriefingDialog) -> None:  # the next meeting starts from the kept texts and parts
        assert dialog.problems.toPlainText() == "一是部分村帮扶措施落实不到位。"
        assert not dialog.section_boxes[Section.TREND].isChecked()
        assert dialog.section_boxes[Section.BASICS].isChecked()
        dialog.reject()

    _answer(check_kept)
    action.trigger()


def test_the_dialog_refuses_what_cannot_be_made(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    dialog = BriefingDialog(window, window.ui, briefing_defaults(window.ui.ctx))
    qtbot.addWidget(dialog)
    for box in dialog.section_boxes.values():
        box.setChecked(False)
    dialog.accept()
    assert said == ["请至少勾选一个要打印的部分。"] and dialog.result() == 0
    dialog.section_boxes[Section.BASICS].setChecked(True)
    dialog.since.setDate(QDate(2026, 11, 20))
    dialog.until.setDate(QDate(2026, 11, 2))
    dialog.accept()
    assert said[-1] == "本期动态的起始日期晚于截止日期，请调整。"
    assert dialog.until.maximumDate() == QDate(2026, 11, 23)  # nothing after today


def test_kpi_tables_and_snapshot_from_the_dialog(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    dialog = BriefingDialog(window, window.ui, briefing_defaults(window.ui.ctx))
    qtbot.addWidget(dialog)
    out = tmp_path / "指标表.xlsx"
    dialog.section_boxes[Section.TREND].setChecked(False)
    handle = dialog.export_to(out)
    with qtbot.waitSignal(handle.signals.done, timeout=60_000):
        pass
    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert "各村情况" in names and "月度趋势" not in names

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    dialog.save_snapshot()
    assert told == ["已保存2026年11月的主要指标。"]


def test_readers_print_but_do_not_keep_texts(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    reader = Actor(username="reader", display_name="只读", role=Role.READER)
    window = make_window(demo_dir, actor=reader)
    dialog = BriefingDialog(window, window.ui, briefing_defaults(window.ui.ctx))
    qtbot.addWidget(dialog)
    assert not dialog.snapshot_button.isEnabled() and dialog.export_button.isEnabled()
    dialog.problems.setPlainText("只读用户写的")
    dialog.accept()
    assert dialog.result() == 1
    assert get_settings(window.ui.ctx).briefing_problems == ""
    assert dialog.options().problems == "只读用户写的"  # printed all the same
