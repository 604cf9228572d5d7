"""监测预警: which households a helper should visit, and why (DOMAIN §4, sources §3.3 "八必访").

`watch_household(record, context)` lists the reasons one household is on the watch list, each under one
of the groups below; a household with no reason is not on it. The 三保障和饮水 gaps and the income facts
are those the data checks read (`domain.checks.facts`), defined once. Thresholds come from settings
through `WatchContext`; the 监测范围 by year travels in the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fupin_desktop.domain.checks.facts import (
    CHRONIC_ILLNESS,
    COMPULSORY_STAGES,
    PRESCHOOL,
    RISK_ACCIDENT,
    RISK_DISASTER,
    SERIOUS_ILLNESS,
    SEVERE_GRADES,
    age,
    disabled,
    house_unsafe,
    income_drop,
    money,
    months_between,
    out_of_compulsory_school,
    uninsured,
    water_problems,
)
from fupin_desktop.domain.income import IncomeSummary
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord

DIBAO = "低保"
NEW_DIBAO_MONTHS = 12  # 低保 "新纳入": joined within the last year


class WatchGroup(StrEnum):
    """八必访 (in its order) and the 三保障和饮水 gaps."""

    INCOME = "收入偏低或下降"
    ILLNESS = "大病重病和慢性病"
    TEKUN = "分散供养特困"
    DIBAO = "低保户"
    DISABILITY = "残疾人家庭"
    STUDENTS = "多子女就学"
    WORK = "务工收入不稳"
    ACCIDENT = "意外事故或灾害"
    GUARANTEES = "三保障和饮水缺口"


@dataclass(frozen=True, slots=True)
class WatchContext:
    today: date
    watch_margin_percent: float = 20.0  # within this much above the 监测范围
    income_drop_percent: float = 30.0
    self_paid_limit: float = 10000.0
    unstable_wage_share_percent: float = 60.0  # 务工收入 at least this share of gross income …
    short_work_months: float = 6.0  # … and someone working fewer months than this


@dataclass(frozen=True, slots=True)
class WatchReason:
    group: WatchGroup
    text: str


def watch_household(record: HouseholdRecord, context: WatchContext) -> tuple[WatchReason, ...]:
    """Why `record` is on the watch list (empty: it is not), in group order."""
    members = record.active_members
    latest = record.latest_income
    reasons = [
        *_income(record, latest, context),
        *_illness(members, latest, context),
        *_tekun(members),
        *_dibao(record, members, context.today),
        *_disability(members),
        *_students(members, context.today),
        *_work(members, latest, context),
        *_accident(record),
        *_guarantees(record, members, context.today),
    ]
    return tuple(reasons)


def _income(
    record: HouseholdRecord, latest: IncomeSummary | None, context: WatchContext
) -> list[WatchReason]:
    if latest is None or latest.per_capita is None:
        return []
    out = []
    per_capita, line = latest.per_capita, latest.threshold
    if line is not None and per_capita < line:
        out.append(f"{latest.year}年人均纯收入{money(per_capita)}，低于监测范围{money(line)}")
    elif line is not None and per_capita < line * (1 + context.watch_margin_percent / 100):
        out.append(
            f"{latest.year}年人均纯收入{money(per_capita)}，高出监测范围{money(line)}"
            f"不到{context.watch_margin_percent:g}%"
        )
    dropped = income_drop(latest, record.income(latest.year - 1))
    if dropped is not None and dropped[2] > context.income_drop_percent:
        out.append(f"{latest.year}年人均纯收入比{dropped[1].year}年下降{dropped[2]:.0f}%")
    return [WatchReason(WatchGroup.INCOME, text) for text in out]


def _illness(
    members: tuple[MemberRecord, ...], latest: IncomeSummary | None, context: WatchContext
) -> list[WatchReason]:
    paid = latest.self_paid if latest else 0.0
    out = [f"{m.name}患有大病" for m in members if m.health == SERIOUS_ILLNESS]
    if paid > 0:
        out += [f"{m.name}长期慢性病" for m in members if m.health == CHRONIC_ILLNESS]
    if paid > context.self_paid_limit > 0:
        out.append(f"合规自付支出{money(paid)}，超过{money(context.self_paid_limit)}")
    return [WatchReason(WatchGroup.ILLNESS, text) for text in out]


def _tekun(members: tuple[MemberRecord, ...]) -> list[WatchReason]:
    alone = "（独居）" if len(members) == 1 else ""
    return [WatchReason(WatchGroup.TEKUN, f"{m.name}特困供养{alone}") for m in members if m.tekun]


def _dibao(record: HouseholdRecord, members: tuple[MemberRecord, ...], today: date) -> list[WatchReason]:
    current = [p for p in record.programs if p.program == DIBAO and p.end_date is None]
    if not current and not any(m.dibao for m in members):
        return []
    started = max((p.start_date for p in current), default=None)
    new = started is not None and months_between(started, today) < NEW_DIBAO_MONTHS
    text = f"享受低保（{started.year}年{started.month}月新纳入）" if new and started else "享受低保"
    return [WatchReason(WatchGroup.DIBAO, text)]


def _disability(members: tuple[MemberRecord, ...]) -> list[WatchReason]:
    out = []
    for m in members:
        if disabled(m):
            what = f"{m.disability_category or '残疾'}{m.disability_grade or ''}"
            severe = "（重度）" if m.disability_grade in SEVERE_GRADES else ""
            out.append(WatchReason(WatchGroup.DISABILITY, f"{m.name}{what}{severe}"))
    return out


def _students(members: tuple[MemberRecord, ...], today: date) -> list[WatchReason]:
    students = [m for m in members if m.school_status and m.school_status not in PRESCHOOL]
    beyond = [m for m in students if m.school_status not in COMPULSORY_STAGES]
    if len(students) < 2 or not beyond:
        return []
    return [WatchReason(WatchGroup.STUDENTS, f"{len(students)}人在校，其中非义务教育阶段{len(beyond)}人")]


def _work(
    members: tuple[MemberRecord, ...], latest: IncomeSummary | None, context: WatchContext
) -> list[WatchReason]:
    if latest is None or latest.gross <= 0 or latest.wage <= 0:
        return []
    share = latest.wage / latest.gross * 100
    short = [m for m in members if m.work_place and 0 < (m.work_months or 0) < context.short_work_months]
    if share < context.unstable_wage_share_percent or not short:
        return []
    who = "、".join(f"{m.name}务工{m.work_months:g}个月" for m in short)
    return [WatchReason(WatchGroup.WORK, f"工资性收入占{share:.0f}%，{who}")]


def _accident(record: HouseholdRecord) -> list[WatchReason]:
    if record.risk_eliminated is True:
        return []
    risks = [r for r in record.risks if r in (RISK_ACCIDENT, RISK_DISASTER)]
    return [WatchReason(WatchGroup.ACCIDENT, f"风险类型：{'、'.join(risks)}")] if risks else []


def _guarantees(record: HouseholdRecord, members: tuple[MemberRecord, ...], today: date) -> list[WatchReason]:
    out = []
    if house_unsafe(record):
        out.append(f"{record.house_danger_level}级危房未完成改造")
    out += [f"{m.name}{age(m, today)}岁未在校" for m in members if out_of_compulsory_school(m, today)]
    out += [f"{m.name}未参加基本医疗保险" for m in members if uninsured(m)]
    problems = water_problems(record)
    if problems:
        out.append(f"饮水{'、'.join(problems)}不达标")
    return [WatchReason(WatchGroup.GUARANTEES, text) for text in out]


@dataclass(frozen=True, slots=True)
class WatchEntry:
    household_id: int
    number: str
    village: str
    group: str
    head: str
    address: str
    phone: str
    category: str  # 监测对象类别, else 户类型
    helper_id: int | None  # the current 帮扶责任人
    helper: str
    helper_unit: str
    helper_phone: str
    last_visit: date | None
    reasons: tuple[WatchReason, ...]

    @property
    def groups(self) -> tuple[WatchGroup, ...]:
        return tuple(dict.fromkeys(r.group for r in self.reasons))

    @property
    def reason_text(self) -> str:
        return "；".join(r.text for r in self.reasons)

    @property
    def place(self) -> str:
        return f"{self.village}{self.group}"


def watch_entry(record: HouseholdRecord, reasons: tuple[WatchReason, ...]) -> WatchEntry:
    pairing = record.current_pairing
    head = record.head
    assert record.id is not None
    return WatchEntry(
        household_id=record.id,
        number=record.number,
        village=record.village,
        group=record.group or "",
        head=record.head_name,
        address=record.address or "",
        phone=record.phone or (head.phone if head and head.phone else ""),
        category=record.monitor_category or record.household_type or "",
        helper_id=pairing.helper_id if pairing else None,
        helper=pairing.helper_name if pairing else "",
        helper_unit=" ".join(filter(None, (pairing.helper_unit, pairing.helper_title))) if pairing else "",
        helper_phone=(pairing.helper_phone or "") if pairing else "",
        last_visit=record.visits[0].visited_on if record.visits else None,
        reasons=reasons,
    )


class HouseholdWatch:
    """One household's entry on the watch list, or None. Picklable (plain data in a
    module-level class), for the helper process of a pass over the register (`services.checks.scan`)."""

    def __init__(self, context: WatchContext) -> None:
        self.context = context

    def __call__(self, record: HouseholdRecord) -> WatchEntry | None:
        reasons = watch_household(record, self.context)
        return watch_entry(record, reasons) if reasons else None
