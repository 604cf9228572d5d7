"""The village board of the wall chart (挂图作战, DOMAIN §5): one row of counts per village (or per 组
within a village) and the totals, in the column order the screen and the printed 作战图 share.

A row counts households on the register and their members 在册:
- 户数/人数; 脱贫户 (户类型); each 监测对象类别; 已消除 / 未消除 among 监测对象 — each as 户 and 人;
- 未结对户: households without a current helper;
- 超额责任人: helpers carrying more households than the limit who serve households of the row;
- 整改未销号: open rectification tasks of the village, by warning colour (红灯 / 黄牌 / 蓝签, domain/tasks.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from fupin_desktop.domain.codes import MONITOR_CATEGORIES
from fupin_desktop.domain.tasks import Colour

# The open task groups the board shows under 整改未销号: the warning colours of the tasks.
OPEN_TASK_COLOURS = (Colour.RED, Colour.YELLOW, Colour.BLUE)
OPEN_TASK_LABELS = tuple(c.label for c in OPEN_TASK_COLOURS)  # 红灯, 黄牌, 蓝签

HOUSEHOLDS, PEOPLE = "户", "人"
NOT_KEPT = "—"


@dataclass(frozen=True, slots=True)
class Tally:
    households: int = 0
    people: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.households + other.households, self.people + other.people)


@dataclass(frozen=True, slots=True)
class BoardRow:
    area_id: int | None  # the village (or 组); None for the totals and for 未分组
    name: str
    all: Tally = Tally()
    out_of_poverty: Tally = Tally()  # 脱贫户
    categories: Mapping[str, Tally] = field(default_factory=dict)  # 监测对象类别 → tally
    eliminated: Tally = Tally()  # 监测对象 with the risk 已消除
    not_eliminated: Tally = Tally()
    unpaired: int = 0  # 未结对户
    overloaded: int = 0  # 超额责任人
    open_tasks: Mapping[Colour, int] = field(default_factory=dict)  # OPEN_TASK_COLOURS → count

    @property
    def monitored(self) -> Tally:
        return self.eliminated + self.not_eliminated

    @property
    def tasks_open(self) -> int:
        return sum(self.open_tasks.values())

    def category(self, name: str) -> Tally:
        return self.categories.get(name, Tally())

    def cells(self) -> tuple[int, ...]:
        """The numbers in `COLUMN_GROUPS` order (after the name)."""
        tallies = [
            self.out_of_poverty,
            *(self.category(c) for c in MONITOR_CATEGORIES),
            self.eliminated,
            self.not_eliminated,
        ]
        return (
            self.all.households,
            self.all.people,
            *(n for t in tallies for n in (t.households, t.people)),
            self.unpaired,
            self.overloaded,
            *(self.open_tasks.get(c, 0) for c in OPEN_TASK_COLOURS),
        )


# (group heading, sub-headings): a group without sub-headings is one column.
COLUMN_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("户数", ()),
    ("人数", ()),
    ("脱贫户", (HOUSEHOLDS, PEOPLE)),
    *((c, (HOUSEHOLDS, PEOPLE)) for c in MONITOR_CATEGORIES),
    ("风险已消除", (HOUSEHOLDS, PEOPLE)),
    ("风险未消除", (HOUSEHOLDS, PEOPLE)),
    ("未结对户", ()),
    ("超额责任人", ()),
    ("整改未销号", OPEN_TASK_LABELS),
)


@dataclass(frozen=True, slots=True)
class Board:
    scope: str  # the township, or the village whose 组 the rows are
    village_id: int | None  # that village (rows are its 组), or None (rows are villages)
    rows: tuple[BoardRow, ...]
    total: BoardRow
    helper_limit: int

    @property
    def by_group(self) -> bool:
        return self.village_id is not None

    @property
    def area_label(self) -> str:
        return "组" if self.by_group else "村"

    def texts(self, row: BoardRow) -> tuple[str, ...]:
        """The row's numbers as shown. Tasks are kept by village, not by 组: a 组 row shows "—" there."""
        cells = [str(n) for n in row.cells()]
        if self.by_group and row is not self.total:
            cells[-len(OPEN_TASK_COLOURS) :] = [NOT_KEPT] * len(OPEN_TASK_COLOURS)
        return tuple(cells)


def total_row(rows: Iterable[BoardRow], *, overloaded: int, open_tasks: Mapping[Colour, int]) -> BoardRow:
    """The 合计 row: sums of the rows, except the helpers (one helper may serve several rows) and the
    tasks (a task need not name a village), which the caller counts once for the whole scope."""
    rows = list(rows)

    def add(tallies: Iterable[Tally]) -> Tally:
        return sum(tallies, Tally())

    return BoardRow(
        area_id=None,
        name="合计",
        all=add(r.all for r in rows),
        out_of_poverty=add(r.out_of_poverty for r in rows),
        categories={c: add(r.category(c) for r in rows) for c in MONITOR_CATEGORIES},
        eliminated=add(r.eliminated for r in rows),
        not_eliminated=add(r.not_eliminated for r in rows),
        unpaired=sum(r.unpaired for r in rows),
        overloaded=overloaded,
        open_tasks=dict(open_tasks),
    )
