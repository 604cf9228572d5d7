"""成员信息 (DOMAIN §4): required fields, 文化程度 against 在校生状况, school-age children out of school
without a reason, 务工所在地 against 务工时间, both medical insurances, phone numbers, empty required
yes/no fields. Required fields, 文化程度/在校生状况 and phones are the household editor's own checks
(`domain.validation`)."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain import validation
from fupin_desktop.domain.checks.facts import out_of_compulsory_school, who
from fupin_desktop.domain.checks.model import (
    BASIC,
    CAT_EDUCATION,
    CAT_EMPLOYMENT,
    CAT_MEDICAL,
    CAT_RECORDS,
    GUARANTEES,
    MEMBERS,
    Hit,
    Severity,
    Snapshot,
    from_editor,
    rule,
)
from fupin_desktop.domain.checks.sources import INSPECTION, INSURANCE, PRACTICE, SCHOOLING, SYSTEM, cite
from fupin_desktop.domain.labels import HOUSEHOLD_LABELS, MEMBER_LABELS
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord

GROUP = "成员信息"

# Yes/no fields the national member export requires for everyone on the register …
MEMBER_YES_NO = {
    name: MEMBER_LABELS[name]
    for name in (
        "ins_resident_medical",
        "ins_employee_medical",
        "ins_critical_illness",
        "pension_resident",
        "pension_employee",
        "dibao",
        "tekun",
    )
}
# … for the household (三保障和饮水), and for 监测对象 (基本信息).
HOUSEHOLD_YES_NO = {
    name: HOUSEHOLD_LABELS[name]
    for name in ("relocated", "water_quantity_ok", "water_quality_ok", "water_access_ok", "water_supply_ok")
}
MONITORED_YES_NO = {name: HOUSEHOLD_LABELS[name] for name in ("risk_eliminated", "no_labour_guarantee")}


rule(
    "required",
    Severity.ERROR,
    "必填项为空",
    hint="填写户编号，以及每位成员的姓名、与户主关系和证件号码（身份证）。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
    source=cite(SYSTEM),
)(from_editor(validation.required_fields, "required"))

rule(
    "education_school",
    Severity.ERROR,
    "文化程度与在校生状况冲突",
    hint="在校生只填在校生状况、文化程度留空；不在校的只填文化程度。",
    section=MEMBERS,
    category=CAT_RECORDS,
    needs=("m.education", "m.school_status"),
    group=GROUP,
    source=cite(SYSTEM, practice="文化程度与在校生状况只填一项"),
)(from_editor(validation.education_and_school, "education_and_school", "education_or_school_missing"))


@rule(
    "school_age_out",
    Severity.ERROR,
    "适龄儿童未在校且无失学原因",
    hint="核实孩子是否在校：在校的填写在校生状况；确已失学辍学的填写原因并劝返复学。",
    section=MEMBERS,
    category=CAT_EDUCATION,
    needs=("m.school_status", "m.dropout_reason"),
    group=GROUP,
    source=cite(SCHOOLING, peer="1_02_005"),
)
def school_age_out(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if out_of_compulsory_school(m, s.today) and not (m.dropout_reason or "").strip():
            yield Hit(
                f"{who(m)}{s.age(m)}岁，处于义务教育阶段，既没有在校生状况也没有失学或辍学原因。",
                m,
                "school_status",
            )


@rule(
    "work_place_months",
    Severity.HINT,
    "务工所在地与务工时间不匹配",
    hint="外出务工的同时填写务工所在地和务工时间（月）；没有务工的两项都留空。",
    section=MEMBERS,
    category=CAT_EMPLOYMENT,
    needs=("m.work_place", "m.work_months"),
    group=GROUP,
    source=cite(SYSTEM, practice=PRACTICE),
)
def work_place_months(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        months = m.work_months or 0
        if m.work_place and months <= 0:
            yield Hit(f"{who(m)}填写了务工所在地“{m.work_place}”，但务工时间为空。", m, "work_months")
        elif months > 0 and not m.work_place:
            yield Hit(f"{who(m)}务工{months:g}个月，但没有填写务工所在地。", m, "work_place")


@rule(
    "medical_both",
    Severity.DOUBT,
    "同时参加居民医保和职工医保",
    hint="城乡居民医保和城镇职工医保只能参加一种：以医保部门记录为准改正。",
    section=MEMBERS,
    category=CAT_MEDICAL,
    needs=("m.ins_resident_medical", "m.ins_employee_medical"),
    group=GROUP,
    source=cite(INSURANCE, practice=INSPECTION),
)
def medical_both(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if m.ins_resident_medical is True and m.ins_employee_medical is True:
            yield Hit(f"{who(m)}同时登记参加了城乡居民医保和城镇职工医保。", m, "medical_insurance")


rule(
    "phone",
    Severity.DOUBT,
    "联系电话不是11位",
    hint="手机号码为11位；座机请带区号填写。",
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
    source=cite(SYSTEM, peer="4_02_001 5_13_003"),
)(from_editor(validation.phone_numbers, "phone"))


def _empty(obj: HouseholdRecord | MemberRecord, labels: dict[str, str]) -> list[str]:
    """Labels of the fields left empty — not of those the source never carried (unknown: 待采集)."""
    unknown = obj.unknown
    return [label for name, label in labels.items() if getattr(obj, name) is None and name not in unknown]


REQUIRED_HINT = "逐项选择“是”或“否”：全国系统要求这些项不能为空。"


@rule(
    "yes_no_member",
    Severity.ERROR,
    "成员的“是/否”项为空",
    hint=REQUIRED_HINT,
    section=MEMBERS,
    category=CAT_RECORDS,
    group=GROUP,
    source=cite(SYSTEM, peer="2_01_002 2_12_001"),
)
def yes_no_member(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        empty = _empty(m, MEMBER_YES_NO)
        if empty:
            yield Hit(f"{who(m)}的{'、'.join(empty)}没有填写。", m, "yes_no")


@rule(
    "yes_no_household",
    Severity.ERROR,
    "住房饮水的“是/否”项为空",
    hint=REQUIRED_HINT,
    section=GUARANTEES,
    category=CAT_RECORDS,
    group=GROUP,
    source=cite(SYSTEM),
)
def yes_no_household(s: Snapshot) -> Iterator[Hit]:
    empty = _empty(s.record, HOUSEHOLD_YES_NO)
    if empty:
        yield Hit(f"{'、'.join(empty)}没有填写。", field="yes_no")


@rule(
    "yes_no_monitoring",
    Severity.ERROR,
    "监测信息的“是/否”项为空",
    hint=REQUIRED_HINT,
    section=BASIC,
    category=CAT_RECORDS,
    group=GROUP,
    monitored=True,
    source=cite(SYSTEM),
)
def yes_no_monitoring(s: Snapshot) -> Iterator[Hit]:
    empty = _empty(s.record, MONITORED_YES_NO) if s.record.is_monitored else []
    if empty:
        yield Hit(f"监测对象的{'、'.join(empty)}没有填写。", field="yes_no")


SHARED_PHONE_SHOWN = 3  # other households named in the message


@rule(
    "phone_shared",
    Severity.DOUBT,
    "同一联系电话用于多户",
    hint="每户填写本户成员的电话；填了帮扶干部、村干部或亲戚电话的，改为本户能接通的号码。",
    section=BASIC,
    category=CAT_RECORDS,
    group=GROUP,
    source=cite(SYSTEM, peer="2_12_007 5_15_021 5_15_022"),
)
def phone_shared(s: Snapshot) -> Iterator[Hit]:
    for phone, others in s.context.shared_phones.get(s.record.number, ()):
        if others:
            shown = "、".join(others[:SHARED_PHONE_SHOWN]) + (
                "等" if len(others) > SHARED_PHONE_SHOWN else ""
            )
            yield Hit(f"联系电话{phone}也登记在{len(others)}户：{shown}。", field="phone")
