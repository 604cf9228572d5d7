"""A household's and a member's values by column field, as the ledgers write them (`exporting`).

Every field the importer recognises comes back out under the same field, so an export imports back with
no changes: a year's income as one total per category plus the national system's figures, the measures
of each category in their order, 享受低保政策情况 from the yes/no field and its kind. A fact the
household's source never carried is written as 待采集, which the importer reads back as unknown.
"""

from __future__ import annotations

from datetime import date

from fupin_desktop.domain.collect import HOUSEHOLD_FACTS, INCOME, MEASURES, MEMBER_FACTS
from fupin_desktop.domain.income import IncomeCategory
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord
from fupin_desktop.excel.columns import WIDE_INCOME
from fupin_desktop.excel.layout import MEASURE_LISTS
from fupin_desktop.excel.values import UNKNOWN_TEXT, enjoyment_text

Values = dict[str, object]

_SKIPPED = frozenset(
    {"risks", "members", "incomes", "measures", "visits", "pairings", "programs", "thresholds"}
)
_INCOME_FIELDS = tuple(c.field for c in WIDE_INCOME if c.field != "iw.year")
_MEASURE_FIELDS = tuple(c.field for c in MEASURE_LISTS)


def household_values(record: HouseholdRecord, province: str = "") -> Values:
    """Every household-level column of `record`."""
    values: Values = {f"h.{k}": getattr(record, k) for k in record.__dataclass_fields__ if k not in _SKIPPED}
    values.update(
        {
            "h.province": record.province or province or None,
            "a.county": record.county,
            "a.township": record.township,
            "a.village": record.village,
            "a.group": record.group,
            "x.head_name": record.head_name,
            "x.head_id": record.head.id_number if record.head else None,
            "x.people": len(record.active_members),
            "x.village": record.village,
            "x.group": record.group,
        }
    )
    for i, risk in enumerate(record.risks[:5], start=1):
        values[f"h.risk{i}"] = risk
    values.update(_income(record))
    for measure in record.measures:
        items = values.setdefault(f"ms.{measure.category}", [])
        label = measure.item or measure.content
        if label and label not in items:  # type: ignore[operator]
            items.append(label)  # type: ignore[union-attr]
    pairing = record.current_pairing
    if pairing is not None:
        values.update({"x.helper": pairing.helper_name, "x.helper_phone": pairing.helper_phone})
    _mark_unknown(values, record.unknown, HOUSEHOLD_FACTS, "h.")
    return values


def _income(record: HouseholdRecord) -> Values:
    """The latest year: its total per category, and the figures the national system states (its own
    when it gave them, else ours)."""
    year = record.incomes[-1] if record.incomes else None
    summary = record.latest_income
    if year is None or summary is None:
        return {}
    lines = year.lines
    transfers = [x for x in lines if x.category == IncomeCategory.TRANSFER]
    reported = year.reported
    has_lines = summary.lines > 0

    def stated(name: str, ours: float | None) -> float | None:
        theirs = getattr(reported, name) if reported else None
        return theirs if theirs is not None else (ours if has_lines else None)

    values: Values = {"iw.year": year.year}
    if has_lines:
        values.update(
            {
                "iw.wage": summary.wage,
                "iw.business": summary.business,
                "iw.property": summary.property,
                "iw.transfer": summary.transfer,
                "iw.dibao": round(sum(x.amount for x in transfers if x.item == "低保金"), 2),
                "iw.tekun": round(sum(x.amount for x in transfers if x.item == "特困供养金"), 2),
                "iw.expense": summary.expense,
                "iw.claims": summary.claims,
                "iw.self_paid": summary.self_paid,
            }
        )
    values["iw.per_capita"] = stated("per_capita", summary.computed_per_capita)
    values["iw.net"] = stated("net", summary.net)
    values["iw.gross"] = stated("gross", summary.gross)
    return values


def member_values(member: MemberRecord) -> Values:
    """Every member-level column of `member`."""
    values: Values = {f"m.{k}": getattr(member, k) for k in member.__dataclass_fields__}
    values["m.dibao_policy"] = enjoyment_text(member.dibao, member.dibao_kind)
    values["m.tekun_policy"] = enjoyment_text(member.tekun, member.tekun_kind, "不享受")
    unknown = member.unknown
    _mark_unknown(values, unknown, MEMBER_FACTS, "m.")
    born = values["m.birth_date"]  # what a masked ledger shows instead of the date
    values["x.birth_year"] = born.year if isinstance(born, date) else born
    if "dibao" in unknown:
        values["m.dibao_policy"] = UNKNOWN_TEXT
    if "tekun" in unknown:
        values["m.tekun_policy"] = UNKNOWN_TEXT
    return values


def _mark_unknown(values: Values, unknown: frozenset[str], facts, prefix: str) -> None:
    if not unknown:
        return
    for fact in facts:
        if fact.key not in unknown:
            continue
        if fact.key == INCOME:
            names = _INCOME_FIELDS
        elif fact.key == MEASURES:
            names = _MEASURE_FIELDS
        else:
            names = tuple(prefix + name for name in fact.fields)
        for name in names:
            if values.get(name) in (None, "", []):
                values[name] = UNKNOWN_TEXT
