"""会议简报 (DOMAIN §7): the meeting pack on A4 portrait, several pages, numbered as one document.

The cover (township, meeting, date, the headline figures and the contents), then the numbered parts
in `Section` order: 基本情况, 本期动态, 风险类型和帮扶措施落实, 三保障和饮水安全, 整改进展 (with the
overdue list), 数据核查, 月度趋势, 存在问题, 下步工作. Charts are vector graphics in the embedded font
(`reports.figures`). A part with nothing to print — 数据核查 without its counts, an unwritten text —
is left out (`printed_sections`), never printed empty.

Plain `BriefingData` in (built by `services/briefing.py`), a PDF out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from fupin_desktop.domain.board import BoardRow, Tally
from fupin_desktop.reports.briefing_data import (
    Breakdown,
    BriefingData,
    ChangeRow,
    Headline,
    Section,
    TaskLine,
)
from fupin_desktop.reports.kit import (
    A4_PORTRAIT,
    MUTED,
    Document,
    DocumentInfo,
    Line,
    cn_date,
    grid_style,
    para,
    percent,
    styles,
    table,
)
from fupin_desktop.reports.warchart import ALERT, TOTAL_SHADE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH = A4_PORTRAIT.frame_width  # 180 mm
PACK_SECTION = "会议简报"  # the page header's title (one numbered section: 第 N 页 共 M 页 over the pack)
NUMERALS = "一二三四五六七八九十"
SUB_NUMERALS = "（一）", "（二）", "（三）", "（四）", "（五）"
ACCENT = colors.HexColor("#1F4E79")
OVERDUE_WIDTHS = (10 * mm, 0, 34 * mm, 36 * mm, 20 * mm, 13 * mm, 17 * mm)  # 0: the rest
TREND_KEYS = (
    "households",
    "members",
    "monitored",
    "eliminated",
    "not_eliminated",
    "unpaired",
    "below_threshold",
    "tasks_open",
    "tasks_overdue",
)
TREND_HEADERS = (
    "户数",
    "人数",
    "监测对象",
    "已消除",
    "未消除",
    "未结对户",
    "低于监测范围",
    "整改未销号",
    "超期",
)
MONITOR_LINES = ("monitored", "not_eliminated", "eliminated")
PROBLEM_LINES = ("tasks_open", "tasks_overdue", "unpaired", "below_threshold")


def briefing_info(data: BriefingData) -> DocumentInfo:
    return DocumentInfo(
        title=data.pack_title, printed_on=data.printed_on, issuer=data.issuer, subject="会议简报"
    )


def printed_sections(data: BriefingData) -> tuple[Section, ...]:
    """The chosen sections that have something to print, in print order."""

    def has_content(section: Section) -> bool:
        if section is Section.CHECKS:
            return data.checks is not None
        if section is Section.PROBLEMS:
            return bool(data.problems.strip())
        if section is Section.NEXT_STEPS:
            return bool(data.next_steps.strip())
        return True

    return tuple(s for s in data.sections if has_content(s))


def numbered(data: BriefingData) -> dict[Section, str]:
    """Each printed part after the cover → its heading, 一、基本情况 …"""
    parts = [s for s in printed_sections(data) if s is not Section.COVER]
    return {s: f"{NUMERALS[n]}、{s.title}" for n, s in enumerate(parts)}


def write_briefing(path: Path, data: BriefingData) -> int:
    """The whole pack in one go (the service writes it part by part, with progress); returns pages."""
    with Document(path, briefing_info(data)) as doc:
        doc.start_section(PACK_SECTION)
        for _section, flowables in parts(data):
            doc.add(flowables)
    return doc.pages


def parts(data: BriefingData) -> Iterator[tuple[Section, list[Flowable]]]:
    """The printed sections and their flowables, built one at a time (so a caller can stop between)."""
    headings = numbered(data)
    for section in printed_sections(data):
        if section is Section.COVER:
            flowables = cover(data, list(headings.values()))
            if headings:
                flowables.append(PageBreak())
        else:
            # headings keep with what follows them (keepWithNext): never alone at the foot of a page
            flowables = [CondPageBreak(60 * mm), *_BUILDERS[section](data, headings[section])]
        yield section, flowables


# ------------------------------------------------------------------ styles


@cache
def _styles() -> dict[str, ParagraphStyle]:
    s = styles()
    return {
        "masthead": replace_style(s.title, "masthead", fontSize=22, leading=30),
        "place": replace_style(s.subtitle, "place", fontSize=13, leading=18),
        "section": replace_style(
            s.heading, "section", fontSize=14, leading=20, spaceBefore=10, spaceAfter=4, keepWithNext=1
        ),
        "sub": replace_style(s.heading, "sub", keepWithNext=1),
        "note": replace_style(s.body, "note", fontSize=9, leading=13, textColor=MUTED, spaceBefore=2),
        "contents": replace_style(s.body, "contents", fontSize=12, leading=20, leftIndent=48 * mm),
        "label": replace_style(s.cell_center, "label", textColor=MUTED),
        "value": replace_style(s.cell_center, "value", fontSize=15, leading=19),
        "value_alert": replace_style(s.cell_center, "value_alert", fontSize=15, leading=19, textColor=ALERT),
    }


def replace_style(style: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
    copy = ParagraphStyle(name, parent=style)
    for key, value in changes.items():
        setattr(copy, key, value)
    return copy


def _heading(text: str) -> list[Flowable]:
    return [Line(text, _styles()["section"])]


def _sub(text: str) -> Flowable:
    return Line(text, _styles()["sub"])


def _note(text: str) -> Flowable:
    return para(text, _styles()["note"])


def _prose(text: str) -> list[Flowable]:
    """The user's text: one indented paragraph per line written."""
    return [para(line.strip(), styles().prose) for line in text.splitlines() if line.strip()]


