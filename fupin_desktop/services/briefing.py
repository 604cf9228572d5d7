"""会议简报 (DOMAIN §7): the meeting pack's data and the job that prints it (打印 → 会议简报…,
`fupin briefing`).

The pack is as of `ctx.today()`: 基本情况, 三保障 and the tasks are the register now; 本期动态 counts
the dated records between `since` and `until` (services/briefing_counts.py says what each count
counts); the trend is the saved monthly snapshots (services/snapshots.py) with this month's figures
computed now. 存在问题 and 下步工作 are the user's own text, kept in the settings for the next meeting.

数据核查 runs every check (`services.checks`) when that part is chosen; the pack itself takes the
counts as plain data (`CheckSummary`).
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from fupin_desktop.domain.board import BoardRow
from fupin_desktop.domain.tasks import STATUSES, Colour, TaskStatus
from fupin_desktop.errors import InputInvalid, UserError
from fupin_desktop.reports.briefing import PACK_SECTION, briefing_info, parts, printed_sections
from fupin_desktop.reports.briefing_data import (
    ALL_SECTIONS,
    DEFAULT_SECTIONS,
    Basics,
    Breakdown,
    BriefingData,
    Changes,
    CheckLine,
    CheckSummary,
    Headline,
    OverdueTask,
    Risks,
    Section,
    TaskLine,
    TaskProgress,
    Trend,
    TrendPoint,
    VillageLine,
)
from fupin_desktop.reports.kit import Document
from fupin_desktop.services import audit
from fupin_desktop.services.board import load_board, load_charts
from fupin_desktop.services.briefing_counts import (
    dev_support,
    household_types,
    load_changes,
    load_guarantees,
    monitor_categories,
    village_cadres,
)
from fupin_desktop.services.checks import CheckResult, run_checks
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.kpis import KPI_LABELS
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.settings import load_settings, write_settings
from fupin_desktop.services.snapshots import (
    Snapshot,
    current_kpis,
    load_snapshots,
    month_key,
    shift_month,
)
from fupin_desktop.services.tasks import TaskRow, list_tasks

TREND_MONTHS = 12
OVERDUE_SHOWN = 30  # the overdue list prints the most overdue; the count says how many there are


@dataclass(frozen=True, slots=True)
class BriefingOptions:
    """What the user chose. Empty title: the township's default; no dates: `default_period`; texts
    None: the ones saved in the settings."""

    title: str = ""
    since: date | None = None
    until: date | None = None
    sections: tuple[Section, ...] = DEFAULT_SECTIONS
    problems: str | None = None
    next_steps: str | None = None


@dataclass(frozen=True, slots=True)
class BriefingResult:
    path: Path
    pages: int
    sections: tuple[Section, ...] = field(default_factory=tuple)


def default_title(township: str) -> str:
    return f"{township}防返贫动态监测工作调度会"


def default_period(today: date) -> tuple[date, date]:
    """本期: from the first day of the previous month to today (a monthly meeting's period)."""
    previous = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return previous, today


def briefing_defaults(ctx: ServiceContext) -> BriefingOptions:
    """The dialog's starting values: the default title and period, and the texts kept from last time."""
    with ctx.sessions() as session:
        settings = load_settings(session)
    since, until = default_period(ctx.today())
    return BriefingOptions(
        title=default_title(settings.township),
        since=since,
        until=until,
        problems=settings.briefing_problems,
        next_steps=settings.briefing_next_steps,
    )


def save_texts(ctx: ServiceContext, problems: str, next_steps: str) -> bool:
    """Keep 存在问题 and 下步工作 for the next meeting; returns whether anything changed."""
    ctx.require(Permission.EDIT)
    with ctx.sessions.begin() as session:
        settings = load_settings(session)
        changed = write_settings(
            session, settings.with_changes(briefing_problems=problems, briefing_next_steps=next_steps)
        )
        if changed:
            audit.record(
                session,
                ctx.actor,
                action="修改",
                entity="setting",
                entity_id=None,
                summary="保存会议简报的" + "、".join(_TEXT_NAMES[k] for k in changed),
                before={k: v[0] for k, v in changed.items()},
                after={k: v[1] for k, v in changed.items()},
            )
    return bool(changed)


_TEXT_NAMES = {"briefing_problems": "存在问题", "briefing_next_steps": "下步工作"}


# ------------------------------------------------------------------ the data


def briefing_data_job(
    ctx: ServiceContext, options: BriefingOptions, cancel: threading.Event | None = None
) -> Job[BriefingData]:
    """Count everything the pack shows (the 数据核查 run only when its section is wanted)."""
    ctx.require(Permission.PRINT)
    today = ctx.today()
    since, until = _period(options, today)
    sections = tuple(s for s in ALL_SECTIONS if s in options.sections)
    if not sections:
        raise UserError("没有选择要打印的部分。请至少勾选一项（例如“基本情况”）。")
    yield Progress(0, 0, "统计基本情况")
    with ctx.sessions() as session:
        settings = load_settings(session)
        board = load_board(session, today=today)
        charts = load_charts(session, board, today)
        villages = [(r.area_id, r.name) for r in board.rows if r.area_id is not None]
        categories, monitored = monitor_categories(session)
        basics = Basics(
            total=board.total.all,
            types=household_types(session),
            categories=categories,
            monitored=monitored,
            villages=board.rows,
            village_total=board.total,
            chart=charts.categories,
        )
        check_cancel(cancel)
        yield Progress(0, 0, "统计本期动态")
        changes = load_changes(session, since, until, villages)
        risks = Risks(monitored.tally.households, charts.risks, charts.measures, dev_support(session))
        guarantees = load_guarantees(session, today, villages)
        check_cancel(cancel)
        yield Progress(0, 0, "统计月度趋势")
        trend = load_trend(session, today)
        last = latest_snapshot(session, today)
        cadres = village_cadres(session)
    check_cancel(cancel)
    yield Progress(0, 0, "统计整改进展")
    tasks = task_progress(list_tasks(ctx).rows)
    checks = (yield from check_summary_job(ctx, cancel)) if Section.CHECKS in sections else None
    title = (options.title or "").strip() or default_title(settings.township)
    data = BriefingData(
        title=title,
        township=settings.township,
        issuer=settings.county + settings.township,
        printed_on=today,
        sections=sections,
        headlines=(),
        basics=basics,
        changes=changes,
        risks=risks,
        guarantees=guarantees,
        tasks=tasks,
        trend=trend,
        villages=village_lines(board.rows, changes, cadres),
        compared_with=cn_day(last.taken_at.date()) if last is not None else "",
        checks=checks,
        problems=settings.briefing_problems if options.problems is None else options.problems,
        next_steps=settings.briefing_next_steps if options.next_steps is None else options.next_steps,
    )
    data = replace(data, headlines=headlines(data, last))
    if not printed_sections(data):
        raise InputInvalid(
            "所选的部分都没有内容可打印（存在问题、下步工作还没有填写）。请填写文字或勾选其他部分。"
        )
    return data


def briefing_job(
    ctx: ServiceContext, out: Path, options: BriefingOptions, cancel: threading.Event | None = None
) -> Job[BriefingResult]:
    """Count, then write the pack to `out` part by part (nothing is left under that name on error or
    取消)."""
    data = yield from briefing_data_job(ctx, options, cancel)
    sections = printed_sections(data)
    with Document(out, briefing_info(data)) as doc:
        doc.start_section(PACK_SECTION)
        for n, (section, flowables) in enumerate(parts(data)):
            yield Progress(n, len(sections), f"排版：{section.title}")
            check_cancel(cancel)
            doc.add(flowables)
        yield Progress(len(sections), len(sections), "保存文件")
    return BriefingResult(out, doc.pages, sections)


# ------------------------------------------------------------------ 数据核查


def check_summary_job(ctx: ServiceContext, cancel: threading.Event | None = None) -> Job[CheckSummary]:
    """Run every data check and summarise it for the pack."""
    yield Progress(0, 0, "数据核查")
    result = yield from run_checks(ctx, cancel)
    return summarize_checks(result)


def summarize_checks(result: CheckResult) -> CheckSummary:
    """The pack's counts from a `services.checks.CheckResult` (its open findings; those marked
    已核实无误 are not problems)."""
    findings = result.findings
    villages = sorted(result.by_village(), key=lambda g: (-g.findings, g.label))
    return CheckSummary(
        households=result.households,
        findings=len(findings),
        households_with_findings=len({f.household_id for f in findings if f.household_id is not None}),
        severities=tuple(Breakdown(str(k), n) for k, n in result.severity_counts().items()),
        rules=tuple(CheckLine(g.label, g.findings, g.households, str(g.severity)) for g in result.by_rule()),
        villages=tuple(CheckLine(g.label, g.findings, g.households) for g in villages),
    )


def _period(options: BriefingOptions, today: date) -> tuple[date, date]:
    default_since, default_until = default_period(today)
    since, until = options.since or default_since, options.until or default_until
    if until > today:
        raise UserError(f"统计截止日期（{until:%Y-%m-%d}）晚于今天，请选择今天或以前的日期。")
    if since > until:
        raise UserError(f"统计起始日期（{since:%Y-%m-%d}）晚于截止日期（{until:%Y-%m-%d}），请调整。")
    return since, until


def load_trend(session: Session, today: date, months: int = TREND_MONTHS) -> Trend:
    """Every month from the oldest saved snapshot of the last `months` to this one (months without a
    snapshot have no values); this month is computed now."""
    this_month = month_key(today)
    saved = {s.month: s for s in load_snapshots(session, this_month, months)}
    first = min(saved, default=this_month)
    keys: list[str] = []
    month = first
    while month < this_month:
        keys.append(month)
        month = shift_month(month, 1)
    points = [TrendPoint(m, {k: saved[m].get(k) if m in saved else None for k in KPI_LABELS}) for m in keys]
    live = current_kpis(session, today)
    points.append(TrendPoint(this_month, {k: live.get(k) for k in KPI_LABELS}, live=True))
    return Trend(tuple(points), dict(KPI_LABELS))


def task_progress(rows: Sequence[TaskRow], shown: int = OVERDUE_SHOWN) -> TaskProgress:
    """Tasks by status, and by 问题类别 with the open ones' colours; the 红灯 ones listed."""
    statuses = Counter(r.status for r in rows)
    by_category: dict[str, list[TaskRow]] = defaultdict(list)
    for r in rows:
        by_category[r.category].append(r)
    lines = sorted(
        (_task_line(c, rs) for c, rs in by_category.items()), key=lambda t: (-t.open, -t.total, t.label)
    )
    open_rows = [r for r in rows if r.status is not TaskStatus.CLOSED]
    red = sorted((r for r in open_rows if r.colour is Colour.RED), key=lambda r: (r.days_left or 0, r.seq))
    return TaskProgress(
        statuses=tuple(Breakdown(s.value, statuses.get(s, 0)) for s in STATUSES),
        categories=tuple(lines),
        total=_task_line("合计", rows),
        supervised=sum(1 for r in open_rows if r.warning.supervised),
        escalated=sum(1 for r in open_rows if r.warning.escalated),
        overdue=tuple(_overdue(r) for r in red[:shown]),
    )


def _task_line(label: str, rows: Sequence[TaskRow]) -> TaskLine:
    colours = Counter(r.colour for r in rows)
    return TaskLine(
        label=label,
        total=len(rows),
        closed=sum(1 for r in rows if r.status is TaskStatus.CLOSED),
        red=colours.get(Colour.RED, 0),
        yellow=colours.get(Colour.YELLOW, 0),
        blue=colours.get(Colour.BLUE, 0),
    )


def _overdue(r: TaskRow) -> OverdueTask:
    who = "　".join(part for part in (r.unit, r.person) if part)
    return OverdueTask(
        seq=r.seq,
        description=r.description,
        scope=r.scope,
        unit=who,
        deadline=r.deadline,
        days_over=-(r.days_left or 0),
        status=r.status.value,
        marks="、".join(r.warning.marks),
    )


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
    ]
    if data.checks is not None:
        errors = next((b.count for b in data.checks.severities if b.label == "错误"), 0)
        out.append(
            Headline(
                "数据核查问题",
                f"{data.checks.findings:,}条",
                f"其中错误{errors}条",
                alert=errors > 0,
                part=Section.CHECKS,
            )
        )
    else:
        unpaired = basics.village_total.unpaired
        out.append(
            Headline(
                "未结对户",
                f"{unpaired:,}户",
                "尚无帮扶责任人",
                alert=unpaired > 0,
                change=since("unpaired", unpaired, "户"),
            )
        )
    return tuple(out)


