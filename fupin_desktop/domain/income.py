"""收支核算 (DOMAIN §3).

家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出; 人均纯收入 = 纯收入 ÷ 在册人口.
理赔收入 and 合规自付支出 are recorded beside the formula (since 2023) and do not enter it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class IncomeCategory(StrEnum):
    WAGE = "工资性收入"
    BUSINESS = "生产经营性收入"
    PROPERTY = "财产性收入"
    TRANSFER = "转移性收入"
    EXPENSE = "生产经营性支出"
    CLAIMS = "理赔收入"
    SELF_PAID = "合规自付支出"


INCOME_CATEGORIES = (
    IncomeCategory.WAGE,
    IncomeCategory.BUSINESS,
    IncomeCategory.PROPERTY,
    IncomeCategory.TRANSFER,
)

DEFAULT_ITEMS: dict[IncomeCategory, tuple[str, ...]] = {
    IncomeCategory.WAGE: ("务工收入", "公益岗收入(行业)", "公益岗收入(乡镇)", "公益岗收入(村级)", "零工"),
    IncomeCategory.BUSINESS: ("种植业", "养殖业", "林果业", "其他"),
    IncomeCategory.PROPERTY: ("资产收益分红", "土地流转", "租金", "利息", "其他"),
    IncomeCategory.TRANSFER: (
        "低保金",
        "特困供养金",
        "养老金",
        "生态补偿金",
        "计划生育金",
        "残疾补贴",
        "高龄补贴",
        "各类农业补贴",
        "赡养费",
        "其他",
    ),
    IncomeCategory.EXPENSE: ("种植业", "养殖业", "林果业", "其他"),
    IncomeCategory.CLAIMS: ("医疗保险理赔", "商业保险理赔", "其他"),
    IncomeCategory.SELF_PAID: ("医疗自付", "教育自付", "其他"),
}

# Transfers paid by policy (a card says how much of the income depends on them). 赡养费 is private.
POLICY_TRANSFER_ITEMS = frozenset(
    {"低保金", "特困供养金", "养老金", "生态补偿金", "计划生育金", "残疾补贴", "高龄补贴", "各类农业补贴"}
)

# 生产经营性支出 estimated from gross output (DOMAIN §3) — defaults, editable in settings.
DEFAULT_COST_RATIOS: dict[str, float] = {"粮食": 0.40, "烤烟": 0.45, "畜禽": 0.40, "林果": 0.15, "其他": 0.40}


def is_policy_item(category: str, item: str) -> bool:
    return category == IncomeCategory.TRANSFER and item in POLICY_TRANSFER_ITEMS


@dataclass(frozen=True, slots=True)
class IncomeLine:
    category: str
    item: str
    amount: float
    note: str = ""
    policy: bool = False


@dataclass(frozen=True, slots=True)
class ReportedIncome:
    """A year's figures as the national system's export states them, kept beside the program's own
    (a file may carry only these: 边缘易致贫 lists give 人均纯收入 and nothing else)."""

    per_capita: float | None = None  # 人均纯收入
    net: float | None = None  # 家庭纯收入
    gross: float | None = None  # 年收入

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.per_capita, self.net, self.gross))


# The national figure and ours differ when they are this many yuan apart (rounding on either side).
REPORTED_TOLERANCE = 1.0


@dataclass(frozen=True, slots=True)
class IncomeSummary:
    year: int
    people: int
    wage: float
    business: float
    property: float
    transfer: float
    expense: float
    claims: float
    self_paid: float
    policy_transfer: float
    threshold: float | None
    lines: int = 0  # line items summed (none: only the national figures, if any, are known)
    reported: ReportedIncome | None = None

    @property
    def gross(self) -> float:
        return round(self.wage + self.business + self.property + self.transfer, 2)

    @property
    def net(self) -> float:
        return round(self.gross - self.expense, 2)

    @property
    def computed_per_capita(self) -> float | None:
        """人均纯收入 from the lines (家庭纯收入 ÷ 家庭人口)."""
        return round(self.net / self.people, 2) if self.people > 0 else None

    @property
    def reported_per_capita(self) -> float | None:
        return self.reported.per_capita if self.reported else None

    @property
    def from_lines(self) -> bool:
        """Our own 收支核算 exists; else the year is known only by the national system's figure."""
        return self.lines > 0 or self.reported_per_capita is None

    @property
    def per_capita(self) -> float | None:
        """Ours when the year has line items, else the national system's stated figure."""
        return self.computed_per_capita if self.from_lines else self.reported_per_capita

    @property
    def disagrees(self) -> bool:
        """Both figures exist and are more than `REPORTED_TOLERANCE` apart."""
        ours, theirs = self.computed_per_capita, self.reported_per_capita
        if self.lines == 0 or ours is None or theirs is None:
            return False
        return abs(ours - theirs) > REPORTED_TOLERANCE

    @property
    def policy_share(self) -> float | None:
        """Share of the net income that is policy transfer (0–1), None when net ≤ 0."""
        return round(self.policy_transfer / self.net, 4) if self.net > 0 else None

    @property
    def below_threshold(self) -> bool | None:
        if self.threshold is None or self.per_capita is None:
            return None
        return self.per_capita < self.threshold


