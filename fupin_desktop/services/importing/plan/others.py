"""Planning the template's other sheets: 收支 (replaced per household and year), 帮扶措施 (the file's set
per household; the measure columns of monitoring lists only add), 帮扶责任人 (matched by phone) and
结对 (a different helper ends the current pairing and starts a new one; history stays)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.domain.income import IncomeCategory, IncomeLine, ReportedIncome, is_policy_item, summarize
from fupin_desktop.excel.parse import SheetData
from fupin_desktop.services.importing.plan.model import (
    HelperInsert,
    HelperUpdate,
    IncomeSet,
    MeasureDelete,
    MeasureInsert,
    PairingSet,
)
from fupin_desktop.services.importing.support import same

if TYPE_CHECKING:
    from fupin_desktop.services.importing.plan.households import Planner
    from fupin_desktop.services.importing.plan.model import FileHousehold

CATEGORIES = frozenset(c.value for c in IncomeCategory)
TOTAL_ITEM = "合计"  # a category's total as the national system states it
OTHER_ITEM = "其他"
DIBAO_ITEM = "低保金"
TEKUN_ITEM = "特困供养金"
IMPORTED_NOTE = "全国系统导出数据"
MEASURE_FIELDS = ("category", "item", "content", "amount", "start_date", "end_date", "year")
HELPER_FIELDS = ("name", "sex", "political_status", "unit", "unit_level", "title", "role")


def _rows(p: Planner, kind: str) -> Iterator[tuple[SheetData, int, str]]:
    """(sheet, index, 户编号) of each row of this kind whose household is known."""
    for sheet in p.book.sheet(kind):
        failed = p.unreadable_rows(sheet, "h.number")
        for i, number in enumerate(sheet.column("h.number")):
            if number is None:
                if sheet.rows[i] not in failed:
                    p.issue(sheet, i, "h.number", "这一行没有户编号，无法确定属于哪一户")
                continue
            number = str(number)
            if p.existing(number) is None and number not in p.households:
                p.issue(
                    sheet, i, "h.number", f"户编号 {number} 不在数据库中，文件的“户”或“成员”表中也没有这一户"
                )
                continue
            yield sheet, i, number


def _require(p: Planner, sheet: SheetData, i: int, names: tuple[str, ...]) -> bool:
    ok = True
    for name in names:
        if sheet.has(name) and sheet.column(name)[i] is None:
            p.issue(sheet, i, name, f"“{sheet.headers[name]}”不能为空")
            ok = False
    return ok


def _household_id(p: Planner, number: str) -> int | None:
    existing = p.existing(number)
    return existing["id"] if existing else None


# ---------------------------------------------------------------- 收支

# A wide column's total becomes one line of its category: (category, item, policy).
WIDE_LINES = {
    "iw.wage": (IncomeCategory.WAGE, TOTAL_ITEM, False),
    "iw.business": (IncomeCategory.BUSINESS, TOTAL_ITEM, False),
    "iw.property": (IncomeCategory.PROPERTY, TOTAL_ITEM, False),
    "iw.expense": (IncomeCategory.EXPENSE, TOTAL_ITEM, False),
    "iw.claims": (IncomeCategory.CLAIMS, TOTAL_ITEM, False),
    "iw.self_paid": (IncomeCategory.SELF_PAID, TOTAL_ITEM, False),
}
# 转移性收入 with two of its parts named apart: 低保金 and 特困供养金 lines, the rest as 其他.
TRANSFER_PARTS = {"iw.dibao": DIBAO_ITEM, "iw.tekun": TEKUN_ITEM}
REPORTED_FIELDS = {"iw.per_capita": "per_capita", "iw.net": "net", "iw.gross": "gross"}


@dataclass
class _Year:
    """A household's year as the import will leave it, starting from the stored one."""

    people: int | None
    lines: list[IncomeLine]
    reported: dict[str, float | None]


def _stored_year(p: Planner, number: str, year: int) -> tuple[_Year, dict | None]:
    existing = p.existing(number)
    old = p.snap.incomes.get((existing["id"], year)) if existing else None
    if old is None:
        return _Year(None, [], dict.fromkeys(REPORTED_FIELDS.values())), None
    reported = {name: old[f"reported_{name}"] for name in REPORTED_FIELDS.values()}
    return _Year(old["people"], _stored_lines(old), reported), old


