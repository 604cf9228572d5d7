"""Every data-check rule (DOMAIN §4) on a household that hits it and on a near one that does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from fupin_desktop.domain.checks import RULES, CheckContext, Finding, Severity, check_household
from fupin_desktop.domain.checks.model import Snapshot, rule
from fupin_desktop.domain.income import IncomeLine, ReportedIncome
from fupin_desktop.domain.records import HouseholdRecord, MeasureRecord
from tests.unit.checks_deep_cases import DEEP_CASES
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
    with_id,
)

DUPLICATES = {HEAD.id_number: (("522425108001000001", "张大山"), ("522425108001000002", "王五"))}


OURS_2026 = 12000.0  # 人均纯收入 of income(2026, 30000.0) for the clean household's three members


def checksum_wrong(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def unsafe_house(**fields: object) -> HouseholdRecord:
    return household(**{"house_danger_level": "C", "house_appraised_on": date(2025, 6, 1), **fields})


CASES = [
    # 证件号码
    Case("id_format", lambda: household(members=members(with_id(SPOUSE, SPOUSE.id_number[:17]))),
         household, SPOUSE.name, "id_number", "证件号码应为18位"),
    Case("required", lambda: household(members=members(with_id(SPOUSE, ""))),
         lambda: household(members=members(replace(SPOUSE, id_type="残疾人证", id_number=""))),
         SPOUSE.name, "id_number", "请填写证件号码"),
    Case("required", lambda: household(members=members(replace(SPOUSE, relation=None))), household,
         SPOUSE.name, "relation", "请选择与户主关系"),
    Case("id_legacy", lambda: household(members=members(with_id(SPOUSE, "522425820809002"))),
         household, SPOUSE.name, "id_number", "15位"),
    Case("id_birth_date", lambda: household(members=members(with_id(SPOUSE, "522425198213090016"))),
         household, SPOUSE.name, "id_number", "出生日期不存在"),
    Case("id_checksum", lambda: household(members=members(with_id(SPOUSE, checksum_wrong(SPOUSE.id_number)))),
         lambda: household(members=members(with_id(SPOUSE, SPOUSE.id_number.lower()))),
         SPOUSE.name, "id_number", "校验位错误"),
    Case("id_duplicate", household, household, HEAD.name, "id_number", "已登记在户 522425108001000002 的“王五”名下",
         context=replace(CONTEXT, duplicate_ids=DUPLICATES)),
    Case("id_duplicate", lambda: household(members=(*members(), with_id(replace(CHILD, id=4, name="张小亮"),
                                                                          CHILD.id_number.lower()))),
         household, "张小亮", "id_number", "与成员“张小明”相同"),
    Case("id_sex_mismatch", lambda: household(members=members(replace(HEAD, sex="女"))),
         lambda: household(members=members(replace(HEAD, sex=None))), HEAD.name, "sex", "证件号码显示为男"),
    Case("id_birth_mismatch", lambda: household(members=members(replace(HEAD, birth_date=date(1980, 5, 2)))),
         lambda: household(members=members(replace(HEAD, birth_date=None))),
         HEAD.name, "birth_date", "1980-05-01"),
    # 户内关系
    Case("no_members", lambda: household(members=()),
         lambda: household(members=(HEAD,)), field="members"),
    Case("no_members", lambda: household(members=tuple(replace(m, status="自然减少") for m in members())),
         lambda: household(members=(HEAD, replace(SPOUSE, status="自然减少"))), field="members"),
    Case("no_head", lambda: household(members=members(replace(HEAD, relation="其他"))),
         lambda: household(members=()), field="relation"),
    Case("two_heads", lambda: household(members=members(replace(SPOUSE, relation="户主"))),
         lambda: household(members=members(replace(HEAD, relation="户主", status="自然减少"),
                                          replace(SPOUSE, relation="户主"))),
         SPOUSE.name, "relation", "张大山、李秀英 都是户主"),
    Case("two_spouses", lambda: household(members=members(replace(CHILD, relation="配偶"))),
         household, CHILD.name, "relation", "有 2 位配偶"),
    Case("head_spouse_same_sex", lambda: household(members=members(
            person(2, "李秀英", "男", date(1982, 8, 9), "配偶"))),
         lambda: household(members=members(replace(HEAD, sex=None))), "李秀英", "sex", "性别相同（都是男）"),
    # 成员信息
    Case("education_school", lambda: household(members=members(replace(CHILD, education="小学"))),
         household, CHILD.name, "education", "同时填写了文化程度"),
    Case("education_school", lambda: household(members=members(replace(SPOUSE, education=None))),
         lambda: household(members=members(replace(SPOUSE, education=None, school_status="本科一年级"))),
         SPOUSE.name, "education", "都没有填写"),
    Case("school_age_out", lambda: household(members=members(replace(CHILD, school_status=None, education="小学"))),
         lambda: household(members=members(replace(CHILD, school_status=None, education="小学",
                                                  birth_date=date(2010, 11, 1), id_number=None))),
         CHILD.name, "school_status", "10岁"),
    Case("school_age_out", lambda: household(members=members(replace(CHILD, school_status="学龄前儿童"))),
         lambda: household(members=members(replace(CHILD, school_status=None, dropout_reason="重度残疾，送教上门"))),
         CHILD.name, "school_status", "义务教育阶段"),
    Case("work_place_months", lambda: household(members=members(replace(SPOUSE, work_place="广东东莞"))),
         lambda: household(members=members(replace(SPOUSE, work_place="广东东莞", work_months=8.0))),
         SPOUSE.name, "work_months", "广东东莞"),
    Case("work_place_months", lambda: household(members=members(replace(SPOUSE, work_months=6.0))),
         lambda: household(members=members(replace(SPOUSE, work_months=0.0))),
         SPOUSE.name, "work_place", "6个月"),
    Case("medical_both", lambda: household(members=members(replace(SPOUSE, ins_employee_medical=True))),
         household, SPOUSE.name, "medical_insurance", "同时"),
    Case("phone", lambda: household(phone="1380000000"), lambda: household(phone="0851-8123456"),
         "", "phone", "户联系电话"),
    Case("phone", lambda: household(members=members(replace(SPOUSE, phone="138 0000 00001"))),
         lambda: household(members=members(replace(SPOUSE, phone="138 0000 0001"))),
         SPOUSE.name, "phone", "不是11位"),
    Case("yes_no_member", lambda: household(members=members(replace(SPOUSE, dibao=None, tekun=None))),
         household, SPOUSE.name, "yes_no", "享受低保、特困供养人员没有填写"),
    Case("yes_no_household", lambda: household(water_quality_ok=None, relocated=None),
         household, "", "yes_no", "易地扶贫搬迁、水质达标没有填写"),
    Case("yes_no_monitoring", lambda: monitored(risk_eliminated=None),
         lambda: household(risk_eliminated=None, no_labour_guarantee=None), "", "yes_no", "风险是否已消除"),
    # 监测逻辑
    Case("disability_risk", lambda: monitored(risks=("因残",)),
         lambda: monitored(risks=("因残",), members=members(replace(SPOUSE, health="残疾",
                                                                     disability_category="肢体残疾"))),
         "", "risks", "没有残疾人"),
    Case("work_risk_no_labour", lambda: monitored(risks=("因务工就业不稳",), members=tuple(
            replace(m, labour_skill="丧失劳动力", work_status="省外务工", work_place="浙江", work_months=3.0)
            for m in members())),
         lambda: monitored(risks=("因务工就业不稳",),
                           members=members(replace(HEAD, work_status="省外务工", work_place="浙江", work_months=9.0))),
         "", "risks", "无劳动力或丧失劳动力"),
    Case("work_risk_no_work", lambda: monitored(risks=("因务工就业不稳",)),
         lambda: monitored(risks=("因务工就业不稳",), members=members(replace(HEAD, work_status="县外省内务工"))),
         "", "risks", "没有成员填写务工信息"),
    Case("housing_risk_measure", lambda: monitored(risks=("住房出现安全问题",)),
         lambda: monitored(risks=("住房出现安全问题",),
                           measures=(MeasureRecord(id=2, category="搬迁", item="易地扶贫搬迁"),)),
         "", "measures", "住房安全保障或搬迁"),
    Case("water_risk_measure", lambda: monitored(risks=("饮水安全问题",)),
         lambda: monitored(risks=("饮水安全问题",), measures=(MeasureRecord(id=2, category="饮水安全保障"),)),
         "", "measures", "饮水安全保障措施"),
    Case("water_no_risk", lambda: monitored(water_quality_ok=False),
         lambda: household(water_quality_ok=False), "", "risks", "水质不达标"),
    Case("uninsured_no_illness", lambda: monitored(risks=("因学",), members=members(
            replace(SPOUSE, ins_resident_medical=False))),
         lambda: monitored(risks=("因学", "因病"), members=members(replace(SPOUSE, ins_resident_medical=False))),
         SPOUSE.name, "risks", "没有因病"),
    # 时间顺序
    Case("dev_support_missing", lambda: monitored(identified_on=date(2026, 10, 1), dev_support="尚未实施"),
         lambda: monitored(identified_on=date(2026, 11, 1), dev_support="尚未实施"),
         "", "dev_support", "2026年10月识别"),
    Case("dev_support_missing", lambda: monitored(dev_support=None),
         lambda: monitored(dev_support=None, no_labour_guarantee=True), "", "dev_support", "未填写"),
    Case("eliminated_too_soon", lambda: monitored(risk_eliminated=True, elimination_method="帮扶消除",
                                                 eliminated_on=date(2025, 8, 1)),
         lambda: monitored(risk_eliminated=True, elimination_method="帮扶消除", eliminated_on=date(2025, 9, 1)),
         "", "eliminated_on", "不满6个月"),
    Case("eliminated_too_soon", lambda: monitored(risk_eliminated=True, elimination_method="帮扶消除",
                                                 eliminated_on=date(2025, 1, 1)),
         lambda: monitored(risk_eliminated=False, eliminated_on=date(2025, 1, 1)),
         "", "eliminated_on", "早于识别监测时间"),
    Case("eliminated_no_dev", lambda: monitored(risk_eliminated=True, elimination_method="帮扶消除",
                                               eliminated_on=date(2026, 1, 1), dev_support="尚未实施"),
         lambda: monitored(risk_eliminated=True, elimination_method="自然消除",
                           eliminated_on=date(2026, 1, 1), dev_support="尚未实施"),
         "", "elimination_method", "尚未实施"),
    Case("eliminated_no_labour", lambda: monitored(risk_eliminated=True, elimination_method="自然消除",
                                                  eliminated_on=date(2026, 1, 1), no_labour_guarantee=True),
         lambda: monitored(no_labour_guarantee=True),
         "", "risk_eliminated", "整户无劳动能力"),
    Case("eliminated_no_labour", lambda: monitored(
            risk_eliminated=True, elimination_method="自然消除", eliminated_on=date(2026, 1, 1),
            members=tuple(replace(m, labour_skill="丧失劳动力") for m in members())),
         lambda: monitored(risk_eliminated=True, elimination_method="自然消除", eliminated_on=date(2026, 1, 1),
                           members=members(replace(HEAD, labour_skill="弱劳动力或半劳动力"))),
         "", "risk_eliminated", "风险已消除"),
    # 收入
    Case("income_below", lambda: household(incomes=(income(2026, 16000.0),)),  # 人均 7,333
         lambda: household(incomes=(income(2026, 18400.0),)),  # 人均 8,133
         "", "per_capita", "低于监测范围8,100元"),
    Case("income_below", lambda: household(incomes=(income(2025, 12000.0), income(2026, 16000.0))),
         lambda: monitored(incomes=(income(2026, 16000.0),)), "", "per_capita", "2026年人均纯收入7,333元"),
    Case("eliminated_below", lambda: monitored(risk_eliminated=True, elimination_method="帮扶消除",
                                              eliminated_on=date(2026, 1, 1), incomes=(income(2026, 16000.0),)),
         lambda: monitored(incomes=(income(2026, 16000.0),)), "", "per_capita", "仍低于监测范围"),
    Case("income_drop", lambda: household(incomes=(income(2025, 42000.0), income(2026, 30000.0))),  # −25 %
         lambda: household(incomes=(income(2025, 42000.0), income(2026, 30000.0))), "", "per_capita",
         "下降25%（超过20%）", context=replace(CONTEXT, income_drop_percent=20.0)),
    Case("income_drop", lambda: household(incomes=(income(2025, 58000.0), income(2026, 30000.0))),  # −44 %
         lambda: household(incomes=(income(2024, 58000.0), income(2026, 30000.0))),  # no 2025 to compare
         "", "per_capita", "下降44%（超过30%）"),
    Case("self_paid_high", lambda: household(incomes=(income(2026, 30000.0, IncomeLine("合规自付支出", "医疗自付", 15000.0)),)),
         lambda: household(incomes=(income(2026, 30000.0, IncomeLine("合规自付支出", "医疗自付", 10000.0)),)),
         "", "self_paid", "15,000元，超过限额10,000元"),
    # 三保障和饮水
    Case("house_unsafe", unsafe_house, lambda: unsafe_house(house_renovated_on=date(2025, 10, 1)),
         "", "house_danger_level", "C级（局部危房）"),
    Case("house_unsafe", lambda: unsafe_house(house_danger_level="D"), lambda: unsafe_house(relocated=True),
         "", "house_danger_level", "整幢危房"),
    Case("school_dropout", lambda: household(members=members(replace(CHILD, school_status=None, dropout_reason="厌学"))),
         lambda: household(members=members(replace(CHILD, school_status=None, dropout_reason="送教上门"))),
         CHILD.name, "dropout_reason", "厌学"),
    Case("no_medical_insurance", lambda: household(members=members(replace(SPOUSE, ins_resident_medical=False))),
         lambda: household(members=members(replace(SPOUSE, ins_resident_medical=False, ins_employee_medical=True))),
         SPOUSE.name, "medical_insurance", "既没有参加城乡居民医保"),
    Case("no_medical_insurance", lambda: household(members=members(replace(SPOUSE, ins_resident_medical=False,
                                                                         ins_employee_medical=None))),
         lambda: household(members=members(replace(SPOUSE, ins_resident_medical=None, ins_employee_medical=None))),
         SPOUSE.name, "medical_insurance", "城镇职工医保"),
    Case("water_unsafe", lambda: household(water_supply_ok=False, water_access_ok=False),
         lambda: household(water_supply_ok=None), "", "water", "取水方便程度、供水保证率不达标"),
    # the national exports' flags: 是否解决安全饮用水, 是否危房户
    Case("water_unsafe", lambda: household(water_safe=False), lambda: household(water_safe=True),
         "", "water", "饮水安全不达标"),
    Case("house_unsafe", lambda: household(house_danger_level=None, house_unsafe=True),
         lambda: household(house_danger_level=None, house_unsafe=True, house_renovated_on=date(2025, 10, 1)),
         "", "house_unsafe", "危房户"),
    # the national system's 人均纯收入 beside ours (2026: 36,000 ÷ 3 = 12,000 from the lines)
    Case("income_vs_national", lambda: household(incomes=(replace(income(2026, 30000.0), reported=ReportedIncome(7000.0)),)),
         lambda: household(incomes=(replace(income(2026, 30000.0), reported=ReportedIncome(OURS_2026)),)),
         "", "per_capita", "全国系统为7,000元"),
    Case("id_disability_card",
         lambda: household(members=members(replace(SPOUSE, id_type="残疾人证", id_number=SPOUSE.id_number + "41",
                                                    disability_category="视力残疾"))),
         household, SPOUSE.name, "id_number", "残疾类别为视力残疾，证号显示为肢体残疾"),
]  # fmt: skip


def _of(code: str, record: HouseholdRecord, context: CheckContext) -> list[Finding]:
    return [f for f in check_household(record, context) if f.code == code]


def test_the_clean_household_passes_every_rule() -> None:
    assert check_household(household(), CONTEXT) == []
    assert check_household(monitored(), CONTEXT) == []


ALL_CASES = CASES + DEEP_CASES


def test_every_rule_has_a_case() -> None:
    assert {c.code for c in ALL_CASES} == set(RULES)


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.code)
def test_rule_hits(case: Case) -> None:
    found = _of(case.code, case.hit(), case.context)
    assert len(found) == 1, [f.message for f in found]
    finding = found[0]
    assert finding.member == case.member
    assert finding.field == case.field
    assert case.says in finding.message
    assert finding.household == "522425108001000001"
    assert finding.village == "清水村"


@pytest.mark.parametrize("case", [c for c in ALL_CASES if RULES[c.code].monitored], ids=lambda c: c.code)
def test_a_rule_for_monitored_households_finds_nothing_on_the_others(case: Case) -> None:
    """What lets a run skip it there: its own function says nothing once the category is gone."""
    rule = RULES[case.code]
    record = replace(case.hit(), monitor_category=None)
    assert list(rule.function(Snapshot(record, case.context))) == []
    assert _of(case.code, case.hit(), case.context)  # and the run asks it about a 监测对象


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.code)
def test_rule_misses(case: Case) -> None:
    assert _of(case.code, case.miss(), case.miss_context) == []


def test_findings_carry_the_rule() -> None:
    found = _of(
        "id_checksum", household(members=members(with_id(SPOUSE, checksum_wrong(SPOUSE.id_number)))), CONTEXT
    )
    finding = found[0]
    assert finding.severity is Severity.ERROR
    assert finding.rule_title == "证件号码校验位错误"
    assert finding.section == "家庭成员"
    assert finding.category == "档案信息"
    assert "核对" in finding.hint
    assert finding.field_label == "证件号码"
    assert finding.head == "张大山"
    assert finding.subject == f"member:{SPOUSE.id}"
    assert finding.key() == (1, "id_checksum", f"member:{SPOUSE.id}")


def test_thresholds_come_from_the_record_and_the_context() -> None:
    """No income rule has its own threshold: a higher 监测范围 or a lower drop % changes the answer."""
    record = household(thresholds={2025: 7800.0, 2026: 12500.0})
    assert [f.code for f in check_household(record, CONTEXT)] == ["income_below"]
    assert check_household(household(thresholds={}), CONTEXT) == []
    dropped = household(incomes=(income(2025, 34000.0), income(2026, 30000.0)))  # −10 %
    assert _of("income_drop", dropped, replace(CONTEXT, income_drop_percent=5.0))
    assert not _of("income_drop", dropped, CONTEXT)
    paid = household(incomes=(income(2026, 30000.0, IncomeLine("合规自付支出", "医疗自付", 6000.0)),))
    assert _of("self_paid_high", paid, replace(CONTEXT, self_paid_limit=5000.0))
    assert not _of("self_paid_high", paid, CONTEXT)


def test_members_who_left_are_not_checked() -> None:
    gone = replace(SPOUSE, status="自然减少", id_number="123", dibao=None, phone="1")
    assert check_household(household(members=members(gone)), CONTEXT) == []


def test_codes_fit_the_database_columns() -> None:
    assert all(len(code) <= 20 for code in RULES)
    with pytest.raises(ValueError, match="longer than 20"):
        rule(
            "a_code_that_is_far_too_long",
            Severity.HINT,
            "",
            hint="",
            section="",
            category="",
            group="",
            source="x",
        )
    with pytest.raises(ValueError, match="names no source"):
        rule("a_code", Severity.HINT, "", hint="", section="", category="", group="", source="")


def test_rules_are_listed_by_subject() -> None:
    groups = [r.group for r in RULES.values()]
    assert list(dict.fromkeys(groups)) == [
        "证件号码",
        "户内关系",
        "成员信息",
        "在校与务工",
        "劳动技能",
        "三保障和饮水",
        "识别与消除",
        "监测逻辑",
        "风险与措施",
        "兜底保障",
        "政策落实",
        "时间顺序",
        "收入",
    ]
    assert all(
        r.section in ("基本信息", "家庭成员", "三保障和饮水", "收支核算", "帮扶措施") for r in RULES.values()
    )
    assert all(r.hint and r.title for r in RULES.values())


def test_every_rule_names_its_source() -> None:
    """A policy document or an inspection practice; the county rule engine's codes where it has the check."""
    assert all(r.source for r in RULES.values())
    assert "民发〔2021〕57号" in RULES["dibao_no_measure"].source
    assert "5_16_003" in RULES["dibao_no_measure"].source
    assert "GB 11643" in RULES["id_checksum"].source
    peer = [r for r in RULES.values() if "县级数据核查规则" in r.source]
    assert len(peer) >= 60
