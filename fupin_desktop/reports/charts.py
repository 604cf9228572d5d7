"""The wall chart's charts (DOMAIN §5): plain data in, a matplotlib `Figure` out — no pyplot.

The same functions draw on the Qt canvas of the 挂图作战 tab (pass the canvas's `figure`: it is cleared
and redrawn) and in the printed 作战图 (`reports.figures.FigureFlowable` draws a figure as vector
graphics in the document's embedded font). Text is 9 pt or larger, Chinese in the embedded font.

- `category_chart`: households per village (or 组) by category, stacked;
- `risk_chart`: 监测对象 per risk type, 未消除 and 已消除;
- `coverage_chart`: 监测对象 reached by each kind of 帮扶措施;
- `load_chart`: helpers by how many households they carry, against the limit;
- `income_chart`: 人均纯收入 of the households against the year's 监测范围;
- `stacked_chart`: any StackedBars under a title (the briefing's open tasks by 问题类别 and colour);
- `trend_chart`: figures month by month (the briefing's trend from the monthly snapshots).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from fupin_desktop.fonts import register_matplotlib
from fupin_desktop.reports.chart_data import Coverage, IncomeSpread, LoadSpread, StackedBars, share

TITLE_SIZE = 10.5
TEXT_SIZE = 9.0
INK = "#222222"
MUTED = "#666666"
GRID = "#dde1e6"
ALERT = "#d64541"
CALM = "#5b8cc6"
IDLE = "#bfc5cc"
COLOURS = {
    "脱贫不稳定户": "#d64541",
    "边缘易致贫户": "#f39c34",
    "突发严重困难户": "#8e5aa8",
    "其他脱贫户": "#7fa7d6",
    "一般农户": "#d5d9df",
    "风险未消除": "#d64541",
    "风险已消除": "#9cc9a5",
    "红灯": "#d64541",
    "黄牌": "#f0b429",
    "蓝签": "#5b8cc6",
}
FALLBACK_COLOURS = ("#5b8cc6", "#f39c34", "#8e5aa8", "#9cc9a5", "#d5d9df")
Size = tuple[float, float]  # inches
DEFAULT_SIZE: Size = (6.0, 4.0)


# ------------------------------------------------------------------ the charts


def category_chart(
    data: StackedBars, area_label: str = "村", figure: Figure | None = None, size: Size = DEFAULT_SIZE
) -> Figure:
    fig, ax = _start(figure, size, f"各{area_label}农户类别（户）")
    if not data.labels:
        return _empty(fig, ax, "暂无农户")
    _stacked_barh(ax, data)
    _legend_below(fig, len(data.series))
    return fig


def risk_chart(data: StackedBars, figure: Figure | None = None, size: Size = DEFAULT_SIZE) -> Figure:
    fig, ax = _start(figure, size, "监测对象风险类型（户）")
    if not data.labels:
        return _empty(fig, ax, "暂无监测对象")
    _stacked_barh(ax, data)
    _legend_below(fig, len(data.series))
    return fig


def coverage_chart(data: Coverage, figure: Figure | None = None, size: Size = DEFAULT_SIZE) -> Figure:
    fig, ax = _start(figure, size, "帮扶措施覆盖（户）")
    if not data.labels or not data.base:
        return _empty(fig, ax, "暂无帮扶措施")
    ax.set_xlabel(f"监测对象{data.base}户，已落实措施{data.covered}户", fontsize=TEXT_SIZE, color=MUTED)
    positions = range(len(data.labels))
    ax.barh(positions, data.values, color=CALM, height=0.62, zorder=2)
    ax.set_yticks(list(positions), data.labels)
    ax.invert_yaxis()
    ax.set_xlim(0, data.base * 1.28)
    for y, value in zip(positions, data.values, strict=True):
        ax.text(
            value + data.base * 0.015,
            y,
            f"{value}户 {share(value, data.base)}",
            va="center",
            fontsize=TEXT_SIZE,
            color=INK,
        )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    return fig


def load_chart(data: LoadSpread, figure: Figure | None = None, size: Size = DEFAULT_SIZE) -> Figure:
    fig, ax = _start(figure, size, "帮扶责任人结对户数（人）", grid_axis="y")
    if not data.loads:
        return _empty(fig, ax, "暂无帮扶责任人")
    counts = Counter(data.loads)
    xs = list(range(max(max(counts), data.limit + 1) + 1))
    heights = [counts.get(x, 0) for x in xs]
    colours = [IDLE if x == 0 else ALERT if x > data.limit else CALM for x in xs]
    ax.bar(xs, heights, color=colours, width=0.72, zorder=2)
    top = max(heights)
    for x, h in zip(xs, heights, strict=True):
        if h:
            ax.text(x, h + top * 0.02, str(h), ha="center", va="bottom", fontsize=TEXT_SIZE, color=INK)
    ax.axvline(data.limit + 0.5, color=ALERT, linestyle=(0, (4, 3)), linewidth=1.0, zorder=3)
    ax.text(data.limit + 0.6, top * 1.08, f"上限{data.limit}户", color=ALERT, fontsize=TEXT_SIZE, va="top")
    over = sum(1 for load in data.loads if load > data.limit)
    idle = counts.get(0, 0)
    ax.set_xticks(xs, [str(x) for x in xs])
    ax.set_xlabel(f"结对户数（超额{over}人，尚无结对户{idle}人）", fontsize=TEXT_SIZE, color=MUTED)
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    return fig


def income_chart(data: IncomeSpread, figure: Figure | None = None, size: Size = DEFAULT_SIZE) -> Figure:
    year = f"{data.year}年" if data.year else ""
    fig, ax = _start(figure, size, f"{year}人均纯收入分布（户）", grid_axis="y")
    if not data.per_capita:
        return _empty(fig, ax, "暂无收支核算")
    edges = income_edges(data.per_capita, data.threshold)
    step = edges[1] - edges[0]
    counts = [0] * (len(edges) - 1)
    for value in data.per_capita:
        index = min(max(int((value - edges[0]) // step), 0), len(counts) - 1)
        counts[index] += 1
    below = [data.threshold is not None and edges[i + 1] <= data.threshold for i in range(len(counts))]
    ax.bar(
        edges[:-1],
        counts,
        width=step * 0.9,
        align="edge",
        color=[ALERT if b else CALM for b in below],
        zorder=2,
    )
    top = max(counts)
    if data.threshold is not None:
        ax.axvline(data.threshold, color=ALERT, linestyle=(0, (4, 3)), linewidth=1.0, zorder=3)
        ax.text(
            data.threshold + step * 0.3,
            top * 1.1,
            f"监测范围{data.threshold:,.0f}元\n低于{data.below}户",
            color=ALERT,
            fontsize=TEXT_SIZE,
            va="top",
        )
    ax.set_ylim(0, top * 1.18)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_xlabel(f"人均纯收入（元，末组含{edges[-2]:,.0f}元以上）", fontsize=TEXT_SIZE, color=MUTED)
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:,.0f}")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    return fig


def stacked_chart(
    data: StackedBars, title: str, empty: str, figure: Figure | None = None, size: Size = DEFAULT_SIZE
) -> Figure:
    """Horizontal bars stacked by part, the total at the end of each bar, the legend below."""
    fig, ax = _start(figure, size, title)
    if not data.labels or not any(data.totals()):
        return _empty(fig, ax, empty)
    _stacked_barh(ax, data)
    _legend_below(fig, len(data.series))
    return fig


def trend_chart(
    months: Sequence[str],
    lines: Sequence[tuple[str, Sequence[int | None]]],
    title: str,
    figure: Figure | None = None,
    size: Size = DEFAULT_SIZE,
    axis: str = "",
) -> Figure:
    """One line per figure over `months` (labels such as 11月, or 1月 over 2026年); a month without a
    value is a gap. The last value of each line is written at its end; `axis` names the months (e.g.
    2025年12月至2026年11月) under them."""
    fig, ax = _start(figure, size, title, grid_axis="y")
    if not months or not any(v is not None for _, values in lines for v in values):
        return _empty(fig, ax, "暂无月度指标")
    xs = list(range(len(months)))
    for n, (label, values) in enumerate(lines):
        colour = COLOURS.get(label, FALLBACK_COLOURS[n % len(FALLBACK_COLOURS)])
        ys = [math.nan if v is None else v for v in values]
        ax.plot(xs, ys, color=colour, linewidth=1.6, marker="o", markersize=3, label=label, zorder=3)
        last = next((i for i in reversed(xs) if values[i] is not None), None)
        if last is not None:
            ax.annotate(
                str(values[last]),
                (last, values[last]),
                textcoords="offset points",
                xytext=(5, 0),
                va="center",
                fontsize=TEXT_SIZE,
                color=colour,
            )
    ax.set_xticks(xs, list(months))
    if axis:
        ax.set_xlabel(axis, fontsize=TEXT_SIZE, color=MUTED)
    ax.set_xlim(-0.4, len(xs) - 0.4 + 0.6)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    _legend_below(fig, len(lines))
    return fig


def income_edges(values: Sequence[float], threshold: float | None, bins: int = 18) -> list[float]:
    """Bin edges of a round width, aligned so that the threshold is an edge; the last bin runs to the
    95th percentile (it holds everything above)."""
    ordered = sorted(values)
    high = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    low = min(ordered[0], threshold if threshold is not None else ordered[0])
    span = max(high - low, 1.0)
    step = _round_step(span / bins)
    anchor = threshold if threshold is not None else 0.0
    first = anchor + math.floor((low - anchor) / step) * step
    count = max(math.ceil((max(high, anchor) - first) / step) + 1, 2)
    return [first + i * step for i in range(count + 1)]


def _round_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


# ------------------------------------------------------------------ building blocks


def new_figure(size: Size = DEFAULT_SIZE, dpi: float = 100) -> Figure:
    """A Figure on the Agg canvas (PNG export), laid out by the constrained layout engine."""
    register_matplotlib()
    fig = Figure(figsize=size, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _start(figure: Figure | None, size: Size, title: str, grid_axis: str = "x") -> tuple[Figure, Axes]:
    register_matplotlib()
    if figure is None:
        figure = new_figure(size)
    else:
        figure.clear()
        figure.set_layout_engine("constrained")
    figure.set_facecolor("white")
    ax = figure.add_subplot()
    ax.set_title(title, fontsize=TITLE_SIZE, color=INK, loc="left", pad=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    ax.tick_params(labelsize=TEXT_SIZE, colors=INK, length=2.5)
    ax.grid(axis=grid_axis, color=GRID, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    return figure, ax


def _empty(fig: Figure, ax: Axes, text: str) -> Figure:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(
        0.5, 0.5, text, ha="center", va="center", fontsize=TITLE_SIZE, color=MUTED, transform=ax.transAxes
    )
    return fig


def _legend_below(fig: Figure, entries: int) -> None:
    fig.legend(
        loc="outside lower center",
        ncols=min(entries, 5),
        frameon=False,
        fontsize=TEXT_SIZE,
        handlelength=1.0,
        handletextpad=0.4,
        columnspacing=1.0,
    )


def _stacked_barh(ax: Axes, data: StackedBars) -> None:
    positions = list(range(len(data.labels)))
    left = [0] * len(positions)
    for n, (part, values) in enumerate(data.series):
        colour = COLOURS.get(part, FALLBACK_COLOURS[n % len(FALLBACK_COLOURS)])
        ax.barh(positions, values, left=left, color=colour, height=0.66, label=part, zorder=2)
        left = [a + b for a, b in zip(left, values, strict=True)]
    totals = data.totals()
    peak = max(totals) or 1
    for y, total in zip(positions, totals, strict=True):
        ax.text(total + peak * 0.012, y, str(total), va="center", fontsize=TEXT_SIZE, color=MUTED)
    ax.set_yticks(positions, data.labels)
    ax.invert_yaxis()
    ax.set_xlim(0, peak * 1.1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
