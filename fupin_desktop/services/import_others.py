"""Planning the template's other sheets: 收支 (replaced per household and year), 帮扶措施 (the file's set
per household; the measure columns of monitoring lists only add), 帮扶责任人 (matched by phone) and
结对 (a different helper ends the current pairing and starts a new one; history stays)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from fupin_desktop.domain.income import IncomeCategory, is_policy_item
from fupin_desktop.excel.parse import SheetData

if TYPE_CHECKING:
    from fupin_desktop.services.import_plan import Planner

CATEGORIES = frozenset(c.value for c in IncomeCategory)
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
            if number not in p.snap.households and number not in p.households:
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
    existing = p.snap.households.get(number)
    return existing["id"] if existing else None


# ---------------------------------------------------------------- 收支


def plan_incomes(p: Planner) -> None:
    groups: dict[tuple[str, int], tuple[list[int | None], list[dict]]] = {}
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
        lines.append(
            {
                "category": category,
                "item": item,
                "amount": round(float(sheet.column("i.amount")[i]), 2),  # type: ignore[arg-type]
                "note": sheet.column("i.note")[i],
                "policy": is_policy_item(category, item),
            }
        )
    for (number, year), (people_values, lines) in groups.items():
        people = next((int(v) for v in people_values if v is not None), None)
        household_id = _household_id(p, number)
        old = p.snap.incomes.get((household_id, year)) if household_id else None
        if old is not None and old["people"] == people and _line_keys(old["lines"]) == _line_keys(lines):
            continue
        p.plan.income_sets[(number, year)] = (people, lines)
        p.plan.touched_households.add(number)
        before = _total(old["lines"]) if old else "无"
        p.change(number, "", f"{year}年收支", before, _total(lines))


def _line_keys(lines: list[dict]) -> list[tuple]:
    return sorted((x["category"], x["item"], round(x["amount"], 2), x["note"] or "") for x in lines)


def _total(lines: list[dict]) -> str:
    return f"{len(lines)} 项，合计 {sum(x['amount'] for x in lines):,.2f} 元"


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
            p.plan.measure_inserts += [{**m, "_household": number} for m in added]
            p.plan.measure_deletes += [(number, m["id"]) for m in unused]
            p.change(number, "", "帮扶措施", f"{before} 条", f"{len(measures)} 条")
    _plan_measure_lists(p)


def _plan_measure_lists(p: Planner) -> None:
    """Monitoring lists name measures per category (comma-joined): add the ones the database lacks."""
    for number, household in p.households.items():
        if not household.measure_lists:
            continue
        household_id = _household_id(p, number)
        have = {
            (m["category"], m["item"] or m["content"])
            for m in (p.snap.measures.get(household_id, ()) if household_id else ())
        }
        for category, items in household.measure_lists.items():
            for item in sorted(items - {i for c, i in have if c == category}):
                p.plan.measure_inserts.append(
                    dict.fromkeys(MEASURE_FIELDS) | {"category": category, "item": item, "_household": number}
                )
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
            if not _require(p, sheet, i, ("p.name", "p.phone")):
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
        if not _require(p, sheet, i, ("pa.helper_name", "pa.helper_phone")):
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
        p.plan.pairing_sets.append(
            {
                "_household": number,
                "_phone": phone,
                "start_date": sheet.column("pa.start_date")[i] or p.today,
                "end_pairing": current["id"] if current else None,
            }
        )
        old_name = p.snap.helpers[current["helper_id"]]["name"] if current else ""
        p.change(number, "", "帮扶责任人", old_name, helper["name"])


def _plan_helper(p: Planner, by_phone: dict[str, dict], phone: str, values: dict) -> None:
    old = by_phone.get(phone)
    if old is None:
        row = dict.fromkeys((*HELPER_FIELDS, "village_id")) | values | {"phone": phone}
        row["role"] = row["role"] or "帮扶责任人"
        p.plan.helper_inserts.append(row)
        by_phone[phone] = row
        return
    if "id" not in old:
        return  # planned above from another row
    changed = {k: v for k, v in values.items() if k in old and v is not None and old[k] != v}
    if changed:
        p.plan.helper_updates.append({"id": old["id"], **changed})
