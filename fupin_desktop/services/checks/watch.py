"""监测预警: the households to watch and visit (`domain.watch`), and the 帮扶走访名单 per helper.

`watch_job(ctx)` goes through every household on the register (progress, 取消) and returns those with a
reason to be visited, with their current helper and last visit. `visit_list_job` prints any of those
entries as one sheet per helper (`reports.visits`), and writes the printing to the audit log.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fupin_desktop.domain.watch import HouseholdWatch, WatchContext, WatchEntry, WatchGroup
from fupin_desktop.errors import NotFound
from fupin_desktop.reports.kit import A4_LANDSCAPE, Document
from fupin_desktop.reports.visits import (
    UNPAIRED,
    VisitRow,
    VisitSheet,
    add_block,
    add_sheet,
    start_compact,
    visit_info,
)
from fupin_desktop.services.checks.run import CheckResult, check_database, register_order
from fupin_desktop.services.checks.scan import scan_households
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.printing import PrintResult, record_printed
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import load_settings
from fupin_desktop.settings import Settings

STAGE = "监测预警"


@dataclass(frozen=True, slots=True)
class WatchList:
    entries: tuple[WatchEntry, ...]  # in village / group / 户编号 order
    households: int  # households looked at

    def group_counts(self) -> dict[WatchGroup, int]:
        """Households per group (a household may be in several), every group listed."""
        found = Counter(g for e in self.entries for g in e.groups)
        return {g: found[g] for g in WatchGroup}


def watch_context(settings: Settings, today: date) -> WatchContext:
    return WatchContext(
        today=today,
        watch_margin_percent=settings.watch_margin_percent,
        income_drop_percent=settings.income_drop_percent,
        self_paid_limit=settings.self_paid_limit,
        unstable_wage_share_percent=settings.unstable_wage_share_percent,
        short_work_months=settings.short_work_months,
    )


def watch_job(ctx: ServiceContext, cancel: threading.Event | None = None) -> Job[WatchList]:
    """Every household on the register with a reason to be visited."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        order = register_order(session)
        watch = HouseholdWatch(watch_context(load_settings(session), ctx.today()))
        entries = yield from scan_households(session, sorted(order), cancel, STAGE, watch)
    return _watch_list(entries, order)


def check_and_watch_job(
    ctx: ServiceContext, cancel: threading.Event | None = None
) -> Job[tuple[CheckResult, WatchList]]:
    """数据核查 and 监测预警 in one pass over the database (the 数据核查 tab shows both)."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        watch = HouseholdWatch(watch_context(load_settings(session), ctx.today()))
        result, entries = yield from check_database(session, ctx.today(), cancel, extra=watch)
    return result, _watch_list([e for e in entries if isinstance(e, WatchEntry)], result.order)


def _watch_list(entries: list[WatchEntry], order: dict[int, int]) -> WatchList:
    entries.sort(key=lambda e: order.get(e.household_id, 0))
    return WatchList(tuple(entries), len(order))


# ---------------------------------------------------------------- 帮扶走访名单


def visit_sheets(entries: Sequence[WatchEntry], place: str = "") -> tuple[VisitSheet, ...]:
    """One sheet per helper (by village, name and unit), households in the order given; 未结对 last.
    Addresses lose the leading `place` (县乡镇), which heads every page anyway."""
    by_helper: dict[int | None, list[WatchEntry]] = defaultdict(list)
    for e in entries:
        by_helper[e.helper_id].append(e)
    paired = sorted((k for k in by_helper if k is not None), key=lambda k: _helper_key(by_helper[k][0]))
    sheets = [_sheet(by_helper[k], place) for k in paired]
    if None in by_helper:
        sheets.append(_sheet(by_helper[None], place, unpaired=True))
    return tuple(sheets)


def _helper_key(entry: WatchEntry) -> tuple[str, str, str]:
    return (entry.village, entry.helper, entry.helper_unit)


def _sheet(entries: list[WatchEntry], place: str, *, unpaired: bool = False) -> VisitSheet:
    first = entries[0]
    rows = tuple(
        VisitRow(
            e.head,
            e.place,
            e.address.removeprefix(place) if place else e.address,
            e.phone,
            e.category,
            e.reason_text,
            e.last_visit,
        )
        for e in entries
    )
    if unpaired:
        return VisitSheet(UNPAIRED, "", "", rows)
    return VisitSheet(first.helper, first.helper_unit, first.helper_phone, rows)


def visit_list_job(
    ctx: ServiceContext,
    out: Path,
    entries: Sequence[WatchEntry] | None = None,
    *,
    separate_pages: bool = False,
    cancel: threading.Event | None = None,
) -> Job[PrintResult]:
    """Print the 帮扶走访名单 of `entries` (default: the whole watch list) to `out`: the helpers' lists
    one after another to cut apart, or each on its own page with `separate_pages`."""
    ctx.require(Permission.PRINT)
    if entries is None:
        entries = (yield from watch_job(ctx, cancel)).entries
    if not entries:
        raise NotFound("没有需要走访的农户，未生成走访名单。")
    with ctx.sessions() as session:
        settings = load_settings(session)
    place = f"{settings.county}{settings.township}"
    sheets = visit_sheets(entries, place)
    # Written sheet by sheet so that 取消 stops it; a cancelled document leaves no file.
    with Document(out, visit_info(place, ctx.today()), A4_LANDSCAPE) as doc:
        if not separate_pages:
            start_compact(doc)
        for n, sheet in enumerate(sheets):
            check_cancel(cancel)
            yield Progress(n, len(sheets), "生成走访名单")
            (add_sheet if separate_pages else add_block)(doc, sheet)
    helpers = sum(1 for sheet in sheets if sheet.helper != UNPAIRED)
    villages = [e.village for e in entries]
    record_printed(ctx, "帮扶走访名单", villages, pages=doc.pages, detail=f"{helpers}名帮扶责任人")
    return PrintResult(out, len(entries), doc.pages)
