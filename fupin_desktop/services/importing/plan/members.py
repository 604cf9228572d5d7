"""Matching the file's member rows with the database (by 证件号码, then 人口编号 or name within the
household), checking IDs and 户主, and planning inserts, updates, moves and the members the file lacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import DISABILITY_CARD, HEAD, ID_CARD, MEMBER_ACTIVE, MEMBER_REMOVED
from fupin_desktop.domain.collect import MEMBER_FACTS, unknown_after
from fupin_desktop.domain.records import split_fields
from fupin_desktop.excel.parse import SheetData
from fupin_desktop.excel.values import UNKNOWN
from fupin_desktop.services.importing.plan.households import unknown_labels
from fupin_desktop.services.importing.plan.model import (
    FileHousehold,
    MemberMoved,
    MemberRef,
    MemberUpdate,
    NewMember,
)
from fupin_desktop.services.importing.support import (
    MISSING_REASON,
    MOVE_REASON,
    blank_clears,
    is_masked,
    masked_id,
    same,
)

if TYPE_CHECKING:
    from fupin_desktop.services.importing.plan.households import Planner

# 享受低保政策情况 / 享受特困供养政策情况 → (the yes/no field, the kind field)
ENJOYMENT = {"dibao_policy": ("dibao", "dibao_kind"), "tekun_policy": ("tekun", "tekun_kind")}


@dataclass(eq=False)
class Row:
    household: FileHousehold
    sheet: SheetData
    index: int
    id_number: str | None
    name: str
    person_number: str | None
    id_type: str | None
    relation: str | None
    member_id: int | None = None
    moved: bool = False
    id_ok: bool = False  # a valid 身份证 number (sex and birth date can be derived from it)
    card: bool = False  # a 残疾人证 number in a file without 证件类型: stored as such

    @property
    def number(self) -> str:
        return self.household.number

    @property
    def excel_row(self) -> int:
        return self.sheet.rows[self.index]


def _rows(p: Planner) -> list[Row]:
    out = []
    columns = {
        id(sheet): [
            sheet.column(f) for f in ("m.id_number", "m.name", "m.person_number", "m.id_type", "m.relation")
        ]
        for sheet in p.book.sheet("member")
    }
    for household in p.households.values():
        for sheet, i in household.member_rows:
            ids, names, persons, types, relations = columns[id(sheet)]
            out.append(
                Row(household, sheet, i, ids[i], str(names[i] or ""), persons[i], types[i], relations[i])  # type: ignore[arg-type]
            )
    return out


def plan_members(p: Planner) -> None:
    rows = _rows(p)
    if not rows:
        return
    taken: set[int] = set()
    first_seen: dict[str, Row] = {}
    duplicates: list[tuple[Row, Row]] = []
    for row in rows:
        if not row.name:
            p.issue(row.sheet, row.index, "m.name", "姓名为空")
        if row.id_number is None:
            p.issue(row.sheet, row.index, "m.id_number", "证件号码为空", error=False)
            continue
        if is_masked(row.id_number):
            continue
        if row.id_number in first_seen:
            duplicates.append((row, first_seen[row.id_number]))
        else:
            first_seen[row.id_number] = row
        _match_by_id(p, row, taken)
        _check_id(p, row)
    for row in rows:
        if row.member_id is None:
            _match_in_household(p, row, taken)
    for row, first in duplicates:
        already = {p.snap.members[m]["id_number"] for m in (row.member_id, first.member_id) if m}
        if row.member_id and first.member_id and already == {row.id_number}:
            message, error = (
                f"证件号码与第 {first.excel_row} 行相同（数据库中已是如此，请在数据核查中处理）",
                False,
            )
        else:
            message, error = f"证件号码与第 {first.excel_row} 行重复：同一个号码不能属于两个人", True
        p.issue(row.sheet, row.index, "m.id_number", message, error=error)
    _check_heads(p, rows)
    positions: dict[str, int] = {}
    columns = {id(sheet): _fields(sheet) for sheet in p.book.sheet("member")}
    for row in rows:
        if row.member_id is None:
            _new_member(p, row, columns[id(row.sheet)], positions)
        else:
            _member_changes(p, row, columns[id(row.sheet)])
    _missing(p, taken)


def _match_by_id(p: Planner, row: Row, taken: set[int]) -> None:
    members = p.snap.members
    candidates = [m for m in p.snap.by_id_number.get(row.id_number or "", ()) if m not in taken]
    existing = p.existing(row.number)
    here = [m for m in candidates if existing is not None and members[m]["household_id"] == existing["id"]]
    if here:
        row.member_id = here[0]
    elif candidates:
        same_name = [m for m in candidates if members[m]["name"] == row.name]
        if not same_name:
            other = members[candidates[0]]
            p.issue(
                row.sheet,
                row.index,
                "m.id_number",
                f"这个证件号码在数据库中属于户编号 {other['household_number']} 的“{other['name']}”，"
                f"与本行的“{row.name}”不是同一人；请核对号码",
            )
            return
        row.member_id, row.moved = same_name[0], True
    if row.member_id is not None:
        taken.add(row.member_id)


def _check_id(p: Planner, row: Row) -> None:
    """A bad 身份证 number blocks; a 15-digit legacy number or a 残疾人证 number only warns (the member
    keeps it, 数据核查 lists it)."""
    number = row.id_number or ""
    card = idcard.disability_card(number)
    if row.id_type == DISABILITY_CARD or (card is not None and row.id_type in (None, ID_CARD)):
        _check_card(p, row, number)
        return
    problem = idcard.problem(number, p.today)
    if problem is None:
        row.id_ok = True
        return
    stored = row.member_id is not None and p.snap.members[row.member_id]["id_number"] == row.id_number
    if problem is idcard.IdProblem.LEGACY_15:
        p.issue(
            row.sheet, row.index, "m.id_number", "15位旧身份证号码，已按原样导入；请换成18位号码", error=False
        )
    elif stored:
        p.issue(row.sheet, row.index, "m.id_number", f"{problem.value}（数据库中已是此号码）", error=False)
    else:
        p.issue(row.sheet, row.index, "m.id_number", problem.value)


def _check_card(p: Planner, row: Row, number: str) -> None:
    """A 残疾人证 number: its first 18 digits are an ID number, then 残疾类别 and 等级."""
    problem = idcard.disability_card_problem(number, p.today)
    if row.id_type is None and len(number) in idcard.DISABILITY_CARD_LENGTHS:
        row.card = True
    if problem is None:
        row.id_ok = True
        if row.card:
            kind = "已按残疾人证导入"
        elif row.id_type == ID_CARD:
            kind = "证件类型却是身份证，请核对"
        else:
            kind = "前18位已按身份证号码核对"
        p.issue(row.sheet, row.index, "m.id_number", f"{len(number)}位残疾人证号码，{kind}", error=False)
    elif row.id_type == DISABILITY_CARD or row.card:
        p.issue(row.sheet, row.index, "m.id_number", f"{problem}，已按原样导入", error=False)
    else:  # a 身份证 with 20 or 22 characters that is no 残疾人证 either
        p.issue(row.sheet, row.index, "m.id_number", idcard.IdProblem.LENGTH.value)


def _match_in_household(p: Planner, row: Row, taken: set[int]) -> None:
    """No ID match: the same household's member with this 人口编号, else the one with this name."""
    existing = p.existing(row.number)
    if existing is not None:
        members = [p.snap.members[m] for m in p.snap.by_household.get(existing["id"], ()) if m not in taken]
        found = [m for m in members if row.person_number and m["person_number"] == row.person_number]
        if not found:
            found = [m for m in members if m["name"] == row.name]
        if len(found) == 1:
            row.member_id = found[0]["id"]
            taken.add(row.member_id)
            if is_masked(row.id_number) and masked_id(found[0]["id_number"]) != row.id_number:
                p.issue(
                    row.sheet,
                    row.index,
                    "m.id_number",
                    "脱敏的证件号码与数据库中的号码对不上，证件号码未修改",
                    error=False,
                )
            return
    if is_masked(row.id_number):
        p.issue(
            row.sheet,
            row.index,
            "m.id_number",
            "证件号码已脱敏（含 *），在这一户中找不到此人，无法新增；请填写完整的证件号码",
        )


