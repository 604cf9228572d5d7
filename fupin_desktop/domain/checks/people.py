"""在校与务工: 在校生状况 and 文化程度 against age, 失学原因 against health, and work — 务工状况
against 务工所在地, pupils and people without labour who work, 公益性岗位 holders who cannot hold one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from fupin_desktop.domain.checks.facts import (
    HEALTHY,
    PRESCHOOL,
    has_work,
    in_school,
    who,
)
from fupin_desktop.domain.checks.model import (
    CAT_EDUCATION,
    CAT_EMPLOYMENT,
    MEMBERS,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import LABOUR, SCHOOL_STAGES, SCHOOLING, SYSTEM, cite
from fupin_desktop.domain.codes import NO_LABOUR
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord

GROUP = "在校与务工"

# 在校生状况 (by its beginning) → the ages a pupil at that stage has (a year either side of the usual).
STAGE_AGES: tuple[tuple[tuple[str, ...], range, str], ...] = (
    (("小学",), range(6, 15), "6至14岁"),
    (("七年级", "八年级", "九年级"), range(11, 18), "11至17岁"),
    (("普通高中", "中职"), range(14, 21), "14至20岁"),
)
PRESCHOOL_UNTIL = 7  # 7 and over is at school, not 学龄前
LOW_EDUCATION = ("文盲或半文盲", "小学")
YOUNG_ADULT = range(16, 23)  # grew up under 九年义务教育
HEALTH_REASONS = ("因病", "因残")
POST_AGES = range(16, 70)

# Where a 务工状况 says someone works, by distance from home.
IN_TOWNSHIP, IN_COUNTY, IN_PROVINCE, OUT_OF_PROVINCE = (
    "乡(镇)内务工",
    "乡(镇)外县内务工",
    "县外省内务工",
    "省外务工",
)
PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏",
    "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
)  # fmt: skip
PROVINCE_NAMES = re.compile("|".join(PROVINCES))


def _stage_ages(status: str) -> tuple[range, str] | None:
    for starts, ages, text in STAGE_AGES:
        if status.startswith(starts):
            return ages, text
    return None


@rule(
    "school_stage_age",
    Severity.DOUBT,
    "在校生状况与年龄不符",
    hint="核对出生日期和在校生状况（年级）。",
    section=MEMBERS,
    category=CAT_EDUCATION,
    group=GROUP,
    source=cite(SCHOOL_STAGES, peer="5_12_013 5_12_014 5_12_015 5_12_016"),
    needs=("m.school_status",),
)
def school_stage_age(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        status = m.school_status
        years = s.age(m) if status else None
        if years is None or not status:
            continue
        if status in PRESCHOOL and years >= PRESCHOOL_UNTIL:
            yield Hit(f"{who(m)}{years}岁，在校生状况为“{status}”。", m, "school_status")
            continue
        stage = _stage_ages(status)
        if stage and years not in stage[0]:
            yield Hit(f"{who(m)}{years}岁，在校生状况为“{status}”（一般{stage[1]}）。", m, "school_status")


@rule(
    "education_young",
    Severity.DOUBT,
    "青年只有小学或文盲文化程度",
    hint="16至22岁的已完成九年义务教育：核对文化程度（初中毕业填初中），确未完成的核实原因。",
    section=MEMBERS,
    category=CAT_EDUCATION,
    group=GROUP,
    source=cite(SCHOOLING, peer="5_12_019 5_17_007"),
    needs=("m.education",),
)
def education_young(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if m.education not in LOW_EDUCATION or m.health != HEALTHY:
            continue
        years = s.age(m)
        if years in YOUNG_ADULT:
            yield Hit(f"{who(m)}{years}岁，文化程度为{m.education}。", m, "education")


@rule(
    "dropout_health",
    Severity.DOUBT,
    "失学原因为因病因残但健康状况为健康",
    hint="核对失学或辍学原因和健康状况，两者应一致。",
    section=MEMBERS,
    category=CAT_EDUCATION,
    group=GROUP,
    source=cite(SYSTEM, peer="2_01_012"),
    needs=("m.dropout_reason", "m.health"),
)
def dropout_health(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        reason = m.dropout_reason or ""
        if m.health == HEALTHY and any(word in reason for word in HEALTH_REASONS):
            yield Hit(f"{who(m)}失学原因为“{reason}”，健康状况却是健康。", m, "dropout_reason")


@rule(
    "work_pupil",
    Severity.DOUBT,
    "在校生登记有务工",
    hint="在校生一般不务工：已离校的清空在校生状况并填写文化程度；仍在校的清空务工信息。",
    section=MEMBERS,
    category=CAT_EMPLOYMENT,
    group=GROUP,
    source=cite(SYSTEM, peer="4_12_002 4_01_006"),
    needs=("m.school_status", "m.work_status", "m.work_place", "m.work_months"),
)
def work_pupil(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if in_school(m) and has_work(m):
            yield Hit(f"{who(m)}在校（{m.school_status}），同时登记有务工。", m, "work_status")


@rule(
    "work_no_labour",
    Severity.DOUBT,
    "无劳动力或丧失劳动力却在务工",
    hint="务工的成员有劳动能力：核对劳动技能或务工信息。",
    section=MEMBERS,
    category=CAT_EMPLOYMENT,
    group=GROUP,
    source=cite(LABOUR, peer="2_01_015 2_12_004"),
    needs=("m.labour_skill", "m.work_status", "m.work_place", "m.work_months"),
)
def work_no_labour(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if m.labour_skill in NO_LABOUR and has_work(m) and not in_school(m):
            yield Hit(f"{who(m)}劳动技能为“{m.labour_skill}”，同时登记有务工。", m, "labour_skill")


@rule(
    "post_unfit",
    Severity.DOUBT,
    "公益性岗位人员年龄或劳动能力不符",
    hint="公益性岗位聘用16至69岁、有劳动能力的人员：核对岗位人员或其年龄、劳动技能。",
    section=MEMBERS,
    category=CAT_EMPLOYMENT,
    group=GROUP,
    source=cite(LABOUR, peer="5_15_006 3_01_008 5_01_006"),
)
def post_unfit(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        if not m.public_post:
            continue
        years = s.age(m)
        if years is not None and years not in POST_AGES:
            yield Hit(f"{who(m)}{years}岁，担任公益性岗位（{m.public_post}）。", m, "public_post")
        elif m.labour_skill == "丧失劳动力":
            yield Hit(f"{who(m)}丧失劳动力，担任公益性岗位（{m.public_post}）。", m, "public_post")


# How far from home a 务工所在地 is, by the words it uses (besides the household's own place names).
TOWNSHIP_WORDS = ("本镇", "本乡", "镇内", "乡内")
COUNTY_WORDS = ("本县", "县内", "县城")
PROVINCE_WORDS = ("本省", "省内", "省会")
FARTHER = {IN_TOWNSHIP: 0, IN_COUNTY: 1, IN_PROVINCE: 2, OUT_OF_PROVINCE: 3}


@lru_cache(maxsize=4096)  # a township's workers name few places: each is told once
def place_distance(province: str, county: str, township: str, place: str) -> tuple[int, int] | None:
    """How far `place` is from a home in `province`/`county`/`township`, as the range of `FARTHER`
    levels it may be (lowest, highest), or None when it cannot be told: "本县城关镇" is in the county,
    perhaps in the township (0, 1)."""
    home = next((p for p in PROVINCES if province.startswith(p)), province[:2])
    if any(p != home for p in PROVINCE_NAMES.findall(place)):
        return (3, 3)
    if any(w in place for w in TOWNSHIP_WORDS) or (township and township in place):
        return (0, 0)
    if "省会" in place:
        return (2, 2)
    if any(w in place for w in COUNTY_WORDS) or (county and county in place):
        return (0, 1)
    if any(w in place for w in PROVINCE_WORDS) or (home and home in place):
        return (0, 2)
    return None


def place_conflict(record: HouseholdRecord, member: MemberRecord) -> str | None:
    """Why the member's 务工所在地 cannot be where the 务工状况 says, or None (also when it cannot be told)."""
    status, place = member.work_status, (member.work_place or "").strip()
    level = FARTHER.get(status or "")
    distance = None
    if place and level is not None:
        distance = place_distance(record.province or "", record.county or "", record.township or "", place)
    if distance is None or distance[0] <= level <= distance[1]:
        return None
    if level > distance[1]:  # nearer than the status says
        return ("在本乡镇", "在本县", "在本省")[distance[1]]
    return ("", "在本乡镇以外", "在本县以外", "在省外")[distance[0]]


@rule(
    "work_place_status",
    Severity.DOUBT,
    "务工状况与务工所在地不符",
    hint="按务工所在地选择务工状况（乡镇内、乡镇外县内、县外省内、省外），或改正务工所在地。",
    section=MEMBERS,
    category=CAT_EMPLOYMENT,
    group=GROUP,
    source=cite(SYSTEM, practice="务工状况按务工地点填写（本程序）"),
    needs=("m.work_status", "m.work_place"),
)
def work_place_status(s: Snapshot) -> Iterator[Hit]:
    for m in s.members:
        conflict = place_conflict(s.record, m) if m.work_status and m.work_place else None
        if conflict:
            yield Hit(
                f"{who(m)}务工状况为{m.work_status}，务工所在地“{m.work_place}”{conflict}。", m, "work_status"
            )
