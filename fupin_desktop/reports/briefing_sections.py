"""The 会议简报's parts on the register (DOMAIN §7): 基本情况, 本期动态, 风险类型和帮扶措施落实, 三保障和饮水安全.
Each builder takes the pack's data and its numbered heading and returns the part's flowables; the
table of parts is `services/briefing/sections`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from fupin_desktop.domain.board import BoardRow, Tally
from fupin_desktop.reports.briefing_data import BriefingData, ChangeRow
from fupin_desktop.reports.briefing_style import (
    WIDTH,
    alerts,
    chart,
    chart_row,
    even,
    inches,
    joined,
    n,
    note,
    pair,
    sub,
    tally,
    total_row,
)
from fupin_desktop.reports.kit import cn_date, para, percent, styles, table

if TYPE_CHECKING:
    from matplotlib.figure import Figure


# ------------------------------------------------------------------ 基本情况


def basics_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    b = data.basics
    m = b.monitored
    poor = next((t.tally for t in b.types if t.label == "脱贫户"), Tally())
    summary = (
        f"截至{cn_date(data.printed_on)}，全{_scope(data)}共有在册农户{tally(b.total)}，其中脱贫户{tally(poor)}。"
        f"纳入监测对象{tally(m.tally)}"
        + (f"（{'、'.join(f'{c.label}{tally(c.tally)}' for c in b.categories)}）" if b.categories else "")
        + f"；其中风险已消除{tally(m.eliminated)}，风险未消除{tally(m.not_eliminated)}。"
    )
    return [
        *head,
        para(summary, styles().prose),
        sub(1, "户类型和监测对象类别"),
        type_table(data),
        Spacer(1, 2 * mm),
        category_table(data),
        sub(2, "各村情况"),
        village_table(b.villages, b.village_total),
        Spacer(1, 3 * mm),
        chart(_village_chart(data), WIDTH),
    ]


def _scope(data: BriefingData) -> str:
    return "镇" if data.township.endswith("镇") else "乡" if data.township.endswith("乡") else "乡镇"


def type_table(data: BriefingData) -> Table:
    b = data.basics
    total = b.total.households or 1
    rows = [["户类型", "户数", "人数", "占在册户"]]
    rows += [
        [t.label, n(t.tally.households), n(t.tally.people), percent(t.tally.households / total)]
        for t in b.types
    ]
    rows.append(
        [
            "在册农户合计",
            n(b.total.households),
            n(b.total.people),
            percent(1.0 if b.total.households else 0),
        ]
    )
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), *total_row(rows)]
    return table(rows, even(44 * mm, 3), extra_style=style, keep_together=True)


def category_table(data: BriefingData) -> Table:
    b = data.basics
    top = ["监测对象类别", "合计", "", "风险已消除", "", "风险未消除", ""]
    bottom = ["", "户", "人", "户", "人", "户", "人"]
    rows = [top, bottom]
    for line in [*b.categories, b.monitored]:
        rows.append(
            [
                line.label,
                *(x for t in (line.tally, line.eliminated, line.not_eliminated) for x in pair(t)),
            ]
        )
    style = [
        ("SPAN", (0, 0), (0, 1)),
        *(("SPAN", (c, 0), (c + 1, 0)) for c in (1, 3, 5)),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        *total_row(rows),
    ]
    return table(rows, even(44 * mm, 6), header_rows=2, extra_style=style, keep_together=True)


def village_table(villages: Sequence[BoardRow], total: BoardRow) -> Table:
    top = ["村", "在册农户", "", "脱贫户", "监测对象", "", "风险已消除", "风险未消除", "未结对户"]
    bottom = ["", "户", "人", "户", "户", "人", "户", "户", "户"]
    rows: list[list[str]] = [top, bottom]
    for r in [*villages, total]:
        rows.append(
            [
                r.name,
                n(r.all.households),
                n(r.all.people),
                n(r.out_of_poverty.households),
                n(r.monitored.households),
                n(r.monitored.people),
                n(r.eliminated.households),
                n(r.not_eliminated.households),
                n(r.unpaired),
            ]
        )
    style = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (2, 0)),
        ("SPAN", (4, 0), (5, 0)),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        *alerts(rows, [8], 2),
        *total_row(rows),
    ]
    return table(rows, even(28 * mm, 8), header_rows=2, extra_style=style)


def _village_chart(data: BriefingData) -> Figure:
    from fupin_desktop.reports import charts  # matplotlib: when a pack is drawn, not at start-up

    bars = len(data.basics.chart.labels)
    height = min(max(35 + bars * 4.2, 60), 120)
    return charts.category_chart(data.basics.chart, "村", size=inches(WIDTH / mm, height))


# ------------------------------------------------------------------ 本期动态


def changes_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    c = data.changes
    period = f"{cn_date(c.since)}至{cn_date(c.until)}"
    facts = [f"新识别监测对象{tally(c.identified)}"]
    if c.identified_by_category:
        facts[-1] += f"（{joined(c.identified_by_category, '户')}）"
    facts.append(f"风险消除{tally(c.eliminated)}")
    if c.eliminated_by_method:
        facts[-1] += f"（{joined(c.eliminated_by_method, '户')}）"
    added = f"增加人口{n(c.members_added)}人"
    if c.members_added_in_new_households:
        added += f"（其中新建档农户{n(c.members_added_in_new_households)}人）"
    facts.append(added)
    removed = f"自然减少人口{n(c.members_removed)}人"
    if c.removed_by_reason:
        removed += f"（{joined(c.removed_by_reason, '人')}）"
    facts.append(removed)
    facts.append(f"新建档农户{tally(c.households_added)}")
    archived = f"归档减少农户{tally(c.households_archived)}"
    if c.archived_by_reason:
        archived += f"（{joined(c.archived_by_reason, '户')}）"
    facts.append(archived)
    net = c.net_people
    facts.append(f"人口净{'增加' if net >= 0 else '减少'}{n(abs(net))}人")
    month_note = ""
    if c.since.day != 1:
        month_note = f"识别、消除监测时间按月登记，自{c.since.year}年{c.since.month}月1日起计；"
    return [
        *head,
        para(f"{period}，" + "；".join(facts) + "。", styles().prose),
        sub(1, "各村变动"),
        change_table(c.villages, c.total),
        note(
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
                *pair(r.identified),
                *pair(r.eliminated),
                n(r.members_added),
                n(r.members_removed),
                n(r.households_added),
                n(r.households_archived),
            ]
        )
    style = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (2, 0)),
        ("SPAN", (3, 0), (4, 0)),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        *total_row(rows),
    ]
    return table(rows, even(28 * mm, 8), header_rows=2, extra_style=style)


# ------------------------------------------------------------------ 风险类型和帮扶措施落实


def risks_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    r = data.risks
    d = r.dev_support
    share = percent(d.done / d.households) if d.households else ""
    summary = f"在册监测对象{n(r.monitored)}户。风险未消除的{n(d.households)}户中，已实施开发式帮扶措施{n(d.done)}户"
    summary += f"（占{share}）" if share else ""
    summary += f"，尚未实施{n(d.not_yet)}户"
    summary += f"，未填{n(d.unknown)}户" if d.unknown else ""
    summary += f"；其中整户无劳动能力兜底保障{n(d.no_labour)}户。"
    if r.coverage.base:
        summary += f"监测对象中已落实帮扶措施{n(r.coverage.covered)}户（占{percent(r.coverage.covered / r.coverage.base)}）。"
    return [
        *head,
        para(summary, styles().prose),
        sub(1, "风险类型"),
        risk_table(data),
        sub(2, "帮扶措施落实"),
        coverage_table(data),
        Spacer(1, 3 * mm),
        chart_row(_risk_charts(data)),
    ]


def risk_table(data: BriefingData) -> Table:
    bars = data.risks.risks
    series = dict(bars.series)
    parts = [name for name, _ in bars.series]
    rows = [["风险类型", *(f"{p}（户）" for p in parts), "合计（户）"]]
    for i, label in enumerate(bars.labels):
        values = [series[p][i] for p in parts]
        rows.append([label, *(n(v) for v in values), n(sum(values))])
    if len(rows) == 1:
        rows.append(["没有登记风险类型的监测对象", *[""] * (len(parts) + 1)])
    note = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    return table(rows, even(60 * mm, len(parts) + 1), extra_style=note)


def coverage_table(data: BriefingData) -> Table:
    c = data.risks.coverage
    rows = [["帮扶措施类别", "落实户数", "占监测对象"]]
    rows += [
        [label, n(v), percent(v / c.base) if c.base else ""]
        for label, v in zip(c.labels, c.values, strict=True)
    ]
    rows.append(["已落实任一措施", n(c.covered), percent(c.covered / c.base) if c.base else ""])
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), *total_row(rows)]
    return table(rows, even(60 * mm, 2), extra_style=style, keep_together=True)


def _risk_charts(data: BriefingData) -> list[tuple[Figure, float]]:
    from fupin_desktop.reports import charts

    half = WIDTH / mm / 2
    height = min(max(40 + len(data.risks.risks.labels) * 6.5, 70), 110)
    return [
        (charts.risk_chart(data.risks.risks, size=inches(half, height)), half),
        (charts.coverage_chart(data.risks.coverage, size=inches(half, height)), half),
    ]


# ------------------------------------------------------------------ 三保障和饮水安全


def guarantees_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    g = data.guarantees
    h, s, m, w = g.housing, g.schooling, g.medical, g.water
    rows = [
        ["项目", "统计对象", "数量", "尚未保障", "情况"],
        [
            "住房安全",
            "C、D级危房户",
            n(h.dangerous),
            n(h.unsafe),
            f"已改造{n(h.renovated)}户，易地扶贫搬迁{n(h.relocated)}户，尚未保障{n(h.unsafe)}户",
        ],
        [
            "义务教育",
            "6至15岁在册人口",
            n(s.children),
            n(s.out_of_school),
            f"在校{n(s.in_school)}人，失学辍学{n(s.out_of_school)}人（已登记原因{n(s.with_reason)}人）",
        ],
        [
            "基本医疗",
            "在册人口",
            n(m.people),
            n(m.uninsured),
            f"城乡居民医保{n(m.resident)}人，城镇职工医保{n(m.employee)}人，未参保{n(m.uninsured)}人"
            + (f"，未填写{n(m.unknown)}人" if m.unknown else ""),
        ],
        [
            "饮水安全",
            "在册农户",
            n(w.households),
            n(w.unsafe),
            f"不达标{n(w.unsafe)}户"
            + (f"（{joined([b for b in w.by_indicator if b.count], '户')}不达标）" if w.unsafe else ""),
        ],
    ]
    widths = [20 * mm, 30 * mm, 18 * mm, 18 * mm]
    style = [("ALIGN", (2, 1), (3, -1), "RIGHT"), *alerts(rows, [3], 1)]
    summary = table(rows, [*widths, WIDTH - sum(widths)], extra_style=style, keep_together=True)
    return [
        *head,
        sub(1, "总体情况"),
        summary,
        sub(2, "各村尚未保障情况"),
        guarantee_village_table(data),
        note(
            "口径：住房为C、D级危房且未登记改造时间、未易地搬迁；义务教育按出生日期计算年龄，"
            "在校为登记了学龄前儿童以外的在校生状况；医疗为城乡居民、城镇职工基本医疗保险都不是“是”；"
            "饮水为水量、水质、取水方便程度、供水保证率任一项为“否”的农户。"
        ),
    ]


def guarantee_village_table(data: BriefingData) -> Table:
    g = data.guarantees
    rows = [["村", "住房未保障（户）", "失学辍学（人）", "未参保（人）", "饮水不达标（户）"]]
    for r in [*g.villages, g.total]:
        rows.append([r.village, n(r.unsafe_houses), n(r.out_of_school), n(r.uninsured), n(r.unsafe_water)])
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), *alerts(rows, [1, 2, 3, 4], 1), *total_row(rows)]
    return table(rows, even(28 * mm, 4), extra_style=style)
