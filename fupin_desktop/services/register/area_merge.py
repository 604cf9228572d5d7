"""Merging one village into another, or one group into another of the same village (区划调整).

Everything that points at the old area moves in one transaction — households (their 村 and 组), tasks,
the village's helpers and work teams — and the old area is deleted. A village's groups join the target
village; a group named like one the target already has is merged into it. The households, tasks and
helpers moved have their versions raised (services.register.edit_versions): an editor opened before the merge is
refused rather than saving the old village back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area, Helper, Household, Task, WorkTeam
from fupin_desktop.errors import InputInvalid
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register.areas import LEVEL_WORDS, children, contacts_of, existing_area, label
from fupin_desktop.services.register.edit_versions import bump


@dataclass(frozen=True, slots=True)
class MergeResult:
    source: str  # “清水村” or “清水村一组”
    target: str
    numbers: tuple[str, ...]  # 户编号 of the households moved (archived ones included)
    groups_moved: tuple[str, ...] = ()  # the source village's groups now in the target
    groups_merged: tuple[str, ...] = ()  # those merged into the target's group of the same name

    @property
    def message(self) -> str:
        text = f"已把“{self.source}”合并到“{self.target}”：{len(self.numbers)} 户随之移入"
        if self.groups_moved:
            text += f"，组 {'、'.join(self.groups_moved)} 移入"
        if self.groups_merged:
            text += f"，同名的组 {'、'.join(self.groups_merged)} 已合并"
        return text + "。"


def merge_areas(ctx: ServiceContext, source_id: int, target_id: int) -> MergeResult:
    """Merge village into village, or group into a group of the same village; the source is deleted."""
    ctx.require(Permission.EDIT)
    with ctx.sessions.begin() as session:
        source, target = existing_area(session, source_id), existing_area(session, target_id)
        _check(session, source, target)
        if source.level == "village":
            result = _merge_villages(session, source, target)
        else:
            result = _merge_groups(session, source, target)
        audit.record(
            session,
            ctx.actor,
            action="合并",
            entity="area",
            entity_id=target.id,
            summary=result.message.removeprefix("已把").removesuffix("。"),
            before={"来源": result.source, "目标": result.target},
            after={
                "移入户数": len(result.numbers),
                "户编号": sorted(result.numbers),
                "移入的组": list(result.groups_moved),
                "合并的组": list(result.groups_merged),
            },
        )
        return result


def _check(session: Session, source: Area, target: Area) -> None:
    if source.id == target.id:
        raise InputInvalid(
            f"“{label(source, session)}”不能合并到它自己：请选另一个{LEVEL_WORDS[source.level]}。"
        )
    if source.level != target.level:
        raise InputInvalid("只能把村合并到村、把组合并到组。要把一个组并入另一个村，请先合并村。")
    if source.level == "group" and source.parent_id != target.parent_id:
        raise InputInvalid(
            f"“{label(source, session)}”和“{label(target, session)}”不在同一个村：组只能合并到本村的另一个组。"
        )


def _merge_villages(session: Session, source: Area, target: Area) -> MergeResult:
    moved = _move_households(session, Household.village_id == source.id, village_id=target.id)
    for model in (Task, Helper):
        bump(session, model, session.scalars(select(model.id).where(model.village_id == source.id)))
    for model in (Task, Helper, WorkTeam):
        session.execute(update(model).where(model.village_id == source.id).values(village_id=target.id))
    theirs = {g.name: g for g in children(session, target.id)}
    order = max((g.sort_order for g in theirs.values()), default=0)
    groups_moved, groups_merged = [], []
    for group in children(session, source.id):
        same = theirs.get(group.name)
        if same is None:
            order += 1
            group.parent_id, group.sort_order = target.id, order
            groups_moved.append(group.name)
            continue
        _move_households(session, Household.group_id == group.id, group_id=same.id)
        session.delete(group)
        groups_merged.append(group.name)
    _fill_contacts(source, target)
    source_name, target_name = source.name, target.name
    session.flush()
    session.delete(source)
    return MergeResult(source_name, target_name, tuple(moved), tuple(groups_moved), tuple(groups_merged))


def _merge_groups(session: Session, source: Area, target: Area) -> MergeResult:
    names = label(source, session), label(target, session)
    moved = _move_households(session, Household.group_id == source.id, group_id=target.id)
    session.delete(source)
    return MergeResult(*names, tuple(moved))


def _move_households(session: Session, where: object, **values: int) -> list[str]:
    """Point the households matching `where` at the new area; returns their 户编号."""
    rows = session.execute(select(Household.id, Household.number).where(where)).all()
    if rows:
        ids = [r.id for r in rows]
        session.execute(update(Household).where(Household.id.in_(ids)).values(**values))
        bump(session, Household, ids)
    return [r.number for r in rows]


def _fill_contacts(source: Area, target: Area) -> None:
    """The target keeps its own contacts; those it lacks are taken from the source."""
    mine = contacts_of(target)
    if not mine.monitor:
        target.monitor_contact, target.monitor_phone = source.monitor_contact, source.monitor_phone
    if not mine.secretary:
        target.secretary, target.secretary_phone = source.secretary, source.secretary_phone
