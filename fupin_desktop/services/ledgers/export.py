"""Exporting ledgers (台账) to Excel: `fupin export KIND`, 文件 → 导出….

Each KIND (named in `domain.ledgers`) is one function registered with `@export_kind(key)` that returns the sheet's rows as
dicts keyed by column field; this module masks the ID numbers (unless a full export is asked for and
allowed), writes the styled workbook and records the export in the audit log. To add a kind, write one
such function (the data-check engineer's `findings` goes in the same way).

A masked export hides everything the mask hides (issue 20 §1): 出生年份 instead of 出生日期, ID numbers in
free text masked, a birth date in a finding's message shown as its year. The wide ledgers get a 打印
sheet of the columns a meeting reads (services.ledgers.print_sheet).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area, Helper, Household, Member, Pairing
from fupin_desktop.domain import idcard
from fupin_desktop.domain.checks import Finding
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.domain.ledgers import LEDGER_KINDS
from fupin_desktop.domain.records import HouseholdRecord
from fupin_desktop.errors import UserError
from fupin_desktop.excel.layout import (
    COLLECT_COLUMNS,
    FINDING_COLUMNS,
    HOUSEHOLD_LEDGER_COLUMNS,
    MEMBER_LEDGER_COLUMNS,
    MONITORING_COLUMNS,
    PAIRING_LEDGER_COLUMNS,
    TASK_COLUMNS,
    Column,
    Kind,
    Ledger,
)
from fupin_desktop.services import audit
from fupin_desktop.services.accounts import blur_birth_dates, hide_ids_in_text
from fupin_desktop.services.checks import candidate_ids, collect_summary, findings_in, gaps_in
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.excel_steps import write_ledgers
from fupin_desktop.services.ledgers.print_sheet import ledger_columns, print_columns, print_view
from fupin_desktop.services.ledgers.values import household_values, member_values
from fupin_desktop.services.progress import Job, Progress
from fupin_desktop.services.rectification import task_export_rows
from fupin_desktop.services.register import (
    chunked,
    head_names,
    load_households,
    load_settings,
    load_spellings,
)


@dataclass(frozen=True, slots=True)
class ExportScope:
    """What an export covers and how: all active households unless `household_ids` is given."""

    township: str
    province: str
    today: date
    full_id: bool = False
    household_ids: tuple[int, ...] | None = None
    # `findings` only: a check run the caller already has (the tab's, `fupin check`'s), not run again
    findings: tuple[Finding, ...] | None = None


Rows = Iterator[dict[str, object]]
Builder = Callable[[Session, ExportScope], tuple[tuple[Column, ...], int, Rows]]


@dataclass(frozen=True, slots=True)
class ExportKind:
    key: str
    title: str  # 户台账 — also the default file name's first part
    unit: str  # what a row is: 户, 人, 项
    build: Builder


EXPORT_KINDS: dict[str, ExportKind] = {}


def export_kind(key: str) -> Callable[[Builder], Builder]:
    """Register the export of `domain.ledgers.LEDGER_KINDS[key]` (its title and unit are named there): the
    function returns (columns, row count, rows as field → value dicts)."""

    def register(build: Builder) -> Builder:
        EXPORT_KINDS[key] = ExportKind(key, LEDGER_KINDS[key].title, LEDGER_KINDS[key].unit, build)
        return build

    return register


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    kind: str
    rows: int
    full_id: bool


def default_file_name(kind: str, township: str, today: date) -> str:
    """户台账_清水镇_2026-11-23.xlsx"""
    title = EXPORT_KINDS[kind].title
    parts = [title, township, today.isoformat()] if township else [title, today.isoformat()]
    return "_".join(parts) + ".xlsx"


def export_ledger(
    ctx: ServiceContext,
    kind: str,
    out: Path,
    *,
    full_id: bool = False,
    household_ids: Sequence[int] | None = None,
    findings: Sequence[Finding] | None = None,
    print_headers: Sequence[str] | None = None,
    cancel: threading.Event | None = None,
) -> Job[ExportResult]:
    """Write one ledger to `out` (a temporary file renamed at the end: nothing half-written stays).
    `findings` gives the `findings` ledger a check run already made instead of running the checks.
    `print_headers` chooses the 打印 sheet's columns (None: the ledger's defaults; empty: no 打印 sheet)."""
    if kind not in EXPORT_KINDS:
        raise UserError(f"没有“{kind}”这种导出。可选：{'、'.join(EXPORT_KINDS)}。")
    ctx.require(Permission.EXPORT_FULL_ID if full_id else Permission.EXPORT)
    spec = EXPORT_KINDS[kind]
    printed = print_columns(kind, print_headers, full_id)  # a wrong column name fails before any work
    yield Progress(0, 0, f"准备{spec.title}")
    with ctx.sessions() as session:
        settings = load_settings(session)
        scope = ExportScope(
            township=settings.township,
            province=settings.province,
            today=ctx.today(),
            full_id=full_id,
            household_ids=tuple(household_ids) if household_ids is not None else None,
            findings=tuple(findings) if findings is not None else None,
        )
        columns, count, rows = spec.build(session, scope)
        columns = ledger_columns(columns, full_id)
        title = f"{scope.township} {spec.title}".strip()
        note = "（证件号码为完整号码，请妥善保管）" if full_id else "（证件号码已脱敏）"
        if any(c.kind is Kind.ID for c in columns):
            title += f"　导出日期：{scope.today:%Y-%m-%d}　共 {count} {spec.unit}　{note}"
        else:
            title += f"　导出日期：{scope.today:%Y-%m-%d}　共 {count} {spec.unit}"
        spellings = load_spellings(session)
        fields = [c.field for c in columns]
        view = print_view(kind, printed, fields)  # `fields` grows by what only the 打印 sheet shows
        values = _tuples(columns, fields, rows, full_id, spellings)
        ledger = Ledger(spec.title, title, columns, values, count, view)
        with audit.audited_output(ctx, out) as output:  # the audit row first, then the file
            written = yield from write_ledgers(output.path, [ledger], cancel)
            output.describe(
                action="导出完整证件号码" if full_id else "导出",
                entity="export",
                entity_id=kind,
                summary=f"导出{spec.title} {written} {spec.unit}到 {out.name}"
                + ("（完整证件号码）" if full_id else ""),
            )
    return ExportResult(out, kind, written, full_id)


def _tuples(
    columns: tuple[Column, ...],
    fields: list[str],
    rows: Rows,
    full_id: bool,
    spellings: dict[str, dict[str, str]],
) -> Iterator[tuple[object, ...]]:
    """Rows holding `fields` (the columns', then the 打印 sheet's extras): IDs masked unless full, with
    any ID number typed into free text; code values as the national files spell them."""
    masked = {c.field for c in columns if c.kind is Kind.ID} if not full_id else set()
    texts = {c.field for c in columns if c.kind is Kind.TEXT} if not full_id else set()
    spelt = {
        c.field: spellings[c.codes] for c in columns if c.kind is Kind.CODE and spellings.get(c.codes or "")
    }
    for n, row in enumerate(rows, start=1):
        row.setdefault("x.seq", n)
        for name in masked:
            value = row.get(name)
            if value:
                row[name] = idcard.mask(str(value))
        for name in texts:
            value = row.get(name)
            if isinstance(value, str) and len(value) >= 18:
                row[name] = hide_ids_in_text(value)
        for name, spelling in spelt.items():
            value = row.get(name)
            if value in spelling:
                row[name] = spelling[value]
        yield tuple(map(row.get, fields))


# ---------------------------------------------------------------- shared lookups


def _household_ids(session: Session, scope: ExportScope, *where: object) -> list[int]:
    """Active households in village / group / number order (or the chosen ones, in that order)."""
    village = Area.__table__.alias("village")
    query = (
        select(Household.id)
        .join(village, village.c.id == Household.village_id)
        .where(Household.archived.is_(False), *where)
        .order_by(village.c.sort_order, village.c.id, Household.number)
    )
    ids = list(session.scalars(query))
    if scope.household_ids is not None:
        chosen = set(scope.household_ids)
        ids = [i for i in ids if i in chosen]
    return ids


def _records(session: Session, ids: list[int]) -> Iterator[HouseholdRecord]:
    for chunk in chunked(ids, 500):
        yield from load_households(session, chunk)


# ---------------------------------------------------------------- the kinds


@export_kind("households")
def _households(session: Session, scope: ExportScope):
    ids = _household_ids(session, scope)
    rows = (household_values(r, scope.province) for r in _records(session, ids))
    return HOUSEHOLD_LEDGER_COLUMNS, len(ids), rows


def _member_rows(session: Session, scope: ExportScope, ids: list[int]) -> tuple[int, Rows]:
    """One row per member 在册 of these households, with the household's columns."""
    count = sum(
        session.scalar(
            select(func.count()).where(Member.household_id.in_(chunk), Member.status == MEMBER_ACTIVE)
        )
        or 0
        for chunk in chunked(ids)
    )

    def rows() -> Rows:
        for record in _records(session, ids):
            base = household_values(record, scope.province)
            for member in record.active_members:
                yield base | member_values(member)

    return count, rows()


