"""报头和主要指标: the figures under the masthead — the register, 监测对象, this period, the tasks, the
checks — with the standing figures' change since the last saved monthly snapshot. Counted last: it
sums up the other sections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fupin_desktop.reports.briefing_data import Basics, BriefingData, Headline, Section
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sections.trend import latest_snapshot
from fupin_desktop.services.briefing.snapshots import Snapshot

ChangeText = Callable[..., str]


def load(src: Sources) -> Fields:
    last = latest_snapshot(src.session, src.today)
    return {
        "headlines": headlines(src.draft(), last),
        "compared_with": cn_day(last.taken_at.date()) if last is not None else "",
    }


def headlines(data: BriefingData, last: Snapshot | None = None) -> tuple[Headline, ...]:
    """The figures under the masthead: the register, 监测对象, this period, the tasks, the checks; the
    standing figures with their change since the `last` saved monthly snapshot."""
    basics, changes, tasks = data.basics, data.changes, data.tasks
    monitored = basics.monitored
    since = _since(last)
    out = [
        Headline(
            "在册农户",
            f"{basics.total.households:,}户",
            f"{basics.total.people:,}人",
            change=since("households", basics.total.households, "户", ("members", basics.total.people, "人")),
        ),
        _type_headline(basics, since),
        Headline(
            "监测对象",
            f"{monitored.tally.households:,}户",
            f"{monitored.tally.people:,}人",
            change=since("monitored", monitored.tally.households, "户"),
        ),
        Headline(
            "风险未消除",
            f"{monitored.not_eliminated.households:,}户",
            f"{monitored.not_eliminated.people:,}人",
            change=since("not_eliminated", monitored.not_eliminated.households, "户"),
        ),
        Headline("本期新识别", f"{changes.identified.households:,}户", f"{changes.identified.people:,}人"),
        Headline("本期风险消除", f"{changes.eliminated.households:,}户", f"{changes.eliminated.people:,}人"),
        Headline(
            "整改未销号",
            f"{tasks.total.open:,}项",
            f"其中红灯{tasks.total.red}项",
            alert=tasks.total.red > 0,
            change=since("tasks_open", tasks.total.open, "项"),
        ),
        _last_headline(data, since),
    ]
    return tuple(out)


def _last_headline(data: BriefingData, since: ChangeText) -> Headline:
    """数据核查问题 when the checks were run, else 未结对户."""
    if data.checks is not None:
        errors = next((b.count for b in data.checks.severities if b.label == "错误"), 0)
        return Headline(
            "数据核查问题",
            f"{data.checks.findings:,}条",
            f"其中错误{errors}条",
            alert=errors > 0,
            part=Section.CHECKS,
        )
    unpaired = data.basics.village_total.unpaired
    return Headline(
        "未结对户",
        f"{unpaired:,}户",
        "尚无帮扶责任人",
        alert=unpaired > 0,
        change=since("unpaired", unpaired, "户"),
    )


def _since(last: Snapshot | None) -> ChangeText:
    """A function giving the change of a KPI since `last`: 较11月1日增加3户、2人 / 与11月1日持平 / ""."""

    def change(key: str, now: int, unit: str, also: tuple[str, int, str] | None = None) -> str:
        if last is None or last.get(key) is None:
            return ""
        deltas = [(now - int(last.get(key) or 0), unit)]
        if also is not None and last.get(also[0]) is not None:
            deltas.append((also[1] - int(last.get(also[0]) or 0), also[2]))
        day = f"{last.taken_at.month}月{last.taken_at.day}日"
        if all(d == 0 for d, _ in deltas):
            return f"与{day}持平"
        return f"较{day}" + "、".join(_delta(d, u) for d, u in deltas if d)

    return change


def _delta(d: int, unit: str) -> str:
    return f"增加{d:,}{unit}" if d > 0 else f"减少{-d:,}{unit}"


def cn_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _type_headline(basics: Basics, since: ChangeText) -> Headline:
    poor = next((t.tally for t in basics.types if t.label == "脱贫户"), None)
    if poor is None:
        return Headline("脱贫户", "0户", "0人")
    return Headline(
        "脱贫户",
        f"{poor.households:,}户",
        f"{poor.people:,}人",
        change=since("out_of_poverty", poor.households, "户"),
    )
