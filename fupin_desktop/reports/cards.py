"""明白卡 (DOMAIN §7): one household on one A4 portrait page, from plain `CardData`.

The service (`services/printing/cards.py`) decides what the card says — masked ID numbers, statuses, the
income summary — and this module only lays it out. Eight members and twelve measures fit one page;
a larger household runs onto a second page whose header repeats the card's title and whose tables
repeat their headings. Body text is 9 pt or larger so a card posted on a wall stays readable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from fupin_desktop.reports.card_marks import SharedForm, qr_code
from fupin_desktop.reports.kit import (
    A4_PORTRAIT,
    BAND,
    SHADE,
    Document,
    DocumentInfo,
    Line,
    cn_date,
    cn_month,
    grid_style,
    money,
    para,
    percent,
    styles,
    table,
)

WIDTH = A4_PORTRAIT.frame_width  # 180 mm
NOT_OK = colors.HexColor("#F6DADA")
GAP = 1.0 * mm
# Cells a little tighter than the house style: the card holds a whole household and what to do next
# on one page, at the same 9 pt.
CARD_PADDING = [("TOPPADDING", (0, 0), (-1, -1), 0.8), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4)]


@dataclass(frozen=True, slots=True)
class CardMember:
    name: str
    relation: str
    sex: str
    age: str
    id_masked: str  # already masked by the service: the card never sees a full number
    health: str
    labour: str
    schooling: str  # 在校生状况, else 文化程度
    work: str  # 务工 or 公益岗位


@dataclass(frozen=True, slots=True)
class CardMeasure:
    category: str
    item: str
    content: str
    amount: float | None
    start: date | None


@dataclass(frozen=True, slots=True)
class CardIncome:
    year: int
    wage: float
    business: float
    property: float
    transfer: float
    expense: float
    net: float
    people: int
    per_capita: float | None
    threshold: float | None  # the year's 监测范围
    policy_transfer: float
    policy_share: float | None
    from_lines: bool = True  # False: no line items yet, the 人均 is the national system's
    reported_per_capita: float | None = None  # the national system's figure, when it differs from ours


@dataclass(frozen=True, slots=True)
class CardCheck:
    """One line of 两不愁三保障和饮水: ok True/False, or None when not applicable or not recorded."""

    label: str
    ok: bool | None
    text: str


@dataclass(frozen=True, slots=True)
class CardHelper:
    name: str
    unit: str
    title: str
    phone: str


@dataclass(frozen=True, slots=True)
class CardContact:
    """Someone at the village a household can call: 村监测联系人, 驻村第一书记."""

    title: str
    name: str
    phone: str


@dataclass(frozen=True, slots=True)
class CardVisit:
    day: date
    visitor: str


@dataclass(frozen=True, slots=True)
class CardData:
    number: str  # 户编号
    place: str  # 县乡镇村组
    head: str
    year: int  # the card's 年度
    printed_on: date
    people: int
    phone: str
    address: str
    household_type: str
    monitor_category: str
    identified: str
    risks: str
    eliminated: str
    dev_support: str
    land: str
    members: tuple[CardMember, ...]
    checks: tuple[CardCheck, ...]
    measures: tuple[CardMeasure, ...]
    income: CardIncome | None
    helper: CardHelper | None
    supervision: tuple[str, ...]
    qr: str | None = None  # payload of the optional QR code
    measures_unknown: bool = False  # the household's sources never carried its measures (待采集)
    contacts: tuple[CardContact, ...] = ()  # the village's, those set
    hotlines: tuple[str, ...] = ()  # 县 and 乡镇 hotlines, those set
    report_days: int = 20  # working days from a reported difficulty to the county's decision
    visits: tuple[CardVisit, ...] = ()  # the latest 走访, newest first

    @property
    def title(self) -> str:
        return f"{self.head}户 {self.year}年度帮扶明白卡"


def card_info(printed_on: date, issuer: str, households: int) -> DocumentInfo:
    return DocumentInfo(
        title=f"明白卡（{households}户）", printed_on=printed_on, issuer=issuer, subject="防返贫帮扶明白卡"
    )


def add_card(doc: Document, card: CardData) -> None:
    """Append one household's card (its own numbered section) to an open document."""
    heading = Line(f"{card.title}（续）　户编号 {card.number}", styles().continued)
    doc.start_section(f"{card.title}　户编号 {card.number}", continued=[heading])
    doc.add(card_flowables(card))


