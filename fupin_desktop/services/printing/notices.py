"""公示名单: which households a village's notice lists, and the job that writes it.

Who is listed (households on the register of the village, 村/组/户编号 order):
- 识别: 监测对象 (a 监测对象类别 is set) whose 识别监测时间 falls in the period;
- 消除: households marked 风险已消除 whose 消除监测时间 falls in the period.
Both times are kept by month, so the period is compared by month: by default the last three months
including the current one (`default_period`). The 公示 period starts on the posting day (default: today)
and lasts `Settings.notice_days` days (DOMAIN §4: at least 5).

What a public notice may show (DOMAIN §7): no digit of an ID number and only the risks of
`codes.PUBLIC_RISKS`, unless the county asks for more (`Settings.notice_id_tail`: the 户主's last four;
`Settings.notice_all_risks`: every risk, 因病、因残 too). Each printing is written to the audit log.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household
from fupin_desktop.domain.codes import public_risks
from fupin_desktop.domain.notices import PERIOD_MONTHS
from fupin_desktop.domain.records import HouseholdRecord
from fupin_desktop.errors import InputInvalid, NotFound
from fupin_desktop.reports.kit import month_span
from fupin_desktop.reports.notice import NoticeData, NoticeKind, NoticeRow, write_notice
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.printing.cards import PrintResult, find_village, ordered_ids
from fupin_desktop.services.printing.print_log import record_printed
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import VillageRow, load_households, load_settings, village_contacts
from fupin_desktop.settings import Settings


def month_start(day: date) -> date:
    return day.replace(day=1)


def default_period(today: date) -> tuple[date, date]:
    """The last three months including the current one: (first day of the earliest, today)."""
    year, month = divmod(today.year * 12 + today.month - 1 - (PERIOD_MONTHS - 1), 12)
    return date(year, month + 1, 1), today


def disclosure_note(settings: Settings) -> str:
    """What the notice prints of ID numbers and risks under `settings`, in one sentence."""
    ids = "印户主身份证号后四位" if settings.notice_id_tail else "不印身份证号"
    risks = (
        "列出全部风险类型（含因病、因残）"
        if settings.notice_all_risks
        else "风险类型只列可以公开的（不列因病、因残）"
    )
    county = "按县里要求" if settings.notice_id_tail or settings.notice_all_risks else ""
    return f"{county}{ids}，{risks}。"


def notice_data(
    ctx: ServiceContext,
    village: str,
    kind: NoticeKind,
    *,
    since: date | None = None,
    until: date | None = None,
    posted_on: date | None = None,
) -> NoticeData:
    """The notice for `village`; NotFound when nobody qualifies in the period."""
    ctx.require(Permission.PRINT)
    today = ctx.today()
    default_since, default_until = default_period(today)
    since, until = since or default_since, until or default_until
    if since > until:
        raise InputInvalid(f"开始日期 {since} 晚于结束日期 {until}，请检查公示名单的时间范围。")
    posted_on = posted_on or today
    with ctx.sessions() as session:
        settings = load_settings(session)
        row = find_village(session, village)
        records = load_households(session, _qualifying(session, row, kind, since, until))
    if not records:
        what = "识别为监测对象" if kind is NoticeKind.IDENTIFY else "标注风险消除"
        raise NotFound(
            f"{row.name}在{month_span(since, until)}没有{what}的农户，未生成公示名单。可以换一个时间范围。"
        )
    return NoticeData(
        kind=kind,
        place=(settings.county or "") + (row.township or settings.township),
        village=row.name,
        since=since,
        until=until,
        posted_from=posted_on,
        posted_to=posted_on + timedelta(days=max(settings.notice_days, 1) - 1),
        printed_on=today,
        rows=tuple(_row(r, kind, settings) for r in records),
        supervision=tuple(settings.supervision_phones),
        contacts=village_contacts(row.contacts),
        id_tail=settings.notice_id_tail,
        all_risks=settings.notice_all_risks,
    )


def notice_job(
    ctx: ServiceContext,
    village: str,
    kind: NoticeKind,
    out: Path,
    *,
    since: date | None = None,
    until: date | None = None,
    posted_on: date | None = None,
    cancel: threading.Event | None = None,
) -> Job[PrintResult]:
    """Write the 公示名单 of `village` to `out`, and the printing to the audit log."""
    yield Progress(0, 2, "查找公示对象")
    notice = notice_data(ctx, village, kind, since=since, until=until, posted_on=posted_on)
    check_cancel(cancel)
    yield Progress(1, 2, "生成公示名单")
    pages = write_notice(out, notice)
    shown = [
        what for what, on in (("身份证号后四位", notice.id_tail), ("全部风险类型", notice.all_risks)) if on
    ]
    record_printed(
        ctx,
        f"{kind.label}公示名单",
        [notice.village] * len(notice.rows),
        pages=pages,
        detail=f"公示期{notice.posted_from:%Y-%m-%d}至{notice.posted_to:%Y-%m-%d}"
        + (f"，按县里要求印了{'和'.join(shown)}" if shown else ""),
    )
    return PrintResult(out, len(notice.rows), pages)


def _qualifying(
    session: Session, village: VillageRow, kind: NoticeKind, since: date, until: date
) -> list[int]:
    moment = Household.identified_on if kind is NoticeKind.IDENTIFY else Household.eliminated_on
    query = select(Household.id).where(
        Household.village_id == village.id,
        Household.archived.is_(False),
        moment >= month_start(since),
        moment <= until,
    )
    if kind is NoticeKind.IDENTIFY:
        query = query.where(Household.monitor_category.is_not(None))
    else:
        query = query.where(Household.risk_eliminated.is_(True))
    return ordered_ids(session, session.scalars(query).all())


def _row(record: HouseholdRecord, kind: NoticeKind, settings: Settings) -> NoticeRow:
    identify = kind is NoticeKind.IDENTIFY
    income = record.latest_income
    number = record.head.id_number if record.head else ""
    return NoticeRow(
        group=record.group or "",
        head=record.head_name or "（未设户主）",
        people=len(record.active_members),
        category=record.monitor_category or "",
        reason="、".join(public_risks(record.risks, all_risks=settings.notice_all_risks))
        if identify
        else (record.elimination_method or ""),
        month=record.identified_on if identify else record.eliminated_on,
        per_capita=None if identify or income is None else income.per_capita,
        id_tail=(number or "")[-4:] if settings.notice_id_tail else "",
    )
