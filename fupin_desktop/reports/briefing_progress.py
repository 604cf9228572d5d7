"""The 会议简报's parts on the work (DOMAIN §7): 整改进展 (with the overdue list), 数据核查, 月度趋势, and the
user's own 存在问题 and 下步工作 — numbered item by item the same way, whatever numbering was typed.
Each builder takes the pack's data and its numbered heading; the table of parts is
`services/briefing/sections`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from fupin_desktop.reports.briefing_data import BriefingData, TaskLine
from fupin_desktop.reports.briefing_style import (
    WIDTH,
    alerts,
    chart,
    even,
    inches,
    joined,
    n,
    note,
    own_styles,
    sub,
    sub_number,
    total_row,
)
from fupin_desktop.reports.kit import para, styles, table
from fupin_desktop.reports.warchart import ALERT

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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


# ------------------------------------------------------------------ 整改进展


def tasks_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    t = data.tasks
    total = t.total
    summary = f"整改任务共{n(total.total)}项，已销号{n(total.closed)}项，未销号{n(total.open)}项"
    if total.open:
        summary += f"（红灯即超期{n(total.red)}项、黄牌{n(total.yellow)}项、蓝签{n(total.blue)}项）"
    if t.supervised or t.escalated:
        summary += f"；未销号任务中上级督办{n(t.supervised)}项，多次延期升级{n(t.escalated)}项"
    summary += "。"
    statuses = [
        [b.label for b in t.statuses] + ["合计"],
        [n(b.count) for b in t.statuses] + [n(total.total)],
    ]
    status_table = table(
        statuses,
        [WIDTH / len(statuses[0])] * len(statuses[0]),
        extra_style=[("ALIGN", (0, 1), (-1, -1), "CENTER")],
    )
    out = [
        *head,
        para(summary, styles().prose),
        sub(1, "任务状态"),
        status_table,
        sub(2, "按问题类别"),
        task_category_table([*t.categories, t.total]),
    ]
    if total.open:
        out += [Spacer(1, 3 * mm), chart(_task_chart(data), WIDTH)]
    out.append(sub(3, f"超期未销号任务（红灯{n(total.red)}项）"))
    out += overdue_list(data)
    return out


def task_category_table(lines: Sequence[TaskLine]) -> Table:
    rows = [["问题类别", "任务", "已销号", "未销号", "红灯", "黄牌", "蓝签"]]
    rows += [[x.label, n(x.total), n(x.closed), n(x.open), n(x.red), n(x.yellow), n(x.blue)] for x in lines]
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), *alerts(rows, [4], 1), *total_row(rows)]
    return table(rows, even(48 * mm, 6), extra_style=style)


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
        out.append(note(f"共{n(t.total.red)}项超期，列出超期最久的{len(t.overdue)}项；全部任务见整改清单。"))
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
        bars, "未销号整改任务（项）", "没有未销号的任务", size=inches(WIDTH / mm, height)
    )


# ------------------------------------------------------------------ 数据核查


def checks_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    c = data.checks
    if c is None:  # not printed (sections.checks.printed); the heading keeps the contents' page mark
        return [*head]
    summary = f"对{n(c.households)}户在册农户进行数据核查，发现问题{n(c.findings)}条，涉及{n(c.households_with_findings)}户"
    found = [b for b in c.severities if b.count]
    summary += f"（{joined(found, '条')}）。" if found else "。"
    out = [*head, para(summary, styles().prose)]
    if c.rules:
        rows = [["核查规则", "级别", "问题条数", "涉及户数"]]
        rows += [[r.label, r.severity, n(r.findings), n(r.households)] for r in c.rules]
        style = [("ALIGN", (1, 1), (1, -1), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "RIGHT")]
        widths = [WIDTH - 66 * mm, 18 * mm, 24 * mm, 24 * mm]
        out += [sub(1, "按核查规则"), table(rows, widths, extra_style=style)]
    if c.villages:
        rows = [["村", "问题条数", "涉及户数"]]
        rows += [[v.label, n(v.findings), n(v.households)] for v in c.villages]
        style = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
        out += [sub(2, "按村"), table(rows, even(60 * mm, 2), extra_style=style)]
    return out


# ------------------------------------------------------------------ 月度趋势


def trend_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    trend = data.trend
    rows = [["月份", *TREND_HEADERS]]
    for point in trend.points:
        label = month_cn(point.month) + ("（当前）" if point.live else "")
        rows.append([label, *("" if point.values.get(k) is None else n(point.values[k]) for k in TREND_KEYS)])
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    missing = [p.month for p in trend.points if not p.live and all(v is None for v in p.values.values())]
    text = (
        "各月数据为当月保存的指标快照（每月首次启动程序时自动保存，也可在会议简报窗口中保存），即上月末的情况；"
        "带“当前”的一行为生成简报时的数据。"
    )
    if missing:
        text += f"空白的月份没有保存快照（{'、'.join(month_cn(m) for m in missing)}）。"
    ticks = month_ticks([p.month for p in trend.points])
    return [
        *head,
        sub(1, "趋势图"),
        chart(_trend_chart(data, MONITOR_LINES, "监测对象（户）", ticks)),
        Spacer(1, 2 * mm),
        chart(_trend_chart(data, PROBLEM_LINES, "需要处理的问题（户、项）", ticks)),
        sub(2, "各月主要指标"),
        table(rows, even(30 * mm, len(TREND_KEYS)), extra_style=style, keep_together=True),
        note(text),
    ]


def month_cn(key: str) -> str:
    """'2026-11' → 2026年11月"""
    return f"{key[:4]}年{int(key[5:])}月"


def month_ticks(keys: Sequence[str]) -> list[str]:
    """The trend axis's labels: 11月, with the year under the first month and under each January."""
    ticks = []
    for i, key in enumerate(keys):
        month = f"{int(key[5:])}月"
        ticks.append(f"{month}\n{key[:4]}年" if i == 0 or key[5:] == "01" else month)
    return ticks