def plan_incomes(p: Planner) -> None:
    """The 收支 sheet replaces a household's year; the wide columns of a national export replace only the
    categories whose totals differ, and keep the national system's own figures beside ours."""
    years: dict[tuple[str, int], _Year] = {}
    stored: dict[tuple[str, int], dict | None] = {}

    def year_of(number: str, year: int) -> _Year:
        if (number, year) not in years:
            years[(number, year)], stored[(number, year)] = _stored_year(p, number, year)
        return years[(number, year)]

    _template_lines(p, year_of)
    _wide_columns(p, year_of)
    for (number, year), state in years.items():
        old = stored[(number, year)]
        reported = ReportedIncome(**state.reported)
        if (
            old is not None
            and old["people"] == state.people
            and _line_keys(_stored_lines(old)) == _line_keys(state.lines)
            and all(same(old[f"reported_{k}"], v) for k, v in state.reported.items())
        ):
            continue
        p.plan.income_sets.append(IncomeSet(number, year, state.people, tuple(state.lines), reported or None))
        p.plan.touched_households.add(number)
        before = _total(_stored_lines(old)) if old else "无"
        if (
            old is None
            or _line_keys(_stored_lines(old)) != _line_keys(state.lines)
            or old["people"] != state.people
        ):
            p.change(number, "", f"{year}年收支", before, _total(state.lines))
        for key, value in state.reported.items():
            previous = old[f"reported_{key}"] if old else None
            if not same(previous, value):
                p.change(number, "", f"{year}年{REPORTED_LABELS[key]}（全国系统）", previous, value)


REPORTED_LABELS = {"per_capita": "人均纯收入", "net": "家庭纯收入", "gross": "年收入"}


def _template_lines(p: Planner, year_of) -> None:
    groups: dict[tuple[str, int], tuple[list[int | None], list[IncomeLine]]] = {}
    for sheet, i, number in _rows(p, "income"):
        if not _require(p, sheet, i, ("i.year", "i.category", "i.item", "i.amount")):
            continue
        category = str(sheet.column("i.category")[i])
        if category not in CATEGORIES:
            p.issue(sheet, i, "i.category", f"类别“{category}”应为：{'、'.join(sorted(CATEGORIES))}")
            continue
        year = int(sheet.column("i.year")[i])  # type: ignore[arg-type]
        people, lines = groups.setdefault((number, year), ([], []))
        people.append(sheet.column("i.people")[i])  # type: ignore[arg-type]
        item = str(sheet.column("i.item")[i])
        note = sheet.column("i.note")[i]
        amount = round(float(sheet.column("i.amount")[i]), 2)  # type: ignore[arg-type]
        lines.append(IncomeLine(category, item, amount, str(note or ""), is_policy_item(category, item)))
    for (number, year), (people_values, lines) in groups.items():
        state = year_of(number, year)
        state.people = next((int(v) for v in people_values if v is not None), None)
        state.lines = lines


def _wide_columns(p: Planner, year_of) -> None:
    warned = False
    for number, household in p.households.items():
        amounts = {
            k: float(v)  # type: ignore[arg-type]
            for k, v in household.income.items()
            if k not in ("iw.year", "iw.date") and v is not None  # a blank cell erases nothing
        }
        if not amounts or number not in p.plan.areas:
            continue
        year = p.income_year(household)
        if year is None:
            p.plan.income_year_missing = True
            if not warned:
                p.issue(
                    household.sheet,
                    household.row,
                    next(iter(amounts)),
                    "文件中没有年度（年度、数据日期列，标题或文件名中的日期），收入各列未导入；"
                    "请指定收入年度（导入窗口中勾选“收入各列按这一年导入”，命令行加 --year）",
                    error=False,
                )
                warned = True
            continue
        state = year_of(number, year)
        for name, (category, item, policy) in WIDE_LINES.items():
            if name in amounts:
                _replace(state, category, [(item, amounts[name], policy)])
        if any(name in amounts for name in ("iw.transfer", *TRANSFER_PARTS)):
            _transfer(p, household, state, amounts)
        for name, key in REPORTED_FIELDS.items():
            if name in amounts:
                _report(p, number, state, key, amounts[name], year)


def _close(a: float, b: float) -> bool:
    return abs(a - b) < 0.005


def _replace(state: _Year, category: str, wanted: list[tuple[str, float, bool]]) -> None:
    """The category's lines become `wanted` (item, amount, policy) unless they already add up the same."""
    current = [x for x in state.lines if x.category == category]
    if _close(sum(x.amount for x in current), sum(a for _, a, _ in wanted)):
        return
    state.lines = [x for x in state.lines if x.category != category] + [
        IncomeLine(category, item, round(amount, 2), IMPORTED_NOTE, policy)
        for item, amount, policy in wanted
        if amount
    ]


