"""Audit rows for a saved household: one per thing that changed (the household, each member, each
income year, measure and visit), with before and after of what changed — compared on the records as
read back from the database, so the trail shows what was really written."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import Session

from fupin_desktop.domain.codes import MEMBER_REMOVED
from fupin_desktop.domain.labels import HOUSEHOLD_LABELS, MEASURE_LABELS, MEMBER_LABELS, VISIT_LABELS
from fupin_desktop.domain.records import HouseholdRecord, IncomeYear, MemberRecord
from fupin_desktop.services import audit
from fupin_desktop.services.context import Actor
from fupin_desktop.services.register import about_entity, summary_contains, summary_starts

Values = dict[str, Any]
# add(action, entity, entity_id, summary, before, after)
Add = Callable[[str, str, object, str, Any, Any], None]


def columns(model: type, record_type: type, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Fields of a record dataclass that are columns of `model` (id and `exclude` left out)."""
    names = set(model.__table__.columns.keys())  # type: ignore[attr-defined]
    return tuple(f.name for f in fields(record_type) if f.name in names and f.name not in ("id", *exclude))


def _values(obj: object, labels: Mapping[str, str]) -> Values:
    return {name: getattr(obj, name) for name in labels if hasattr(obj, name)}


def _filled(values: Values) -> Values:
    return {k: v for k, v in values.items() if v not in (None, "", ())}


def _diff(before: Values, after: Values) -> tuple[Values, Values]:
    changed = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def _names(keys: Sequence[str], labels: Mapping[str, str]) -> str:
    return "、".join(labels.get(k, k) for k in keys)


def _income(year: IncomeYear) -> Values:
    return {
        "people": year.people,
        "assessed_on": year.assessed_on,
        "note": year.note,
        "lines": [[x.category, x.item, x.amount, x.note, x.policy] for x in year.lines],
    }


def about_household(household_id: int, number: str) -> ColumnElement[bool]:
    """Audit rows about a household: its own, those of its parts (summaries start "户 <number>：") and
    members moving in (services.households.members)."""
    return or_(
        about_entity("household", household_id),
        summary_starts(f"户 {number}："),
        summary_contains(f"迁到户 {number}（"),
    )


def record_changes(
    session: Session, actor: Actor, before: HouseholdRecord | None, after: HouseholdRecord
) -> None:
    """Add the audit rows that describe going from `before` (None: a new household) to `after`."""

    def add(action: str, entity: str, entity_id: object, summary: str, old: Any, new: Any) -> None:
        audit.record(
            session,
            actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            summary=f"户 {after.number}：{summary}",
            before=old,
            after=new,
        )

    household_after = _values(after, HOUSEHOLD_LABELS)
    if before is None:
        add(
            "新增", "household", after.id, f"新建户（户主 {after.head_name}）", None, _filled(household_after)
        )
    else:
        old, new = _diff(_values(before, HOUSEHOLD_LABELS), household_after)
        if new:
            add("修改", "household", after.id, "修改 " + _names(list(new), HOUSEHOLD_LABELS), old, new)
    _member_changes(add, before.members if before else (), after.members)
    _income_changes(add, before.incomes if before else (), after.incomes)
    for entity, labels, old_rows, new_rows in (
        ("measure", MEASURE_LABELS, before.measures if before else (), after.measures),
        ("visit", VISIT_LABELS, before.visits if before else (), after.visits),
    ):
        _row_changes(add, entity, labels, old_rows, new_rows)


def _member_changes(add: Add, before: Sequence[MemberRecord], after: Sequence[MemberRecord]) -> None:
    old_by_id = {m.id: m for m in before}
    for member in after:
        new = _values(member, MEMBER_LABELS)
        previous = old_by_id.get(member.id)
        if previous is None:
            add("新增", "member", member.id, f"新增成员 {member.name}", None, _filled(new))
            continue
        old, changed = _diff(_values(previous, MEMBER_LABELS), new)
        if not changed:
            continue
        if changed.get("status") == MEMBER_REMOVED:
            summary = f"成员 {member.name} 自然减少（{member.removed_reason or '未填原因'}）"
            add("自然减少", "member", member.id, summary, old, changed)
        elif previous.status == MEMBER_REMOVED and "status" in changed:
            add("恢复在册", "member", member.id, f"成员 {member.name} 撤销自然减少，恢复在册", old, changed)
        else:
            add(
                "修改",
                "member",
                member.id,
                f"修改成员 {member.name} 的 {_names(list(changed), MEMBER_LABELS)}",
                old,
                changed,
            )
    # Members missing from `after` moved to another household: move_members audits those.


def _income_changes(add: Add, before: Sequence[IncomeYear], after: Sequence[IncomeYear]) -> None:
    old_by_year = {y.year: y for y in before}
    household_years = {y.year for y in after}
    for year in after:
        previous = old_by_year.get(year.year)
        if previous == year:
            continue
        action = "新增" if previous is None else "修改"
        add(
            action,
            "income",
            year.year,
            f"{action}{year.year}年收支核算",
            _income(previous) if previous else None,
            _income(year),
        )
    for year in old_by_year.values():
        if year.year not in household_years:
            add("删除", "income", year.year, f"删除{year.year}年收支核算", _income(year), None)


def _row_changes(
    add: Add, entity: str, labels: Mapping[str, str], before: Sequence[Any], after: Sequence[Any]
) -> None:
    what = {"measure": "帮扶措施", "visit": "走访记录"}[entity]
    old_by_id = {r.id: r for r in before}
    for row in after:
        previous = old_by_id.pop(row.id, None)
        new = _values(row, labels)
        if previous is None:
            add("新增", entity, row.id, f"新增{what}", None, _filled(new))
            continue
        old, changed = _diff(_values(previous, labels), new)
        if changed:
            add("修改", entity, row.id, f"修改{what}的 {_names(list(changed), labels)}", old, changed)
    for row in old_by_id.values():
        add("删除", entity, row.id, f"删除{what}", _filled(_values(row, labels)), None)


# ---------------------------------------------------------------- a refused save


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return str(value)


def unsaved_inputs(base: HouseholdRecord, mine: HouseholdRecord, stored: HouseholdRecord | None) -> list[str]:
    """What the clerk changed since loading `base`, each with what the database holds now (`stored`):
    "户联系电话：你的输入 139…／现在库里 138…" — shown when a save was refused, so nothing typed is lost
    from sight when the editor reloads."""
    lines = []
    for name, label in HOUSEHOLD_LABELS.items():
        if hasattr(mine, name) and getattr(mine, name) != getattr(base, name):
            now = getattr(stored, name) if stored else None
            lines.append(f"{label}：你的输入 {_shown(getattr(mine, name))}／现在库里 {_shown(now)}")
    old = {m.id: m for m in base.members}
    now_members = {m.id: m for m in stored.members} if stored else {}
    for member in mine.members:
        before = old.get(member.id) if member.id is not None else None
        if before is None:
            lines.append(f"新增成员 {member.name}：库里还没有")
            continue
        for name, label in MEMBER_LABELS.items():
            if getattr(member, name, None) != getattr(before, name, None):
                now = getattr(now_members.get(member.id), name, None)
                lines.append(
                    f"成员 {member.name} 的 {label}：你的输入 {_shown(getattr(member, name))}"
                    f"／现在库里 {_shown(now)}"
                )
    for what, name in (("收支核算", "incomes"), ("帮扶措施", "measures"), ("走访记录", "visits")):
        if getattr(mine, name) != getattr(base, name):
            lines.append(f"{what}：你有修改（请对照重新填写）")
    return lines
