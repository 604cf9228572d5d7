"""公示名单 (DOMAIN §4, §7): the village's public notice of households to be identified as 监测对象 or
marked 风险消除, with masked ID numbers, the 公示 period, the supervision phones and the signature line.

Plain `NoticeData` in (built by `services/notices.py`), an A4 portrait PDF out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

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

WIDTH = A4_PORTRAIT.frame_width


class NoticeKind(StrEnum):
    IDENTIFY = "identify"  # 识别为监测对象
    ELIMINATE = "eliminate"  # 风险消除

    @property
    def label(self) -> str:
        return "识别" if self is NoticeKind.IDENTIFY else "风险消除"


@dataclass(frozen=True, slots=True)
class NoticeRow:
    group: str
    head: str
    id_masked: str  # masked by the service
    people: int
    category: str  # 监测对象类别
    reason: str  # 识别: the risks; 消除: 消除方式
    month: date | None  # 识别监测时间 or 消除监测时间
    per_capita: float | None = None  # 消除 only: the latest 人均纯收入


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
    return [
        para(notice.title, s.title),
        Spacer(1, 4 * mm),
        para(_preamble(notice), s.prose),
        Spacer(1, 3 * mm),
        _rows(notice),
        Spacer(1, 4 * mm),
        para(_objections(notice), s.prose),
        Spacer(1, 8 * mm),
        _signatures(notice),
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


IDENTIFY_WIDTHS = (10, 18, 17, 34, 12, 25, 45, 19)
ELIMINATE_WIDTHS = (10, 18, 17, 34, 12, 25, 17, 28, 19)


def _rows(notice: NoticeData) -> Flowable:
    identify = notice.kind is NoticeKind.IDENTIFY
    if identify:
        header = [
            "序号",
            "村民小组",
            "户主姓名",
            "户主证件号码",
            "人口",
            "监测对象类别",
            "主要风险",
            "识别时间",
        ]
        widths = IDENTIFY_WIDTHS
    else:
        header = [
            "序号",
            "村民小组",
            "户主姓名",
            "户主证件号码",
            "人口",
            "监测对象类别",
            "消除方式",
            "人均纯收入（元）",
            "消除时间",
        ]
        widths = ELIMINATE_WIDTHS
    rows: list[list[str]] = [header]
    for n, r in enumerate(notice.rows, 1):
        row = [str(n), r.group, r.head, r.id_masked, f"{r.people}人", r.category, r.reason]
        if not identify:
            row.append(money(r.per_capita))
        rows.append([*row, cn_month(r.month)])
    style = [
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (3, 1), (4, -1), "CENTER"),
        ("ALIGN", (-1, 1), (-1, -1), "CENTER"),
    ]
    if not identify:
        style.append(("ALIGN", (7, 1), (7, -1), "RIGHT"))
    return table(rows, [w * mm for w in widths], header_rows=1, extra_style=style)


def _signatures(notice: NoticeData) -> Flowable:
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
    return KeepTogether(t)
