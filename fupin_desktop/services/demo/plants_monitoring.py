"""Planted cases on 监测对象: risks against members and measures, 兜底保障, policy measures, timing and
elimination (see `planted`). Each starts from `Plot.monitor`, a consistent 监测对象, and breaks one
thing."""

from __future__ import annotations

from datetime import date

from fupin_desktop.services.demo.planted import Plot, plant

ILL = {"health": "长期慢性病", "labour_skill": "弱劳动力或半劳动力"}


@plant("yes_no_monitoring", "监测对象的是否整户无劳动能力兜底保障户为空", monitored=True)
def _yes_no_monitoring(p: Plot) -> None:
    p.monitor()
    p.h["no_labour_guarantee"] = None


@plant("no_risk", "监测对象没有填写风险类型", monitored=True)
def _no_risk(p: Plot) -> None:
    p.monitor(risks=())


@plant("category_vs_type", "监测对象类别与户类型不符", monitored=True)
def _category_vs_type(p: Plot) -> None:
    p.monitor()
    p.h["monitor_category"] = "边缘易致贫户" if p.h["household_type"] == "脱贫户" else "脱贫不稳定户"
    for program in p.demo.programs:
        if program["program"] == "监测对象":
            program["category"] = p.h["monitor_category"]


@plant("eliminated_with_gap", "住房仍是危房却已标记风险消除", eliminated=True)
def _eliminated_with_gap(p: Plot) -> None:
    p.monitor(eliminated=True)
    p.h.update(house_danger_level="D", house_appraised_on=date(p.today.year - 1, 4, 1))
    p.h.update(house_renovation=None, house_renovated_on=None, house_subsidy=None, relocated=False)
    p.h.update(relocation_mode=None, relocation_site=None)


# ---------------------------------------------------------------- 监测逻辑


@plant("disability_risk", "风险类型为因残，但家庭成员中没有残疾人", monitored=True)
def _disability_risk(p: Plot) -> None:
    p.monitor(risks=("因残",))
    p.measure("社会帮扶", "慈善救助", "残联慈善救助", 1000.0)


@plant("work_risk_no_labour", "风险为因务工就业不稳，全家却都无劳动力", monitored=True)
def _work_risk_no_labour(p: Plot) -> None:
    p.monitor(risks=("因务工就业不稳",))
    p.h["no_labour_guarantee"] = True
    for m in p.members:
        m.update(labour_skill="丧失劳动力" if m["labour_skill"] != "无劳动力" else "无劳动力", dibao=True)
    p.measure("综合保障", "农村低保", "纳入农村低保", None)


@plant("work_risk_no_work", "风险为因务工就业不稳，却没有人务工", monitored=True)
def _work_risk_no_work(p: Plot) -> None:
    p.monitor(risks=("因务工就业不稳",))
    p.no_work()


@plant("housing_risk_measure", "住房出现安全问题，没有住房保障措施", monitored=True)
def _housing_risk_measure(p: Plot) -> None:
    p.monitor(risks=("住房出现安全问题",))


@plant("water_risk_measure", "饮水安全问题，没有饮水保障措施", monitored=True)
def _water_risk_measure(p: Plot) -> None:
    p.monitor(risks=("饮水安全问题",))


@plant("water_no_risk", "供水保证率不达标，风险中没有饮水安全问题", monitored=True)
def _water_no_risk(p: Plot) -> None:
    p.monitor()
    p.h["water_supply_ok"] = False
    p.measure("饮水安全保障", "管网延伸", "自来水管网延伸入户", 1500.0)


@plant("uninsured_no_illness", "成员未参保，风险中却没有因病", monitored=True)
def _uninsured_no_illness(p: Plot) -> dict:
    p.monitor()
    m = p.member(1)
    m.update(ins_resident_medical=False, ins_employee_medical=False)
    p.measure("健康帮扶", "参保资助", "动员参加城乡居民医保", 350.0)
    return m


# ---------------------------------------------------------------- 风险与措施


@plant("illness_no_measure", "因病风险没有健康帮扶等措施", monitored=True)
def _illness_no_measure(p: Plot) -> None:
    p.monitor(risks=("因病",))
    p.member(1).update(ILL)
    p.income(p.line * 1.4, self_paid=3600.0)


