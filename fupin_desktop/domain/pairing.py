"""为未结对户分配: a balanced suggestion of helpers for unpaired households (DOMAIN §5).

Within one village, each unpaired household (in 组/户编号 order) goes to the helper with the fewest
households who still has room under the limit; among equally loaded helpers one who already serves the
household's 组 is preferred (fewer trips), then the lower id (a stable, repeatable answer). So no helper
ends above the limit, and every household is placed while any helper has room.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Room:
    """A helper who may take households: how many they carry now and the 组 they already serve."""

    helper_id: int
    load: int
    groups: frozenset[int | None] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Unpaired:
    household_id: int
    group_id: int | None


def balance(households: Sequence[Unpaired], helpers: Iterable[Room], limit: int) -> dict[int, int | None]:
    """household id → helper id, or None when no helper has room left."""
    helpers = list(helpers)
    loads = {h.helper_id: h.load for h in helpers if h.load < limit}
    groups = {h.helper_id: set(h.groups) for h in helpers}
    out: dict[int, int | None] = {}
    for household in households:
        if not loads:
            out[household.household_id] = None
            continue
        chosen = min(loads, key=lambda i: (loads[i], household.group_id not in groups[i], i))
        out[household.household_id] = chosen
        groups[chosen].add(household.group_id)
        loads[chosen] += 1
        if loads[chosen] >= limit:
            del loads[chosen]
    return out
