"""图表: the five wall-chart charts of the chosen scope, drawn in the background and swapped in.

Reading a village's figures and drawing five matplotlib charts costs up to a few seconds on a large
township: that work runs in the task runner (one worker thread), never in the GUI thread. Each chart
is a `ChartView` that shows the last finished image, with "正在绘制…" over it while a newer one is on
its way, so choosing a village never freezes the window. The figures live in the worker and are
reused from village to village (`figure.clear()`, one font registration); a newer request makes an
older one give up before it draws. A resized page is redrawn at its new size once resizing stops.

Imported only when the page is first shown: matplotlib's import costs about half a second, which the
program's start should not pay.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure
from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from fupin_desktop.reports import charts
from fupin_desktop.reports.chart_data import ChartSet
from fupin_desktop.services.progress import Job, Progress
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.heap import MATPLOTLIB_LOADED, freeze_long_lived
from fupin_desktop.ui.tasks import TaskRunner

NAMES = ("categories", "loads", "risks", "measures", "income")
DPI = 100.0
RESIZE_PAUSE_MS = 200  # redraw at the new size once the window has stopped changing size

LoadCharts = Callable[[], ChartSet]


@dataclass(frozen=True, slots=True)
class Rendered:
    """One chart drawn in the worker: RGBA pixels, safe to hand to the GUI thread."""

    width: int
    height: int
    rgba: bytes
    ratio: float  # device pixels per widget pixel


class ChartView(QWidget):
    """One chart: the last finished image, and "正在绘制…" while a newer one is on its way."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Chart")
        self.setMinimumSize(260, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image: QImage | None = None
        self.pending = False

    def show_image(self, rendered: Rendered) -> None:
        image = QImage(rendered.rgba, rendered.width, rendered.height, QImage.Format.Format_RGBA8888)
        image = image.copy()  # own the pixels: the bytes object may go
        image.setDevicePixelRatio(rendered.ratio)
        self.image, self.pending = image, False
        self.update()

    def set_pending(self, pending: bool) -> None:
        self.pending = pending
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRect(0, 0, self.width(), self.height()), self.image)
        if self.pending or self.image is None:
            if self.image is not None:
                painter.fillRect(self.rect(), QColor(255, 255, 255, 150))
            painter.setPen(QColor("#666666"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "正在绘制…")
        painter.end()


class ChartsPage(QWidget):
    drawn = Signal()  # the newest request's charts are on screen

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartsPage")
        self.runner = runner
        self.canvases = {name: ChartView(name, self) for name in NAMES}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setSpacing(6)
        grid.addWidget(self.canvases["categories"], 0, 0, 1, 2)
        grid.addWidget(self.canvases["loads"], 0, 2)
        grid.addWidget(self.canvases["risks"], 1, 0)
        grid.addWidget(self.canvases["measures"], 1, 1)
        grid.addWidget(self.canvases["income"], 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        self.chart_set: ChartSet | None = None  # what the images on screen show
        self.drawing = False
        self._figures: dict[str, Figure] = {}  # used by the worker thread only, between requests
        self._generation = 0
        self._drawn_sizes: dict[str, QSize] = {}
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_PAUSE_MS)
        self._resized.timeout.connect(self._redraw_if_resized)
        # the first page: a full collection in the worker would stall the window (ui.heap)
        freeze_long_lived(MATPLOTLIB_LOADED, collect=True)

    # ------------------------------------------------------------ requests

    def load(self, read: LoadCharts) -> None:
        """Read the scope's figures (`read`, in the worker) and draw them; the images come when ready."""
        self._request(read)

    def show_charts(self, data: ChartSet) -> None:
        """Draw figures already read (the same again at a new size, say)."""
        self._request(lambda: data)

    def _request(self, read: LoadCharts) -> None:
        self._generation += 1
        generation = self._generation
        sizes = {name: view.size() for name, view in self.canvases.items()}
        ratio = self.devicePixelRatioF()
        for view in self.canvases.values():
            view.set_pending(True)
        self.drawing = True

        def job(_cancel: threading.Event) -> Job[tuple[ChartSet, dict[str, Rendered]] | None]:
            yield Progress(0, 0, "绘制图表")
            if generation != self._generation:
                return None  # a newer request is queued: let it draw
            data = read()
            if generation != self._generation:
                return None
            return data, self._draw(data, sizes, ratio)

        self.runner.start(
            "绘制图表",
            job,
            on_finished=lambda result: self._finished(generation, sizes, result),
            on_failed=lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _draw(self, data: ChartSet, sizes: dict[str, QSize], ratio: float) -> dict[str, Rendered]:
        """In the worker: the five charts drawn at their views' sizes."""
        figures = self._figures
        if not figures:
            figures.update({name: charts.new_figure(dpi=DPI) for name in NAMES})
        for name, figure in figures.items():
            size = sizes[name]
            figure.set_dpi(DPI * ratio)
            figure.set_size_inches(max(size.width(), 50) / DPI, max(size.height(), 50) / DPI)
        charts.category_chart(data.categories, data.area_label, figure=figures["categories"])
        charts.load_chart(data.loads, figure=figures["loads"])
        charts.risk_chart(data.risks, figure=figures["risks"])
        charts.coverage_chart(data.measures, figure=figures["measures"])
        charts.income_chart(data.income, figure=figures["income"])
        rendered: dict[str, Rendered] = {}
        for name, figure in figures.items():
            canvas = figure.canvas
            canvas.draw()
            width, height = canvas.get_width_height(physical=True)
            rendered[name] = Rendered(width, height, bytes(canvas.buffer_rgba()), ratio)
        return rendered

    def _finished(
        self,
        generation: int,
        sizes: dict[str, QSize],
        result: tuple[ChartSet, dict[str, Rendered]] | None,
    ) -> None:
        if result is None or generation != self._generation:
            return
        data, rendered = result
        for name, image in rendered.items():
            self.canvases[name].show_image(image)
        self.chart_set, self._drawn_sizes, self.drawing = data, sizes, False
        self.drawn.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        """The last images stay; the clerk hears why the new ones did not come."""
        if generation != self._generation:
            return
        self.drawing = False
        for view in self.canvases.values():
            view.set_pending(False)
        show_error(self, exc, title="图表未能绘制")

    # ------------------------------------------------------------ size

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.chart_set is not None:
            self._resized.start()

    def _redraw_if_resized(self) -> None:
        changed = any(self._drawn_sizes.get(n) != v.size() for n, v in self.canvases.items())
        if changed and self.chart_set is not None and not self.drawing and self.isVisible():
            self.show_charts(self.chart_set)

    def figure(self, name: str) -> Figure:
        """The figure last drawn for `name` (read it only when `drawing` is False)."""
        return self._figures[name]