def _check_heads(p: Planner, rows: list[Row]) -> None:
    by_household: dict[str, list[Row]] = {}
    for row in rows:
        if row.sheet.has("m.relation"):
            by_household.setdefault(row.number, []).append(row)
    for number, members in by_household.items():
        heads = [r for r in members if r.relation == HEAD]
        if len(heads) == 1:
            continue
        existing = p.existing(number)
        stored = -1
        if existing is not None:
            stored = sum(
                1
                for m in p.snap.by_household.get(existing["id"], ())
                if p.snap.members[m]["relation"] == HEAD and p.snap.members[m]["status"] == MEMBER_ACTIVE
            )
        where = heads[1] if heads else members[0]
        what = "没有户主" if not heads else f"有 {len(heads)} 个户主"
        if stored == len(heads):
            p.issue(where.sheet, where.index, "m.relation", f"这一户{what}（数据库中已是如此）", error=False)
        else:
            p.issue(where.sheet, where.index, "m.relation", f"这一户{what}：每户必须有且只有一个户主")


@dataclass
class _Columns:
    """One member sheet's member columns, and what a row of it states: the same for every row but those
    with a cell saying 待采集 (worked out once per sheet, not per row)."""

    plain: list[tuple[str, list[object]]]
    enjoy: list[tuple[str, list[object]]]  # 享受低保政策情况 and the like
    carried: frozenset[str]
    unknown_rows: set[int]

    def carried_at(self, index: int) -> frozenset[str]:
        if index not in self.unknown_rows:
            return self.carried
        out: set[str] = set()
        for name, column in (*self.plain, *self.enjoy):
            if column[index] is not UNKNOWN:
                out.update(ENJOYMENT.get(name, (name,)))
        return frozenset(out)


