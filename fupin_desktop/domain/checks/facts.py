"""Facts about a household that several rules and the 监测预警 read: one definition each."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import DEV_SUPPORT_DONE, DISABILITY_CARD, NO_LABOUR
from fupin_desktop.domain.income import IncomeSummary
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord

DISABLED = "残疾"
SERIOUS_ILLNESS = "患有大病"
CHRONIC_ILLNESS = "长期慢性病"
LABOUR_CAPABLE = ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力")
NOT_IN_SCHOOL_YET = ("学龄前儿童",)
PRESCHOOL = ("学龄前儿童", "学前教育")
COMPULSORY_AGES = range(6, 16)  # 义务教育: 6–15
COMPULSORY_STAGES = ("小学", "七年级", "八年级", "九年级")
SEVERE_GRADES = ("一级", "二级")
DANGEROUS_HOUSE = ("C", "D")

# 致贫/返贫风险 as the code list spells them (imports map other spellings onto these).
RISK_ILLNESS = "因病"
RISK_DISABILITY = "因残"
RISK_WORK = "因务工就业不稳"
RISK_HOUSING = "住房出现安全问题"
RISK_WATER = "饮水安全问题"
RISK_DISASTER = "因自然灾害"
RISK_ACCIDENT = "因意外事故"

MEASURE_HOUSING = "住房安全保障"
MEASURE_RELOCATION = "搬迁"
MEASURE_WATER = "饮水安全保障"

WATER_FLAGS = {
    "water_quantity_ok": "水量",
    "water_quality_ok": "水质",
    "water_access_ok": "取水方便程度",
    "water_supply_ok": "供水保证率",
}


def active(record: HouseholdRecord) -> Iterator[MemberRecord]:
    return (m for m in record.members if m.active)


def who(member: MemberRecord) -> str:
    return f"成员“{member.name}”" if member.name.strip() else "一位未填姓名的成员"


def birth_date(member: MemberRecord) -> date | None:
    """As recorded, else from a valid ID number."""
    if member.birth_date:
        return member.birth_date
    return idcard.birth_date_of(idcard.normalize(member.id_number))


def age(member: MemberRecord, today: date) -> int | None:
    born = birth_date(member)
    return idcard.age_on(born, today) if born else None


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (negative when `end` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def in_school(member: MemberRecord) -> bool:
    return bool(member.school_status) and member.school_status not in NOT_IN_SCHOOL_YET


def compulsory_age(member: MemberRecord, today: date) -> bool:
    years = age(member, today)
    return years is not None and years in COMPULSORY_AGES


def out_of_compulsory_school(member: MemberRecord, today: date) -> bool:
    """A child of 6–15 who is not in school (with or without a reason given)."""
    return compulsory_age(member, today) and not in_school(member)


# A child who cannot attend school but is taught at home, or assessed by the county's expert committee
# as unable to study, is not a 辍学 gap.
SCHOOLING_EXEMPTIONS = ("送教上门", "评估")


def dropped_out(member: MemberRecord, today: date) -> bool:
    """A child of 6–15 out of school with a reason given, not taught at home (a 义务教育 gap)."""
    reason = (member.dropout_reason or "").strip()
    return (
        bool(reason)
        and not any(word in reason for word in SCHOOLING_EXEMPTIONS)
        and out_of_compulsory_school(member, today)
    )


def disabled(member: MemberRecord) -> bool:
    return member.health == DISABLED or bool(member.disability_category) or member.id_type == DISABILITY_CARD


def labour_capable(member: MemberRecord) -> bool:
    return member.labour_skill in LABOUR_CAPABLE


def household_labour_capable(record: HouseholdRecord) -> bool:
    """Someone can work, and the household is not a 整户无劳动能力兜底 household."""
    return record.no_labour_guarantee is not True and any(labour_capable(m) for m in active(record))


def household_without_labour(record: HouseholdRecord) -> bool:
    """整户无劳动能力: so marked, or every member 无劳动力/丧失劳动力."""
    members = list(active(record))
    if record.no_labour_guarantee is True:
        return True
    return bool(members) and all(m.labour_skill in NO_LABOUR for m in members)


def has_work(member: MemberRecord) -> bool:
    return bool(member.work_status or member.work_place or (member.work_months or 0) > 0)


def uninsured(member: MemberRecord) -> bool:
    """In neither basic medical insurance (居民 nor 职工), with at least one of them answered 否."""
    answers = (member.ins_resident_medical, member.ins_employee_medical)
    return True not in answers and False in answers


def dev_support_done(record: HouseholdRecord) -> bool:
    return record.dev_support == DEV_SUPPORT_DONE


def has_measure(record: HouseholdRecord, *categories: str) -> bool:
    return any(m.category in categories for m in record.measures)


def water_problems(record: HouseholdRecord) -> list[str]:
    """The 饮水安全 indicators answered 否 (不达标), and 是否解决安全饮用水 answered 否."""
    found = [label for name, label in WATER_FLAGS.items() if getattr(record, name) is False]
    if record.water_safe is False:
        found.insert(0, "饮水安全")
    return found


def dangerous_house(record: HouseholdRecord) -> bool:
    """A C/D 危房, or 是否危房户 answered 是 where the export gives no level."""
    level = record.house_danger_level
    return level in DANGEROUS_HOUSE or (level is None and record.house_unsafe is True)


def house_unsafe(record: HouseholdRecord) -> bool:
    """A 危房 without a completed 改造, unless the household has moved (易地扶贫搬迁)."""
    return dangerous_house(record) and record.house_renovated_on is None and record.relocated is not True


def under_monitoring(record: HouseholdRecord) -> bool:
    """A 监测对象 whose risk is not (yet) eliminated."""
    return record.is_monitored and record.risk_eliminated is not True


def income_drop(
    latest: IncomeSummary | None, previous: IncomeSummary | None
) -> tuple[IncomeSummary, IncomeSummary, float] | None:
    """(latest, previous, % the 人均纯收入 fell) when both years are assessed and it fell."""
    if latest is None or previous is None:
        return None
    now, before = latest.per_capita, previous.per_capita  # each a computed property: read once
    if now is None or not before or before <= 0:
        return None
    drop = (before - now) / before * 100
    return (latest, previous, drop) if drop > 0 else None


def money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}元"


RISK_STUDY = "因学"
RISK_LABOUR = "缺劳动力"

MEASURE_INDUSTRY = "产业帮扶"
MEASURE_EMPLOYMENT = "就业帮扶"
MEASURE_POST = "公益岗位帮扶"
MEASURE_HEALTH = "健康帮扶"
MEASURE_COMPULSORY = "义务教育保障"
MEASURE_EDUCATION = "其他教育帮扶"
MEASURE_GUARANTEE = "综合保障"
MEASURE_SOCIAL = "社会帮扶"

FULL_LABOUR = ("普通劳动力", "技能劳动力")
WEAK_LABOUR = "弱劳动力或半劳动力"
HEALTHY = "健康"
VOCATIONAL = ("中职", "高职", "技师")


def measure_mentions(record: HouseholdRecord, category: str, *words: str) -> bool:
    """A measure of `category` names one of `words` in its item or content (综合保障: 低保, 特困供养…)."""
    for m in record.measures:
        if m.category == category:
            text = f"{m.item or ''}{m.content or ''}"
            if any(word in text for word in words):
                return True
    return False


def enjoys_dibao(member: MemberRecord) -> bool:
    return member.dibao is True or bool(member.dibao_kind)


def enjoys_tekun(member: MemberRecord) -> bool:
    return member.tekun is True or bool(member.tekun_kind)


def ill(member: MemberRecord) -> bool:
    return member.health in (SERIOUS_ILLNESS, CHRONIC_ILLNESS)


def severe_disability(member: MemberRecord) -> bool:
    """一级 or 二级 (as recorded, or digit 20 of a 残疾人证 number)."""
    if member.disability_grade in SEVERE_GRADES:
        return True
    card = (
        idcard.disability_card(idcard.normalize(member.id_number))
        if member.id_type == DISABILITY_CARD
        else None
    )
    return card is not None and card.grade in SEVERE_GRADES


def vocational_pupil(member: MemberRecord) -> bool:
    """In 中职, 高职高专 or 技师学院: the pupils 雨露计划 pays for."""
    return bool(member.school_status) and member.school_status.startswith(VOCATIONAL)


def works(member: MemberRecord) -> bool:
    """Works (away or at home) or holds a 公益性岗位."""
    return has_work(member) or bool(member.public_post)
