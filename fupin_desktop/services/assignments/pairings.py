"""结对帮扶 (DOMAIN §5): households paired with helpers, with history.

- `assign_households`: pair households with a helper. A household that has another helper is
  reassigned: its current pairing ends (end date = the day before the new start, never before it
  began) and a new one starts — the old row stays as history. The database's partial unique index
  guarantees one current pairing per household.
- `unpair_households`: end current pairings (the households become 未结对).
- The per-helper limit (`Settings.helper_limit`) is enforced here, for every way in.
- `suggest_pairings` / `save_pairings`: 为未结对户分配 — a balanced suggestion within each village
  (domain/pairing.py) returned as plain rows for review, then saved in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from fupin_desktop.db.models import Area, Helper, Household, Member, Pairing
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.domain.pairing import Room, Unpaired, balance
from fupin_desktop.domain.records import PairingRecord
from fupin_desktop.errors import InputInvalid, NotFound
from fupin_desktop.services import audit
from fupin_desktop.services.assignments.conflicts import check_expected, race_conflict
from fupin_desktop.services.assignments.helpers import PAIRING_ROLE, current_loads
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register import chunked, head_name, load_settings

REASSIGN_REASON = "改派"
UNPAIR_REASON = "解除结对"
NAMED_IN_MESSAGES = 5  # households named in an error message before "等 N 户"


@dataclass(frozen=True, slots=True)
class HouseholdChoice:
    """A household as the pairing lists show it."""

    id: int
    number: str
    head: str
    people: int
    village_id: int
    village: str
    group_id: int | None
    group: str | None
    household_type: str | None
    monitor_category: str | None
    helper_id: int | None  # current helper
    helper: str | None
    paired_since: date | None


@dataclass(frozen=True, slots=True)
class HouseholdFilter:
    village_id: int | None = None
    group_id: int | None = None
    search: str = ""  # part of the 户编号, a member's name, or the helper's name
    unpaired_only: bool = False
    monitored_only: bool = False
    helper_id: int | None = None  # the helper's current households
    ids: tuple[int, ...] | None = None  # only these households


@dataclass(frozen=True, slots=True)
class AssignResult:
    helper: str
    paired: int  # households newly paired (including reassigned ones)
    reassigned: int  # of which came from another helper
    unchanged: int  # already with this helper


# ------------------------------------------------------------------ households to pick from


def find_households(ctx: ServiceContext, query: HouseholdFilter = HouseholdFilter()) -> list[HouseholdChoice]:
    """Households on the register matching `query`, in 村/组/户编号 order, with their current helper."""
    with ctx.sessions() as session:
        return load_choices(session, query)


def load_choices(session: Session, query: HouseholdFilter) -> list[HouseholdChoice]:
    village, group = aliased(Area), aliased(Area)
    head = head_name()
    people = (
        select(func.count())
        .where(Member.household_id == Household.id, Member.status == MEMBER_ACTIVE)
        .scalar_subquery()
    )
    stmt = (
        select(
            Household.id,
            Household.number,
            head,
            people,
            village.id,
            village.name,
            group.id,
            group.name,
            Household.household_type,
            Household.monitor_category,
            Helper.id,
            Helper.name,
            Pairing.start_date,
        )
        .join(village, village.id == Household.village_id)
        .outerjoin(group, group.id == Household.group_id)
        .outerjoin(Pairing, (Pairing.household_id == Household.id) & Pairing.end_date.is_(None))
        .outerjoin(Helper, Helper.id == Pairing.helper_id)
        .where(Household.archived.is_(False), *_household_conditions(query))
        .order_by(village.sort_order, village.id, group.sort_order, group.id, Household.number)
    )
    if query.ids is not None:
        rows = [
            r for chunk in chunked(query.ids) for r in session.execute(stmt.where(Household.id.in_(chunk)))
        ]
        order = {hid: n for n, hid in enumerate(query.ids)}
        rows.sort(key=lambda r: order[r[0]])
    else:
        rows = session.execute(stmt).all()
    return [
        HouseholdChoice(
            id=r[0],
            number=r[1],
            head=r[2] or "（未设户主）",
            people=r[3] or 0,
            village_id=r[4],
            village=r[5],
            group_id=r[6],
            group=r[7],
            household_type=r[8],
            monitor_category=r[9],
            helper_id=r[10],
            helper=r[11],
            paired_since=r[12],
        )
        for r in rows
    ]


def _household_conditions(query: HouseholdFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.village_id is not None:
        conditions.append(Household.village_id == query.village_id)
    if query.group_id is not None:
        conditions.append(Household.group_id == query.group_id)
    if query.unpaired_only:
        conditions.append(Pairing.id.is_(None))
    if query.monitored_only:
        conditions.append(Household.monitor_category.is_not(None))
    if query.helper_id is not None:
        conditions.append(Pairing.helper_id == query.helper_id)
    text = query.search.strip()
    if text:
        pattern = f"%{text}%"
        named = select(Member.household_id).where(Member.name.like(pattern))
        conditions.append(
            or_(Household.number.like(pattern), Household.id.in_(named), Helper.name.like(pattern))
        )
    return conditions


def pairing_history(ctx: ServiceContext, household_id: int) -> tuple[PairingRecord, ...]:
    """Every pairing of a household, newest first (the current one, if any, is first)."""
    with ctx.sessions() as session:
        rows = session.execute(
            select(Pairing, Helper)
            .join(Helper, Helper.id == Pairing.helper_id)
            .where(Pairing.household_id == household_id)
            .order_by(Pairing.end_date.is_not(None), Pairing.start_date.desc(), Pairing.id.desc())
        ).all()
    return tuple(
        PairingRecord(
            id=p.id,
            helper_id=h.id,
            helper_name=h.name,
            helper_unit=h.unit,
            helper_phone=h.phone,
            helper_title=h.title,
            start_date=p.start_date,
            end_date=p.end_date,
            end_reason=p.end_reason,
        )
        for p, h in rows
    )


# ------------------------------------------------------------------ pairing and unpairing


def assign_households(
    ctx: ServiceContext,
    helper_id: int,
    household_ids: Iterable[int],
    *,
    start: date | None = None,
    reason: str | None = None,
    expected: Mapping[int, int | None] | None = None,
) -> AssignResult:
    """Pair the households with the helper from `start` (default today). Households with another
    helper are reassigned: their pairing ends with `reason` (default 改派) and stays as history.

    `expected` is household id → the helper (or None) the screen showed: a household paired otherwise
    since is refused with EditConflict, and nothing is saved."""
    ctx.require(Permission.EDIT)
    ids = list(dict.fromkeys(household_ids))
    if not ids:
        raise InputInvalid("请先选择要结对的农户。")
    start = _start_day(ctx, start)
    try:
        return _assign(ctx, helper_id, ids, start, reason, expected)
    except IntegrityError as exc:  # another PC paired one of them at the same moment
        with ctx.sessions() as session:
            raise race_conflict(session, ids) from exc


def _assign(
    ctx: ServiceContext,
    helper_id: int,
    ids: list[int],
    start: date,
    reason: str | None,
    expected: Mapping[int, int | None] | None,
) -> AssignResult:
    with ctx.sessions.begin() as session:
        helper = _active_helpers(session, [helper_id])[helper_id]
        numbers = _household_numbers(session, ids)
        current = _current_pairings(session, ids)
        check_expected(session, expected, current, numbers)
        unchanged = [i for i in ids if i in current and current[i].helper_id == helper_id]
        moving = [i for i in ids if i not in unchanged]
        _check_limits(session, {helper_id: len(moving)}, {helper_id: helper})
        ended = [current[i] for i in moving if i in current]
        _end(ended, start, (reason or "").strip() or REASSIGN_REASON, numbers)
        session.flush()  # the old rows end before the new ones start (one current pairing each)
        _insert(session, dict.fromkeys(moving, helper_id), start)
        if moving:
            audit.record(
                session,
                ctx.actor,
                action="结对",
                entity="pairing",
                entity_id=helper_id,
                summary=f"{helper.name}结对 {len(moving)} 户"
                + (f"（其中改派 {len(ended)} 户）" if ended else ""),
                before={numbers[p.household_id]: p.helper_id for p in ended} or None,
                after={"helper_id": helper_id, "start": start, "households": [numbers[i] for i in moving]},
            )
    return AssignResult(helper.name, len(moving), len(ended), len(unchanged))


def unpair_households(
    ctx: ServiceContext,
    household_ids: Iterable[int],
    reason: str | None = None,
    *,
    expected: Mapping[int, int | None] | None = None,
) -> int:
    """End the current pairings of the households today; returns how many ended. `expected` as for
    `assign_households`: a pairing changed since the screen showed it is not ended."""
    ctx.require(Permission.EDIT)
    ids = list(dict.fromkeys(household_ids))
    today = ctx.today()
    with ctx.sessions.begin() as session:
        numbers = _household_numbers(session, ids, allow_archived=True)
        pairings = _current_pairings(session, ids)
        check_expected(session, expected, pairings, numbers)
        current = list(pairings.values())
        if not current:
            raise InputInvalid("所选农户都没有结对帮扶人，无需解除。")
        why = (reason or "").strip() or UNPAIR_REASON
        for pairing in current:
            pairing.end_date = max(today, pairing.start_date)
            pairing.end_reason = why[:100]
        audit.record(
            session,
            ctx.actor,
            action="解除结对",
            entity="pairing",
            entity_id=None,
            summary=f"解除 {len(current)} 户结对：{why}",
            before={numbers[p.household_id]: p.helper_id for p in current},
        )
    return len(current)


def _start_day(ctx: ServiceContext, start: date | None) -> date:
    today = ctx.today()
    start = start or today
    if start > today:
        raise InputInvalid(f"结对开始日期 {start} 晚于今天，请选择今天或以前的日期。")
    return start


def _active_helpers(session: Session, helper_ids: Iterable[int]) -> dict[int, Helper]:
    wanted = set(helper_ids)
    found = {h.id: h for h in session.scalars(select(Helper).where(Helper.id.in_(wanted)))}
    missing = wanted - found.keys()
    if missing:
        raise NotFound("找不到所选的帮扶人，可能已被他人修改。请刷新后重试。")
    archived = [h.name for h in found.values() if h.archived]
    if archived:
        raise InputInvalid(
            f"帮扶人{'、'.join(archived)}已归档，不能再结对。请选择其他帮扶人，或先恢复该帮扶人。"
        )
    return found


def _household_numbers(
    session: Session, ids: Sequence[int], *, allow_archived: bool = False
) -> dict[int, str]:
    """户编号 of the households; NotFound or InputInvalid when one is unknown or archived."""
    rows = [
        r
        for chunk in chunked(ids)
        for r in session.execute(
            select(Household.id, Household.number, Household.archived).where(Household.id.in_(chunk))
        )
    ]
    if len(rows) != len(ids):
        raise NotFound("有农户找不到了，可能已被他人修改。请刷新列表后重试。")
    archived = [r.number for r in rows if r.archived]
    if archived and not allow_archived:
        raise InputInvalid(f"户{_named(archived)}已归档（自然减少），不能结对。")
    return {r.id: r.number for r in rows}


def _current_pairings(session: Session, ids: Sequence[int]) -> dict[int, Pairing]:
    return {
        p.household_id: p
        for chunk in chunked(ids)
        for p in session.scalars(
            select(Pairing).where(Pairing.household_id.in_(chunk), Pairing.end_date.is_(None))
        )
    }


def helper_loads(session: Session, helper_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Current households per helper (all helpers with any, or just those asked for)."""
    stmt = current_loads()
    if helper_ids is not None:
        stmt = stmt.where(Pairing.helper_id.in_(list(helper_ids)))
    return dict(session.execute(stmt).all())