@plant("study_no_measure", "因学风险没有教育帮扶措施", monitored=True)
def _study_no_measure(p: Plot) -> None:
    p.monitor(risks=("因学",))
    p.child(p.member(2), 15, school_status="九年级")


@plant("disabled_no_measure", "因残风险没有综合保障或社会帮扶", monitored=True)
def _disabled_no_measure(p: Plot) -> None:
    p.monitor(risks=("因残",))
    p.member(1).update(
        health="残疾",
        disability_category="听力残疾",
        disability_grade="三级",
        labour_skill="弱劳动力或半劳动力",
    )


@plant("no_measures", "识别两年多，没有录入任何帮扶措施", monitored=True)
def _no_measures(p: Plot) -> None:
    p.monitor()
    p.drop_measures()


@plant("eliminated_unhelped", "帮扶消除，却没有录入任何帮扶措施", eliminated=True)
def _eliminated_unhelped(p: Plot) -> None:
    p.monitor(eliminated=True)
    p.drop_measures()


@plant("only_guarantee", "有劳动力的监测户只有综合保障措施", monitored=True)
def _only_guarantee(p: Plot) -> None:
    p.monitor()
    p.drop_measures()
    p.measure("综合保障", "临时救助", "乡镇临时救助", 2000.0)


@plant("dropout_no_measure", "辍学儿童没有义务教育保障措施", monitored=True)
def _dropout_no_measure(p: Plot) -> dict:
    p.monitor()
    return p.child(p.member(2), 14, education="小学", dropout_reason="外出打工")


@plant("uninsured_no_measure", "未参保成员没有健康帮扶措施", monitored=True)
def _uninsured_no_measure(p: Plot) -> dict:
    p.monitor(risks=("因病",))
    m = p.member(1)
    m.update(ILL, ins_resident_medical=False, ins_employee_medical=False)
    p.measure("综合保障", "临时救助", "因病临时救助", 2000.0)
    p.income(p.line * 1.4, self_paid=3000.0)
    return m


@plant("illness_no_ill", "因病风险，家中却没有患病成员", monitored=True)
def _illness_no_ill(p: Plot) -> None:
    p.monitor(risks=("因病",))
    for m in p.members:
        if m["health"] in ("患有大病", "长期慢性病"):
            m["health"] = "健康"
    p.measure("健康帮扶", "医疗救助", "医疗救助", 1500.0)
    p.income(p.line * 1.4, self_paid=2000.0)


@plant("illness_no_costs", "因病风险，收支核算中没有合规自付支出", monitored=True)
def _illness_no_costs(p: Plot) -> None:
    p.monitor(risks=("因病",))
    p.member(1).update(ILL)
    p.measure("健康帮扶", "医疗救助", "医疗救助", 1500.0)


# ---------------------------------------------------------------- 兜底保障


@plant("dibao_no_measure", "户主享受低保，综合保障中没有低保", monitored=True)
def _dibao_no_measure(p: Plot) -> None:
    p.monitor()
    p.head["dibao"] = True


@plant("tekun_no_measure", "成员特困供养，综合保障中没有特困供养", monitored=True)
def _tekun_no_measure(p: Plot) -> None:
    p.monitor()
    p.member(1).update(ILL, tekun=True)


@plant("measure_no_dibao", "综合保障中有低保，却没有人享受低保", monitored=True)
def _measure_no_dibao(p: Plot) -> None:
    p.monitor()
    p.measure("综合保障", "农村低保", "纳入农村低保", None)


@plant("measure_no_tekun", "综合保障中有特困供养，却没有特困人员", monitored=True)
def _measure_no_tekun(p: Plot) -> None:
    p.monitor()
    p.measure("综合保障", "特困供养", "分散供养", 9600.0)


def _without_labour(p: Plot) -> None:
    """Every member unable to work (adults ill, children at school age or younger)."""
    p.no_work()
    for m in p.members:
        if m["labour_skill"] != "无劳动力":
            m.update(labour_skill="丧失劳动力", health="患有大病")
    p.drop_measures()


