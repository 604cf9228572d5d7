"""会议简报 (DOMAIN §7): the meeting pack's options, the job that counts it and the job that prints it
(打印 → 会议简报…, `fupin briefing`).

The pack is as of `ctx.today()`: 基本情况, 三保障 and the tasks are the register now; 本期动态 counts
the dated records between `since` and `until`; the trend is the saved monthly snapshots
(services/briefing/snapshots.py) with this month's figures computed now. 存在问题 and 下步工作 are the
user's own text, kept in the settings for the next meeting. What each section counts, and how it is
printed, is its entry in the table of sections (services/briefing/sections).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from reportlab.platypus import Flowable

from fupin_desktop.errors import InputInvalid, UserError
from fupin_desktop.reports.briefing import (
    PACK_SECTION,
    Contents,
    briefing_info,
    contents,
    cover_page,
    numbered_part,
)
from fupin_desktop.reports.briefing_data import ALL_SECTIONS, DEFAULT_SECTIONS, BriefingData, Section
from fupin_desktop.reports.kit import Document
from fupin_desktop.services import audit
from fupin_desktop.services.briefing.sections import COUNTING_ORDER, printed_parts, printed_sections
from fupin_desktop.services.briefing.sections.part import Part, Sources, default_title
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import load_settings, write_settings


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
    """Count every section (数据核查 only when it is wanted), the cover last."""
    ctx.require(Permission.PRINT)
    period = _period(options, ctx.today())
    sections = tuple(s for s in ALL_SECTIONS if s in options.sections)
    if not sections:
        raise UserError("没有选择要打印的部分。请至少勾选一项（例如“基本情况”）。")
    yield Progress(0, 0, COUNTING_ORDER[0].stage)  # before the board is loaded: 取消 shows at once
    with ctx.sessions() as session:
        src = Sources.open(ctx, options, session, sections, period, cancel)
        for part in COUNTING_ORDER:
            if part.key in sections or not part.when_chosen:
                yield from _count(part, src)
                # Each part reads in its own transaction: none is held open while a long part (数据核查,
                # which opens sessions of its own) runs — on a server that would be a connection idle in
                # a transaction for seconds, holding back other PCs' schema changes and vacuum.
                session.rollback()
        data = src.draft()
    if not printed_sections(data):
        raise InputInvalid(
            "所选的部分都没有内容可打印（存在问题、下步工作还没有填写）。请填写文字或勾选其他部分。"
        )
    return data


def _count(part: Part, src: Sources) -> Job[None]:
    if part.stage:
        yield Progress(0, 0, part.stage)
    if part.job is not None:
        src.loaded.update((yield from part.job(src)))
    elif part.load is not None:
        src.loaded.update(part.load(src))
    check_cancel(src.cancel)


# ------------------------------------------------------------------ the PDF


def briefing_job(
    ctx: ServiceContext, out: Path, options: BriefingOptions, cancel: threading.Event | None = None
) -> Job[BriefingResult]:
    """Count, then write the pack to `out` part by part (nothing is left under that name on error or
    取消)."""
    data = yield from briefing_data_job(ctx, options, cancel)
    parts = printed_parts(data)
    headings = contents([p.key for p in parts])
    with Document(out, briefing_info(data)) as doc:
        doc.start_section(PACK_SECTION)
        for n, part in enumerate(parts):
            yield Progress(n, len(parts), f"排版：{part.title}")
            check_cancel(cancel)
            doc.add(pages(part, data, headings))
        yield Progress(len(parts), len(parts), "保存文件")
    return BriefingResult(out, doc.pages, tuple(p.key for p in parts))


def pages(part: Part, data: BriefingData, headings: Contents) -> list[Flowable]:
    """A printed part's flowables: the cover (with the contents), or a numbered part."""
    if part.draw is None:
        return cover_page(data, headings)
    return numbered_part(part.key, part.draw, data, headings)


def numbered(data: BriefingData) -> Contents:
    """Each printed part after the cover → its heading, 一、基本情况 …"""
    return contents(printed_sections(data))


def write_briefing(path: Path, data: BriefingData) -> int:
    """The whole pack in one go (briefing_job writes it part by part, with progress); returns pages."""
    headings = numbered(data)
    with Document(path, briefing_info(data)) as doc:
        doc.start_section(PACK_SECTION)
        for part in printed_parts(data):
            doc.add(pages(part, data, headings))
    return doc.pages


def _period(options: BriefingOptions, today: date) -> tuple[date, date]:
    default_since, default_until = default_period(today)
    since, until = options.since or default_since, options.until or default_until
    if until > today:
        raise UserError(f"统计截止日期（{until:%Y-%m-%d}）晚于今天，请选择今天或以前的日期。")
    if since > until:
        raise UserError(f"统计起始日期（{since:%Y-%m-%d}）晚于截止日期（{until:%Y-%m-%d}），请调整。")
    return since, until
