"""services.households.listing / household_edit / members / incomes on a real (demo) database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from fupin_desktop.db.models import (
    AuditLog,
    Household,
    IncomeRecord,
    Measure,
    Member,
    MemberMove,
    Pairing,
    ProgramMembership,
    Visit,
)
from fupin_desktop.domain import idcard
from fupin_desktop.domain.income import IncomeLine
from fupin_desktop.domain.records import IncomeYear, MeasureRecord, MemberRecord, VisitRecord
from fupin_desktop.errors import InputInvalid, PermissionDenied
from fupin_desktop.services import context as context_module
from fupin_desktop.services.context import Actor, Permission, Role, ServiceContext
from fupin_desktop.services.households.editing import (
    MoveRequest,
    archive_household,
    check_draft,
    check_move,
    load_draft,
    new_draft,
    restore_household,
    save_draft,
)
from fupin_desktop.services.households.listing import HouseholdQuery, SortKey, rows, search

READER = Actor(username="guest", display_name="查看员", role=Role.READER)


def scalar(ctx: ServiceContext, query):
    with ctx.sessions() as session:
        return session.scalar(query)


def audit_rows(ctx: ServiceContext, entity: str) -> list[AuditLog]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditLog).where(AuditLog.entity == entity).order_by(AuditLog.id)))


# ---------------------------------------------------------------- search and rows


def test_search_words_are_anded_and_full_width_digits_fold(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions() as session:
        number, name = session.execute(
            select(Household.number, Member.name)
            .join(Member, Member.household_id == Household.id)
            .where(Household.id == 9)
        ).first()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number[-5:])
    assert 9 in search(demo_ctx, HouseholdQuery(text=full_width)).ids
    both = search(demo_ctx, HouseholdQuery(text=f"{name} {number}")).ids
    assert both == (9,)
    assert search(demo_ctx, HouseholdQuery(text="%")).ids == ()  # LIKE wildcards are literal


def test_search_people_count_and_sorts(demo_ctx: ServiceContext) -> None:
    result = search(demo_ctx, HouseholdQuery())
    active = scalar(demo_ctx, select(func.count()).select_from(Member).where(Member.status == "在册"))
    assert (len(result.ids), result.people) == (600, active)
    for key in SortKey:
        for descending in (False, True):
            ordered = search(demo_ctx, HouseholdQuery(sort=key, descending=descending)).ids
            assert sorted(ordered) == sorted(result.ids), key
    by_income = search(demo_ctx, HouseholdQuery(sort=SortKey.INCOME, descending=True)).ids
    page = rows(demo_ctx, by_income[:50])
    incomes = [page[i].per_capita for i in by_income[:50]]
    assert incomes == sorted(incomes, reverse=True)


def test_rows_carry_what_the_table_shows(demo_ctx: ServiceContext) -> None:
    row = rows(demo_ctx, [1])[1]
    with demo_ctx.sessions() as session:
        head = session.scalar(select(Member.name).where(Member.household_id == 1, Member.relation == "户主"))
        latest = session.scalar(
            select(IncomeRecord).where(IncomeRecord.household_id == 1).order_by(IncomeRecord.year.desc())
        )
    assert row.head == head
    assert (row.income_year, row.per_capita, row.threshold) == (latest.year, latest.per_capita, 8100.0)
    assert row.risk_status in ("—", "未消除", "已消除")


def test_reader_may_search_but_not_change(demo_ctx: ServiceContext) -> None:
    reader = demo_ctx.acting_as(READER)
    assert len(search(reader, HouseholdQuery()).ids) == 600
    draft = load_draft(reader, 1)
    assert all("********" in (m.id_number or "********") for m in draft.record.members)
    for attempt in (
        lambda: save_draft(reader, draft),
        lambda: archive_household(reader, 1, "整户迁出", date(2026, 11, 1)),
        lambda: new_draft(reader, 3),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


def test_a_masked_id_is_never_written_over_the_stored_one(demo_ctx: ServiceContext, monkeypatch) -> None:
    # A role that may edit but not see full numbers (e.g. a future 村级录入员).
    limited = dict(context_module.ROLE_PERMISSIONS)
    limited[Role.CLERK] = limited[Role.CLERK] - {Permission.VIEW_FULL_ID}
    monkeypatch.setattr(context_module, "ROLE_PERMISSIONS", limited)
    clerk = demo_ctx.acting_as(Actor(username="c", display_name="录入员", role=Role.CLERK))
    draft = load_draft(clerk, 1)
    stored = scalar(demo_ctx, select(Member.id_number).where(Member.id == draft.record.members[0].id))
    assert draft.record.members[0].id_number == idcard.mask(stored)
    save_draft(clerk, replace(draft, record=replace(draft.record, phone="13800002222")))
    assert scalar(demo_ctx, select(Member.id_number).where(Member.id == draft.record.members[0].id)) == stored


# ---------------------------------------------------------------- saving


def test_errors_block_and_nothing_is_written(demo_ctx: ServiceContext) -> None:
    draft = load_draft(demo_ctx, 1)
    broken = replace(draft.record.members[0], relation="其他")
    changed = replace(
        draft, record=replace(draft.record, phone="13800009999", members=(broken, *draft.record.members[1:]))
    )
    assert [p.code for p in check_draft(demo_ctx, changed) if p.blocks] == ["no_head"]
    with pytest.raises(InputInvalid, match="没有户主"):
        save_draft(demo_ctx, changed)
    assert scalar(demo_ctx, select(Household.phone).where(Household.id == 1)) == draft.record.phone
    assert audit_rows(demo_ctx, "household") == []


def test_a_saved_member_cannot_be_deleted(demo_ctx: ServiceContext) -> None:
    draft = load_draft(demo_ctx, 1)
    fewer = replace(draft, record=replace(draft.record, members=draft.record.members[:1]))
    with pytest.raises(InputInvalid, match="不能直接删除"):
        save_draft(demo_ctx, fewer)


def test_numbers_must_be_unique(demo_ctx: ServiceContext) -> None:
    other = scalar(demo_ctx, select(Household.number).where(Household.id == 2))
    draft = load_draft(demo_ctx, 1)
    problems = check_draft(demo_ctx, replace(draft, record=replace(draft.record, number=other)))
    assert [p.code for p in problems][:1] == ["number_taken"]


def test_income_save_refreshes_the_cache_and_member_changes_too(demo_ctx: ServiceContext) -> None:
    draft = load_draft(demo_ctx, 1)
    record = draft.record
    people = len(record.active_members)
    year = IncomeYear(year=2026, people=None, lines=(IncomeLine("工资性收入", "务工收入", 30000.0),))
    others = tuple(y for y in record.incomes if y.year != 2026)
    save_draft(demo_ctx, replace(draft, record=replace(record, incomes=(*others, year))))

    def cached() -> tuple[float, float]:
        with demo_ctx.sessions() as session:
            return session.execute(
                select(IncomeRecord.net_income, IncomeRecord.per_capita).where(
                    IncomeRecord.household_id == 1, IncomeRecord.year == 2026
                )
            ).one()

    assert cached() == (30000.0, round(30000 / people, 2))
    # One member leaves: the 人均 of a year without a recorded headcount follows the members 在册.
    draft = load_draft(demo_ctx, 1)
    last = replace(
        draft.record.members[-1], status="自然减少", removed_on=date(2026, 11, 1), removed_reason="死亡"
    )
    save_draft(
        demo_ctx, replace(draft, record=replace(draft.record, members=(*draft.record.members[:-1], last)))
    )
    assert cached() == (30000.0, round(30000 / (people - 1), 2))
    changes = audit_rows(demo_ctx, "income")
    assert changes[0].action == "修改" and json.loads(changes[0].after)["lines"] == [
        ["工资性收入", "务工收入", 30000.0, "", False]
    ]


def test_reordered_lines_are_not_a_change(demo_ctx: ServiceContext) -> None:
    draft = load_draft(demo_ctx, 1)
    shuffled = tuple(replace(y, lines=tuple(reversed(y.lines))) for y in draft.record.incomes)
    save_draft(demo_ctx, replace(draft, record=replace(draft.record, incomes=shuffled)))
    assert audit_rows(demo_ctx, "income") == []


def test_measures_and_visits_are_added_changed_and_deleted_with_audit(demo_ctx: ServiceContext) -> None:
    draft = load_draft(demo_ctx, 1)
    measure = MeasureRecord(id=None, category="产业帮扶", item="产业奖补", amount=2000.0, year=2026)
    visit = VisitRecord(id=None, visited_on=date(2026, 11, 20), visitor="王干部", problems="屋顶漏雨")
    kept = draft.record.measures
    record = replace(draft.record, measures=(measure, *kept), visits=(visit, *draft.record.visits))
    save_draft(demo_ctx, replace(draft, record=record))
    draft = load_draft(demo_ctx, 1)
    assert "产业奖补" in [m.item for m in draft.record.measures]
    saved_visit = next(v for v in draft.record.visits if v.visitor == "王干部")
    changed = replace(saved_visit, follow_up="申请危房改造")
    visits = tuple(changed if v.id == saved_visit.id else v for v in draft.record.visits)
    save_draft(demo_ctx, replace(draft, record=replace(draft.record, visits=visits, measures=kept)))
    assert scalar(
        demo_ctx, select(func.count()).select_from(Measure).where(Measure.household_id == 1)
    ) == len(kept)
    assert scalar(demo_ctx, select(Visit.follow_up).where(Visit.id == saved_visit.id)) == "申请危房改造"
    assert [(r.entity, r.action) for r in audit_rows(demo_ctx, "measure")] == [
        ("measure", "新增"),
        ("measure", "删除"),
    ]
    assert [r.action for r in audit_rows(demo_ctx, "visit")] == ["新增", "修改"]


def test_monitoring_membership_follows_the_household(demo_ctx: ServiceContext) -> None:
    household = scalar(demo_ctx, select(Household.id).where(Household.monitor_category.is_(None)).limit(1))
    draft = load_draft(demo_ctx, household)
    identified = replace(
        draft.record, monitor_category="突发严重困难户", identified_on=date(2026, 9, 1), risk_eliminated=False
    )
    save_draft(demo_ctx, replace(draft, record=identified))

    def memberships() -> list[tuple]:
        with demo_ctx.sessions() as session:
            return session.execute(
                select(
                    ProgramMembership.category,
                    ProgramMembership.start_date,
                    ProgramMembership.end_date,
                    ProgramMembership.end_reason,
                )
                .where(ProgramMembership.household_id == household, ProgramMembership.program == "监测对象")
                .order_by(ProgramMembership.id)
            ).all()

    assert memberships() == [("突发严重困难户", date(2026, 9, 1), None, None)]
    draft = load_draft(demo_ctx, household)
    eliminated = replace(
        draft.record, risk_eliminated=True, elimination_method="帮扶消除", eliminated_on=date(2026, 11, 1)
    )
    save_draft(demo_ctx, replace(draft, record=eliminated))
    assert memberships() == [("突发严重困难户", date(2026, 9, 1), date(2026, 11, 1), "风险消除")]


def test_new_household_numbers_are_local_and_count_up(demo_ctx: ServiceContext) -> None:
    first = new_draft(demo_ctx, 3)
    head = MemberRecord(
        id=None,
        name="新户主",
        relation="户主",
        id_number=idcard.make("522425", date(1990, 1, 1), 17),
        education="初中",
    )
    household = save_draft(demo_ctx, replace(first, record=replace(first.record, members=(head,))))
    assert first.record.number == "L20260001" and first.record.number_is_local
    assert new_draft(demo_ctx, 3).record.number == "L20260002"
    assert search(demo_ctx, HouseholdQuery(text="L2026")).ids == (household,)
    assert [r.action for r in audit_rows(demo_ctx, "household")] == ["新增"]


# ---------------------------------------------------------------- moves, archive


def test_a_move_into_a_household_that_would_get_two_heads_is_refused(demo_ctx: ServiceContext) -> None:
    draft = load_draft(demo_ctx, 1)
    member = draft.record.members[-1]
    move = MoveRequest(member=member, relation="户主", moved_on=date(2026, 11, 1), to_household_id=2)
    assert any("迁入户" in p.message and "户主" in p.message for p in check_move(demo_ctx, 1, move))
    moved = replace(draft, record=replace(draft.record, members=draft.record.members[:-1]), moves=(move,))
    with pytest.raises(InputInvalid):
        save_draft(demo_ctx, moved)
    assert scalar(demo_ctx, select(Member.household_id).where(Member.id == member.id)) == 1
    assert scalar(demo_ctx, select(func.count()).select_from(MemberMove)) == 0


def test_a_move_updates_both_households_income_cache(demo_ctx: ServiceContext) -> None:
    draft = load_draft(demo_ctx, 1)
    member = draft.record.members[-1]
    move = MoveRequest(member=member, relation="其他", moved_on=date(2026, 11, 1), to_household_id=2)
    save_draft(
        demo_ctx,
        replace(draft, record=replace(draft.record, members=draft.record.members[:-1]), moves=(move,)),
    )
    with demo_ctx.sessions() as session:
        for household in (1, 2):
            record = session.scalar(
                select(IncomeRecord)
                .where(IncomeRecord.household_id == household)
                .order_by(IncomeRecord.year.desc())
            )
            people = session.scalar(
                select(func.count())
                .select_from(Member)
                .where(Member.household_id == household, Member.status == "在册")
            )
            assert record.per_capita == round(record.net_income / people, 2)


def test_archive_and_restore_keep_everything(demo_ctx: ServiceContext) -> None:
    members = scalar(demo_ctx, select(func.count()).select_from(Member).where(Member.household_id == 5))
    archive_household(demo_ctx, 5, "整户死亡", date(2026, 10, 1))
    assert 5 not in search(demo_ctx, HouseholdQuery()).ids
    assert search(demo_ctx, HouseholdQuery(archived=True)).ids == (5,)
    assert (
        scalar(demo_ctx, select(func.count()).select_from(Member).where(Member.household_id == 5)) == members
    )
    with pytest.raises(InputInvalid):
        archive_household(demo_ctx, 6, " ", date(2026, 10, 1))
    restore_household(demo_ctx, 5)
    assert 5 in search(demo_ctx, HouseholdQuery()).ids
    archived = audit_rows(demo_ctx, "household")
    assert "结对帮扶随之结束" in archived[0].summary
    assert [r.action for r in archived] == ["归档", "恢复"]
    assert json.loads(archived[0].after)["archived_reason"] == "整户死亡"


def test_archiving_ends_the_pairing_and_restoring_leaves_the_household_unpaired(
    demo_ctx: ServiceContext,
) -> None:
    pairing = select(Pairing).where(Pairing.household_id == 7).order_by(Pairing.id)
    with demo_ctx.sessions() as session:
        helper_id = session.scalars(pairing.where(Pairing.end_date.is_(None))).one().helper_id
    archive_household(demo_ctx, 7, "整户迁出", date(2026, 11, 2))
    with demo_ctx.sessions() as session:
        history = session.scalars(pairing).all()
    assert [p.end_date for p in history if p.helper_id == helper_id][-1] == date(2026, 11, 2)
    assert all(p.end_date is not None for p in history)
    assert history[-1].end_reason == "农户归档：整户迁出"
    restore_household(demo_ctx, 7)
    assert 7 in search(demo_ctx, HouseholdQuery(unpaired=True)).ids
