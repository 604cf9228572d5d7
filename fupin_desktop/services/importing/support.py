"""Small pieces the import planner and writer share: options, area keys, value comparison."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fupin_desktop.db.lengths import max_length
from fupin_desktop.db.models import Area, Helper, Household, HouseholdRisk, IncomeItem, Measure, Member, Task
from fupin_desktop.domain import idcard

RISK_FIELDS = tuple(f"h.risk{i}" for i in range(1, 6))
DISASTER = "因自然灾害"
DISASTER_FIELD = "h.disaster_detail"  # 因自然灾害子项: the detail of the 因自然灾害 risk
MONTH_FIELDS = frozenset({"h.identified_on", "h.eliminated_on"})
MISSING_REASON = "其他：导入的文件中没有此人"
MOVE_REASON = "导入：文件中属于另一户"
PAIRING_END_REASON = "导入：更换帮扶责任人"


@dataclass(frozen=True, slots=True)
class PlanOptions:
    mark_missing: bool = False  # members missing from the file become 自然减少
    skip_bad_households: bool = False  # import the rest when some households have errors
    # the year of a file's income columns when neither the file nor its name says (fupin import --year)
    income_year: int | None = None
    # a blank cell clears the stored value (用文件中的空白清除, fupin import --clear-blanks); by default a
    # blank erases nothing, since a blank is as often a cell nobody filled in (or a formula never
    # calculated) as a value that is gone
    clear_blanks: bool = False


# Never cleared by a blank, whatever the option: what identifies a household or a person, and what
# the database requires.
KEEP_WHEN_BLANK = frozenset(
    {"number", "name", "id_number", "id_type", "relation", "person_number", "status", "unknown_fields"}
)


def blank_clears(options: PlanOptions, column: str) -> bool:
    """Whether a blank cell in `column` (a household or member column) clears the stored value."""
    return options.clear_blanks and column not in KEEP_WHEN_BLANK


@dataclass(frozen=True, slots=True)
class AreaKey:
    """Where a household belongs: ids when the areas exist, names to create them when they do not."""

    village: str
    township: str | None
    county: str | None
    group: str | None
    village_id: int | None
    group_id: int | None
    keep_group: bool  # the file has no group column: leave the household's group alone


def same(old: object, new: object, *, month: bool = False) -> bool:
    """Database value and file value are the same (floats to the cent, months by year and month)."""
    if old is None or old == "":
        return new is None or new == ""
    if new is None or new == "":
        return False
    if isinstance(old, float | int) and isinstance(new, float | int) and not isinstance(old, bool):
        return abs(float(old) - float(new)) < 0.005
    if month and isinstance(old, date) and isinstance(new, date):
        return (old.year, old.month) == (new.year, new.month)
    return old == new


def masked_id(number: str | None) -> str:
    if not number:
        return ""
    if len(number) >= 15 and number.isascii() and number.isalnum():
        return number[:6] + idcard.MASK + number[-4:]  # already normalised: skip the Unicode folding
    return idcard.mask(number)


def is_masked(number: object) -> bool:
    return isinstance(number, str) and "*" in number


# ---------------------------------------------------------------- column sizes

# The table a field's prefix writes into (h.address → Household.address), and the fields stored elsewhere
# or under another name. Fields not here (x.*, iw.* amounts, lookups such as p.village) are not stored as
# text of their own.
_PREFIX_MODELS: dict[str, type] = {
    "h": Household,
    "m": Member,
    "i": IncomeItem,
    "me": Measure,
    "p": Helper,
    "t": Task,
}
_STORED_AS: dict[str, tuple[type, str]] = {
    **{f"a.{level}": (Area, "name") for level in ("county", "township", "village", "group")},
    **dict.fromkeys(RISK_FIELDS, (HouseholdRisk, "risk")),
    DISASTER_FIELD: (HouseholdRisk, "detail"),
    "m.dibao_policy": (Member, "dibao_kind"),  # (享受, 农村低保): the kind is what is stored
    "m.tekun_policy": (Member, "tekun_kind"),
    "pa.helper_name": (Helper, "name"),
    "pa.helper_phone": (Helper, "phone"),
    "pa.helper_unit": (Helper, "unit"),
    "pa.helper_title": (Helper, "title"),
}


def field_limit(field: str) -> int | None:
    """How many characters the column a file's field is written into holds (None: no limit)."""
    if field in _STORED_AS:
        return max_length(*_STORED_AS[field])
    if field.startswith("ms."):  # 帮扶措施 lists: each item becomes a measure's 项目
        return max_length(Measure, "item")
    prefix, _, attr = field.partition(".")
    model = _PREFIX_MODELS.get(prefix)
    return max_length(model, attr) if model is not None else None


@dataclass(frozen=True, slots=True)
class TooLong:
    index: int  # the sheet's data row
    text: str
    limit: int
    item: bool  # one item of a comma-joined cell


def too_long(field: str, column: list[object]) -> list[TooLong]:
    """The cells of a column whose text (or one of whose items) the database could not hold."""
    limit = field_limit(field)
    if limit is None:
        return []
    found = []
    for index, value in enumerate(column):
        if isinstance(value, str):
            if len(value) > limit:
                found.append(TooLong(index, value, limit, False))
        elif isinstance(value, tuple | list):  # a list's items, or 享受…政策情况's (yes/no, kind)
            long = next((v for v in value if isinstance(v, str) and len(v) > limit), None)
            if long is not None:
                found.append(TooLong(index, long, limit, field.startswith("ms.")))
    return found
