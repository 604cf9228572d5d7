"""A household with two 户主 (an error 数据核查 reports) names the same one everywhere (issue 21 §2).

The rule (services/register/refs.py, domain.records.head_of): the first 在册 户主 in the members' stored
order, never by name. Here the second 户主 was entered later and sorts first by name, so a place that
picks by name, or takes whichever row the database returns last, names the wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import case, func, select, update

from fupin_desktop.db.models import Area, Household, Member, Pairing
from fupin_desktop.domain.codes import HEAD, MEMBER_ACTIVE
from fupin_desktop.reports.notice import NoticeKind
from fupin_desktop.services.accounts import AuditQuery, audit_ids, audit_rows
from fupin_desktop.services.assignments import HouseholdFilter, find_households
from fupin_desktop.services.assignments.warchart import warchart_data
from fupin_desktop.services.checks.watch import visit_list_job, watch_job
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.households import (
    HouseholdQuery,
    SortKey,
    archive_household,
    household_names,
    rows,
    search,
)
from fupin_desktop.services.importing import compare_file
from fupin_desktop.services.ledgers import export_ledger
from fupin_desktop.services.printing import card_data, card_problems, cards_job
from fupin_desktop.services.printing.notices import notice_data
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.rectification import TaskDraft, TaskQuery, list_tasks, task_detail
from fupin_desktop.services.rectification.editing import create_task
from fupin_desktop.services.register import head_names, load_household, load_settings
from tests.conftest import TODAY
from tests.pdf_checks import flat, text

SECOND = "丁一"  # sorts before the demo's names (丁 is U+4E01), on SQLite and PostgreSQL alike


@dataclass(frozen=True, slots=True)
class TwoHeads:
    id: int
    number: str
    village_id: int
    village: str
    head: str  # the first 户主 entered: the one every place must name


def _two_heads(ctx: ServiceContext) -> TwoHeads:
    """A monitored, paired household on the watch list, with a second active member made 户主."""
    watched = {e.household_id for e in run_job(watch_job(ctx)).entries if e.helper_id is not None}
    with ctx.sessions.begin() as session:
        active = Member.status == MEMBER_ACTIVE
        sizes = (
            select(Member.household_id)
            .where(active)
            .group_by(Member.household_id)
            .having(func.count() >= 2, func.sum(case((Member.relation == HEAD, 1), else_=0)) == 1)
        )
        household = session.scalars(
            select(Household)
            .where(
                Household.id.in_(sorted(watched)),
                Household.id.in_(sizes),
                Household.archived.is_(False),
                Household.monitor_category.is_not(None),
                Household.id.in_(select(Pairing.household_id).where(Pairing.end_date.is_(None))),
            )
            .order_by(Household.number)
            .limit(1)
        ).one()
        members = session.scalars(
            select(Member)
            .where(Member.household_id == household.id, active)
            .order_by(Member.position, Member.id)
        ).all()
        head = next(m for m in members if m.relation == HEAD)
        later = members[-1]
        assert later is not head and (later.position, later.id) > (head.position, head.id)
        later.relation, later.name = HEAD, SECOND
        household.identified_on = TODAY - timedelta(days=5)  # in the 公示名单's default period
        village = session.get(Area, household.village_id)
        assert village is not None
        session.flush()
        # by the database's own order the second head comes first, so a rule by name would pick it
        first_by_name = session.scalar(
            select(func.min(Member.name)).where(Member.household_id == household.id, Member.relation == HEAD)
        )
        assert first_by_name == SECOND != head.name
        return TwoHeads(household.id, household.number, household.village_id, village.name, head.name)


@pytest.fixture
def two(demo_ctx: ServiceContext) -> TwoHeads:
    return _two_heads(demo_ctx)


def test_the_register_and_its_sort_name_the_first_head(demo_ctx: ServiceContext, two: TwoHeads) -> None:
    found = search(demo_ctx, HouseholdQuery(text=two.number))
    assert two.id in found.ids
    assert rows(demo_ctx, [two.id])[two.id].head == two.head
    names = {n.number: n for n in household_names(demo_ctx)}
    assert names[two.number].head == two.head
    # 按户主排序 sorts the household where its shown head belongs: the heads of the sorted rows rise
    ids = search(demo_ctx, HouseholdQuery(village_id=two.village_id, sort=SortKey.HEAD)).ids
    heads = [rows(demo_ctx, ids)[i].head for i in ids]
    with demo_ctx.sessions() as session:
        ranked = session.scalars(
            select(Member.name).where(Member.name.in_(set(heads))).distinct().order_by(Member.name)
        )
        rank = {name: n for n, name in enumerate(ranked)}
    order = [rank.get(h, len(rank)) for h in heads]  # no head: last
    assert order == sorted(order)
    with demo_ctx.sessions() as session:
        assert head_names(session, [two.id]) == {two.id: two.head}


def test_the_task_list_and_task_detail_name_the_first_head(demo_ctx: ServiceContext, two: TwoHeads) -> None:
    task_id = create_task(
        demo_ctx,
        TaskDraft(
            source="县级督查",
            category="住房安全",
            description="住房经鉴定为C级危房",
            deadline=TODAY + timedelta(days=30),
            unit="镇乡村振兴办",
            person="王小明",
            found_on=TODAY,
            household_ids=(two.id,),
        ),
    )
    detail = task_detail(demo_ctx, task_id)
    assert [h.label for h in detail.households] == [f"{two.head}户（{two.number}）"]
    assert task_id in {r.id for r in list_tasks(demo_ctx, TaskQuery(text=two.head)).rows}
    assert task_id not in {r.id for r in list_tasks(demo_ctx, TaskQuery(text=SECOND)).rows}


def test_the_audit_trail_names_and_finds_the_first_head(demo_ctx: ServiceContext, two: TwoHeads) -> None:
    archive_household(demo_ctx, two.id, "迁出", TODAY)
    trail = audit_rows(demo_ctx, audit_ids(demo_ctx, AuditQuery(household=two.head)))
    subjects = {r.subject for r in trail.values() if r.entity == "household"}
    assert any(two.number in s and two.head in s for s in subjects), subjects
    assert not any(SECOND in s for s in subjects)
    assert audit_ids(demo_ctx, AuditQuery(household=SECOND)) == []


def test_pairings_and_the_wall_chart_name_the_first_head(demo_ctx: ServiceContext, two: TwoHeads) -> None:
    (choice,) = find_households(demo_ctx, HouseholdFilter(ids=(two.id,)))
    assert choice.head == two.head
    village = next(v for v in warchart_data(demo_ctx, two.village).villages if v.village == two.village)
    named = [h.head for line in village.helpers for h in line.households] + [h.head for h in village.unpaired]
    assert two.head in named and SECOND not in named


def test_the_card_notice_and_card_check_name_the_first_head(
    demo_ctx: ServiceContext, two: TwoHeads, tmp_path: Path
) -> None:
    with demo_ctx.sessions() as session:
        record = load_household(session, two.id)
        settings = load_settings(session)
    assert record.head_name == two.head
    assert card_data(record, settings, TODAY).head == two.head
    printed = flat(text(PdfReader(run_job(cards_job(demo_ctx, [two.id], tmp_path / "卡.pdf")).path)))
    assert f"{two.head}户{TODAY.year}年度帮扶明白卡" in printed
    assert f"户主{two.head}家庭人口" in printed and f"{SECOND}户{TODAY.year}" not in printed
    (problem,) = card_problems(demo_ctx, [two.id])
    assert problem.head == two.head and "有2位户主" in problem.problems
    notice = notice_data(demo_ctx, two.village, NoticeKind.IDENTIFY)
    named = [r.head for r in notice.rows]
    assert two.head in named and SECOND not in named


def test_watch_and_visit_lists_name_the_first_head(
    demo_ctx: ServiceContext, two: TwoHeads, tmp_path: Path
) -> None:
    entries = run_job(watch_job(demo_ctx)).entries
    (entry,) = [e for e in entries if e.household_id == two.id]
    assert entry.head == two.head
    printed = flat(text(PdfReader(run_job(visit_list_job(demo_ctx, tmp_path / "走访.pdf", [entry])).path)))
    assert two.head in printed and SECOND not in printed


def _head_column(path: Path, number: str) -> set[str]:
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[2]]
    at, head = header.index("户编号"), header.index("户主姓名")
    return {str(r[head]) for r in sheet.iter_rows(min_row=3, values_only=True) if r[at] == number}


@pytest.mark.parametrize("kind", ["households", "members", "pairings"])
def test_ledgers_name_the_first_head(
    demo_ctx: ServiceContext, two: TwoHeads, tmp_path: Path, kind: str
) -> None:
    out = run_job(export_ledger(demo_ctx, kind, tmp_path / f"{kind}.xlsx", household_ids=[two.id])).path
    assert _head_column(out, two.number) == {two.head}


def test_the_comparison_names_the_first_head(demo_ctx: ServiceContext, two: TwoHeads, tmp_path: Path) -> None:
    with demo_ctx.sessions() as session:
        others = session.scalars(
            select(Household.id).where(Household.village_id == two.village_id, Household.id != two.id)
        ).all()
    source = run_job(
        export_ledger(demo_ctx, "members", tmp_path / "人口.xlsx", full_id=True, household_ids=others)
    ).path
    report = run_job(compare_file(demo_ctx, source, tmp_path / "比对.xlsx"))
    assert [(n, h) for n, h, _v, _p in report.only_in_database if n == two.number] == [(two.number, two.head)]


def test_a_household_with_one_head_is_named_as_before(demo_ctx: ServiceContext) -> None:
    """The rule changes nothing where there is one head: every page of the register agrees with SQL."""
    with demo_ctx.sessions() as session:
        single = dict(
            session.execute(
                select(Member.household_id, Member.name).where(
                    Member.relation == HEAD,
                    Member.status == MEMBER_ACTIVE,
                    Member.household_id.in_(
                        select(Member.household_id)
                        .where(Member.relation == HEAD, Member.status == MEMBER_ACTIVE)
                        .group_by(Member.household_id)
                        .having(func.count() == 1)
                    ),
                )
            ).all()
        )
        assert head_names(session, list(single)) == single
    shown = rows(demo_ctx, list(single))
    assert {hid: r.head for hid, r in shown.items()} == single


def test_a_household_without_a_head_shows_none(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions.begin() as session:
        hid = session.scalar(
            select(Household.id).where(Household.archived.is_(False)).order_by(Household.id).limit(1)
        )
        session.execute(update(Member).where(Member.household_id == hid).values(relation="其他"))
    assert rows(demo_ctx, [hid])[hid].head == ""
    (choice,) = find_households(demo_ctx, HouseholdFilter(ids=(hid,)))
    assert choice.head == "（未设户主）"
