"""帮扶走访名单: for each helper, the households on the watch list they must visit, with address,
phone, the reasons and the last visit (A4 landscape). Households without a helper come last under
"未结对". Two layouts: each helper's list on its own page(s) (`add_sheet`, a numbered section each), or
the lists one after another, each kept whole, with a dashed line to cut along (`start_compact` and
`add_block`: a fraction of the paper, DOMAIN §1 "精准填表").

Plain `VisitListData` in (built by `services/checks/watch.py`), a PDF out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import NullActionFlowable

from fupin_desktop.reports.kit import (
    A4_LANDSCAPE,
    Document,
    DocumentInfo,
    Line,
    grid_style,
    para,
    styles,
    table,
)
from fupin_desktop.reports.signoff import with_sign_off

WIDTH = A4_LANDSCAPE.frame_width  # 267 mm
COLUMNS = (
    ("序号", 10),
    ("户主", 17),
    ("村组", 24),
    ("家庭住址", 36),
    ("联系电话", 25),
    ("类别", 26),
    ("走访原因", 85),
    ("上次走访", 20),
    ("本次走访", 24),
)
UNPAIRED = "未结对"
COMPACT_TITLE = "帮扶走访名单"
VISIT_NOTE = (
    "走访要求：入户看住房、饮水和家庭生活，问收入、支出、就业、就学、就医情况，算清收支账，核实家庭成员和享受政策；"
    "发现返贫致贫风险的，及时报告村委会和乡镇，按程序纳入监测。“本次走访”栏填写走访日期，户主签字确认。"
)


@dataclass(frozen=True, slots=True)
class VisitRow:
    head: str
    place: str  # 村 + 组
    address: str
    phone: str
    category: str  # 监测对象类别, or 户类型
    reasons: str
    last_visit: date | None


@dataclass(frozen=True, slots=True)
class VisitSheet:
    helper: str  # UNPAIRED for households without a helper
    unit: str  # 单位 and 职务
    phone: str
    rows: tuple[VisitRow, ...]


@dataclass(frozen=True, slots=True)
class VisitListData:
    place: str  # 县乡镇, top left of every page
    printed_on: date
    sheets: tuple[VisitSheet, ...]

    @property
    def households(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


def visit_info(place: str, printed_on: date) -> DocumentInfo:
    return DocumentInfo(
        title="帮扶走访名单", printed_on=printed_on, issuer=place, subject="防返贫监测预警走访名单"
    )


def write_visit_lists(path: Path, data: VisitListData, *, separate_pages: bool = False) -> int:
    """Every sheet, compact or one helper per page; returns the page count."""
    with Document(path, visit_info(data.place, data.printed_on), A4_LANDSCAPE) as doc:
        if not separate_pages:
            start_compact(doc)
        for sheet in data.sheets:
            (add_sheet if separate_pages else add_block)(doc, sheet)
    return doc.pages


def start_compact(doc: Document) -> None:
    """Open the one section the compact lists share: the title and the visit instructions once."""
    s = styles()
    doc.start_section(COMPACT_TITLE, continued=[Line(f"{COMPACT_TITLE}（续）", s.continued)])
    doc.add([Line(COMPACT_TITLE, s.title), Spacer(1, 2 * mm), para(VISIT_NOTE, s.body), Spacer(1, 3 * mm)])


def add_block(doc: Document, sheet: VisitSheet) -> None:
    """Append one helper's list, kept on one page where it fits, and a line to cut along."""
    s = styles()
    doc.add(
        [
            # whole on one page where it fits; a longer list keeps its signature with its last rows
            _KeepOnOnePage(
                [
                    Line(_block_heading(sheet), s.heading),
                    with_sign_off(_rows(sheet.rows), [Spacer(1, 3 * mm), _signature(sheet)]),
                ],
                reserve=s.continued.leading + s.continued.spaceAfter,
            ),
            CutLine(),
        ]
    )


