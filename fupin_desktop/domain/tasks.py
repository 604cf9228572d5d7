"""整改清单 rules (DOMAIN §6): the lifecycle, the warning colours and how findings become tasks.

Pure functions over plain values; "today" is always passed in, so tests fix the date.

Lifecycle (status → actions → status):

    待整改 ──开始整改──► 整改中 ──提请验收──► 待验收 ──验收通过并销号──► 已销号
                          ▲                    │                            │
                          └────验收不通过──────┘                            │
                          └──────────────────重新打开（需管理员）────────────┘

持续整改 (a new deadline with a reason) is allowed on every open task and keeps its status; the
deadline changes are history and count as extensions when the new deadline is later.

作废 (with a reason) takes a mistaken open task out of the lifecycle: it is kept, with its history, but
counted nowhere — not in the views, the colours, the printed lists, the briefing or the figures. A
clerk may void a task still 待整改 (an entry caught before anyone worked on it); once work has begun,
voiding hides real work and perhaps a 红灯 from every count, so it needs the administrator.

撤销 (undo) reverts the newest state change not yet undone, one step at a time: `undoable_event`
replays the events to find it. Undoing anything that closed or reopened a task changes the 销号
figures and needs the administrator, as reopening does.

Colours (贴蓝签·挂黄牌·亮红灯): grey when closed; red exactly when open and past its deadline; yellow
when open and due within `yellow_days` days (today included), or when its deadline was ever extended;
blue otherwise. After `escalate_after_extensions` extensions an open task carries an escalation mark;
上级督办 (supervised) carries its own mark.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol


class TaskStatus(StrEnum):
    TODO = "待整改"
    DOING = "整改中"
    REVIEW = "待验收"
    CLOSED = "已销号"
    VOID = "已作废"


# The lifecycle's statuses, which every count and list goes by; 已作废 is outside it.
STATUSES = (TaskStatus.TODO, TaskStatus.DOING, TaskStatus.REVIEW, TaskStatus.CLOSED)
OPEN_STATUSES = (TaskStatus.TODO, TaskStatus.DOING, TaskStatus.REVIEW)
ALL_STATUSES = (*STATUSES, TaskStatus.VOID)

SOURCE_DATA_CHECK = "数据核查"
DEFAULT_FINDING_CATEGORY = "档案信息"


class TaskError(ValueError):
    """A rule was broken; the message is Chinese and says what to do."""


# ------------------------------------------------------------------ lifecycle


@dataclass(frozen=True, slots=True)
class ActionSpec:
    label: str  # button text
    sources: tuple[TaskStatus, ...]
    target: TaskStatus | None  # None: the status stays
    needs_reason: bool = False  # a note is required (and named 原因)
    needs_deadline: bool = False  # a new deadline is required
    takes_deadline: bool = False  # a new deadline may be given
    needs_result: bool = False  # 整改结果说明 and at least one piece of evidence
    admin_only: bool = False  # needs Permission.REOPEN_TASK as well…
    clerk_sources: tuple[TaskStatus, ...] = ()  # …except from these statuses


class TaskAction(StrEnum):
    START = "start"
    SUBMIT = "submit"
    CLOSE = "close"
    REJECT = "reject"
    EXTEND = "extend"
    REOPEN = "reopen"
    VOID = "void"

    @property
    def spec(self) -> ActionSpec:
        return ACTIONS[self]

    @property
    def label(self) -> str:
        return ACTIONS[self].label


ACTIONS: dict[TaskAction, ActionSpec] = {
    TaskAction.START: ActionSpec("开始整改", (TaskStatus.TODO,), TaskStatus.DOING),
    TaskAction.SUBMIT: ActionSpec("提请验收", (TaskStatus.DOING,), TaskStatus.REVIEW),
    TaskAction.CLOSE: ActionSpec(
        "验收通过并销号", (TaskStatus.REVIEW,), TaskStatus.CLOSED, needs_result=True
    ),
    TaskAction.REJECT: ActionSpec("验收不通过", (TaskStatus.REVIEW,), TaskStatus.DOING, needs_reason=True),
    TaskAction.EXTEND: ActionSpec(
        "持续整改", OPEN_STATUSES, None, needs_reason=True, needs_deadline=True, takes_deadline=True
    ),
    TaskAction.REOPEN: ActionSpec(
        "重新打开",
        (TaskStatus.CLOSED,),
        TaskStatus.DOING,
        needs_reason=True,
        takes_deadline=True,
        admin_only=True,
    ),
    TaskAction.VOID: ActionSpec(
        "作废",
        OPEN_STATUSES,
        TaskStatus.VOID,
        needs_reason=True,
        admin_only=True,
        clerk_sources=(TaskStatus.TODO,),
    ),
}


def allowed_actions(status: str) -> tuple[TaskAction, ...]:
    """The actions a task in `status` offers, in lifecycle order."""
    return tuple(action for action, spec in ACTIONS.items() if status in spec.sources)


def needs_admin(action: TaskAction, status: str) -> bool:
    """Whether `action` on a task in `status` needs Permission.REOPEN_TASK besides EDIT_TASKS."""
    spec = ACTIONS[action]
    return spec.admin_only and status not in spec.clerk_sources


def next_status(status: str, action: TaskAction) -> TaskStatus:
    """The status after `action`; TaskError when the lifecycle does not allow it."""
    spec = ACTIONS[action]
    if status not in spec.sources:
        allowed = "、".join(a.label for a in allowed_actions(status)) or "无"
        raise TaskError(f"任务当前为“{status}”，不能“{spec.label}”（此时可以：{allowed}）。请刷新后重试。")
    return spec.target or TaskStatus(status)


def check_action_input(
    action: TaskAction,
    *,
    today: date,
    note: str = "",
    deadline: date | None = None,
    new_deadline: date | None = None,
    result: str = "",
    evidence_count: int = 0,
) -> None:
    """What `action` needs besides an allowed status: a reason, a valid new deadline, or the 销号
    result with evidence. Raises TaskError naming what is missing."""
    spec = ACTIONS[action]
    if spec.needs_reason and not note.strip():
        raise TaskError(f"“{spec.label}”必须写明原因。")
    if new_deadline is not None and not spec.takes_deadline:
        raise TaskError(f"“{spec.label}”不改变整改时限；要改时限请用“持续整改”。")
    if spec.needs_deadline and new_deadline is None:
        raise TaskError("持续整改须确定新的整改时限。")
    if new_deadline is not None:
        check_new_deadline(deadline, new_deadline, today)
    if spec.needs_result:
        if not result.strip():
            raise TaskError("销号须填写整改结果说明（完成情况）。")
        if evidence_count < 1:
            raise TaskError("销号须至少有一项佐证材料（文字说明或附件）。请先添加佐证材料。")


def check_new_deadline(current: date | None, new: date, today: date) -> None:
    """A new deadline differs from the current one and is not in the past."""
    if new == current:
        raise TaskError("新的整改时限与原时限相同，请重新选择。")
    if new < today:
        raise TaskError(f"新的整改时限（{new:%Y-%m-%d}）早于今天，请选择今天或以后的日期。")


# ------------------------------------------------------------------ colours


class Colour(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"
    GREY = "grey"

    @property
    def label(self) -> str:
        return COLOUR_LABELS[self]

    @property
    def short(self) -> str:
        return COLOUR_SHORT[self]


COLOUR_LABELS = {Colour.RED: "红灯", Colour.YELLOW: "黄牌", Colour.BLUE: "蓝签", Colour.GREY: "已销号"}
COLOUR_SHORT = {Colour.RED: "红", Colour.YELLOW: "黄", Colour.BLUE: "蓝", Colour.GREY: "灰"}
COLOUR_ORDER = (Colour.RED, Colour.YELLOW, Colour.BLUE, Colour.GREY)


@dataclass(frozen=True, slots=True)
class WarningRules:
    yellow_days: int = 7
    escalate_after_extensions: int = 2


DEFAULT_RULES = WarningRules()


@dataclass(frozen=True, slots=True)
class TaskWarning:
    colour: Colour
    days_left: int | None  # deadline − today for open tasks (negative: overdue); None when closed
    extensions: int
    escalated: bool  # open and extended escalate_after_extensions times or more
    supervised: bool  # 上级督办
    voided: bool = False  # 已作废: grey, and no marks

    @property
    def marks(self) -> tuple[str, ...]:
        if self.voided:
            return ()
        return (("升级",) if self.escalated else ()) + (("督办",) if self.supervised else ())

    @property
    def label(self) -> str:
        """红灯 · 升级 · 督办"""
        if self.voided:
            return TaskStatus.VOID.value
        return " · ".join((self.colour.label, *self.marks))

    @property
    def days_text(self) -> str:
        return days_text(self.days_left)


def count_extensions(changes: Iterable[tuple[date, date]]) -> int:
    """Deadline changes (old, new) that moved the deadline later."""
    return sum(1 for old, new in changes if new > old)


def warning(
    status: str,
    deadline: date,
    today: date,
    *,
    extensions: int = 0,
    supervised: bool = False,
    rules: WarningRules = DEFAULT_RULES,
) -> TaskWarning:
    """The colour and marks of one task on `today`."""
    if status == TaskStatus.VOID:
        return TaskWarning(Colour.GREY, None, extensions, False, supervised, voided=True)
    if status == TaskStatus.CLOSED:
        return TaskWarning(Colour.GREY, None, extensions, False, supervised)
    days_left = (deadline - today).days
    if days_left < 0:
        colour = Colour.RED
    elif days_left <= rules.yellow_days or extensions > 0:
        colour = Colour.YELLOW
    else:
        colour = Colour.BLUE
    escalated = rules.escalate_after_extensions > 0 and extensions >= rules.escalate_after_extensions
    return TaskWarning(colour, days_left, extensions, escalated, supervised)


def days_text(days_left: int | None) -> str:
    """剩 5 天, 今天到期, 超期 3 天; — when closed."""
    if days_left is None:
        return "—"
    if days_left > 0:
        return f"剩 {days_left} 天"
    if days_left == 0:
        return "今天到期"
    return f"超期 {-days_left} 天"


# ------------------------------------------------------------------ the working views


class TaskView(StrEnum):
    ALL = "全部"
    NEW = "新增问题"
    ACTIVE = "推进中"
    DONE = "已办结销号"
    VOID = "已作废"  # kept for the record; every other view leaves them out

    @property
    def statuses(self) -> tuple[TaskStatus, ...]:
        return VIEW_STATUSES[self]


VIEW_STATUSES = {
    TaskView.ALL: STATUSES,
    TaskView.NEW: (TaskStatus.TODO,),
    TaskView.ACTIVE: (TaskStatus.DOING, TaskStatus.REVIEW),
    TaskView.DONE: (TaskStatus.CLOSED,),
    TaskView.VOID: (TaskStatus.VOID,),
}


# ------------------------------------------------------------------ undo

UNDO_PREFIX = "撤销："


class EventLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def from_status(self) -> str | None: ...  # None: the task's creation
    @property
    def to_status(self) -> str: ...
    @property
    def note(self) -> str | None: ...


def is_undo(event: EventLike) -> bool:
    return (event.note or "").startswith(UNDO_PREFIX)


def effective_events(events: Sequence[EventLike]) -> list[EventLike]:
    """The events (oldest first, by id) that still stand: each undo takes back the newest standing
    change, never the task's creation."""
    standing: list[EventLike] = []
    for event in sorted(events, key=lambda e: e.id):
        if not is_undo(event):
            standing.append(event)
        elif standing and standing[-1].from_status is not None:
            standing.pop()
    return standing


