"""公示名单 (DOMAIN §4, §7): the village's public notice of households to be identified as 监测对象 or
marked 风险消除, with the 公示 period, the supervision phones and the signature line.

A public notice shows what the 公示 rules allow: 村民小组, 户主姓名, 人口, 监测对象类别, the month, and
(识别) the 风险类型 that may be published, (消除) the 消除方式 and 人均纯收入. No digit of an ID number
unless the county asks for the last four (`NoticeData.id_tail`); which risks are printed the service
decides (`domain.codes.public_risks`).

Plain `NoticeData` in (built by `services/printing/notices.py`), an A4 portrait PDF out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from fupin_desktop.domain.notices import NoticeKind
from fupin_desktop.reports.kit import (
    A4_PORTRAIT,
    DocumentInfo,
    cn_date,
    cn_month,
    grid_style,
    money,
    month_span,
    para,
    styles,
    table,
    write_pdf,
)
from fupin_desktop.reports.signoff import with_sign_off

WIDTH = A4_PORTRAIT.frame_width


@dataclass(frozen=True, slots=True)
class NoticeRow:
    group: str
    head: str
    people: int
    category: str  # 监测对象类别
    reason: str  # 识别: the risks that may be published; 消除: 消除方式
    month: date | None  # 识别监测时间 or 消除监测时间
    per_capita: float | None = None  # 消除 only: the latest 人均纯收入
    id_tail: str = ""  # the 户主's last four ID characters, only where the county asks for them


@dataclass(frozen=True, slots=True)
class NoticeData:
    kind: NoticeKind
    place: str  # 县乡镇
    village: str
    since: date  # the period whose households are listed
    until: date
    posted_from: date  # 公示期
    posted_to: date
    printed_on: date
    rows: tuple[NoticeRow, ...]
    supervision: tuple[str, ...]
    contacts: tuple[str, ...] = ()  # the village's own: "村监测联系人 张某（电话）"
    id_tail: bool = False  # print the column 身份证后四位 (Settings.notice_id_tail)
    all_risks: bool = False  # the rows name every risk, health ones too (Settings.notice_all_risks)

    @property
    def title(self) -> str:
        what = "识别" if self.kind is NoticeKind.IDENTIFY else "风险消除"
        return f"{self.village}防止返贫监测对象{what}公示名单"

    @property
    def people(self) -> int:
        return sum(r.people for r in self.rows)


def write_notice(path: Path, notice: NoticeData) -> int:
    """Write the notice; returns the page count."""
    info = DocumentInfo(
        title=notice.title,
        printed_on=notice.printed_on,
        issuer=notice.place + notice.village,
        subject="防止返贫监测公示名单",
    )
    return write_pdf(path, notice_flowables(notice), info, A4_PORTRAIT)


def notice_flowables(notice: NoticeData) -> list[Flowable]:
    s = styles()
    closing = [Spacer(1, 4 * mm), para(_objections(notice), s.prose), Spacer(1, 8 * mm), _signatures(notice)]
    return [
        para(notice.title, s.title),
        Spacer(1, 4 * mm),
        para(_preamble(notice), s.prose),
        Spacer(1, 3 * mm),
        with_sign_off(_rows(notice), closing),
    ]


def _period(notice: NoticeData) -> str:
    return month_span(notice.since, notice.until)


def _preamble(notice: NoticeData) -> str:
    count = f"{len(notice.rows)}户{notice.people}人"
    if notice.kind is NoticeKind.IDENTIFY:
        return (
            "根据防止返贫动态监测和帮扶工作要求，经农户自主申报、干部排查和部门预警，"
            f"入户核实和村民主评议，拟将以下{count}（{_period(notice)}识别）纳入防止返贫监测对象，"
            "落实针对性帮扶措施。现予以公示。"
        )
    return (
        f"经入户核实和村民主评议，以下{count}（{_period(notice)}消除）收入持续稳定，"
        "“三保障”和饮水安全有保障，返贫致贫风险已稳定消除，拟标注为风险消除。"
        "风险消除后仍按规定继续跟踪，不脱政策。现予以公示。"
    )


def _objections(notice: NoticeData) -> str:
    days = (notice.posted_to - notice.posted_from).days + 1
    phones = "；".join(notice.supervision) or "（未设置）"
    return (
        f"公示期：{cn_date(notice.posted_from)}至{cn_date(notice.posted_to)}（共{days}天）。"
        "公示期内如有异议，请向村民委员会或乡（镇）人民政府反映，也可拨打监督电话："
        f"{phones}。"
        + (f"本村联系人：{'；'.join(notice.contacts)}。" if notice.contacts else "")
        + "反映情况请实事求是，署名反映的我们将为您保密。"
    )


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    width: float  # mm; 0 = what the others leave of the page width
    cell: Callable[[int, NoticeRow], str]
    align: str = "LEFT"


_SEQ = _Column("序号", 10, lambda n, r: str(n), "CENTER")
_GROUP = _Column("村民小组", 20, lambda n, r: r.group)
_HEAD = _Column("户主姓名", 20, lambda n, r: r.head)
_ID_TAIL = _Column("身份证后四位", 22, lambda n, r: r.id_tail, "CENTER")
_PEOPLE = _Column("人口", 13, lambda n, r: f"{r.people}人", "CENTER")
_CATEGORY = _Column("监测对象类别", 28, lambda n, r: r.category)
_MONTH = _Column("", 22, lambda n, r: cn_month(r.month), "CENTER")
IDENTIFY_COLUMNS = (
    _SEQ,
    _GROUP,
    _HEAD,
    _PEOPLE,
    _CATEGORY,
    _Column("风险类型", 0, lambda n, r: r.reason),
    replace(_MONTH, header="识别时间"),
)
ELIMINATE_COLUMNS = (
    _SEQ,
    _GROUP,
    _HEAD,
    _PEOPLE,
    replace(_CATEGORY, width=0),
    _Column("消除方式", 24, lambda n, r: r.reason, "CENTER"),
    _Column("人均纯收入（元）", 26, lambda n, r: money(r.per_capita), "RIGHT"),
    replace(_MONTH, header="消除时间"),
)


def notice_columns(notice: NoticeData) -> tuple[_Column, ...]:
    """The notice's columns: 身份证后四位 after 户主姓名 only where the county asks for it."""
    columns = IDENTIFY_COLUMNS if notice.kind is NoticeKind.IDENTIFY else ELIMINATE_COLUMNS
    if not notice.id_tail:
        return columns
    at = columns.index(_HEAD) + 1
    return (*columns[:at], _ID_TAIL, *columns[at:])


