"""The area tree (县/乡镇/村/组): lookups, get-or-create, and 区划管理 — villages and groups added by
hand, renamed, put in order, deleted while empty, and each village's 村务 contacts.

Merging a village or group into another is in `area_merge`. Every change checks `Permission.EDIT`
(the register's villages are data a clerk keeps, as an import already creates them) and writes an
audit row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area, Helper, Household, Task, WorkTeam
from fupin_desktop.domain.validation import phone_problem
from fupin_desktop.errors import InputInvalid, NotFound, UserError
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register.settings import load_settings, write_settings

MAX_NAME = 60  # area.name
MAX_CONTACT = 40  # area.monitor_contact and the other contact columns
LEVEL_WORDS = {"county": "县", "township": "乡镇", "village": "村", "group": "组"}


@dataclass(frozen=True, slots=True)
class Contacts:
    """A village's 村务 contacts, printed on its papers; empty strings when not set."""

    monitor: str = ""  # 监测联系人
    monitor_phone: str = ""
    secretary: str = ""  # 驻村第一书记
    secretary_phone: str = ""

    @property
    def filled(self) -> bool:
        return any(asdict(self).values())


@dataclass(frozen=True, slots=True)
class VillageRow:
    id: int
    name: str
    township: str | None
    groups: tuple[tuple[int, str], ...]  # (id, name)
    contacts: Contacts = field(default_factory=Contacts)


@dataclass(frozen=True, slots=True)
class GroupEntry:
    id: int
    name: str
    households: int  # on the register (archived excluded)


@dataclass(frozen=True, slots=True)
class VillageEntry:
    """A village as 区划管理 lists it: its groups in order, household counts and contacts."""

    id: int
    name: str
    township: str | None
    households: int  # on the register (archived excluded)
    groups: tuple[GroupEntry, ...]
    contacts: Contacts


def villages(ctx: ServiceContext) -> list[VillageRow]:
    """All villages in display order, each with its groups."""
    with ctx.sessions() as session:
        return load_villages(session)


def load_villages(session: Session) -> list[VillageRow]:
    areas = session.scalars(select(Area).order_by(Area.sort_order, Area.id)).all()
    by_id = {a.id: a for a in areas}
    groups: dict[int, list[tuple[int, str]]] = {}
    for a in areas:
        if a.level == "group" and a.parent_id is not None:
            groups.setdefault(a.parent_id, []).append((a.id, a.name))
    rows = []
    for a in areas:
        if a.level != "village":
            continue
        parent = by_id.get(a.parent_id) if a.parent_id else None
        rows.append(
            VillageRow(
                a.id, a.name, parent.name if parent else None, tuple(groups.get(a.id, ())), contacts_of(a)
            )
        )
    return rows


def get_or_create_area(session: Session, level: str, name: str, parent_id: int | None) -> Area:
    """The area of this level and name under the parent, created when missing (caller commits)."""
    found = session.scalar(
        select(Area).where(
            Area.level == level,
            Area.name == name,
            Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id,
        )
    )
    if found is not None:
        return found
    siblings = session.scalars(
        select(Area.sort_order).where(
            Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id
        )
    ).all()
    area = Area(level=level, name=name, parent_id=parent_id, sort_order=max(siblings, default=0) + 1)
    session.add(area)
    session.flush()
    return area


def contacts_of(area: Area) -> Contacts:
    return Contacts(
        area.monitor_contact or "", area.monitor_phone or "", area.secretary or "", area.secretary_phone or ""
    )


def village_contacts(contacts: Contacts) -> tuple[str, ...]:
    """The contacts as printed: ("监测联系人 张某（电话）", "驻村第一书记 王某（电话）"), those set."""
    return tuple(
        f"{title} {name}" + (f"（{phone}）" if phone else "")
        for title, name, phone in (
            ("监测联系人", contacts.monitor, contacts.monitor_phone),
            ("驻村第一书记", contacts.secretary, contacts.secretary_phone),
        )
        if name
    )


# ------------------------------------------------------------------ the 区划管理 list


