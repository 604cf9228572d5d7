"""Planning an import: match the file's households and members with the database and decide, row by row,
what is new, what changes (old → new) and what is wrong — without writing anything. The plan's records
are in `plan/model.py`.

The same plan serves the dry run, the commit (`importing/write.py`) and 机账比对 (`importing/comparing.py`).

Blocking errors are structural only (ID checksum, one ID on two people or in another household, no or
two 户主, a member row without 户编号, a cell that cannot be read). A problem the database already has
in exactly the same form (a bad ID number that is already stored, a household that already has no 户主)
is a warning: importing the same data again must not be refused, and 数据核查 reports it anyway.

What a file does not carry stays as it is: a household or member field whose column the file lacks (or
whose cell says 待采集) is neither compared nor written, and is recorded as unknown (`domain.collect`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fupin_desktop.db.lengths import import_message
from fupin_desktop.domain.codes import HEAD
from fupin_desktop.domain.collect import FACT_LABELS, HOUSEHOLD_FACTS, INCOME, MEASURES, unknown_after
from fupin_desktop.domain.records import split_fields
from fupin_desktop.excel.layout import SHEET_KINDS
from fupin_desktop.excel.parse import ParsedWorkbook, SheetData
from fupin_desktop.excel.values import UNKNOWN, stated_year
from fupin_desktop.services.importing.plan.model import (
    Change,
    FileHousehold,
    HouseholdUpdate,
    NewHousehold,
    Plan,
    RiskSet,
)
from fupin_desktop.services.importing.snapshot import Snapshot
from fupin_desktop.services.importing.support import (
    DISASTER,
    DISASTER_FIELD,
    MONTH_FIELDS,
    RISK_FIELDS,
    AreaKey,
    PlanOptions,
    blank_clears,
    masked_id,
    same,
    too_long,
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
        "h.number": "户编号",
        "m.status": "状态",
        "h.archived": "归档状态",
        "h.unknown_fields": "待采集",
        "m.unknown_fields": "待采集",
    }
)
NOT_FIELDS = frozenset({"h.number", DISASTER_FIELD, *RISK_FIELDS})


def unknown_labels(text: str | None) -> str:
    """Stored unknown_fields as the labels a clerk reads (待采集: 饮水水量达标、…)."""
    return "、".join(FACT_LABELS.get(k, k) for k in sorted(split_fields(text)))


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
        self.renumbered: dict[str, dict] = {}  # the file's new 户编号 → the stored household it renames
        self.too_long: dict[int, set[int]] = {}  # id(sheet) → rows with a text its column cannot hold

    def issue(
        self, sheet: SheetData, index: int, name: str | None, message: str, *, error: bool = True
    ) -> None:
        found = sheet.issue(index, name, message, error=error)
        self.plan.issues.append(found)

    def existing(self, number: str) -> dict | None:
        """The stored household the file's 户编号 stands for (also under its old number)."""
        return self.snap.households.get(number) or self.renumbered.get(number)

    def run(self) -> Plan:
        from fupin_desktop.services.importing.plan import members, others, renumbered, tasks

        self.check_lengths()
        self.collect()
        renumbered.find_renumbered(self)
        self.plan_households()
        members.plan_members(self)
        others.plan_incomes(self)
        others.plan_measures(self)
        others.plan_helpers_and_pairings(self)
        tasks.plan_tasks(self)
        self.count()
        return self.plan

    # ------------------------------------------------------------ column sizes

    def check_lengths(self) -> None:
        """Every text the import would write longer than its column is a row error: SQLite would keep
        it and a PostgreSQL server refuse the whole import. A household's rows block (or, skipped, drop)
        the household; the planners of rows without one (帮扶责任人, 结对, 整改任务) pass over them."""
        for sheet in self.book.sheets:
            for name in sheet.columns:
                for cell in too_long(name, sheet.values.get(name) or []):
                    header = sheet.headers.get(name) or LABELS.get(name, name)
                    message = import_message(header, cell.limit, cell.text, item=cell.item)
                    self.issue(sheet, cell.index, name, message)
                    self.too_long.setdefault(id(sheet), set()).add(cell.index)

    def fits(self, sheet: SheetData, index: int) -> bool:
        """The row's texts all fit their columns."""
        return index not in self.too_long.get(id(sheet), ())

    # ------------------------------------------------------------ households in the file

    def collect(self) -> None:
        for sheet in self.book.sheet("household"):
            self._collect_sheet(sheet, household_sheet=True)
        for sheet in self.book.sheet("member"):
            self._collect_sheet(sheet, household_sheet=False)
        self.plan.file_numbers = list(self.households)

    def _collect_sheet(self, sheet: SheetData, *, household_sheet: bool) -> None:
        numbers = sheet.column("h.number")
        fields = [
            f
            for f in sheet.columns
            if f.startswith(("h.", "a.", "iw.")) and f not in ("h.number", *RISK_FIELDS)
        ]
        risk_fields = [f for f in RISK_FIELDS if sheet.has(f)]
        lists = [f for f in sheet.columns if f.startswith("ms.")]
        relation = sheet.column("m.relation")
        seen_here: dict[str, int] = {}
        failed = self.unreadable_rows(sheet, "h.number")
        described: list[tuple[int, FileHousehold, bool]] = []  # rows that describe their household
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
            described.append((i, household, relation[i] == HEAD))
        for name in fields:
            self._take(sheet, name, described, household_sheet)
        for i, household, is_head in described:
            if risk_fields:
                self._take_risks(household, sheet, i, risk_fields, is_head)
            for name in lists:
                items = sheet.column(name)[i]
                if items is UNKNOWN:
                    continue
                household.carried.add(MEASURES)
                if items:
                    household.stated.add(MEASURES)
                kept = household.measure_lists.setdefault(name[3:], [])
                kept += [item for item in items or () if item not in kept]  # type: ignore[union-attr]

    def _take_risks(
        self, household: FileHousehold, sheet: SheetData, i: int, fields: list[str], is_head: bool
    ) -> None:
        values = [sheet.column(f)[i] for f in fields]
        if any(v is UNKNOWN for v in values):
            return
        household.carried.add("risks")
        risks = tuple(dict.fromkeys(str(r) for r in values if r))
        if risks:
            household.stated.add("risks")
        if household.risks is None or (is_head and risks):
            household.risks = risks

    def unreadable_rows(self, sheet: SheetData, name: str) -> set[int]:
        """Excel rows whose `name` cell could not be read (already reported by the parser)."""
        col = sheet.positions.get(name)
        return {i.row for i in self.book.issues if i.sheet == sheet.name and i.col == col and i.row}

    def _take(
        self, sheet: SheetData, name: str, rows: list[tuple[int, FileHousehold, bool]], first: bool
    ) -> None:
        """A household field from its rows: the first non-empty value wins, the 户主's row over others
        (a row saying 待采集 gives nothing); rows that disagree are reported."""
        column = sheet.column(name)
        prefix = name.split(".", 1)[0]
        # what a value in this column tells: an amount carries the year's income; the year alone does not
        carried = None if name in ("iw.year", "iw.date") else INCOME if prefix == "iw" else name[2:]
        label = LABELS.get(name, name)
        for i, household, is_head in rows:
            value = column[i]
            if value is UNKNOWN:
                continue
            target = (
                household.area if prefix == "a" else household.income if prefix == "iw" else household.fields
            )
            if carried is not None:
                household.carried.add(carried)
                if value is not None:
                    household.stated.add(carried)
            if name not in target:
                target[name] = value  # type: ignore[assignment]
                continue
            old = target[name]
            if value is None or old == value or same(old, value):
                continue
            if old is None or (is_head and not first):
                target[name] = value  # type: ignore[assignment]
            if old is not None and not first:
                self.issue(
                    sheet,
                    i,
                    name,
                    f"同一户各行的“{label}”不一致（“{old}”与“{value}”），按户主所在行导入",
                    error=False,
                )

    def income_year(self, household: FileHousehold) -> int | None:
        """The year of a household's wide income columns: its 收入年度 or 年度, the file's 数据日期, a
        date in the title or the file name, or the year the clerk gave (PlanOptions.income_year)."""
        for value in (household.income.get("iw.year"), household.fields.get("h.data_year")):
            if isinstance(value, int):
                return value
        stated = household.income.get("iw.date")
        if isinstance(stated, date):
            return stated.year
        stated = stated_year(household.sheet.title, self.book.path.stem)
        return stated or stated_year(self.book.path.stem, bare=True) or self.options.income_year

    # ------------------------------------------------------------ household fields and areas

    def plan_households(self) -> None:
        for number, household in self.households.items():
            existing = self.existing(number)
            area = self._area(household, existing)
            if area is None:
                continue
            self.plan.areas[number] = area
            if area.village_id is not None:
                self.plan.village_ids.add(area.village_id)
            for names, value in (
                (self.plan.townships, area.township),
                (self.plan.counties, household.area.get("a.county")),
                (self.plan.provinces, household.fields.get("h.province")),
            ):
                if value:
                    names.add(str(value))
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

    def _risk_set(self, household: FileHousehold) -> RiskSet | None:
        if household.risks is None:
            return None
        detail = household.fields.get(DISASTER_FIELD) if DISASTER in household.risks else None
        return RiskSet(household.number, household.risks, str(detail) if detail else None)

    def _new_household(self, household: FileHousehold) -> None:
        values = {name[2:]: value for name, value in household.fields.items() if name not in NOT_FIELDS}
        values.update(
            number=household.number,
            number_is_local=False,
            archived=False,
            unknown_fields=unknown_after(None, True, HOUSEHOLD_FACTS, household.carried),
        )
        self.plan.household_inserts.append(NewHousehold(household.number, values))
        self.plan.new_households.append(household.number)
        risks = self._risk_set(household)
        if risks and risks.risks:
            self.plan.risk_sets.append(risks)
        self.plan.touched_households.add(household.number)

    def _household_changes(self, household: FileHousehold, existing: dict, area: AreaKey) -> None:
        number = household.number
        update: dict[str, Any] = {}
        for name, value in household.fields.items():
            column = name[2:]
            if name in NOT_FIELDS or (value is None and not blank_clears(self.options, column)):
                continue  # a blank cell erases nothing, unless the clerk chose to clear with blanks
            old = existing[column]
            if column == "province" and old is None and value == self.snap.province:
                continue  # what the ledgers show for it already
            if not same(old, value, month=name in MONTH_FIELDS):
                update[column] = value
                self.change(number, "", name, old, value)
        if existing["number"] != number:
            update["number"] = number
            self.change(number, "", "h.number", existing["number"], number)
        # what the file gives a value for is known now; a blank leaves a fact as it was
        unknown = unknown_after(
            split_fields(existing["unknown_fields"]), False, HOUSEHOLD_FACTS, household.stated
        )
        if unknown != existing["unknown_fields"]:
            update["unknown_fields"] = unknown
            self.change(
                number,
                "",
                "h.unknown_fields",
                unknown_labels(existing["unknown_fields"]),
                unknown_labels(unknown),
            )
        moved_village = area.village_id is None or area.village_id != existing["village_id"]
        if moved_village:
            self.change(number, "", "a.village", self.snap.areas.name(existing["village_id"]), area.village)
        moved_group = not area.keep_group and (
            (area.group_id is None and area.group) or area.group_id != existing["group_id"]
        )
        if moved_group:
            self.change(number, "", "a.group", self.snap.areas.name(existing["group_id"]), area.group)
        risks = self._risk_set(household)
        if risks is not None and risks.risks:  # blank risk cells erase no stored risk
            old_risks = self.snap.risks.get(existing["id"], ())
            old_detail = self.snap.disaster_details.get(existing["id"])
            if risks.risks != old_risks or (risks.disaster_detail or None) != old_detail:
                self.plan.risk_sets.append(risks)
                self.change(number, "", "h.risks", "、".join(old_risks), "、".join(risks.risks))
        if existing["archived"]:
            update.update(archived=False, archived_on=None, archived_reason=None)
            self.change(number, "", "h.archived", "已归档", "恢复在册")
        if update or moved_village or moved_group:
            self.plan.household_updates.append(
                HouseholdUpdate(existing["id"], number, update, moved_village, bool(moved_group))
            )

    def change(self, household: str, member: str, name: str, old: object, new: object) -> None:
        if name == "m.id_number":
            old, new = masked_id(old), masked_id(new)  # type: ignore[arg-type]
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
