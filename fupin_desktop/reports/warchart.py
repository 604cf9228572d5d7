"""作战图 (DOMAIN §5, §7): the wall chart of a township (or one village) on A4 landscape.

Section 1, 挂图作战图: the board table (villages — or a village's 组 — × 户数, 人数, 脱贫户, each
监测对象类别, 已消除, 未消除 as 户 and 人, 未结对户, 超额责任人, 整改未销号) and the five charts of
`reports.charts`, drawn as vector graphics (`reports.figures`).
Section 2, 结对帮扶对照表: village by village, each helper with unit, phone and households (户主 and 组),
the village's own cadres (驻村第一书记, 工作队员 …) in its heading, and its households without a helper
listed as 未结对.

Plain `WarChartData` in (built by `services/assignments/warchart.py`), a PDF out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from fupin_desktop.domain.board import COLUMN_GROUPS, NOT_KEPT, OPEN_TASK_COLOURS, Board
from fupin_desktop.domain.tasks import Colour
from fupin_desktop.reports.chart_data import ChartSet
from fupin_desktop.reports.kit import (
    A4_LANDSCAPE,
    BAND,
    DocumentInfo,
    Line,
    cn_date,
    para,
    styles,
    table,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH = A4_LANDSCAPE.frame_width  # 267 mm
ALERT = colors.HexColor("#C0392B")
TASK_INKS = {
    Colour.RED: ALERT,
    Colour.YELLOW: colors.HexColor("#B26A00"),
    Colour.BLUE: colors.HexColor("#1565C0"),
}
TOTAL_SHADE = colors.HexColor("#EEF1F5")
UNPAIRED = "未结对"
BOARD_SECTION = "挂图作战图"
PAIRING_SECTION = "结对帮扶对照表"


@dataclass(frozen=True, slots=True)
class PairedHousehold:
    head: str
    group: str  # 组 (empty when none)


@dataclass(frozen=True, slots=True)
class HelperLine:
    name: str
    unit: str  # 单位 and 职务
    phone: str
    households: tuple[PairedHousehold, ...]  # in this village
    load: int  # all the helper's households, in every village
    overloaded: bool


@dataclass(frozen=True, slots=True)
class VillagePairings:
    village: str
    cadres: tuple[str, ...]  # "驻村第一书记 王某（单位 电话）"
    helpers: tuple[HelperLine, ...]
    unpaired: tuple[PairedHousehold, ...]

    @property
    def paired(self) -> int:
        return sum(len(h.households) for h in self.helpers)


@dataclass(frozen=True, slots=True)
class WarChartData:
    title: str  # 清水镇防返贫动态监测挂图作战图
    issuer: str  # 县乡镇 (page header)
    printed_on: date
    board: Board
    charts: ChartSet
    villages: tuple[VillagePairings, ...]


def warchart_info(data: WarChartData) -> DocumentInfo:
    return DocumentInfo(title=data.title, printed_on=data.printed_on, issuer=data.issuer, subject="挂图作战")


# ------------------------------------------------------------------ section 1: board and charts


def board_flowables(data: WarChartData) -> list[Flowable]:
    from fupin_desktop.reports import charts  # matplotlib: when a 作战图 is drawn, not at start-up

    s = styles()
    board = data.board
    note = (
        f"截至{cn_date(data.printed_on)}　在册农户与在册人口　帮扶责任人每人结对上限{board.helper_limit}户"
        "　红色数字为需要处理的问题"
    )
    return [
        Line(data.title, s.title),
        Line(note, s.subtitle),
        Spacer(1, 2.5 * mm),
        board_table(board),
        Line(overload_note(board), ParagraphStyle("note", s.subtitle, alignment=TA_LEFT, spaceBefore=1.5)),
        Spacer(1, 1.5 * mm),
        _chart_row(
            [
                (charts.category_chart(data.charts.categories, board.area_label, size=_inches(158, 86)), 158),
                (charts.load_chart(data.charts.loads, size=_inches(109, 86)), 109),
            ]
        ),
        Spacer(1, 3 * mm),
        _chart_row(
            [
                (charts.risk_chart(data.charts.risks, size=_inches(89, 76)), 89),
                (charts.coverage_chart(data.charts.measures, size=_inches(89, 76)), 89),
                (charts.income_chart(data.charts.income, size=_inches(89, 76)), 89),
            ]
        ),
        Spacer(1, 3 * mm),
        *attention(data),
    ]


def overload_note(board: Board) -> str:
    """What the 超额责任人 column counts, and why its 合计 may be less than the rows added up."""
    area = board.area_label
    return (
        f"注：超额责任人指结对农户超过每人{board.helper_limit}户上限的帮扶责任人人数（按其全部结对户计）；"
        f"一人在几个{area}都有结对户的，各{area}都计入，合计只计一次。"
    )


def attention(data: WarChartData) -> list[Flowable]:
    """需要关注: the helpers over the limit, and the households without a helper village by village."""
    s = styles()
    unpaired = [v for v in data.villages if v.unpaired]
    overloaded: dict[tuple[str, str, str], list[str]] = {}
    lines: dict[tuple[str, str, str], HelperLine] = {}
    for village in data.villages:
        for helper in village.helpers:
            if helper.overloaded:
                key = (helper.name, helper.unit, helper.phone)
                overloaded.setdefault(key, []).append(village.village)
                lines[key] = helper
    if not unpaired and not overloaded:
        return [para("需要关注：所有在册农户都已落实帮扶责任人，没有超过上限的帮扶责任人。", s.body)]
    out: list[Flowable] = []
    if overloaded:
        limit = data.board.helper_limit
        rows = [["帮扶责任人", "单位及职务", "联系电话", "户数", "结对村"]]
        rows += [
            [lines[key].name, lines[key].unit, lines[key].phone, str(lines[key].load), "、".join(villages)]
            for key, villages in overloaded.items()
        ]
        widths = [22 * mm, 80 * mm, 30 * mm, 14 * mm]
        style = [("ALIGN", (3, 1), (3, -1), "CENTER"), ("TEXTCOLOR", (3, 1), (3, -1), ALERT)]
        heading = para(f"需要关注：结对超过每人{limit}户上限的帮扶责任人", s.heading)
        out.append(KeepTogether([heading, table(rows, [*widths, WIDTH - sum(widths)], extra_style=style)]))
    if unpaired:
        count = sum(len(v.unpaired) for v in unpaired)
        rows = [[data.board.area_label if data.board.by_group else "村", f"{UNPAIRED}户（{count}户）"]]
        rows += [[v.village, by_group(v.unpaired)] for v in unpaired]
        out += [
            para("需要关注：尚未落实帮扶责任人的农户", s.heading),
            table(rows, [22 * mm, WIDTH - 22 * mm]),
        ]
    return out


def by_group(households: Sequence[PairedHousehold]) -> str:
    """户主 grouped by 组, in order of appearance: "上寨组 罗平、林志；下寨组 冯国平"."""
    groups: dict[str, list[str]] = {}
    for h in households:
        groups.setdefault(h.group, []).append(h.head)
    return "；".join(f"{g} {'、'.join(heads)}" if g else "、".join(heads) for g, heads in groups.items())


def board_table(board: Board) -> Table:
    """Two header rows (group headings over 户/人 and the task colours), one row per village or 组,
    and the 合计 row; problem counts in red, open tasks in their warning colours."""
    top = [board.area_label]
    bottom = [""]
    spans = [("SPAN", (0, 0), (0, 1))]
    column = 1
    for heading, subs in COLUMN_GROUPS:
        if subs:
            top += [heading] + [""] * (len(subs) - 1)
            bottom += list(subs)
            spans.append(("SPAN", (column, 0), (column + len(subs) - 1, 0)))
        else:
            top.append(heading)
            bottom.append("")
            spans.append(("SPAN", (column, 0), (column, 1)))
        column += max(len(subs), 1)
    lines = [*board.rows, board.total]
    rows = [top, bottom, *([r.name, *board.texts(r)] for r in lines)]
    inks = _column_inks()
    style = [
        *spans,
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, -1), (-1, -1), TOTAL_SHADE),
        *(
            ("TEXTCOLOR", (c, r), (c, r), inks[c])
            for r, line in enumerate(lines, start=2)
            for c, text in enumerate(board.texts(line), start=1)
            if c in inks and text not in ("0", NOT_KEPT)
        ),
    ]
    return table(rows, board_widths(), header_rows=2, extra_style=style)


def _column_inks() -> dict[int, colors.Color]:
    """Table columns (1-based after the name) whose non-zero counts stand out, and their colour."""
    labels = [heading for heading, subs in COLUMN_GROUPS for _ in (subs or ("",))]
    inks = {n: ALERT for n, heading in enumerate(labels, start=1) if heading in ("未结对户", "超额责任人")}
    first_task = len(labels) - len(OPEN_TASK_COLOURS) + 1
    inks.update({first_task + i: TASK_INKS[c] for i, c in enumerate(OPEN_TASK_COLOURS)})
    return inks


def board_widths() -> list[float]:
    """The name column, then the numbers: wide enough for their headings, the rest shared out."""
    fixed = {"户数": 13 * mm, "人数": 14 * mm, "未结对户": 15 * mm, "超额责任人": 19 * mm}
    name = 21 * mm
    widths: list[float | None] = []
    for heading, subs in COLUMN_GROUPS:
        widths += [fixed.get(heading)] if not subs else [None] * len(subs)
    free = [i for i, w in enumerate(widths) if w is None]
    share = (WIDTH - name - sum(w for w in widths if w is not None)) / len(free)
    return [name, *(share if w is None else w for w in widths)]


def _chart_row(items: list[tuple[Figure, float]]) -> Table:
    """Charts side by side, each in a cell of its width (mm)."""
    from fupin_desktop.reports.figures import chart_row

    return chart_row([(figure, width * mm) for figure, width in items])


def _inches(width_mm: float, height_mm: float) -> tuple[float, float]:
    return width_mm / 25.4, height_mm / 25.4


# ------------------------------------------------------------------ section 2: the pairing table

PAIRING_WIDTHS = (10 * mm, 18 * mm, 56 * mm, 26 * mm, 11 * mm)
PAIRING_HEADER = ["序号", "帮扶责任人", "单位及职务", "联系电话", "户数", "结对农户（组 户主）"]


def pairing_widths() -> list[float]:
    return [*PAIRING_WIDTHS, WIDTH - sum(PAIRING_WIDTHS)]


def pairing_heading(data: WarChartData) -> list[Flowable]:
    s = styles()
    limit = data.board.helper_limit
    return [
        Line(f"{data.board.scope}{PAIRING_SECTION}", s.title),
        Line(f"截至{cn_date(data.printed_on)}　户数为红色的帮扶责任人超过每人{limit}户的上限", s.subtitle),
        Spacer(1, 2 * mm),
    ]


def village_pairings(village: VillagePairings) -> Iterator[Flowable]:
    """The village's band (name, counts, cadres) and its helpers; the band repeats on every page the
    table runs onto."""
    s = styles()
    band = (
        f"{village.village}　帮扶责任人{len(village.helpers)}名　结对{village.paired}户"
        f"　未结对{len(village.unpaired)}户"
    )
    rows: list[list[object]] = [[band, "", "", "", "", ""], PAIRING_HEADER]
    style: list[tuple] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), BAND),
        ("ALIGN", (0, 0), (-1, 0), "LEFT"),
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("ALIGN", (4, 2), (4, -1), "CENTER"),
    ]
    if village.cadres:
        rows[0][0] = para(band + "\n" + "；".join(village.cadres), s.cell)
    for n, helper in enumerate(village.helpers, start=1):
        listed = by_group(helper.households)
        if helper.load != len(helper.households):
            listed += f"（另在其他村结对{helper.load - len(helper.households)}户）"
        rows.append([str(n), helper.name, helper.unit, helper.phone, str(helper.load), listed])
        if helper.overloaded:
            style.append(("TEXTCOLOR", (4, len(rows) - 1), (4, len(rows) - 1), ALERT))
    if village.unpaired:
        rows.append(
            [
                "",
                UNPAIRED,
                "尚未落实帮扶责任人",
                "",
                str(len(village.unpaired)),
                by_group(village.unpaired),
            ]
        )
        style.append(("TEXTCOLOR", (1, len(rows) - 1), (4, len(rows) - 1), ALERT))
    if len(rows) == 2:
        rows.append(["", "", "本村没有在册农户", "", "", ""])
    t = table(rows, pairing_widths(), header_rows=2, extra_style=style)
    t.spaceBefore = 4 * mm  # a gap between villages, dropped at the top of a page (never a blank page)
    yield t
