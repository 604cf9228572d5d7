"""Every column the program reads or writes, defined once.

A `Column` names its header as we write it, the header variants seen in real files, the field it fills
(`"h.phone"`: household, `"m.*"` member, `"a.*"` area, `"i.*"` income line, `"me.*"` measure,
`"p.*"` helper, `"pa.*"` pairing, `"ms.<类别>"` measure list of a monitoring export, `"x.*"` derived and
never imported) and how its cells are read. The importer's sheet kinds, the template workbook and the
exports are all built from these tuples, so they cannot drift apart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from fupin_desktop.domain.tasks import COLOUR_LABELS, Colour


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


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str
    kind: Kind = Kind.TEXT
    aliases: tuple[str, ...] = ()
    width: float = 10
    codes: str | None = None  # code list of a CODE column
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
PROVINCE = C("省", "x.province", K.TEXT, "省(区、市)", width=8)
CITY = C("市", "x.city", K.TEXT, "市(州)", "市(地、州、盟)", width=8)
COUNTY = C("县", "a.county", K.NAME, "县(市、区、旗)", "县(区)", "县区", "区县", "县(市、区)", width=10)
TOWNSHIP = C("乡(镇)", "a.township", K.NAME, "乡", "乡镇", "镇", "乡镇(街道)", "乡(镇、街道)", width=10)
VILLAGE = C("行政村", "a.village", K.NAME, "村", "村名", "村(社区)", "行政村(社区)", "所在村", width=10)
GROUP = C("自然村(组)", "a.group", K.NAME, "自然村", "组", "村民小组", "自然村组", "所在组", width=10)
AREA = (COUNTY, TOWNSHIP, VILLAGE, GROUP)

HEAD_NAME = C("户主姓名", "x.head_name", K.NAME, width=9)
HEAD_ID = C("户主证件号码", "x.head_id", K.ID, "户主身份证号", "户主身份证号码", width=21)
PEOPLE = C("人数", "x.people", K.INTEGER, "家庭人口", "家庭人口数", "家庭人数", width=6)
PER_CAPITA = C(
    "人均纯收入（元）", "x.per_capita", K.NUMBER, "人均纯收入", "家庭人均纯收入", "人均收入", width=11
)
HOUSE_UNSAFE = C("是否危房户", "x.house_unsafe", K.BOOL, "危房户", width=8)
WATER_SAFE = C("是否解决安全饮用水", "x.water_safe", K.BOOL, width=10)
YEAR_READ_ONLY = C("年度", "x.year", K.INTEGER, width=6)
HELPER_NAME = C("帮扶责任人", "x.helper", K.NAME, "帮扶人", "监测联系人", width=9)
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
        *(("主要致贫原因", "致贫原因", "风险类型") if i == 1 else ()),
        codes="致贫返贫风险",
        width=12,
    )
    for i in range(1, 6)
)

HOUSEHOLD_FIELDS = (
    C("家庭住址", "h.address", K.TEXT, "住址", "家庭地址", "详细地址", width=24),
    C("户联系电话", "h.phone", K.DIGITS, "家庭联系电话", "户主联系电话", "联系电话", width=13),
    C("户类型", "h.household_type", K.CODE, "户属性", codes="户类型", width=9),
    C("脱贫年度", "h.poverty_exit_year", K.INTEGER, "脱贫年份", "脱贫时间", width=7),
    C(
        "监测对象类别",
        "h.monitor_category",
        K.CODE,
        "监测对象类型",
        "易返贫致贫户(监测对象)类型",
        "易返贫致贫户类型",
        codes="监测对象类别",
        width=12,
    ),
    C(
        "识别监测时间",
        "h.identified_on",
        K.MONTH,
        "风险识别时间",
        "识别时间",
        "纳入监测时间",
        width=9,
        note="年月，如 202403",
    ),
    *RISKS,
    C("风险是否已消除", "h.risk_eliminated", K.BOOL, "风险是否消除", "是否消除风险", width=8),
    C("风险消除方式", "h.elimination_method", K.CODE, "消除方式", codes="风险消除方式", width=9),
    C(
        "消除监测时间",
        "h.eliminated_on",
        K.MONTH,
        "风险消除时间",
        "消除时间",
        width=9,
        note="年月，如 202409",
    ),
    C(
        "实施开发式帮扶措施情况",
        "h.dev_support",
        K.CODE,
        "开发式帮扶措施情况",
        "开发式帮扶",
        codes="开发式帮扶",
        width=10,
    ),
    C(
        "整户无劳动能力兜底保障户",
        "h.no_labour_guarantee",
        K.BOOL,
        "是否整户无劳动能力兜底保障户",
        "整户无劳动能力",
        width=10,
    ),
    C("识别标准", "h.identification_standard", K.TEXT, width=9),
    C("易地扶贫搬迁", "h.relocated", K.BOOL, "是否易地扶贫搬迁", "是否易地扶贫搬迁户", width=8),
    C("安置方式", "h.relocation_mode", K.CODE, codes="安置方式", width=9),
    C("安置点", "h.relocation_site", K.TEXT, "安置地点", "安置区", width=12),
    C("危房等级", "h.house_danger_level", K.LEVEL, "住房危房等级", width=6, note="A、B、C 或 D"),
    C("危房鉴定日期", "h.house_appraised_on", K.DATE, "鉴定日期", width=11),
    C("改造方式", "h.house_renovation", K.TEXT, "危房改造方式", width=9),
    C("改造时间", "h.house_renovated_on", K.DATE, "危房改造时间", width=11),
    C("改造补助金额（元）", "h.house_subsidy", K.NUMBER, "改造补助金额", "危房改造补助", width=10),
    C("住房面积（平方米）", "h.house_area", K.NUMBER, "住房面积", width=9),
    C("水源类型", "h.water_source", K.CODE, "饮水水源", codes="水源类型", width=12),
    C("水量达标", "h.water_quantity_ok", K.BOOL, "饮水水量是否达标", "水量是否达标", width=7),
    C("水质达标", "h.water_quality_ok", K.BOOL, "饮水水质是否达标", "水质是否达标", width=7),
    C("取水方便", "h.water_access_ok", K.BOOL, "取水是否方便", "用水方便程度达标", width=7),
    C("供水保证率达标", "h.water_supply_ok", K.BOOL, "供水保证率是否达标", width=8),
    C("耕地面积（亩）", "h.farmland_mu", K.NUMBER, "耕地面积", width=8),
    C("林地面积（亩）", "h.forest_mu", K.NUMBER, "林地面积", width=8),
    C("退耕还林面积（亩）", "h.grain_to_green_mu", K.NUMBER, "退耕还林面积", width=8),
    C("是否军烈属", "h.military_family", K.BOOL, "军烈属", width=7),
    C("是否加入合作社", "h.in_cooperative", K.BOOL, "是否加入农民专业合作组织", width=8),
    C("备注", "h.note", K.TEXT, width=20),
)

IDENTIFICATION = next(c for c in HOUSEHOLD_FIELDS if c.field == "h.identification_standard")
HOUSEHOLD_PHONE = next(c for c in HOUSEHOLD_FIELDS if c.field == "h.phone")

# ---------------------------------------------------------------- members

PERSON_NUMBER = C("人口编号", "m.person_number", K.DIGITS, "人编号", "成员编号", "人员编号", width=22)
MEMBER_NAME = C("姓名", "m.name", K.NAME, "成员姓名", "家庭成员姓名", width=8, required=True)
SEX = C("性别", "m.sex", K.CODE, codes="性别", width=5)
BIRTH = C("出生日期", "m.birth_date", K.DATE, "出生年月", width=11)
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
RELATION = C("与户主关系", "m.relation", K.CODE, "与户主的关系", codes="与户主关系", width=9, required=True)
ETHNICITY = C("民族", "m.ethnicity", K.CODE, codes="民族", width=7)
MEMBER_PHONE = C("成员联系电话", "m.phone", K.DIGITS, "人联系电话", "个人联系电话", "本人联系电话", width=13)


def _m(header: str, field: str, kind: Kind = Kind.TEXT, *aliases: str, **options: object) -> Column:
    return C(header, f"m.{field}", kind, *aliases, **options)


EDUCATION = _m("文化程度", "education", K.CODE, codes="文化程度", width=9)
SCHOOL = _m("在校生状况", "school_status", K.CODE, "在校生情况", "在校学生状况", codes="在校生状况", width=12)
LABOUR = _m("劳动技能", "labour_skill", K.CODE, "劳动能力", codes="劳动技能", width=11)
WORK_MONTHS = _m("务工时间（月）", "work_months", K.NUMBER, "务工时长(月)", "务工时间", "务工月数", width=8)
HEALTH = _m("健康状况", "health", K.CODE, codes="健康状况", width=9)
POLITICAL = _m("政治面貌", "political_status", K.CODE, codes="政治面貌", width=9)
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
DROPOUT = _m("失学或辍学原因", "dropout_reason", K.TEXT, "失辍学原因", "失学辍学原因", width=10)
COMMERCIAL = _m("是否参加商业补充医疗保险", "ins_commercial", K.BOOL, width=9)
ABROAD = _m("是否国外务工", "work_abroad", K.BOOL, width=7)
PUBLIC_POST = _m(
    "公益性岗位类型", "public_post", K.CODE, "公益岗位", "公益岗位类型", codes="公益岗位", width=10
)
POST_MONTHS = _m(
    "公益性岗位(月数)", "public_post_months", K.NUMBER, "公益性岗位月数", "聘用月数", "公益岗位月数", width=8
)
DISABILITY = _m("残疾类别", "disability_category", K.CODE, codes="残疾类别", width=9)
WORK_PLACE = _m("务工所在地", "work_place", K.TEXT, "务工地点", width=12)
EMPLOYEE_MEDICAL = _m(
    "是否参加城镇职工基本医疗保险", "ins_employee_medical", K.BOOL, "是否参加职工医疗保险", width=9
)
TEKUN = _m("是否特困供养人员", "tekun", K.BOOL, "特困供养人员", width=8)
DISABILITY_GRADE = _m("残疾等级", "disability_grade", K.CODE, codes="残疾等级", width=7)
WORK_STATUS = _m("务工状况", "work_status", K.CODE, codes="务工状况", width=13)

# The national system's member-level export, in its order (DOMAIN §8), then the fields it lacks.
NATIONAL_MEMBER_COLUMNS = (
    PROVINCE,
    CITY,
    COUNTY,
    renamed(TOWNSHIP, "乡"),
    renamed(VILLAGE, "村"),
    HOUSEHOLD_NUMBER,
    PERSON_NUMBER,
    MEMBER_NAME,
    SEX,
    BIRTH,
    ID_TYPE,
    ID_NUMBER,
    ETHNICITY,
    HOUSEHOLD_PHONE,
    MEMBER_PHONE,
    YEAR_READ_ONLY,
    RELATION,
    EDUCATION,
    SCHOOL,
    LABOUR,
    WORK_MONTHS,
    HEALTH,
    POLITICAL,
    COMPANY,
    DIBAO,
    PENSION_EMPLOYEE,
    CRITICAL,
    RESIDENT_MEDICAL,
    PENSION_RESIDENT,
    DROPOUT,
    COMMERCIAL,
    ABROAD,
    PUBLIC_POST,
    POST_MONTHS,
    DISABILITY,
    WORK_PLACE,
    HEAD_NAME,
    HEAD_ID,
    EMPLOYEE_MEDICAL,
    TEKUN,
    IDENTIFICATION,
    GROUP,
    DISABILITY_GRADE,
    WORK_STATUS,
)

# The template's 成员 sheet: the member fields only, in the national order.
MEMBER_COLUMNS = tuple(
    c for c in NATIONAL_MEMBER_COLUMNS if c.field.startswith("m.") or c is HOUSEHOLD_NUMBER
)

MEASURE_CATEGORIES = (
    "产业帮扶",
    "就业帮扶",
    "金融帮扶",
    "公益岗位帮扶",
    "健康帮扶",
    "义务教育保障",
    "其他教育帮扶",
    "综合保障",
    "住房安全保障",
    "饮水安全保障",
    "社会帮扶",
    "搬迁",
    "生产生活条件改善",
    "基础设施建设",
)
MEASURE_LISTS = tuple(C(category, f"ms.{category}", K.LIST, width=14) for category in MEASURE_CATEGORIES)

_MONITORING_HOUSEHOLD = tuple(
    c
    for c in HOUSEHOLD_FIELDS
    if c.field
    in (
        "h.household_type",
        "h.monitor_category",
        "h.identified_on",
        "h.risk1",
        "h.risk2",
        "h.risk3",
        "h.risk4",
        "h.risk5",
        "h.risk_eliminated",
        "h.elimination_method",
        "h.eliminated_on",
        "h.dev_support",
    )
)

# 监测对象名单: one row per member of a monitored household (DOMAIN §8 “monitoring lists add …”).
MONITORING_COLUMNS = (
    SEQ,
    COUNTY,
    renamed(TOWNSHIP, "乡"),
    renamed(VILLAGE, "村"),
    renamed(GROUP, "自然村"),
    HOUSEHOLD_NUMBER,
    PERSON_NUMBER,
    MEMBER_NAME,
    ID_NUMBER,
    PEOPLE,
    RELATION,
    *_MONITORING_HOUSEHOLD,
    PER_CAPITA,
    HOUSE_UNSAFE,
    WATER_SAFE,
    *MEASURE_LISTS,
    HOUSEHOLD_PHONE,
)

# ---------------------------------------------------------------- the template's sheets

HOUSEHOLD_COLUMNS = (
    HOUSEHOLD_NUMBER,
    COUNTY,
    TOWNSHIP,
    replace(VILLAGE, required=True),
    GROUP,
    HEAD_NAME,
    *HOUSEHOLD_FIELDS,
)

INCOME_COLUMNS = (
    HOUSEHOLD_NUMBER,
    C("年度", "i.year", K.INTEGER, "核算年度", "收入年度", width=7, required=True),
    C(
        "类别",
        "i.category",
        K.TEXT,
        "收支类别",
        "收入类别",
        width=14,
        required=True,
        note="工资性收入、生产经营性收入、财产性收入、转移性收入、生产经营性支出、理赔收入、合规自付支出",
    ),
    C("项目", "i.item", K.TEXT, "收支项目", "明细", "收入项目", width=14, required=True),
    C("金额（元）", "i.amount", K.NUMBER, "金额", width=11, required=True),
    C("说明", "i.note", K.TEXT, "备注", width=20),
    C("核算人口", "i.people", K.INTEGER, "家庭人口", width=8, note="空着表示按在册人口计算"),
)

MEASURE_COLUMNS = (
    HOUSEHOLD_NUMBER,
    C(
        "措施类别",
        "me.category",
        K.CODE,
        "帮扶措施类别",
        "类别",
        codes="帮扶措施类别",
        width=12,
        required=True,
    ),
    C("措施项目", "me.item", K.TEXT, "项目", "帮扶项目", width=14),
    C("措施内容", "me.content", K.TEXT, "内容", "帮扶内容", "帮扶措施", width=24),
    C("金额（元）", "me.amount", K.NUMBER, "金额", width=10),
    C("开始日期", "me.start_date", K.DATE, "开始时间", width=11),
    C("结束日期", "me.end_date", K.DATE, "结束时间", width=11),
    C("年度", "me.year", K.INTEGER, width=6),
)

HELPER_COLUMNS = (
    C("姓名", "p.name", K.NAME, "帮扶责任人", "帮扶人姓名", width=8, required=True),
    C("性别", "p.sex", K.CODE, codes="性别", width=5),
    C("政治面貌", "p.political_status", K.CODE, codes="政治面貌", width=9),
    C("单位", "p.unit", K.TEXT, "工作单位", "所在单位", width=20),
    C("单位隶属", "p.unit_level", K.CODE, "单位级别", "单位层级", codes="单位隶属", width=8),
    C("职务", "p.title", K.TEXT, "职务职级", width=12),
    C(
        "联系电话",
        "p.phone",
        K.DIGITS,
        "手机号码",
        "电话",
        "手机",
        width=13,
        required=True,
        note="用联系电话识别同一个人",
    ),
    C("角色", "p.role", K.CODE, "帮扶人角色", codes="帮扶人角色", width=11),
    C("所驻村", "p.village", K.NAME, "驻村", width=10),
)

PAIRING_COLUMNS = (
    HOUSEHOLD_NUMBER,
    HEAD_NAME,
    C("帮扶责任人", "pa.helper_name", K.NAME, "帮扶人", "帮扶责任人姓名", width=9, required=True),
    C("单位", "pa.helper_unit", K.TEXT, "工作单位", "帮扶责任人单位", width=20),
    C("职务", "pa.helper_title", K.TEXT, width=12),
    C(
        "联系电话",
        "pa.helper_phone",
        K.DIGITS,
        "帮扶责任人联系电话",
        "责任人联系电话",
        "帮扶人联系电话",
        width=13,
        required=True,
    ),
    C("结对日期", "pa.start_date", K.DATE, "开始日期", "结对时间", width=11),
)


@dataclass(frozen=True, slots=True)
class SheetKind:
    """A kind of sheet the importer understands: its template columns and every column it accepts."""

    key: str  # household, member, income, measure, helper, pairing
    title: str  # the template's sheet name
    columns: tuple[Column, ...]  # the template's columns
    accepts: tuple[Column, ...]  # everything recognised on such a sheet
    names: tuple[str, ...] = ()  # other sheet names that mean this kind


def _accept(*groups: tuple[Column, ...]) -> tuple[Column, ...]:
    seen: dict[str, Column] = {}
    for group in groups:
        for column in group:
            seen.setdefault(column.field, column)
    return tuple(seen.values())


_DERIVED = (
    SEQ,
    PROVINCE,
    CITY,
    HEAD_NAME,
    HEAD_ID,
    PEOPLE,
    PER_CAPITA,
    HOUSE_UNSAFE,
    WATER_SAFE,
    HELPER_NAME,
    HELPER_PHONE,
)

HOUSEHOLD_SHEET = SheetKind(
    "household",
    "户",
    HOUSEHOLD_COLUMNS,
    _accept(HOUSEHOLD_COLUMNS, _DERIVED, (YEAR_READ_ONLY,)),
    ("户台账", "户信息", "农户", "户表"),
)
MEMBER_SHEET = SheetKind(
    "member",
    "成员",
    MEMBER_COLUMNS,
    _accept(
        MEMBER_COLUMNS,
        NATIONAL_MEMBER_COLUMNS,
        HOUSEHOLD_FIELDS,
        MONITORING_COLUMNS,
        _DERIVED,
    ),
    ("人口台账", "家庭成员", "人口", "成员表", "监测对象名单"),
)
INCOME_SHEET = SheetKind("income", "收支", INCOME_COLUMNS, INCOME_COLUMNS, ("收支情况", "收入", "收支核算"))
MEASURE_SHEET = SheetKind("measure", "帮扶措施", MEASURE_COLUMNS, MEASURE_COLUMNS, ("措施",))
HELPER_SHEET = SheetKind("helper", "帮扶责任人", HELPER_COLUMNS, HELPER_COLUMNS, ("帮扶人", "责任人"))
PAIRING_SHEET = SheetKind(
    "pairing",
    "结对",
    PAIRING_COLUMNS,
    _accept(PAIRING_COLUMNS, (SEQ, *(replace(c, field="x." + c.field[2:]) for c in AREA))),
    ("结对帮扶表", "结对帮扶", "结对关系"),
)

# 整改任务 (DOMAIN §6): one new task per row, status 待整改 (the lifecycle is kept in the program).
TASK_IMPORT_COLUMNS = (
    C("问题来源", "t.source", K.CODE, "来源", codes="问题来源", width=14, required=True),
    C("问题类别", "t.category", K.CODE, "类别", codes="问题类别", width=10, required=True),
    C("问题表现", "t.description", K.TEXT, "问题", "存在问题", "问题描述", width=36, required=True),
    C("涉及村/户", "t.scope", K.TEXT, "涉及村户", "涉及村（户）", "涉及", width=16),
    C(
        "涉及户编号",
        "t.households",
        K.LIST,
        "户编号",
        width=20,
        note="可空；多户用顿号或逗号分开，须是数据库或本文件中已有的户",
    ),
    C("整改措施", "t.measures", K.TEXT, width=28),
    C("整改目标", "t.target", K.TEXT, width=18),
    C("责任领导", "t.leader", K.TEXT, "分管领导", width=14),
    C("牵头单位", "t.lead_unit", K.TEXT, width=14),
    C("责任单位", "t.unit", K.TEXT, width=14),
    C("责任人", "t.person", K.TEXT, "具体责任人", width=9),
    C("整改时限", "t.deadline", K.DATE, "完成时限", "整改期限", width=12, required=True),
    C("发现时间", "t.found_on", K.DATE, "发现日期", width=12),
    C("整改进展", "t.progress", K.TEXT, width=22),
    C("上级督办", "t.supervised", K.BOOL, "是否督办", width=8),
)

# The 预警 column's fills, as the list on screen tints its rows (a little stronger, for paper).
WARNING_TINTS = tuple(
    (COLOUR_LABELS[colour], rgb)
    for colour, rgb in (
        (Colour.RED, "F6C9C4"),
        (Colour.YELLOW, "FCE4A6"),
        (Colour.BLUE, "CCE0F6"),
        (Colour.GREY, "E1E3E5"),
    )
)

# 整改清单 as `fupin export tasks` writes it: the importable columns with the program's view around them.
TASK_COLUMNS = (
    SEQ,
    replace(C("预警", "x.warning", K.TEXT, "预警颜色", width=12), tints=WARNING_TINTS),
    C("状态", "x.status", K.TEXT, "整改状态", width=8),
    *TASK_IMPORT_COLUMNS,
    C("剩余天数", "x.days", K.TEXT, width=10),
    C("完成情况", "x.result", K.TEXT, "整改结果", width=20),
    C("佐证材料", "x.evidence", K.TEXT, width=22),
    C("销号时间", "x.closed_on", K.DATE, width=12),
)

TASK_SHEET = SheetKind(
    "task",
    "整改任务",
    TASK_IMPORT_COLUMNS,
    TASK_COLUMNS,
    ("整改清单", "整改任务清单", "问题清单", "任务清单", "责任清单"),
)

# In the order the template lists them and the importer applies them.
SHEET_KINDS = (
    HOUSEHOLD_SHEET,
    MEMBER_SHEET,
    INCOME_SHEET,
    MEASURE_SHEET,
    HELPER_SHEET,
    PAIRING_SHEET,
    TASK_SHEET,
)

# ---------------------------------------------------------------- export-only ledgers

# 结对帮扶表: the 结对 sheet with the village and group in front, so it reads (and prints) by village.
PAIRING_LEDGER_COLUMNS = (
    SEQ,
    next(c for c in PAIRING_SHEET.accepts if c.field == "x.village"),
    next(c for c in PAIRING_SHEET.accepts if c.field == "x.group"),
    *PAIRING_COLUMNS,
)

# 户台账: the 户 sheet with the derived figures a ledger shows.
HOUSEHOLD_LEDGER_COLUMNS = (
    SEQ,
    *HOUSEHOLD_COLUMNS[:6],
    PEOPLE,
    *HOUSEHOLD_FIELDS,
    PER_CAPITA,
    HELPER_NAME,
    HELPER_PHONE,
)

# 数据核查结果: one row per finding.
FINDING_COLUMNS = (
    SEQ,
    C("严重程度", "x.severity", width=7),
    C("核查项", "x.rule", width=22),
    C("行政村", "x.village", width=10),
    C("自然村(组)", "x.group", width=10),
    HOUSEHOLD_NUMBER,
    C("户主姓名", "x.head_name", K.NAME, width=9),
    C("成员", "x.member", K.NAME, width=9),
    C("字段", "x.field", width=14),
    C("问题说明", "x.message", width=46),
    C("修改建议", "x.hint", width=40),
    C("在哪里改", "x.section", width=10),
)


@dataclass(frozen=True, slots=True)
class Ledger:
    """One sheet: a title line, the columns and the rows (values in column order, as stored)."""

    sheet: str
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[object]]
    count: int = 0  # rows, for progress (0 when unknown)
