"""Every column of a household or member the program reads or writes, defined once.

A `Column` names its header as we write it, the header variants seen in real files, the field it fills
and how its cells are read. Fields: `h.*` household, `m.*` member, `a.*` area, `i.*` a 收支 line of the
template, `iw.*` a household's year of income as one wide column per category (national exports),
`me.*` measure, `p.*` helper, `pa.*` pairing, `ms.<类别>` the measures of one category, comma-joined, and
`x.*` derived, never imported. `excel.layout` builds the importer's sheet kinds, the template and the
exports from these tuples, so they cannot drift apart.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    NAME = "name"  # spaces removed
    DIGITS = "digits"  # numbers that are text: 户编号, phones, 人编号
    ID = "id"  # 证件号码
    NUMBER = "number"
    INTEGER = "integer"
    DATE = "date"
    MONTH = "month"  # YYYYMM
    BOOL = "bool"
    CODE = "code"  # a value from an editable code list (aliases allowed)
    LEVEL = "level"  # 危房等级 A–D
    LIST = "list"  # comma-joined values
    ENJOY = "enjoy"  # 享受低保政策情况: a kind from a code list (农村低保), or 未享受 / 是 / 否


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str
    kind: Kind = Kind.TEXT
    aliases: tuple[str, ...] = ()
    width: float = 10
    codes: str | None = None  # code list of a CODE or ENJOY column
    required: bool = False  # the sheet cannot be imported without it
    note: str = ""  # shown as a comment on the template's header
    # Cell fills of an exported column: (how the text begins, RGB) — the 整改清单's 预警 colours.
    tints: tuple[tuple[str, str], ...] = ()

    @property
    def read_only(self) -> bool:
        return self.field.startswith("x.")


def header_key(text: str) -> str:
    """Headers compare without width, spaces, required-field stars or case: 务工时间（月） = 务工时间(月)."""
    value = unicodedata.normalize("NFKC", text)
    for junk in (" ", "\u3000", "\n", "\r", "\t", "*", "★", "※", "：", ":"):
        value = value.replace(junk, "")
    return value.lower().removesuffix("(必填)").removesuffix("(选填)")


def renamed(column: Column, header: str) -> Column:
    """The same column under another header (national exports say 村 where the template says 行政村)."""
    return replace(column, header=header, aliases=(column.header, *column.aliases))


def C(header: str, field: str, kind: Kind = Kind.TEXT, *aliases: str, **options: object) -> Column:
    return Column(header, field, kind, tuple(aliases), **options)  # type: ignore[arg-type]


def field_column(columns: tuple[Column, ...], name: str) -> Column:
    return next(c for c in columns if c.field == name)


K = Kind

# ---------------------------------------------------------------- shared columns

SEQ = C("序号", "x.seq", K.INTEGER, "编号", width=6)
HOUSEHOLD_NUMBER = C(
    "户编号",
    "h.number",
    K.DIGITS,
    "户码",
    "家庭编号",
    width=20,
    required=True,
    note="全国系统的户编号，按文本填写",
)
PROVINCE = C("省", "h.province", K.NAME, "省(区、市)", "省份", width=8)
CITY = C("市", "h.city", K.NAME, "市(州)", "市(地、州、盟)", "地市", width=8)
COUNTY = C("县", "a.county", K.NAME, "县(市、区、旗)", "县(区)", "县区", "区县", "县(市、区)", width=10)
TOWNSHIP = C("乡(镇)", "a.township", K.NAME, "乡", "乡镇", "镇", "乡镇(街道)", "乡(镇、街道)", width=10)
VILLAGE = C("行政村", "a.village", K.NAME, "村", "村名", "村(社区)", "行政村(社区)", "所在村", width=10)
GROUP = C("自然村(组)", "a.group", K.NAME, "自然村", "组", "村民小组", "自然村组", "所在组", width=10)
AREA = (COUNTY, TOWNSHIP, VILLAGE, GROUP)
DATA_YEAR = C("年度", "h.data_year", K.INTEGER, "数据年度", "统计年度", width=6)
# A date the national system prints on a list (数据日期): the year its incomes belong to.
DATA_DATE = C("数据日期", "iw.date", K.DATE, "导出日期", "数据截止日期", width=11)

HEAD_NAME = C("户主姓名", "x.head_name", K.NAME, width=9)
HEAD_ID = C("户主证件号码", "x.head_id", K.ID, "户主身份证号", "户主身份证号码", width=21)
PEOPLE = C("人数", "x.people", K.INTEGER, "家庭人口", "家庭人口数", "家庭人数", width=6)
HELPER_NAME = C("帮扶责任人", "x.helper", K.NAME, "帮扶人", width=9)
HELPER_PHONE = C("责任人联系电话", "x.helper_phone", K.DIGITS, "帮扶责任人联系电话", width=13)

RISKS = tuple(
    C(
        f"致贫/返贫风险{i}",
        f"h.risk{i}",
        K.CODE,
        f"致贫返贫风险{i}",
        f"返贫致贫风险{i}",
        f"风险类型{i}",
        f"致贫原因{i}",
        *(("致贫原因", "风险类型") if i == 1 else ()),
        codes="致贫返贫风险",
        width=16,  # 住房出现安全问题
    )
    for i in range(1, 6)
)
DISASTER_DETAIL = C(
    "因自然灾害子项", "h.disaster_detail", K.CODE, "自然灾害类型", codes="自然灾害类型", width=9
)


def _h(header: str, field: str, kind: Kind = Kind.TEXT, *aliases: str, **options: object) -> Column:
    return C(header, f"h.{field}", kind, *aliases, **options)


HOUSEHOLD_FIELDS = (
    _h("家庭住址", "address", K.TEXT, "住址", "家庭地址", "详细地址", width=24),
    _h("户联系电话", "phone", K.DIGITS, "家庭联系电话", "户主联系电话", "联系电话", width=13),
    _h("户类型", "household_type", K.CODE, "户属性", codes="户类型", width=9),
    _h("脱贫年度", "poverty_exit_year", K.INTEGER, "脱贫年份", "脱贫时间", width=7),
    _h("脱贫属性", "poverty_status", K.TEXT, width=9),
    _h("贫困户属性", "poverty_kind", K.TEXT, "贫困户类型", width=10),
    _h("主要致贫原因", "poverty_cause", K.CODE, "致贫原因(旧)", codes="致贫原因(旧)", width=16),
    _h("首次识别时间", "first_identified_on", K.MONTH, "首次识别日期", width=9, note="年月，如 201501"),
    _h(
        "监测对象类别",
        "monitor_category",
        K.CODE,
        "监测对象类型",
        "易返贫致贫户(监测对象)类型",
        "易返贫致贫户类型",
        codes="监测对象类别",
        width=14,
    ),
    _h(
        "识别监测时间",
        "identified_on",
        K.MONTH,
        "风险识别时间",
        "识别时间",
        "纳入监测时间",
        width=9,
        note="年月，如 202403",
    ),
    *RISKS,
    DISASTER_DETAIL,
    _h("风险是否已消除", "risk_eliminated", K.BOOL, "风险是否消除", "是否消除风险", width=8),
    _h("风险消除方式", "elimination_method", K.CODE, "消除方式", codes="风险消除方式", width=9),
    _h(
        "消除监测时间",
        "eliminated_on",
        K.MONTH,
        "风险消除时间",
        "消除时间",
        width=9,
        note="年月，如 202409",
    ),
    _h(
        "实施开发式帮扶措施情况",
        "dev_support",
        K.CODE,
        "开发式帮扶措施情况",
        "开发式帮扶",
        codes="开发式帮扶",
        width=10,
    ),
    _h(
        "整户无劳动能力兜底保障户",
        "no_labour_guarantee",
        K.BOOL,
        "是否整户无劳动能力兜底保障户",
        "整户无劳动能力",
        width=10,
    ),
    _h("识别标准", "identification_standard", K.TEXT, width=9),
    _h("监测联系人", "monitor_contact", K.NAME, width=9),
    _h("易地扶贫搬迁", "relocated", K.BOOL, "是否易地扶贫搬迁", "是否易地扶贫搬迁户", width=8),
    _h("安置方式", "relocation_mode", K.CODE, codes="安置方式", width=9),
    _h("安置点", "relocation_site", K.TEXT, "安置地点", "安置区", width=12),
    _h("是否危房户", "house_unsafe", K.BOOL, "危房户", width=8),
    _h("危房等级", "house_danger_level", K.LEVEL, "住房危房等级", width=6, note="A、B、C 或 D"),
    _h("危房鉴定日期", "house_appraised_on", K.DATE, "鉴定日期", width=11),
    _h("改造方式", "house_renovation", K.TEXT, "危房改造方式", width=9),
    _h("改造时间", "house_renovated_on", K.DATE, "危房改造时间", width=11),
    _h("改造补助金额（元）", "house_subsidy", K.NUMBER, "改造补助金额", "危房改造补助", width=10),
    _h("住房面积（平方米）", "house_area", K.NUMBER, "住房面积", width=9),
    _h("是否解决安全饮用水", "water_safe", K.BOOL, "饮水安全", "是否饮水安全", "饮水是否安全", width=10),
    _h("饮水困难", "water_difficult", K.BOOL, "是否饮水困难", width=7),
    _h("水源类型", "water_source", K.CODE, "饮水水源", codes="水源类型", width=16),
    _h("水量达标", "water_quantity_ok", K.BOOL, "饮水水量是否达标", "水量是否达标", width=7),
    _h("水质达标", "water_quality_ok", K.BOOL, "饮水水质是否达标", "水质是否达标", width=7),
    _h("取水方便", "water_access_ok", K.BOOL, "取水是否方便", "用水方便程度达标", width=7),
    _h("供水保证率达标", "water_supply_ok", K.BOOL, "供水保证率是否达标", width=8),
    _h("是否有卫生厕所", "has_toilet", K.BOOL, "有无卫生厕所", width=8),
    _h("是否通生活用电", "has_power", K.BOOL, "是否通电", width=8),
    _h("入户道路是否硬化", "road_hardened", K.BOOL, "入户路是否硬化", width=8),
    _h("与村主干路距离（公里）", "road_distance", K.NUMBER, "与村主干路距离", width=9),
    _h("耕地面积（亩）", "farmland_mu", K.NUMBER, "耕地面积", width=8),
    _h("林地面积（亩）", "forest_mu", K.NUMBER, "林地面积", width=8),
    _h("林果面积（亩）", "orchard_mu", K.NUMBER, "林果面积", width=8),
    _h("退耕还林面积（亩）", "grain_to_green_mu", K.NUMBER, "退耕还林面积", width=8),
    _h("牧草地面积（亩）", "pasture_mu", K.NUMBER, "牧草地面积", width=8),
    _h("水面面积（亩）", "water_surface_mu", K.NUMBER, "水面面积", width=8),
    _h("是否军烈属", "military_family", K.BOOL, "军烈属", width=7),
    _h("是否加入合作社", "in_cooperative", K.BOOL, "是否加入农民专业合作组织", width=8),
    _h("信息采集人", "collector", K.NAME, width=9),
    _h("信息采集人联系电话", "collector_phone", K.DIGITS, width=13),
    PROVINCE,
    CITY,
    DATA_YEAR,
    _h("备注", "note", K.TEXT, width=20),
)

# 风险消除后…: the monitoring export's figures at elimination.
AFTER_ELIMINATION = (
    _h("风险消除后是否义务教育阶段适龄儿童少年失学辍学", "after_dropout", K.BOOL, width=10),
    _h("风险消除后是否住房损毁", "after_house_damaged", K.BOOL, width=9),
    _h(
        "风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险",
        "after_uninsured",
        K.BOOL,
        "风险消除后是否有家庭成员未参加城乡居民(职工)基本医疗保险",
        width=10,
    ),
    _h("风险消除后是否饮水设施损毁", "after_water_damaged", K.BOOL, width=9),
    _h("风险消除后工资性收入", "after_wage", K.NUMBER, width=10),
    _h("风险消除后生产经营性收入", "after_business", K.NUMBER, width=10),
    _h("风险消除后财产性收入", "after_property", K.NUMBER, width=10),
    _h("风险消除后转移性收入", "after_transfer", K.NUMBER, width=10),
    _h("风险消除后生产经营性支出", "after_expense", K.NUMBER, width=10),
    _h("风险消除后家庭纯收入", "after_net", K.NUMBER, width=10),
    _h("风险消除后家庭人均纯收入", "after_per_capita", K.NUMBER, "风险消除后人均纯收入", width=10),
    _h("风险消除后理赔收入", "after_claims", K.NUMBER, width=10),
    _h("风险消除后合规自付支出", "after_self_paid", K.NUMBER, width=10),
)

# A year of income as one column per category (monitoring exports), and the national system's own figures.
# `iw.*` fields: the category's total, or (per_capita, net, gross) the stated figures.
INCOME_YEAR = C("收入年度", "iw.year", K.INTEGER, "收支年度", "核算年度", width=7)
WIDE_INCOME = (
    C("工资性收入", "iw.wage", K.NUMBER, "工资性收入（元）", width=10),
    C("生产经营性收入", "iw.business", K.NUMBER, "生产经营性收入（元）", "家庭经营性收入", width=10),
    C("财产性收入", "iw.property", K.NUMBER, "财产性收入（元）", width=10),
    C("转移性收入", "iw.transfer", K.NUMBER, "转移性收入（元）", width=10),
    C("最低生活保障金", "iw.dibao", K.NUMBER, "低保金", "最低生活保障金（元）", width=10),
    C("特困人员救助供养金", "iw.tekun", K.NUMBER, "特困供养金", "特困人员救助供养金（元）", width=10),
    C("生产经营性支出", "iw.expense", K.NUMBER, "生产经营性支出（元）", "家庭经营性支出", width=10),
    C("理赔收入", "iw.claims", K.NUMBER, "理赔收入（元）", width=9),
    C("合规自付支出", "iw.self_paid", K.NUMBER, "合规自付支出（元）", width=9),
    C("家庭纯收入", "iw.net", K.NUMBER, "家庭纯收入（元）", "家庭年纯收入", width=10),
    C("年收入（元）", "iw.gross", K.NUMBER, "年收入", "家庭年收入", "家庭总收入", width=10),
    C("人均纯收入（元）", "iw.per_capita", K.NUMBER, "人均纯收入", "家庭人均纯收入", "人均收入", width=11),
)
PER_CAPITA = field_column(WIDE_INCOME, "iw.per_capita")

# ---------------------------------------------------------------- members

PERSON_NUMBER = C("人口编号", "m.person_number", K.DIGITS, "人编号", "成员编号", "人员编号", width=22)
MEMBER_NAME = C("姓名", "m.name", K.NAME, "成员姓名", "家庭成员姓名", width=8, required=True)
SEX = C("性别", "m.sex", K.CODE, codes="性别", width=5)
BIRTH = C("出生日期", "m.birth_date", K.DATE, "出生年月", width=11)
# What a masked ledger gives instead of 出生日期: the mask hides exactly the birth date (issue 20 §1).
BIRTH_YEAR = C("出生年份", "x.birth_year", K.INTEGER, width=7)
ID_TYPE = C("证件类型", "m.id_type", K.CODE, codes="证件类型", width=8)
ID_NUMBER = C(
    "证件号码",
    "m.id_number",
    K.ID,
    "身份证号",
    "身份证号码",
    "公民身份号码",
    "身份证件号码",
    "证件号",
    "残疾人证号",
    width=21,
    required=True,
    note="18位身份证号码，按文本填写；残疾人证填残疾人证号",
)
RELATION = C("与户主关系", "m.relation", K.CODE, "与户主的关系", codes="与户主关系", width=10, required=True)
ETHNICITY = C("民族", "m.ethnicity", K.CODE, codes="民族", width=7)
MEMBER_PHONE = C(
    "成员联系电话",
    "m.phone",
    K.DIGITS,
    "人联系电话",
    "个人联系电话",
    "本人联系电话",
    "家庭成员联系电话",
    width=13,
)


def _m(header: str, field: str, kind: Kind = Kind.TEXT, *aliases: str, **options: object) -> Column:
    return C(header, f"m.{field}", kind, *aliases, **options)


EDUCATION = _m("文化程度", "education", K.CODE, codes="文化程度", width=12)
SCHOOL = _m("在校生状况", "school_status", K.CODE, "在校生情况", "在校学生状况", codes="在校生状况", width=16)
LABOUR = _m("劳动技能", "labour_skill", K.CODE, "劳动能力", codes="劳动技能", width=19)  # 弱劳动力或半劳动力
WORK_MONTHS = _m("务工时间（月）", "work_months", K.NUMBER, "务工时长(月)", "务工时间", "务工月数", width=8)
HEALTH = _m("健康状况", "health", K.CODE, codes="健康状况", width=10)
POLITICAL = _m("政治面貌", "political_status", K.CODE, codes="政治面貌", width=12)
COMPANY = _m("务工企业名称", "work_company", K.TEXT, "务工企业", width=16)
DIBAO = _m("是否享受低保", "dibao", K.BOOL, "是否享受最低生活保障", "低保人口", width=7)
PENSION_EMPLOYEE = _m(
    "是否参加城镇职工基本养老保险", "pension_employee", K.BOOL, "是否参加职工基本养老保险", width=9
)
CRITICAL = _m("是否参加大病保险", "ins_critical_illness", K.BOOL, "参加大病医疗", "是否参加大病医疗", width=8)
RESIDENT_MEDICAL = _m(
    "是否参加新型农村合作医疗（城乡居民基本医疗保险）",
    "ins_resident_medical",
    K.BOOL,
    "是否参加城乡居民基本医疗保险",
    "是否参加新型农村合作医疗",
    "是否参加新农合",
    "是否参加居民医疗保险",
    "参加新型农村合作医疗",
    width=12,
)
PENSION_RESIDENT = _m(
    "是否参加城乡居民基本养老保险",
    "pension_resident",
    K.BOOL,
    "是否参加新型养老保险",
    "是否参加居民基本养老保险",
    "参加城乡居民基本养老保险",
    width=9,
)
DROPOUT = _m(
    "失学或辍学原因",
    "dropout_reason",
    K.TEXT,
    "失辍学原因",
    "失学辍学原因",
    "义务教育阶段未上学原因",
    width=10,
)
MANDARIN = _m("是否会讲普通话", "speaks_mandarin", K.BOOL, width=8)
COMMERCIAL = _m("是否参加商业补充医疗保险", "ins_commercial", K.BOOL, width=9)
ABROAD = _m("是否国外务工", "work_abroad", K.BOOL, width=7)
INDUSTRY = _m("产业分类", "industry", K.TEXT, width=10)
CRITICAL_AID = _m("是否接受大病医疗救助", "critical_aid", K.BOOL, width=9)
OTHER_HEALTH_AID = _m("是否接受其他健康扶贫", "other_health_aid", K.BOOL, width=9)
MEDICAL_AID = _m("是否接受医疗救助", "medical_aid", K.BOOL, width=8)
PUBLIC_POST = _m(
    "公益性岗位类型",
    "public_post",
    K.CODE,
    "公益岗位",
    "公益岗位类型",
    "公益性岗位",
    codes="公益岗位",
    width=10,
)
POST_MONTHS = _m(
    "公益性岗位(月数)", "public_post_months", K.NUMBER, "公益性岗位月数", "聘用月数", "公益岗位月数", width=8
)
CHANNEL = _m("就业渠道", "employment_channel", K.TEXT, width=10)
DISABILITY = _m("残疾类别", "disability_category", K.CODE, codes="残疾类别", width=9)
WORK_PLACE = _m("务工所在地", "work_place", K.TEXT, "务工地点", width=12)
EMPLOYEE_MEDICAL = _m(
    "是否参加城镇职工基本医疗保险", "ins_employee_medical", K.BOOL, "是否参加职工医疗保险", width=9
)
TEKUN = _m("是否特困供养人员", "tekun", K.BOOL, "特困供养人员", width=8)
DISABILITY_YEAR = _m("残疾证办证年度", "disability_card_year", K.INTEGER, width=8)
DISABILITY_GRADE = _m("残疾等级", "disability_grade", K.CODE, codes="残疾等级", width=7)
WORK_STATUS = _m("务工状况", "work_status", K.CODE, codes="务工状况", width=18)
DIBAO_POLICY = _m("享受低保政策情况", "dibao_policy", K.ENJOY, "低保政策享受情况", codes="低保类别", width=10)
TEKUN_POLICY = _m(
    "享受特困供养政策情况", "tekun_policy", K.ENJOY, "特困供养政策享受情况", codes="特困类别", width=11
)
IDENTIFIED = _m("人员识别时间", "identified_on", K.MONTH, "人员识别日期", width=9)
