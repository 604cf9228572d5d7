"""待采集: facts a household's source never carried, to be collected at the next visit.

A national export carries some fields and not others (the 边缘易致贫 list has no 医保 columns, the member
export no 饮水 ones). What a file does not carry is *unknown*, not empty: the import records, per household
and per member, which of the facts below its sources lacked (`unknown_fields`), 数据核查 does not judge
them, and the 待采集 list and the 入户核查表 ask for them — in 看·问·算·核 order, the order of a visit.

A fact stops being unknown when a file that carries it is imported or the clerk fills it in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from fupin_desktop.domain import idcard
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord, join_fields

STEP_TITLES = {
    "看": "看（入户查看）",
    "问": "问（询问家庭成员）",
    "算": "算（核算收支）",
    "核": "核（核对监测信息）",
}

# Pseudo-fields an import carries: any income column or sheet, any measure column or sheet.
INCOME = "income"
MEASURES = "measures"


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity: each exists once
class Fact:
    key: str  # stored in unknown_fields
    label: str
    step: str  # 看 / 问 / 算 / 核
    fields: tuple[str, ...]  # record attributes (or INCOME / MEASURES) whose column carries the fact
    # the fact is asked only where it applies (a 监测对象's elimination, an adult's pension…)
    applies: Callable[[HouseholdRecord, MemberRecord | None, date], bool] | None = None

    def needed(self, record: HouseholdRecord, member: MemberRecord | None, today: date) -> bool:
        return self.applies is None or self.applies(record, member, today)

    def filled(self, record: HouseholdRecord | MemberRecord) -> bool:
        """The record holds a value for the fact (so it is no longer unknown)."""
        if self.key == INCOME:
            return bool(getattr(record, "incomes", ()))
        if self.key == MEASURES:
            return bool(getattr(record, "measures", ()))
        return any(getattr(record, name, None) is not None for name in self.fields)


def _monitored(record: HouseholdRecord, member: MemberRecord | None, today: date) -> bool:
    return record.is_monitored


def _eliminated(record: HouseholdRecord, member: MemberRecord | None, today: date) -> bool:
    return record.is_monitored and record.risk_eliminated is True


# 风险消除后…: the household's income and 三保障 recorded when its risk was eliminated.
AFTER_FIELDS = (
    "after_wage",
    "after_business",
    "after_property",
    "after_transfer",
    "after_expense",
    "after_net",
    "after_per_capita",
    "after_claims",
    "after_self_paid",
    "after_dropout",
    "after_house_damaged",
    "after_uninsured",
    "after_water_damaged",
)


def _age_from(low: int, high: int = 200) -> Callable[[HouseholdRecord, MemberRecord | None, date], bool]:
    def applies(record: HouseholdRecord, member: MemberRecord | None, today: date) -> bool:
        if member is None:
            return False
        born = member.birth_date or idcard.birth_date_of(idcard.normalize(member.id_number))
        return born is None or low <= idcard.age_on(born, today) <= high

    return applies


def _out_of_school(record: HouseholdRecord, member: MemberRecord | None, today: date) -> bool:
    """文化程度 is for those not in school (a pupil's is left empty)."""
    return member is not None and not member.school_status


def _school_age_out_of_school(record: HouseholdRecord, member: MemberRecord | None, today: date) -> bool:
    """失学或辍学原因 is asked of a child of 6–15 who is not (known to be) in school."""
    return _age_from(6, 15)(record, member, today) and member is not None and not member.school_status


def _one(key: str, label: str, step: str, applies=None) -> Fact:
    return Fact(key, label, step, (key,), applies)


HOUSEHOLD_FACTS: tuple[Fact, ...] = (
    Fact("house", "住房安全（危房等级、是否危房户）", "看", ("house_danger_level", "house_unsafe")),
    _one("water_safe", "是否解决安全饮用水", "看"),
    _one("water_quantity_ok", "饮水水量达标", "看"),
    _one("water_quality_ok", "饮水水质达标", "看"),
    _one("water_access_ok", "取水方便", "看"),
    _one("water_supply_ok", "供水保证率达标", "看"),
    _one("household_type", "户类型", "问"),
    _one("relocated", "是否易地扶贫搬迁", "问"),
    _one("no_labour_guarantee", "是否整户无劳动能力兜底保障户", "问", _monitored),
    Fact(INCOME, "当年收支（工资性、生产经营性、财产性、转移性收入和生产经营性支出）", "算", (INCOME,)),
    _one("risk_eliminated", "风险是否已消除", "核", _monitored),
    _one("dev_support", "开发式帮扶措施实施情况", "核", _monitored),
    Fact(MEASURES, "已落实的帮扶措施", "核", (MEASURES,), _monitored),
    Fact("after", "风险消除后的收支和三保障情况", "核", AFTER_FIELDS, _eliminated),
)

MEMBER_FACTS: tuple[Fact, ...] = (
    _one("health", "健康状况", "问"),
    _one("labour_skill", "劳动技能", "问", _age_from(16)),
    _one("education", "文化程度", "问", _out_of_school),
    _one("school_status", "在校生状况", "问", _age_from(0, 30)),
    _one("dropout_reason", "失学或辍学原因", "问", _school_age_out_of_school),
    _one("work_status", "务工状况", "问", _age_from(16, 70)),
    _one("work_place", "务工所在地", "问", _age_from(16, 70)),
    _one("work_months", "务工时间（月）", "问", _age_from(16, 70)),
    _one("ins_resident_medical", "是否参加城乡居民基本医疗保险", "问"),
    _one("ins_employee_medical", "是否参加城镇职工基本医疗保险", "问"),
    _one("ins_critical_illness", "是否参加大病保险", "问"),
    _one("pension_resident", "是否参加城乡居民基本养老保险", "问", _age_from(16)),
    _one("pension_employee", "是否参加城镇职工基本养老保险", "问", _age_from(16)),
    _one("dibao", "是否享受低保", "问"),
    _one("tekun", "是否特困供养人员", "问"),
)

FACT_LABELS = {f.key: f.label for f in (*HOUSEHOLD_FACTS, *MEMBER_FACTS)}


@lru_cache(maxsize=256)  # one per sheet layout: an import asks for every row
def uncarried(facts: tuple[Fact, ...], carried: frozenset[str]) -> frozenset[str]:
    """Keys of the facts none of whose fields is in `carried` (the record attributes a file has)."""
    return frozenset(f.key for f in facts if not any(name in carried for name in f.fields))


@lru_cache(maxsize=256)
def _joined(keys: frozenset[str]) -> str | None:
    return join_fields(keys)


def unknown_after(
    old: Collection[str] | None, new: bool, facts: tuple[Fact, ...], carried: Collection[str]
) -> str | None:
    """The stored unknown_fields after an import: a new record lacks what its file does not carry; a
    stored one keeps what was unknown minus what this file carries."""
    missing = uncarried(facts, frozenset(carried))
    return _joined(missing if new else frozenset(old or ()) & missing)


def still_unknown(record: HouseholdRecord | MemberRecord, facts: Iterable[Fact]) -> str | None:
    """The stored unknown_fields after the clerk saved `record`: whatever got a value is known now."""
    unknown = record.unknown
    if not unknown:
        return None
    return join_fields(f.key for f in facts if f.key in unknown and not f.filled(record))


@dataclass(frozen=True, slots=True)
class MemberGap:
    member: MemberRecord
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class Gaps:
    """What is still to be collected for one household."""

    record: HouseholdRecord
    household: tuple[Fact, ...]
    members: tuple[MemberGap, ...]

    def __bool__(self) -> bool:
        return bool(self.household or self.members)

    @property
    def count(self) -> int:
        return len(self.household) + sum(len(m.facts) for m in self.members)

    def summary(self) -> str:
        """One line: the household's facts, then each member's."""
        parts = [f.label for f in self.household]
        parts += [f"{g.member.name}（{'、'.join(f.label for f in g.facts)}）" for g in self.members]
        return "；".join(parts)


def gaps_of(record: HouseholdRecord, today: date) -> Gaps:
    """The facts to collect for `record`: unknown, and applying to it (or to the member)."""
    unknown = record.unknown
    household = tuple(f for f in HOUSEHOLD_FACTS if f.key in unknown and f.needed(record, None, today))
    members = []
    for m in record.active_members:
        if m.unknown:
            facts = tuple(f for f in MEMBER_FACTS if f.key in m.unknown and f.needed(record, m, today))
            if facts:
                members.append(MemberGap(m, facts))
    return Gaps(record, household, tuple(members))
