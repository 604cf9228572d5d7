"""挂图作战 services on the demo township: helpers, pairing with history, the limit, 为未结对户分配,
the village board against independent SQL counts."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from fupin_desktop.db.models import AuditLog, Helper, Household, Pairing
from fupin_desktop.domain.tasks import Colour
from fupin_desktop.errors import InputInvalid, PermissionDenied
from fupin_desktop.services.assignments.board import board_charts, group_board, village_board
from fupin_desktop.services.assignments.helpers import (
    HelperFilter,
    HelperInput,
    archive_helper,
    create_helper,
    get_helper,
    list_helpers,
    restore_helper,
    update_helper,
)
from fupin_desktop.services.assignments.pairings import (
    HouseholdFilter,
    assign_households,
    find_households,
    pairing_history,
    save_pairings,
    suggest_pairings,
    unpair_households,
)
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.demo import DemoSummary
from fupin_desktop.services.register.records import load_households
from fupin_desktop.services.register.settings import get_settings, save_settings
from tests.conftest import TODAY

READER = Actor("guest", "访客", Role.READER)


def _new_helper(ctx: ServiceContext, name: str = "周新春", **changes: object) -> int:
    data = HelperInput(name=name, unit="县农业农村局", unit_level="县直", title="干部", phone="13812345678")
    return create_helper(ctx, replace(data, **changes)).id  # type: ignore[arg-type]


def _audit(ctx: ServiceContext, entity: str) -> list[AuditLog]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditLog).where(AuditLog.entity == entity).order_by(AuditLog.id)))


# ------------------------------------------------------------------ helpers


def test_helpers_are_created_found_edited_and_audited(demo_ctx: ServiceContext) -> None:
    helper_id = _new_helper(demo_ctx, phone="138 1234 5678", id_number="11010519491231002x")
    found = list_helpers(demo_ctx, HelperFilter(search="新春"))
    assert [h.id for h in found] == [helper_id]
    row = found[0]
    assert row.phone == "13812345678" and row.id_number == "11010519491231002X"
    assert row.load == 0 and row.role == "帮扶责任人"
    assert [h.id for h in list_helpers(demo_ctx, HelperFilter(search="13812345678"))] == [helper_id]

    updated = update_helper(demo_ctx, helper_id, replace(row.as_input(), title="副局长", unit_level="乡镇"))
    assert updated.title == "副局长"
    rows = _audit(demo_ctx, "helper")
    assert [r.action for r in rows[-2:]] == ["新增", "修改"]
    assert "职务" in rows[-1].summary and "单位隶属" in rows[-1].summary
    assert "11010519491231002X" not in (rows[-2].after or "")  # audit rows hold masked numbers


def test_helper_input_is_checked_all_at_once(demo_ctx: ServiceContext) -> None:
    bad = HelperInput(name=" ", role="队长", phone="12345", id_number="110105194912310021", unit_level="省级")
    with pytest.raises(InputInvalid) as caught:
        create_helper(demo_ctx, bad)
    message = caught.value.message
    for part in ("请填写姓名", "角色“队长”", "单位隶属“省级”", "联系电话“12345”", "校验位"):
        assert part in message
    assert update_helper(
        demo_ctx, _new_helper(demo_ctx), HelperInput(name="李四", phone="0851-8123456")
    ).phone


def test_readers_see_masked_numbers_and_cannot_change_helpers(demo_ctx: ServiceContext) -> None:
    helper_id = _new_helper(demo_ctx, id_number="11010519491231002X")
    reader = demo_ctx.acting_as(READER)
    assert get_helper(reader, helper_id).id_number == "110105********002X"
    with pytest.raises(PermissionDenied):
        create_helper(reader, HelperInput(name="王五"))
    with pytest.raises(PermissionDenied):
        assign_households(reader, helper_id, [1])


def test_a_helper_with_households_is_archived_only_when_they_are_released(demo_ctx: ServiceContext) -> None:
    busy = next(h for h in list_helpers(demo_ctx) if h.load == 5)
    with pytest.raises(InputInvalid, match="还有 5 户结对农户"):
        archive_helper(demo_ctx, busy.id, "工作调动")
    households = [h.id for h in find_households(demo_ctx, HouseholdFilter(helper_id=busy.id))]
    archived = archive_helper(demo_ctx, busy.id, "工作调动", release_households=True)
    assert archived.archived and archived.archived_on == TODAY and archived.load == 0
    assert all(h.helper_id is None for h in find_households(demo_ctx, HouseholdFilter(ids=tuple(households))))
    assert busy.id not in [h.id for h in list_helpers(demo_ctx)]
    assert busy.id in [h.id for h in list_helpers(demo_ctx, HelperFilter(include_archived=True))]
    history = pairing_history(demo_ctx, households[0])
    assert history[0].end_date == TODAY and history[0].end_reason == "帮扶人归档：工作调动"
    with pytest.raises(InputInvalid, match="已归档"):
        assign_households(demo_ctx, busy.id, households[:1])
    assert not restore_helper(demo_ctx, busy.id).archived


def test_helper_filters(demo_ctx: ServiceContext) -> None:
    overloaded = list_helpers(demo_ctx, HelperFilter(overloaded_only=True))
    assert len(overloaded) == 3 and all(h.load == 7 and h.overloaded for h in overloaded)
    village = find_households(demo_ctx)[0].village_id
    in_village = list_helpers(demo_ctx, HelperFilter(village_id=village))
    assert in_village and all(
        h.village_id == village
        or find_households(demo_ctx, HouseholdFilter(helper_id=h.id, village_id=village))
        for h in in_village
    )
    assert {h.role for h in list_helpers(demo_ctx, HelperFilter(role="驻村第一书记"))} == {"驻村第一书记"}


# ------------------------------------------------------------------ pairing


def test_reassigning_keeps_the_history(demo_ctx: ServiceContext) -> None:
    household = next(h for h in find_households(demo_ctx) if h.helper_id is not None)
    old_helper = household.helper_id
    new_helper = _new_helper(demo_ctx)
    result = assign_households(demo_ctx, new_helper, [household.id], reason="工作调动")
    assert (result.paired, result.reassigned, result.unchanged) == (1, 1, 0)

    history = pairing_history(demo_ctx, household.id)
    assert [p.helper_id for p in history[:2]] == [new_helper, old_helper]
    assert history[0].current and history[0].start_date == TODAY
    assert history[1].end_date == TODAY - timedelta(days=1) and history[1].end_reason == "工作调动"
    with demo_ctx.sessions() as session:  # what the household editor shows
        record = load_households(session, [household.id])[0]
    assert record.current_pairing is not None and record.current_pairing.helper_id == new_helper
    assert old_helper in [p.helper_id for p in record.pairings if not p.current]
    again = assign_households(demo_ctx, new_helper, [household.id])
    assert (again.paired, again.unchanged) == (0, 1)
    assert "改派 1 户" in _audit(demo_ctx, "pairing")[-1].summary


def test_the_database_refuses_two_current_helpers(demo_ctx: ServiceContext) -> None:
    household = next(h for h in find_households(demo_ctx) if h.helper_id is not None)
    with pytest.raises(IntegrityError), demo_ctx.sessions.begin() as session:
        session.execute(
            insert(Pairing), [{"helper_id": 1, "household_id": household.id, "start_date": TODAY}]
        )


def test_the_limit_is_enforced(demo_ctx: ServiceContext) -> None:
    helper_id = _new_helper(demo_ctx)
    unpaired = [h.id for h in find_households(demo_ctx, HouseholdFilter(unpaired_only=True))]
    assign_households(demo_ctx, helper_id, unpaired[:4])
    with pytest.raises(InputInvalid) as caught:
        assign_households(demo_ctx, helper_id, unpaired[4:6])
    assert "再结对 2 户将达到 6 户，超过每人 5 户的上限" in caught.value.message
    assert get_helper(demo_ctx, helper_id).load == 4  # nothing was saved
    full = next(h for h in list_helpers(demo_ctx) if h.load == 7)
    with pytest.raises(InputInvalid, match="不能再增加"):
        assign_households(demo_ctx, full.id, unpaired[6:7])
    save_settings(demo_ctx, get_settings(demo_ctx).with_changes(helper_limit=6))
    assign_households(demo_ctx, helper_id, unpaired[4:6])
    assert get_helper(demo_ctx, helper_id).load == 6


def test_unpairing_and_the_start_date(demo_ctx: ServiceContext) -> None:
    household = next(h for h in find_households(demo_ctx) if h.helper_id is not None)
    assert unpair_households(demo_ctx, [household.id], "户已搬迁") == 1
    assert find_households(demo_ctx, HouseholdFilter(ids=(household.id,)))[0].helper_id is None
    with pytest.raises(InputInvalid, match="无需解除"):
        unpair_households(demo_ctx, [household.id])
    helper_id = _new_helper(demo_ctx)
    with pytest.raises(InputInvalid, match="晚于今天"):
        assign_households(demo_ctx, helper_id, [household.id], start=TODAY + timedelta(days=1))
    assign_households(demo_ctx, helper_id, [household.id], start=date(2026, 10, 1))
    assert pairing_history(demo_ctx, household.id)[0].start_date == date(2026, 10, 1)


def test_household_lists_filter_in_sql(demo_ctx: ServiceContext) -> None:
    everyone = find_households(demo_ctx)
    assert len(everyone) == 600
    unpaired = find_households(demo_ctx, HouseholdFilter(unpaired_only=True))
    assert unpaired and all(h.helper_id is None for h in unpaired)
    village = everyone[0].village_id
    mine = find_households(demo_ctx, HouseholdFilter(village_id=village, monitored_only=True))
    assert mine and all(h.village_id == village and h.monitor_category for h in mine)
    head = everyone[5].head
    assert everyone[5].id in [h.id for h in find_households(demo_ctx, HouseholdFilter(search=head))]
    assert [h.id for h in find_households(demo_ctx, HouseholdFilter(search=everyone[7].number))] == [
        everyone[7].id
    ]


# ------------------------------------------------------------------ 为未结对户分配


def _loads(ctx: ServiceContext) -> dict[int, int]:
    return {h.id: h.load for h in list_helpers(ctx, HelperFilter(include_archived=True))}


def test_the_suggestion_pairs_every_unpaired_household_within_the_limit(demo_ctx: ServiceContext) -> None:
    before = _loads(demo_ctx)
    suggestion = suggest_pairings(demo_ctx)
    unpaired = find_households(demo_ctx, HouseholdFilter(unpaired_only=True))
    assert suggestion.households == len(unpaired) > 0
    assert suggestion.placed == suggestion.households  # the demo has room in every village
    limit = suggestion.limit
    added: dict[int, int] = {}
    for _household, helper in suggestion.pairs():
        added[helper] = added.get(helper, 0) + 1
    assert all(before.get(h, 0) + n <= limit for h, n in added.items())
    for village in suggestion.villages:  # helpers already in the village come first
        own = {o.id for o in village.helpers if o.in_village}
        room = sum(limit - o.load for o in village.helpers if o.in_village and o.load < limit)
        placed_own = sum(1 for h in village.helper_ids if h in own)
        assert placed_own == min(room, len(village.households))

    assert save_pairings(demo_ctx, suggestion.pairs()) == suggestion.placed
    assert find_households(demo_ctx, HouseholdFilter(unpaired_only=True)) == []
    after = _loads(demo_ctx)
    assert all(after[h] <= limit for h in added)
    assert village_board(demo_ctx).total.unpaired == 0
    assert "为未结对户分配" in _audit(demo_ctx, "pairing")[-1].summary


def test_without_room_households_stay_unplaced_and_nobody_goes_over(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions.begin() as session:  # no spare helpers: only those already in villages
        idle = select(Helper.id).where(
            Helper.id.not_in(select(Pairing.helper_id).where(Pairing.end_date.is_(None)))
        )
        for helper in session.scalars(select(Helper).where(Helper.id.in_(idle))):
            helper.archived = True
    save_settings(demo_ctx, get_settings(demo_ctx).with_changes(helper_limit=4))  # most are full
    suggestion = suggest_pairings(demo_ctx)
    assert 0 < suggestion.placed < suggestion.households
    before = _loads(demo_ctx)
    for village in suggestion.villages:
        room = sum(suggestion.limit - o.load for o in village.helpers if o.load < suggestion.limit)
        assert village.placed == min(room, len(village.households))
    save_pairings(demo_ctx, suggestion.pairs())
    after = _loads(demo_ctx)
    assert all(after[h] <= suggestion.limit for h in after if after[h] != before.get(h))


def test_a_reviewed_suggestion_is_saved_whole_or_not_at_all(demo_ctx: ServiceContext) -> None:
    suggestion = suggest_pairings(demo_ctx)
    pairs = suggestion.pairs()
    crowded = [(household, pairs[0][1]) for household, _ in pairs[:7]]  # seven on one helper
    with pytest.raises(InputInvalid, match="上限"):
        save_pairings(demo_ctx, crowded)
    assign_households(demo_ctx, _new_helper(demo_ctx), [pairs[0][0]])
    with pytest.raises(InputInvalid, match="已经有帮扶人"):
        save_pairings(demo_ctx, pairs)
    with demo_ctx.sessions() as session:
        current = session.scalar(select(func.count()).select_from(Pairing).where(Pairing.end_date.is_(None)))
    assert current == 600 - len(pairs) + 1


# ------------------------------------------------------------------ the board


def _sql_counts(demo_ctx: ServiceContext) -> dict[str, dict[str, int]]:
    """Per village, counted with plain SQL through sqlite3 (not the service's queries)."""
    db = sqlite3.connect(demo_ctx.paths.database)
    limit = json.loads(
        (db.execute("SELECT value FROM setting WHERE key = 'helper_limit'").fetchone() or ["5"])[0]
    )
    out: dict[str, dict[str, int]] = {}
    for vid, name in db.execute("SELECT id, name FROM area WHERE level = 'village'"):

        def one(sql: str, *args: object, vid: int = vid) -> int:
            return db.execute(sql, (vid, *args)).fetchone()[0]

        active = "FROM household h WHERE h.village_id = ? AND h.archived = 0"
        people = (
            "SELECT count(*) FROM member m JOIN household h ON h.id = m.household_id "
            "WHERE h.village_id = ? AND h.archived = 0 AND m.status = '在册'"
        )
        out[name] = {
            "households": one(f"SELECT count(*) {active}"),
            "people": one(people),
            "poor": one(f"SELECT count(*) {active} AND h.household_type = '脱贫户'"),
            "poor_people": one(people + " AND h.household_type = '脱贫户'"),
            "unstable": one(f"SELECT count(*) {active} AND h.monitor_category = '脱贫不稳定户'"),
            "eliminated": one(
                f"SELECT count(*) {active} AND h.monitor_category IS NOT NULL AND h.risk_eliminated = 1"
            ),
            "not_eliminated_people": one(
                people + " AND h.monitor_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0"
            ),
            "unpaired": one(
                f"SELECT count(*) {active} AND NOT EXISTS "
                "(SELECT 1 FROM pairing p WHERE p.household_id = h.id AND p.end_date IS NULL)"
            ),
            "overloaded": one(
                "SELECT count(DISTINCT p.helper_id) FROM pairing p JOIN household h ON h.id = p.household_id "
                "WHERE h.village_id = ? AND p.end_date IS NULL AND h.archived = 0 AND p.helper_id IN "
                "(SELECT p2.helper_id FROM pairing p2 JOIN household h2 ON h2.id = p2.household_id "
                " WHERE p2.end_date IS NULL AND h2.archived = 0 GROUP BY p2.helper_id HAVING count(*) > ?)",
                limit,
            ),
            "tasks": one("SELECT count(*) FROM task WHERE village_id = ? AND status != '已销号'"),
        }
    db.close()
    return out


def test_board_counts_equal_sql_counts(demo_ctx: ServiceContext) -> None:
    board = village_board(demo_ctx)
    expected = _sql_counts(demo_ctx)
    assert [r.name for r in board.rows] == list(expected)
    for row in board.rows:
        want = expected[row.name]
        got = {
            "households": row.all.households,
            "people": row.all.people,
            "poor": row.out_of_poverty.households,
            "poor_people": row.out_of_poverty.people,
            "unstable": row.category("脱贫不稳定户").households,
            "eliminated": row.eliminated.households,
            "not_eliminated_people": row.not_eliminated.people,
            "unpaired": row.unpaired,
            "overloaded": row.overloaded,
            "tasks": row.tasks_open,
        }
        assert got == want, row.name
    total = board.total
    assert total.all.households == 600 and total.unpaired == sum(v["unpaired"] for v in expected.values())
    assert total.overloaded == 3 and total.tasks_open == 28  # the demo's open tasks
    assert board.scope == "清水镇" and not board.by_group


def test_a_village_board_has_its_groups(demo_ctx: ServiceContext) -> None:
    township = village_board(demo_ctx)
    village = township.rows[1]
    board = group_board(demo_ctx, village.area_id)
    assert board.by_group and board.scope == village.name
    assert sum(r.all.households for r in board.rows) == village.all.households == board.total.all.households
    assert board.total.unpaired == village.unpaired and board.total.overloaded == village.overloaded
    assert board.total.open_tasks == village.open_tasks
    assert all(text == "—" for r in board.rows for text in board.texts(r)[-3:])
    assert board.texts(board.total)[-3:] == tuple(
        str(village.open_tasks.get(c, 0)) for c in (Colour.RED, Colour.YELLOW, Colour.BLUE)
    )


def test_open_tasks_on_the_board_carry_the_task_list_colours(demo_ctx: ServiceContext) -> None:
    """整改未销号 by 红灯/黄牌/蓝签 equals the 整改清单's own colour counts, for the township and a village."""
    from fupin_desktop.services.rectification.listing import TaskQuery, list_tasks

    board = village_board(demo_ctx)
    listed = list_tasks(demo_ctx).colour_counts
    assert board.total.open_tasks == {c: listed[c] for c in (Colour.RED, Colour.YELLOW, Colour.BLUE)}
    assert all(board.total.open_tasks[c] > 0 for c in (Colour.RED, Colour.YELLOW, Colour.BLUE))
    village = next(r for r in board.rows if r.tasks_open)
    in_village = [
        t
        for t in list_tasks(demo_ctx, TaskQuery()).rows
        if t.village_id == village.area_id and t.status != "已销号"
    ]
    assert village.open_tasks == {
        c: sum(1 for t in in_village if t.colour == c) for c in (Colour.RED, Colour.YELLOW, Colour.BLUE)
    }


def test_charts_narrow_to_a_village(demo_ctx: ServiceContext, demo_summary: DemoSummary) -> None:
    # a household with nobody left on the register (a planted case) has no 人均纯收入 to chart
    memberless = {e.household for e in demo_summary.deliberate_errors if e.kind == "no_members"}
    township = board_charts(demo_ctx)
    assert len(township.categories.labels) == 12 and township.area_label == "村"
    assert sum(township.categories.totals()) == 600
    assert len(township.income.per_capita) == 600 - len(memberless) and township.income.threshold == 8100.0
    assert township.loads.limit == 5 and sum(1 for n in township.loads.loads if n > 5) == 3
    village = village_board(demo_ctx).rows[0]
    narrow = board_charts(demo_ctx, village.area_id)
    assert narrow.scope == village.name and narrow.area_label == "组"
    assert sum(narrow.categories.totals()) == village.all.households
    with demo_ctx.sessions() as session:
        here = session.scalars(select(Household.number).where(Household.village_id == village.area_id)).all()
    assert len(narrow.income.per_capita) == village.all.households - len(memberless & set(here))
    assert sum(narrow.risks.totals()) <= sum(township.risks.totals())
    assert narrow.measures.base == village.monitored.households
