"""What the 会议简报 (DOMAIN §7) shows, as plain frozen data: counted, printed and written to Excel section
by section through the table of sections in `services/briefing/sections`. No reportlab, no matplotlib:
the window imports this to list the sections.

Every count says in its docstring or comment what it counts; "在册" households are those not archived
and "人" are their members 在册, as on the village board (domain/board.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from fupin_desktop.domain.board import BoardRow, Tally
from fupin_desktop.domain.briefing_parts import ALL_SECTIONS, DEFAULT_SECTIONS, Section  # noqa: F401 (re-exported)
from fupin_desktop.reports.chart_data import Coverage, StackedBars

# ------------------------------------------------------------------ 基本情况


@dataclass(frozen=True, slots=True)
class TypeLine:
    """在册 households of one 户类型 (None in the database reads 未填户类型)."""

    label: str
    tally: Tally


@dataclass(frozen=True, slots=True)
class CategoryLine:
    """在册 households of one 监测对象类别, and of those the risk 已消除 / 未消除 (风险是否已消除 not 是)."""

    label: str
    tally: Tally
    eliminated: Tally
    not_eliminated: Tally


@dataclass(frozen=True, slots=True)
class Basics:
    total: Tally  # 在册 households and people
    types: tuple[TypeLine, ...]  # 脱贫户, 一般农户, other values, 未填户类型
    categories: tuple[CategoryLine, ...]  # each 监测对象类别 present
    monitored: CategoryLine  # all 监测对象 (合计)
    villages: tuple[BoardRow, ...]  # the village board's rows (services/assignments/board.py)
    village_total: BoardRow
    chart: StackedBars  # households per village by category, stacked (the board's chart)


# ------------------------------------------------------------------ 本期动态


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A count split by a label (category, method, reason), largest first."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class ChangeRow:
    village: str
    identified: Tally
    eliminated: Tally
    members_added: int
    members_removed: int
    households_added: int
    households_archived: int


@dataclass(frozen=True, slots=True)
class Changes:
    """What happened between `since` and `until`, from dated records (services/briefing/sections/
    changes.py says what each count counts). Month-precision dates (识别/消除监测时间) count from the
    first of `since`'s month."""

    since: date
    until: date
    identified: Tally  # 新识别监测对象: households (archived ones too) and their people 在册
    identified_by_category: tuple[Breakdown, ...]
    eliminated: Tally  # 风险消除
    eliminated_by_method: tuple[Breakdown, ...]
    members_added: int  # member records created in the period (births, marriages, moves in, imports)
    members_added_in_new_households: int
    members_removed: int  # members marked 自然减少 with 减少日期 in the period
    removed_by_reason: tuple[Breakdown, ...]
    households_added: Tally  # household records created in the period, with their people 在册
    households_archived: Tally  # households archived (归档) in the period, with their people 在册
    archived_by_reason: tuple[Breakdown, ...]
    villages: tuple[ChangeRow, ...]
    total: ChangeRow

    @property
    def net_people(self) -> int:
        """增加人口 − 自然减少人口 − 归档户的人口."""
        return self.members_added - self.members_removed - self.households_archived.people


# ------------------------------------------------------------------ 风险类型和帮扶措施


@dataclass(frozen=True, slots=True)
class DevSupport:
    """监测对象 with the risk not eliminated, by 实施开发式帮扶措施情况 (and the 兜底 households)."""

    households: int
    done: int  # 已实施
    not_yet: int  # 尚未实施
    unknown: int  # 未填
    no_labour: int  # 整户无劳动能力兜底保障户 among them


@dataclass(frozen=True, slots=True)
class Risks:
    monitored: int  # 在册 监测对象 households
    risks: StackedBars  # households per risk type, 未消除 then 已消除 (the board's risk chart)
    coverage: Coverage  # 监测对象 reached by each kind of measure (the board's coverage chart)
    dev_support: DevSupport


# ------------------------------------------------------------------ 三保障和饮水


@dataclass(frozen=True, slots=True)
class Housing:
    """在册 households with 危房等级 C or D; 改造 done when a 改造时间 is recorded."""

    dangerous: int
    renovated: int
    relocated: int  # not renovated but 易地扶贫搬迁
    unsafe: int  # neither: the gap


@dataclass(frozen=True, slots=True)
class Schooling:
    """在册 members aged 6–15 on the day (by 出生日期); in school = a 在校生状况 other than 学龄前儿童."""

    children: int
    in_school: int
    out_of_school: int
    with_reason: int  # of those out of school, a 失学或辍学原因 recorded


@dataclass(frozen=True, slots=True)
class Medical:
    """在册 members by basic medical insurance (城乡居民 or 城镇职工)."""

    people: int
    resident: int
    employee: int
    uninsured: int  # neither is 是 and at least one is 否
    unknown: int  # neither is 是 and neither is 否 (未填)


