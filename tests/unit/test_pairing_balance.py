"""为未结对户分配 (domain/pairing.py): nobody above the limit, everybody placed while there is room,
loads kept even, helpers kept near the 组 they already serve."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from fupin_desktop.domain.pairing import Room, Unpaired, balance

LIMIT = 5


def test_households_go_to_the_least_loaded_helper_with_room() -> None:
    rooms = [Room(1, 4), Room(2, 1), Room(3, 5)]
    chosen = balance([Unpaired(10, None), Unpaired(11, None), Unpaired(12, None)], rooms, LIMIT)
    assert chosen == {10: 2, 11: 2, 12: 2}  # 2 carries 1 → 4; 1 stays at 4; 3 is full


def test_equal_loads_prefer_the_helper_already_in_the_group() -> None:
    rooms = [Room(1, 2, frozenset({7})), Room(2, 2, frozenset({8}))]
    assert balance([Unpaired(10, 8), Unpaired(11, 7)], rooms, LIMIT) == {10: 2, 11: 1}


def test_no_room_leaves_households_unplaced() -> None:
    chosen = balance([Unpaired(n, None) for n in range(4)], [Room(1, 3)], LIMIT)
    assert list(chosen.values()) == [1, 1, None, None]
    assert balance([Unpaired(1, None)], [], LIMIT) == {1: None}


rooms_strategy = st.lists(
    st.builds(
        Room,
        helper_id=st.integers(1, 10_000),
        load=st.integers(0, LIMIT + 3),
        groups=st.frozensets(st.integers(1, 4), max_size=3),
    ),
    max_size=12,
    unique_by=lambda r: r.helper_id,
)
households_strategy = st.lists(
    st.builds(
        Unpaired, household_id=st.integers(1, 100_000), group_id=st.one_of(st.none(), st.integers(1, 4))
    ),
    max_size=60,
    unique_by=lambda h: h.household_id,
)


@given(households_strategy, rooms_strategy, st.integers(1, LIMIT + 2))
def test_nobody_over_the_limit_and_everybody_placed_while_there_is_room(
    households: list[Unpaired], rooms: list[Room], limit: int
) -> None:
    chosen = balance(households, rooms, limit)
    assert set(chosen) == {h.household_id for h in households}
    added = Counter(h for h in chosen.values() if h is not None)
    loads = {r.helper_id: r.load for r in rooms}
    assert all(loads[h] + n <= limit for h, n in added.items())
    room = sum(max(limit - r.load, 0) for r in rooms)
    assert sum(added.values()) == min(len(households), room)


@given(st.integers(0, 40), st.integers(1, 8))
def test_loads_end_even(count: int, helpers: int) -> None:
    chosen = balance([Unpaired(n, None) for n in range(count)], [Room(h, 0) for h in range(helpers)], 100)
    loads = Counter(chosen.values())
    assert max(loads.values(), default=0) - min((loads.get(h, 0) for h in range(helpers)), default=0) <= 1