def _n(value: int) -> str:
    return f"{value:,}"


def _tally(t: Tally) -> str:
    return f"{t.households:,}户{t.people:,}人"


def _joined(items: Sequence[Breakdown], unit: str) -> str:
    return "、".join(f"{b.label}{b.count:,}{unit}" for b in items)


def _alerts(rows: Sequence[Sequence[object]], columns: Sequence[int], first_row: int) -> list[tuple]:
    """TEXTCOLOR commands for the non-zero counts of `columns` (problems stand out in red)."""
    return [
        ("TEXTCOLOR", (c, r), (c, r), ALERT)
        for r, row in enumerate(rows[first_row:], start=first_row)
        for c in columns
        if row[c] not in ("0", "", None)
    ]


def _total_row(rows: Sequence[object]) -> list[tuple]:
    last = len(rows) - 1
    return [("BACKGROUND", (0, last), (-1, last), TOTAL_SHADE)]


def _even(first: float, count: int) -> list[float]:
    """A first column of `first` points and `count` equal columns filling the width."""
    return [first, *([(WIDTH - first) / count] * count)]


# ------------------------------------------------------------------ cover


def cover(data: BriefingData, contents: Sequence[str]) -> list[Flowable]:
    s, own = styles(), _styles()
    since, until = data.changes.since, data.changes.until
    out: list[Flowable] = [
        Spacer(1, 22 * mm),
        Line(data.issuer, own["place"]),
        Spacer(1, 4 * mm),
        para(data.pack_title, own["masthead"]),
        Spacer(1, 3 * mm),
        Line(cn_date(data.printed_on), own["place"]),
        Line(f"本期：{cn_date(since)}至{cn_date(until)}", s.subtitle),
        Spacer(1, 12 * mm),
    ]
    if data.headlines:
        out += [Line("主要指标", s.heading), headline_grid(data.headlines), Spacer(1, 12 * mm)]
    if contents:
        out += [Line("目　录", s.heading), *(Line(text, own["contents"]) for text in contents)]
    return out


def headline_grid(headlines: Sequence[Headline], per_row: int = 4) -> Table:
    """The headline figures, four to a row: label, value (red when it calls for action), note."""
    own = _styles()
    rows: list[list[object]] = []
    for start in range(0, len(headlines), per_row):
        chunk = list(headlines[start : start + per_row])
        chunk += [None] * (per_row - len(chunk))
        rows.append([para(h.label, own["label"]) if h else "" for h in chunk])
        rows.append([para(h.value, own["value_alert" if h.alert else "value"]) if h else "" for h in chunk])
        rows.append([para(h.note, own["label"]) if h else "" for h in chunk])
    t = Table(rows, colWidths=[WIDTH / per_row] * per_row, hAlign="CENTER")
    commands = [*grid_style(header_rows=0, lines=False), ("TOPPADDING", (0, 0), (-1, -1), 2.5)]
    for block in range(0, len(rows), 3):
        commands += [
            ("BOX", (c, block), (c, block + 2), 0.6, ACCENT) for c in range(per_row) if rows[block][c] != ""
        ]
    t.setStyle(TableStyle(commands))
    return t


