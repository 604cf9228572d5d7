"""数据核查: the registry of data checks (DOMAIN §4) and the run over one household.

    from fupin_desktop.domain.checks import CheckContext, check_household, RULES

    findings = check_household(record, CheckContext(today=..., income_drop_percent=30, ...))

Each rule (`model.Rule`) has a code, a severity (错误/疑点/提示), a title, a fix hint, the household
editor section where it is fixed and the 问题类别 of a rectification task made from it; its function is
pure: one `HouseholdRecord` and the run's `CheckContext` in, hits out. The modules, in the order the
rules are listed:

- `ids`: 证件号码 format, birth date, checksum, duplicates across the database (the service passes the
  duplicated numbers in `CheckContext.duplicate_ids`), 性别/出生日期 against the number;
- `shape`: 户主, 配偶, empty household;
- `members`: 文化程度/在校生状况, school-age children out of school, work place/months, both medical
  insurances, phones, empty required yes/no fields;
- `monitoring`: a 监测对象's risks against its members, measures and 三保障和饮水;
- `timing`: 识别 → 开发式帮扶 → 消除 order and pace;
- `income`: 人均纯收入 against the year's 监测范围, the drop on last year, 合规自付支出 over the limit;
- `guarantees`: 三保障和饮水 gaps.

Facts several rules (and `domain.watch`) share are defined once in `facts`. Archived households are not
checked (the service leaves them out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fupin_desktop.domain.checks import guarantees, ids, income, members, monitoring, shape, timing
from fupin_desktop.domain.checks.model import (
    RULES,
    SEVERITY_ORDER,
    CheckContext,
    Finding,
    Hit,
    Rule,
    Severity,
    Snapshot,
    field_label,
)
from fupin_desktop.domain.records import HouseholdRecord

MODULES = (ids, shape, members, monitoring, timing, income, guarantees)

# The registry fills in import order (alphabetical); list the rules module by module instead.
_ORDER = {module.GROUP: n for n, module in enumerate(MODULES)}
_SORTED = sorted(RULES.values(), key=lambda r: _ORDER[r.group])
RULES.clear()
RULES.update((r.code, r) for r in _SORTED)

__all__ = [
    "MODULES",
    "RULES",
    "SEVERITY_ORDER",
    "CheckContext",
    "Finding",
    "Hit",
    "HouseholdCheck",
    "Inspection",
    "Rule",
    "Severity",
    "Snapshot",
    "check_household",
    "field_label",
]


def check_household(
    record: HouseholdRecord, context: CheckContext, rules: Iterable[Rule] | None = None
) -> list[Finding]:
    """Every finding of `record` (all rules unless `rules` is given), in rule order."""
    snapshot = Snapshot(record, context)
    found = []
    for r in RULES.values() if rules is None else rules:
        if r.needs and not snapshot.knows(r.needs):
            continue  # what it reads was never collected: the 待采集 list asks for it instead
        for hit in r.function(snapshot):  # most rules find nothing: no list per rule
            found.append(r.finding(record, hit))
    return found


@dataclass(frozen=True, slots=True)
class Inspection:
    """What one household gave in a pass: its findings, and what `HouseholdCheck.extra` made of it."""

    household_id: int
    findings: tuple[Finding, ...]
    extra: object | None = None


class HouseholdCheck:
    """Every rule over one household, and `extra` (the 监测预警) in the same pass. Picklable — a
    module-level class of plain data — so that a helper process can run it (`services.scan`)."""

    def __init__(
        self, context: CheckContext, extra: Callable[[HouseholdRecord], object | None] | None = None
    ) -> None:
        self.context = context
        self.extra = extra

    def __call__(self, record: HouseholdRecord) -> Inspection | None:
        found = tuple(check_household(record, self.context))
        extra = self.extra(record) if self.extra is not None else None
        if not found and extra is None:
            return None
        assert record.id is not None
        return Inspection(record.id, found, extra)
