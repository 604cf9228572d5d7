"""Audit rows in the clerk's language: Chinese field names, values as the windows show them (是/否, names
instead of database ids), and the household each row is about as 户编号 and 户主.

Translated when read, not when written, so rows written by any version read the same way. A page of rows
costs a handful of queries whatever its size: a first pass over the page notes every id it would name
(`Names` in asking mode), one query per kind loads them, and a second pass writes the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area, AuditLog, Helper, Household, Member, Task, User
from fupin_desktop.domain.labels import (
    HELPER_LABELS,
    HOUSEHOLD_LABELS,
    INCOME_LABELS,
    MEASURE_LABELS,
    MEMBER_LABELS,
    SETTING_LABELS,
    THRESHOLD_LABELS,
    USER_LABELS,
    VISIT_LABELS,
)
from fupin_desktop.services.accounts.privacy import mask_ids_in_text
from fupin_desktop.services.briefing import KPI_LABELS
from fupin_desktop.services.rectification import FIELD_LABELS as TASK_LABELS
from fupin_desktop.services.register import chunked, head_names

EMPTY = "（空）"

# Keys that only audit payloads use (moves, archiving, pairings, task steps, imports, restores).
_PAYLOAD_LABELS: dict[str, dict[str, str]] = {
    "household": {"helper_id": "帮扶责任人", "from": "原户编号"},
    "member": {"household": "所在户", "moved_on": "迁移日期"},
    "task": {
        "status": "状态",
        "closed_on": "销号日期",
        "text": "文字说明",
        "files": "佐证文件",
        "file_name": "佐证文件",
        "task_ids": "整改任务",
        "grouping": "建立方式",
        "deadline_change": "撤销的时限变更",
        "reason": "原因",
    },
    "helper": {
        "archived": "已归档",
        "archived_on": "归档日期",
        "reason": "原因",
        "households": "结对农户",
    },
    "pairing": {"helper_id": "帮扶责任人", "start": "结对日期", "households": "结对农户", "pairs": "结对"},
    "finding_review": {"note": "说明", "findings": "核查结果"},
    "database": {"households": "户数", "members": "人数"},
    "area": {"name": "名称", "village_id": "所在村", "group_id": "组", "households": "农户"},
    "import": {
        "households_new": "新增户",
        "households_updated": "更新户",
        "households_unchanged": "未变户",
        "members_new": "新增成员",
        "members_updated": "更新成员",
        "members_unchanged": "未变成员",
        "members_missing": "表中缺少的成员",
        "members_moved": "迁移的成员",
        "helpers_new": "新增帮扶人",
        "tasks_new": "新增整改任务",
        "households_renumbered": "户编号变更",
        "skipped_households": "跳过的户",
        "committed": "已写入",
        "old": "原户编号",
        "new": "新户编号",
    },
}
_FIELD_LABELS: dict[str, Mapping[str, str]] = {
    "household": HOUSEHOLD_LABELS,
    "member": MEMBER_LABELS,
    "income": INCOME_LABELS,
    "income_record": INCOME_LABELS,
    "measure": MEASURE_LABELS,
    "visit": VISIT_LABELS,
    "task": TASK_LABELS,
    "helper": HELPER_LABELS,
    "user": USER_LABELS,
    "setting": SETTING_LABELS,
    "threshold": THRESHOLD_LABELS,
    "snapshot": KPI_LABELS,
    "kpi_snapshot": KPI_LABELS,
}
_SCALAR_LABELS = {"threshold": "监测范围(元/人·年)"}
_HIDDEN = frozenset({"sha256", "sheets"})
_HOUSEHOLD_KEYS = frozenset(
    {"household_id", "household_ids", "households", "household", "from", "old", "new"}
)
_AREA_KEYS = frozenset({"village_id", "group_id", "area_id", "parent_id"})
_TASK_KEYS = frozenset({"task_id", "task_ids"})
_COUNTING = frozenset({"database", "import", "snapshot", "kpi_snapshot"})  # numbers there are counts
_SUMMARY_HOUSEHOLD = re.compile(r"^户 (\S+?)：")
_HOUSEHOLD_NUMBER = re.compile(r"^(L\d{8}|\d{6,})$")
_ROLE_VALUES = {"admin": "管理员", "clerk": "录入员", "reader": "只读"}


def labels_of(entity: str) -> dict[str, str]:
    """Field key → Chinese label for an entity's audit payloads."""
    return {**_FIELD_LABELS.get(entity, {}), **_PAYLOAD_LABELS.get(entity, {})}