def _check_limits(session: Session, adding: Mapping[int, int], helpers: Mapping[int, Helper]) -> None:
    """InputInvalid naming every helper the additions would take over the limit."""
    limit = load_settings(session).helper_limit
    loads = helper_loads(session, adding)
    problems = []
    for helper_id, extra in adding.items():
        load = loads.get(helper_id, 0)
        if extra and load + extra > limit:
            name = helpers[helper_id].name
            if load >= limit:
                problems.append(f"{name}已结对 {load} 户，达到每人 {limit} 户的上限，不能再增加。")
            else:
                problems.append(
                    f"{name}已结对 {load} 户，再结对 {extra} 户将达到 {load + extra} 户，"
                    f"超过每人 {limit} 户的上限。"
                )
    if problems:
        raise InputInvalid("\n".join(problems) + "\n请少选几户，或分给其他帮扶人（每人上限可在设置中修改）。")


def _end(pairings: Sequence[Pairing], start: date, reason: str, numbers: Mapping[int, str]) -> None:
    """End the pairings the day before `start` (never before they began)."""
    early = [numbers[p.household_id] for p in pairings if p.start_date > start]
    if early:
        raise InputInvalid(
            f"户{_named(early)}的现结对开始于所选开始日期之后。请把新结对的开始日期选在原结对开始之后。"
        )
    for pairing in pairings:
        pairing.end_date = max(pairing.start_date, start - timedelta(days=1))
        pairing.end_reason = reason[:100]


