"""Planted cases on households that are not monitored: ID numbers, relations, members' facts,
schooling and work, labour, 三保障和饮水 and income (see `planted`)."""

from __future__ import annotations

from datetime import date

from fupin_desktop.domain import idcard
from fupin_desktop.services.demo.planted import Plot, plant

# ---------------------------------------------------------------- 证件号码


@plant("id_format", "证件号码少了一位")
def _id_format(p: Plot) -> dict:
    m = p.member(1)
    m["id_number"] = m["id_number"][:17]
    return m


@plant("id_legacy", "仍登记15位旧身份证号码")
def _id_legacy(p: Plot) -> dict:
    m = p.member(1)
    m["id_number"] = m["id_number"][:6] + m["id_number"][8:17]
    return m


@plant("id_birth_date", "证件号码中的出生月份为13月")
def _id_birth_date(p: Plot) -> dict:
    m = p.member(1)
    number = m["id_number"]
    m["id_number"] = number[:10] + "13" + number[12:]
    return m


@plant("id_checksum", "证件号码校验位错误")
def _id_checksum(p: Plot) -> dict:
    m = p.member(1)
    good = m["id_number"]
    m["id_number"] = good[:17] + ("0" if good[17] != "0" else "1")
    return m


@plant("id_duplicate", "两户各有一人登记了同一个证件号码")
def _id_duplicate(p: Plot) -> dict:
    m = p.members[-1]
    other = p.others[0]
    twin = other["demo"].members[-1]
    m.update(id_number=twin["id_number"], sex=twin["sex"], birth_date=twin["birth_date"])
    other["name"] = twin["name"]
    return m


@plant("id_sex_mismatch", "性别与证件号码不符")
def _id_sex_mismatch(p: Plot) -> dict:
    m = p.member(1)
    m["sex"] = "女" if m["sex"] == "男" else "男"
    return m


@plant("id_birth_mismatch", "出生日期与证件号码差一天")
def _id_birth_mismatch(p: Plot) -> dict:
    m = p.member(1)
    m["birth_date"] = date.fromordinal(m["birth_date"].toordinal() + 1)
    return m


@plant("id_disability_card", "以残疾人证号码登记")
def _id_disability_card(p: Plot) -> dict:
    m = p.member(1)
    m.update(id_type="残疾人证", id_number=m["id_number"] + "44", health="残疾")
    m.update(disability_category="肢体残疾", disability_grade="四级")
    return m


@plant("id_placeholder", "证件号码以999999开头，是占位号码")
def _id_placeholder(p: Plot) -> dict:
    m = p.member(1)
    m["id_number"] = idcard.make("999999", m["birth_date"], 101 if m["sex"] == "男" else 100)
    return m


# ---------------------------------------------------------------- 户内关系


@plant("no_members", "全户成员都已自然减少，户未归档")
def _no_members(p: Plot) -> None:
    for m in p.members:
        m.update(status="自然减少", removed_on=date(p.today.year, 1, 10), removed_reason="迁出")


@plant("no_head", "没有户主")
def _no_head(p: Plot) -> None:
    p.head["relation"] = "其他"


@plant("two_heads", "两人都登记为户主")
def _two_heads(p: Plot) -> dict:
    m = p.member(1)
    m["relation"] = "户主"
    return m


@plant("two_spouses", "两人都登记为配偶")
def _two_spouses(p: Plot) -> dict:
    m = p.member(2)
    p.reshape(m, 45, relation="配偶", sex="女" if p.head["sex"] == "男" else "男")
    return m


@plant("head_spouse_same_sex", "户主与配偶性别相同")
def _head_spouse_same_sex(p: Plot) -> dict:
    m = p.member(1)
    p.reshape(m, 44, relation="配偶", sex=p.head["sex"])
    return m


@plant("relation_sex", "儿子登记为“之女”")
def _relation_sex(p: Plot) -> dict:
    m = p.child(p.member(2), 10, school_status="小学", sex="男")
    m["relation"] = "之女"
    return m


# ---------------------------------------------------------------- 成员信息


@plant("required", "成员的与户主关系为空")
def _required(p: Plot) -> dict:
    m = p.member(1)
    m["relation"] = None
    return m


@plant("education_school", "在校生同时填写了文化程度")
def _education_school(p: Plot) -> dict:
    m = p.child(p.member(2), 13, school_status="七年级")
    m["education"] = "小学"
    return m


