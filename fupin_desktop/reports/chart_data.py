"""What the wall chart's five charts show, as plain data (built by `services/assignments/board.py`, drawn by
`reports/charts.py`). Kept apart from the drawing so that reading it does not import matplotlib, which
costs half a second the program's start should not pay."""

from __future__ import annotations

from dataclasses import dataclass


def share(part: int | float, whole: int | float) -> str:
    """`part` of `whole` as a percentage with one decimal (0.5%, 12.0%), as every table and chart of
    the printed documents writes it (reports.kit.percent); empty when there is no whole."""
    return f"{part / whole * 100:.1f}%" if whole else ""


@dataclass(frozen=True, slots=True)
class StackedBars:
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (part, one value per label), stacked in order

    def totals(self) -> tuple[int, ...]:
        return tuple(sum(values[i] for _, values in self.series) for i in range(len(self.labels)))


@dataclass(frozen=True, slots=True)
class Coverage:
    labels: tuple[str, ...]  # 帮扶措施 categories
    values: tuple[int, ...]  # households reached
    base: int  # households the shares are of (监测对象)
    covered: int  # households reached by any measure


@dataclass(frozen=True, slots=True)
class LoadSpread:
    loads: tuple[int, ...]  # households per helper, one entry per helper
    limit: int


@dataclass(frozen=True, slots=True)
class IncomeSpread:
    year: int | None
    threshold: float | None  # 监测范围 of that year
    per_capita: tuple[float, ...]

    @property
    def below(self) -> int:
        if self.threshold is None:
            return 0
        return sum(1 for v in self.per_capita if v < self.threshold)


@dataclass(frozen=True, slots=True)
class ChartSet:
    """Everything the five charts of one scope (the township or a village) show."""

    scope: str
    area_label: str  # 村 or 组: what the category chart's bars are
    categories: StackedBars
    risks: StackedBars
    measures: Coverage
    loads: LoadSpread
    income: IncomeSpread