# ------------------------------------------------------------------ 基本情况


def basics_section(data: BriefingData, heading: str) -> list[Flowable]:
    b = data.basics
    m = b.monitored
    poor = next((t.tally for t in b.types if t.label == "脱贫户"), Tally())
    summary = (
        f"截至{cn_date(data.printed_on)}，全{_scope(data)}共有在册农户{_tally(b.total)}，其中脱贫户{_tally(poor)}。"
        f"纳入监测对象{_tally(m.tally)}"
        + (f"（{'、'.join(f'{c.label}{_tally(c.tally)}' for c in b.categories)}）" if b.categories else "")
        + f"；其中风险已消除{_tally(m.eliminated)}，风险未消除{_tally(m.not_eliminated)}。"
    )
    return [
        *_heading(heading),
        para(summary, styles().prose),
        _sub(f"{SUB_NUMERALS[0]}户类型和监测对象类别"),
        type_table(data),
        Spacer(1, 2 * mm),
        category_table(data),
        _sub(f"{SUB_NUMERALS[1]}各村情况"),
        village_table(b.villages, b.village_total),
        Spacer(1, 3 * mm),
        _chart(_village_chart(data), WIDTH),
    ]


def _scope(data: BriefingData) -> str:
    return "镇" if data.township.endswith("镇") else "乡" if data.township.endswith("乡") else "乡镇"


def type_table(data: BriefingData) -> Table:
    b = data.basics
    total = b.total.households or 1
    rows = [["户类型", "户数", "人数", "占在册户"]]
    rows += [
        [t.label, _n(t.tally.households), _n(t.tally.people), percent(t.tally.households / total)]
        for t in b.types
    ]
    rows.append(
        [
            "在册农户合计",
            _n(b.total.households),
            _n(b.total.people),
            percent(1.0 if b.total.households else 0),
        ]
    )
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), *_total_row(rows)]
    return table(rows, _even(44 * mm, 3), extra_style=style, keep_together=True)


def category_table(data: BriefingData) -> Table:
    b = data.basics
    top = ["监测对象类别", "合计", "", "风险已消除", "", "风险未消除", ""]
    bottom = ["", "户", "人", "户", "人", "户", "人"]
    rows = [top, bottom]
    for line in [*b.categories, b.monitored]:
        rows.append(
            [
                line.label,
                *(n for t in (line.tally, line.eliminated, line.not_eliminated) for n in str_pair(t)),
            ]
        )
    style = [
        ("SPAN", (0, 0), (0, 1)),
        *(("SPAN", (c, 0), (c + 1, 0)) for c in (1, 3, 5)),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        *_total_row(rows),
    ]
    return table(rows, _even(44 * mm, 6), header_rows=2, extra_style=style, keep_together=True)


def str_pair(t: Tally) -> tuple[str, str]:
    return _n(t.households), _n(t.people)


def village_table(villages: Sequence[BoardRow], total: BoardRow) -> Table:
    top = ["村", "在册农户", "", "脱贫户", "监测对象", "", "风险已消除", "风险未消除", "未结对户"]
    bottom = ["", "户", "人", "户", "户", "人", "户", "户", "户"]
    rows: list[list[str]] = [top, bottom]
    for r in [*villages, total]:
        rows.append(
            [
                r.name,
                _n(r.all.households),
                _n(r.all.people),
                _n(r.out_of_poverty.households),
                _n(r.monitored.households),
                _n(r.monitored.people),
                _n(r.eliminated.households),
                _n(r.not_eliminated.households),
                _n(r.unpaired),
            ]
        )
    style = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (2, 0)),
        ("SPAN", (4, 0), (5, 0)),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        *_alerts(rows, [8], 2),
        *_total_row(rows),
    ]
    return table(rows, _even(28 * mm, 8), header_rows=2, extra_style=style)


def _village_chart(data: BriefingData) -> Figure:
    from fupin_desktop.reports import charts  # matplotlib: when a pack is drawn, not at start-up

    bars = len(data.basics.chart.labels)
    height = min(max(35 + bars * 4.2, 60), 120)
    return charts.category_chart(data.basics.chart, "村", size=_inches(WIDTH / mm, height))


