"""The wall chart's charts (reports/charts.py): each renders a non-empty image on the Agg canvas, in
the embedded font, also from empty data; and draws as vector text and paths into a PDF
(reports/figures.py) in the embedded font only."""

from __future__ import annotations

import io
import itertools
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader

from fupin_desktop.fonts import FAMILY
from fupin_desktop.reports import charts
from fupin_desktop.reports.chart_data import Coverage, IncomeSpread, LoadSpread, StackedBars
from fupin_desktop.reports.figures import FigureFlowable
from fupin_desktop.reports.kit import A4_LANDSCAPE, DocumentInfo, write_pdf
from tests.pdf_checks import flat, text, unembedded_fonts

CATEGORIES = StackedBars(
    labels=("清水村", "柳湾村", "杨家坪村"),
    series=(
        ("脱贫不稳定户", (11, 6, 10)),
        ("边缘易致贫户", (3, 4, 5)),
        ("突发严重困难户", (2, 1, 2)),
        ("其他脱贫户", (150, 160, 148)),
        ("一般农户", (34, 29, 35)),
    ),
)
RISKS = StackedBars(
    labels=("因病", "因学", "因残"), series=(("风险未消除", (20, 5, 2)), ("风险已消除", (28, 8, 2)))
)
COVERAGE = Coverage(labels=("产业帮扶", "就业帮扶", "健康帮扶"), values=(174, 89, 85), base=212, covered=195)
LOADS = LoadSpread(loads=(0, 0, 2, 5, 5, 5, 5, 7), limit=5)
INCOME = IncomeSpread(
    year=2026, threshold=8100.0, per_capita=(4200.0, 7900.0, 8100.0, 9800.0, 15000.0, 40000.0)
)

FIGURES = {
    "category": lambda **kw: charts.category_chart(CATEGORIES, "村", **kw),
    "risk": lambda **kw: charts.risk_chart(RISKS, **kw),
    "coverage": lambda **kw: charts.coverage_chart(COVERAGE, **kw),
    "load": lambda **kw: charts.load_chart(LOADS, **kw),
    "income": lambda **kw: charts.income_chart(INCOME, **kw),
}
EMPTY = {
    "category": lambda: charts.category_chart(StackedBars((), ())),
    "risk": lambda: charts.risk_chart(StackedBars((), ())),
    "coverage": lambda: charts.coverage_chart(Coverage((), (), 0, 0)),
    "load": lambda: charts.load_chart(LoadSpread((), 5)),
    "income": lambda: charts.income_chart(IncomeSpread(None, None, ())),
}


def _inked(figure: Figure) -> float:
    """Share of the rendered PNG's pixels that are not white."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    figure.canvas.draw()
    pixels = np.asarray(figure.canvas.buffer_rgba())[..., :3]
    assert buffer.getvalue().startswith(b"\x89PNG")
    return float((pixels < 245).any(axis=-1).mean())


def _texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text") and a.get_text())]


@pytest.mark.parametrize("name", FIGURES)
def test_each_chart_renders_a_non_empty_image(name: str) -> None:
    figure = FIGURES[name]()
    assert _inked(figure) > 0.04
    assert all(
        t.get_fontfamily()[0] == FAMILY for t in figure.findobj(lambda a: hasattr(a, "get_fontfamily"))
    )


@pytest.mark.parametrize("name", EMPTY)
def test_empty_data_says_so(name: str) -> None:
    figure = EMPTY[name]()
    assert any(t.startswith("暂无") for t in _texts(figure))
    assert _inked(figure) > 0.001


def test_charts_say_what_a_reader_needs() -> None:
    assert "上限5户" in _texts(FIGURES["load"]())
    assert any("超额1人" in t and "尚无结对户2人" in t for t in _texts(FIGURES["load"]()))
    income = _texts(FIGURES["income"]())
    assert any("监测范围8,100元" in t and "低于2户" in t for t in income)  # 8100 itself is not below
    assert "174户 82.1%" in _texts(FIGURES["coverage"]())  # as the tables write it (issue 17 §9)


def test_a_chart_redraws_into_a_given_figure() -> None:
    figure = charts.new_figure()
    charts.risk_chart(RISKS, figure=figure)
    assert charts.load_chart(LOADS, figure=figure) is figure
    assert len(figure.axes) == 1 and "结对户数" in figure.axes[0].get_title(loc="left")


def test_income_bins_put_the_threshold_on_an_edge() -> None:
    edges = charts.income_edges([3000.0, 8100.0, 12000.0, 30000.0], 8100.0)
    assert 8100.0 in edges
    assert edges[0] <= 3000.0
    steps = {round(b - a, 6) for a, b in itertools.pairwise(edges)}
    assert len(steps) == 1


def test_figures_draw_as_vector_text_in_the_embedded_font(tmp_path: Path) -> None:
    out = tmp_path / "charts.pdf"
    flowables = [FigureFlowable(make(size=(5.5, 3.6))) for make in FIGURES.values()]
    write_pdf(out, flowables, DocumentInfo(title="图表", printed_on=date(2026, 11, 23)), A4_LANDSCAPE)
    reader = PdfReader(out)
    assert unembedded_fonts(reader) == []
    content = flat(text(reader))
    for label in (
        "各村农户类别",
        "杨家坪村",
        "监测对象风险类型",
        "帮扶措施覆盖",
        "上限5户",
        "人均纯收入分布",
    ):
        assert label in content
    assert not any(page.images for page in reader.pages)  # paths and text, no pictures
