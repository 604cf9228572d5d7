"""数据核查: the registry of data checks (DOMAIN §4) and the run over one household.

    from fupin_desktop.domain.checks import CheckContext, check_household, RULES

    findings = check_household(record, CheckContext(today=..., income_drop_percent=30, ...))

Each rule (`model.Rule`) has a code, a severity (错误/疑点/提示), a title, a fix hint, the household
editor section where it is fixed, the 问题类别 of a rectification task made from it, its theme and its
source (the policy and the inspection practice behind it, `sources`); its function is pure: one
`HouseholdRecord` and the run's `CheckContext` in, hits out. A rule that `needs` a fact the household's
source never carried is not run on it (the 待采集 list asks for the fact instead). The modules — one
theme each, in the order the tab lists them:

- `ids`: 证件号码 format, birth date, checksum, placeholders, duplicates across the database (the
  service passes them in `CheckContext.duplicate_ids`), 性别/出生日期 against the number;
- `shape`: 户主, 配偶, empty household, 与户主关系 against sex;
- `members`: required fields, 文化程度/在校生状况, school-age children out of school, work place/months,
  both medical insurances, phones (one phone on several households: `CheckContext.shared_phones`),
  empty yes/no fields;
- `people`: 在校生状况 and 文化程度 against age, work against schooling, labour and 务工所在地, 公益性岗位;
- `labour`: 劳动技能 against age, schooling and health; 缺劳动力 on a household with labour;
- `guarantees`: 三保障和饮水 gaps;
- `identification`: 应纳未纳, elimination with a gap or without the 风险消除后 figures, 监测对象类别 against
  户类型;
- `monitoring`: a 监测对象's risks against its members, 三保障和饮水 and housing/water measures;
- `measures`: 因病/因学/因残 and 三保障 gaps against measures, households without measures;
- `support`: 低保, 特困供养 and 残疾人补贴 against members and 综合保障, judged per household;
- `policy`: measures against the income they bring, 雨露计划, 医保 subsidies, 就业 measures;
- `timing`: 识别 → 开发式帮扶 → 消除 order and pace;
- `income`: 人均纯收入 against the year's 监测范围, the drop on last year, 合规自付支出 over the limit.

Facts several rules (and `domain.watch`) share are defined once in `facts`. Archived households are not
checked (the service leaves them out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fupin_desktop.domain.checks import (
    guarantees,
    identification,
    ids,
    income,
    labour,
    measures,
    members,
    monitoring,
    people,
    policy,
    shape,
    support,
    timing,
)
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

MODULES = (
    ids,
    shape,
    members,
    people,
    labour,
    guarantees,
    identification,
    monitoring,
    measures,
    support,
    policy,
    timing,
    income,
)

# The registry fills in import order (alphabetical); list the rules module by module instead.
_ORDER = {module.GROUP: n for n, module in enumerate(MODULES)}
_SORTED = sorted(RULES.values(), key=lambda r: _ORDER[r.group])
RULES.clear()
RULES.update((r.code, r) for r in _SORTED)
# The rules a run asks about a 监测对象, and about any other household.
_FOR = {True: tuple(_SORTED), False: tuple(r for r in _SORTED if not r.monitored)}

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
    unknown = snapshot.unknown
    found = []
    for r in _FOR[record.is_monitored] if rules is None else rules:
        if r.needs and unknown and not snapshot.knows(r.needs):
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
    module-level class of plain data — so that a helper process can run it (`services.checks.scan`)."""

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