def trend_span(keys: Sequence[str]) -> str:
    """What the axis covers: 2025年12月至2026年11月."""
    if not keys:
        return ""
    return month_cn(keys[0]) if len(keys) == 1 else f"{month_cn(keys[0])}至{month_cn(keys[-1])}"


def _trend_chart(data: BriefingData, keys: Sequence[str], title: str, ticks: Sequence[str]) -> Figure:
    from fupin_desktop.reports import charts

    lines = [(data.trend.labels.get(k, k), data.trend.series(k)) for k in keys]
    span = trend_span([p.month for p in data.trend.points])
    return charts.trend_chart(ticks, lines, title, size=inches(WIDTH / mm, 66), axis=span)


# ------------------------------------------------------------------ 存在问题, 下步工作

# what a clerk types before an item: 一是 / 一、 / （一） / (1) / 1. / 1、 / 1． / ① / 第一，
_TYPED_NUMBER = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十]+是[，,、：:]?"
    r"|第[一二三四五六七八九十]+[，,、：:]?"
    r"|[（(][一二三四五六七八九十\d]+[）)][、.．]?"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|\d+[、.．)）]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]"
    r")\s*"
)


def items(text: str) -> list[str]:
    """The user's text as items: one per line written, without the numbering typed before it."""
    return [_TYPED_NUMBER.sub("", line).strip() for line in text.splitlines() if line.strip()]


def numbered_items(text: str) -> list[Flowable]:
    """Each item numbered （一）, （二）, … — 存在问题 and 下步工作 alike."""
    style = own_styles()["item"]
    return [para(f"{sub_number(k)}{item}", style) for k, item in enumerate(items(text), start=1) if item]


def problems_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    return [*head, *numbered_items(data.problems)]


def next_steps_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    return [*head, *numbered_items(data.next_steps)]
