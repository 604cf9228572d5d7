"""Two clerks at two PCs edit the same record: the second save over the first is refused, naming who
changed what and when, and the first change stays in the database (issue 19 §2).

Each PC is its own ServiceContext with its own engine on one database (`two_pcs`), on SQLite and on
the PostgreSQL server the tests start (the `backend` parametrisation of `demo_ctx`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from fupin_desktop.db.engine import open_database
from fupin_desktop.db.models import AuditLog, Household, Measure, Member, Visit
from fupin_desktop.domain.income import IncomeLine
from fupin_desktop.domain.records import IncomeYear, MeasureRecord, VisitRecord
from fupin_desktop.domain.tasks import TaskAction
from fupin_desktop.errors import EditConflict
from fupin_desktop.services.assignments.helpers import (
    PAIRING_ROLE,
    HelperRow,
    get_helper,
    list_helpers,
    update_helper,
)
from fupin_desktop.services.assignments.pairings import (
    HouseholdFilter,
    assign_households,
    find_households,
    pairing_history,
    unpair_households,
)
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.households.editing import (
    HouseholdDraft,
    MoveRequest,
    archive_household,
    load_draft,
    save_draft,
)
from fupin_desktop.services.rectification.editing import update_task
from fupin_desktop.services.rectification.flow import ActionRequest, perform
from fupin_desktop.services.rectification.listing import TaskDetail, list_tasks, task_detail
from fupin_desktop.services.register.codes import CodeEntry, code_lists, code_table, save_code_table
from fupin_desktop.services.register.edit_versions import bump
from fupin_desktop.services.register.settings import get_settings, save_settings_and_thresholds
from fupin_desktop.services.register.thresholds import list_thresholds
from tests.conftest import TODAY

ZHANG = Actor(username="zhang", display_name="张三", role=Role.CLERK)
LI = Actor(username="li", display_name="李四", role=Role.CLERK)


@pytest.fixture
def two_pcs(demo_ctx: ServiceContext) -> Iterator[tuple[ServiceContext, ServiceContext]]:
    """张三's PC and 李四's PC: each its own engine and connections to the demo township's database
    (the SQLite file, or the test's database on the PostgreSQL server)."""
    paths = demo_ctx.db.paths
    other = ServiceContext(db=open_database(paths), actor=LI, today=lambda: TODAY)
    yield demo_ctx.acting_as(ZHANG), other
    other.db.dispose()


def stamp(at: datetime) -> str:
    return f"{at.month}月{at.day}日 {at:%H:%M}"


def latest_audit(ctx: ServiceContext) -> AuditLog:
    with ctx.sessions() as session:
        return session.scalars(select(AuditLog).order_by(AuditLog.id.desc()).limit(1)).one()


def with_record(draft: HouseholdDraft, **changes: object) -> HouseholdDraft:
    return replace(draft, record=replace(draft.record, **changes))


def refused(ctx: ServiceContext, draft: HouseholdDraft) -> str:
    with pytest.raises(EditConflict) as caught:
        save_draft(ctx, draft)
    return str(caught.value)


# ---------------------------------------------------------------- households and their parts


def test_a_later_save_of_the_household_is_refused_and_the_first_phone_is_kept(two_pcs) -> None:
    zhang, li = two_pcs
    mine, theirs = load_draft(zhang, 1), load_draft(li, 1)
    save_draft(zhang, with_record(mine, phone="13900001111"))
    at = latest_audit(zhang).at

    message = refused(li, with_record(theirs, address="新村组12号"))

    number = mine.record.number
    assert message == f"户 {number} 已被 张三(zhang) 于 {stamp(at)} 修改（户联系电话）。你的修改没有保存。"
    stored = load_draft(li, 1).record
    assert (stored.phone, stored.address) == ("13900001111", mine.record.address)
    with li.sessions() as session:  # nothing of 李四's save reached the audit trail either
        assert (
            session.scalar(select(AuditLog.user_name).order_by(AuditLog.id.desc()).limit(1)) == "张三(zhang)"
        )


def test_after_reloading_the_second_clerk_saves_over_the_new_version(two_pcs) -> None:
    zhang, li = two_pcs
    theirs = load_draft(li, 1)
    save_draft(zhang, with_record(load_draft(zhang, 1), phone="13900001111"))
    refused(li, with_record(theirs, address="新村组12号"))

    save_draft(li, with_record(load_draft(li, 1), address="新村组12号"))

    stored = load_draft(zhang, 1).record
    assert (stored.phone, stored.address) == ("13900001111", "新村组12号")


def test_each_save_raises_the_version_so_one_clerk_saves_twice_in_a_row(two_pcs) -> None:
    zhang, _ = two_pcs
    draft = load_draft(zhang, 1)
    save_draft(zhang, with_record(draft, phone="13900001111"))
    again = load_draft(zhang, 1)
    assert again.version == draft.version + 1
    save_draft(zhang, with_record(again, phone="13900002222"))
    assert load_draft(zhang, 1).record.phone == "13900002222"


def test_a_member_change_refuses_a_later_save_of_another_member(two_pcs) -> None:
    zhang, li = two_pcs
    mine, theirs = load_draft(zhang, 1), load_draft(li, 1)
    first, second = mine.record.members[0], theirs.record.members[1]
    save_draft(
        zhang, with_record(mine, members=(replace(first, phone="13700001234"), *mine.record.members[1:]))
    )
    at = latest_audit(zhang).at
    members = list(theirs.record.members)
    members[1] = replace(second, work_place="广东东莞")

    message = refused(li, with_record(theirs, members=tuple(members)))

    assert message == (
        f"户 {mine.record.number} 已被 张三(zhang) 于 {stamp(at)} 修改"
        f"（成员 {first.name} 的 成员联系电话）。你的修改没有保存。"
    )
    with li.sessions() as session:
        assert session.scalar(select(Member.phone).where(Member.id == first.id)) == "13700001234"
        assert session.scalar(select(Member.work_place).where(Member.id == second.id)) == second.work_place


def test_an_income_change_refuses_a_later_save_of_the_incomes(two_pcs) -> None:
    zhang, li = two_pcs
    mine, theirs = load_draft(zhang, 1), load_draft(li, 1)
    wage = IncomeYear(year=2026, people=None, lines=(IncomeLine("工资性收入", "务工收入", 30000.0),))
    save_draft(zhang, with_record(mine, incomes=(*(y for y in mine.record.incomes if y.year != 2026), wage)))
    at = latest_audit(zhang).at
    less = IncomeYear(year=2026, people=None, lines=(IncomeLine("工资性收入", "务工收入", 8000.0),))

    message = refused(
        li, with_record(theirs, incomes=(*(y for y in theirs.record.incomes if y.year != 2026), less))
    )

    assert message.startswith(f"户 {mine.record.number} 已被 张三(zhang) 于 {stamp(at)} ")
    assert "2026年收支核算" in message and message.endswith("你的修改没有保存。")
    kept = next(y for y in load_draft(li, 1).record.incomes if y.year == 2026)
    assert [line.amount for line in kept.lines] == [30000.0]


def test_a_new_measure_refuses_a_later_save_and_stays(two_pcs) -> None:
    zhang, li = two_pcs
    mine, theirs = load_draft(zhang, 1), load_draft(li, 1)
    loan = MeasureRecord(id=None, category="金融帮扶", item="小额信贷", amount=50000.0, year=2026)
    save_draft(zhang, with_record(mine, measures=(loan, *mine.record.measures)))
    at = latest_audit(zhang).at
    award = MeasureRecord(id=None, category="产业帮扶", item="产业奖补", amount=2000.0, year=2026)

    message = refused(li, with_record(theirs, measures=(award, *theirs.record.measures)))

    assert (
        message
        == f"户 {mine.record.number} 已被 张三(zhang) 于 {stamp(at)} 新增（帮扶措施）。你的修改没有保存。"
    )
    with li.sessions() as session:
        items = session.scalars(select(Measure.item).where(Measure.household_id == 1)).all()
    assert "小额信贷" in items and "产业奖补" not in items


def test_a_changed_visit_refuses_a_later_save_of_the_same_visit(two_pcs) -> None:
    zhang, li = two_pcs
    visit = VisitRecord(id=None, visited_on=date(2026, 11, 20), visitor="王干部", problems="屋顶漏雨")
    draft = load_draft(zhang, 1)
    save_draft(zhang, with_record(draft, visits=(visit, *draft.record.visits)))
    mine, theirs = load_draft(zhang, 1), load_draft(li, 1)
    saved = next(v for v in mine.record.visits if v.visitor == "王干部")

    def visits(record, follow_up: str) -> tuple[VisitRecord, ...]:
        return tuple(replace(v, follow_up=follow_up) if v.id == saved.id else v for v in record.visits)

    save_draft(zhang, with_record(mine, visits=visits(mine.record, "申请危房改造")))
    message = refused(li, with_record(theirs, visits=visits(theirs.record, "已解决")))

    assert "已被 张三(zhang)" in message and "走访记录" in message
    with li.sessions() as session:
        assert session.scalar(select(Visit.follow_up).where(Visit.id == saved.id)) == "申请危房改造"


def test_a_member_moved_in_refuses_a_save_of_the_household_it_moved_into(two_pcs) -> None:
    zhang, li = two_pcs
    with zhang.sessions() as session:
        target = session.scalar(select(Household).where(Household.id == 2))
        assert target is not None
        target_number = target.number
    theirs = load_draft(li, 2)
    mine = load_draft(zhang, 1)
    leaving = mine.record.members[-1]
    move = MoveRequest(member=leaving, relation="其他", moved_on=TODAY, reason="投亲", to_household_id=2)
    save_draft(
        zhang, replace(mine, moves=(move,), record=replace(mine.record, members=mine.record.members[:-1]))
    )

    message = refused(li, with_record(theirs, phone="13900003333"))

    assert message.startswith(f"户 {target_number} 已被") and message.endswith("你的修改没有保存。")
    with li.sessions() as session:
        assert session.scalar(select(Member.household_id).where(Member.id == leaving.id)) == 2


def test_archiving_refuses_a_later_save_of_the_open_household(two_pcs) -> None:
    zhang, li = two_pcs
    theirs = load_draft(li, 1)
    archive_household(zhang, 1, "整户迁出", TODAY)

    message = refused(li, with_record(theirs, phone="13900003333"))

    assert f"户 {theirs.record.number} 已被 张三(zhang)" in message and " 归档（" in message
    assert load_draft(li, 1).record.archived


# ---------------------------------------------------------------- helpers, pairings, tasks


def a_helper(ctx: ServiceContext) -> HelperRow:
    return next(h for h in list_helpers(ctx) if not h.archived)


def test_a_later_save_of_a_helper_is_refused_and_the_first_phone_is_kept(two_pcs) -> None:
    zhang, li = two_pcs
    mine = a_helper(zhang)
    theirs = get_helper(li, mine.id)
    update_helper(zhang, mine.id, replace(mine.as_input(), phone="13900004444"), version=mine.version)
    at = latest_audit(zhang).at

    with pytest.raises(EditConflict) as caught:
        update_helper(li, theirs.id, replace(theirs.as_input(), title="副站长"), version=theirs.version)

    assert str(caught.value) == (
        f"帮扶人 {mine.name} 已被 张三(zhang) 于 {stamp(at)} 修改（联系电话）。你的修改没有保存。"
    )
    stored = get_helper(li, mine.id)
    assert (stored.phone, stored.title) == ("13900004444", mine.title)


def test_pairing_a_household_someone_paired_meanwhile_is_refused(two_pcs) -> None:
    zhang, li = two_pcs
    shown = find_households(li, HouseholdFilter(unpaired_only=True))[0]  # 李四's list: 未结对
    helpers = [h for h in list_helpers(zhang) if not h.archived and h.role == PAIRING_ROLE and h.load < 5]
    first, second = helpers[0], helpers[1]
    assign_households(zhang, first.id, [shown.id], expected={shown.id: None})
    at = latest_audit(zhang).at

    with pytest.raises(EditConflict) as caught:
        assign_households(li, second.id, [shown.id], expected={shown.id: shown.helper_id})

    assert str(caught.value) == (
        f"户 {shown.number} 的结对 已被 张三(zhang) 于 {stamp(at)} 结对（{first.name}结对 1 户）。你的修改没有保存。"
    )
    assert [(p.helper_id, p.end_date) for p in pairing_history(li, shown.id)] == [(first.id, None)]


def test_unpairing_a_household_reassigned_meanwhile_is_refused(two_pcs) -> None:
    zhang, li = two_pcs
    shown = next(h for h in find_households(li) if h.helper_id is not None)
    other = next(
        h
        for h in list_helpers(zhang)
        if not h.archived and h.role == PAIRING_ROLE and h.id != shown.helper_id and h.load < 5
    )
    assign_households(zhang, other.id, [shown.id], expected={shown.id: shown.helper_id})

    with pytest.raises(EditConflict, match=f"户 {shown.number} 的结对 已被 张三"):
        unpair_households(li, [shown.id], "工作调整", expected={shown.id: shown.helper_id})

    current = [p for p in pairing_history(li, shown.id) if p.end_date is None]
    assert [p.helper_id for p in current] == [other.id]


def open_task(ctx: ServiceContext) -> TaskDetail:
    task_id = next(t.id for t in list_tasks(ctx).rows if t.status == "待整改")
    return task_detail(ctx, task_id)


def test_a_later_save_of_a_task_is_refused_and_the_first_change_is_kept(two_pcs) -> None:
    zhang, li = two_pcs
    mine = open_task(zhang)
    theirs = task_detail(li, mine.id)
    update_task(zhang, mine.id, replace(mine.draft, person="王小明"), version=mine.version)
    at = latest_audit(zhang).at

    with pytest.raises(EditConflict) as caught:
        update_task(li, theirs.id, replace(theirs.draft, measures="先排查再整改"), version=theirs.version)

    assert str(caught.value) == (
        f"整改任务第{mine.row.seq}项 已被 张三(zhang) 于 {stamp(at)} 修改（责任人）。你的修改没有保存。"
    )
    stored = task_detail(li, mine.id).draft
    assert (stored.person, stored.measures) == ("王小明", mine.draft.measures)


def test_a_step_on_a_task_changed_meanwhile_is_refused(two_pcs) -> None:
    zhang, li = two_pcs
    mine = open_task(zhang)
    theirs = task_detail(li, mine.id)
    perform(zhang, mine.id, TaskAction.START, ActionRequest(note="已召开专题会"), version=mine.version)

    with pytest.raises(
        EditConflict, match=f"整改任务第{mine.row.seq}项 已被 张三.* 开始整改（已召开专题会）"
    ):
        perform(li, theirs.id, TaskAction.VOID, ActionRequest(note="重复"), version=theirs.version)

    assert task_detail(li, mine.id).row.status == "整改中"


# ---------------------------------------------------------------- settings and code lists


def admins(two_pcs) -> tuple[ServiceContext, ServiceContext]:
    """Settings and code lists are the administrator's: both PCs signed in as one."""
    return tuple(pc.acting_as(replace(pc.actor, role=Role.ADMIN)) for pc in two_pcs)  # type: ignore[return-value]


def test_settings_others_changed_stay_and_the_same_setting_is_refused(two_pcs) -> None:
    zhang, li = admins(two_pcs)
    mine, theirs = get_settings(zhang), get_settings(li)
    rows = list_thresholds(zhang)
    save_settings_and_thresholds(zhang, replace(mine, township="青山镇"), rows, base=mine, base_rows=rows)
    at = latest_audit(zhang).at

    # 李四 changed another setting: saved, and 张三's 乡镇 stays
    save_settings_and_thresholds(li, replace(theirs, yellow_days=10), rows, base=theirs, base_rows=rows)
    assert (get_settings(li).township, get_settings(li).yellow_days) == ("青山镇", 10)

    with pytest.raises(EditConflict) as caught:  # the same setting, from the screen opened before
        save_settings_and_thresholds(
            li, replace(theirs, township="白云乡"), rows, base=theirs, base_rows=rows
        )

    # who changed 乡镇 (张三), not who saved settings last (李四)
    assert str(caught.value) == f"设置 已被 张三(zhang) 于 {stamp(at)} 修改（乡镇）。你的修改没有保存。"
    assert get_settings(li).township == "青山镇"


def test_a_settings_save_never_writes_back_an_old_threshold_table(two_pcs) -> None:
    zhang, li = admins(two_pcs)
    settings, rows = get_settings(li), list_thresholds(li)
    changed = [replace(rows[-1], amount=rows[-1].amount + 500), *rows[:-1]]
    save_settings_and_thresholds(zhang, get_settings(zhang), changed, base=settings, base_rows=rows)

    save_settings_and_thresholds(li, replace(settings, yellow_days=9), rows, base=settings, base_rows=rows)
    assert next(r.amount for r in list_thresholds(li) if r.year == rows[-1].year) == rows[-1].amount + 500

    with pytest.raises(EditConflict, match=r"^监测范围表 已被 张三"):
        save_settings_and_thresholds(li, settings, rows[:-1], base=settings, base_rows=rows)
    assert len(list_thresholds(li)) == len(rows)


def test_code_lists_others_changed_stay_and_the_same_list_is_refused(two_pcs) -> None:
    zhang, li = admins(two_pcs)
    mine, theirs = code_table(zhang), code_table(li)
    base_mine = {k: list(v) for k, v in mine.items()}
    base_theirs = {k: list(v) for k, v in theirs.items()}
    mine["民族"].append(CodeEntry("仡佬族"))
    save_code_table(zhang, mine, base=base_mine)
    at = latest_audit(zhang).at

    other = {k: list(v) for k, v in theirs.items()}
    other["文化程度"][0] = replace(other["文化程度"][0], aliases=("无文化",))
    assert save_code_table(li, other, base=base_theirs) == ["文化程度"]  # another list: saved
    assert "仡佬族" in code_lists(li).values["民族"]

    theirs["民族"].append(CodeEntry("布依族（其他）"))
    with pytest.raises(EditConflict) as caught:
        save_code_table(li, theirs, base=base_theirs)
    assert str(caught.value) == (
        f"代码表“民族” 已被 张三(zhang) 于 {stamp(at)} 修改（新增“仡佬族”）。你的修改没有保存。"
    )
    assert "布依族（其他）" not in code_lists(li).values["民族"]


def test_a_household_an_import_changed_refuses_an_editor_opened_before(two_pcs) -> None:
    """What the importer calls after its bulk updates (`edit_versions.bump`)."""
    zhang, li = two_pcs
    theirs = load_draft(li, 1)
    with zhang.sessions.begin() as session:
        session.execute(update(Household).where(Household.id == 1).values(phone="13900006666"))
        bump(session, Household, [1])

    message = refused(li, with_record(theirs, address="新村组12号"))

    assert (
        message == f"户 {theirs.record.number} 已在你打开之后被别人修改。你的修改没有保存。请重新载入后再改。"
    )
    assert load_draft(li, 1).record.phone == "13900006666"
