"""The vocabulary of the data checks: severities, the editor sections a finding points to, the
registry of rules and the findings they produce.

A rule is a pure function over one household's `Snapshot` (its record, what the run knows and the
facts several rules read, derived once) that yields `Hit`s (a message, optionally the member and the
field it names). `@rule(...)` registers it with its code, severity, title, fix hint, editor section and
问题类别; `Rule.finding` turns a hit into a `Finding` that also names the household, village and rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property

from fupin_desktop.domain.checks.facts import age as age_of
from fupin_desktop.domain.income import IncomeSummary
from fupin_desktop.domain.labels import HOUSEHOLD_LABELS, MEMBER_LABELS
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord
from fupin_desktop.domain.validation import Check, Problem, known_only


class Severity(StrEnum):
    ERROR = "错误"  # the record is wrong; an inspector would count it
    DOUBT = "疑点"  # probably wrong or a household at risk; verify
    HINT = "提示"  # worth a look


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.DOUBT: 1, Severity.HINT: 2}

# The household editor's sections (their Chinese titles): where a finding is fixed.
BASIC = "基本信息"
MEMBERS = "家庭成员"
GUARANTEES = "三保障和饮水"
INCOME = "收支核算"
MEASURES = "帮扶措施"
VISITS = "走访记录"

# 问题类别 (DOMAIN §6) of the rectification task a finding becomes.
CAT_HOUSING = "住房安全"
CAT_WATER = "饮水安全"
CAT_EDUCATION = "义务教育"
CAT_MEDICAL = "基本医疗"
CAT_MONITORING = "监测帮扶"
CAT_EMPLOYMENT = "就业帮扶"
CAT_RECORDS = "档案信息"


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a rule reads besides the household: the day, the configured thresholds and what the
    service found across the whole database. The 监测范围 by year travels in each record."""

    today: date
    income_drop_percent: float = 30.0
    self_paid_limit: float = 10000.0
    # ID number (as stored, and normalised) → every (户编号, 姓名) holding it, only for numbers held by
    # two or more members on the register.
    duplicate_ids: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # 户编号 → each phone number (digits) it shares with other households on the register, with the
    # 户编号 of those households: only households that share one.
    shared_phones: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)