class _KeepOnOnePage(KeepTogether):
    """KeepTogether for what fits on one page: a list longer than a next page holds (less `reserve`,
    the 续 line at its top) starts where it is, rather than leave this page empty, and runs over."""

    def __init__(self, flowables: list[Flowable], reserve: float) -> None:
        super().__init__(flowables)
        self.reserve = reserve

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        needed, frame = self._H, getattr(self, "_frame", None)
        if frame is not None and needed > frame._height - self.reserve:
            return list(self._content)
        return super().split(available_width, available_height)


class CutLine(Flowable):
    """A dashed rule across the frame with a little space above and below: where to cut the compact
    lists apart. Where it does not fit it is left out (the page's edge is the cut), rather than start
    a page of its own after a list that filled its page."""

    GAP = 2 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 2 * self.GAP + 1

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return [NullActionFlowable()]

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setDash(3, 3)
        self.canv.setStrokeColor(colors.HexColor("#888888"))
        self.canv.setLineWidth(0.5)
        self.canv.line(0, self.GAP + 0.5, self.width, self.GAP + 0.5)
        self.canv.restoreState()


def add_sheet(doc: Document, sheet: VisitSheet) -> None:
    """Append one helper's sheet (its own numbered section) to an open document."""
    title = _title(sheet)
    doc.start_section(title, continued=[Line(f"{title}（续）", styles().continued)])
    doc.add(sheet_flowables(sheet))


def _title(sheet: VisitSheet) -> str:
    if sheet.helper == UNPAIRED:
        return "未结对农户走访名单"
    return f"帮扶责任人{sheet.helper}走访名单"


def sheet_flowables(sheet: VisitSheet) -> list[Flowable]:
    s = styles()
    return [
        Line(_title(sheet), s.title),
        Spacer(1, 1.5 * mm),
        Line(_subtitle(sheet), s.subtitle),
        Spacer(1, 3 * mm),
        with_sign_off(
            _rows(sheet.rows),
            [Spacer(1, 3 * mm), para(VISIT_NOTE, s.body), Spacer(1, 6 * mm), _signature(sheet)],
        ),
    ]


def _block_heading(sheet: VisitSheet) -> str:
    return f"未结对农户：{_subtitle(sheet)}" if sheet.helper == UNPAIRED else _subtitle(sheet)


def _subtitle(sheet: VisitSheet) -> str:
    count = f"共{len(sheet.rows)}户"
    if sheet.helper == UNPAIRED:
        return f"以下农户尚未落实帮扶责任人，请村委会安排干部走访　{count}"
    parts = [f"帮扶责任人：{sheet.helper}", sheet.unit, f"电话：{sheet.phone}" if sheet.phone else "", count]
    return "　".join(p for p in parts if p)


def _rows(rows: Iterable[VisitRow]) -> Table:
    data: list[list[str]] = [[name for name, _ in COLUMNS]]
    for n, r in enumerate(rows, 1):
        last = f"{r.last_visit:%Y-%m-%d}" if r.last_visit else "无记录"
        data.append([str(n), r.head, r.place, r.address, r.phone, r.category, r.reasons, last, ""])
    style = [
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (5, -1), "CENTER"),
        ("ALIGN", (7, 1), (7, -1), "CENTER"),
        # room to write the visit date and a signature by hand
        ("TOPPADDING", (0, 1), (-1, -1), 4.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]
    return table(data, [w * mm for _, w in COLUMNS], header_rows=1, extra_style=style)


def _signature(sheet: VisitSheet) -> Table:
    who = "走访干部（签字）：" if sheet.helper == UNPAIRED else "帮扶责任人（签字）："
    t = Table(
        [[who, "", "村委会（盖章）：", "", "日期：", ""]],
        colWidths=[36 * mm, 50 * mm, 30 * mm, 50 * mm, 14 * mm, 40 * mm],
    )
    t.setStyle(
        TableStyle(
            [
                *grid_style(header_rows=0, size=10.5, lines=False),
                ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.5, colors.black),
                ("LINEBELOW", (5, 0), (5, 0), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    t.hAlign = "LEFT"
    return t