def _insert(session: Session, plan: Mapping[int, int], start: date) -> None:
    rows = [{"helper_id": h, "household_id": i, "start_date": start} for i, h in plan.items()]
    if rows:
        session.execute(insert(Pairing), rows)


def _named(numbers: Sequence[str]) -> str:
    shown = "、".join(numbers[:NAMED_IN_MESSAGES])
    return shown + (f" 等 {len(numbers)} 户" if len(numbers) > NAMED_IN_MESSAGES else "")


# ------------------------------------------------------------------ 为未结对户分配


@dataclass(frozen=True, slots=True)
class HelperOption:
    """A helper the suggestion may use in a village, with the households they carried before it."""

    id: int
    name: str
    unit: str | None
    load: int
    in_village: bool  # serves the village or has it as 所在村 (else: a helper not yet placed anywhere)


@dataclass(frozen=True, slots=True)
class VillageSuggestion:
    village_id: int
    village: str
    helpers: tuple[HelperOption, ...]
    households: tuple[HouseholdChoice, ...]  # the village's unpaired households
    helper_ids: tuple[int | None, ...]  # the suggested helper of each household (None: no room)

    @property
    def placed(self) -> int:
        return sum(1 for h in self.helper_ids if h is not None)


@dataclass(frozen=True, slots=True)
class Suggestion:
    limit: int
    villages: tuple[VillageSuggestion, ...]

    @property
    def households(self) -> int:
        return sum(len(v.households) for v in self.villages)

    @property
    def placed(self) -> int:
        return sum(v.placed for v in self.villages)

    def pairs(self) -> list[tuple[int, int]]:
        """(household id, helper id) of every placed household."""
        return [
            (h.id, helper)
            for v in self.villages
            for h, helper in zip(v.households, v.helper_ids, strict=True)
            if helper is not None
        ]