class Snapshot:
    """One household as the rules see it: the record, the run's context, and facts derived once (the
    income summaries cost more than all the rules that read them)."""

    def __init__(self, record: HouseholdRecord, context: CheckContext) -> None:
        self.record = record
        self.context = context
        self.today = context.today
        self.members = record.active_members  # members 在册; those who left are history
        self._editor: dict[Check, list[Problem]] = {}
        self._ages: dict[int, int | None] = {}
        # Facts the household's sources never carried: "h.<key>" of the household, "m.<key>" of any
        # member (domain.collect). A rule that needs one of them does not judge the household.
        self.unknown = frozenset(
            {f"h.{k}" for k in record.unknown} | {f"m.{k}" for m in self.members for k in m.unknown}
        )

    def knows(self, needs: Iterable[str]) -> bool:
        return not self.unknown or not any(n in self.unknown for n in needs)

    def age(self, member: MemberRecord) -> int | None:
        """The member's age today (from the birth date, else a valid ID number), worked out once for all
        the rules that ask."""
        key = id(member)
        if key not in self._ages:
            self._ages[key] = age_of(member, self.today)
        return self._ages[key]

    def editor_problems(self, check: Check) -> list[Problem]:
        """What one of the household editor's checks (`domain.validation`) finds, run once per
        household however many rules read it."""
        found = self._editor.get(check)
        if found is None:
            found = check(self.record, self.today)
            if self.unknown:
                found = known_only(self.record, found)
            self._editor[check] = found
        return found

    @cached_property
    def latest(self) -> IncomeSummary | None:
        """收支核算 of the latest assessed year."""
        return self.record.latest_income

    @cached_property
    def below_line(self) -> bool:
        """The latest 人均纯收入 is below that year's 监测范围 (False when either is unknown)."""
        latest = self.latest
        return latest is not None and latest.below_threshold is True

    @cached_property
    def previous(self) -> IncomeSummary | None:
        """收支核算 of the year before the latest one."""
        latest = self.latest
        return self.record.income(latest.year - 1) if latest else None


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found: the message and, where it applies, the member and the field it names."""

    message: str
    member: MemberRecord | None = None
    field: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    household_id: int | None
    household: str  # 户编号
    village: str
    group: str
    head: str  # 户主姓名
    member: str  # the member's name, or "" for the household
    member_id: int | None
    field: str  # attribute of HouseholdRecord / MemberRecord, or ""
    message: str

    @property
    def definition(self) -> Rule:
        return RULES[self.code]

    @property
    def rule_title(self) -> str:
        return self.definition.title

    @property
    def hint(self) -> str:
        return self.definition.hint

    @property
    def source(self) -> str:
        return self.definition.source

    @property
    def section(self) -> str:
        return self.definition.section

    @property
    def category(self) -> str:
        return self.definition.category

    @property
    def field_label(self) -> str:
        return field_label(self.field, member=bool(self.member))

    @property
    def subject(self) -> str:
        """What within the household the finding is about (the key of an 已核实无误 mark)."""
        if self.member_id is not None:
            return f"member:{self.member_id}"
        return f"member:{self.member}" if self.member else self.field

    def key(self) -> tuple[int | None, str, str]:
        return (self.household_id, self.code, self.subject)


RuleFunction = Callable[[Snapshot], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # ≤ 20 characters (stored with reviews and tasks)
    severity: Severity
    title: str
    hint: str  # how to fix it
    section: str  # the editor section where it is fixed
    category: str  # 问题类别 of a task made from it
    function: RuleFunction
    group: str  # the theme it is listed under in 数据核查 (its module's GROUP)
    source: str  # the policy it enforces and the inspection practice that checks it (`sources.cite`)
    # Facts the rule reads ("h.<key>", "m.<key>" of domain.collect): unknown for a household, it is silent
    needs: tuple[str, ...] = ()
    monitored: bool = False  # it only ever finds something on a 监测对象 (the run skips it on the others)

    def finding(self, record: HouseholdRecord, hit: Hit) -> Finding:
        member = hit.member
        return Finding(
            code=self.code,
            severity=self.severity,
            household_id=record.id,
            household=record.number,
            village=record.village,
            group=record.group or "",
            head=record.head_name,
            member=member.name if member else "",
            member_id=member.id if member else None,
            field=hit.field,
            message=hit.message,
        )


RULES: dict[str, Rule] = {}


def from_editor(check: Check, *codes: str) -> RuleFunction:
    """A rule function made of one of the household editor's checks, keeping its problems with `codes`
    (the check itself stays in `domain.validation`: one copy, run by the editor and by the registry)."""

    def function(s: Snapshot) -> Iterator[Hit]:
        for p in s.editor_problems(check):
            if p.code in codes:
                member = s.record.members[p.member] if p.member is not None else None
                yield Hit(p.message, member, p.field or "")

    function.__name__ = f"{check.__name__}:{'/'.join(codes)}"
    function.__doc__ = check.__doc__
    return function


def rule(
    code: str,
    severity: Severity,
    title: str,
    *,
    hint: str,
    section: str,
    category: str,
    group: str,
    source: str,
    needs: tuple[str, ...] = (),
    monitored: bool = False,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under `code`; `needs` names the facts it cannot judge without;
    `monitored` says it judges 监测对象 only (so a run need not ask it about the other households)."""
    if len(code) > 20:
        raise ValueError(f"rule code {code!r} is longer than 20 characters")
    if not source:
        raise ValueError(f"rule {code} names no source")

    def register(function: RuleFunction) -> RuleFunction:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(
            code, severity, title, hint, section, category, function, group, source, needs, monitored
        )
        return function

    return register


# Labels of the fields findings name that are not single record fields (the others: domain.labels).
GROUP_LABELS: dict[str, str] = {
    "members": "家庭成员",
    "risks": "致贫/返贫风险",
    "water": "饮水安全",
    "measures": "帮扶措施",
    "per_capita": "人均纯收入",
    "self_paid": "合规自付支出",
    "medical_insurance": "基本医疗保险",
    "yes_no": "是否项",
}


def field_label(name: str, *, member: bool = False) -> str:
    """The Chinese label of a field a finding names (of a member's record when `member`)."""
    fields = MEMBER_LABELS if member else HOUSEHOLD_LABELS
    return fields.get(name) or GROUP_LABELS.get(name) or name