# ------------------------------------------------------------------ 本期动态


def changes_section(data: BriefingData, heading: str) -> list[Flowable]:
    c = data.changes
    period = f"{cn_date(c.since)}至{cn_date(c.until)}"
    facts = [f"新识别监测对象{_tally(c.identified)}"]
    if c.identified_by_category:
        facts[-1] += f"（{_joined(c.identified_by_category, '户')}）"
    facts.append(f"风险消除{_tally(c.eliminated)}")
    if c.eliminated_by_method:
        facts[-1] += f"（{_joined(c.eliminated_by_method, '户')}）"
    added = f"增加人口{_n(c.members_added)}人"
    if c.members_added_in_new_households:
        added += f"（其中新建档农户{_n(c.members_added_in_new_households)}人）"
    facts.append(added)
    removed = f"自然减少人口{_n(c.members_removed)}人"
    if c.removed_by_reason:
        removed += f"（{_joined(c.removed_by_reason, '人')}）"
    facts.append(removed)
    facts.append(f"新建档农户{_tally(c.households_added)}")
    archived = f"归档减少农户{_tally(c.households_archived)}"
    if c.archived_by_reason:
        archived += f"（{_joined(c.archived_by_reason, '户')}）"
    facts.append(archived)
    net = c.net_people
    facts.append(f"人口净{'增加' if net >= 0 else '减少'}{_n(abs(net))}人")
    month_note = ""
    if c.since.day != 1:
        month_note = f"识别、消除监测时间按月登记，自{c.since.year}年{c.since.month}月1日起计；"
    return [
        *_heading(heading),
        para(f"{period}，" + "；".join(facts) + "。", styles().prose),
        _sub(f"{SUB_NUMERALS[0]}各村变动"),
        change_table(c.villages, c.total),
        _note(
            "口径："
            + month_note
            + "增加人口为期间新建档的成员记录（出生、婚入、迁入、新建档农户）；自然减少人口为期间标记自然减少的成员；"
            "归档减少农户的人数为归档时仍在册的成员。"
        ),
    ]


def change_table(villages: Sequence[ChangeRow], total: ChangeRow) -> Table:
    top = ["村", "新识别监测对象", "", "风险消除", "", "增加人口", "自然减少", "新建档户", "归档户"]
    bottom = ["", "户", "人", "户", "人", "人", "人", "户", "户"]
    rows: list[list[str]] = [top, bottom]
    for r in [*villages, total]:
        rows.append(
            [
                r.village,
                *str_pair(r.identified),
                *str_pair(r.eliminated),
                _n(r.members_added),
                _n(r.members_removed),
                _n(r.households_added),
                _n(r.households_archived),
            ]
        )
    style = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (2, 0)),
        ("SPAN", (3, 0), (4, 0)),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        *_total_row(rows),
    ]
    return table(rows, _even(28 * mm, 8), header_rows=2, extra_style=style)


# ------------------------------------------------------------------ 风险类型和帮扶措施落实


def risks_section(data: BriefingData, heading: str) -> list[Flowable]:
    r = data.risks
    d = r.dev_support
    share = percent(d.done / d.households) if d.households else ""
    summary = f"在册监测对象{_n(r.monitored)}户。风险未消除的{_n(d.households)}户中，已实施开发式帮扶措施{_n(d.done)}户"
    summary += f"（占{share}）" if share else ""
    summary += f"，尚未实施{_n(d.not_yet)}户"
    summary += f"，未填{_n(d.unknown)}户" if d.unknown else ""
    summary += f"；其中整户无劳动能力兜底保障{_n(d.no_labour)}户。"
    if r.coverage.base:
        summary += f"监测对象中已落实帮扶措施{_n(r.coverage.covered)}户（占{percent(r.coverage.covered / r.coverage.base)}）。"
    return [
        *_heading(heading),
        para(summary, styles().prose),
        _sub(f"{SUB_NUMERALS[0]}风险类型"),
        risk_table(data),
        _sub(f"{SUB_NUMERALS[1]}帮扶措施落实"),
        coverage_table(data),
        Spacer(1, 3 * mm),
        _chart_row(_risk_charts(data)),
    ]


