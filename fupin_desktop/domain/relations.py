"""与户主关系 when another member becomes 户主 (the head died, moved out or handed over).

Only relations that follow unambiguously are re-stated; the rest become None so the clerk must state
them (the editor flags every changed member). Members who left the household keep their history.
"""

from __future__ import annotations

from dataclasses import replace

from fupin_desktop.domain.codes import FEMALE, HEAD, SPOUSE
from fupin_desktop.domain.records import MemberRecord

CHILDREN = ("之子", "之女")


def _by_sex(member: MemberRecord, male: str, female: str) -> str | None:
    if member.sex == FEMALE:
        return female
    return male if member.sex else None


def _from_spouse(member: MemberRecord, new_head: MemberRecord) -> str | None:
    """Relation to the old head's spouse, who becomes 户主."""
    relation = member.relation
    if relation == HEAD:
        return SPOUSE
    if relation in ("之子", "之女", "之儿媳", "之女婿", "之孙子", "之孙女", "之外孙子", "之外孙女"):
        return relation  # the couple's children and grandchildren stay what they were
    if relation in ("之父", "之母"):  # the old head's parents are the new head's parents-in-law
        in_laws = ("之公公", "之婆婆") if new_head.sex == FEMALE else ("之岳父", "之岳母")
        return in_laws[0] if relation == "之父" else in_laws[1]
    if relation in ("之公公", "之岳父"):
        return "之父"
    if relation in ("之婆婆", "之岳母"):
        return "之母"
    return None


def _from_child(member: MemberRecord, new_head: MemberRecord, only_child_of_kind: bool) -> str | None:
    """Relation to the old head's son or daughter, who becomes 户主."""
    relation = member.relation
    son = new_head.relation == "之子"
    if relation in (HEAD, SPOUSE):
        return _by_sex(member, "之父", "之母")
    if relation in CHILDREN:
        return "之兄弟姐妹"
    if relation in ("之父", "之母"):
        grand = ("之祖父", "之祖母") if son else ("之外祖父", "之外祖母")
        return grand[0] if relation == "之父" else grand[1]
    if not only_child_of_kind:
        return None  # with two sons it is not known whose wife or child this is
    if relation == ("之儿媳" if son else "之女婿"):
        return SPOUSE
    if relation in (("之孙子", "之孙女") if son else ("之外孙子", "之外孙女")):
        return _by_sex(member, "之子", "之女")
    return None


def restate_relations(members: tuple[MemberRecord, ...], new_head: int) -> tuple[MemberRecord, ...]:
    """Members with `members[new_head]` as 户主 and the others' relations re-stated where that follows.

    Relations that cannot be derived become None; members no longer 在册 are left as they were.
    """
    head = members[new_head]
    if head.relation == HEAD:
        return members
    same_kind = sum(1 for m in members if m.active and m.relation == head.relation)
    out = []
    for i, m in enumerate(members):
        if i == new_head:
            out.append(replace(m, relation=HEAD))
        elif not m.active:
            out.append(m)
        elif head.relation == SPOUSE:
            out.append(replace(m, relation=_from_spouse(m, head)))
        elif head.relation in CHILDREN:
            out.append(replace(m, relation=_from_child(m, head, same_kind == 1)))
        else:
            out.append(replace(m, relation=None))
    return tuple(out)