def _transfer(p: Planner, household: FileHousehold, state: _Year, amounts: dict[str, float]) -> None:
    """转移性收入 and its 低保金 and 特困供养金: the parts as lines of their own, the rest as 其他."""
    category = IncomeCategory.TRANSFER
    current = [x for x in state.lines if x.category == category]
    parts = {item: amounts[name] for name, item in TRANSFER_PARTS.items() if name in amounts}
    total = amounts.get("iw.transfer")
    if all(_close(sum(x.amount for x in current if x.item == item), v) for item, v in parts.items()) and (
        total is None or _close(sum(x.amount for x in current), total)
    ):
        return
    kept = [x for x in current if x.item not in parts]
    lines = [IncomeLine(category, item, round(v, 2), IMPORTED_NOTE, True) for item, v in parts.items() if v]
    if total is not None:
        rest = round(total - sum(parts.values()), 2)
        if rest < -0.005:
            p.issue(
                household.sheet,
                household.row,
                "iw.transfer",
                f"转移性收入 {total:,.2f} 元小于其中的低保金、特困供养金之和 {sum(parts.values()):,.2f} 元，按分项导入",
                error=False,
            )
            kept = []
        elif not parts and rest - sum(x.amount for x in kept) >= 0 and kept:
            # only the total is given and it covers what is stored: keep the stored split (低保金 stays
            # policy income), the difference goes to 其他
            extra = round(rest - sum(x.amount for x in kept), 2)
            lines = [IncomeLine(category, OTHER_ITEM, extra, IMPORTED_NOTE, False)] if extra > 0.005 else []
        else:
            kept = []
            if rest > 0.005:
                lines.append(IncomeLine(category, OTHER_ITEM, rest, IMPORTED_NOTE, False))
    state.lines = [x for x in state.lines if x.category != category] + kept + lines


def _report(p: Planner, number: str, state: _Year, key: str, value: float, year: int) -> None:
    """The national figure is kept when it is not what we state for the year already: the stored
    national figure, or (when none is stored) our own from the lines. Exports state the same."""
    shown = state.reported[key]
    if shown is None and state.lines:
        ours = summarize(year, state.people or _headcount(p, number), state.lines, None)
        shown = {"per_capita": ours.computed_per_capita, "net": ours.net, "gross": ours.gross}[key]
    if shown is None or not _close(shown, value):
        state.reported[key] = round(value, 2)


def _headcount(p: Planner, number: str) -> int:
    """家庭人口 as the year will be summed: the file's member rows, else the members 在册."""
    household = p.households.get(number)
    if household is not None and household.member_rows:
        return len(household.member_rows)
    existing = p.existing(number)
    members = p.snap.by_household.get(existing["id"], ()) if existing else ()
    return sum(1 for m in members if p.snap.members[m]["status"] == MEMBER_ACTIVE)


def _stored_lines(old: dict | None) -> list[IncomeLine]:
    if old is None:
        return []
    return [
        IncomeLine(x["category"], x["item"], round(x["amount"], 2), x["note"] or "", bool(x["policy"]))
        for x in old["lines"]
    ]


def _line_keys(lines: list[IncomeLine]) -> list[tuple]:
    return sorted((x.category, x.item, round(x.amount, 2), x.note or "") for x in lines)


def _total(lines: list[IncomeLine]) -> str:
    return f"{len(lines)} 项，合计 {sum(x.amount for x in lines):,.2f} 元"


# ---------------------------------------------------------------- 帮扶措施


def _measure_key(values: dict) -> tuple:
    return tuple(
        round(values[k], 2) if k == "amount" and values[k] is not None else values[k] for k in MEASURE_FIELDS
    )


def plan_measures(p: Planner) -> None:
    wanted: dict[str, list[dict]] = {}
    for sheet, i, number in _rows(p, "measure"):
        if not _require(p, sheet, i, ("me.category",)):
            continue
        wanted.setdefault(number, []).append({k: sheet.column(f"me.{k}")[i] for k in MEASURE_FIELDS})
    for number, measures in wanted.items():
        household_id = _household_id(p, number)
        unused = list(p.snap.measures.get(household_id, ())) if household_id else []
        added = []
        for measure in measures:
            key = _measure_key(measure)
            match = next((m for m in unused if _measure_key(m) == key), None)
            if match is None:
                added.append(measure)
            else:
                unused.remove(match)
        if added or unused:
            before = len(p.snap.measures.get(household_id, ())) if household_id else 0
            p.plan.measure_inserts += [MeasureInsert(number, m) for m in added]
            p.plan.measure_deletes += [MeasureDelete(number, m["id"]) for m in unused]
            p.change(number, "", "帮扶措施", f"{before} 条", f"{len(measures)} 条")
    _plan_measure_lists(p)