@plant("school_age_out", "义务教育阶段适龄儿童既不在校也没有失学原因")
def _school_age_out(p: Plot) -> dict:
    return p.child(p.member(2), 12, education="小学")


@plant("work_place_months", "填写了务工所在地，没有务工时间")
def _work_place_months(p: Plot) -> dict:
    return p.work(p.head, "乡(镇)内务工", "本镇工业园", None)


@plant("medical_both", "同时登记参加居民医保和职工医保")
def _medical_both(p: Plot) -> dict:
    m = p.member(1)
    m.update(ins_resident_medical=True, ins_employee_medical=True)
    return m


@plant("phone", "户联系电话只有10位")
def _phone(p: Plot) -> None:
    p.h["phone"] = (p.h.get("phone") or "13800000000")[:10]


@plant("phone_shared", "两户登记了同一个联系电话")
def _phone_shared(p: Plot) -> None:
    other = p.others[0]["row"]
    other["phone"] = p.h["phone"] = p.h.get("phone") or "13985012345"


@plant("yes_no_member", "成员的是否参加城乡居民基本养老保险为空")
def _yes_no_member(p: Plot) -> dict:
    m = p.member(1)
    m["pension_resident"] = None
    return m


@plant("yes_no_household", "是否易地扶贫搬迁为空")
def _yes_no_household(p: Plot) -> None:
    p.h["relocated"] = None


# ---------------------------------------------------------------- 在校与务工


@plant("school_stage_age", "10岁的孩子登记为九年级")
def _school_stage_age(p: Plot) -> dict:
    return p.child(p.member(2), 10, school_status="九年级")


@plant("education_young", "19岁青年文化程度为小学")
def _education_young(p: Plot) -> dict:
    return p.child(
        p.member(2), 19, education="小学", labour_skill="普通劳动力", health="健康", pension_resident=True
    )


@plant("dropout_health", "失学原因为因病，健康状况却是健康")
def _dropout_health(p: Plot) -> dict:
    return p.child(p.member(2), 12, dropout_reason="因病", health="健康")


@plant("work_pupil", "高中在校生登记有务工")
def _work_pupil(p: Plot) -> dict:
    m = p.child(p.member(2), 17, school_status="普通高中二年级")
    return p.work(m, "乡(镇)内务工", "本镇集镇", 3.0)


@plant("work_no_labour", "丧失劳动力的成员登记在外务工")
def _work_no_labour(p: Plot) -> dict:
    m = p.member(1)
    m.update(labour_skill="丧失劳动力", health="患有大病")
    return p.work(m, "省外务工", "广东省东莞市")


@plant("post_unfit", "丧失劳动力的成员担任公益性岗位")
def _post_unfit(p: Plot) -> dict:
    m = p.member(1)
    m.update(labour_skill="丧失劳动力", health="患有大病", public_post="保洁员", public_post_months=12.0)
    return m


@plant("work_place_status", "务工状况为省外务工，所在地却在本镇")
def _work_place_status(p: Plot) -> dict:
    return p.work(p.head, "省外务工", "本镇工业园", 10.0)


# ---------------------------------------------------------------- 劳动技能


@plant("labour_child", "12岁的孩子登记为普通劳动力")
def _labour_child(p: Plot) -> dict:
    return p.child(p.member(2), 12, school_status="七年级", labour_skill="普通劳动力")


@plant("labour_pupil", "大学在校生登记为普通劳动力")
def _labour_pupil(p: Plot) -> dict:
    return p.child(p.member(2), 19, school_status="本科二年级", labour_skill="普通劳动力")


@plant("labour_healthy_none", "40岁、健康、不在校的成员登记为无劳动力")
def _labour_healthy_none(p: Plot) -> dict:
    m = p.reshape(p.member(1), 40, health="健康", labour_skill="无劳动力", school_status=None)
    m["education"] = "初中"
    for name in ("work_status", "work_place", "work_months", "work_company"):
        m[name] = None
    return m


@plant("labour_elderly", "65岁的成员登记为普通劳动力")
def _labour_elderly(p: Plot) -> dict:
    m = p.member(1)
    p.reshape(m, 65, labour_skill="普通劳动力", health="健康", education="小学")
    return m


@plant("labour_severe", "二级残疾的成员登记为普通劳动力")
def _labour_severe(p: Plot) -> dict:
    m = p.member(1)
    m.update(
        health="残疾", disability_category="肢体残疾", disability_grade="二级", labour_skill="普通劳动力"
    )
    return m


