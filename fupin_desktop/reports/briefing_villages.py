"""The 会议简报's part for the village cadres (各村情况和包村干部): per village, who answers for it — the
驻村第一书记 and the 监测联系人 of 区划 — beside its figures (在册, 监测对象, this period's 识别 and 消除,
open and overdue tasks, 未结对户), a 合计 row equal to the township's figures elsewhere in the pack,
and the villages that need attention named."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from fupin_desktop.domain.board import Tally
from fupin_desktop.reports.briefing_data import BriefingData, VillageLine
from fupin_desktop.reports.briefing_style import WIDTH, alerts, n, note, prose, total_row
from fupin_desktop.reports.kit import table

NAME_WIDTHS = (20 * mm, 17 * mm, 19 * mm)
FIGURES = 9


def villages_section(data: BriefingData, head: list[Flowable]) -> list[Flowable]:
    lines = data.villages
    out: list[Flowable] = [*head]
    if not lines:
        return [*out, prose("尚未登记村。")]
    attention = [text for text in map(_attention, lines) if text]
    summary = f"全{len(lines)}个村的驻村第一书记、监测联系人和各村主要指标如下。"
    if attention:
        summary += "需重点跟进：" + "；".join(attention) + "。"
    out += [
        prose(summary),
        village_cadre_table(lines, total_line(lines)),
        note(
            "口径：第一书记（驻村第一书记）、监测联系人为区划中登记的人员；在册农户、监测对象、"
            "本期新识别和风险消除、整改任务与前文同一口径（红灯即超期未销号），各村相加等于合计；"
            "未结对户为没有在结对的帮扶责任人的在册农户。"
        ),
    ]
    return out


def total_line(lines: tuple[VillageLine, ...]) -> VillageLine:
    return VillageLine(
        village="合计",
        secretary="",
        contact="",
        households=sum((v.households for v in lines), Tally()),
        monitored=sum(v.monitored for v in lines),
        not_eliminated=sum(v.not_eliminated for v in lines),
        identified=sum(v.identified for v in lines),
        eliminated=sum(v.eliminated for v in lines),
        tasks_open=sum(v.tasks_open for v in lines),
        tasks_red=sum(v.tasks_red for v in lines),
        unpaired=sum(v.unpaired for v in lines),
    )


def village_cadre_table(lines: tuple[VillageLine, ...], total: VillageLine) -> Table:
    top = [
        "村",
        "第一书记",
        "监测联系人",
        "在册农户",
        "",
        "监测对象",
        "",
        "本期",
        "",
        "整改任务",
        "",
        "未结对",
    ]
    bottom = ["", "", "", "户", "人", "户", "未消除", "新识别", "消除", "未销号", "红灯", "户"]
    rows: list[list[str]] = [top, bottom]
    for v in [*lines, total]:
        rows.append(
            [
                v.village,
                v.secretary,
                v.contact,
                n(v.households.households),
                n(v.households.people),
                n(v.monitored),
                n(v.not_eliminated),
                n(v.identified),
                n(v.eliminated),
                n(v.tasks_open),
                n(v.tasks_red),
                n(v.unpaired),
            ]
        )
    style = [
        *(("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2)),
        *(("SPAN", (c, 0), (c + 1, 0)) for c in (3, 5, 7, 9)),
        ("ALIGN", (3, 2), (-1, -1), "RIGHT"),
        *alerts(rows, [10, 11], 2),
        *total_row(rows),
    ]
    rest = (WIDTH - sum(NAME_WIDTHS)) / FIGURES
    return table(rows, [*NAME_WIDTHS, *([rest] * FIGURES)], header_rows=2, extra_style=style)


def _attention(v: VillageLine) -> str:
    parts = []
    if v.tasks_red:
        parts.append(f"红灯任务{n(v.tasks_red)}项")
    if v.unpaired:
        parts.append(f"未结对{n(v.unpaired)}户")
    if not parts:
        return ""
    return f"{v.village}（{'、'.join(parts)}）"