@dataclass(frozen=True, slots=True)
class Water:
    """在册 households; 不达标 when any of 水量/水质/取水方便/供水保证率 is 否."""

    households: int
    unsafe: int
    by_indicator: tuple[Breakdown, ...]


@dataclass(frozen=True, slots=True)
class GuaranteeRow:
    village: str
    unsafe_houses: int = 0
    out_of_school: int = 0
    uninsured: int = 0
    unsafe_water: int = 0


@dataclass(frozen=True, slots=True)
class Guarantees:
    housing: Housing
    schooling: Schooling
    medical: Medical
    water: Water
    villages: tuple[GuaranteeRow, ...]
    total: GuaranteeRow


# ------------------------------------------------------------------ 整改进展


@dataclass(frozen=True, slots=True)
class TaskLine:
    """Tasks of one 问题类别 (or 合计) by status and, while open, by colour."""

    label: str
    total: int = 0
    closed: int = 0
    red: int = 0
    yellow: int = 0
    blue: int = 0

    @property
    def open(self) -> int:
        return self.total - self.closed


@dataclass(frozen=True, slots=True)
class OverdueTask:
    seq: int
    description: str
    scope: str  # 涉及村/户
    unit: str  # 责任单位 and 责任人
    deadline: date
    days_over: int
    status: str
    marks: str  # 督办 / 升级


@dataclass(frozen=True, slots=True)
class TaskProgress:
    statuses: tuple[Breakdown, ...]  # every status, in lifecycle order
    categories: tuple[TaskLine, ...]
    total: TaskLine
    supervised: int  # open and 上级督办
    escalated: int  # open and extended often enough to escalate
    overdue: tuple[OverdueTask, ...]  # 红灯, most overdue first


# ------------------------------------------------------------------ 各村情况和包村干部


@dataclass(frozen=True, slots=True)
class VillageLine:
    """One village for its cadres: who answers for it (the village's 驻村第一书记 and 监测联系人, as
    区划 records them) and its figures — the same counts as 基本情况, 本期动态 and 整改进展 give it."""

    village: str
    secretary: str  # 驻村第一书记 ("" when not recorded)
    contact: str  # 监测联系人
    households: Tally  # 在册
    monitored: int  # 监测对象 households
    not_eliminated: int
    identified: int  # 本期新识别 households
    eliminated: int  # 本期风险消除 households
    tasks_open: int  # 整改未销号 of the village
    tasks_red: int  # of those, 红灯 (overdue)
    unpaired: int  # 未结对户


# ------------------------------------------------------------------ 数据核查


@dataclass(frozen=True, slots=True)
class CheckLine:
    label: str  # the rule's title, or the village
    findings: int
    households: int
    severity: str = ""


@dataclass(frozen=True, slots=True)
class CheckSummary:
    households: int  # households checked
    findings: int
    households_with_findings: int
    severities: tuple[Breakdown, ...]  # 错误, 疑点, 提示
    rules: tuple[CheckLine, ...]
    villages: tuple[CheckLine, ...]


# ------------------------------------------------------------------ 月度趋势


@dataclass(frozen=True, slots=True)
class TrendPoint:
    month: str  # YYYY-MM
    values: dict[str, int | None]  # KPI key → value (None: not in that month's snapshot)
    live: bool = False  # this month, computed when the pack was made


@dataclass(frozen=True, slots=True)
class Trend:
    points: tuple[TrendPoint, ...]  # oldest first, the last one live
    labels: dict[str, str]  # KPI key → Chinese label (services/briefing/kpis.py)

    def series(self, key: str) -> tuple[int | None, ...]:
        return tuple(p.values.get(key) for p in self.points)


# ------------------------------------------------------------------ the pack


@dataclass(frozen=True, slots=True)
class Headline:
    label: str
    value: str
    note: str = ""
    alert: bool = False
    change: str = ""  # against the last monthly snapshot, e.g. 较11月1日增加3户 ("" when unknown)
    part: Section | None = None  # the part it sums up, when only that part has it (数据核查)


@dataclass(frozen=True, slots=True)
class BriefingData:
    title: str  # the meeting, e.g. 清水镇防返贫动态监测工作调度会
    township: str
    issuer: str  # 县 + 乡镇
    printed_on: date
    sections: tuple[Section, ...]  # those to print, in order
    headlines: tuple[Headline, ...]
    basics: Basics
    changes: Changes
    risks: Risks
    guarantees: Guarantees
    tasks: TaskProgress
    trend: Trend
    villages: tuple[VillageLine, ...] = ()  # 各村情况和包村干部, in the board's order
    compared_with: str = ""  # the month the cover's changes are against, e.g. 2026年10月
    checks: CheckSummary | None = None  # None when the 数据核查 section is left out
    problems: str = ""
    next_steps: str = ""
    notes: dict[str, str] = field(default_factory=dict)  # section key → 口径说明 printed under it

    @property
    def pack_title(self) -> str:
        """The document's title: the meeting's name and 简报."""
        return self.title if self.title.endswith("简报") else f"{self.title}简报"