@plant("health_labour_empty", "成员的健康状况为空")
def _health_labour_empty(p: Plot) -> dict:
    m = p.member(1)
    m["health"] = None
    return m


# ---------------------------------------------------------------- 三保障和饮水, 应纳未纳


@plant("house_unsafe", "C级危房，没有改造")
def _house_unsafe(p: Plot) -> None:
    p.h.update(house_danger_level="C", house_appraised_on=date(p.today.year - 1, 5, 1))
    p.h.update(house_renovation=None, house_renovated_on=None, house_subsidy=None, relocated=False)
    p.h.update(relocation_mode=None, relocation_site=None)
    p.drop_measures("住房安全保障")


@plant("school_dropout", "13岁的孩子厌学辍学")
def _school_dropout(p: Plot) -> dict:
    return p.child(p.member(2), 13, education="小学", dropout_reason="厌学")


@plant("no_medical_insurance", "未参加任何基本医疗保险")
def _no_medical_insurance(p: Plot) -> dict:
    m = p.head
    m.update(ins_resident_medical=False, ins_employee_medical=False, ins_critical_illness=False)
    return m


@plant("water_unsafe", "饮用水水质不达标")
def _water_unsafe(p: Plot) -> None:
    p.h["water_quality_ok"] = False


@plant("should_monitor", "没有解决安全饮用水，却不是监测对象")
def _should_monitor(p: Plot) -> None:
    p.h["water_safe"] = False


# ---------------------------------------------------------------- 兜底保障 (not monitored)


@plant("tekun_able", "40岁、健康的成员登记为特困供养人员")
def _tekun_able(p: Plot) -> dict:
    return p.reshape(p.member(1), 40, health="健康", tekun=True)


@plant("tekun_working", "特困供养人员在外务工")
def _tekun_working(p: Plot) -> dict:
    m = p.member(1)
    m.update(tekun=True, health="长期慢性病")
    return p.work(m, "县外省内务工", "本省省会")


@plant("disabled_unrecorded", "健康状况为残疾，没有残疾类别和等级")
def _disabled_unrecorded(p: Plot) -> dict:
    m = p.member(1)
    m.update(health="残疾", disability_category=None, disability_grade=None)
    return m


@plant("subsidy_no_disabled", "综合保障有残疾人补贴，家中没有残疾人")
def _subsidy_no_disabled(p: Plot) -> None:
    p.measure("综合保障", "残疾人两项补贴", "困难残疾人生活补贴", 960.0)


# ---------------------------------------------------------------- 政策落实, 收入 (not monitored)


@plant("employment_no_worker", "有就业帮扶措施，家中无人务工")
def _employment_no_worker(p: Plot) -> None:
    p.no_work()
    p.drop_measures("就业帮扶", "公益岗位帮扶")
    p.measure("就业帮扶", "务工交通补助", "跨省务工一次性交通补助", 800.0)


@plant("yulu_not_vocational", "享受雨露计划，家中没有中职高职学生")
def _yulu_not_vocational(p: Plot) -> None:
    p.measure("其他教育帮扶", "雨露计划", "职业教育补助", 3000.0)


@plant("vocational_no_yulu", "中职在校生没有享受雨露计划")
def _vocational_no_yulu(p: Plot) -> dict:
    p.h["household_type"] = "脱贫户"
    return p.child(p.member(2), 17, school_status="中职三年级")


@plant("wage_tiny", "工资性收入只有50元")
def _wage_tiny(p: Plot) -> None:
    p.income(p.line * 1.5, wage=50.0)


@plant("income_below", "人均纯收入低于监测范围，没有纳入监测")
def _income_below(p: Plot) -> None:
    p.income(p.line * 0.8)


@plant("income_very_low", "人均纯收入不足监测范围的一半")
def _income_very_low(p: Plot) -> None:
    p.income(p.line * 0.4)


@plant("income_drop", "人均纯收入比上年下降一半")
def _income_drop(p: Plot) -> None:
    p.income(p.line * 1.6, previous=p.line * 3.2)


@plant("self_paid_high", "合规自付医疗支出18000元")
def _self_paid_high(p: Plot) -> None:
    p.income(p.line * 2.0, self_paid=18000.0)


@plant("income_vs_national", "全国系统的人均纯收入与收支核算不一致")
def _income_vs_national(p: Plot) -> None:
    p.income(p.line * 2.0)
    p.demo.reported[p.years[1]] = round(p.line * 1.2, 2)
