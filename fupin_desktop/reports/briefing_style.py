"""The 会议简报's shared look: page width, paragraph styles, number formats and the small builders
every part uses (headings that keep with what follows, notes, total rows, red non-zero counts,
charts). The parts themselves are in `reports/briefing_sections.py`, `briefing_progress.py` and
`briefing_villages.py`; `services/briefing/sections` holds the table of parts."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from fupin_desktop.domain.board import Tally
from fupin_desktop.reports.briefing_data import Breakdown
from fupin_desktop.reports.kit import A4_PORTRAIT, MUTED, Line, PageMark, para, styles
from fupin_desktop.reports.warchart import ALERT, TOTAL_SHADE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH = A4_PORTRAIT.frame_width  # 180 mm
NUMERALS = "一二三四五六七八九十"
ACCENT = colors.HexColor("#1F4E79")


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (n from 1 to 99)."""
    tens, ones = divmod(n, 10)
    if n <= 10:
        return NUMERALS[n - 1]
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[ones - 1] if ones else "")


def sub_number(n: int) -> str:
    """The n-th (from 1) sub-heading's or item's number: （一）, （二）, … — the same in every part."""
    return f"（{cn_numeral(n)}）"


@cache
def own_styles() -> dict[str, ParagraphStyle]:
    s = styles()
    return {
        "masthead": replace_style(s.title, "masthead", fontSize=22, leading=30),
        "place": replace_style(s.subtitle, "place", fontSize=13, leading=18),
        "section": replace_style(
            s.heading, "section", fontSize=14, leading=20, spaceBefore=10, spaceAfter=4, keepWithNext=1
        ),
        "sub": replace_style(s.heading, "sub", keepWithNext=1),
        "note": replace_style(s.body, "note", fontSize=9, leading=13, textColor=MUTED, spaceBefore=2),
        "contents": replace_style(s.body, "contents", fontSize=12, leading=20),
        "label": replace_style(s.cell_center, "label", textColor=MUTED),
        "change": replace_style(s.cell_center, "change", fontSize=8.5, leading=11, textColor=MUTED),
        "value": replace_style(s.cell_center, "value", fontSize=15, leading=19),
        "value_alert": replace_style(s.cell_center, "value_alert", fontSize=15, leading=19, textColor=ALERT),
        "item": replace_style(s.prose, "item", firstLineIndent=0, leftIndent=2.2 * 12, bulletIndent=0),
    }


def replace_style(style: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
    copy = ParagraphStyle(name, parent=style)
    for key, value in changes.items():
        setattr(copy, key, value)
    return copy


def heading(text: str, mark: str) -> list[Flowable]:
    """A part's heading, and the mark the contents' page number points at (both kept with what
    follows, so the number is the page the part starts on)."""
    marker = PageMark(mark)
    marker.keepWithNext = 1
    return [Line(text, own_styles()["section"]), marker]


def sub(n: int, text: str) -> Flowable:
    return Line(f"{sub_number(n)}{text}", own_styles()["sub"])


def note(text: str) -> Flowable:
    return para(text, own_styles()["note"])


def prose(text: str) -> Flowable:
    return para(text, styles().prose)


def n(value: int) -> str:
    return f"{value:,}"


def tally(t: Tally) -> str:
    return f"{t.households:,}户{t.people:,}人"


def pair(t: Tally) -> tuple[str, str]:
    return n(t.households), n(t.people)


def joined(items: Sequence[Breakdown], unit: str) -> str:
    return "、".join(f"{b.label}{b.count:,}{unit}" for b in items)


def alerts(rows: Sequence[Sequence[object]], columns: Sequence[int], first_row: int) -> list[tuple]:
    """TEXTCOLOR commands for the non-zero counts of `columns` (problems stand out in red)."""
    return [
        ("TEXTCOLOR", (c, r), (c, r), ALERT)
        for r, row in enumerate(rows[first_row:], start=first_row)
        for c in columns
        if row[c] not in ("0", "", None)
    ]


def total_row(rows: Sequence[object]) -> list[tuple]:
    last = len(rows) - 1
    return [("BACKGROUND", (0, last), (-1, last), TOTAL_SHADE)]


def even(first: float, count: int) -> list[float]:
    """A first column of `first` points and `count` equal columns filling the width."""
    return [first, *([(WIDTH - first) / count] * count)]


def chart(figure: Figure, width: float = WIDTH) -> Table:
    return chart_row([(figure, width / mm)])


def chart_row(items: list[tuple[Figure, float]]) -> Table:
    """Figures side by side, each `width` millimetres wide."""
    from fupin_desktop.reports.figures import chart_row as row  # matplotlib: when a pack is drawn

    return row([(figure, width * mm) for figure, width in items])


def inches(width_mm: float, height_mm: float) -> tuple[float, float]:
    return width_mm / 25.4, height_mm / 25.4