@dataclass(frozen=True, slots=True)
class Change:
    """One field of an audit row: its label and the value before and after (None: not part of that side)."""

    field: str
    before: str | None
    after: str | None

    def line(self) -> str:
        if self.before is not None and self.after is not None:
            return f"{self.field}：{self.before} → {self.after}"
        return f"{self.field}：{self.after if self.after is not None else self.before}"


@dataclass(frozen=True, slots=True)
class Reading:
    """What the viewer, the export and the command line show of one row."""

    subject: str  # 对象: 户编号 and 户主, the task's 序号, the helper's name…
    summary: str
    changes: tuple[Change, ...]


class Names:
    """Names for the ids that one page of rows mentions. Asked once before `load` (returns placeholders
    and notes the ids), then again after it (returns the names)."""

    def __init__(self) -> None:
        self.loaded = False
        self.household_ids: set[int] = set()
        self.numbers: set[str] = set()
        self.member_ids: set[int] = set()
        self.helper_ids: set[int] = set()
        self.area_ids: set[int] = set()
        self.task_ids: set[int] = set()
        self.usernames: set[str] = set()
        self.households: dict[int, tuple[str, str]] = {}  # id → (户编号, 户主)
        self.heads: dict[str, str] = {}  # 户编号 → 户主
        self.members: dict[int, tuple[str, int]] = {}  # id → (name, household id)
        self.helpers: dict[int, str] = {}
        self.areas: dict[int, str] = {}
        self.tasks: dict[int, int] = {}  # id → 序号
        self.users: dict[str, str] = {}

    def household(self, key: object) -> str:
        """A household by database id (int) or 户编号 (str): 户编号 and 户主 (刘艳静户)."""
        if isinstance(key, str):
            if not self.loaded:
                self.numbers.add(key)
                return key
            return household_text(key, self.heads.get(key, ""))
        if not isinstance(key, int):
            return str(key)
        if not self.loaded:
            self.household_ids.add(key)
            return ""
        number, head = self.households.get(key, ("", ""))
        return household_text(number, head) if number else "（已删除的户）"

    def member(self, member_id: int) -> tuple[str, str]:
        """(household text, member name) of a member."""
        if not self.loaded:
            self.member_ids.add(member_id)
            return "", ""
        name, household_id = self.members.get(member_id, ("", 0))
        return (self.household(household_id) if household_id else ""), name

    def helper(self, helper_id: int) -> str:
        return self._named(self.helper_ids, self.helpers, helper_id, "帮扶人")

    def area(self, area_id: int) -> str:
        return self._named(self.area_ids, self.areas, area_id, "村组")

    def task(self, task_id: int) -> str:
        if not self.loaded:
            self.task_ids.add(task_id)
            return ""
        seq = self.tasks.get(task_id)
        return f"第{seq}项" if seq is not None else "（已删除的任务）"

    def user(self, username: str) -> str:
        if not self.loaded:
            self.usernames.add(username)
            return username
        return self.users.get(username, username)

    def _named(self, wanted: set[int], found: dict[int, str], key: int, what: str) -> str:
        if not self.loaded:
            wanted.add(key)
            return ""
        return found.get(key) or f"（已删除的{what}）"

    def load(self, session: Session) -> None:
        """One query per kind of id noted (members first: they add their households)."""
        for member_id, name, household_id in _rows(
            session, Member.id, (Member.name, Member.household_id), self.member_ids
        ):
            self.members[member_id] = (name, household_id)
            self.household_ids.add(household_id)
        for chunk in chunked(sorted(self.numbers)):
            rows = session.execute(select(Household.id, Household.number).where(Household.number.in_(chunk)))
            self.household_ids.update(household_id for household_id, _ in rows)
        for household_id, number in _rows(session, Household.id, (Household.number,), self.household_ids):
            self.households[household_id] = (number, "")
        for household_id, name in head_names(session, sorted(self.households)).items():
            number = self.households[household_id][0]
            self.households[household_id] = (number, name)
            self.heads[number] = name
        self.helpers = dict(_rows(session, Helper.id, (Helper.name,), self.helper_ids))
        self.areas = dict(_rows(session, Area.id, (Area.name,), self.area_ids))
        self.tasks = dict(_rows(session, Task.id, (Task.seq,), self.task_ids))
        for chunk in chunked(sorted(self.usernames)):
            for username, name in session.execute(
                select(User.username, User.display_name).where(User.username.in_(chunk))
            ):
                self.users[username] = name if name == username else f"{name}({username})"
        self.loaded = True


