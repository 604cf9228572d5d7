"""The import plan: what a file changes, as frozen records of each kind of change.

The planner (`plan/households`, `plan/members`, `plan/others`, `plan/tasks`) fills a `Plan` with these
records; the writer (`import_write`) reads them and never changes them, so the same plan serves the dry
run, the commit and 机账比对. Records name households by 户编号 (a new household has no id yet).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from fupin_desktop.domain.income import IncomeLine, ReportedIncome
from fupin_desktop.excel.parse import Issue, SheetData
from fupin_desktop.services.importing.support import AreaKey

Values = Mapping[str, object]  # model column → value


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs between the database and the file."""

    household: str
    member: str  # the member's name, "" for a household field
    field: str  # the column's header
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class MemberRef:
    household: str
    name: str
    id_number: str  # masked
    member_id: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Renumbered:
    """A household the file lists under a new 户编号: the same members (by 证件号码) as a stored one."""

    household_id: int
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class NewHousehold:
    number: str
    values: Values


@dataclass(frozen=True, slots=True)
class HouseholdUpdate:
    id: int
    number: str  # as the file names it (after a renumbering, the new number)
    values: Values
    village: bool = False  # moves to the village of `Plan.areas[number]`
    group: bool = False  # takes the group of `Plan.areas[number]`


@dataclass(frozen=True, slots=True)
class RiskSet:
    household: str
    risks: tuple[str, ...]
    disaster_detail: str | None = None  # 因自然灾害子项, kept on the 因自然灾害 risk


@dataclass(frozen=True, slots=True)
class NewMember:
    household: str
    values: Values


@dataclass(frozen=True, slots=True)
class MemberUpdate:
    id: int
    household: str  # 户编号 in the file
    values: Values
    moved: bool = False  # now belongs to `household`


@dataclass(frozen=True, slots=True)
class MemberMoved:
    member_id: int
    from_household_id: int
    to: str  # 户编号
    moved_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class IncomeSet:
    """One household's year becomes exactly this: its lines, 家庭人口 and the national system's figures."""

    household: str
    year: int
    people: int | None
    lines: tuple[IncomeLine, ...]
    reported: ReportedIncome | None


@dataclass(frozen=True, slots=True)
class MeasureInsert:
    household: str
    values: Values


@dataclass(frozen=True, slots=True)
class MeasureDelete:
    household: str
    id: int


@dataclass(frozen=True, slots=True)
class HelperInsert:
    phone: str
    values: Values  # without the phone


@dataclass(frozen=True, slots=True)
class HelperUpdate:
    id: int
    values: Values


@dataclass(frozen=True, slots=True)
class PairingSet:
    household: str
    phone: str  # the helper's, planned or stored
    start_date: date
    end_pairing: int | None  # the current pairing this one replaces


@dataclass(frozen=True, slots=True)
class TaskInsert:
    values: Values  # 整改任务 fields
    households: tuple[str, ...]


@dataclass
class FileHousehold:
    """One 户编号 as the file describes it, gathered from every sheet."""

    number: str
    sheet: SheetData
    row: int  # index of its first row in `sheet`
    fields: dict[str, object] = field(default_factory=dict)  # h.* present in the file
    area: dict[str, str | None] = field(default_factory=dict)  # a.* present in the file
    income: dict[str, object] = field(default_factory=dict)  # iw.* present in the file
    risks: tuple[str, ...] | None = None
    measure_lists: dict[str, list[str]] = field(default_factory=dict)  # category → items, in file order
    member_rows: list[tuple[SheetData, int]] = field(default_factory=list)
    carried: set[str] = field(default_factory=set)  # household attributes the file has a column for
    stated: set[str] = field(default_factory=set)  # … and gives a value for (a blank erases nothing)