def area_tree(ctx: ServiceContext) -> list[VillageEntry]:
    """Every village in order with its groups, household counts (archived excluded) and contacts."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        active = Household.archived.is_(False)
        by_village = dict(
            session.execute(
                select(Household.village_id, func.count()).where(active).group_by(Household.village_id)
            ).all()
        )
        by_group = dict(
            session.execute(
                select(Household.group_id, func.count()).where(active).group_by(Household.group_id)
            ).all()
        )
        return [
            VillageEntry(
                v.id,
                v.name,
                v.township,
                by_village.get(v.id, 0),
                tuple(GroupEntry(gid, name, by_group.get(gid, 0)) for gid, name in v.groups),
                v.contacts,
            )
            for v in load_villages(session)
        ]


def find_area(ctx: ServiceContext, path: str) -> int:
    """The id of the village “村名” or the group “村名/组名”; NotFound (naming what exists) otherwise."""
    with ctx.sessions() as session:
        return _find(session, path).id


def _find(session: Session, path: str) -> Area:
    village_name, _, group_name = (part.strip() for part in path.strip().partition("/"))
    found = session.scalars(select(Area).where(Area.level == "village", Area.name == village_name)).all()
    if not found:
        known = "、".join(v.name for v in load_villages(session)) or "（还没有任何村）"
        raise NotFound(f"找不到“{village_name}”村。现有的村：{known}。组请写成“村名/组名”。")
    if len(found) > 1:
        raise UserError(f"有 {len(found)} 个村都叫“{village_name}”，请先在区划管理中把其中一个改名。")
    village = found[0]
    if not group_name:
        return village
    group = session.scalar(select(Area).where(Area.parent_id == village.id, Area.name == group_name))
    if group is None:
        groups = children(session, village.id)
        known = "、".join(g.name for g in groups) or "（该村还没有组）"
        raise NotFound(f"“{village.name}”没有“{group_name}”。该村的组：{known}。")
    return group


def existing_area(session: Session, area_id: int) -> Area:
    area = session.get(Area, area_id)
    if area is None or area.level not in ("village", "group"):
        raise NotFound("这个村或组已不存在（可能刚被其他人删除或合并）。请关闭区划管理重新打开。")
    return area


def children(session: Session, parent_id: int | None) -> list[Area]:
    where = Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id
    return list(session.scalars(select(Area).where(where).order_by(Area.sort_order, Area.id)))


def label(area: Area, session: Session) -> str:
    """How an area is named in messages: “清水村” or “清水村一组”."""
    if area.level == "group" and area.parent_id is not None:
        parent = session.get(Area, area.parent_id)
        return f"{parent.name if parent else ''}{area.name}"
    return area.name


# ------------------------------------------------------------------ names and contacts


def name_problem(name: str, taken: Iterable[str], what: str) -> str | None:
    """Why `name` cannot be a new 村 or 组 beside `taken` (the siblings' names), or None."""
    if not name:
        return f"请填写{what}名称。"
    if len(name) > MAX_NAME:
        return f"{what}名称“{name[:20]}…”超过 {MAX_NAME} 个字，请写短一些。"
    if "/" in name:
        return f"{what}名称“{name}”中不能有“/”（它用来分隔村和组，例如“清水村/一组”）。"
    if name in taken:
        return f"已经有叫“{name}”的{what}了，请换一个名称（或把两者合并）。"
    return None


def contacts_problems(contacts: Contacts) -> list[str]:
    """Chinese messages for every contact field that cannot be saved; empty when all are fine."""
    problems = []
    for title, name, phone in (
        ("监测联系人", contacts.monitor, contacts.monitor_phone),
        ("驻村第一书记", contacts.secretary, contacts.secretary_phone),
    ):
        if len(name) > MAX_CONTACT:
            problems.append(f"{title}姓名超过 {MAX_CONTACT} 个字。")
        if len(phone) > MAX_CONTACT or phone_problem(phone):
            problems.append(f"{title}的电话“{phone}”不是11位：请核对（座机请带区号，例如 0851-12345678）。")
        if phone and not name:
            problems.append(f"填了{title}的电话，请同时填写{title}姓名。")
    return problems


def _clean(contacts: Contacts) -> Contacts:
    return Contacts(*(value.strip() for value in asdict(contacts).values()))


# ------------------------------------------------------------------ adding


def add_village(
    ctx: ServiceContext, name: str, groups: Sequence[str] = (), *, township: str | None = None
) -> int:
    """Add a village, with its groups in the order given, under the township named (or else the only
    one, or the one the 乡镇名称 setting names — created, as an import would, when missing; a new
    database adopts its name as the setting). Returns the village's id."""
    ctx.require(Permission.EDIT)
    name, group_names = name.strip(), [g.strip() for g in groups]
    with ctx.sessions.begin() as session:
        unnamed = not load_settings(session).township
        township = _township(session, (township or "").strip())
        siblings = [a.name for a in children(session, township.id) if a.level == "village"]
        problems = [p for p in [name_problem(name, siblings, "村")] if p]
        problems += _group_problems(group_names, [])
        if problems:
            raise InputInvalid("未添加：" + "\n".join(problems))
        village = get_or_create_area(session, "village", name, township.id)
        for group in group_names:
            get_or_create_area(session, "group", group, village.id)
        audit.record(
            session,
            ctx.actor,
            action="新增",
            entity="area",
            entity_id=village.id,
            summary=f"新增村“{name}”"
            + (f"，组：{'、'.join(group_names)}" if group_names else "")
            + (f"；乡镇名称设为“{township.name}”" if unnamed else ""),
            after={"村": name, "乡镇": township.name, "组": group_names},
        )
        return village.id


def add_groups(ctx: ServiceContext, village_id: int, names: Sequence[str]) -> list[int]:
    """Add groups (in the order given, after the village's others); returns their ids."""
    ctx.require(Permission.EDIT)
    group_names = [n.strip() for n in names]
    with ctx.sessions.begin() as session:
        village = existing_area(session, village_id)
        if village.level != "village":
            raise InputInvalid("组只能加在村下面：请先选中一个村。")
        problems = _group_problems(group_names, [g.name for g in children(session, village.id)])
        if not group_names:
            problems.append("请填写组名称。")
        if problems:
            raise InputInvalid("未添加：" + "\n".join(problems))
        ids = [get_or_create_area(session, "group", g, village.id).id for g in group_names]
        audit.record(
            session,
            ctx.actor,
            action="新增",
            entity="area",
            entity_id=village.id,
            summary=f"“{village.name}”新增组：{'、'.join(group_names)}",
            after={"村": village.name, "组": group_names},
        )
        return ids


def _group_problems(names: list[str], existing: list[str]) -> list[str]:
    problems, taken = [], list(existing)
    for name in names:
        problem = name_problem(name, taken, "组")
        if problem and problem not in problems:
            problems.append(problem)
        taken.append(name)
    return problems


def _township(session: Session, wanted: str) -> Area:
    """The township new villages go under (see `add_village`)."""
    townships = session.scalars(select(Area).where(Area.level == "township").order_by(Area.id)).all()
    settings = load_settings(session)
    name = wanted or settings.township.strip()
    named = [t for t in townships if t.name == name]
    if named or (len(townships) == 1 and not wanted):
        return (named or townships)[0]
    if townships and not wanted:
        known = "、".join(t.name for t in townships)
        raise InputInvalid(
            f"数据库中有多个乡镇（{known}），设置中的乡镇名称“{settings.township}”不是其中之一。"
            "请写明新村属于哪个乡镇（命令行：--township 乡镇名）。"
        )
    if not name:
        raise InputInvalid(
            "还不知道新村属于哪个乡镇：请先在 文件 → 设置 中填写乡镇名称"
            "（命令行：fupin area add 村名 --township 乡镇名）。"
        )
    if len(name) > 40:
        raise InputInvalid("乡镇名称不能超过40个字。")
    if not settings.township:
        write_settings(session, settings.with_changes(township=name))
    counties = session.scalars(select(Area).where(Area.level == "county")).all()
    county = None
    if settings.county.strip():
        county = get_or_create_area(session, "county", settings.county.strip(), None).id
    elif len(counties) == 1:
        county = counties[0].id
    return get_or_create_area(session, "township", name, county)


# ------------------------------------------------------------------ renaming, order, contacts


def rename_area(ctx: ServiceContext, area_id: int, new_name: str) -> None:
    """Rename a village or group (households keep pointing at it: their 村/组 shows the new name)."""
    ctx.require(Permission.EDIT)
    new_name = new_name.strip()
    with ctx.sessions.begin() as session:
        area = existing_area(session, area_id)
        what = LEVEL_WORDS[area.level]
        if new_name == area.name:
            raise InputInvalid(f"新名称与原名称“{area.name}”相同，没有改动。")
        siblings = [a.name for a in children(session, area.parent_id) if a.id != area.id]
        problem = name_problem(new_name, siblings, what)
        if problem:
            raise InputInvalid("未改名：" + problem)
        old = label(area, session)
        before = area.name
        area.name = new_name
        audit.record(
            session,
            ctx.actor,
            action="修改",
            entity="area",
            entity_id=area.id,
            summary=f"{what}“{old}”改名为“{new_name}”",
            before={"名称": before},
            after={"名称": new_name},
        )


def move_area(ctx: ServiceContext, area_id: int, step: int) -> bool:
    """Move a village or group up (step -1) or down (+1) among its siblings; False at either end."""
    ctx.require(Permission.EDIT)
    with ctx.sessions.begin() as session:
        area = existing_area(session, area_id)
        siblings = [a for a in children(session, area.parent_id) if a.level == area.level]
        index = next(i for i, a in enumerate(siblings) if a.id == area.id)
        target = index + (1 if step > 0 else -1)
        if not 0 <= target < len(siblings):
            return False
        siblings[index], siblings[target] = siblings[target], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            sibling.sort_order = position
        audit.record(
            session,
            ctx.actor,
            action="修改",
            entity="area",
            entity_id=area.id,
            summary=f"{LEVEL_WORDS[area.level]}“{label(area, session)}”{'下移' if step > 0 else '上移'}，"
            f"顺序：{'、'.join(s.name for s in siblings)}",
            after={"顺序": [s.name for s in siblings]},
        )
        return True


def set_contacts(ctx: ServiceContext, village_id: int, contacts: Contacts) -> bool:
    """Save a village's 村务 contacts (empty clears); False when nothing changed."""
    ctx.require(Permission.EDIT)
    contacts = _clean(contacts)
    problems = contacts_problems(contacts)
    if problems:
        raise InputInvalid("联系人未保存：\n" + "\n".join(problems))
    with ctx.sessions.begin() as session:
        village = existing_area(session, village_id)
        if village.level != "village":
            raise InputInvalid("联系人是村的：请先选中一个村。")
        before = contacts_of(village)
        if before == contacts:
            return False
        village.monitor_contact = contacts.monitor or None
        village.monitor_phone = contacts.monitor_phone or None
        village.secretary = contacts.secretary or None
        village.secretary_phone = contacts.secretary_phone or None
        audit.record(
            session,
            ctx.actor,
            action="修改",
            entity="area",
            entity_id=village.id,
            summary=f"修改“{village.name}”的村务联系人",
            before=_contact_words(before),
            after=_contact_words(contacts),
        )
        return True


def _contact_words(contacts: Contacts) -> dict[str, str]:
    return {
        "监测联系人": contacts.monitor,
        "监测联系人电话": contacts.monitor_phone,
        "驻村第一书记": contacts.secretary,
        "驻村第一书记电话": contacts.secretary_phone,
    }


# ------------------------------------------------------------------ deleting


def delete_area(ctx: ServiceContext, area_id: int) -> str:
    """Delete a village (with its groups) or a group that nothing points at; returns its label."""
    ctx.require(Permission.EDIT)
    with ctx.sessions.begin() as session:
        area = existing_area(session, area_id)
        name = label(area, session)
        groups = children(session, area.id) if area.level == "village" else []
        ids = [area.id, *(g.id for g in groups)]
        blockers = _uses(session, ids)
        if blockers:
            what = LEVEL_WORDS[area.level]
            raise InputInvalid(
                f"“{name}”还有 {'、'.join(blockers)}，不能删除。可以先把它合并到另一个{what}（{what}内的户随之移入）。"
            )
        for group in groups:
            session.delete(group)
        session.flush()
        session.delete(area)
        audit.record(
            session,
            ctx.actor,
            action="删除",
            entity="area",
            entity_id=area_id,
            summary=f"删除{LEVEL_WORDS[area.level]}“{name}”"
            + (f"（及其组：{'、'.join(g.name for g in groups)}）" if groups else ""),
            before={"名称": name, "组": [g.name for g in groups]},
        )
        return name


def _uses(session: Session, ids: list[int]) -> list[str]:
    """What still points at these areas, in words (“3 户（其中已归档 1 户）”, “2 项整改任务” …)."""
    count = lambda q: session.scalar(select(func.count()).select_from(q.subquery())) or 0  # noqa: E731
    in_area = Household.village_id.in_(ids) | Household.group_id.in_(ids)
    households = count(select(Household.id).where(in_area))
    archived = count(select(Household.id).where(in_area, Household.archived.is_(True)))
    tasks = count(select(Task.id).where(Task.village_id.in_(ids)))
    helpers = count(select(Helper.id).where(Helper.village_id.in_(ids)))
    teams = count(select(WorkTeam.id).where(WorkTeam.village_id.in_(ids)))
    out = []
    if households:
        out.append(f"{households} 户" + (f"（其中已归档 {archived} 户）" if archived else ""))
    if tasks:
        out.append(f"{tasks} 项整改任务")
    if helpers:
        out.append(f"{helpers} 名驻村帮扶人员")
    if teams:
        out.append(f"{teams} 支驻村工作队")
    return out
