"""PDF preview and printing inside the program (QtPdf): no external viewer needed.

For every document the program prints:

    show_pdf_preview(parent, ui, pdf_path, title)          # open a finished PDF in the preview
    preview_job(parent, ui, title, job_factory)            # build it in the background, then preview
        # job_factory(out: Path, cancel: threading.Event) -> Job  (a service job writing the PDF to out)

The preview pages through the document (上一页/下一页, page number, continuous scrolling), zooms
(适合宽度, 整页, 50–200 %), prints through the system print dialog and saves a copy (另存为 PDF).
Printing renders each page at the printer's resolution onto white (QtPdf renders transparent) and
draws it at exactly the paper's size in full-page mode: A4 at 100 %, never "fit to page". With no
printer installed it says so and offers 另存为 PDF instead.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRect, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QCloseEvent, QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import UserError
from fupin_desktop.files import written_in_place
from fupin_desktop.services.progress import Job
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import run_with_progress, show_error
from fupin_desktop.ui.screen_fit import preferred_size
from fupin_desktop.ui.tasks import TaskHandle

ReportJobFactory = Callable[[Path, threading.Event], Job[Any]]

MAX_RENDER_DPI = 600  # finer printer resolutions get a 600-dpi image drawn at the same physical size
BAND_ROWS = 512  # pages are rendered in horizontal bands to bound memory at high resolutions
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_WIDTH, FIT_PAGE = "适合宽度", "整页"
LAST_FOLDER_KEY = "printing/lastFolder"
TEMP_PREFIX = "fupin-print-"


# ------------------------------------------------------------------ public entry points


def show_pdf_preview(
    parent: QWidget | None, ui: UiContext, pdf_path: Path, title: str, *, temporary: bool = False
) -> PdfPreviewDialog:
    """Open `pdf_path` in a (non-modal) preview window. With `temporary`, the file is deleted when
    the window closes (the user keeps a copy with 另存为 PDF)."""
    dialog = PdfPreviewDialog(parent, ui, Path(pdf_path), title, temporary=temporary)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def preview_job(
    parent: QWidget | None, ui: UiContext, title: str, job_factory: ReportJobFactory
) -> TaskHandle:
    """Run a report job in the background (progress and 取消), then open its PDF in the preview.

    `job_factory(out, cancel)` returns the service job that writes the PDF to `out` (a temporary file
    the preview deletes on close). Errors are shown with `show_error`; 取消 leaves nothing behind.
    Returns the running task's handle."""
    folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    out = folder / f"{safe_file_name(title)}.pdf"

    def finished(_result: object) -> None:
        ui.events.status_message.emit(f"{title}已生成，正在打开预览。")
        try:
            show_pdf_preview(parent, ui, out, title, temporary=True)
        except UserError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            show_error(parent, exc, title=f"{title}无法预览")

    def failed(exc: BaseException) -> None:
        show_error(parent, exc, title=f"{title}未生成")

    def job(cancel: threading.Event) -> Job[object]:
        try:
            return (yield from job_factory(out, cancel))
        except BaseException:  # failed or 取消: nothing left behind, even with no window to say so
            shutil.rmtree(folder, ignore_errors=True)
            raise

    return run_with_progress(parent, ui.runner, f"正在生成{title}", job, finished, on_failed=failed)


def safe_file_name(title: str) -> str:
    """`title` without the characters Windows forbids in file names."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("._") or "文档"


def printers_available() -> bool:
    return bool(QPrinterInfo.availablePrinterNames())


# ------------------------------------------------------------------ printing


def print_document(
    document: QPdfDocument,
    printer: QPrinter,
    pages: Iterable[int],
    *,
    keep_going: Callable[[int], bool] = lambda _done: True,
) -> int:
    """Print `pages` (0-based) of `document` on `printer` at 100 %; returns how many were printed.

    `keep_going(done)` is asked before each page (a progress dialog answers False after 取消)."""
    printer.setFullPage(True)  # origin at the paper's corner: the PDF's own margins are kept exactly
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("无法开始打印：打印机不可用、脱机或正被占用。请检查打印机后重试，或先“另存为 PDF”。")
    done = 0
    try:
        for index in pages:
            if not keep_going(done):
                break
            if done:
                printer.newPage()
            paint_page(document, index, painter, printer.resolution())
            done += 1
    finally:
        painter.end()
    return done


def paint_page(document: QPdfDocument, index: int, painter: QPainter, dpi: int) -> None:
    """Draw one page at its true size on a device of `dpi`, rendered onto white in bands."""
    render_dpi = min(dpi, MAX_RENDER_DPI)
    scale = dpi / render_dpi
    points = document.pagePointSize(index)
    width = round(points.width() * render_dpi / 72)
    height = round(points.height() * render_dpi / 72)
    for top in range(0, height, BAND_ROWS):
        rows = min(BAND_ROWS, height - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(QSize(width, height))
        options.setScaledClipRect(QRect(0, top, width, rows))
        band = QImage(width, rows, QImage.Format.Format_RGB32)
        band.fill(Qt.GlobalColor.white)  # QtPdf renders onto transparency
        band_painter = QPainter(band)
        band_painter.drawImage(0, 0, document.render(index, QSize(width, rows), options))
        band_painter.end()
        painter.drawImage(QRectF(0, top * scale, width * scale, rows * scale), band)


def a4_printer(document: QPdfDocument, title: str) -> QPrinter:
    """A high-resolution printer set up for A4 at 100 % in the document's orientation."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    points = document.pagePointSize(0) if document.pageCount() else None
    landscape = points is not None and points.width() > points.height()
    printer.setFullPage(True)  # first: only full-page mode accepts margins below the printer's minimum
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setDocName(title)
    return printer


