"""One section of the 会议简报 (`Part`: its data, its sheets, its pages) and what every section's data is
counted from (`Sources`). The table of sections is `sections.PARTS`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from fupin_desktop.domain.board import Board
from fupin_desktop.domain.briefing_parts import Section
from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing import Builder
from fupin_desktop.reports.briefing_data import BriefingData
from fupin_desktop.services.assignments import load_board, load_charts
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.progress import Job
from fupin_desktop.services.register import load_settings
from fupin_desktop.settings import Settings

if TYPE_CHECKING:
    from fupin_desktop.reports.chart_data import ChartSet
    from fupin_desktop.services.briefing.pack import BriefingOptions

Fields = dict[str, object]  # BriefingData's fields a section fills
Load = Callable[["Sources"], Fields]


def no_sheets(_data: BriefingData) -> list[Ledger]:
    return []


def always(_data: BriefingData) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Part:
    """A section of the pack, declared once: what it counts, its sheets in the KPI workbook and its pages.

    `load` fills BriefingData's fields from the `Sources` (`job` instead when counting is a long job
    with its own progress); `sheets` are its tables in Excel; `draw` its pages (reports/, under its
    numbered heading; None for the cover, which lists the others); `printed` whether it has anything to
    print once counted. `stage` is the progress text while it counts ("" when quick); `when_chosen`
    counts it only when it is printed (the others are counted always: the cover sums them up)."""

    key: Section
    load: Load | None = None
    job: Callable[[Sources], Job[Fields]] | None = None
    sheets: Callable[[BriefingData], list[Ledger]] = no_sheets
    draw: Builder | None = None
    printed: Callable[[BriefingData], bool] = always
    stage: str = ""
    when_chosen: bool = False

    @property
    def title(self) -> str:
        return self.key.title


def default_title(township: str) -> str:
    return f"{township}防返贫动态监测工作调度会"


@dataclass(slots=True)
class Sources:
    """What the sections count from: the day, the period, the settings, the village board and its charts
    (counted once for all), an open session, and the fields the sections before have filled."""

    ctx: ServiceContext
    options: BriefingOptions
    session: Session
    sections: tuple[Section, ...]  # those chosen, in print order
    since: date
    until: date
    settings: Settings
    board: Board
    charts: ChartSet
    cancel: threading.Event | None = None
    loaded: Fields = field(default_factory=dict)

    @classmethod
    def open(
        cls,
        ctx: ServiceContext,
        options: BriefingOptions,
        session: Session,
        sections: tuple[Section, ...],
        period: tuple[date, date],
        cancel: threading.Event | None = None,
    ) -> Sources:
        today = ctx.today()
        board = load_board(session, today=today)
        charts = load_charts(session, board, today)
        settings = load_settings(session)
        return cls(ctx, options, session, sections, *period, settings, board, charts, cancel)

    @property
    def today(self) -> date:
        return self.ctx.today()

    @property
    def villages(self) -> list[tuple[int, str]]:
        """(village id, name) of the board's villages, in its order."""
        return [(r.area_id, r.name) for r in self.board.rows if r.area_id is not None]

    def draft(self) -> BriefingData:
        """The pack with what has been counted so far (no headlines before the cover's)."""
        s = self.settings
        return BriefingData(
            title=(self.options.title or "").strip() or default_title(s.township),
            township=s.township,
            issuer=s.county + s.township,
            printed_on=self.today,
            sections=self.sections,
            **{"headlines": (), **self.loaded},  # type: ignore[arg-type]
        )