def risk_table(data: BriefingData) -> Table:
    bars = data.risks.risks
    series = dict(bars.series)
    parts = [name for name, _ in bars.series]
    rows = [["风险类型", *(f"{p}（户）" for p in parts), "合计（户）"]]
    for i, label in enumerate(bars.labels):
        values = [series[p][i] for p in parts]
        rows.append([label, *(_n(v) for v in values), _n(sum(values))])
    if len(rows) == 1:
        rows.append(["没有登记风险类型的监测对象", *[""] * (len(parts) + 1)])
    note = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    return table(rows, _even(60 * mm, len(parts) + 1), extra_style=note)


def coverage_table(data: BriefingData) -> Table:
    c = data.risks.coverage
    rows = [["帮扶措施类别", "落实户数", "占监测对象"]]
    rows += [
        [label, _n(v), percent(v / c.base) if c.base else ""]
        for label, v in zip(c.labels, c.values, strict=True)
    ]
    rows.append(["已落实任一措施", _n(c.covered), percent(c.covered / c.base) if c.base else ""])
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), *_total_row(rows)]
    return table(rows, _even(60 * mm, 2), extra_style=style, keep_together=True)


def _risk_charts(data: BriefingData) -> list[tuple[Figure, float]]:
    from fupin_desktop.reports import charts

    half = WIDTH / mm / 2
    height = min(max(40 + len(data.risks.risks.labels) * 6.5, 70), 110)
    return [
        (charts.risk_chart(data.risks.risks, size=_inches(half, height)), half),
        (charts.coverage_chart(data.risks.coverage, size=_inches(half, height)), half),
    ]


# ------------------------------------------------------------------ 三保障和饮水安全


def guarantees_section(data: BriefingData, heading: str) -> list[Flowable]:
    g = data.guarantees
    h, s, m, w = g.housing, g.schooling, g.medical, g.water
    rows = [
        ["项目", "统计对象", "数量", "尚未保障", "情况"],
        [
            "住房安全",
            "C、D级危房户",
            _n(h.dangerous),
            _n(h.unsafe),
            f"已改造{_n(h.renovated)}户，易地扶贫搬迁{_n(h.relocated)}户，尚未保障{_n(h.unsafe)}户",
        ],
        [
            "义务教育",
            "6至15岁在册人口",
            _n(s.children),
            _n(s.out_of_school),
            f"在校{_n(s.in_school)}人，失学辍学{_n(s.out_of_school)}人（已登记原因{_n(s.with_reason)}人）",
        ],
        [
            "基本医疗",
            "在册人口",
            _n(m.people),
            _n(m.uninsured),
            f"城乡居民医保{_n(m.resident)}人，城镇职工医保{_n(m.employee)}人，未参保{_n(m.uninsured)}人"
            + (f"，未填写{_n(m.unknown)}人" if m.unknown else ""),
        ],
        [
            "饮水安全",
            "在册农户",
            _n(w.households),
            _n(w.unsafe),
            f"不达标{_n(w.unsafe)}户"
            + (f"（{_joined([b for b in w.by_indicator if b.count], '户')}不达标）" if w.unsafe else ""),
        ],
    ]
    widths = [20 * mm, 30 * mm, 18 * mm, 18 * mm]
    style = [("ALIGN", (2, 1), (3, -1), "RIGHT"), *_alerts(rows, [3], 1)]
    summary = table(rows, [*widths, WIDTH - sum(widths)], extra_style=style, keep_together=True)
    return [
        *_heading(heading),
        _sub(f"{SUB_NUMERALS[0]}总体情况"),
        summary,
        _sub(f"{SUB_NUMERALS[1]}各村尚未保障情况"),
        guarantee_village_table(data),
        _note(
            "口径：住房为C、D级危房且未登记改造时间、未易地搬迁；义务教育按出生日期计算年龄，"
            "在校为登记了学龄前儿童以外的在校生状况；医疗为城乡居民、城镇职工基本医疗保险都不是“是”；"
            "饮水为水量、水质、取水方便程度、供水保证率任一项为“否”的农户。"
        ),
    ]


def guarantee_village_table(data: BriefingData) -> Table:
    g = data.guarantees
    rows = [["村", "住房未保障（户）", "失学辍学（人）", "未参保（人）", "饮水不达标（户）"]]
    for r in [*g.villages, g.total]:
        rows.append(
            [r.village, _n(r.unsafe_houses), _n(r.out_of_school), _n(r.uninsured), _n(r.unsafe_water)]
        )
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), *_alerts(rows, [1, 2, 3, 4], 1), *_total_row(rows)]
    return table(rows, _even(28 * mm, 4), extra_style=style)