def undoable_event(events: Sequence[EventLike]) -> EventLike | None:
    """The newest state change not yet undone; None when only the creation is left."""
    standing = effective_events(events)
    if not standing or standing[-1].from_status is None:
        return None
    return standing[-1]


def undo_needs_admin(event: EventLike) -> bool:
    """Undoing a 销号 or a 重新打开 changes the 销号 figures: the administrator's, as reopening is."""
    return TaskStatus.CLOSED in (event.from_status, event.to_status)


def describe_change(event: EventLike) -> str:
    """整改中 → 已作废（作废：录入重复）, or the note alone when the status stayed (持续整改)."""
    note = event.note or ""
    if event.from_status == event.to_status:
        return note
    return f"{event.from_status} → {event.to_status}" + (f"（{note}）" if note else "")


# ------------------------------------------------------------------ a task's fields


def problems_of_task(
    *, source: str, category: str, description: str, deadline: date | None, found_on: date | None
) -> list[str]:
    """What is wrong with a task's fields before it is saved (empty when it can be saved)."""
    problems = []
    if not source.strip():
        problems.append("请选择问题来源。")
    if not category.strip():
        problems.append("请选择问题类别。")
    if not description.strip():
        problems.append("请填写问题表现（发现了什么问题）。")
    if deadline is None:
        problems.append("请确定整改时限。")
    elif found_on is not None and deadline < found_on:
        problems.append(f"整改时限（{deadline:%Y-%m-%d}）早于发现时间（{found_on:%Y-%m-%d}），请检查。")
    return problems


