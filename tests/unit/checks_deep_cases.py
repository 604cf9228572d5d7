"""Cases of the checks that follow the county rule engine (`peer-checks.md`, tiers 1 and 2) and the
checks neither has: one household each that must be flagged and a look-alike that must not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fupin_desktop.domain import idcard
from fupin_desktop.domain.income import IncomeLine
from fupin_desktop.domain.records import IncomeYear, MeasureRecord, MemberRecord
from tests.unit.checks_samples import (
    CHILD,
    CONTEXT,
    HEAD,
    SPOUSE,
    Case,
    household,
    income,
    members,
    monitored,
    person,
)

INDUSTRY = MeasureRecord(id=1, category="产业帮扶", item="产业奖补")


def measure(category: str, item: str, n: int = 2) -> MeasureRecord:
    return MeasureRecord(id=n, category=category, item=item)


def with_measures(*more: MeasureRecord) -> tuple[MeasureRecord, ...]:
    return (INDUSTRY, *more)


DIBAO = measure("综合保障", "农村低保")
TEKUN = measure("综合保障", "特困供养")
DISABILITY = measure("综合保障", "残疾人两项补贴")
HEALTH = measure("健康帮扶", "医疗救助")
YULU = measure("其他教育帮扶", "雨露计划")
SUBSIDY = measure("健康帮扶", "城乡居民基本医疗保险个人缴费补贴")


def student(**fields: object) -> MemberRecord:
    """A daughter of 17 at 中职."""
    values = {
        "education": None,
        "school_status": "中职二年级",
        "labour_skill": "无劳动力",
        "pension_resident": False,
    }
    return person(4, "张小红", "女", date(2009, 9, 1), "之女", **{**values, **fields})


def with_member(extra: MemberRecord, **fields: object):  # type: ignore[no-untyped-def]
    return household(members=(*members(), extra), **fields)


def eliminated(**fields: object):  # type: ignore[no-untyped-def]
    values = {"risk_eliminated": True, "elimination_method": "帮扶消除", "eliminated_on": date(2026, 1, 1)}
    return monitored(**{**values, **fields})


def all_members(**fields: object) -> tuple[MemberRecord, ...]:
    return tuple(replace(m, **fields) for m in members())


NO_LABOUR = (replace(HEAD, labour_skill="丧失劳动力"), replace(SPOUSE, labour_skill="丧失劳动力"), CHILD)
AWAY = {"work_status": "省外务工", "work_place": "广东省东莞市", "work_months": 8.0}
PLACED = {"province": "贵州省", "county": "云岭县", "township": "清水镇"}
SEVERE = {"health": "残疾", "disability_category": "肢体残疾", "disability_grade": "一级"}
SHARED = {"522425108001000001": ((HEAD.phone, ("522425108001000009",)),)}
AFTER = {
    "after_wage": 20000.0, "after_business": 8000.0, "after_property": 0.0, "after_transfer": 0.0,
    "after_expense": 2000.0, "after_net": 26000.0, "after_per_capita": 8666.67, "after_claims": 0.0,
    "after_self_paid": 0.0, "after_dropout": False, "after_house_damaged": False, "after_uninsured": False,
    "after_water_damaged": False,
}  # fmt: skip
EIGHTY = person(4, "张老汉", "男", date(1946, 1, 5), "之父", education="小学", pension_resident=True)

DEEP_CASES = [
    # 证件号码, 户内关系, 成员信息
    Case("id_placeholder", lambda: household(members=members(replace(SPOUSE, id_number=idcard.make("999999", date(1982, 8, 9), 12)))),
         household, SPOUSE.name, "id_number", "地区码不存在"),
    Case("relation_sex", lambda: household(members=members(replace(CHILD, relation="之女"))),
         lambda: household(members=members(replace(CHILD, relation="之孙子"))), CHILD.name, "relation", "性别却是男"),
    Case("phone_shared", household, household, "", "phone", "也登记在1户：522425108001000009",
         context=replace(CONTEXT, shared_phones=SHARED),
         miss_context=replace(CONTEXT, shared_phones={"522425108001000002": (("13900000000", ("522425108001000009",)),)})),
    # 在校与务工
    Case("school_stage_age", lambda: household(members=members(replace(CHILD, school_status="九年级"))),
         household, CHILD.name, "school_status", "一般11至17岁"),
    Case("school_stage_age", lambda: household(members=members(replace(SPOUSE, education=None, school_status="学前教育"))),
         lambda: household(members=members(replace(SPOUSE, education=None, school_status="本科一年级"))),
         SPOUSE.name, "school_status", "44岁"),
    Case("education_young", lambda: with_member(student(school_status=None, education="小学", birth_date=date(2006, 5, 1), id_number=None)),
         lambda: with_member(student(school_status=None, education="初中", birth_date=date(2006, 5, 1), id_number=None)),
         "张小红", "education", "20岁，文化程度为小学"),
    Case("dropout_health", lambda: household(members=members(replace(CHILD, school_status=None, dropout_reason="因病"))),
         lambda: household(members=members(replace(CHILD, school_status=None, dropout_reason="因病", health="患有大病"))),
         CHILD.name, "dropout_reason", "因病"),
    Case("work_pupil", lambda: with_member(student(work_status="乡(镇)内务工", work_place="本镇集镇", work_months=3.0)),
         lambda: with_member(student()), "张小红", "work_status", "中职二年级"),
    Case("work_no_labour", lambda: household(members=members(replace(SPOUSE, labour_skill="丧失劳动力", health="患有大病", **AWAY))),
         lambda: household(members=members(replace(SPOUSE, labour_skill="弱劳动力或半劳动力", health="患有大病", **AWAY))),
         SPOUSE.name, "labour_skill", "丧失劳动力"),
    Case("post_unfit", lambda: household(members=members(replace(HEAD, public_post="生态护林员", labour_skill="丧失劳动力", health="患有大病"))),
         lambda: household(members=members(replace(HEAD, public_post="生态护林员", labour_skill="弱劳动力或半劳动力", health="患有大病"))),
         HEAD.name, "public_post", "丧失劳动力"),
    Case("post_unfit", lambda: with_member(replace(EIGHTY, public_post="保洁员", labour_skill="弱劳动力或半劳动力")),
         lambda: with_member(replace(EIGHTY, labour_skill="弱劳动力或半劳动力")), "张老汉", "public_post", "80岁"),
    Case("work_place_status", lambda: household(**PLACED, members=members(replace(HEAD, **{**AWAY, "work_place": "云岭县城"}))),
         lambda: household(**PLACED, members=members(replace(HEAD, **AWAY))), HEAD.name, "work_status", "在本县"),
    Case("work_place_status", lambda: household(**PLACED, members=members(replace(HEAD, **{**AWAY, "work_status": "乡(镇)内务工"}))),
         lambda: household(**PLACED, members=members(replace(HEAD, **{**AWAY, "work_status": "乡(镇)内务工", "work_place": "本镇工业园"}))),
         HEAD.name, "work_status", "在省外"),
    # 劳动技能
    Case("labour_child", lambda: household(members=members(replace(CHILD, labour_skill="普通劳动力"))),
         household, CHILD.name, "labour_skill", "10岁"),
    Case("labour_pupil", lambda: with_member(student(birth_date=date(2007, 9, 1), id_number=None, labour_skill="普通劳动力")),
         lambda: with_member(student(birth_date=date(2007, 9, 1), id_number=None)), "张小红", "labour_skill", "中职二年级"),
    Case("labour_healthy_none", lambda: household(members=members(replace(SPOUSE, labour_skill="无劳动力"))),
         lambda: household(members=members(replace(SPOUSE, labour_skill="无劳动力", health="长期慢性病"))),
         SPOUSE.name, "labour_skill", "44岁、健康、不在校"),
    Case("labour_elderly", lambda: with_member(replace(EIGHTY, labour_skill="普通劳动力")),
         lambda: with_member(replace(EIGHTY, labour_skill="弱劳动力或半劳动力")), "张老汉", "labour_skill", "80岁"),
    Case("labour_severe", lambda: household(members=members(replace(SPOUSE, **SEVERE))),
         lambda: household(members=members(replace(SPOUSE, **{**SEVERE, "disability_grade": "三级"}))),
         SPOUSE.name, "labour_skill", "一级或二级残疾"),
    Case("health_labour_empty", lambda: household(members=members(replace(SPOUSE, labour_skill=None))),
         lambda: household(members=members(replace(SPOUSE, labour_skill=None, unknown_fields="labour_skill"))),
         SPOUSE.name, "labour_skill", "劳动技能没有填写"),
    Case("labour_risk_wrong", lambda: monitored(risks=("缺劳动力",), members=(HEAD, SPOUSE)),
         lambda: monitored(risks=("缺劳动力",)), "", "risks", "2名成员中有2名"),
    # 识别与消除
    Case("should_monitor", lambda: household(house_danger_level="D", house_appraised_on=date(2025, 6, 1)),
         lambda: household(house_danger_level="D", house_appraised_on=date(2025, 6, 1), house_renovated_on=date(2025, 10, 1)),
         "", "monitor_category", "住房不安全"),
    Case("should_monitor", lambda: household(members=members(replace(SPOUSE, ins_resident_medical=False))),
         lambda: monitored(members=members(replace(SPOUSE, ins_resident_medical=False))),
         "", "monitor_category", "李秀英未参加基本医疗保险"),
    Case("eliminated_with_gap", lambda: eliminated(water_quality_ok=False), lambda: monitored(water_quality_ok=False),
         "", "risk_eliminated", "饮水水质不达标"),
    Case("eliminated_with_gap", lambda: eliminated(members=members(replace(CHILD, school_status=None, dropout_reason="厌学"))),
         lambda: eliminated(members=members(replace(CHILD, school_status=None, dropout_reason="重度残疾，送教上门"))),
         "", "risk_eliminated", "张小明义务教育阶段失学辍学"),
    Case("no_risk", lambda: monitored(risks=()), lambda: household(risks=()), "", "risks", "没有填写致贫/返贫风险"),
    Case("after_missing", eliminated, lambda: eliminated(**AFTER), "", "after_per_capita", "没有填写"),
    Case("after_missing", lambda: eliminated(**{**AFTER, "after_per_capita": None}),
         lambda: eliminated(unknown_fields="after"), "", "after_per_capita", "家庭人均纯收入没有填写"),
    Case("category_vs_type", lambda: monitored(household_type="脱贫户"),
         lambda: monitored(household_type="脱贫户", monitor_category="脱贫不稳定户"),
         "", "household_type", "应为一般农户"),
    Case("category_vs_type", lambda: monitored(monitor_category="脱贫不稳定户"),
         lambda: monitored(monitor_category="突发严重困难户"), "", "household_type", "应为脱贫户"),
    # 风险与措施
    Case("illness_no_measure", lambda: monitored(risks=("因病",)),
         lambda: monitored(risks=("因病",), measures=with_measures(HEALTH)), "", "measures", "因病（监测中）"),
    Case("illness_no_measure", lambda: eliminated(risks=("因病",)),
         lambda: eliminated(risks=("因病",), measures=with_measures(DIBAO)), "", "measures", "因病（已消除）"),
    Case("study_no_measure", lambda: monitored(risks=("因学",)),
         lambda: monitored(risks=("因学",), measures=with_measures(measure("义务教育保障", "教育资助"))),
         "", "measures", "义务教育保障"),
    Case("disabled_no_measure", lambda: monitored(risks=("因残",)),
         lambda: monitored(risks=("因残",), measures=with_measures(measure("社会帮扶", "慈善救助"))),
         "", "measures", "因残"),
    Case("no_measures", lambda: monitored(measures=()), lambda: monitored(measures=(), identified_on=date(2026, 11, 1)),
         "", "measures", "2025年3月识别"),
    Case("eliminated_unhelped", lambda: eliminated(measures=()), lambda: eliminated(measures=(), elimination_method="自然消除"),
         "", "measures", "帮扶消除"),
    Case("only_guarantee", lambda: monitored(measures=(DIBAO,)),
         lambda: monitored(measures=(DIBAO,), members=NO_LABOUR), "", "measures", "只有综合保障"),
    Case("dropout_no_measure", lambda: monitored(members=members(replace(CHILD, school_status=None, dropout_reason="厌学"))),
         lambda: monitored(members=members(replace(CHILD, school_status=None, dropout_reason="厌学")),
                           measures=with_measures(measure("义务教育保障", "控辍保学"))),
         CHILD.name, "measures", "没有义务教育保障措施"),
    Case("uninsured_no_measure", lambda: monitored(members=members(replace(SPOUSE, ins_resident_medical=False))),
         lambda: monitored(members=members(replace(SPOUSE, ins_resident_medical=False)), measures=with_measures(HEALTH)),
         SPOUSE.name, "measures", "未参加基本医疗保险"),
    Case("illness_no_ill", lambda: monitored(risks=("因病",)),
         lambda: monitored(risks=("因病",), members=members(replace(SPOUSE, health="长期慢性病"))),
         "", "risks", "没有患有大病或长期慢性病"),
    Case("illness_no_costs", lambda: monitored(risks=("因病",)),
         lambda: monitored(risks=("因病",), incomes=(income(2026, 30000.0, IncomeLine("合规自付支出", "医疗自付", 3000.0)),)),
         "", "self_paid", "没有合规自付支出"),
    # 兜底保障
    Case("dibao_no_measure", lambda: monitored(members=members(replace(HEAD, dibao=True))),
         lambda: monitored(members=members(replace(HEAD, dibao=True)), measures=with_measures(DIBAO)),
         "", "measures", "张大山享受低保"),
    Case("dibao_no_measure", lambda: monitored(members=members(replace(HEAD, dibao_kind="农村低保"))),
         lambda: eliminated(members=members(replace(HEAD, dibao_kind="农村低保"))), "", "measures", "没有低保"),
    Case("tekun_no_measure", lambda: monitored(members=members(replace(HEAD, tekun=True))),
         lambda: monitored(members=members(replace(HEAD, tekun=True)), measures=with_measures(TEKUN)),
         "", "measures", "张大山是特困供养人员"),
    Case("measure_no_dibao", lambda: monitored(measures=with_measures(DIBAO)),
         lambda: monitored(measures=with_measures(DIBAO), members=members(replace(SPOUSE, dibao=True))),
         "", "measures", "没有人享受低保"),
    Case("measure_no_tekun", lambda: monitored(measures=with_measures(TEKUN)),
         lambda: monitored(measures=with_measures(TEKUN), members=members(replace(SPOUSE, tekun=True))),
         "", "measures", "没有特困供养人员"),
    Case("no_labour_unmarked", lambda: monitored(members=NO_LABOUR),
         lambda: monitored(members=NO_LABOUR, no_labour_guarantee=True), "", "no_labour_guarantee", "未标为整户"),
    Case("no_labour_no_support", lambda: monitored(members=NO_LABOUR, no_labour_guarantee=True),
         lambda: monitored(members=(replace(NO_LABOUR[0], dibao=True), *NO_LABOUR[1:]), no_labour_guarantee=True),
         "", "members", "没有成员享受低保或特困供养"),
    Case("tekun_able", lambda: household(members=members(replace(HEAD, tekun=True))),
         lambda: household(members=members(replace(HEAD, tekun=True, health="残疾", disability_category="肢体残疾"))),
         HEAD.name, "tekun", "46岁、健康"),
    Case("tekun_working", lambda: household(members=members(replace(HEAD, tekun=True, health="残疾", **AWAY))),
         lambda: household(members=members(replace(HEAD, tekun=True, health="残疾"))), HEAD.name, "work_status", "省外务工"),
    Case("disabled_unrecorded", lambda: household(members=members(replace(SPOUSE, health="残疾"))),
         lambda: household(members=members(replace(SPOUSE, health="残疾", disability_category="肢体残疾", disability_grade="三级"))),
         SPOUSE.name, "disability_category", "没有残疾类别"),
    Case("subsidy_no_disabled", lambda: household(measures=(DISABILITY,)),
         lambda: household(measures=(DISABILITY,), members=members(replace(SPOUSE, **SEVERE, labour_skill="丧失劳动力"))),
         "", "measures", "没有残疾人"),
    Case("severe_no_subsidy", lambda: monitored(risks=("因残",), members=members(replace(SPOUSE, **SEVERE))),
         lambda: monitored(risks=("因残",), members=members(replace(SPOUSE, **{**SEVERE, "disability_grade": "三级"}))),
         "", "measures", "李秀英为一级或二级残疾"),
    # 政策落实
    Case("income_vs_measures", lambda: eliminated(incomes=(IncomeYear(2026, None, (IncomeLine("工资性收入", "务工收入", 36000.0),)),)),
         eliminated, "", "per_capita", "生产经营性收入为0"),
    Case("income_vs_measures", lambda: eliminated(measures=with_measures(measure("公益岗位帮扶", "保洁员")),
                                                  incomes=(IncomeYear(2026, None, (IncomeLine("生产经营性收入", "种植业", 36000.0),)),)),
         lambda: monitored(measures=with_measures(measure("公益岗位帮扶", "保洁员")),
                           incomes=(IncomeYear(2026, None, (IncomeLine("生产经营性收入", "种植业", 36000.0),)),)),
         "", "per_capita", "工资性收入为0"),
    Case("employment_no_worker", lambda: household(measures=(measure("就业帮扶", "务工交通补助"),)),
         lambda: household(measures=(measure("就业帮扶", "务工交通补助"),), members=members(replace(HEAD, **AWAY))),
         "", "measures", "没有成员登记务工"),
    Case("yulu_not_vocational", lambda: household(measures=(YULU,)),
         lambda: with_member(student(), measures=(YULU,)), "", "measures", "没有中职"),
    Case("vocational_no_yulu", lambda: with_member(student()), lambda: with_member(student(), measures=(YULU,)),
         "张小红", "measures", "中职二年级学生"),
    Case("medical_subsidy", lambda: monitored(identified_on=date(2022, 11, 1)),
         lambda: monitored(identified_on=date(2022, 11, 1), measures=with_measures(SUBSIDY)), "", "measures", "缴费期内"),
    Case("medical_subsidy", lambda: monitored(identified_on=date(2023, 6, 1), measures=with_measures(SUBSIDY)),
         lambda: monitored(identified_on=date(2024, 6, 1), measures=with_measures(SUBSIDY)), "", "measures", "当年缴费期后"),
    Case("identified_rich", lambda: monitored(identified_on=date(2024, 3, 1), incomes=(income(2026, 60000.0),)),
         lambda: monitored(identified_on=date(2022, 3, 1), incomes=(income(2026, 60000.0),)), "", "per_capita", "高于20,000元"),
    Case("income_very_low", lambda: household(incomes=(income(2026, 4000.0),)),  # 人均 3,333 < 4,050
         lambda: household(incomes=(income(2026, 8000.0),)), "", "per_capita", "不足监测范围8,100元的一半"),
    Case("wage_tiny", lambda: household(incomes=(income(2026, 50.0),)), household, "", "per_capita", "只有50元"),
]  # fmt: skip
