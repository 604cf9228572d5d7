"""`cards_1000`: 1,000 明白卡 of the demo township into one PDF (issue 18: ≤ 10 s)."""

from __future__ import annotations

import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Table, TableStyle

from bench.harness import BenchEnv, Measurement, benchmark
from fupin_desktop.fonts import register_reportlab
from fupin_desktop.reports.card_marks import SharedForm
from fupin_desktop.reports.cards import card_flowables
from fupin_desktop.services.printing import card_data, cards_job, township_household_ids
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register import get_settings, load_households

CARDS = 1000
COLUMNS = 6


@benchmark("cards_1000")
def cards_1000(env: BenchEnv) -> Measurement:
    ctx = env.context(env.demo_folder())
    ids = township_household_ids(ctx)[:CARDS]
    out = env.scratch / "cards_1000.pdf"
    started = time.perf_counter()
    result = run_job(cards_job(ctx, ids, out))
    seconds = time.perf_counter() - started
    cells = _table_cells(ctx, ids)
    ctx.db.dispose()
    reference = _bare_reportlab(env.scratch / "bare.pdf", pages=len(ids), cells=cells)
    return Measurement(
        "cards_1000",
        len(ids),
        seconds=seconds,
        reference=f"bare reportlab: {len(ids)} pages, {cells} string cells in Tables ({result.pages} card pages)",
        reference_seconds=reference,
        budget="≤ 10 s",
    )


def _table_cells(ctx, ids: list[int]) -> int:  # type: ignore[no-untyped-def]
    """How many table cells the cards hold (the reference lays out as many)."""
    settings, today = get_settings(ctx), ctx.today()
    with ctx.sessions() as session:
        records = load_households(session, ids)
    total = 0
    for record in records:
        pending = card_flowables(card_data(record, settings, today))
        while pending:
            item = pending.pop()
            if isinstance(item, KeepTogether):
                pending += item._content
            elif isinstance(item, SharedForm):  # laid out once per batch, but cells all the same
                pending += item.build()
            elif isinstance(item, Table):
                total += item._nrows * item._ncols
    return total


def _bare_reportlab(path: Path, *, pages: int, cells: int) -> float:
    """Platypus with string-cell Tables in the same font: `pages` pages holding `cells` cells."""
    font = register_reportlab()
    rows = max(cells // (pages * COLUMNS), 1)
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), font, 9),
            ("GRID", (0, 0), (-1, -1), 0.5, "#444444"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )
    data = [[f"第{r}行第{c}列张三" for c in range(COLUMNS)] for r in range(rows)]
    started = time.perf_counter()
    story = []
    for _ in range(pages):
        story += [
            Table(data, colWidths=[85] * COLUMNS, rowHeights=[700 / rows] * rows, style=style),
            PageBreak(),
        ]
    SimpleDocTemplate(str(path), pagesize=A4, initialFontName=font).build(story)
    return time.perf_counter() - started
