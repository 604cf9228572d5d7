"""Planning an import: match the file's households and members with the database and decide, row by row,
what is new, what changes (old → new) and what is wrong — without writing anything.

The same plan serves the dry run, the commit (`import_write`) and 机账比对 (`comparing`).

Blocking errors are structural only (ID checksum, one ID on two people or in another household, no or
two 户主, a member row without 户编号, a cell that cannot be read). A problem the database already has
in exactly the same form (a bad ID number that is already stored, a household that already has no 户主)
is a warning: importing the same data again must not be refused, and 数据核查 reports it anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fupin_desktop.domain.codes import HEAD
from fupin_desktop.excel.layout import SHEET_KINDS
from fupin_desktop.excel.parse import Issue, ParsedWorkbook, SheetData
from fupin_desktop.services.import_snapshot import Snapshot
from fupin_desktop.services.import_support import (
    MONTH_FIELDS,
    RISK_FIELDS,
    AreaKey,
    PlanOptions,
    same,
)

LABELS: dict[str, str] = {}
for _kind in SHEET_KINDS:
    for _column in _kind.accepts:
        LABELS.setdefault(_column.field, _column.header)
LABELS.update(
    {
        "a.village": "行政村",
        "a.group": "自然村(组)",
        "h.risks": "致贫/返贫风险",
        "m.status": "状态",
        "h.archived": "归档状态",
    }
)


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


@dataclass
class FileHousehold:
    """One 户编号 as the file describes it, gathered from every sheet."""

    number: str
    sheet: SheetData
    row: int  # index of its first row in `sheet`
    fields: dict[str, object] = field(default_factory=dict)  # h.* present in the file
    area: dict[str, str | None] = field(default_factory=dict)  # a.* present in the file
    risks: tuple[str, ...] | None = None
    measure_lists: dict[str, set[str]] = field(default_factory=dict)
    member_rows: list[tuple[SheetData, int]] = field(default_factory=list)


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
    file_numbers: list[str] = field(default_factory=list)
    village_ids: set[int] = field(default_factory=set)  # villages the file covers (for 机账比对)
    townships: set[str] = field(default_factory=set)
    # write operations, used by import_write
    areas: dict[str, AreaKey] = field(default_factory=dict)  # 户编号 → village/group wanted
    household_inserts: list[dict] = field(default_factory=list)
    household_updates: list[dict] = field(default_factory=list)
    risk_sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    member_inserts: list[dict] = field(default_factory=list)  # with "_household" = 户编号
    member_updates: list[dict] = field(default_factory=list)  # with "id"
    moves: list[dict] = field(default_factory=list)  # member_id, from_household_id, _to
    income_sets: dict[tuple[str, int], tuple[int | None, list[dict]]] = field(default_factory=dict)
    measure_deletes: list[tuple[str, int]] = field(default_factory=list)  # (户编号, measure id)
    measure_inserts: list[dict] = field(default_factory=list)  # with "_household"
    helper_inserts: list[dict] = field(default_factory=list)
    helper_updates: list[dict] = field(default_factory=list)
    pairing_sets: list[dict] = field(default_factory=list)  # _household, _phone, start_date, end_pairing
    task_inserts: list[dict] = field(default_factory=list)  # 整改任务 fields, with "_households" = 户编号s
    touched_households: set[str] = field(default_factory=set)  # whose cached incomes must be redone

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
        self.household_inserts = [h for h in self.household_inserts if keep(h["number"])]
        self.household_updates = [h for h in self.household_updates if keep(h["_number"])]
        self.risk_sets = {n: r for n, r in self.risk_sets.items() if keep(n)}
        self.member_inserts = [m for m in self.member_inserts if keep(m["_household"])]
        self.member_updates = [m for m in self.member_updates if keep(m["_number"])]
        self.moves = [m for m in self.moves if keep(m["_to"])]
        self.income_sets = {k: v for k, v in self.income_sets.items() if keep(k[0])}
        self.measure_deletes = [m for m in self.measure_deletes if keep(m[0])]
        self.measure_inserts = [m for m in self.measure_inserts if keep(m["_household"])]
        self.pairing_sets = [p for p in self.pairing_sets if keep(p["_household"])]
        self.task_inserts = [t for t in self.task_inserts if all(keep(n) for n in t["_households"])]
        self.touched_households = {n for n in self.touched_households if keep(n)}

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.error]


class Planner:
    def __init__(
        self,
        book: ParsedWorkbook,
        snap: Snapshot,
        today: date,
        options: PlanOptions,
    ) -> None:
        self.book, self.snap, self.today, self.options = book, snap, today, options
        self.plan = Plan(issues=list(book.issues))
        self.households: dict[str, FileHousehold] = {}

    def issue(
        self, sheet: SheetData, index: int, name: str | None, message: str, *, error: bool = True
    ) -> None:
        found = sheet.issue(index, name, message, error=error)
        self.plan.issues.append(found)

    def run(self) -> Plan:
        from fupin_desktop.services import import_members, import_others, task_excel

        self.collect()
        self.plan_households()
        import_members.plan_members(self)
        import_others.plan_incomes(self)
        import_others.plan_measures(self)
        import_others.plan_helpers_and_pairings(self)
        task_excel.plan_tasks(self)
        self.count()
        return self.plan

    # ------------------------------------------------------------ households in the file

    def collect(self) -> None:
        for sheet in self.book.sheet("household"):
            self._collect_sheet(sheet, household_sheet=True)
        for sheet in self.book.sheet("member"):
            self._collect_sheet(sheet, household_sheet=False)
        self.plan.file_numbers = list(self.households)

    def _collect_sheet(self, sheet: SheetData, *, household_sheet: bool) -> None:
        numbers = sheet.column("h.number")
        fields = [f for f in sheet.columns if f.startswith("h.") and f != "h.number" and f not in RISK_FIELDS]
        areas = [f for f in sheet.columns if f.startswith("a.")]
        risk_fields = [f for f in RISK_FIELDS if sheet.has(f)]
        lists = [f for f in sheet.columns if f.startswith("ms.")]
        relation = sheet.column("m.relation")
        seen_here: dict[str, int] = {}
        failed = self.unreadable_rows(sheet, "h.number")
        for i, number in enumerate(numbers):
            if number is None:
                if sheet.rows[i] not in failed:
                    self.issue(sheet, i, "h.number", "这一行没有户编号，无法确定属于哪一户")
                continue
            number = str(number)
            if household_sheet:
                if number in seen_here:
                    self.issue(
                        sheet, i, "h.number", f"户编号重复（与第 {sheet.rows[seen_here[number]]} 行相同）"
                    )
                    continue
                seen_here[number] = i
            household = self.households.get(number)
            if household is None:
                household = self.households[number] = FileHousehold(number, sheet, i)
            elif not household_sheet and household.sheet.kind.key == "household":
                household.member_rows.append((sheet, i))
                continue  # the 户 sheet already describes this household
            if not household_sheet:
                household.member_rows.append((sheet, i))
            is_head = relation[i] == HEAD
            for name in fields + areas:
                self._take(household, sheet, i, name, is_head, household_sheet)
            if risk_fields and (household.risks is None or is_head):
                risks = tuple(str(r) for r in (sheet.column(f)[i] for f in risk_fields) if r)
                if household.risks is None or (is_head and risks):
                    household.risks = risks
            for name in lists:
                items = sheet.column(name)[i] or ()
                household.measure_lists.setdefault(name[3:], set()).update(items)  # type: ignore[arg-type]

    def unreadable_rows(self, sheet: SheetData, name: str) -> set[int]:
        """Excel rows whose `name` cell could not be read (already reported by the parser)."""
        col = sheet.positions.get(name)
        return {i.row for i in self.book.issues if i.sheet == sheet.name and i.col == col and i.row}

    def _take(
        self, household: FileHousehold, sheet: SheetData, i: int, name: str, is_head: bool, first: bool
    ) -> None:
        """A household field from a row: the first non-empty value wins, the 户主's row over others."""
        value = sheet.column(name)[i]
        target = household.area if name.startswith("a.") else household.fields
        if name not in target:
            target[name] = value  # type: ignore[assignment]
            return
        old = target[name]
        if value is None or same(old, value):
            return
        if old is None or (is_head and not first):
            target[name] = value  # type: ignore[assignment]
        if old is not None and not first:
            self.issue(
                sheet,
                i,
                name,
                f"同一户各行的“{LABELS.get(name, name)}”不一致（“{old}”与“{value}”），按户主所在行导入",
                error=False,
            )

    # ------------------------------------------------------------ household fields and areas

    def plan_households(self) -> None:
        for number, household in self.households.items():
            existing = self.snap.households.get(number)
            area = self._area(household, existing)
            if area is None:
                continue
            self.plan.areas[number] = area
            if area.village_id is not None:
                self.plan.village_ids.add(area.village_id)
            if area.township:
                self.plan.townships.add(area.township)
            if existing is None:
                self._new_household(household)
            else:
                self._household_changes(household, existing, area)

    def _area(self, household: FileHousehold, existing: dict | None) -> AreaKey | None:
        areas = self.snap.areas
        wanted = household.area
        village = wanted.get("a.village")
        if not village:
            if existing is None:
                self.issue(household.sheet, household.row, "a.village", "新的户缺少行政村名称，无法确定归属")
                return None
            village_id = existing["village_id"]
            township = areas.parent(village_id)
            group = existing["group_id"]
            if "a.group" in wanted:
                group = self._group_id(village_id, wanted["a.group"])
            return AreaKey(
                village=areas.name(village_id) or "",
                township=township["name"] if township else None,
                county=None,
                group=wanted.get("a.group") if "a.group" in wanted else areas.name(group),
                village_id=village_id,
                group_id=group if isinstance(group, int) else None,
                keep_group="a.group" not in wanted,
            )
        township, county = wanted.get("a.township"), wanted.get("a.county")
        candidates = [
            v
            for v in areas.named("village", village)
            if not township or (areas.parent(v["id"]) or {}).get("name") == township
        ]
        if county:
            candidates = [
                v
                for v in candidates
                if (areas.parent((areas.parent(v["id"]) or {}).get("id")) or {}).get("name") in (county, None)
            ]
        if existing is not None and any(v["id"] == existing["village_id"] for v in candidates):
            candidates = [v for v in candidates if v["id"] == existing["village_id"]]
        if len(candidates) > 1:
            self.issue(
                household.sheet,
                household.row,
                "a.village",
                f"有 {len(candidates)} 个村叫“{village}”，请在文件中填写乡(镇)以区分",
            )
            return None
        village_id = candidates[0]["id"] if candidates else None
        if village_id is None and not township:
            townships = [a for a in areas.rows.values() if a["level"] == "township"]
            if len(townships) != 1:
                self.issue(
                    household.sheet,
                    household.row,
                    "a.village",
                    f"数据库中没有“{village}”村，文件中也没有乡(镇)名称，无法新建该村",
                )
                return None
            township = townships[0]["name"]
        group_name = wanted.get("a.group")
        return AreaKey(
            village=village,
            township=township or (areas.parent(village_id) or {}).get("name"),
            county=county,
            group=group_name,
            village_id=village_id,
            group_id=self._group_id(village_id, group_name) if village_id else None,
            keep_group="a.group" not in wanted,
        )

    def _group_id(self, village_id: int | None, name: object) -> int | None:
        if not name or village_id is None:
            return None
        for group in self.snap.areas.children(village_id, "group"):
            if group["name"] == name:
                return group["id"]
        return None

    def _new_household(self, household: FileHousehold) -> None:
        row = {name[2:]: value for name, value in household.fields.items()}
        row.update(number=household.number, number_is_local=False, archived=False)
        self.plan.household_inserts.append(row)
        self.plan.new_households.append(household.number)
        if household.risks:
            self.plan.risk_sets[household.number] = household.risks
        self.plan.touched_households.add(household.number)

    def _household_changes(self, household: FileHousehold, existing: dict, area: AreaKey) -> None:
        number = household.number
        update: dict[str, Any] = {}
        for name, value in household.fields.items():
            column = name[2:]
            old = existing[column]
            if not same(old, value, month=name in MONTH_FIELDS):
                update[column] = value
                self.change(number, "", name, old, value)
        if area.village_id is None or area.village_id != existing["village_id"]:
            update["_village"] = True
            self.change(number, "", "a.village", self.snap.areas.name(existing["village_id"]), area.village)
        if not area.keep_group and (
            (area.group_id is None and area.group) or area.group_id != existing["group_id"]
        ):
            update["_group"] = True
            self.change(number, "", "a.group", self.snap.areas.name(existing["group_id"]), area.group)
        if household.risks is not None:
            old_risks = self.snap.risks.get(existing["id"], ())
            if household.risks != old_risks:
                self.plan.risk_sets[number] = household.risks
                self.change(number, "", "h.risks", "、".join(old_risks), "、".join(household.risks))
        if update:
            update.update(id=existing["id"], _number=number)
            self.plan.household_updates.append(update)
        if existing["archived"]:
            self.plan.household_updates.append(
                {
                    "id": existing["id"],
                    "_number": number,
                    "archived": False,
                    "archived_on": None,
                    "archived_reason": None,
                }
            )
            self.change(number, "", "h.archived", "已归档", "恢复在册")

    def change(self, household: str, member: str, name: str, old: object, new: object) -> None:
        self.plan.changes.append(Change(household, member, LABELS.get(name, name), old, new))
        self.plan.changed_households.add(household)

    # ------------------------------------------------------------ counts

    def count(self) -> None:
        plan = self.plan
        new = set(plan.new_households)
        plan.changed_households -= new
        plan.unchanged_households = {
            n
            for n in self.households
            if n not in new and n not in plan.changed_households and n in plan.areas
        }
        plan.touched_households |= plan.changed_households
