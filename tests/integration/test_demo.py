"""The demo township is believable: one 户主 per household, valid IDs, ages consistent with relations,
counts as asked, every status present — and the deliberate errors where the summary says."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from fupin_desktop.db.models import Household, IncomeRecord, KpiSnapshot, Member, Pairing, Task
from fupin_desktop.domain import idcard
from fupin_desktop.errors import UserError
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.demo import DemoSummary, generate_demo
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.records import load_households
from fupin_desktop.services.storage.info import database_info
from tests.conftest import DEMO_HOUSEHOLDS, TODAY

PARENT_RELATIONS = {"之父", "之母"}
CHILD_RELATIONS = {"之子", "之女"}
GRANDCHILD_RELATIONS = {"之孙子", "之孙女"}


@pytest.fixture
def records(demo_ctx: ServiceContext):
    with demo_ctx.sessions() as session:
        ids = session.scalars(select(Household.id).order_by(Household.id)).all()
        return load_households(session, ids)


def _planted(summary: DemoSummary) -> set[str]:
    return {e.household for e in summary.deliberate_errors}


def test_counts_as_asked(demo_ctx: ServiceContext, demo_summary: DemoSummary) -> None:
    info = database_info(demo_ctx)
    assert info.households == DEMO_HOUSEHOLDS == demo_summary.households
    assert info.villages == 12
    assert 3.0 <= info.members / info.households <= 4.0
    assert info.members == demo_summary.members
    assert info.pairings == demo_summary.pairings


def test_exactly_one_head_except_where_planted(records, demo_summary: DemoSummary) -> None:
    planted = _planted(demo_summary)
    wrong = [r.number for r in records if sum(m.is_head for m in r.members) != 1 and r.number not in planted]
    assert wrong == []
    no_head = [e.household for e in demo_summary.deliberate_errors if e.kind == "no_head"]
    assert all(sum(m.is_head for m in r.members) == 0 for r in records if r.number in no_head)


def test_every_id_valid_and_consistent_except_where_planted(records, demo_summary: DemoSummary) -> None:
    planted = {(e.household, e.member) for e in demo_summary.deliberate_errors}
    bad = []
    for r in records:
        for m in r.members:
            if (r.number, m.name) in planted:
                continue
            info = idcard.parse(m.id_number, TODAY)
            if info.sex != m.sex or info.birth_date != m.birth_date:
                bad.append((r.number, m.name))
    assert bad == []


def test_ids_unique_except_the_planted_duplicate(demo_ctx: ServiceContext, demo_summary: DemoSummary) -> None:
    with demo_ctx.sessions() as session:
        dupes = session.execute(
            select(Member.id_number).group_by(Member.id_number).having(func.count() > 1)
        ).all()
    assert len(dupes) == 1
    assert any(e.kind == "id_duplicate" for e in demo_summary.deliberate_errors)


def test_ages_consistent_with_relations(records, demo_summary: DemoSummary) -> None:
    planted = _planted(demo_summary)
    bad = []
    for r in records:
        if r.number in planted or r.head is None:
            continue
        head_age = idcard.age_on(r.head.birth_date, TODAY)
        for m in r.members:
            age = idcard.age_on(m.birth_date, TODAY)
            if m.relation in CHILD_RELATIONS and not age < head_age - 14:
                bad.append((r.number, m.name, "child"))
            if m.relation in PARENT_RELATIONS and not age > head_age + 14:
                bad.append((r.number, m.name, "parent"))
            if m.relation in GRANDCHILD_RELATIONS and not age < head_age - 30:
                bad.append((r.number, m.name, "grandchild"))
            if m.relation == "配偶" and age < 18:
                bad.append((r.number, m.name, "spouse"))
    assert bad == []


def test_realistic_proportions(records) -> None:
    monitored = [r for r in records if r.monitor_category]
    share = len(monitored) / len(records)
    assert 0.05 <= share <= 0.13
    assert {r.monitor_category for r in monitored} == {"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"}
    assert any(r.risk_eliminated for r in monitored)
    assert any(not r.risk_eliminated for r in monitored)
    assert all(len(r.incomes) == 2 for r in records)
    below = [r for r in records if r.latest_income and r.latest_income.below_threshold]
    assert 0 < len(below) < len(records) * 0.15
    assert sum(1 for r in records if r.measures) > len(records) / 2


def test_helpers_pairings_history_and_tasks(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions() as session:
        statuses = Counter(session.scalars(select(Task.status)))
        deadlines = session.scalars(select(Task.deadline).where(Task.status != "已销号")).all()
        ended = session.scalar(select(func.count()).select_from(Pairing).where(Pairing.end_date.is_not(None)))
        loads = Counter(session.scalars(select(Pairing.helper_id).where(Pairing.end_date.is_(None))))
        snapshots = session.scalars(select(KpiSnapshot.month).order_by(KpiSnapshot.month)).all()
    assert set(statuses) == {"待整改", "整改中", "待验收", "已销号"}
    assert 35 <= sum(statuses.values()) <= 45
    assert any(d < TODAY for d in deadlines) and any(d >= TODAY for d in deadlines)
    assert ended > 0
    assert max(loads.values()) > 5  # a few overloaded helpers for the wall chart
    assert sum(1 for n in loads.values() if n > 5) <= 3
    assert len(snapshots) == 12 and snapshots[-1] == "2026-11"


def test_same_seed_same_township(ctx: ServiceContext, demo_ctx: ServiceContext) -> None:
    run_job(generate_demo(ctx, households=DEMO_HOUSEHOLDS))
    with ctx.sessions() as a, demo_ctx.sessions() as b:
        query = select(Member.name, Member.id_number).order_by(Member.id)
        assert a.execute(query).all() == b.execute(query).all()


def test_refuses_a_database_with_data_unless_forced(demo_ctx: ServiceContext) -> None:
    with pytest.raises(UserError, match="已有 600 户"):
        run_job(generate_demo(demo_ctx, households=30))
    with pytest.raises(UserError, match="至少 24 户"):
        run_job(generate_demo(demo_ctx, households=10, force=True))
    assert database_info(demo_ctx).households == 600
    summary = run_job(generate_demo(demo_ctx, households=24, force=True))
    assert database_info(demo_ctx).households == 24 == summary.households
    assert list(demo_ctx.paths.backups.glob("*生成示范数据前*.sqlite"))


def test_two_income_years_ending_with_the_current_one(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions() as session:
        assert set(session.scalars(select(IncomeRecord.year).distinct())) == {TODAY.year - 1, TODAY.year}