def _plan_measure_lists(p: Planner) -> None:
    """Monitoring lists name measures per category (comma-joined): add the ones the database lacks, in
    the file's order."""
    for number, household in p.households.items():
        if not household.measure_lists or number not in p.plan.areas:
            continue
        household_id = _household_id(p, number)
        have = {
            (m["category"], m["item"] or m["content"])
            for m in (p.snap.measures.get(household_id, ()) if household_id else ())
        }
        for category, items in household.measure_lists.items():
            for item in items:
                if (category, item) in have:
                    continue
                values = dict.fromkeys(MEASURE_FIELDS) | {"category": category, "item": item}
                p.plan.measure_inserts.append(MeasureInsert(number, values))
                p.change(number, "", category, "", item)


# ---------------------------------------------------------------- 帮扶责任人 and 结对


def plan_helpers_and_pairings(p: Planner) -> None:
    by_phone = {h["phone"]: h for h in p.snap.helpers.values() if h["phone"] and not h["archived"]}
    villages = {}
    for area in p.snap.areas.rows.values():
        if area["level"] == "village":
            villages.setdefault(area["name"], []).append(area["id"])
    for sheet in p.book.sheet("helper"):
        for i, phone in enumerate(sheet.column("p.phone")):
            if not _require(p, sheet, i, ("p.name", "p.phone")) or not p.fits(sheet, i):
                continue
            values = {k: sheet.column(f"p.{k}")[i] for k in HELPER_FIELDS if sheet.has(f"p.{k}")}
            if sheet.has("p.village"):
                name = sheet.column("p.village")[i]
                ids = villages.get(str(name), []) if name else []
                if name and len(ids) != 1:
                    p.issue(sheet, i, "p.village", f"找不到唯一的“{name}”村，所驻村未导入", error=False)
                values["village_id"] = ids[0] if len(ids) == 1 else None
            _plan_helper(p, by_phone, str(phone), values)
    seen: dict[str, int] = {}
    for sheet, i, number in _rows(p, "pairing"):
        if not _require(p, sheet, i, ("pa.helper_name", "pa.helper_phone")) or not p.fits(sheet, i):
            continue
        if number in seen:
            p.issue(
                sheet,
                i,
                "h.number",
                f"同一户在结对表中出现两次（另见第 {seen[number]} 行），每户只能有一名帮扶责任人",
            )
            continue
        seen[number] = sheet.rows[i]
        phone = str(sheet.column("pa.helper_phone")[i])
        name = str(sheet.column("pa.helper_name")[i])
        helper = by_phone.get(phone)
        if helper is None:
            helper = {
                "name": name,
                "unit": sheet.column("pa.helper_unit")[i],
                "title": sheet.column("pa.helper_title")[i],
            }
            _plan_helper(p, by_phone, phone, helper)
        elif helper["name"] != name:
            p.issue(
                sheet,
                i,
                "pa.helper_name",
                f"电话 {phone} 在数据库中是“{helper['name']}”，按电话结对",
                error=False,
            )
        household_id = _household_id(p, number)
        current = p.snap.pairings.get(household_id) if household_id else None
        if current is not None and current["helper_id"] == helper.get("id"):
            continue
        start = sheet.column("pa.start_date")[i] or p.today
        p.plan.pairing_sets.append(PairingSet(number, phone, start, current["id"] if current else None))  # type: ignore[arg-type]
        old_name = p.snap.helpers[current["helper_id"]]["name"] if current else ""
        p.change(number, "", "帮扶责任人", old_name, helper["name"])


def _plan_helper(p: Planner, by_phone: dict[str, dict], phone: str, values: dict) -> None:
    old = by_phone.get(phone)
    if old is None:
        row = dict.fromkeys((*HELPER_FIELDS, "village_id")) | values
        row["role"] = row["role"] or "帮扶责任人"
        p.plan.helper_inserts.append(HelperInsert(phone, row))
        by_phone[phone] = row
        return
    if "id" not in old:
        return  # planned above from another row
    changed = {k: v for k, v in values.items() if k in old and v is not None and old[k] != v}
    if changed:
        p.plan.helper_updates.append(HelperUpdate(old["id"], changed))