def write_cards(path: Path, cards: Iterable[CardData], info: DocumentInfo) -> int:
    """All cards into one PDF, one household per page (more for large households); returns pages."""
    with Document(path, info, A4_PORTRAIT) as doc:
        for card in cards:
            add_card(doc, card)
    return doc.pages


def card_flowables(card: CardData) -> list[Flowable]:
    blocks = [
        _basics(card),
        _members(card),
        _checks(card),
        _measures(card),
        _income(card),
        _helper(card),
        _closing(card.report_days),  # sign under the whole card
    ]
    out = _title(card)
    for block in blocks:
        out += [Spacer(1, GAP), block]
    return out


# ------------------------------------------------------------------ blocks


def _mm(*widths: float) -> list[float]:
    return [w * mm for w in widths]


def _heading(text: str, columns: int) -> list[str]:
    """A section heading as a table's first row (spanning it), so it repeats with the table."""
    return [text] + [""] * (columns - 1)


def _heading_style(row: int = 0) -> list[tuple]:
    return [
        *CARD_PADDING,
        ("SPAN", (0, row), (-1, row)),
        ("BACKGROUND", (0, row), (-1, row), BAND),
        ("ALIGN", (0, row), (-1, row), "LEFT"),
        ("FONTSIZE", (0, row), (-1, row), 10),
        ("TOPPADDING", (0, row), (-1, row), 0.6),
        ("BOTTOMPADDING", (0, row), (-1, row), 1.2),
    ]


def _title(card: CardData) -> list[Flowable]:
    s = styles()
    text = [Line(card.title, s.title), Line(f"{card.place}　户编号 {card.number}", s.subtitle)]
    if not card.qr:
        return text
    side = 15 * mm
    block = Table([["", text, qr_code(card.qr, side)]], colWidths=[side, WIDTH - 2 * side, side])
    block.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), s.font, 9),  # even an empty cell selects a font
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [block]


def _basics(card: CardData) -> Flowable:
    rows = [
        _heading("一、家庭基本情况", 6),
        ["户主", card.head, "家庭人口", f"{card.people}人", "联系电话", card.phone],
        [
            "户类型",
            card.household_type,
            "监测对象类别",
            card.monitor_category,
            "识别监测时间",
            card.identified,
        ],
        ["风险类型", card.risks, "风险是否消除", card.eliminated, "开发式帮扶", card.dev_support],
        ["家庭住址", card.address, "", "", "耕地林地", card.land],
    ]
    style = [
        *_heading_style(),
        ("SPAN", (1, 4), (3, 4)),
        *[("BACKGROUND", (c, 1), (c, -1), SHADE) for c in (0, 4)],
        ("BACKGROUND", (2, 1), (2, 3), SHADE),  # row 4 has the address spanning this column
    ]
    return table(rows, _mm(21, 39, 23, 37, 23, 37), header_rows=1, keep_together=True, extra_style=style)


MEMBER_WIDTHS = (8.5, 15, 12, 8.5, 9, 33.5, 20, 19, 24, 30.5)


def _members(card: CardData) -> Flowable:
    header = [
        "序号",
        "姓名",
        "关系",
        "性别",
        "年龄",
        "证件号码",
        "健康状况",
        "劳动技能",
        "在校/文化",
        "务工/公益岗位",
    ]
    rows: list[list[str]] = [_heading(f"二、家庭成员（{len(card.members)}人）", len(header)), header]
    rows += [
        [str(n), m.name, m.relation, m.sex, m.age, m.id_masked, m.health, m.labour, m.schooling, m.work]
        for n, m in enumerate(card.members, 1)
    ]
    style = [*_heading_style(), ("ALIGN", (0, 2), (0, -1), "CENTER"), ("ALIGN", (3, 2), (5, -1), "CENTER")]
    if not card.members:
        rows.append(_heading("（无在册成员）", len(header)))
        style.append(("SPAN", (0, 2), (-1, 2)))
    return table(rows, _mm(*MEMBER_WIDTHS), header_rows=2, extra_style=style)


def _checks(card: CardData) -> Flowable:
    count = len(card.checks)
    rows = [
        _heading("三、两不愁三保障和饮水安全", count),
        [c.label for c in card.checks],
        [f"{_mark(c.ok)} {c.text}" for c in card.checks],
    ]
    style = [*_heading_style(), ("BACKGROUND", (0, 1), (-1, 1), SHADE), ("ALIGN", (0, 1), (-1, -1), "CENTER")]
    style += [("BACKGROUND", (i, 2), (i, 2), NOT_OK) for i, c in enumerate(card.checks) if c.ok is False]
    return table(rows, [WIDTH / count] * count, header_rows=0, keep_together=True, extra_style=style)


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("✓" if ok else "✘")


