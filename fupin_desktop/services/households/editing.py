"""Editing one household: load it as a draft, check it, save it in one transaction with audit rows;
new households, 归档 and restore.

    draft = load_draft(ctx, household_id)        # what the editor shows
    problems = check_draft(ctx, changed_draft)   # errors block, doubts warn (domain.validation)
    save_draft(ctx, changed_draft)               # writes everything or nothing

The draft carries the household's version as loaded: a save after someone else saved the household or
any of its parts is refused (`EditConflict`, services.register.edit_versions) and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.lengths import lengths, too_long
from fupin_desktop.db.models import (
    Area,
    Household,
    HouseholdRisk,
    IncomeItem,
    IncomeRecord,
    Measure,
    Member,
    MemberMove,
    Pairing,
    Visit,
)
from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.domain.collect import HOUSEHOLD_FACTS, still_unknown
from fupin_desktop.domain.labels import (
    HOUSEHOLD_LABELS,
    INCOME_LABELS,
    MEASURE_LABELS,
    MEMBER_LABELS,
    VISIT_LABELS,
)
from fupin_desktop.domain.records import HouseholdRecord, MeasureRecord, VisitRecord
from fupin_desktop.domain.validation import Problem, Severity, errors, held_by, ids_used_elsewhere, validate
from fupin_desktop.errors import InputInvalid, NotFound
from fupin_desktop.services import audit
from fupin_desktop.services.accounts import id_on_screen
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.households.audit_rows import (
    about_household,
    columns,
    record_changes,
    unsaved_inputs,
)
from fupin_desktop.services.households.incomes import (
    delete_income_year,
    refresh_income_cache,
    same_income,
    write_income_year,
)
from fupin_desktop.services.households.listing import next_local_number
from fupin_desktop.services.households.members import MoveRequest, check_moves, move_members, write_members
from fupin_desktop.services.households.programs import sync_monitoring
from fupin_desktop.services.register import bump, claim, load_household, thresholds_by_year

# Archiving is its own use case: the editor never changes these.
ARCHIVE_FIELDS = ("archived", "archived_on", "archived_reason")
HOUSEHOLD_FIELDS = columns(Household, HouseholdRecord, ARCHIVE_FIELDS)
MEASURE_FIELDS = columns(Measure, MeasureRecord)
VISIT_FIELDS = columns(Visit, VisitRecord)
LINE_NAMES = {"category": "收支类别", "item": "收支项目", "note": "说明"}


@dataclass(frozen=True, slots=True)
class HouseholdDraft:
    """A household as the editor holds it: the record, where it is, and members to move out on save."""

    record: HouseholdRecord
    village_id: int
    group_id: int | None
    moves: tuple[MoveRequest, ...] = ()
    version: int | None = None  # the household's version when loaded (None: a new household)


# ---------------------------------------------------------------- loading


def load_draft(ctx: ServiceContext, household_id: int) -> HouseholdDraft:
    """The household as a draft; ID numbers are masked unless the actor may see them in full."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        record = load_household(session, household_id)
        row = session.get(Household, household_id)
        if record is None or row is None:
            raise NotFound(f"找不到这一户（内部编号 {household_id}），可能已被合并。请刷新列表。")
        shown = tuple(replace(m, id_number=id_on_screen(ctx, m.id_number) or None) for m in record.members)
        record = replace(record, members=shown)
        return HouseholdDraft(
            record=record, village_id=row.village_id, group_id=row.group_id, version=row.version
        )


def unsaved_against_stored(ctx: ServiceContext, base: HouseholdDraft, mine: HouseholdDraft) -> list[str]:
    """After a refused save: each input the clerk made since loading `base`, beside what is stored now."""
    stored = load_draft(ctx, base.record.id).record if base.record.id is not None else None
    return unsaved_inputs(base.record, mine.record, stored)


def new_draft(ctx: ServiceContext, village_id: int, group_id: int | None = None) -> HouseholdDraft:
    """An empty household in a village, numbered locally until the national 户编号 is known."""
    ctx.require(Permission.EDIT)
    with ctx.sessions() as session:
        village = session.get(Area, village_id)
        if village is None or village.level != "village":
            raise NotFound("请先选择这一户所在的村。")
        group = session.get(Area, group_id) if group_id else None
        record = HouseholdRecord(
            id=None,
            number=next_local_number(session, ctx.today()),
            number_is_local=True,
            village=village.name,
            group=group.name if group else None,
            thresholds=thresholds_by_year(session),
        )
        return HouseholdDraft(record=record, village_id=village_id, group_id=group.id if group else None)


