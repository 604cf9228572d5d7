"""The sheets the importer understands, the template's sheets, the national system's layouts and the
exported ledgers, built from the columns of `excel.columns` (one definition per column).

`NATIONAL_MEMBER_COLUMNS` is the national member-level export of 47 columns in its own order (a public
validator refuses files whose headers differ), `MONITORING_COLUMNS` the 防止返贫监测对象 export's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fupin_desktop.domain.tasks import COLOUR_LABELS, Colour
from fupin_desktop.excel.columns import (
    ABROAD,
    AFTER_ELIMINATION,
    AREA,
    BIRTH,
    BIRTH_YEAR,
    CHANNEL,
    CITY,
    COMMERCIAL,
    COMPANY,
    COUNTY,
    CRITICAL,
    CRITICAL_AID,
    DATA_DATE,
    DATA_YEAR,
    DIBAO,
    DIBAO_POLICY,
    DISABILITY,
    DISABILITY_GRADE,
    DISABILITY_YEAR,
    DISASTER_DETAIL,
    DROPOUT,
    EDUCATION,
    EMPLOYEE_MEDICAL,
    ETHNICITY,
    GROUP,
    HEAD_ID,
    HEAD_NAME,
    HEALTH,
    HELPER_NAME,
    HELPER_PHONE,
    HOUSEHOLD_FIELDS,
    HOUSEHOLD_NUMBER,
    ID_NUMBER,
    ID_TYPE,
    IDENTIFIED,
    INCOME_YEAR,
    INDUSTRY,
    LABOUR,
    MANDARIN,
    MEDICAL_AID,
    MEMBER_NAME,
    MEMBER_PHONE,
    OTHER_HEALTH_AID,
    PENSION_EMPLOYEE,
    PENSION_RESIDENT,
    PEOPLE,
    PERSON_NUMBER,
    POLITICAL,
    POST_MONTHS,
    PROVINCE,
    PUBLIC_POST,
    RELATION,
    RESIDENT_MEDICAL,
    RISKS,
    SCHOOL,
    SEQ,
    SEX,
    TEKUN,
    TEKUN_POLICY,
    TOWNSHIP,
    VILLAGE,
    WIDE_INCOME,
    WORK_MONTHS,
    WORK_PLACE,
    WORK_STATUS,
    C,
    Column,
    Kind,
    field_column,
    header_key,
    renamed,
)

if TYPE_CHECKING:
    from fupin_desktop.excel.print_view import PrintView

K = Kind
__all__ = ["Column", "Kind", "header_key"]  # with the names below: what callers import from here

_H = {c.field: c for c in HOUSEHOLD_FIELDS}
HOUSEHOLD_PHONE = _H["h.phone"]
IDENTIFICATION = _H["h.identification_standard"]

# The national system's member-level export: its 47 columns in its order (DOMAIN §8, issue 14 layout A).
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
    DATA_YEAR,
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
    MANDARIN,
    COMMERCIAL,
    ABROAD,
    INDUSTRY,
    CRITICAL_AID,
    OTHER_HEALTH_AID,
    PUBLIC_POST,
    POST_MONTHS,
    CHANNEL,
    DISABILITY,
    WORK_PLACE,
    HEAD_NAME,
    HEAD_ID,
    EMPLOYEE_MEDICAL,
    TEKUN,
    DISABILITY_YEAR,
    IDENTIFICATION,
)
# Member fields the national export lacks: after its 47 columns in 人口台账.
MEMBER_EXTRA_COLUMNS = (
    GROUP,
    DISABILITY_GRADE,
    WORK_STATUS,
    DIBAO_POLICY,
    TEKUN_POLICY,
    MEDICAL_AID,
    IDENTIFIED,
)
MEMBER_LEDGER_COLUMNS = NATIONAL_MEMBER_COLUMNS + MEMBER_EXTRA_COLUMNS

# The template's 成员 sheet: the member fields only, in the national order.
MEMBER_COLUMNS = tuple(
    c
    for c in MEMBER_LEDGER_COLUMNS
    if (c.field.startswith("m.") and c.kind is not Kind.ENJOY) or c is HOUSEHOLD_NUMBER
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
# The monitoring export's names for two of the categories (ours stay as aliases).
NATIONAL_MEASURE_NAMES = {"公益岗位帮扶": "公益性岗位帮扶", "其他教育帮扶": "教育帮扶"}
MEASURE_LISTS = tuple(
    C(
        NATIONAL_MEASURE_NAMES.get(category, category),
        f"ms.{category}",
        K.LIST,
        *((category,) if category in NATIONAL_MEASURE_NAMES else ()),
        width=14,
    )
    for category in MEASURE_CATEGORIES
)
_MS = {c.field: c for c in MEASURE_LISTS}
_IW = {c.field: c for c in WIDE_INCOME}

# 监测对象名单: one row per member of a monitored household, in the order of the 防止返贫监测对象基础信息
# export (issue 14 layout D), then what that export lacks.
MONITORING_COLUMNS = (
    SEQ,
    PROVINCE,
    CITY,
    COUNTY,
    renamed(TOWNSHIP, "乡"),
    HOUSEHOLD_NUMBER,
    renamed(VILLAGE, "村"),
    PERSON_NUMBER,
    MEMBER_NAME,
    ID_TYPE,
    ID_NUMBER,
    RELATION,
    _H["h.household_type"],
    _H["h.monitor_category"],
    SCHOOL,
    LABOUR,
    HEALTH,
    CRITICAL,
    renamed(RESIDENT_MEDICAL, "是否参加城乡居民基本医疗保险"),
    DIBAO_POLICY,
    TEKUN_POLICY,
    _H["h.no_labour_guarantee"],
    *RISKS,
    DISASTER_DETAIL,
    _H["h.risk_eliminated"],
    _H["h.identified_on"],
    _H["h.elimination_method"],
    _H["h.eliminated_on"],
    _H["h.dev_support"],
    *(_IW[f"iw.{name}"] for name in ("wage", "business", "property", "transfer", "expense", "per_capita")),
    _IW["iw.self_paid"],
    _H["h.water_safe"],
    *(
        _MS[f"ms.{name}"]
        for name in (
            "产业帮扶",
            "就业帮扶",
            "金融帮扶",
            "公益岗位帮扶",
            "健康帮扶",
            "其他教育帮扶",
            "义务教育保障",
            "综合保障",
            "住房安全保障",
            "饮水安全保障",
            "社会帮扶",
            "搬迁",
        )
    ),
    _H["h.collector"],
    _H["h.collector_phone"],
    field_column(AFTER_ELIMINATION, "h.after_per_capita"),
    *(c for c in AFTER_ELIMINATION if c.field != "h.after_per_capita"),
    # what the export lacks
    GROUP,
    HOUSEHOLD_PHONE,
    PEOPLE,
    _H["h.house_unsafe"],
    _MS["ms.生产生活条件改善"],
    _MS["ms.基础设施建设"],
    INCOME_YEAR,
    *(_IW[f"iw.{name}"] for name in ("dibao", "tekun", "claims", "net", "gross")),
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


_DERIVED = (SEQ, HEAD_NAME, HEAD_ID, PEOPLE, HELPER_NAME, HELPER_PHONE, BIRTH_YEAR)

# What a household carries besides its own fields, on a 户 sheet as on a member-level export.
HOUSEHOLD_EXTRAS = (*AFTER_ELIMINATION, INCOME_YEAR, *WIDE_INCOME, *MEASURE_LISTS)

HOUSEHOLD_SHEET = SheetKind(
    "household",
    "户",
    HOUSEHOLD_COLUMNS,
    _accept(HOUSEHOLD_COLUMNS, HOUSEHOLD_EXTRAS, (DATA_DATE,), _DERIVED),
    ("户台账", "户信息", "农户", "户表"),
)
MEMBER_SHEET = SheetKind(
    "member",
    "成员",
    MEMBER_COLUMNS,
    _accept(
        MEMBER_COLUMNS,
        MEMBER_LEDGER_COLUMNS,
        MONITORING_COLUMNS,
        HOUSEHOLD_FIELDS,
        HOUSEHOLD_EXTRAS,
        AREA,
        (DATA_DATE,),
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
    C("问题来源", "t.source", K.CODE, "来源", codes="问题来源", width=16, required=True),
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
    C("整改目标", "t.target", K.TEXT, width=24),
    C("责任领导", "t.leader", K.TEXT, "分管领导", width=20),
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

# 户台账: the 户 sheet with everything else a household carries (the latest year's income by category,
# measures by category, the 风险消除后 figures) and its helper: every household-level field, once.
HOUSEHOLD_LEDGER_COLUMNS = (
    SEQ,
    *HOUSEHOLD_COLUMNS[:6],
    PEOPLE,
    *HOUSEHOLD_FIELDS,
    *HOUSEHOLD_EXTRAS,
    HELPER_NAME,
    HELPER_PHONE,
)

# 待采集清单: one row per household whose sources lacked facts (domain.collect).
COLLECT_COLUMNS = (
    SEQ,
    C("行政村", "x.village", width=10),
    C("自然村(组)", "x.group", width=10),
    HOUSEHOLD_NUMBER,
    C("户主姓名", "x.head_name", K.NAME, width=9),
    C("待采集项数", "x.count", K.INTEGER, width=8),
    C("待采集信息", "x.facts", width=90),
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
    C("依据", "x.source", width=40),
)


@dataclass(frozen=True, slots=True)
class Ledger:
    """One sheet: a title line, the columns and the rows (values in column order, as stored)."""

    sheet: str
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[object]]  # and after the columns' values, the print view's extra values
    count: int = 0  # rows, for progress (0 when unknown)
    print_view: PrintView | None = None  # the 打印 sheet written beside it (excel.print_layout)
