"""The KPI workbook's sheets (会议简报 → 导出指标表): the columns and the title every section's sheet
shares. Counts only: no names, no ID numbers."""

from __future__ import annotations

from collections.abc import Sequence

from fupin_desktop.excel.layout import Column, Kind, Ledger
from fupin_desktop.reports.briefing_data import BriefingData


def text_column(header: str, width: float = 16) -> Column:
    return Column(header, header, Kind.TEXT, width=width)


def count_column(header: str) -> Column:
    return Column(header, header, Kind.INTEGER, width=max(8, len(header) * 2 + 1))


def counts(*headers: str) -> list[Column]:
    return [count_column(h) for h in headers]


def sheet(data: BriefingData, name: str, columns: Sequence[Column], rows: list[tuple]) -> Ledger:
    """One sheet: `name` on its tab, the meeting and the day in its title."""
    title = f"{data.title}：{name}　截至 {data.printed_on:%Y-%m-%d}"
    return Ledger(name, title, tuple(columns), rows, len(rows))
