"""会议简报's KPI tables in Excel (会议简报 → 导出指标表): one sheet per table of the pack, the same
counts, so the office can paste them into its own report. Counts only: no names, no ID numbers."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fupin_desktop.errors import UserError
from fupin_desktop.excel.layout import Column, Kind, Ledger
from fupin_desktop.reports.briefing_data import BriefingData, Section
from fupin_desktop.reports.briefing_villages import total_line
from fupin_desktop.services import audit
from fupin_desktop.services.briefing import BriefingOptions, briefing_data_job
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.excel_steps import write_ledgers
from fupin_desktop.services.progress import Job, Progress


@dataclass(frozen=True, slots=True)
class KpiExportResult:
    path: Path
    sheets: int


def _text(header: str, width: float = 16) -> Column:
    return Column(header, header, Kind.TEXT, width=width)


def _count(header: str) -> Column:
    return Column(header, header, Kind.INTEGER, width=max(8, len(header) * 2 + 1))


def _sheet(data: BriefingData, name: str, columns: Sequence[Column], rows: list[tuple]) -> Ledger:
    title = f"{data.title}：{name}　截至 {data.printed_on:%Y-%m-%d}"
    return Ledger(name, title, tuple(columns), rows, len(rows))


def kpi_ledgers(data: BriefingData) -> list[Ledger]:
    """The pack's tables of the sections chosen, as ledgers (sheet name, title, columns, rows)."""
    out: list[Ledger] = []
    b = data.basics
    if Section.BASICS in data.sections:
        out.append(
            _sheet(
                data,
                "户类型",
                [_text("户类型"), _count("户数"), _count("人数")],
                [
                    *((t.label, t.tally.households, t.tally.people) for t in b.types),
                    ("在册农户合计", b.total.households, b.total.people),
                ],
            )
        )
        out.append(
            _sheet(
                data,
                "监测对象类别",
                [
                    _text("监测对象类别"),
                    *map(_count, ("户数", "人数", "已消除户", "已消除人", "未消除户", "未消除人")),
                ],
                [
                    (
                        c.label,
                        c.tally.households,
                        c.tally.people,
                        c.eliminated.households,
                        c.eliminated.people,
                        c.not_eliminated.households,
                        c.not_eliminated.people,
                    )
                    for c in [*b.categories, b.monitored]
                ],
            )
        )
        out.append(
            _sheet(
                data,
                "各村情况",
                [
                    _text("村", 12),
                    *map(
                        _count, ("户数", "人数", "脱贫户", "监测对象户", "监测对象人", "已消除户", "未消除户")
                    ),
                    _count("未结对户"),
                ],
                [
                    (
                        r.name,
                        r.all.households,
                        r.all.people,
                        r.out_of_poverty.households,
                        r.monitored.households,
                        r.monitored.people,
                        r.eliminated.households,
                        r.not_eliminated.households,
                        r.unpaired,
                    )
                    for r in [*b.villages, b.village_total]
                ],
            )
        )
    if Section.CHANGES in data.sections:
        c = data.changes
        out.append(
            _sheet(
                data,
                "本期动态",
                [
                    _text("村", 12),
                    *map(
                        _count, ("新识别户", "新识别人", "风险消除户", "风险消除人", "增加人口", "自然减少")
                    ),
                    *map(_count, ("新建档户", "归档户")),
                ],
                [
                    (
                        r.village,
                        r.identified.households,
                        r.identified.people,
                        r.eliminated.households,
                        r.eliminated.people,
                        r.members_added,
                        r.members_removed,
                        r.households_added,
                        r.households_archived,
                    )
                    for r in [*c.villages, c.total]
                ],
            )
        )
    if Section.RISKS in data.sections:
        bars = data.risks.risks
        parts = [name for name, _ in bars.series]
        out.append(
            _sheet(
                data,
                "风险类型",
                [_text("风险类型"), *map(_count, parts)],
                [(label, *(values[i] for _, values in bars.series)) for i, label in enumerate(bars.labels)],
            )
        )
        cov = data.risks.coverage
        out.append(
            _sheet(
                data,
                "帮扶措施落实",
                [_text("帮扶措施类别"), _count("落实户数"), _count("监测对象户数")],
                [
                    *((label, v, cov.base) for label, v in zip(cov.labels, cov.values, strict=True)),
                    ("已落实任一措施", cov.covered, cov.base),
                ],
            )
        )
    if Section.GUARANTEES in data.sections:
        g = data.guarantees
        out.append(
            _sheet(
                data,
                "三保障和饮水",
                [_text("村", 12), *map(_count, ("住房未保障户", "失学辍学人", "未参保人", "饮水不达标户"))],
                [
                    (r.village, r.unsafe_houses, r.out_of_school, r.uninsured, r.unsafe_water)
                    for r in [*g.villages, g.total]
                ],
            )
        )
    if Section.TASKS in data.sections:
        t = data.tasks
        out.append(
            _sheet(
                data,
                "整改进展",
                [_text("问题类别"), *map(_count, ("任务", "已销号", "未销号", "红灯", "黄牌", "蓝签"))],
                [
                    (x.label, x.total, x.closed, x.open, x.red, x.yellow, x.blue)
                    for x in [*t.categories, t.total]
                ],
            )
        )
    if Section.VILLAGES in data.sections:
        heads = (
            "在册户",
            "在册人",
            "监测对象户",
            "未消除户",
            "本期新识别户",
            "本期消除户",
            "整改未销号",
            "红灯",
        )
        out.append(
            _sheet(
                data,
                "各村主要指标",  # counts only: the cadres' names stay in the printed pack
                [_text("村", 12), *map(_count, (*heads, "未结对户"))],
                [
                    (
                        v.village,
                        v.households.households,
                        v.households.people,
                        v.monitored,
                        v.not_eliminated,
                        v.identified,
                        v.eliminated,
                        v.tasks_open,
                        v.tasks_red,
                        v.unpaired,
                    )
                    for v in (*data.villages, total_line(data.villages))
                ],
            )
        )
    if Section.CHECKS in data.sections and data.checks is not None:
        out.append(
            _sheet(
                data,
                "数据核查",
                [_text("核查规则", 30), _text("级别", 8), _count("问题条数"), _count("涉及户数")],
                [(r.label, r.severity, r.findings, r.households) for r in data.checks.rules],
            )
        )
    if Section.TREND in data.sections:
        keys = list(data.trend.labels)
        out.append(
            _sheet(
                data,
                "月度趋势",
                [_text("月份", 10), *(_count(data.trend.labels[k]) for k in keys)],
                [(p.month, *(p.values.get(k) for k in keys)) for p in data.trend.points],
            )
        )
    return out


def export_kpis_job(
    ctx: ServiceContext, out: Path, options: BriefingOptions, cancel: threading.Event | None = None
) -> Job[KpiExportResult]:
    """Count as the pack does and write its tables to `out` (renamed into place only when complete)."""
    ctx.require(Permission.EXPORT)
    data = yield from briefing_data_job(ctx, options, cancel)
    ledgers = kpi_ledgers(data)
    if not ledgers:
        raise UserError("所选的部分没有指标表（存在问题、下步工作是文字）。请勾选基本情况等部分后再导出。")
    yield Progress(0, 0, "写入 Excel")
    yield from write_ledgers(out, ledgers, cancel)
    with ctx.sessions.begin() as session:
        audit.record(
            session,
            ctx.actor,
            action="导出",
            entity="export",
            entity_id="briefing",
            summary=f"导出会议简报指标表 {len(ledgers)} 张到 {out.name}",
        )
    return KpiExportResult(out, len(ledgers))
