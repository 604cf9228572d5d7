"""Two clerks pairing the same household: the screen sends the helper each household had when it was
shown (`expected`), and a household whose pairing changed since is refused (EditConflict, naming who
paired it and when) rather than silently 改派 again. Two saves at the same moment meet the unique
index of current pairings; the second is refused the same way."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, Pairing
from fupin_desktop.errors import EditConflict
from fupin_desktop.services.register import about_payload, conflict, summary_starts

NAMED = 3  # households named in the message


def check_expected(
    session: Session,
    expected: Mapping[int, int | None] | None,
    current: Mapping[int, Pairing],
    numbers: Mapping[int, str],
) -> None:
    """EditConflict when a household's current helper is no longer the one the clerk saw."""
    if expected is None:
        return
    moved = [
        household_id
        for household_id, helper_id in expected.items()
        if household_id in numbers
        and (current[household_id].helper_id if household_id in current else None) != helper_id
    ]
    if moved:
        raise pairing_conflict(session, [numbers[i] for i in moved])


def pairing_conflict(session: Session, numbers: Sequence[str]) -> EditConflict:
    """The refusal: 户 X 的结对 已被 张三 于 12月2日 14:05 结对（王五结对 1 户）。你的修改没有保存。"""
    shown = list(numbers[:NAMED])
    label = f"户 {'、'.join(shown)}" + (f" 等 {len(numbers)} 户" if len(numbers) > NAMED else "") + " 的结对"
    about = or_(
        *(about_payload("pairing", f'"{number}"') for number in shown),
        *(summary_starts(f"户 {number} 归档") for number in shown),
    )
    return conflict(session, label, about)


def race_conflict(session: Session, household_ids: Iterable[int]) -> EditConflict:
    """After the unique index refused a second current pairing: who paired these households."""
    wanted = sorted(set(household_ids))
    numbers = session.scalars(
        select(Household.number).where(Household.id.in_(wanted[:500])).order_by(Household.number)
    ).all()
    return pairing_conflict(session, list(numbers))