def _rows(notice: NoticeData) -> Table:
    columns = notice_columns(notice)
    fixed = sum(c.width for c in columns) * mm
    widths = [c.width * mm if c.width else WIDTH - fixed for c in columns]
    rows = [[c.header for c in columns]]
    rows += [[c.cell(n, r) for c in columns] for n, r in enumerate(notice.rows, 1)]
    style = [("ALIGN", (i, 1), (i, -1), c.align) for i, c in enumerate(columns) if c.align != "LEFT"]
    return table(rows, widths, header_rows=1, extra_style=style)


def _signatures(notice: NoticeData) -> Table:
    rows = [
        ["村党组织书记（签字）：", "", "村民委员会主任（签字）：", ""],
        ["", "", f"{notice.village}村民委员会（盖章）", ""],
        ["", "", cn_date(notice.posted_from), ""],
    ]
    t = Table(rows, colWidths=[38 * mm, 40 * mm, 42 * mm, 60 * mm], rowHeights=[12 * mm, 14 * mm, 7 * mm])
    t.setStyle(
        TableStyle(
            [
                *grid_style(header_rows=0, size=10.5, lines=False),
                ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("SPAN", (2, 1), (3, 1)),
                ("SPAN", (2, 2), (3, 2)),
                ("ALIGN", (2, 1), (3, 2), "RIGHT"),
                ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
            ]
        )
    )
    return t