@export_kind("members")
def _members(session: Session, scope: ExportScope):
    count, rows = _member_rows(session, scope, _household_ids(session, scope))
    return MEMBER_LEDGER_COLUMNS, count, rows


@export_kind("monitoring")
def _monitoring(session: Session, scope: ExportScope):
    ids = _household_ids(session, scope, Household.monitor_category.is_not(None))
    count, rows = _member_rows(session, scope, ids)
    return MONITORING_COLUMNS, count, rows


@export_kind("pairings")
def _pairings(session: Session, scope: ExportScope):
    ids = _household_ids(session, scope)
    order = {hid: n for n, hid in enumerate(ids)}
    areas = dict(session.execute(select(Area.id, Area.name)).all())
    found = []
    for chunk in chunked(ids):
        found += session.execute(
            select(
                Pairing.household_id, Pairing.start_date, Helper.name, Helper.unit, Helper.title, Helper.phone
            )
            .join(Helper, Helper.id == Pairing.helper_id)
            .where(Pairing.household_id.in_(chunk), Pairing.end_date.is_(None))
        ).all()
    found.sort(key=lambda p: order[p.household_id])
    heads = head_names(session, [p.household_id for p in found])
    households = {}
    for chunk in chunked([p.household_id for p in found]):
        households.update(
            {
                h.id: h
                for h in session.execute(
                    select(Household.id, Household.number, Household.village_id, Household.group_id).where(
                        Household.id.in_(chunk)
                    )
                )
            }
        )

    def rows() -> Rows:
        for p in found:
            h = households[p.household_id]
            yield {
                "x.village": areas.get(h.village_id),
                "x.group": areas.get(h.group_id) if h.group_id else None,
                "h.number": h.number,
                "x.head_name": heads.get(p.household_id),
                "pa.helper_name": p.name,
                "pa.helper_unit": p.unit,
                "pa.helper_title": p.title,
                "pa.helper_phone": p.phone,
                "pa.start_date": p.start_date,
            }

    return PAIRING_LEDGER_COLUMNS, len(found), rows()