# ---------------------------------------------------------------- checking


def field_lengths() -> dict[str, dict[str, int]]:
    """Most characters each text field holds, by record: household, member, measure, visit, income_item
    and member_move (the editor's `setMaxLength`; `check_draft` refuses longer ones)."""
    models = {
        "household": Household,
        "member": Member,
        "measure": Measure,
        "visit": Visit,
        "income_item": IncomeItem,
        "member_move": MemberMove,
    }
    return {name: dict(lengths(model)) for name, model in models.items()}


def check_draft(ctx: ServiceContext, draft: HouseholdDraft) -> list[Problem]:
    """Every problem of the draft, including those that need the database: a 户编号 or ID number used
    by another household, and the households members move into."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        return _problems(session, _unmasked(session, ctx, draft), ctx.today())


def check_move(ctx: ServiceContext, source_id: int | None, move: MoveRequest) -> list[Problem]:
    """Errors the household moved into would have after `move` (for the move dialog)."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        return check_moves(session, source_id, [move], ctx.today())


def _problems(session: Session, draft: HouseholdDraft, today: date) -> list[Problem]:
    record = draft.record
    found = check_moves(session, record.id, draft.moves, today)
    if _number_taken(session, record):
        found.append(
            Problem(
                "number_taken",
                Severity.ERROR,
                f"户编号 {record.number} 已被另一户使用：请核对户编号。",
                "number",
            )
        )
    found += ids_used_elsewhere(record, _ids_in_other_households(session, record))
    return _too_long(record) + found + validate(record, today)


def _too_long(record: HouseholdRecord) -> list[Problem]:
    """Texts longer than their columns hold (PostgreSQL would refuse the whole save; SQLite keep them)."""
    found = [
        Problem("too_long", Severity.ERROR, message, attr)
        for attr, message in too_long(Household, record, HOUSEHOLD_LABELS)
    ]
    for index, member in enumerate(record.members):
        found += [
            Problem("too_long", Severity.ERROR, f"成员“{member.name}”的{message}", attr, index)
            for attr, message in too_long(Member, member, MEMBER_LABELS)
        ]
    for model, rows, labels, what, field in (
        (Measure, record.measures, MEASURE_LABELS, "帮扶措施", "measures"),
        (Visit, record.visits, VISIT_LABELS, "走访记录", "visits"),
    ):
        for row in rows:
            found += [
                Problem("too_long", Severity.ERROR, f"{what}的{message}", field)
                for _, message in too_long(model, row, labels)
            ]
    for year in record.incomes:
        texts = [*too_long(IncomeRecord, year, INCOME_LABELS)]
        texts += [text for line in year.lines for text in too_long(IncomeItem, line, LINE_NAMES)]
        found += [
            Problem("too_long", Severity.ERROR, f"{year.year}年收支核算的{message}", "incomes")
            for _, message in texts
        ]
    return found


def _number_taken(session: Session, record: HouseholdRecord) -> bool:
    query = select(Household.id).where(Household.number == record.number.strip())
    if record.id is not None:
        query = query.where(Household.id != record.id)
    return session.scalar(query.limit(1)) is not None


def _ids_in_other_households(session: Session, record: HouseholdRecord) -> dict[str, str]:
    """Normalised ID number → where it is 在册 in another household of the register."""
    numbers = {idcard.normalize(m.id_number) for m in record.active_members} - {""}
    if not numbers:
        return {}
    query = (
        select(Member.id_number, Member.name, Household.number)
        .join(Household, Household.id == Member.household_id)
        .where(
            Member.id_number.in_(numbers),
            Member.status == MEMBER_ACTIVE,
            Household.archived.is_(False),
        )
    )
    if record.id is not None:
        query = query.where(Member.household_id != record.id)
    return {number: held_by(household, name) for number, name, household in session.execute(query)}


