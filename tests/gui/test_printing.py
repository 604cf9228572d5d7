"""The PDF preview (QtPdf), printing at 100 % (into a PDF-format QPrinter: no real printer needed),
the no-printer message, 另存为, and the 打印 menu's dialogs — on real services and the demo township."""

from __future__ import annotations

import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from fupin_desktop.errors import NotFound
from fupin_desktop.reports.cards import card_info, write_cards
from fupin_desktop.services.printing.cards import card_data, village_household_ids
from fupin_desktop.services.progress import run_job
from fupin_desktop.settings import Settings
from fupin_desktop.ui import print_actions, printing
from fupin_desktop.ui.print_actions import (
    NoticeDialog,
    NumberedCardsDialog,
    VillageCardsDialog,
    split_numbers,
)
from fupin_desktop.ui.printing import PdfPreviewDialog, a4_printer, show_pdf_preview
from tests.printing_samples import household

TODAY = date(2026, 11, 23)


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    """Three pages: a 12-member card over two pages and a small one."""
    out = tmp_path / "cards.pdf"
    cards = [card_data(household(12, 14), Settings(), TODAY), card_data(household(3, 1), Settings(), TODAY)]
    write_cards(out, cards, card_info(TODAY, "云岭县清水镇", 2))
    return out


@pytest.fixture
def window(make_window, demo_dir: Path):  # type: ignore[no-untyped-def]
    return make_window(demo_dir)