MEASURE_WIDTHS = (8.5, 28, 28, 77.5, 19, 19)


def _measures(card: CardData) -> Flowable:
    header = ["序号", "类别", "项目", "内容", "金额（元）", "开始时间"]
    rows: list[list[str]] = [
        _heading(f"四、享受政策和帮扶措施（{len(card.measures)}项）", len(header)),
        header,
    ]
    rows += [
        [str(n), m.category, m.item, m.content, money(m.amount), cn_month(m.start)]
        for n, m in enumerate(card.measures, 1)
    ]
    style = [*_heading_style(), ("ALIGN", (0, 2), (0, -1), "CENTER"), ("ALIGN", (4, 2), (4, -1), "RIGHT")]
    if not card.measures:
        rows.append(_heading("帮扶措施待采集" if card.measures_unknown else "暂无帮扶措施记录", len(header)))
        style.append(("SPAN", (0, 2), (-1, 2)))
    return table(rows, _mm(*MEASURE_WIDTHS), header_rows=2, extra_style=style)


INCOME_HEADER = (
    "工资性收入",
    "生产经营性收入",
    "财产性收入",
    "转移性收入",
    "生产经营性支出",
    "家庭纯收入",
    "家庭人口",
    "人均纯收入",
)
INCOME_WIDTHS = (21, 25, 21, 21, 25, 23, 19, 25)


def _income(card: CardData) -> Flowable:
    income = card.income
    columns = len(INCOME_HEADER)
    year = income.year if income else card.year
    rows: list[list[str]] = [_heading(f"五、收支核算（{year}年度，单位：元）", columns), list(INCOME_HEADER)]
    style = _heading_style()
    if income is None:
        rows.append(_heading(f"尚未录入{year}年度收支核算。", columns))
        style.append(("SPAN", (0, 2), (-1, 2)))
    else:
        amounts = (income.wage, income.business, income.property, income.transfer, income.expense, income.net)
        rows.append(
            [
                *(money(a) if income.from_lines else "—" for a in amounts),
                f"{income.people}人",
                money(income.per_capita),
            ]
        )
        rows.append(_heading(_income_verdict(income), columns))
        style += [("ALIGN", (0, 2), (-1, 2), "RIGHT"), ("SPAN", (0, 3), (-1, 3))]
    return table(rows, _mm(*INCOME_WIDTHS), header_rows=2, keep_together=True, extra_style=style)


def _income_verdict(income: CardIncome) -> str:
    """The sentence under the figures: 纯收入 formula, 人均 against 监测范围, and the policy share."""
    if income.from_lines:
        parts = [
            f"家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出 = {money(income.net)} 元。"
        ]
    else:
        parts = ["本年度收支明细尚未核算，人均纯收入为全国系统登记的数字。"]
    if income.per_capita is None:
        parts.append("家庭人口为0，无法计算人均纯收入。")
    elif income.threshold is None:
        parts.append(f"{income.year}年监测范围未设置，无法比较。")
    else:
        gap = round(income.per_capita - income.threshold, 2)
        above = gap >= 0
        parts.append(
            f"人均纯收入 {money(income.per_capita)} 元，{'高于' if above else '低于'}{income.year}年监测范围 "
            f"{money(income.threshold, decimals=0)} 元（{'高' if above else '差'} {money(abs(gap))} 元）。"
        )
    if income.reported_per_capita is not None:
        parts.append(
            f"全国系统登记的人均纯收入为 {money(income.reported_per_capita)} 元，与本卡核算不一致，请核实。"
        )
    if not income.from_lines:
        return "".join(parts)
    share = percent(income.policy_share)
    parts.append(
        f"其中政策性转移收入 {money(income.policy_transfer)} 元"
        + (f"，占家庭纯收入 {share}。" if share else "。")
    )
    return "".join(parts)


HELPER_WIDTHS = (22, 18, 18, 44, 12, 22, 18, 26)
NO_PHONES = "（未设置，请在设置中填写）"