def id_registered_elsewhere(ctx: ServiceContext, id_number: str, household_id: int | None) -> str | None:
    """Where `id_number` is 在册 outside household `household_id` (`held_by`, several joined with 、), or
    None — for the member dialog, which says so as the number is typed rather than at 保存."""
    ctx.require(Permission.VIEW)
    number = idcard.normalize(id_number)
    if not number or "*" in number:
        return None
    query = (
        select(Member.name, Household.number)
        .join(Household, Household.id == Member.household_id)
        .where(Member.id_number == number, Member.status == MEMBER_ACTIVE, Household.archived.is_(False))
        .order_by(Household.number)
    )
    if household_id is not None:
        query = query.where(Member.household_id != household_id)
    with ctx.sessions() as session:
        found = [held_by(household, name) for name, household in session.execute(query)]
    return "、".join(found) or None


def _unmasked(session: Session, ctx: ServiceContext, draft: HouseholdDraft) -> HouseholdDraft:
    """Put back stored ID numbers the actor only saw masked (an actor without 查看完整证件号码 never
    overwrites a number with its mask)."""
    if ctx.actor.can(Permission.VIEW_FULL_ID):
        return draft
    stored = dict(
        session.execute(
            select(Member.id, Member.id_number).where(
                Member.id.in_([m.id for m in draft.record.members if m.id is not None])
            )
        ).all()
    )
    members = tuple(
        replace(m, id_number=stored[m.id])
        if m.id in stored and m.id_number == (idcard.mask(stored[m.id]) or None)
        else m
        for m in draft.record.members
    )
    return replace(draft, record=replace(draft.record, members=members))


# ---------------------------------------------------------------- saving


def save_draft(ctx: ServiceContext, draft: HouseholdDraft) -> int:
    """Write the whole household in one transaction with audit rows; returns its id.

    Raises InputInvalid (nothing written) when the draft has errors; doubts are the caller's to confirm.
    """
    ctx.require(Permission.EDIT)
    today = ctx.today()
    with ctx.sessions.begin() as session:
        if draft.record.id is not None:  # first: refused before anything is read or written
            claim_household(session, draft.record.id, draft.version)
        draft = _unmasked(session, ctx, draft)
        blocking = errors(_problems(session, draft, today))
        if blocking:
            raise InputInvalid("这一户还有错误，没有保存：\n" + "\n".join(p.message for p in blocking[:10]))
        record = draft.record
        before = load_household(session, record.id) if record.id is not None else None
        household = _write_household(session, draft)
        write_members(session, household.id, record.members, moved={m.member.id for m in draft.moves})
        _write_risks(session, household.id, record.risks)
        _write_incomes(session, household.id, record, before)
        _write_children(session, Measure, household.id, record.measures, MEASURE_FIELDS)
        _write_children(session, Visit, household.id, record.visits, VISIT_FIELDS)
        targets = move_members(session, ctx.actor, household, draft.moves, today)
        bump(session, Household, targets)  # an editor open on a household members moved into
        refresh_income_cache(session, [household.id, *targets])
        after = load_household(session, household.id)
        assert after is not None
        sync_monitoring(session, household.id, before, after, today)
        record_changes(session, ctx.actor, before, after)
        return household.id


def claim_household(session: Session, household_id: int, version: int | None) -> None:
    """Raise the household's version if it is still `version` (None: unconditionally); EditConflict
    naming who saved it since otherwise."""
    number = session.scalar(select(Household.number).where(Household.id == household_id))
    if number is None:
        raise NotFound(f"找不到这一户（内部编号 {household_id}），可能已被合并。请关闭后刷新列表。")
    claim(
        session,
        Household,
        household_id,
        version,
        label=f"户 {number}",
        about=about_household(household_id, number),
    )


def _write_household(session: Session, draft: HouseholdDraft) -> Household:
    record = draft.record
    values = {name: getattr(record, name) for name in HOUSEHOLD_FIELDS}
    values["number"] = record.number.strip()
    values["unknown_fields"] = still_unknown(record, HOUSEHOLD_FACTS)  # what the clerk filled in is known
    if record.id is None:
        household = Household(village_id=draft.village_id, group_id=draft.group_id, archived=False, **values)
        session.add(household)
        session.flush()
        return household
    household = session.get(Household, record.id)
    if household is None:
        raise NotFound(f"找不到这一户（{record.number}），可能已被合并。请关闭后刷新列表。")
    household.village_id, household.group_id = draft.village_id, draft.group_id
    for name, value in values.items():
        if getattr(household, name) != value:
            setattr(household, name, value)
    return household


