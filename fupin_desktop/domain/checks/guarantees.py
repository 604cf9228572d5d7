"""三保障和饮水 (DOMAIN §3.6, §4): safe housing, compulsory schooling, basic medical insurance, safe
drinking water — the gaps inspectors look for first."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain.checks.facts import (
    dropped_out,
    house_unsafe,
    uninsured,
    water_problems,
    who,
)
from fupin_desktop.domain.checks.model import (
    CAT_EDUCATION,
    CAT_HOUSING,
    CAT_MEDICAL,
    CAT_WATER,
    GUARANTEES,
    MEMBERS,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import GUIDE, INSURANCE, SCHOOLING, cite

GROUP = "三保障和饮水"


@rule(
    "house_unsafe",
    Severity.ERROR,
    "危房未完成改造",
    hint="落实危房改造（维修加固或拆除重建）或安置，完成后录入改造方式和改造时间。",
    section=GUARANTEES,
    category=CAT_HOUSING,
    group=GROUP,
    source=cite(GUIDE, peer="1_02_001 1_11_006"),
)
def house_unsafe_rule(s: Snapshot) -> Iterator[Hit]:
    if house_unsafe(s.record):
        level = s.record.house_danger_level
        if level is None:
            yield Hit("登记为危房户，没有完成改造的记录。", field="house_unsafe")
            return
        kind = "局部危房" if level == "C" else "整幢危房"
        yield Hit(f"住房为{level}级（{kind}），没有完成改造的记录。", field="house_danger_level")


@rule(
    "school_dropout",
    Severity.ERROR,
    "义务教育阶段辍学",
    hint="落实控辍保学，劝返复学；确因重度残疾不能到校的安排送教上门并注明。",
    section=MEMBERS,
    category=CAT_EDUCATION,
    group=GROUP,
    source=cite(SCHOOLING, peer="3_11_007"),
)
def school_dropout(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if dropped_out(m, s.today):
            reason = (m.dropout_reason or "").strip()
            yield Hit(f"{who(m)}{s.age(m)}岁，失学或辍学（原因：{reason}）。", m, "dropout_reason")


@rule(
    "no_medical_insurance",
    Severity.ERROR,
    "未参加基本医疗保险",
    hint="动员参加城乡居民基本医疗保险，符合条件的落实参保资助。",
    section=MEMBERS,
    category=CAT_MEDICAL,
    needs=("m.ins_resident_medical", "m.ins_employee_medical"),
    group=GROUP,
    source=cite(INSURANCE, peer="1_11_008"),
)
def no_medical_insurance(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if uninsured(m):
            yield Hit(f"{who(m)}既没有参加城乡居民医保，也没有参加城镇职工医保。", m, "medical_insurance")


@rule(
    "water_unsafe",
    Severity.ERROR,
    "饮水安全不达标",
    hint="落实饮水安全保障措施（管网延伸、水源改造、水质处理等），达标后改为“是”。",
    section=GUARANTEES,
    category=CAT_WATER,
    group=GROUP,
    source=cite(GUIDE, peer="1_02_002 1_11_007"),
)
def water_unsafe(s: Snapshot) -> Iterator[Hit]:
    problems = water_problems(s.record)
    if problems:
        yield Hit(f"{'、'.join(problems)}不达标。", field="water")