def suggest_pairings(ctx: ServiceContext, village_id: int | None = None) -> Suggestion:
    """A helper for each unpaired household, village by village (or one village); nothing is saved.

    First the village's own active 帮扶责任人 — those whose 所在村 it is and those already serving
    households in it — balanced under the limit (domain/pairing.py). Households left over go to
    帮扶责任人 not yet placed anywhere (no 所在村, no households) — those whose 单位 is the village
    (its 村委会) first — as few of them as the leftovers need, evenly loaded; each then belongs to that
    village and is not offered to the next."""
    with ctx.sessions() as session:
        limit = load_settings(session).helper_limit
        unpaired = load_choices(session, HouseholdFilter(village_id=village_id, unpaired_only=True))
        by_village: dict[int, list[HouseholdChoice]] = defaultdict(list)
        for household in unpaired:
            by_village[household.village_id].append(household)
        candidates = _candidates(session, list(by_village))
        loads = helper_loads(session)
        spare = _unplaced_helpers(session, loads)
    villages = []
    for vid, households in by_village.items():
        own = candidates.get(vid, {})
        rooms = [Room(h.id, loads.get(h.id, 0), frozenset(groups)) for h, groups in own.values()]
        chosen = balance([Unpaired(h.id, h.group_id) for h in households], rooms, limit)
        left = [Unpaired(h.id, h.group_id) for h in households if chosen[h.id] is None]
        if left and spare and limit > 0:
            name = households[0].village  # the village's own cadres (单位 "柳湾村委会") first
            ordered = sorted(spare, key=lambda h: not (h.unit or "").startswith(name))
            needed = ordered[: -(-len(left) // limit)]
            chosen.update(balance(left, [Room(h.id, 0) for h in needed], limit))
        options = sorted(
            [HelperOption(h.id, h.name, h.unit, loads.get(h.id, 0), True) for h, _ in own.values()],
            key=lambda o: (o.load, o.name, o.id),
        ) + [HelperOption(h.id, h.name, h.unit, 0, False) for h in spare]
        for helper_id in chosen.values():
            if helper_id is not None:  # a helper serving two villages fills up across both
                loads[helper_id] = loads.get(helper_id, 0) + 1
        used = set(chosen.values())
        spare = [h for h in spare if h.id not in used]
        villages.append(
            VillageSuggestion(
                village_id=vid,
                village=households[0].village,
                helpers=tuple(options),
                households=tuple(households),
                helper_ids=tuple(chosen[h.id] for h in households),
            )
        )
    return Suggestion(limit, tuple(villages))


@dataclass(frozen=True, slots=True)
class _Candidate:
    id: int
    name: str
    unit: str | None


def _candidates(session: Session, village_ids: Sequence[int]) -> dict[int, dict[int, tuple[_Candidate, set]]]:
    """village id → helper id → (helper, the 组 of the village they already serve)."""
    out: dict[int, dict[int, tuple[_Candidate, set]]] = defaultdict(dict)
    if not village_ids:
        return out
    active = (Helper.archived.is_(False), Helper.role == PAIRING_ROLE)
    for helper in session.scalars(select(Helper).where(*active, Helper.village_id.in_(village_ids))):
        out[helper.village_id][helper.id] = (_Candidate(helper.id, helper.name, helper.unit), set())
    serving = session.execute(
        select(Helper.id, Helper.name, Helper.unit, Household.village_id, Household.group_id)
        .join(Pairing, Pairing.helper_id == Helper.id)
        .join(Household, Household.id == Pairing.household_id)
        .where(
            *active,
            Pairing.end_date.is_(None),
            Household.archived.is_(False),
            Household.village_id.in_(village_ids),
        )
    ).all()
    for hid, name, unit, vid, gid in serving:
        out[vid].setdefault(hid, (_Candidate(hid, name, unit), set()))[1].add(gid)
    return out


def _unplaced_helpers(session: Session, loads: Mapping[int, int]) -> list[_Candidate]:
    """Active 帮扶责任人 with no 所在村 and no households, by id."""
    found = session.execute(
        select(Helper.id, Helper.name, Helper.unit)
        .where(Helper.archived.is_(False), Helper.role == PAIRING_ROLE, Helper.village_id.is_(None))
        .order_by(Helper.id)
    ).all()
    return [_Candidate(*row) for row in found if not loads.get(row[0])]


def save_pairings(ctx: ServiceContext, pairs: Iterable[tuple[int, int]], *, start: date | None = None) -> int:
    """Save a reviewed suggestion: (household id, helper id) pairs for households that have no helper,
    all in one transaction (nothing is saved if one pair is refused). Returns how many were paired."""
    ctx.require(Permission.EDIT)
    plan = dict(pairs)
    if not plan:
        raise InputInvalid("没有要保存的结对。")
    start = _start_day(ctx, start)
    try:
        return _save_plan(ctx, plan, start)
    except IntegrityError as exc:  # another PC paired one of them at the same moment
        with ctx.sessions() as session:
            raise race_conflict(session, plan) from exc


def _save_plan(ctx: ServiceContext, plan: dict[int, int], start: date) -> int:
    with ctx.sessions.begin() as session:
        ids = list(plan)
        numbers = _household_numbers(session, ids)
        taken = [numbers[i] for i in _current_pairings(session, ids)]
        if taken:
            raise InputInvalid(f"户{_named(taken)}已经有帮扶人（可能刚被结对）。请关闭后重新生成分配建议。")
        helpers = _active_helpers(session, set(plan.values()))
        adding: dict[int, int] = defaultdict(int)
        for helper_id in plan.values():
            adding[helper_id] += 1
        _check_limits(session, adding, helpers)
        _insert(session, plan, start)
        audit.record(
            session,
            ctx.actor,
            action="结对",
            entity="pairing",
            entity_id=None,
            summary=f"为未结对户分配：{len(plan)} 户分给 {len(adding)} 名帮扶人",
            after={"start": start, "pairs": {numbers[i]: h for i, h in plan.items()}},
        )
    return len(plan)