def test_preview_loads_and_pages(qtbot, window, pdf: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = show_pdf_preview(window, window.ui, pdf, "明白卡（2户）")
    assert dialog.isVisible()
    assert dialog.findChild(QPdfView, "pdfView").document() is dialog.document
    assert dialog.page_count == 3
    assert "共 3 页" in dialog.page_label.text()
    assert dialog.current_page == 0 and not dialog.previous_action.isEnabled()
    dialog.next_action.trigger()
    qtbot.waitUntil(lambda: dialog.current_page == 1)
    assert dialog.page_spin.value() == 2 and dialog.previous_action.isEnabled()
    dialog.page_spin.setValue(3)
    qtbot.waitUntil(lambda: dialog.current_page == 2)
    assert not dialog.next_action.isEnabled()
    dialog.close()


def test_preview_zooms(qtbot, window, pdf: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = show_pdf_preview(window, window.ui, pdf, "明白卡")
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    dialog.set_zoom(1.0)
    dialog.zoom_in_action.trigger()
    assert dialog.zoom == pytest.approx(1.25) and dialog.zoom_combo.currentText() == "125%"
    dialog.zoom_out_action.trigger()
    dialog.zoom_out_action.trigger()
    assert dialog.zoom == pytest.approx(0.75)
    dialog.zoom_combo.setCurrentText("整页")
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitInView
    dialog.zoom_combo.setCurrentText("200%")
    assert dialog.zoom == pytest.approx(2.0)
    dialog.close()


def test_printing_renders_every_page_at_full_a4_size_on_white(
    qtbot, window, pdf: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = show_pdf_preview(window, window.ui, pdf, "明白卡")
    printer = a4_printer(dialog.document, "明白卡")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)  # a real printer reports 300–1200; small keeps the test fast
    assert dialog.print_to(printer, [0, 1, 2]) == 3
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == 3
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.3, abs=1)
        assert float(page.mediabox.height) == pytest.approx(841.9, abs=1)
        bands = [image.image for image in page.images]
        assert {b.width for b in bands} == {827}  # 210 mm at 100 dpi: the full width, unscaled
        assert sum(b.height for b in bands) == 1169  # 297 mm
        assert bands[0].convert("RGB").getpixel((0, 0)) == (255, 255, 255)  # white, not transparent
    dialog.close()


def test_without_a_printer_it_says_so_and_offers_save_as(qtbot, window, pdf: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(printing, "printers_available", lambda: False)
    dialog = show_pdf_preview(window, window.ui, pdf, "明白卡")
    dialog.print_action.trigger()
    box = dialog.no_printer_box
    assert box is not None and box.isVisible()
    assert "没有安装打印机" in box.text()
    assert "另存为 PDF…" in [b.text() for b in box.buttons()]
    box.close()
    dialog.close()


def test_save_as_copies_the_pdf(qtbot, window, pdf: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "saved" / "我的明白卡"
    target.parent.mkdir()
    monkeypatch.setattr(
        printing.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF 文件 (*.pdf)")
    )
    dialog = show_pdf_preview(window, window.ui, pdf, "明白卡")
    saved = dialog.save_as()
    assert saved == target.with_name("我的明白卡.pdf")
    assert saved.read_bytes() == pdf.read_bytes()
    assert window.ui.prefs.value(printing.LAST_FOLDER_KEY) == str(target.parent)
    dialog.close()


def test_a_temporary_preview_deletes_its_file_on_close(qtbot, window, pdf: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / f"{printing.TEMP_PREFIX}test"
    folder.mkdir()
    copy = folder / "cards.pdf"
    shutil.copyfile(pdf, copy)
    dialog = show_pdf_preview(window, window.ui, copy, "明白卡", temporary=True)
    dialog.reject()  # Esc
    assert not folder.exists()


def test_print_cards_builds_in_the_background_then_previews(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    ids = village_household_ids(window.ui.ctx, "清水村")[:3]
    print_actions.print_cards(window, window.ui, ids)
    qtbot.waitUntil(lambda: window.findChild(PdfPreviewDialog) is not None, timeout=30_000)
    dialog = window.findChild(PdfPreviewDialog)
    assert dialog.page_count == 3 and dialog.title == "明白卡（3户）"
    assert dialog.pdf_path.name == "明白卡（3户）.pdf" and dialog.temporary
    dialog.close()


def test_cancelling_a_background_print_opens_nothing_and_leaves_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from fupin_desktop.services.printing.cards import cards_job, township_household_ids

    ids = township_household_ids(window.ui.ctx)
    outputs: list[Path] = []

    def factory(out: Path, cancel: threading.Event):  # type: ignore[no-untyped-def]
        outputs.append(out)
        return cards_job(window.ui.ctx, ids, out, cancel=cancel)

    handle = printing.preview_job(window, window.ui, "明白卡（全部）", factory)
    handle.cancel()
    with qtbot.waitSignal(handle.signals.done, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: not outputs[0].parent.exists())
    assert window.findChild(PdfPreviewDialog) is None


def test_print_cards_without_households_says_so(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    print_actions.print_cards(window, window.ui, [])
    assert said and "没有选中农户" in said[0]
    assert not window.ui.runner.busy


def test_print_menu_entries(window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.menus["print"].actions() if not a.isSeparator()]
    assert texts[:3] == ["明白卡（按村）(&V)…", "明白卡（指定户编号）(&N)…", "公示名单(&G)…"]  # others follow


def test_village_dialog_counts_households(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from fupin_desktop.services.register.areas import villages

    dialog = VillageCardsDialog(window, window.ui, villages(window.ui.ctx))
    qtbot.addWidget(dialog)
    assert dialog.village.currentText() == "清水村"
    assert dialog.count.text() == "共 50 户在册农户。" and len(dialog.household_ids) == 50


def test_numbers_dialog_names_unknown_numbers_and_keeps_open(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    errors = []
    monkeypatch.setattr(print_actions, "show_error", lambda _parent, exc, **_: errors.append(exc))
    dialog = NumberedCardsDialog(window, window.ui)
    qtbot.addWidget(dialog)
    dialog.numbers.setPlainText("52242510800100001\n123")
    dialog.accept()
    assert isinstance(errors[0], NotFound) and "123" in errors[0].message
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.numbers.setPlainText("52242510800100001，52242510800100002")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and len(dialog.household_ids) == 2


def test_split_numbers_accepts_what_clerks_paste() -> None:
    assert split_numbers("1, 2，3\n 4、5；6\t7") == ["1", "2", "3", "4", "5", "6", "7"]


def test_notice_dialog_defaults_and_job(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fupin_desktop.services.register.areas import villages

    dialog = NoticeDialog(window, window.ui, villages(window.ui.ctx))
    qtbot.addWidget(dialog)
    assert dialog.since.date().toPython() == date(2026, 9, 1)
    assert dialog.posted.date().toPython() == TODAY
    dialog.village.setCurrentText("桃园村")
    with pytest.raises(NotFound):  # nobody in 桃园村 identified since September
        run_job(dialog.job_factory()(tmp_path / "a.pdf", threading.Event()))
    dialog.village.setCurrentText("白岩村")
    dialog.eliminate.setChecked(True)
    dialog.since.setDate(date(2026, 1, 1))
    assert dialog.title() == "白岩村风险消除公示名单"
    result = run_job(dialog.job_factory()(tmp_path / "b.pdf", threading.Event()))
    assert result.households >= 2 and (tmp_path / "b.pdf").exists()
