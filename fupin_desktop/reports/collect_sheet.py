"""入户核查表: for each household, what the register already knows and blank boxes for the facts its
sources never carried (待采集), in 看·问·算·核 order — the clerk takes it on the next visit and types the
answers in once. One A4 portrait page per household (more for a large one).

Plain `CollectSheet`s in (built by `services/checks/collecting.py`), a PDF out. No ID number is printed: the
visitor needs the names, relations and ages, not the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from fupin_desktop.reports.kit import (
    A4_PORTRAIT,
    Document,
    DocumentInfo,
    Line,
    grid_style,
    para,
    styles,
    table,
)
from fupin_desktop.reports.signoff import with_sign_off

WIDTH = A4_PORTRAIT.frame_width
TITLE = "入户核查表"
NOTE = (
    "本表列出该户在系统中尚未采集的信息（导入的全国系统表格中没有这些项）。入户时按看、问、算、核的顺序"
    "逐项核实，在方框内打“√”或在横线上填写；回到乡镇后在“户籍管理”中录入，录入后该项即从待采集清单中去掉。"
)


@dataclass(frozen=True, slots=True)
class Ask:
    """One fact to collect: whose (户 or a member's name), what, and the boxes to fill in."""

    who: str
    fact: str
    answer: str  # "□是　□否", the options of a code list, or a line to write on


@dataclass(frozen=True, slots=True)
class CollectSheet:
    place: str  # 县乡村组
    number: str  # 户编号
    head: str
    known: tuple[tuple[str, str], ...]  # (label, value) the register holds about the household
    members: tuple[tuple[str, ...], ...]  # 姓名, 关系, 性别, 年龄, 健康, 劳动技能, 在校或文化
    steps: tuple[tuple[str, tuple[Ask, ...]], ...]  # (看/问/算/核 title, what to ask)


MEMBER_HEADER = ("姓名", "与户主关系", "性别", "年龄", "健康状况", "劳动技能", "在校生状况/文化程度")
MEMBER_WIDTHS = (22, 24, 12, 12, 28, 32, 50)


def collect_info(issuer: str, printed_on: date) -> DocumentInfo:
    return DocumentInfo(title=TITLE, printed_on=printed_on, issuer=issuer, subject="待采集信息入户核查表")


def write_collect_sheets(path: Path, sheets: Iterable[CollectSheet], issuer: str, printed_on: date) -> int:
    """One section per household; returns the page count."""
    with Document(path, collect_info(issuer, printed_on), A4_PORTRAIT) as doc:
        for sheet in sheets:
            add_sheet(doc, sheet)
    return doc.pages


def add_sheet(doc: Document, sheet: CollectSheet) -> None:
    s = styles()
    title = f"{TITLE}　{sheet.head or sheet.number}户"
    doc.start_section(title, continued=[Line(f"{title}（续）", s.continued)])
    doc.add(flowables(sheet))


def flowables(sheet: CollectSheet) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        Line(TITLE, s.title),
        Spacer(1, 1.5 * mm),
        Line(f"{sheet.place}　户编号：{sheet.number}　户主：{sheet.head or '（未登记）'}", s.subtitle),
        Spacer(1, 3 * mm),
        para(NOTE, s.body),
        Spacer(1, 2 * mm),
        Line("一、已登记的信息（请顺带核对）", s.heading),
        _known(sheet.known),
        Spacer(1, 2 * mm),
    ]
    last = _members(sheet.members)
    for n, (step, asks) in enumerate(sheet.steps, start=2):
        out += [last, Line(f"{_number(n)}、{step}", s.heading)]
        last = _asks(asks)
    # the signatures keep the last table's last rows with them: never alone on the last page
    out.append(with_sign_off(last, [Spacer(1, 8 * mm), _signature()]))
    return out


def _number(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if n <= 10 else str(n)


def _known(known: tuple[tuple[str, str], ...]) -> Table:
    rows: list[list[str]] = []
    pairs = list(known)
    for i in range(0, len(pairs), 2):
        left, right = pairs[i], pairs[i + 1] if i + 1 < len(pairs) else ("", "")
        rows.append([left[0], left[1], right[0], right[1]])
    widths = [w * mm for w in (30, 60, 30, 60)]
    shade = [("BACKGROUND", (c, 0), (c, -1), "#EEF2F6") for c in (0, 2)]
    return table(rows or [["", "", "", ""]], widths, header_rows=0, extra_style=shade)


def _members(members: tuple[tuple[str, ...], ...]) -> Table:
    data = [list(MEMBER_HEADER), *(list(m) for m in members)]
    scale = WIDTH / (sum(MEMBER_WIDTHS) * mm)
    widths = [w * mm * scale for w in MEMBER_WIDTHS]
    return table(data, widths, header_rows=1, extra_style=[("ALIGN", (1, 1), (3, -1), "CENTER")])


def _asks(asks: tuple[Ask, ...]) -> Table:
    data = [["对象", "核查项目", "核查结果（打“√”或填写）"]]
    data += [[a.who, a.fact, a.answer] for a in asks]
    widths = [24 * mm, 52 * mm, WIDTH - 76 * mm]
    style = [
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("TOPPADDING", (0, 1), (-1, -1), 5),  # room to write by hand
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]
    return table(data, widths, header_rows=1, extra_style=style)


def _signature() -> Table:
    t = Table(
        [["采集人（签字）：", "", "户主（签字）：", "", "核查日期：", "    年  月  日"]],
        colWidths=[28 * mm, 32 * mm, 26 * mm, 32 * mm, 22 * mm, WIDTH - 140 * mm],
    )
    t.setStyle(grid_style(header_rows=0, lines=False))
    return t