@export_kind("tasks")
def _tasks(session: Session, scope: ExportScope):
    count, rows = task_export_rows(session, scope.today)
    return TASK_COLUMNS, count, rows


@export_kind("findings")
def _findings(session: Session, scope: ExportScope):
    found = scope.findings if scope.findings is not None else findings_in(session, scope.today).findings
    if scope.household_ids is not None:
        chosen = set(scope.household_ids)
        found = tuple(f for f in found if f.household_id in chosen)

    def rows() -> Rows:
        for f in found:
            yield {
                "x.severity": f.severity.value,
                "x.rule": f.rule_title,
                "x.village": f.village,
                "x.group": f.group,
                "h.number": f.household,
                "x.head_name": f.head,
                "x.member": f.member,
                "x.field": f.field_label if f.field else "",
                "x.message": f.message if scope.full_id else blur_birth_dates(f.message),
                "x.hint": f.hint,
                "x.section": f.section,
                "x.source": f.source,
            }

    return FINDING_COLUMNS, len(found), rows()


@export_kind("collect")
def _collect(session: Session, scope: ExportScope):
    found = collect_summary(gaps_in(session, candidate_ids(session, scope.household_ids), scope.today))

    def rows() -> Rows:
        for r in found.rows:
            yield {
                "x.village": r.village,
                "x.group": r.group,
                "h.number": r.number,
                "x.head_name": r.head,
                "x.count": r.count,
                "x.facts": r.facts,
            }

    return COLLECT_COLUMNS, len(found.rows), rows()
