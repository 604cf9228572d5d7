"""会议简报 (DOMAIN §7): the meeting pack on A4 portrait, several pages, numbered as one document.

The cover (township, meeting, date, the headline figures with their change against last month, and
the contents with each part's page), then the numbered parts in `Section` order: 基本情况, 本期动态,
风险类型和帮扶措施落实, 三保障和饮水安全, 整改进展 (with the overdue list), 各村情况和包村干部, 数据核查,
月度趋势, 存在问题, 下步工作. Here: the cover, the contents and the numbered heading every part is
printed under; each part's own builder is in `reports/briefing_sections.py`, `briefing_progress.py` or
`briefing_villages.py`. The one table of parts — which builder draws which section, and which part has
something to print (数据核查 without its counts, an unwritten text is left out, never printed empty) —
is `services/briefing/sections`, with each section's counts and sheets. Charts are vector graphics in
the embedded font (`reports.figures`).

Plain `BriefingData` in (built by `services/briefing/pack.py`), flowables out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from fupin_desktop.reports.briefing_data import BriefingData, Headline, Section
from fupin_desktop.reports.briefing_style import ACCENT, NUMERALS, WIDTH, heading, own_styles
from fupin_desktop.reports.kit import (
    MUTED,
    PAGE_REF_SIZE,
    DocumentInfo,
    Line,
    cn_date,
    grid_style,
    page_ref,
    para,
    styles,
)

PACK_SECTION = "会议简报"  # the page header's title (one numbered section: 第 N 页 共 M 页 over the pack)
Builder = Callable[[BriefingData, list[Flowable]], list[Flowable]]  # a part's flowables under its heading
Contents = dict[Section, str]  # each printed part after the cover → its numbered heading


def briefing_info(data: BriefingData) -> DocumentInfo:
    return DocumentInfo(
        title=data.pack_title, printed_on=data.printed_on, issuer=data.issuer, subject="会议简报"
    )


def contents(printed: Sequence[Section]) -> Contents:
    """Each printed part after the cover → its heading, 一、基本情况 …"""
    parts = [s for s in printed if s is not Section.COVER]
    return {s: f"{NUMERALS[n]}、{s.title}" for n, s in enumerate(parts)}


def numbered_part(section: Section, build: Builder, data: BriefingData, headings: Contents) -> list[Flowable]:
    """A part after the cover under its numbered heading, which keeps with what follows it
    (keepWithNext): never alone at the foot of a page."""
    return [CondPageBreak(60 * mm), *build(data, heading(headings[section], section.value))]


# ------------------------------------------------------------------ cover


def cover_page(data: BriefingData, headings: Contents) -> list[Flowable]:
    """The cover, and a page break when parts follow it."""
    flowables = cover(data, headings)
    if headings:
        flowables.append(PageBreak())
    return flowables


def cover(data: BriefingData, headings: Contents) -> list[Flowable]:
    s, own = styles(), own_styles()
    since, until = data.changes.since, data.changes.until
    out: list[Flowable] = [
        Spacer(1, 18 * mm),
        Line(data.issuer, own["place"]),
        Spacer(1, 4 * mm),
        para(data.pack_title, own["masthead"]),
        Spacer(1, 3 * mm),
        Line(cn_date(data.printed_on), own["place"]),
        Line(f"本期：{cn_date(since)}至{cn_date(until)}", s.subtitle),
        Spacer(1, 10 * mm),
    ]
    shown = [h for h in data.headlines if h.part is None or h.part in headings]  # its part is printed
    if shown:
        out += [Line("主要指标", s.heading), headline_grid(shown)]
        if any(h.change for h in shown) and data.compared_with:
            out.append(para(f"增减为与{data.compared_with}保存的月度指标相比。", own["note"]))
        out.append(Spacer(1, 10 * mm))
    if headings:
        out += [
            Line("目　录", s.heading),
            *(ContentsLine(text, section.value) for section, text in headings.items()),
        ]
    return out


def headline_grid(headlines: Sequence[Headline], per_row: int = 4) -> Table:
    """The headline figures, four to a row: label, value (red when it calls for action), note, and the
    change against last month."""
    own = own_styles()
    rows: list[list[object]] = []
    for start in range(0, len(headlines), per_row):
        chunk = list(headlines[start : start + per_row])
        chunk += [None] * (per_row - len(chunk))
        rows.append([para(h.label, own["label"]) if h else "" for h in chunk])
        rows.append([para(h.value, own["value_alert" if h.alert else "value"]) if h else "" for h in chunk])
        rows.append([para(h.note, own["label"]) if h else "" for h in chunk])
        rows.append([para(h.change, own["change"]) if h and h.change else "" for h in chunk])
    t = Table(rows, colWidths=[WIDTH / per_row] * per_row, hAlign="CENTER")
    commands = [*grid_style(header_rows=0, lines=False), ("TOPPADDING", (0, 0), (-1, -1), 2.5)]
    for block in range(0, len(rows), 4):
        commands += [
            ("BOX", (c, block), (c, block + 3), 0.6, ACCENT) for c in range(per_row) if rows[block][c] != ""
        ]
    t.setStyle(TableStyle(commands))
    return t


class ContentsLine(Flowable):
    """One line of the 目录: the part's heading, a dotted leader and the page it starts on (the page
    number is a form filled in when the pack is finished: `reports.kit.PageMark`)."""

    INDENT = 40 * mm

    def __init__(self, text: str, key: str) -> None:
        super().__init__()
        self.text, self.key = text, key
        self.style = own_styles()["contents"]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.style.leading

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        size, right = style.fontSize, self.width - self.INDENT
        baseline = (style.leading - size) / 2 + 0.24 * size
        canvas.saveState()
        canvas.setFont(style.fontName, size)
        canvas.setFillColor(style.textColor)
        canvas.drawString(self.INDENT, baseline, self.text)
        start = self.INDENT + canvas.stringWidth(self.text, style.fontName, size) + 2 * mm
        end = right - 8 * mm
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.6)
        canvas.setDash(0.6, 2.4)
        if end > start:
            canvas.line(start, baseline + 1, end, baseline + 1)
        canvas.translate(right, baseline)
        canvas.scale(size / PAGE_REF_SIZE, size / PAGE_REF_SIZE)
        canvas.doForm(page_ref(self.key))
        canvas.restoreState()
