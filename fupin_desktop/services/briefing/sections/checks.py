"""数据核查: every data check run (`services.checks`) when this part is chosen — seconds on a large
register — and its open findings counted by rule and by village (those marked 已核实无误 are not
problems)."""

from __future__ import annotations

import threading

from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import Breakdown, BriefingData, CheckLine, CheckSummary
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sheets import count_column, sheet, text_column
from fupin_desktop.services.checks import CheckResult, run_checks
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.progress import Job, Progress


def job(src: Sources) -> Job[Fields]:
    return {"checks": (yield from check_summary_job(src.ctx, src.cancel))}


def check_summary_job(ctx: ServiceContext, cancel: threading.Event | None = None) -> Job[CheckSummary]:
    """Run every data check and summarise it for the pack."""
    yield Progress(0, 0, "数据核查")
    result = yield from run_checks(ctx, cancel)
    return summarize_checks(result)


def summarize_checks(result: CheckResult) -> CheckSummary:
    """The pack's counts from a `services.checks.CheckResult` (its open findings)."""
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


def printed(data: BriefingData) -> bool:
    return data.checks is not None


def sheets(data: BriefingData) -> list[Ledger]:
    if data.checks is None:
        return []
    columns = [
        text_column("核查规则", 30),
        text_column("级别", 8),
        count_column("问题条数"),
        count_column("涉及户数"),
    ]
    rows = [(r.label, r.severity, r.findings, r.households) for r in data.checks.rules]
    return [sheet(data, "数据核查", columns, rows)]
