"""帮扶责任人 and the other helper roles (DOMAIN §5): list and search, create and edit, archive.

Helpers are archived, never deleted: their pairings are history the 扶贫手册 keeps. A helper's load is
the number of households on the register they are currently paired with.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from fupin_desktop.db.lengths import lengths, too_long
from fupin_desktop.db.models import Area, Helper, Household, Pairing
from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import HELPER_ROLES
from fupin_desktop.domain.labels import HELPER_LABELS
from fupin_desktop.errors import InputInvalid, NotFound
from fupin_desktop.services import audit
from fupin_desktop.services.accounts import id_on_screen
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register import (
    CHUNK,
    LIKE_ESCAPE,
    about_entity,
    claim,
    contains_pattern,
    load_code_lists,
    load_settings,
)

PAIRING_ROLE = "帮扶责任人"  # the role 为未结对户分配 suggests
UNIT_LEVELS = ("省直", "市直", "县直", "乡镇", "村级")

_MOBILE = re.compile(r"^1\d{10}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


@dataclass(frozen=True, slots=True)
class HelperInput:
    """What the editor (or an import) sets on a helper."""

    name: str
    role: str = PAIRING_ROLE
    sex: str | None = None
    political_status: str | None = None
    unit: str | None = None
    unit_level: str | None = None  # 单位隶属
    title: str | None = None  # 职务
    phone: str | None = None
    id_number: str | None = None
    village_id: int | None = None  # 所在村 (per-village roles) or the village a helper is assigned to
    note: str | None = None


@dataclass(frozen=True, slots=True)
class HelperRow:
    id: int
    name: str
    role: str
    sex: str | None
    political_status: str | None
    unit: str | None
    unit_level: str | None
    title: str | None
    phone: str | None
    id_number: str | None  # masked unless the user may see full numbers
    village_id: int | None
    village: str | None
    note: str | None
    archived: bool
    archived_on: date | None
    archived_reason: str | None
    load: int  # households currently paired
    serves: tuple[str, ...]  # villages of those households
    overloaded: bool
    version: int = 1  # as loaded: the editor sends it back with its save (services.register.edit_versions)

    def as_input(self) -> HelperInput:
        return HelperInput(
            name=self.name,
            role=self.role,
            sex=self.sex,
            political_status=self.political_status,
            unit=self.unit,
            unit_level=self.unit_level,
            title=self.title,
            phone=self.phone,
            id_number=self.id_number,
            village_id=self.village_id,
            note=self.note,
        )


@dataclass(frozen=True, slots=True)
class HelperFilter:
    search: str = ""  # part of the name, unit, 职务 or phone
    role: str | None = None
    village_id: int | None = None  # helpers of the village or serving households in it
    include_archived: bool = False
    overloaded_only: bool = False


# ------------------------------------------------------------------ reading


def current_loads() -> Select:
    """helper_id, n: current pairings with households on the register, per helper."""
    return (
        select(Pairing.helper_id, func.count().label("n"))
        .join(Household, Household.id == Pairing.household_id)
        .where(Pairing.end_date.is_(None), Household.archived.is_(False))
        .group_by(Pairing.helper_id)
    )


def list_helpers(ctx: ServiceContext, query: HelperFilter = HelperFilter()) -> list[HelperRow]:
    """Helpers matching `query`, by name."""
    with ctx.sessions() as session:
        return _rows(ctx, session, query)


def get_helper(ctx: ServiceContext, helper_id: int) -> HelperRow:
    with ctx.sessions() as session:
        found = _rows(ctx, session, HelperFilter(include_archived=True), ids=[helper_id])
    if not found:
        raise NotFound(f"找不到编号为 {helper_id} 的帮扶人，可能已被他人修改。请刷新后重试。")
    return found[0]


def _rows(
    ctx: ServiceContext, session: Session, query: HelperFilter, ids: Sequence[int] | None = None
) -> list[HelperRow]:
    limit = load_settings(session).helper_limit
    loads = current_loads().subquery()
    load = func.coalesce(loads.c.n, 0).label("load")
    # columns, not Helper objects: building 5,000 ORM objects cost the 挂图作战 tab a fifth of its opening
    # time at 20,000 households (issue 18)
    stmt = (
        select(*Helper.__table__.c, load, Area.name.label("village"))
        .select_from(Helper)
        .outerjoin(loads, loads.c.helper_id == Helper.id)
        .outerjoin(Area, Area.id == Helper.village_id)
        .order_by(Helper.archived, Helper.name, Helper.id)
    )
    if ids is not None:
        stmt = stmt.where(Helper.id.in_(ids))
    stmt = stmt.where(*_conditions(query))
    if query.overloaded_only:
        stmt = stmt.where(load > limit)
    found = session.execute(stmt).all()
    serves = _villages_served(session, [h.id for h in found])
    return [
        HelperRow(
            id=h.id,
            name=h.name,
            role=h.role,
            sex=h.sex,
            political_status=h.political_status,
            unit=h.unit,
            unit_level=h.unit_level,
            title=h.title,
            phone=h.phone,
            id_number=id_on_screen(ctx, h.id_number) or None,
            village_id=h.village_id,
            village=h.village,
            note=h.note,
            archived=h.archived,
            archived_on=h.archived_on,
            archived_reason=h.archived_reason,
            load=h.load,
            serves=serves.get(h.id, ()),
            overloaded=h.load > limit,
            version=h.version,
        )
        for h in found
    ]


def _conditions(query: HelperFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not query.include_archived:
        conditions.append(Helper.archived.is_(False))
    if query.role:
        conditions.append(Helper.role == query.role)
    text = query.search.strip()
    if text:
        pattern = contains_pattern(text)  # a typed % or _ is matched as itself
        conditions.append(
            or_(
                Helper.name.like(pattern, escape=LIKE_ESCAPE),
                Helper.unit.like(pattern, escape=LIKE_ESCAPE),
                Helper.title.like(pattern, escape=LIKE_ESCAPE),
                Helper.phone.like(pattern, escape=LIKE_ESCAPE),
            )
        )
    if query.village_id is not None:
        serving = (
            select(Pairing.helper_id)
            .join(Household, Household.id == Pairing.household_id)
            .where(
                Pairing.end_date.is_(None),
                Household.village_id == query.village_id,
                Household.archived.is_(False),
            )
        )
        conditions.append(or_(Helper.village_id == query.village_id, Helper.id.in_(serving)))
    return conditions


def _villages_served(session: Session, helper_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    if not helper_ids:
        return {}
    stmt = (
        select(Pairing.helper_id, Area.name, Area.sort_order)
        .distinct()
        .join(Household, Household.id == Pairing.household_id)
        .join(Area, Area.id == Household.village_id)
        .where(Pairing.end_date.is_(None), Household.archived.is_(False))
        .order_by(Area.sort_order, Area.name)
    )
    if len(helper_ids) <= CHUNK:  # a few helpers: ask for theirs only; else all, filtered below
        stmt = stmt.where(Pairing.helper_id.in_(helper_ids))
    rows = session.execute(stmt).all()
    wanted = set(helper_ids)
    out: dict[int, list[str]] = defaultdict(list)
    for helper_id, name, _ in rows:
        if helper_id in wanted:
            out[helper_id].append(name)
    return {k: tuple(v) for k, v in out.items()}


# ------------------------------------------------------------------ changing


def create_helper(ctx: ServiceContext, data: HelperInput) -> HelperRow:
    """Add a helper (audited)."""
    ctx.require(Permission.EDIT)
    with ctx.sessions.begin() as session:
        clean = _validated(session, data)
        helper = Helper(**asdict(clean))
        session.add(helper)
        session.flush()
        audit.record(
            session,
            ctx.actor,
            action="新增",
            entity="helper",
            entity_id=helper.id,
            summary=f"新增{clean.role}：{clean.name}（{clean.unit or '未填单位'}）",
            after=_audited(clean),
        )
        helper_id = helper.id
    return get_helper(ctx, helper_id)


def update_helper(
    ctx: ServiceContext, helper_id: int, data: HelperInput, *, version: int | None = None
) -> HelperRow:
    """Change a helper's details (audited with before and after). A masked ID number left as shown
    keeps the stored one. `version` is the helper's as the editor loaded it: EditConflict (nothing
    saved) when someone else saved the helper since."""
    ctx.require(Permission.EDIT)
    with ctx.sessions.begin() as session:
        _claim(session, helper_id, version)
        helper = _helper(session, helper_id)
        if data.id_number and idcard.MASK in data.id_number:
            data = replace(data, id_number=helper.id_number)
        clean = _validated(session, data)
        before = {k: getattr(helper, k) for k in asdict(clean)}
        after = asdict(clean)
        changed = {k for k in after if before[k] != after[k]}
        if changed:
            for key in changed:
                setattr(helper, key, after[key])
            audit.record(
                session,
                ctx.actor,
                action="修改",
                entity="helper",
                entity_id=helper_id,
                summary=f"修改帮扶人{helper.name}：" + "、".join(sorted(_LABELS.get(k, k) for k in changed)),
                before=_audited_dict({k: before[k] for k in changed}),
                after=_audited_dict({k: after[k] for k in changed}),
            )
    return get_helper(ctx, helper_id)


def archive_helper(
    ctx: ServiceContext,
    helper_id: int,
    reason: str,
    *,
    release_households: bool = False,
    version: int | None = None,
) -> HelperRow:
    """Archive a helper (工作调动, 退休 …). One who still has households is refused unless
    `release_households`: their pairings then end today and the households become 未结对."""
    ctx.require(Permission.EDIT)
    reason = (reason or "").strip()
    if not reason:
        raise InputInvalid("请填写归档原因（例如：工作调动、退休）。")
    today = ctx.today()
    with ctx.sessions.begin() as session:
        _claim(session, helper_id, version)
        helper = _helper(session, helper_id)
        if helper.archived:
            raise InputInvalid(f"帮扶人{helper.name}已于{helper.archived_on}归档。")
        current = session.scalars(
            select(Pairing).where(Pairing.helper_id == helper_id, Pairing.end_date.is_(None))
        ).all()
        if current and not release_households:
            raise InputInvalid(
                f"帮扶人{helper.name}还有 {len(current)} 户结对农户。请先把这些户改派给其他帮扶人，"
                "或选择归档时一并解除结对（这些户将变为未结对）。"
            )
        for pairing in current:
            pairing.end_date = max(today, pairing.start_date)
            pairing.end_reason = f"帮扶人归档：{reason}"[:100]
        helper.archived, helper.archived_on, helper.archived_reason = True, today, reason[:100]
        audit.record(
            session,
            ctx.actor,
            action="归档",
            entity="helper",
            entity_id=helper_id,
            summary=f"归档帮扶人{helper.name}：{reason}"
            + (f"，解除 {len(current)} 户结对" if current else ""),
            before={"archived": False, "households": [p.household_id for p in current]},
            after={"archived": True, "archived_on": today, "reason": reason},
        )
    return get_helper(ctx, helper_id)


def restore_helper(ctx: ServiceContext, helper_id: int) -> HelperRow:
    """Bring an archived helper back (their ended pairings stay ended)."""
    ctx.require(Permission.EDIT)
    with ctx.sessions.begin() as session:
        _claim(session, helper_id, None)
        helper = _helper(session, helper_id)
        if not helper.archived:
            raise InputInvalid(f"帮扶人{helper.name}没有归档。")
        before = {"archived_on": helper.archived_on, "reason": helper.archived_reason}
        helper.archived, helper.archived_on, helper.archived_reason = False, None, None
        audit.record(
            session,
            ctx.actor,
            action="恢复",
            entity="helper",
            entity_id=helper_id,
            summary=f"恢复已归档的帮扶人{helper.name}",
            before=before,
        )
    return get_helper(ctx, helper_id)


def helper_lengths() -> dict[str, int]:
    """Most characters each text field of a helper holds (the editor's `setMaxLength`)."""
    return dict(lengths(Helper))


def _claim(session: Session, helper_id: int, version: int | None) -> None:
    name = session.scalar(select(Helper.name).where(Helper.id == helper_id))
    if name is None:
        raise NotFound(f"找不到编号为 {helper_id} 的帮扶人，可能已被他人修改。请刷新后重试。")
    claim(
        session,
        Helper,
        helper_id,
        version,
        label=f"帮扶人 {name}",
        about=about_entity("helper", helper_id),
    )


def _helper(session: Session, helper_id: int) -> Helper:
    helper = session.get(Helper, helper_id)
    if helper is None:
        raise NotFound(f"找不到编号为 {helper_id} 的帮扶人，可能已被他人修改。请刷新后重试。")
    return helper


# ------------------------------------------------------------------ validation

_LABELS = HELPER_LABELS


def _validated(session: Session, data: HelperInput) -> HelperInput:
    """`data` trimmed and checked; InputInvalid lists every problem at once."""
    codes = load_code_lists(session)
    text = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in asdict(data).items()}
    clean = HelperInput(**text)
    problems = []
    if not clean.name:
        problems.append("请填写姓名。")
    problems += [message for _, message in too_long(Helper, clean, _LABELS)]
    roles = codes.values.get("帮扶人角色") or HELPER_ROLES
    if clean.role not in roles:
        problems.append(f"角色“{clean.role or ''}”不在代码表中，应为：{'、'.join(roles)}。")
    levels = codes.values.get("单位隶属") or UNIT_LEVELS
    if clean.unit_level and clean.unit_level not in levels:
        problems.append(f"单位隶属“{clean.unit_level}”应为：{'、'.join(levels)}。")
    if clean.sex and clean.sex not in ("男", "女"):
        problems.append("性别应为“男”或“女”。")
    phone = _phone(clean.phone)
    if clean.phone and phone is None:
        problems.append(f"联系电话“{clean.phone}”应为11位手机号，或带区号的固定电话（如 0851-12345678）。")
    number = idcard.normalize(clean.id_number) if clean.id_number else None
    if number and (trouble := idcard.problem(number)) is not None:
        problems.append(f"证件号码“{clean.id_number}”有误：{trouble}。")
    if clean.village_id is not None:
        village = session.get(Area, clean.village_id)
        if village is None or village.level != "village":
            problems.append("所选的村不存在，请刷新后重新选择。")
    if problems:
        raise InputInvalid("\n".join(problems))
    return replace(clean, phone=phone, id_number=number or None)


def _phone(raw: str | None) -> str | None:
    """The phone in a canonical form (half-width, no spaces), or None when it is not a phone number."""
    if not raw:
        return None
    text = unicodedata.normalize("NFKC", raw).replace(" ", "").replace("—", "-")
    return text if _MOBILE.match(text) or _LANDLINE.match(text) else None


def _audited(data: HelperInput) -> dict[str, object]:
    return _audited_dict(asdict(data))


def _audited_dict(values: dict[str, object]) -> dict[str, object]:
    """Audit rows never hold a full ID number."""
    return {
        k: idcard.mask(v) if k == "id_number" and isinstance(v, str) and v else v for k, v in values.items()
    }