# ------------------------------------------------------------------ 整改进展


def tasks_section(data: BriefingData, heading: str) -> list[Flowable]:
    t = data.tasks
    total = t.total
    summary = f"整改任务共{_n(total.total)}项，已销号{_n(total.closed)}项，未销号{_n(total.open)}项"
    if total.open:
        summary += f"（红灯即超期{_n(total.red)}项、黄牌{_n(total.yellow)}项、蓝签{_n(total.blue)}项）"
    if t.supervised or t.escalated:
        summary += f"；未销号任务中上级督办{_n(t.supervised)}项，多次延期升级{_n(t.escalated)}项"
    summary += "。"
    statuses = [
        [b.label for b in t.statuses] + ["合计"],
        [_n(b.count) for b in t.statuses] + [_n(total.total)],
    ]
    status_table = table(
        statuses,
        [WIDTH / len(statuses[0])] * len(statuses[0]),
        extra_style=[("ALIGN", (0, 1), (-1, -1), "CENTER")],
    )
    out = [
        *_heading(heading),
        para(summary, styles().prose),
        _sub(f"{SUB_NUMERALS[0]}任务状态"),
        status_table,
        _sub(f"{SUB_NUMERALS[1]}按问题类别"),
        task_category_table([*t.categories, t.total]),
    ]
    if total.open:
        out += [Spacer(1, 3 * mm), _chart(_task_chart(data), WIDTH)]
    out.append(_sub(f"{SUB_NUMERALS[2]}超期未销号任务（红灯{_n(total.red)}项）"))
    out += overdue_list(data)
    return out


def task_category_table(lines: Sequence[TaskLine]) -> Table:
    rows = [["问题类别", "任务", "已销号", "未销号", "红灯", "黄牌", "蓝签"]]
    rows += [
        [x.label, _n(x.total), _n(x.closed), _n(x.open), _n(x.red), _n(x.yellow), _n(x.blue)] for x in lines
    ]
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), *_alerts(rows, [4], 1), *_total_row(rows)]
    return table(rows, _even(48 * mm, 6), extra_style=style)


def overdue_list(data: BriefingData) -> list[Flowable]:
    t = data.tasks
    if not t.overdue:
        return [para("没有超期未销号的整改任务。", styles().body)]
    widths = list(OVERDUE_WIDTHS)
    widths[1] = WIDTH - sum(widths)
    rows = [["序号", "问题表现", "涉及村/户", "责任单位及责任人", "整改时限", "超期天数", "状态"]]
    for o in t.overdue:
        status = o.status + (f"\n{o.marks}" if o.marks else "")
        rows.append(
            [str(o.seq), o.description, o.scope, o.unit, f"{o.deadline:%Y-%m-%d}", str(o.days_over), status]
        )
    style = [
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (6, -1), "CENTER"),
        ("TEXTCOLOR", (5, 1), (5, -1), ALERT),
    ]
    out: list[Flowable] = [table(rows, widths, extra_style=style)]
    if t.total.red > len(t.overdue):
        out.append(
            _note(f"共{_n(t.total.red)}项超期，列出超期最久的{len(t.overdue)}项；全部任务见整改清单。")
        )
    return out


def _task_chart(data: BriefingData) -> Figure:
    from fupin_desktop.reports import charts
    from fupin_desktop.reports.chart_data import StackedBars

    lines = [x for x in data.tasks.categories if x.open]
    bars = StackedBars(
        labels=tuple(x.label for x in lines),
        series=(
            ("红灯", tuple(x.red for x in lines)),
            ("黄牌", tuple(x.yellow for x in lines)),
            ("蓝签", tuple(x.blue for x in lines)),
        ),
    )
    height = min(max(35 + len(lines) * 5, 55), 100)
    return charts.stacked_chart(
        bars, "未销号整改任务（项）", "没有未销号的任务", size=_inches(WIDTH / mm, height)
    )


# ------------------------------------------------------------------ 数据核查