def _fields(sheet: SheetData) -> _Columns:
    columns = [(f[2:], sheet.values[f]) for f in sheet.columns if f.startswith("m.")]
    carried = {n for name, _ in columns for n in ENJOYMENT.get(name, (name,))}
    unknown_rows = {
        i for _, column in columns if UNKNOWN in column for i, v in enumerate(column) if v is UNKNOWN
    }
    return _Columns(
        [(n, c) for n, c in columns if n not in ENJOYMENT],
        [(n, c) for n, c in columns if n in ENJOYMENT],
        frozenset(carried),
        unknown_rows,
    )


def _values(p: Planner, row: Row, columns: _Columns, *, new: bool) -> dict[str, Any]:
    """The row's member fields (what it says 待采集 left out); 享受低保政策情况 and the like become the
    yes/no field and the kind; an empty 性别 or 出生日期 (or, for a new member, a missing column) is
    taken from a valid ID number."""
    i = row.index
    if i in columns.unknown_rows:
        values = {name: column[i] for name, column in columns.plain if column[i] is not UNKNOWN}
    else:
        values = {name: column[i] for name, column in columns.plain}
    for name, column in columns.enjoy:  # after the yes/no fields they agree with
        value = column[i]
        if value is not UNKNOWN:
            _enjoyment(p, row, values, name, value or (None, None))  # type: ignore[arg-type]
    if row.card:
        values["id_type"] = DISABILITY_CARD
    if row.id_ok and row.id_number:
        holder = idcard.holder_id(row.id_number)
        for name, derive in (("sex", idcard.sex_of), ("birth_date", idcard.birth_date_of)):
            if values.get(name) is None and (new or name in values):
                values[name] = derive(holder)
    if new:  # the same keys in every new row, so they insert as one batch
        values.setdefault("sex", None)
        values.setdefault("birth_date", None)
    return values


def _enjoyment(
    p: Planner, row: Row, values: dict[str, Any], name: str, value: tuple[bool | None, str | None]
) -> None:
    flag, kind_field = ENJOYMENT[name]
    enjoyed, kind = value
    stated = values.get(flag)
    if enjoyed is None:  # an empty cell: the yes/no column (if any) says it
        values.setdefault(flag, None)
        values[kind_field] = None
        return
    if stated is not None and stated != enjoyed:
        label = "享受低保政策情况" if flag == "dibao" else "享受特困供养政策情况"
        other = "是否享受低保" if flag == "dibao" else "是否特困供养人员"
        p.issue(row.sheet, row.index, f"m.{name}", f"与“{other}”不一致，按“{label}”导入", error=False)
    values[flag] = enjoyed
    values[kind_field] = kind


