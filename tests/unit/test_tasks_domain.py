"""整改清单 rules: every allowed and forbidden transition, what each action needs, the colours at the
boundary days, escalation, and findings grouped into tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from fupin_desktop.domain.tasks import (
    ACTIONS,
    STATUSES,
    Colour,
    Grouping,
    TaskAction,
    TaskError,
    TaskStatus,
    TaskView,
    WarningRules,
    allowed_actions,
    check_action_input,
    count_extensions,
    days_text,
    effective_events,
    group_findings,
    needs_admin,
    next_status,
    problems_of_task,
    scope_text,
    undo_needs_admin,
    undoable_event,
    warning,
)

TODAY = date(2026, 11, 23)
TODO, DOING, REVIEW, CLOSED, VOID = TaskStatus

# Every (status, action) the lifecycle allows and where it leads; everything else is forbidden.
ALLOWED = {
    (TODO, TaskAction.START): DOING,
    (TODO, TaskAction.EXTEND): TODO,
    (DOING, TaskAction.SUBMIT): REVIEW,
    (DOING, TaskAction.EXTEND): DOING,
    (REVIEW, TaskAction.CLOSE): CLOSED,
    (REVIEW, TaskAction.REJECT): DOING,
    (REVIEW, TaskAction.EXTEND): REVIEW,
    (CLOSED, TaskAction.REOPEN): DOING,
    (TODO, TaskAction.VOID): VOID,
    (DOING, TaskAction.VOID): VOID,
    (REVIEW, TaskAction.VOID): VOID,
}
ALL_PAIRS = [(s, a) for s in (*STATUSES, VOID) for a in TaskAction]


@pytest.mark.parametrize(("status", "action"), list(ALLOWED))
def test_allowed_transitions_lead_where_the_lifecycle_says(status: TaskStatus, action: TaskAction) -> None:
    assert next_status(status, action) is ALLOWED[(status, action)]
    assert action in allowed_actions(status)


@pytest.mark.parametrize(("status", "action"), [p for p in ALL_PAIRS if p not in ALLOWED])
def test_forbidden_transitions_are_refused_with_a_message(status: TaskStatus, action: TaskAction) -> None:
    assert action not in allowed_actions(status)
    with pytest.raises(TaskError) as caught:
        next_status(status, action)
    message = str(caught.value)
    assert f"任务当前为“{status}”" in message and action.label in message


def test_offered_actions_per_status_in_lifecycle_order() -> None:
    assert allowed_actions(TODO) == (TaskAction.START, TaskAction.EXTEND, TaskAction.VOID)
    assert allowed_actions(DOING) == (TaskAction.SUBMIT, TaskAction.EXTEND, TaskAction.VOID)
    assert allowed_actions(REVIEW) == (
        TaskAction.CLOSE,
        TaskAction.REJECT,
        TaskAction.EXTEND,
        TaskAction.VOID,
    )
    assert allowed_actions(CLOSED) == (TaskAction.REOPEN,)
    assert allowed_actions(VOID) == ()
    assert allowed_actions("不存在的状态") == ()


def test_reopen_and_voiding_begun_work_need_the_administrator() -> None:
    assert [a for a, spec in ACTIONS.items() if spec.admin_only] == [TaskAction.REOPEN, TaskAction.VOID]
    assert [s for s in STATUSES if needs_admin(TaskAction.VOID, s)] == [DOING, REVIEW, CLOSED]
    assert needs_admin(TaskAction.REOPEN, CLOSED) and not needs_admin(TaskAction.START, TODO)
    assert VOID not in STATUSES and TaskView.ALL.statuses == STATUSES and TaskView.VOID.statuses == (VOID,)


@dataclass(frozen=True)
class Event:
    id: int
    from_status: str | None
    to_status: str
    note: str = ""


def test_undo_takes_back_the_newest_standing_step_never_the_creation() -> None:
    events = [Event(1, None, TODO, "建立整改任务"), Event(2, TODO, DOING), Event(3, DOING, REVIEW)]
    assert undoable_event(events) == events[2]
    events.append(Event(4, REVIEW, DOING, "撤销：整改中 → 待验收"))
    assert undoable_event(events) == events[1]
    events.append(Event(5, DOING, TODO, "撤销：待整改 → 整改中"))
    assert undoable_event(events) is None and effective_events(events) == [events[0]]
    assert undo_needs_admin(Event(6, REVIEW, CLOSED)) and undo_needs_admin(Event(7, CLOSED, DOING))
    assert not undo_needs_admin(Event(8, DOING, VOID))


def test_voided_tasks_are_grey_without_marks() -> None:
    w = warning(VOID, TODAY - timedelta(days=5), TODAY, extensions=3, supervised=True)
    assert w.colour is Colour.GREY and w.label == "已作废" and w.marks == () and w.days_left is None


@pytest.mark.parametrize("action", [TaskAction.REJECT, TaskAction.REOPEN, TaskAction.EXTEND])
def test_reject_reopen_and_extend_need_a_reason(action: TaskAction) -> None:
    later = TODAY + timedelta(days=30) if action.spec.takes_deadline else None
    with pytest.raises(TaskError, match="必须写明原因"):
        check_action_input(action, note="  ", deadline=TODAY, new_deadline=later, today=TODAY)
    check_action_input(action, note="复查发现问题反弹", deadline=TODAY, new_deadline=later, today=TODAY)


def test_extend_needs_a_new_deadline_not_in_the_past() -> None:
    def extend(new: date | None) -> None:
        check_action_input(TaskAction.EXTEND, note="工期长", deadline=TODAY, new_deadline=new, today=TODAY)

    with pytest.raises(TaskError, match="新的整改时限"):
        extend(None)
    with pytest.raises(TaskError, match="与原时限相同"):
        extend(TODAY)
    with pytest.raises(TaskError, match="早于今天"):
        check_action_input(
            TaskAction.EXTEND,
            note="x",
            deadline=TODAY - timedelta(days=9),
            new_deadline=TODAY - timedelta(days=1),
            today=TODAY,
        )
    extend(TODAY + timedelta(days=1))


def test_closing_needs_a_result_and_at_least_one_piece_of_evidence() -> None:
    with pytest.raises(TaskError, match="整改结果说明"):
        check_action_input(TaskAction.CLOSE, result=" ", evidence_count=3, today=TODAY)
    with pytest.raises(TaskError, match="至少有一项佐证材料"):
        check_action_input(TaskAction.CLOSE, result="已完成加固", evidence_count=0, today=TODAY)
    check_action_input(TaskAction.CLOSE, result="已完成加固", evidence_count=1, today=TODAY)


def test_start_and_submit_need_nothing_more() -> None:
    check_action_input(TaskAction.START, today=TODAY)
    check_action_input(TaskAction.SUBMIT, today=TODAY)


@pytest.mark.parametrize("action", [a for a in TaskAction if not a.spec.takes_deadline])
def test_only_extend_and_reopen_take_a_new_deadline(action: TaskAction) -> None:
    with pytest.raises(TaskError, match="不改变整改时限"):
        check_action_input(
            action,
            today=TODAY,
            note="x",
            result="x",
            evidence_count=1,
            new_deadline=TODAY + timedelta(days=9),
        )


def test_reopen_may_set_a_new_deadline_which_must_be_valid() -> None:
    check_action_input(TaskAction.REOPEN, today=TODAY, note="复查反弹", deadline=TODAY - timedelta(days=40))
    check_action_input(
        TaskAction.REOPEN,
        today=TODAY,
        note="复查反弹",
        deadline=TODAY,
        new_deadline=TODAY + timedelta(days=30),
    )
    with pytest.raises(TaskError, match="早于今天"):
        check_action_input(
            TaskAction.REOPEN,
            today=TODAY,
            note="复查反弹",
            deadline=TODAY - timedelta(days=40),
            new_deadline=TODAY - timedelta(days=1),
        )


# ------------------------------------------------------------------ colours


def colour_on(deadline: date, **kwargs: object) -> Colour:
    return warning(DOING, deadline, TODAY, **kwargs).colour  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("offset", "colour", "days"),
    [
        (-1, Colour.RED, "超期 1 天"),  # yesterday: past the deadline
        (0, Colour.YELLOW, "今天到期"),  # deadline = today: not yet past
        (7, Colour.YELLOW, "剩 7 天"),  # the last day of the yellow window
        (8, Colour.BLUE, "剩 8 天"),
        (-30, Colour.RED, "超期 30 天"),
    ],
)
def test_colour_at_the_boundary_days(offset: int, colour: Colour, days: str) -> None:
    result = warning(TODO, TODAY + timedelta(days=offset), TODAY)
    assert result.colour is colour
    assert result.days_left == offset
    assert result.days_text == days


@pytest.mark.parametrize("status", [TODO, DOING, REVIEW])
def test_red_exactly_when_open_past_the_deadline(status: TaskStatus) -> None:
    for offset in range(-3, 12):
        red = warning(status, TODAY + timedelta(days=offset), TODAY).colour is Colour.RED
        assert red == (offset < 0)


def test_closed_is_grey_whatever_the_deadline() -> None:
    for offset in (-100, -1, 0, 3, 100):
        result = warning(CLOSED, TODAY + timedelta(days=offset), TODAY, extensions=3, supervised=True)
        assert result.colour is Colour.GREY
        assert result.days_left is None and result.days_text == "—"
        assert not result.escalated and result.supervised


def test_an_extended_deadline_is_yellow_even_when_far_off() -> None:
    far = TODAY + timedelta(days=60)
    assert colour_on(far) is Colour.BLUE
    assert colour_on(far, extensions=1) is Colour.YELLOW
    assert colour_on(TODAY - timedelta(days=1), extensions=1) is Colour.RED  # red still wins


def test_the_yellow_window_is_configurable() -> None:
    rules = WarningRules(yellow_days=3)
    assert colour_on(TODAY + timedelta(days=3), rules=rules) is Colour.YELLOW
    assert colour_on(TODAY + timedelta(days=4), rules=rules) is Colour.BLUE
    rules = WarningRules(yellow_days=0)
    assert colour_on(TODAY, rules=rules) is Colour.YELLOW
    assert colour_on(TODAY + timedelta(days=1), rules=rules) is Colour.BLUE


def test_escalation_after_the_configured_number_of_extensions() -> None:
    far = TODAY + timedelta(days=40)
    assert not warning(DOING, far, TODAY, extensions=1).escalated
    escalated = warning(DOING, far, TODAY, extensions=2)
    assert escalated.escalated and escalated.label == "黄牌 · 升级"
    assert warning(DOING, far, TODAY, extensions=1, rules=WarningRules(escalate_after_extensions=1)).escalated
    assert not warning(
        DOING, far, TODAY, extensions=5, rules=WarningRules(escalate_after_extensions=0)
    ).escalated


def test_supervision_carries_its_own_mark_beside_the_colour() -> None:
    result = warning(TODO, TODAY - timedelta(days=2), TODAY, extensions=2, supervised=True)
    assert result.colour is Colour.RED
    assert result.marks == ("升级", "督办")
    assert result.label == "红灯 · 升级 · 督办"
    assert warning(TODO, TODAY + timedelta(days=20), TODAY, supervised=True).label == "蓝签 · 督办"


def test_only_later_deadlines_count_as_extensions() -> None:
    d = TODAY
    changes = [
        (d, d + timedelta(days=10)),
        (d + timedelta(days=10), d + timedelta(days=5)),
        (d, d + timedelta(1)),
    ]
    assert count_extensions(changes) == 2
    assert count_extensions([]) == 0


def test_scope_text() -> None:
    assert scope_text("清水村", []) == "清水村"
    assert scope_text("清水村", ["张三"]) == "清水村 张三户"
    assert scope_text("清水村", ["甲", "乙", "丙", "丁"]) == "清水村 甲户、乙户、丙户等4户"
    assert scope_text("", ["甲"]) == "甲户"


def test_days_text() -> None:
    assert [days_text(n) for n in (None, 2, 1, 0, -1)] == ["—", "剩 2 天", "剩 1 天", "今天到期", "超期 1 天"]


def test_working_views_cover_every_status_once() -> None:
    parts = [TaskView.NEW.statuses, TaskView.ACTIVE.statuses, TaskView.DONE.statuses]
    assert sorted(s for part in parts for s in part) == sorted(STATUSES)
    assert TaskView.ALL.statuses == STATUSES


def test_problems_of_task_fields() -> None:
    ok = {"source": "县级督查", "category": "住房安全", "description": "危房未改造", "found_on": TODAY}
    assert problems_of_task(deadline=TODAY, **ok) == []
    assert problems_of_task(source="", category="", description=" ", deadline=None, found_on=None) == [
        "请选择问题来源。",
        "请选择问题类别。",
        "请填写问题表现（发现了什么问题）。",
        "请确定整改时限。",
    ]
    assert "早于发现时间" in problems_of_task(deadline=TODAY - timedelta(days=1), **ok)[0]


# ------------------------------------------------------------------ findings


@dataclass(frozen=True)
class Finding:
    code: str
    household_id: int
    message: str


@dataclass(frozen=True)
class NamedFinding(Finding):
    rule_title: str
    category: str


VILLAGES = {1: "清水村", 2: "清水村", 3: "石桥村"}


def test_one_task_per_finding() -> None:
    findings = [Finding("ID01", 1, "张三证件号码校验位错误"), Finding("ID01", 1, "李四证件号码校验位错误")]
    groups = group_findings(findings, VILLAGES, Grouping.EACH)
    assert [g.description() for g in groups] == ["张三证件号码校验位错误", "李四证件号码校验位错误"]
    assert [g.household_ids for g in groups] == [(1,), (1,)]
    assert groups[0].category == "档案信息" and groups[0].title == "ID01"


def test_grouped_per_village_and_rule() -> None:
    findings = [
        NamedFinding("ID01", 1, "户1：校验位错误", "证件号码错误", "档案信息"),
        NamedFinding("HS01", 3, "户3：危房未改造", "危房未改造", "住房安全"),
        NamedFinding("ID01", 2, "户2：校验位错误", "证件号码错误", "档案信息"),
        NamedFinding("ID01", 2, "户2：另一成员校验位错误", "证件号码错误", "档案信息"),
        NamedFinding("ID01", 3, "户3：校验位错误", "证件号码错误", "档案信息"),
    ]
    groups = group_findings(findings, VILLAGES, Grouping.VILLAGE_RULE)
    assert [(g.village, g.code, g.household_ids) for g in groups] == [
        ("清水村", "ID01", (1, 2)),
        ("石桥村", "HS01", (3,)),
        ("石桥村", "ID01", (3,)),
    ]
    assert (
        groups[0].description()
        == "清水村证件号码错误：2户3条（户1：校验位错误；户2：校验位错误；户2：另一成员校验位错误）"
    )
    assert groups[1].category == "住房安全" and groups[1].description() == "户3：危房未改造"
    many = group_findings([Finding("X", 1, f"第{n}条") for n in range(7)], VILLAGES, Grouping.VILLAGE_RULE)
    assert many[0].description(limit=2) == "清水村X：1户7条（第0条；第1条等7条）"