# ------------------------------------------------------------------ the dialog


class PdfPreviewDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, ui: UiContext, pdf_path: Path, title: str, *, temporary: bool = False
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.pdf_path = pdf_path
        self.title = title
        self.temporary = temporary
        self.setObjectName("pdfPreview")
        self.setWindowTitle(f"{title} — 打印预览")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(preferred_size(parent, QSize(900, 1000)))  # A4 pages as tall as the screen allows

        self.document = QPdfDocument(self)
        error = self.document.load(str(pdf_path))
        if error != QPdfDocument.Error.None_:
            self.deleteLater()
            raise UserError(f"无法打开 PDF 文件 {pdf_path}（{error.name}）。")
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8f96; }")
        self.navigator = self.view.pageNavigator()

        self.toolbar = QToolBar(self)
        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        self.navigator.currentPageChanged.connect(self._show_page)
        self._show_page(0)
        self.no_printer_box: QMessageBox | None = None

    # -------------------------------------------------------- building

    def _build_toolbar(self) -> None:
        bar = self.toolbar
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.print_action = self._action("打印…", QKeySequence.StandardKey.Print, self.print_pdf)
        self.save_action = self._action("另存为 PDF…", QKeySequence.StandardKey.Save, self.save_as)
        bar.addSeparator()
        self.previous_action = self._action("上一页", QKeySequence(Qt.Key.Key_PageUp), self.previous_page)
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setRange(1, max(self.page_count, 1))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        bar.addWidget(self.page_spin)
        self.page_label = QLabel(f" / 共 {self.page_count} 页 ", self)
        bar.addWidget(self.page_label)
        self.next_action = self._action("下一页", QKeySequence(Qt.Key.Key_PageDown), self.next_page)
        bar.addSeparator()
        self.zoom_out_action = self._action("缩小", QKeySequence.StandardKey.ZoomOut, self.zoom_out)
        self.zoom_combo = QComboBox(self)
        self.zoom_combo.setObjectName("zoomCombo")
        self.zoom_combo.addItems([FIT_WIDTH, FIT_PAGE, *[f"{round(z * 100)}%" for z in ZOOM_STEPS]])
        self.zoom_combo.currentTextChanged.connect(self._zoom_chosen)
        bar.addWidget(self.zoom_combo)
        self.zoom_in_action = self._action("放大", QKeySequence.StandardKey.ZoomIn, self.zoom_in)
        bar.addSeparator()
        self._action("关闭", QKeySequence(Qt.Key.Key_Escape), self.close)
        hint = QLabel("  打印按 A4 实际大小（100%），不缩放。", self)
        hint.setProperty("role", "hint")
        bar.addWidget(hint)

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: Callable
    ) -> QAction:
        action = self.toolbar.addAction(text)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(
            f"{text}（{QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)}）"
        )
        action.triggered.connect(slot)
        return action

    # -------------------------------------------------------- paging and zoom

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.navigator.currentPage()

    def go_to_page(self, index: int) -> None:
        index = max(0, min(index, self.page_count - 1))
        self.navigator.jump(index, QPointF(), self.navigator.currentZoom())

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def _show_page(self, index: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(index + 1)
        self.page_spin.blockSignals(False)
        self.previous_action.setEnabled(index > 0)
        self.next_action.setEnabled(index < self.page_count - 1)

    @property
    def zoom(self) -> float:
        return self.view.zoomFactor()

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.zoom_combo.blockSignals(True)
        self.zoom_combo.setCurrentText(f"{round(factor * 100)}%")
        self.zoom_combo.blockSignals(False)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._effective_zoom() + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(
            next((z for z in reversed(ZOOM_STEPS) if z < self._effective_zoom() - 0.01), ZOOM_STEPS[0])
        )

    def _effective_zoom(self) -> float:
        """The zoom on screen, also while a fit mode decides it."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or not self.page_count:
            return self.zoom
        page_px = self.document.pagePointSize(self.current_page).width() * self.logicalDpiX() / 72
        return self.view.viewport().width() / page_px if page_px else 1.0

    def _zoom_chosen(self, text: str) -> None:
        if text == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif text == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.set_zoom(int(text.rstrip("%")) / 100)

    # -------------------------------------------------------- printing and saving

    def print_pdf(self) -> None:
        """打印: the system print dialog, then every chosen page at 100 % on A4."""
        if not printers_available():
            self._no_printer()
            return
        printer = a4_printer(self.document, self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"打印 — {self.title}")
        dialog.setMinMax(1, self.page_count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer, self._chosen_pages(printer))

    def _chosen_pages(self, printer: QPrinter) -> list[int]:
        chosen = printer.printRange()
        if chosen == QPrinter.PrintRange.CurrentPage:
            pages = [self.current_page]
        elif chosen == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            pages = list(range(printer.fromPage() - 1, min(printer.toPage(), self.page_count)))
        else:
            pages = list(range(self.page_count))
        copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
        return pages * copies

    def print_to(self, printer: QPrinter, pages: list[int]) -> int:
        """Print `pages` on a configured printer behind a progress dialog with 取消; returns pages sent."""
        progress = QProgressDialog("正在发送到打印机…", "取消", 0, len(pages), self)
        progress.setWindowTitle("打印")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def keep_going(done: int) -> bool:
            # a modal QProgressDialog processes events in setValue: the Qt idiom for GUI-thread work
            progress.setValue(done)
            progress.setLabelText(f"正在发送到打印机…（第 {done + 1} 页，共 {len(pages)} 页）")
            return not progress.wasCanceled()

        try:
            printed = print_document(self.document, printer, pages, keep_going=keep_going)
        except UserError as exc:
            progress.close()
            show_error(self, exc, title="打印未完成")
            return 0
        progress.setValue(len(pages))
        progress.close()
        note = "" if printed == len(pages) else f"（已取消，共 {len(pages)} 页）"
        self.ui.events.status_message.emit(f"{self.title}：已发送 {printed} 页到打印机{note}。")
        return printed

    def _no_printer(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("noPrinterBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("没有打印机")
        box.setText("这台电脑没有安装打印机，无法直接打印。")
        box.setInformativeText(
            "可以先“另存为 PDF”，用U盘拷到连接打印机的电脑上打印（请选 A4 纸、实际大小）。"
        )
        save = box.addButton("另存为 PDF…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        save.clicked.connect(self.save_as)
        self.no_printer_box = box
        box.open()

    def save_as(self) -> Path | None:
        """另存为 PDF: copy the document where the user chooses; returns the copy's path."""
        folder = self.ui.prefs.value(LAST_FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        suggested = str(Path(str(folder)) / f"{safe_file_name(self.title)}.pdf")
        name, _ = QFileDialog.getSaveFileName(self, "另存为 PDF", suggested, "PDF 文件 (*.pdf)")
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        return self.save_copy(target)

    def save_copy(self, target: Path) -> Path | None:
        try:
            if target.resolve() != self.pdf_path.resolve():
                with written_in_place(target) as partial:
                    shutil.copyfile(self.pdf_path, partial)
        except (OSError, UserError) as exc:
            show_error(self, exc, title="另存为未完成")
            return None
        self.ui.prefs.setValue(LAST_FOLDER_KEY, str(target.parent))
        self.ui.events.status_message.emit(f"已保存：{target}")
        return target

    # -------------------------------------------------------- closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self._release()
        super().closeEvent(event)

    def done(self, result: int) -> None:  # Esc and reject() end here without a closeEvent
        self._release()
        super().done(result)

    def _release(self) -> None:
        if self.document.status() == QPdfDocument.Status.Null:
            return
        self.document.close()  # Windows cannot delete a file that is still open
        if self.temporary:
            with contextlib.suppress(OSError):
                self.pdf_path.unlink()
            if self.pdf_path.parent.name.startswith(TEMP_PREFIX):
                shutil.rmtree(self.pdf_path.parent, ignore_errors=True)