@dataclass(frozen=True, slots=True)
class IncomeTotals:
    """A year's amounts summed by category, and the policy transfers among them: all a summary needs.
    The database sums them when the lines themselves are not wanted (the data checks read 20,000
    households' years this way instead of a quarter of a million lines)."""

    wage: float = 0.0
    business: float = 0.0
    property: float = 0.0
    transfer: float = 0.0
    expense: float = 0.0
    claims: float = 0.0
    self_paid: float = 0.0
    policy_transfer: float = 0.0
    lines: int = 0


# IncomeTotals' field for each category
TOTALS_FIELDS: dict[IncomeCategory, str] = {
    IncomeCategory.WAGE: "wage",
    IncomeCategory.BUSINESS: "business",
    IncomeCategory.PROPERTY: "property",
    IncomeCategory.TRANSFER: "transfer",
    IncomeCategory.EXPENSE: "expense",
    IncomeCategory.CLAIMS: "claims",
    IncomeCategory.SELF_PAID: "self_paid",
}


def summarize(
    year: int,
    people: int,
    lines: Iterable[IncomeLine],
    threshold: float | None,
    reported: ReportedIncome | None = None,
) -> IncomeSummary:
    totals = dict.fromkeys(IncomeCategory, 0.0)  # StrEnum keys: a line's plain string finds its total
    policy = 0.0
    count = 0
    for line in lines:
        if line.category not in totals:
            IncomeCategory(line.category)  # raises ValueError naming the unknown category
        totals[line.category] += line.amount
        count += 1
        if line.policy:
            policy += line.amount
    summed = IncomeTotals(
        **{TOTALS_FIELDS[c]: total for c, total in totals.items()}, policy_transfer=policy, lines=count
    )
    return summarize_totals(year, people, summed, threshold, reported)


def summarize_totals(
    year: int,
    people: int,
    totals: IncomeTotals,
    threshold: float | None,
    reported: ReportedIncome | None = None,
) -> IncomeSummary:
    return IncomeSummary(
        year=year,
        people=people,
        wage=round(totals.wage, 2),
        business=round(totals.business, 2),
        property=round(totals.property, 2),
        transfer=round(totals.transfer, 2),
        expense=round(totals.expense, 2),
        claims=round(totals.claims, 2),
        self_paid=round(totals.self_paid, 2),
        policy_transfer=round(totals.policy_transfer, 2),
        threshold=threshold,
        lines=totals.lines,
        reported=reported or None,
    )


def estimate_expense(gross_output: dict[str, float], ratios: dict[str, float]) -> float:
    """生产经营性支出 estimated from gross output per kind (粮食, 烤烟, 畜禽, 林果, 其他)."""
    fallback = ratios.get("其他", DEFAULT_COST_RATIOS["其他"])
    return round(sum(amount * ratios.get(kind, fallback) for kind, amount in gross_output.items()), 2)
