"""会议简报's KPI tables in Excel (会议简报 → 导出指标表): one sheet per table of the pack, the same
counts, so the office can paste them into its own report. Counts only: no names, no ID numbers. Each
section's sheets are its entry in the table of sections (services/briefing/sections)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from fupin_desktop.errors import UserError
from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import BriefingData
from fupin_desktop.services import audit
from fupin_desktop.services.briefing.pack import BriefingOptions, briefing_data_job
from fupin_desktop.services.briefing.sections import PARTS
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.excel_steps import write_ledgers
from fupin_desktop.services.progress import Job, Progress


@dataclass(frozen=True, slots=True)
class KpiExportResult:
    path: Path
    sheets: int


def kpi_ledgers(data: BriefingData) -> list[Ledger]:
    """The tables of the sections chosen, in print order, as ledgers (sheet name, title, columns, rows)."""
    return [ledger for part in PARTS if part.key in data.sections for ledger in part.sheets(data)]


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
