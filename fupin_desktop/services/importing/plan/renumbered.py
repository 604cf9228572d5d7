"""Households renumbered by the national system: a household new to the database whose members are the
members of one stored household the file does not list is that stored household under a new 户编号."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.services.importing.plan.model import Renumbered

if TYPE_CHECKING:
    from fupin_desktop.services.importing.plan.households import Planner


def find_renumbered(p: Planner) -> None:
    """A household new to the database whose members (by 证件号码) are the members of one stored
    household the file does not list is that household under a new 户编号 (the national system
    renumbers). Both sides must mostly agree: one stored member in a new household is a 分户."""
    members, by_id = p.snap.members, p.snap.by_id_number
    by_household_id = {h["id"]: h for h in p.snap.households.values()}
    claimed: set[int] = set()
    for number, household in p.households.items():
        if number in p.snap.households or not household.member_rows:
            continue
        owners: set[int] = set()
        matched = 0
        for sheet, i in household.member_rows:
            found = by_id.get(str(sheet.column("m.id_number")[i] or ""), ())
            stored = [members[m] for m in found if members[m]["household_number"] != number]
            if stored:
                matched += 1
                owners.update(m["household_id"] for m in stored)
        if len(owners) != 1 or matched * 2 < len(household.member_rows):
            continue
        owner = next(iter(owners))
        old = by_household_id.get(owner)
        active = sum(1 for m in p.snap.by_household.get(owner, ()) if members[m]["status"] == MEMBER_ACTIVE)
        if old is None or old["number"] in p.households or owner in claimed or matched * 2 < active:
            continue
        claimed.add(owner)
        p.renumbered[number] = old
        p.plan.renumbered.append(Renumbered(owner, old["number"], number))