@dataclass
class Plan:
    issues: list[Issue] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    new_households: list[str] = field(default_factory=list)
    changed_households: set[str] = field(default_factory=set)
    unchanged_households: set[str] = field(default_factory=set)
    new_members: list[MemberRef] = field(default_factory=list)
    updated_members: dict[int, str] = field(default_factory=dict)  # member id → 户编号 in the file
    unchanged_members: dict[str, int] = field(default_factory=dict)  # 户编号 → members unchanged
    missing_members: list[MemberRef] = field(default_factory=list)
    moved_members: list[MemberRef] = field(default_factory=list)
    renumbered: list[Renumbered] = field(default_factory=list)
    file_numbers: list[str] = field(default_factory=list)
    village_ids: set[int] = field(default_factory=set)  # villages the file covers (for 机账比对)
    townships: set[str] = field(default_factory=set)  # 乡镇 names the file names (a new database adopts one)
    counties: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    areas: dict[str, AreaKey] = field(default_factory=dict)  # 户编号 → village/group wanted
    household_inserts: list[NewHousehold] = field(default_factory=list)
    household_updates: list[HouseholdUpdate] = field(default_factory=list)
    risk_sets: list[RiskSet] = field(default_factory=list)
    member_inserts: list[NewMember] = field(default_factory=list)
    member_updates: list[MemberUpdate] = field(default_factory=list)
    moves: list[MemberMoved] = field(default_factory=list)
    income_sets: list[IncomeSet] = field(default_factory=list)
    measure_deletes: list[MeasureDelete] = field(default_factory=list)
    measure_inserts: list[MeasureInsert] = field(default_factory=list)
    helper_inserts: list[HelperInsert] = field(default_factory=list)
    helper_updates: list[HelperUpdate] = field(default_factory=list)
    pairing_sets: list[PairingSet] = field(default_factory=list)
    task_inserts: list[TaskInsert] = field(default_factory=list)
    touched_households: set[str] = field(default_factory=set)  # whose cached incomes must be redone
    income_year_missing: bool = False  # income columns without a year: ask for one (PlanOptions.income_year)

    @property
    def has_writes(self) -> bool:
        return any(
            (
                self.household_inserts,
                self.household_updates,
                self.risk_sets,
                self.member_inserts,
                self.member_updates,
                self.income_sets,
                self.measure_deletes,
                self.measure_inserts,
                self.helper_inserts,
                self.helper_updates,
                self.pairing_sets,
                self.task_inserts,
            )
        )

    def without(self, bad: set[str]) -> None:
        """Drop every write and count that belongs to these households (--skip-bad-households)."""

        def keep(number: str) -> bool:
            return number not in bad

        self.changes = [c for c in self.changes if keep(c.household)]
        self.new_households = [n for n in self.new_households if keep(n)]
        self.changed_households = {n for n in self.changed_households if keep(n)}
        self.unchanged_households = {n for n in self.unchanged_households if keep(n)}
        self.new_members = [m for m in self.new_members if keep(m.household)]
        self.updated_members = {k: n for k, n in self.updated_members.items() if keep(n)}
        self.unchanged_members = {n: k for n, k in self.unchanged_members.items() if keep(n)}
        self.missing_members = [m for m in self.missing_members if keep(m.household)]
        self.moved_members = [m for m in self.moved_members if keep(m.household)]
        self.renumbered = [r for r in self.renumbered if keep(r.new)]
        self.household_inserts = [h for h in self.household_inserts if keep(h.number)]
        self.household_updates = [h for h in self.household_updates if keep(h.number)]
        self.risk_sets = [r for r in self.risk_sets if keep(r.household)]
        self.member_inserts = [m for m in self.member_inserts if keep(m.household)]
        self.member_updates = [m for m in self.member_updates if keep(m.household)]
        self.moves = [m for m in self.moves if keep(m.to)]
        self.income_sets = [i for i in self.income_sets if keep(i.household)]
        self.measure_deletes = [m for m in self.measure_deletes if keep(m.household)]
        self.measure_inserts = [m for m in self.measure_inserts if keep(m.household)]
        self.pairing_sets = [p for p in self.pairing_sets if keep(p.household)]
        self.task_inserts = [t for t in self.task_inserts if all(keep(n) for n in t.households)]
        self.touched_households = {n for n in self.touched_households if keep(n)}

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.error]