def _write_risks(session: Session, household_id: int, risks: Sequence[str]) -> None:
    """致贫/返贫风险 by position; a risk kept at its position keeps its detail (e.g. 灾害 sub-type)."""
    stored = {
        r.position: r
        for r in session.scalars(select(HouseholdRisk).where(HouseholdRisk.household_id == household_id))
    }
    for position, risk in enumerate(risks[:5], start=1):
        row = stored.pop(position, None)
        if row is None:
            session.add(HouseholdRisk(household_id=household_id, position=position, risk=risk))
        elif row.risk != risk:
            row.risk, row.detail = risk, None
    for row in stored.values():
        session.delete(row)


def _write_incomes(
    session: Session, household_id: int, record: HouseholdRecord, before: HouseholdRecord | None
) -> None:
    old = {y.year: y for y in before.incomes} if before else {}
    for income in record.incomes:
        if not same_income(old.pop(income.year, None), income):
            write_income_year(session, household_id, income)
    for year in old:
        delete_income_year(session, household_id, year)


def _write_children(
    session: Session,
    model: type[Measure] | type[Visit],
    household_id: int,
    records: Sequence[MeasureRecord] | Sequence[VisitRecord],
    names: tuple[str, ...],
) -> None:
    """Insert, update and delete a household's measures or visits to match `records`."""
    stored = {row.id: row for row in session.scalars(select(model).where(model.household_id == household_id))}
    for rec in records:
        values = {name: getattr(rec, name) for name in names}
        row = stored.pop(rec.id, None) if rec.id is not None else None
        if row is None:
            session.add(model(household_id=household_id, **values))
            continue
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
    for row in stored.values():
        session.delete(row)


# ---------------------------------------------------------------- archive and restore


def archive_household(ctx: ServiceContext, household_id: int, reason: str, on: date) -> None:
    """归档 (自然减少): the household leaves the register but stays in the database with its history.

    Its current pairing ends on the same day (a helper is no longer responsible for a household that is
    gone, and must not count it against the limit); restoring the household leaves it 未结对."""
    ctx.require(Permission.EDIT)
    if not reason.strip():
        raise InputInvalid("请填写归档原因（如：整户死亡、整户迁出、合户）。")
    with ctx.sessions.begin() as session:
        claim_household(session, household_id, None)
        household = _household(session, household_id)
        before = {name: getattr(household, name) for name in ARCHIVE_FIELDS}
        household.archived, household.archived_on, household.archived_reason = True, on, reason.strip()
        pairing = session.scalar(
            select(Pairing).where(Pairing.household_id == household_id, Pairing.end_date.is_(None))
        )
        if pairing is not None:
            pairing.end_date = max(on, pairing.start_date)
            pairing.end_reason = f"农户归档：{reason.strip()}"[:100]
            before["helper_id"] = pairing.helper_id
        audit.record(
            session,
            ctx.actor,
            action="归档",
            entity="household",
            entity_id=household.id,
            summary=f"户 {household.number} 归档（自然减少）：{reason.strip()}，{on:%Y-%m-%d}"
            + ("，结对帮扶随之结束" if pairing is not None else ""),
            before=before,
            after={name: getattr(household, name) for name in ARCHIVE_FIELDS},
        )


def restore_household(ctx: ServiceContext, household_id: int) -> None:
    """Bring an archived household back into the register."""
    ctx.require(Permission.EDIT)
    with ctx.sessions.begin() as session:
        claim_household(session, household_id, None)
        household = _household(session, household_id)
        before = {name: getattr(household, name) for name in ARCHIVE_FIELDS}
        household.archived, household.archived_on, household.archived_reason = False, None, None
        audit.record(
            session,
            ctx.actor,
            action="恢复",
            entity="household",
            entity_id=household.id,
            summary=f"户 {household.number} 从归档中恢复",
            before=before,
            after={name: getattr(household, name) for name in ARCHIVE_FIELDS},
        )


def _household(session: Session, household_id: int) -> Household:
    household = session.get(Household, household_id)
    if household is None:
        raise NotFound(f"找不到这一户（内部编号 {household_id}）。请刷新列表。")
    return household