ChangeText = Callable[..., str]


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


def latest_snapshot(session: Session, today: date) -> Snapshot | None:
    """The last monthly snapshot saved up to this month (this month's, taken at its start, when there)."""
    saved = load_snapshots(session, month_key(today), TREND_MONTHS)
    return saved[-1] if saved else None


def cn_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def village_lines(
    rows: Sequence[BoardRow], changes: Changes, cadres: dict[int, tuple[str, str]]
) -> tuple[VillageLine, ...]:
    """各村情况和包村干部: each village of the board with its cadres and its rows of 本期动态."""
    period = {c.village: c for c in changes.villages}
    out = []
    for r in rows:
        if r.area_id is None:
            continue
        secretary, contact = cadres.get(r.area_id, ("", ""))
        moved = period.get(r.name)
        out.append(
            VillageLine(
                village=r.name,
                secretary=secretary,
                contact=contact,
                households=r.all,
                monitored=r.monitored.households,
                not_eliminated=r.not_eliminated.households,
                identified=moved.identified.households if moved else 0,
                eliminated=moved.eliminated.households if moved else 0,
                tasks_open=r.tasks_open,
                tasks_red=r.open_tasks.get(Colour.RED, 0),
                unpaired=r.unpaired,
            )
        )
    return tuple(out)


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
