"""图表: the five wall-chart charts of the chosen scope, each on its own QtAgg canvas.

Imported only when the page is first shown: matplotlib's import costs about half a second, which the
program's start should not pay.
"""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from fupin_desktop.reports import charts
from fupin_desktop.reports.chart_data import ChartSet


class ChartsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartsPage")
        self.canvases = {
            name: _canvas(name, self) for name in ("categories", "loads", "risks", "measures", "income")
        }
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
        self.chart_set: ChartSet | None = None

    def show_charts(self, data: ChartSet) -> None:
        self.chart_set = data
        figure = {name: canvas.figure for name, canvas in self.canvases.items()}
        charts.category_chart(data.categories, data.area_label, figure=figure["categories"])
        charts.load_chart(data.loads, figure=figure["loads"])
        charts.risk_chart(data.risks, figure=figure["risks"])
        charts.coverage_chart(data.measures, figure=figure["measures"])
        charts.income_chart(data.income, figure=figure["income"])
        for canvas in self.canvases.values():
            canvas.draw_idle()

    def figure(self, name: str) -> Figure:
        return self.canvases[name].figure


def _canvas(name: str, parent: QWidget) -> FigureCanvasQTAgg:
    canvas = FigureCanvasQTAgg(charts.new_figure())
    canvas.setParent(parent)
    canvas.setObjectName(f"{name}Chart")
    canvas.setMinimumSize(260, 200)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return canvas
