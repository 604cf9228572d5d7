"""整改清单 on paper (DOMAIN §6, §7): 问题清单, 任务清单, 责任清单 and the 销号汇总表, from the same
records. A4 landscape; the table header is repeated on every page and every page is numbered (the kit).

Plain `TaskListDoc` in (built by `services/rectification/lists.py`), a PDF out. Each list is one table in 序号
order under a title and a line of counts; the 预警 column is tinted with the warning colour and says
it in words too (红灯 · 督办), so a black-and-white copy still reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from fupin_desktop.domain.task_lists import DOCUMENT_TITLES, ListKind
from fupin_desktop.reports.kit import (
    A4_LANDSCAPE,
    DocumentInfo,
    Line,
    grid_style,
    para,
    styles,
    table,
    write_pdf,
)
from fupin_desktop.reports.signoff import with_sign_off

WIDTH = A4_LANDSCAPE.frame_width

TINTS = {
    "red": colors.HexColor("#F6D3D0"),
    "yellow": colors.HexColor("#FBEBB8"),
    "blue": colors.HexColor("#D3E3F8"),
    "grey": colors.HexColor("#E4E4E4"),
}
TICK = "√"


@dataclass(frozen=True, slots=True)
class ListRow:
    """One task as the lists print it (text ready to print)."""

    seq: int
    source: str
    category: str
    description: str
    scope: str
    found_on: str
    measures: str
    target: str
    leader: str
    lead_unit: str
    unit: str
    person: str
    deadline: str
    progress: str
    status: str
    colour: str  # red / yellow / blue / grey
    warning: str  # 红灯 · 督办
    days: str  # 剩 5 天 / 超期 3 天
    result: str
    evidence: str
    closed_on: str
    closed: bool


@dataclass(frozen=True, slots=True)
class TaskListDoc:
    kind: ListKind
    township: str  # 清水镇 (the title's first word)
    issuer: str  # 云岭县清水镇 (every page's header)
    printed_on: date
    rows: tuple[ListRow, ...]
    counts: str  # 共 40 项：… (the line under the title)
    filters: str = ""  # the filters the rows were chosen by, in words

    @property
    def title(self) -> str:
        return f"{self.township}{DOCUMENT_TITLES[self.kind]}"


def write_task_list(path: Path, doc: TaskListDoc) -> int:
    """Write one of the lists; returns the page count."""
    info = DocumentInfo(title=doc.title, printed_on=doc.printed_on, issuer=doc.issuer, subject="整改清单")
    return write_pdf(path, task_list_flowables(doc), info, A4_LANDSCAPE)


def task_list_flowables(doc: TaskListDoc) -> list[Flowable]:
    s = styles()
    subtitle = doc.counts + (f"（{doc.filters}）" if doc.filters else "")
    story: list[Flowable] = [Line(doc.title, s.title), para(subtitle, s.subtitle), Spacer(1, 3 * mm)]
    sign_off = [Spacer(1, 6 * mm), _signatures(doc)]
    if doc.rows:
        story.append(with_sign_off(_table(doc), sign_off))
    else:
        story += [para("没有符合条件的整改任务。", s.body), *sign_off]
    return story


# ------------------------------------------------------------------ the four tables


Cell = Callable[[ListRow], str]


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    width: float  # mm; 0 = the rest of the page width
    cell: Cell
    align: str = "LEFT"


def _seq(r: ListRow) -> str:
    return str(r.seq)


def _warning(r: ListRow) -> str:
    return r.warning


COLUMNS: dict[ListKind, tuple[_Column, ...]] = {
    ListKind.PROBLEMS: (
        _Column("序号", 10, _seq, "CENTER"),
        _Column("问题来源", 28, lambda r: r.source),
        _Column("问题类别", 18, lambda r: r.category, "CENTER"),
        _Column("问题表现", 0, lambda r: r.description),
        _Column("涉及村/户", 40, lambda r: r.scope),
        _Column("发现时间", 21, lambda r: r.found_on, "CENTER"),
        _Column("整改时限", 21, lambda r: r.deadline, "CENTER"),
        _Column("状态", 14, lambda r: r.status, "CENTER"),
        _Column("预警", 17, _warning, "CENTER"),
    ),
    ListKind.TASKS: (
        _Column("序号", 10, _seq, "CENTER"),
        _Column("问题表现", 64, lambda r: r.description),
        _Column("整改措施", 0, lambda r: r.measures),
        _Column("整改目标", 36, lambda r: r.target),
        _Column("整改时限", 21, lambda r: r.deadline, "CENTER"),
        _Column("整改进展", 44, lambda r: r.progress),
        _Column("状态", 14, lambda r: r.status, "CENTER"),
        _Column("预警", 17, _warning, "CENTER"),
    ),
    ListKind.DUTIES: (
        _Column("序号", 10, _seq, "CENTER"),
        _Column("问题表现", 0, lambda r: r.description),
        _Column("责任领导", 34, lambda r: r.leader),
        _Column("牵头单位", 30, lambda r: r.lead_unit),
        _Column("责任单位", 30, lambda r: r.unit),
        _Column("责任人", 17, lambda r: r.person, "CENTER"),
        _Column("整改时限", 21, lambda r: r.deadline, "CENTER"),
        _Column("状态", 14, lambda r: r.status, "CENTER"),
        _Column("预警", 17, _warning, "CENTER"),
    ),
    ListKind.CLOSED: (
        _Column("序号", 10, _seq, "CENTER"),
        _Column("问题类别", 18, lambda r: r.category, "CENTER"),
        _Column("问题表现", 0, lambda r: r.description),
        _Column("责任单位", 28, lambda r: r.unit),
        _Column("完成情况", 62, lambda r: r.result if r.closed else f"{r.status}（{r.warning}，{r.days}）"),
        _Column("佐证材料", 46, lambda r: r.evidence),
        _Column("销号时间", 21, lambda r: r.closed_on, "CENTER"),
        _Column("销号", 11, lambda r: TICK if r.closed else "", "CENTER"),
    ),
}


def column_widths(columns: Sequence[_Column]) -> list[float]:
    """Widths in points; the one column of width 0 takes what the others leave of the page."""
    fixed = sum(c.width for c in columns) * mm
    return [c.width * mm if c.width else WIDTH - fixed for c in columns]


def _table(doc: TaskListDoc) -> Table:
    columns = COLUMNS[doc.kind]
    rows = [[c.header for c in columns], *[[c.cell(r) for c in columns] for r in doc.rows]]
    style: list[tuple] = [
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        *[("ALIGN", (i, 1), (i, -1), c.align) for i, c in enumerate(columns) if c.align != "LEFT"],
    ]
    tinted = next((i for i, c in enumerate(columns) if c.cell is _warning), None)
    if tinted is not None:
        style += [
            ("BACKGROUND", (tinted, n), (tinted, n), TINTS[r.colour])
            for n, r in enumerate(doc.rows, start=1)
            if r.colour in TINTS
        ]
    return table(rows, column_widths(columns), header_rows=1, extra_style=style)


def _signatures(doc: TaskListDoc) -> Table:
    unit = f"{doc.township}人民政府" if doc.township else ""
    cells = [["填报单位（盖章）：", unit, "填报人：", "", "审核人：", "", "日期：", ""]]
    widths = [34 * mm, 62 * mm, 16 * mm, 36 * mm, 16 * mm, 36 * mm, 12 * mm, 38 * mm]
    t = Table(cells, colWidths=widths, rowHeights=[9 * mm])
    t.setStyle(
        TableStyle(
            [
                *grid_style(header_rows=0, size=10, lines=False),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                *[("LINEBELOW", (i, 0), (i, 0), 0.5, colors.black) for i in (1, 3, 5, 7)],
                *[("LEFTPADDING", (i, 0), (i, 0), 2 * mm) for i in (1, 3, 5, 7)],
                ("ALIGN", (0, 0), (-1, -1), "LEFT"),
            ]
        )
    )
    t.hAlign = "LEFT"
    return t