def _new_member(p: Planner, row: Row, columns: _Columns, positions: dict[str, int]) -> None:
    values = _values(p, row, columns, new=True)
    if is_masked(values.get("id_number")):
        return  # reported above; a masked number is never stored
    values["id_type"] = values.get("id_type") or "身份证"
    values["unknown_fields"] = unknown_after(None, True, MEMBER_FACTS, columns.carried_at(row.index))
    existing = p.existing(row.number)
    if row.number not in positions:
        members = p.snap.by_household.get(existing["id"], ()) if existing else ()
        positions[row.number] = max((p.snap.members[m]["position"] for m in members), default=-1) + 1
    values.update(status=MEMBER_ACTIVE, position=positions[row.number])
    positions[row.number] += 1
    p.plan.member_inserts.append(NewMember(row.number, values))
    p.plan.new_members.append(MemberRef(row.number, row.name, masked_id(row.id_number)))
    p.plan.touched_households.add(row.number)
    if existing is not None:
        p.plan.changed_households.add(row.number)


def _member_changes(p: Planner, row: Row, columns: _Columns) -> None:
    assert row.member_id is not None
    old = p.snap.members[row.member_id]
    update: dict[str, Any] = {}
    read = _values(p, row, columns, new=False)
    # a blank erases nothing, unless the clerk chose to clear with blanks
    values = {k: v for k, v in read.items() if v is not None or blank_clears(p.options, k)}
    # what the row gives a value for is known now; a blank leaves a fact as it was
    values["unknown_fields"] = unknown_after(
        split_fields(old["unknown_fields"]),
        False,
        MEMBER_FACTS,
        {k for k, v in read.items() if v is not None},
    )
    for column, value in values.items():
        name = f"m.{column}"
        if column == "id_number" and is_masked(value):
            continue
        if not same(old[column], value):
            update[column] = value
            if column == "unknown_fields":
                p.change(row.number, row.name, name, unknown_labels(old[column]), unknown_labels(value))
            else:
                p.change(row.number, row.name, name, old[column], value)
    existing = p.existing(row.number)
    moved = row.moved or existing is None or old["household_id"] != existing["id"]
    if moved:
        p.plan.moves.append(MemberMoved(old["id"], old["household_id"], row.number, p.today, MOVE_REASON))
        p.plan.moved_members.append(
            MemberRef(
                row.number,
                row.name,
                masked_id(old["id_number"]),
                old["id"],
                f"从 {old['household_number']} 迁入",
            )
        )
        p.change(row.number, row.name, "户编号", old["household_number"], row.number)
        if old["household_number"]:
            p.plan.changed_households.add(old["household_number"])
            p.plan.touched_households.add(old["household_number"])
    if old["status"] != MEMBER_ACTIVE:
        update.update(status=MEMBER_ACTIVE, removed_on=None, removed_reason=None)
        p.change(row.number, row.name, "m.status", old["status"], MEMBER_ACTIVE)
    if update or moved:
        p.plan.member_updates.append(MemberUpdate(old["id"], row.number, update, moved))
        p.plan.updated_members[old["id"]] = row.number
        p.plan.touched_households.add(row.number)
    else:
        p.plan.unchanged_members[row.number] = p.plan.unchanged_members.get(row.number, 0) + 1


def _missing(p: Planner, taken: set[int]) -> None:
    listed = {h.number for h in p.households.values() if h.member_rows}
    for number in listed:
        existing = p.existing(number)
        if existing is None:
            continue
        for member_id in p.snap.by_household.get(existing["id"], ()):
            member = p.snap.members[member_id]
            if member_id in taken or member["status"] != MEMBER_ACTIVE:
                continue
            p.plan.missing_members.append(
                MemberRef(number, member["name"], masked_id(member["id_number"]), member_id)
            )
            if p.options.mark_missing:
                removed = {"status": MEMBER_REMOVED, "removed_on": p.today, "removed_reason": MISSING_REASON}
                p.plan.member_updates.append(MemberUpdate(member_id, number, removed))
                p.plan.updated_members[member_id] = number
                p.change(number, member["name"], "m.status", MEMBER_ACTIVE, MEMBER_REMOVED)
                p.plan.touched_households.add(number)