def checks_section(data: BriefingData, heading: str) -> list[Flowable]:
    c = data.checks
    if c is None:
        return []
    summary = f"对{_n(c.households)}户在册农户进行数据核查，发现问题{_n(c.findings)}条，涉及{_n(c.households_with_findings)}户"
    found = [b for b in c.severities if b.count]
    summary += f"（{_joined(found, '条')}）。" if found else "。"
    out = [*_heading(heading), para(summary, styles().prose)]
    if c.rules:
        rows = [["核查规则", "级别", "问题条数", "涉及户数"]]
        rows += [[r.label, r.severity, _n(r.findings), _n(r.households)] for r in c.rules]
        style = [("ALIGN", (1, 1), (1, -1), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "RIGHT")]
        widths = [WIDTH - 66 * mm, 18 * mm, 24 * mm, 24 * mm]
        out += [_sub(f"{SUB_NUMERALS[0]}按核查规则"), table(rows, widths, extra_style=style)]
    if c.villages:
        rows = [["村", "问题条数", "涉及户数"]]
        rows += [[v.label, _n(v.findings), _n(v.households)] for v in c.villages]
        style = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
        out += [_sub(f"{SUB_NUMERALS[1]}按村"), table(rows, _even(60 * mm, 2), extra_style=style)]
    return out


# ------------------------------------------------------------------ 月度趋势


def trend_section(data: BriefingData, heading: str) -> list[Flowable]:
    trend = data.trend
    months = [_month(p.month) for p in trend.points]
    rows = [["月份", *TREND_HEADERS]]
    for point, month in zip(trend.points, months, strict=True):
        label = f"{point.month[:4]}年{month}" + ("（当前）" if point.live else "")
        rows.append(
            [label, *("" if point.values.get(k) is None else _n(point.values[k]) for k in TREND_KEYS)]
        )
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    missing = [p.month for p in trend.points if not p.live and all(v is None for v in p.values.values())]
    note = "各月数据为当月保存的指标快照（每月首次启动程序时自动保存，也可在会议简报窗口中保存）；带“当前”的一行为生成简报时的数据。"
    if missing:
        note += f"空白的月份没有保存快照（{'、'.join(_month_cn(m) for m in missing)}）。"
    return [
        *_heading(heading),
        _sub(f"{SUB_NUMERALS[0]}趋势图"),
        _chart(_trend_chart(data, MONITOR_LINES, "监测对象（户）", months), WIDTH),
        Spacer(1, 2 * mm),
        _chart(_trend_chart(data, PROBLEM_LINES, "需要处理的问题（户、项）", months), WIDTH),
        _sub(f"{SUB_NUMERALS[1]}各月主要指标"),
        table(rows, _even(30 * mm, len(TREND_KEYS)), extra_style=style, keep_together=True),
        _note(note),
    ]


def _month(key: str) -> str:
    return f"{int(key[5:])}月"


def _month_cn(key: str) -> str:
    return f"{key[:4]}年{int(key[5:])}月"


def _trend_chart(data: BriefingData, keys: Sequence[str], title: str, months: Sequence[str]) -> Figure:
    from fupin_desktop.reports import charts

    lines = [(data.trend.labels.get(k, k), data.trend.series(k)) for k in keys]
    return charts.trend_chart(months, lines, title, size=_inches(WIDTH / mm, 62))


# ------------------------------------------------------------------ 存在问题, 下步工作


def problems_section(data: BriefingData, heading: str) -> list[Flowable]:
    return [*_heading(heading), *_prose(data.problems)]


def next_steps_section(data: BriefingData, heading: str) -> list[Flowable]:
    return [*_heading(heading), *_prose(data.next_steps)]


_BUILDERS: dict[Section, Callable[[BriefingData, str], list[Flowable]]] = {
    Section.BASICS: basics_section,
    Section.CHANGES: changes_section,
    Section.RISKS: risks_section,
    Section.GUARANTEES: guarantees_section,
    Section.TASKS: tasks_section,
    Section.CHECKS: checks_section,
    Section.TREND: trend_section,
    Section.PROBLEMS: problems_section,
    Section.NEXT_STEPS: next_steps_section,
}


# ------------------------------------------------------------------ charts


def _chart(figure: Figure, width: float) -> Table:
    return _chart_row([(figure, width / mm)])


def _chart_row(items: list[tuple[Figure, float]]) -> Table:
    from fupin_desktop.reports.figures import chart_row

    return chart_row([(figure, width * mm) for figure, width in items])


def _inches(width_mm: float, height_mm: float) -> tuple[float, float]:
    return width_mm / 25.4, height_mm / 25.4