@plant("no_labour_unmarked", "全家无劳动力，未标为整户无劳动能力兜底保障户", monitored=True)
def _no_labour_unmarked(p: Plot) -> None:
    p.monitor(risks=("因病",))
    _without_labour(p)
    for m in p.members:
        m["dibao"] = True
    p.measure("综合保障", "农村低保", "整户纳入农村低保", None)
    p.income(p.line * 1.3, self_paid=5000.0, business=False)


@plant("no_labour_no_support", "整户无劳动能力，没有纳入低保或特困", monitored=True)
def _no_labour_no_support(p: Plot) -> None:
    p.monitor(risks=("因病",))
    _without_labour(p)
    p.h["no_labour_guarantee"] = True
    p.measure("健康帮扶", "医疗救助", "大病医疗救助", 5000.0)
    p.income(p.line * 1.3, self_paid=5000.0, business=False)


@plant("severe_no_subsidy", "一级残疾，没有残疾人补贴", monitored=True)
def _severe_no_subsidy(p: Plot) -> None:
    p.monitor(risks=("因残",))
    p.no_work()
    p.member(1).update(health="残疾", disability_category="肢体残疾", disability_grade="一级")
    p.member(1)["labour_skill"] = "丧失劳动力"
    p.measure("社会帮扶", "慈善救助", "残联慈善救助", 1000.0)


# ---------------------------------------------------------------- 政策落实


@plant("income_vs_measures", "有产业帮扶，消除时生产经营性收入为0", eliminated=True)
def _income_vs_measures(p: Plot) -> None:
    p.monitor(eliminated=True)
    p.income(p.line * 1.5, business=False)


@plant("medical_subsidy", "缴费期内识别，没有医保个人缴费补贴", monitored=True)
def _medical_subsidy(p: Plot) -> None:
    p.monitor(identified=date(2022, 11, 1))


@plant("identified_rich", "新识别的监测对象人均纯收入远高于监测范围", monitored=True)
def _identified_rich(p: Plot) -> None:
    p.monitor(identified=date(p.today.year - 1, 5, 1))
    p.income(25000.0)


# ---------------------------------------------------------------- 时间顺序, 收入


@plant("dev_support_missing", "识别满1个月，开发式帮扶仍未实施", monitored=True)
def _dev_support_missing(p: Plot) -> None:
    p.monitor()
    p.h["dev_support"] = "尚未实施"


@plant("eliminated_too_soon", "识别后3个月即标记风险消除", eliminated=True)
def _eliminated_too_soon(p: Plot) -> None:
    p.monitor(eliminated=True, months=3)


@plant("eliminated_no_dev", "帮扶消除，开发式帮扶却未实施", eliminated=True)
def _eliminated_no_dev(p: Plot) -> None:
    p.monitor(eliminated=True)
    p.h["dev_support"] = "尚未实施"


@plant("eliminated_no_labour", "整户无劳动能力的兜底户标记了风险消除", eliminated=True)
def _eliminated_no_labour(p: Plot) -> None:
    p.monitor(eliminated=True, risks=("因病",), method="自然消除")
    _without_labour(p)
    p.h["no_labour_guarantee"] = True
    for m in p.members:
        m["dibao"] = True
    p.measure("综合保障", "农村低保", "整户纳入农村低保", None)
    p.measure("健康帮扶", "医疗救助", "大病医疗救助", 5000.0)
    p.income(p.line * 1.3, self_paid=5000.0, business=False)


@plant("eliminated_below", "已标记风险消除，但人均纯收入仍低于监测范围", eliminated=True)
def _eliminated_below(p: Plot) -> None:
    p.monitor(eliminated=True)
    p.income(p.line * 0.7)


@plant("labour_risk_wrong", "风险为缺劳动力，家中却多是普通劳动力", monitored=True)
def _labour_risk_wrong(p: Plot) -> None:
    p.monitor(risks=("缺劳动力",))
    for m in p.members:
        if m["labour_skill"] not in ("普通劳动力", "技能劳动力"):
            p.child(m, 24, education="高中", labour_skill="普通劳动力", health="健康", pension_resident=True)


@plant("after_missing", "已标记风险消除，风险消除后的收支没有填写", eliminated=True)
def _after_missing(p: Plot) -> None:
    p.monitor(eliminated=True)
    for name in ("after_per_capita", "after_net", "after_wage"):
        p.h[name] = None