def _rows(session: Session, key: Any, columns: tuple[Any, ...], ids: set[int]) -> Iterable[tuple[Any, ...]]:
    for chunk in chunked(sorted(ids)):
        yield from session.execute(select(key, *columns).where(key.in_(chunk)))


def household_text(number: str, head: str) -> str:
    """How a household is named in the trail: 户编号 and 户主 (52242510800100001 刘艳静户)."""
    return f"{number} {head}户" if head else number


def read_rows(session: Session, rows: Sequence[AuditLog], *, mask: bool) -> dict[int, Reading]:
    """The readings of one page of rows; ID numbers masked when `mask`."""
    names = Names()
    for row in rows:
        _reading(row, names)
    names.load(session)
    readings = {row.id: _reading(row, names) for row in rows}
    if mask:
        readings = {i: _masked(r) for i, r in readings.items()}
    return readings


def _masked(reading: Reading) -> Reading:
    def m(text: str | None) -> str | None:
        return mask_ids_in_text(text) if text else text

    changes = tuple(Change(c.field, m(c.before), m(c.after)) for c in reading.changes)
    return Reading(m(reading.subject) or "", m(reading.summary) or "", changes)


def _reading(row: AuditLog, names: Names) -> Reading:
    entity = row.entity
    return Reading(
        subject=_subject(row, names),
        summary=_summary(entity, row.summary),
        changes=Payload(entity, names).changes(_json(row.before), _json(row.after)),
    )


