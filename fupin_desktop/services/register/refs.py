"""Who a household's 户主 is — one rule (issue 21 §2) — and a household as other rooms name it.

The rule: of the household's members in their stored order (position, then id), the first 在册 one whose
与户主关系 is 户主; none → no head (callers show what they show for that, e.g. （未设户主）). Never by name:
a household with two heads (an error 数据核查 reports) then names the same one in 户籍管理, 整改清单,
挂图作战, the 明白卡, the notices, the ledgers and the audit trail.

The rule twice, kept equal by tests/integration/test_two_heads.py:
- in Python, `head_of(members)` (domain.records, which `HouseholdRecord.head` uses), for code that has the
  members loaded;
- in SQL here: `head_id`/`head_name`, correlated scalar subqueries for a column, sort key or condition
  (one index lookup per household); `heads(...)`, the (household_id, member_id, name) rows of the heads
  among the members a condition picks; `head_names(session, ids)`, a page or a batch of households at
  once, chunked like every bulk read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, ScalarSelect, Select, select
from sqlalchemy.orm import Session, aliased

from fupin_desktop.db.models import Household, Member
from fupin_desktop.domain.codes import HEAD, MEMBER_ACTIVE
from fupin_desktop.domain.records import head_of as head_of  # the rule in Python, offered here too
from fupin_desktop.services.register.records import chunked


@dataclass(frozen=True, slots=True)
class HouseholdRef:
    """A household as a task, a list or a message names it: 户编号, 户主 ("" when none) and 村."""

    id: int
    number: str
    head: str
    village_id: int
    village: str
    archived: bool = False

    @property
    def label(self) -> str:
        return f"{self.head or '（未设户主）'}户（{self.number}）"


def _first_head(column: str, household_id: ColumnElement[int]) -> ScalarSelect:
    # An alias of its own, so that the subquery still correlates when the outer query reads `member`.
    m = aliased(Member)
    return (
        select(getattr(m, column))
        .where(m.household_id == household_id, m.relation == HEAD, m.status == MEMBER_ACTIVE)
        .order_by(m.position, m.id)
        .limit(1)
        .scalar_subquery()
    )


def head_id(household_id: ColumnElement[int] = Household.id) -> ScalarSelect[int]:
    """The member id of the 户主 of the household `household_id` (correlated; NULL: none)."""
    return _first_head("id", household_id)


def head_name(household_id: ColumnElement[int] = Household.id) -> ScalarSelect[str]:
    """The name of the 户主 of the household `household_id` (correlated; NULL: none)."""
    return _first_head("name", household_id)


def heads(*where: ColumnElement[bool]) -> Select[tuple[int, int, str]]:
    """(household_id, member_id, name) of the 户主 of each household having one, among the members
    `where` picks (`Member.household_id.in_(chunk)`, `Member.name.like(…)`): the database reads those
    members and looks the rule up for the 户主 among them only."""
    return select(Member.household_id, Member.id.label("member_id"), Member.name).where(
        # status is left to the rule's subquery: beside `household_id IN (…)` SQLite without statistics
        # would pick the unselective status index.
        Member.relation == HEAD,
        *where,
        Member.id == head_id(Member.household_id),
    )


def head_names(session: Session, household_ids: Iterable[int]) -> dict[int, str]:
    """{household id: 户主姓名} of `household_ids`; households without a head are left out."""
    out: dict[int, str] = {}
    for chunk in chunked(list(household_ids)):
        found = heads(Member.household_id.in_(chunk))
        out.update((hid, name) for hid, _member, name in session.execute(found))
    return out