SCOPE_HEADS_SHOWN = 3


def scope_text(village: str, heads: Sequence[str]) -> str:
    """涉及村/户 written out from a village and household heads: 清水村 张三户、李四户、王五户等5户."""
    if not heads:
        return village
    shown = "、".join(f"{h}户" for h in heads[:SCOPE_HEADS_SHOWN])
    more = f"等{len(heads)}户" if len(heads) > SCOPE_HEADS_SHOWN else ""
    return f"{village} {shown}{more}".strip()


# ------------------------------------------------------------------ from data-check findings


class FindingLike(Protocol):
    """What a data-check finding must carry to become a task. Optional attributes a finding may also
    have: `rule_title` (the check's name, e.g. 证件号码校验位错误), `category` (a 问题类别)."""

    code: str  # the check's code, kept as Task.finding_rule
    household_id: int
    message: str


class Grouping(StrEnum):
    EACH = "each"  # one task per finding
    VILLAGE_RULE = "village_rule"  # one task per village and check


@dataclass(frozen=True, slots=True)
class FindingGroup:
    code: str
    title: str  # the check's name (or its code)
    category: str
    village: str
    household_ids: tuple[int, ...]  # distinct, in order of first appearance
    messages: tuple[str, ...]

    def description(self, limit: int = 5) -> str:
        """问题表现: the finding itself, or for a group the count and the first few findings."""
        if len(self.messages) == 1:
            return self.messages[0]
        shown = "；".join(self.messages[:limit])
        more = f"等{len(self.messages)}条" if len(self.messages) > limit else ""
        return (
            f"{self.village}{self.title}：{len(self.household_ids)}户{len(self.messages)}条（{shown}{more}）"
        )


def group_findings(
    findings: Sequence[FindingLike], village_of: dict[int, str], grouping: Grouping
) -> list[FindingGroup]:
    """Findings turned into task-sized groups, in the order the findings came."""
    groups: dict[tuple, list[FindingLike]] = {}
    for n, finding in enumerate(findings):
        village = village_of.get(finding.household_id, "")
        key = (n,) if grouping is Grouping.EACH else (village, finding.code)
        groups.setdefault(key, []).append(finding)
    out = []
    for items in groups.values():
        first = items[0]
        out.append(
            FindingGroup(
                code=first.code,
                title=getattr(first, "rule_title", None) or first.code,
                category=getattr(first, "category", None) or DEFAULT_FINDING_CATEGORY,
                village=village_of.get(first.household_id, ""),
                household_ids=tuple(dict.fromkeys(f.household_id for f in items)),
                messages=tuple(f.message for f in items),
            )
        )
    return out
