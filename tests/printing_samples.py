"""Households built in memory for the printing tests: sizes the demo township does not have."""

from __future__ import annotations

from datetime import date

from fupin_desktop.domain import idcard
from fupin_desktop.domain.income import IncomeLine
from fupin_desktop.domain.records import (
    HouseholdRecord,
    IncomeYear,
    MeasureRecord,
    MemberRecord,
    PairingRecord,
)

RELATIONS = (
    "户主",
    "配偶",
    "之父",
    "之母",
    "之子",
    "之儿媳",
    "之子",
    "之儿媳",
    "之孙子",
    "之孙女",
    "之孙子",
    "之孙女",
)
NAMES = (
    "龙德明",
    "吴秀英",
    "龙正清",
    "杨老妹",
    "龙国强",
    "罗春燕",
    "龙国富",
    "田小芳",
    "龙子轩",
    "龙雨涵",
    "龙子豪",
    "龙欣怡",
)
AGES = (48, 46, 75, 73, 26, 25, 24, 23, 6, 9, 12, 14)

MEASURES = (
    ("产业帮扶", "产业奖补", "发展生猪养殖、种植经果林奖补", 3000.0),
    ("就业帮扶", "务工交通补助", "跨省务工一次性交通补助", 800.0),
    ("金融帮扶", "脱贫人口小额信贷", "5万元三年期免担保免抵押贷款，财政贴息", 50000.0),
    ("公益岗位帮扶", "生态护林员", "聘为生态护林员，每月800元", 9600.0),
    ("健康帮扶", "医疗救助", "大病集中救治、慢病签约服务，医疗费用三重保障", 3000.0),
    ("义务教育保障", "教育资助", "4名在校生享受营养餐及生活补助", 4000.0),
    ("住房安全保障", "农村危房改造", "原址重建，补助资金已到位", 35000.0),
    ("综合保障", "农村低保", "纳入农村低保兜底保障", None),
    ("饮水安全保障", "饮水工程", "自来水入户改造", 1200.0),
    ("社会帮扶", "消费帮扶", "帮助销售农产品", 500.0),
    ("其他教育帮扶", "雨露计划", "中职学生每学期补助1500元", 3000.0),
    ("生产生活条件改善", "卫生厕所改造", "改厕补助", 1000.0),
    ("产业帮扶", "技能培训", "参加养殖技术培训两期", None),
    ("社会帮扶", "结对帮扶", "县农业农村局干部结对走访", None),
)


def member(n: int, today: date) -> MemberRecord:
    age = AGES[n]
    born = date(today.year - age, 3 + n % 9, 1 + n)
    sex = "女" if RELATIONS[n] in ("配偶", "之母", "之儿媳", "之孙女") else "男"
    child = age < 18
    return MemberRecord(
        id=n + 1,
        name=NAMES[n],
        sex=sex,
        birth_date=born,
        id_number=idcard.make("522425", born, 11 + 2 * n + (0 if sex == "女" else 1)),
        relation=RELATIONS[n],
        health="长期慢性病" if n == 2 else ("残疾" if n == 3 else "健康"),
        disability_category="肢体" if n == 3 else None,
        disability_grade="三级" if n == 3 else None,
        labour_skill="无劳动力" if child or age >= 70 else "普通劳动力",
        school_status=("小学" if age < 12 else "八年级") if child else None,
        education=None if child else "初中",
        work_status="省外务工" if n in (4, 5) else None,
        work_place="浙江省宁波市" if n in (4, 5) else None,
        work_months=10.0 if n in (4, 5) else None,
        public_post="生态护林员" if n == 0 else None,
        ins_resident_medical=True,
    )


def household(members: int = 12, measures: int = 14, today: date = date(2026, 11, 23)) -> HouseholdRecord:
    year = today.year
    lines = (
        IncomeLine("工资性收入", "务工收入", 52000.0, "两人省外务工"),
        IncomeLine("工资性收入", "公益岗收入(村级)", 9600.0, "生态护林员"),
        IncomeLine("生产经营性收入", "养殖业", 18000.0, "生猪"),
        IncomeLine("财产性收入", "资产收益分红", 500.0, "光伏分红"),
        IncomeLine("转移性收入", "养老金", 3360.0, "两人", True),
        IncomeLine("转移性收入", "残疾补贴", 960.0, "两项补贴", True),
        IncomeLine("生产经营性支出", "养殖业", 7200.0, "饲料"),
    )
    return HouseholdRecord(
        id=1,
        number="52242510800199999",
        village="清水村",
        group="上寨组",
        township="清水镇",
        county="云岭县",
        address="云岭县清水镇清水村上寨组88号",
        phone="13800000000",
        household_type="脱贫户",
        poverty_exit_year=2019,
        monitor_category="脱贫不稳定户",
        identified_on=date(2026, 3, 1),
        risks=("因病", "因残"),
        risk_eliminated=False,
        dev_support="已实施",
        house_danger_level="C",
        house_renovation="原址重建",
        house_renovated_on=date(2024, 9, 1),
        water_source="集中供水",
        water_quantity_ok=True,
        water_quality_ok=True,
        water_access_ok=True,
        water_supply_ok=True,
        farmland_mu=6.5,
        forest_mu=12.0,
        members=tuple(member(n, today) for n in range(members)),
        incomes=(IncomeYear(year, None, lines),),
        measures=tuple(
            MeasureRecord(
                id=n + 1, category=c, item=i, content=t, amount=a, start_date=date(year, 1 + n % 11, 1)
            )
            for n, (c, i, t, a) in enumerate((MEASURES * 2)[:measures])
        ),
        pairings=(
            PairingRecord(
                id=1,
                helper_id=1,
                helper_name="王建华",
                helper_unit="云岭县农业农村局",
                helper_phone="13908510000",
                helper_title="副局长",
                start_date=date(2024, 1, 1),
            ),
        ),
        thresholds={year: 8100.0},
    )