def _helper(card: CardData) -> Flowable:
    h = card.helper
    style = [*_heading_style(), ("BACKGROUND", (0, 1), (0, -1), SHADE)]
    if h is None:
        person = ["帮扶责任人", "尚未结对帮扶责任人，请与村委会联系。", "", "", "", "", "", ""]
        style.append(("SPAN", (1, 1), (-1, 1)))
    else:
        person = ["帮扶责任人", h.name, "工作单位", h.unit, "职务", h.title, "联系电话", h.phone]
        style += [("BACKGROUND", (c, 1), (c, 1), SHADE) for c in (2, 4, 6)]
    rows = [_heading("六、帮扶责任人和联系电话", 8), person]
    village = {c.title: f"{c.name}　{c.phone}".strip() for c in card.contacts}
    monitor, secretary = village.get("监测联系人", "—"), village.get("驻村第一书记", "—")
    rows.append(["村监测联系人", monitor, "", "", "驻村第一书记", "", secretary, ""])
    style += [
        ("SPAN", (1, 2), (3, 2)),
        ("SPAN", (4, 2), (5, 2)),
        ("SPAN", (6, 2), (-1, 2)),
        ("BACKGROUND", (4, 2), (5, 2), SHADE),
    ]
    lines = [
        ("求助电话", "；".join(card.hotlines) or NO_PHONES),
        ("监督电话", "；".join(card.supervision) or NO_PHONES),
        ("最近走访", _visits(card.visits)),
    ]
    for label, text in lines:
        style.append(("SPAN", (1, len(rows)), (-1, len(rows))))
        rows.append([label, text, "", "", "", "", "", ""])
    return table(rows, _mm(*HELPER_WIDTHS), header_rows=0, extra_style=style)


VISITS_SHOWN = 3


def _visits(visits: tuple[CardVisit, ...]) -> str:
    if not visits:
        return "暂无走访记录"
    shown = "；".join(
        f"{cn_date(v.day)}（{v.visitor}）" if v.visitor else cn_date(v.day) for v in visits[:VISITS_SHOWN]
    )
    return shown + (f"，共{len(visits)}次" if len(visits) > VISITS_SHOWN else "")


# Plain words for the terms on the card: a villager reads it, not a clerk.
GLOSSARY = (
    ("监测对象", "有返贫致贫风险、村里重点帮扶的农户，分脱贫不稳定户、边缘易致贫户、突发严重困难户三类"),
    ("开发式帮扶", "帮有劳动能力的家庭发展产业、务工、学技术，靠自己增收"),
    ("监测范围", "当年的收入标准，人均纯收入低于它要重点帮扶"),
    ("风险消除", "收入稳定，义务教育、医疗、住房和饮水有保障，经村评议后不再监测"),
)
REPORT_STEPS = "村里入户核实 → 村评议公示 → 乡镇审核 → 县里确定"


def report_text(days: int) -> str:
    """How to report a new difficulty, and what happens next."""
    return (
        "家里因病、因灾、因意外、失业等收入大减或开支大增时，请到村委会当面反映，"
        f"或打上面的电话，或拨打12317。反映后：{REPORT_STEPS}，约{days}个工作日内办结并告知结果。"
    )


def glossary_text() -> str:
    return "名词解释：" + "；".join(f"【{term}】{text}" for term, text in GLOSSARY) + "。"


def _report(report_days: int) -> Flowable:
    rows = [
        _heading("七、遇到新困难怎么办", 1),
        [para(report_text(report_days), styles().cell)],
        [para(glossary_text(), styles().cell)],
    ]
    return table(rows, [WIDTH], header_rows=0, keep_together=True, extra_style=_heading_style())


def _closing(report_days: int) -> Flowable:
    """七、遇到新困难怎么办 and the signatures: the same on every card of a batch."""
    return SharedForm(
        f"closing|{report_days}|{WIDTH}", lambda: [_report(report_days), Spacer(1, GAP), _signatures()]
    )


def _signatures() -> Flowable:
    rows = [
        [
            "户主（签字）：",
            "年　月　日",
            "帮扶责任人（签字）：",
            "年　月　日",
            "村委会（盖章）：",
            "年　月　日",
        ]
    ]
    t = Table(rows, colWidths=_mm(23, 33, 32, 33, 27, 32), rowHeights=[9 * mm])
    t.setStyle(
        TableStyle(
            [
                *grid_style(header_rows=0, lines=False),
                *[("LINEBELOW", (c, 0), (c, 0), 0.5, colors.black) for c in (1, 3, 5)],
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                *[("ALIGN", (c, 0), (c, 0), "RIGHT") for c in (1, 3, 5)],
            ]
        )
    )
    return t