def _json(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _summary(entity: str, summary: str) -> str:
    # Settings rows were written with the settings' field names (修改设置：township、county).
    head, sep, keys = summary.partition("：")
    if entity == "setting" and sep and head == "修改设置":
        return f"{head}：" + "、".join(SETTING_LABELS.get(k, k) for k in keys.split("、"))
    return summary


def _subject(row: AuditLog, names: Names) -> str:
    entity, key = row.entity, row.entity_id
    prefix = _SUMMARY_HOUSEHOLD.match(row.summary or "")
    number = prefix.group(1) if prefix else None
    numeric = int(key) if key is not None and key.isdigit() else None
    if entity == "household":
        if numeric is not None and len(key or "") < 10:
            shown = names.household(numeric)
            if shown and not shown.startswith("（"):
                return shown
        return names.household(number or key or "") if (number or key) else ""
    if entity == "member" and numeric is not None:
        household, name = names.member(numeric)
        if number:
            household = names.household(number)
        return f"{household} 成员{name}" if name and not household.endswith(f" {name}户") else household
    if entity in ("income", "income_record", "measure", "visit"):
        household = names.household(number) if number else ""
        return f"{household} {key}年" if entity.startswith("income") and key else household
    if entity == "task" and numeric is not None:
        return names.task(numeric)
    if entity in ("helper", "pairing") and numeric is not None:
        return names.helper(numeric)
    if entity == "user" and key:
        return names.user(key)
    if entity == "threshold" and key and "/" in key:
        year, _, region = key.partition("/")
        return f"{year}年 {region}"
    if entity in ("code_item", "snapshot", "kpi_snapshot", "import", "area"):
        return key or ""
    return ""


class Payload:
    """Before/after JSON of one row as Changes, in the order the labels list the fields."""

    def __init__(self, entity: str, names: Names) -> None:
        self.entity = entity
        self.names = names
        self.labels = labels_of(entity)

    def changes(self, before: Any, after: Any) -> tuple[Change, ...]:
        if before is None and after is None:
            return ()
        if isinstance(before, dict) or isinstance(after, dict):
            old = before if isinstance(before, dict) else {}
            new = after if isinstance(after, dict) else {}
            order = {k: i for i, k in enumerate(self.labels)}
            keys = sorted({*old, *new} - _HIDDEN, key=lambda k: (order.get(k, len(order)), k))
            found = (
                Change(
                    self.top_label(k),
                    self.value(k, old[k]) if k in old else None,
                    self.value(k, new[k]) if k in new else None,
                )
                for k in keys
            )
            return tuple(c for c in found if {c.before, c.after} - {None, EMPTY})  # not empty fields
        label = _SCALAR_LABELS.get(self.entity, "内容")
        return (
            Change(
                label,
                None if before is None else self.value("", before),
                None if after is None else self.value("", after),
            ),
        )

    def top_label(self, key: str) -> str:
        label = self.label(key)
        return f"{label}的帮扶责任人" if _HOUSEHOLD_NUMBER.match(key) and key not in self.labels else label

    def label(self, key: str) -> str:
        if key in self.labels:
            return self.labels[key]
        if _HOUSEHOLD_NUMBER.match(key):  # pairings keyed by 户编号
            return self.names.household(key)
        return SETTING_LABELS.get(key) or KPI_LABELS.get(key) or key

    def value(self, key: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, list):
            return self._list(key, value)
        if isinstance(value, dict):
            return "，".join(
                f"{self.label(k)}：{self.value(k, v)}" for k, v in value.items() if k not in _HIDDEN
            )
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        named = key in _ID_VALUE_KEYS or _HOUSEHOLD_NUMBER.match(key)
        if isinstance(value, int) and named and self.entity not in _COUNTING:
            return self._named(key, value)
        if key in _HOUSEHOLD_KEYS and isinstance(value, str):
            return self.names.household(value)
        if key == "role":
            return _ROLE_VALUES.get(str(value), str(value))
        return str(value)

    def _named(self, key: str, value: int) -> str:
        if key in _HOUSEHOLD_KEYS:
            return self.names.household(value)
        if key in _AREA_KEYS:
            return self.names.area(value)
        if key in _TASK_KEYS:
            return self.names.task(value)
        if key == "member_id":
            return self.names.member(value)[1] or "（已不在册的成员）"
        return self.names.helper(value)  # helper_id, and a pairing's 户编号 → helper

    def _list(self, key: str, items: list[Any]) -> str:
        if key == "lines":  # income lines: [category, item, amount, note, policy]
            return "；".join(_income_line(line) for line in items)
        if key == "files":  # evidence: [name, sha256]
            return "、".join(str(f[0]) if isinstance(f, list) and f else str(f) for f in items)
        if key == "findings":
            return f"{len(items)} 条"
        parts = [self.value(key, item) for item in items]
        return ("；" if any(isinstance(i, dict) for i in items) else "、").join(parts)


_ID_VALUE_KEYS = frozenset({*_HOUSEHOLD_KEYS, *_AREA_KEYS, *_TASK_KEYS, "member_id", "helper_id"})


def _income_line(line: Any) -> str:
    if not isinstance(line, list) or len(line) < 3:
        return str(line)
    category, item, amount = line[0], line[1], line[2]
    note = line[3] if len(line) > 3 else None
    amount_text = f"{amount:g}" if isinstance(amount, int | float) else str(amount or 0)
    what = "·".join(str(x) for x in (category, item) if x)
    return f"{what} {amount_text}元" + (f"（{note}）" if note else "")
