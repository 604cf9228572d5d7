"""Writing a household's members and moving members between households (分户/合户, kept as MemberMove)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, Member, MemberMove
from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import HEAD
from fupin_desktop.domain.collect import MEMBER_FACTS, still_unknown
from fupin_desktop.domain.records import MemberRecord
from fupin_desktop.domain.validation import Problem, Severity, errors, validate
from fupin_desktop.errors import InputInvalid
from fupin_desktop.services import audit
from fupin_desktop.services.context import Actor
from fupin_desktop.services.households.audit_rows import columns
from fupin_desktop.services.households.listing import next_local_number
from fupin_desktop.services.register import load_household

MEMBER_FIELDS = columns(Member, MemberRecord)


@dataclass(frozen=True, slots=True)
class MoveRequest:
    """Move a saved member out of the household being edited, on its save."""

    member: MemberRecord  # as edited (id is set)
    relation: str  # 与户主关系 in the household moved into
    moved_on: date
    reason: str | None = None
    to_household_id: int | None = None  # None: 分户 — a new household in the same village and group

    @property
    def splits(self) -> bool:
        return self.to_household_id is None


def member_values(member: MemberRecord) -> dict[str, object]:
    values = {name: getattr(member, name) for name in MEMBER_FIELDS}
    values["name"] = member.name.strip()
    values["id_number"] = idcard.normalize(member.id_number) or None
    values["unknown_fields"] = still_unknown(member, MEMBER_FACTS)  # what the clerk filled in is known
    return values


def write_members(
    session: Session, household_id: int, members: Sequence[MemberRecord], *, moved: set[int]
) -> None:
    """Insert and update the household's members in the given order. Saved members are never deleted:
    they leave by 自然减少 (status) or by moving (`moved`)."""
    stored = {m.id: m for m in session.scalars(select(Member).where(Member.household_id == household_id))}
    for position, member in enumerate(members):
        values = member_values(member)
        row = stored.pop(member.id, None) if member.id is not None else None
        if row is None:
            if member.id is not None:
                raise InputInvalid(
                    f"成员“{member.name}”已不在这一户（可能已被迁走）。请关闭编辑窗口后重新打开。"
                )
            session.add(Member(household_id=household_id, position=position, **values))
            continue
        row.position = position
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
    left = [m.name for mid, m in stored.items() if mid not in moved]
    if left:
        raise InputInvalid(f"成员 {'、'.join(left)} 不能直接删除：请标记为自然减少，或迁到其他户。")


def _arriving(move: MoveRequest) -> MemberRecord:
    return replace(move.member, relation=move.relation)


def check_moves(
    session: Session, source_id: int | None, moves: Sequence[MoveRequest], today: date
) -> list[Problem]:
    """Errors the households members move into would have afterwards (a second 户主, a duplicate ID…)."""
    found: list[Problem] = []

    def error(message: str) -> None:
        found.append(Problem("move", Severity.ERROR, message, "members"))

    arriving: dict[int, list[MemberRecord]] = {}
    for move in moves:
        if move.splits:
            if move.relation != HEAD:
                error(f"“{move.member.name}”分户后应为新户的户主。")
        elif move.to_household_id == source_id:
            error(f"“{move.member.name}”不能迁到本户。")
        else:
            arriving.setdefault(move.to_household_id, []).append(_arriving(move))  # type: ignore[arg-type]
    for target_id, newcomers in arriving.items():
        target = load_household(session, target_id)
        if target is None or target.archived:
            error("要迁入的户不存在或已归档：请选择另一户。")
            continue
        after = replace(target, members=target.members + tuple(newcomers))
        for problem in errors(validate(after, today)):
            error(f"迁入户 {target.number}（户主 {target.head_name or '无'}）：{problem.message}")
    return found


def move_members(
    session: Session, actor: Actor, source: Household, moves: Sequence[MoveRequest], today: date
) -> list[int]:
    """Carry out the moves (after the source household is written); returns the households moved into."""
    targets: list[int] = []
    for move in moves:
        row = session.get(Member, move.member.id)
        if row is None or row.household_id != source.id:
            raise InputInvalid(f"成员“{move.member.name}”已不在这一户，无法迁出。请重新打开这一户。")
        target = (
            _split_household(session, actor, source, today)
            if move.splits
            else session.get(Household, move.to_household_id)
        )
        assert target is not None
        last = session.scalar(select(func.max(Member.position)).where(Member.household_id == target.id))
        for name, value in member_values(_arriving(move)).items():
            setattr(row, name, value)
        row.household_id, row.position = target.id, (last if last is not None else -1) + 1
        session.add(
            MemberMove(
                member_id=row.id,
                from_household_id=source.id,
                to_household_id=target.id,
                moved_on=move.moved_on,
                reason=move.reason,
            )
        )
        kind = "分户" if move.splits else "合户"
        audit.record(
            session,
            actor,
            action=kind,
            entity="member",
            entity_id=row.id,
            summary=f"成员 {row.name} 从户 {source.number} 迁到户 {target.number}（{kind}）"
            + (f"：{move.reason}" if move.reason else ""),
            before={"household": source.number, "relation": move.member.relation},
            after={"household": target.number, "relation": move.relation, "moved_on": move.moved_on},
        )
        targets.append(target.id)
    session.flush()
    return targets


def _split_household(session: Session, actor: Actor, source: Household, today: date) -> Household:
    """The new household a member splits off into: same village, group, address and 户类型."""
    household = Household(
        number=next_local_number(session, today),
        number_is_local=True,
        village_id=source.village_id,
        group_id=source.group_id,
        address=source.address,
        household_type=source.household_type,
        poverty_exit_year=source.poverty_exit_year,
        archived=False,
    )
    session.add(household)
    session.flush()
    audit.record(
        session,
        actor,
        action="新增",
        entity="household",
        entity_id=household.id,
        summary=f"户 {household.number}：由户 {source.number} 分户新立",
        after={"number": household.number, "from": source.number},
    )
    return household
