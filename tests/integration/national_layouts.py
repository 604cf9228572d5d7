"""Workbooks laid out exactly like four real national-system exports (issue 14), with realistic rows:

- A: the member-level export of 47 columns (XlsxWriter; also as .xls by xlwt and as a GBK .csv);
- B: the 2022 边缘易致贫人口名单 (a title row, dates as YYYYMM, a 20-digit 残疾人证 number in 证件号码);
- C: 国办 poverty-household data (legacy 致贫原因 such as 缺技术, the year in the file name; openpyxl);
- D: the 2023+ 防止返贫监测对象基础信息 (a title row with the date, 享受低保政策情况, wide income and measure
  columns, the 风险消除后… columns and the columns a county's rule engine reads; XlsxWriter).

Each builder returns the path; the rows are module constants so tests can say what must come back.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import xlsxwriter
import xlwt

from fupin_desktop.domain import idcard

PROVINCE, CITY, COUNTY, TOWNSHIP = "贵州省", "黔南布依族苗族自治州", "长顺县", "广顺镇"
AREA = "522729"


def words(text: str) -> list[str]:
    """Headers as the issue lists them, space-separated."""
    return text.split()


def pid(born: date, seq: int) -> str:
    return idcard.make(AREA, born, seq)


# ---------------------------------------------------------------- A: member export, 47 columns

A_HEADER = words(
    "省 市 县 乡 村 户编号 人口编号 姓名 性别 出生日期 证件类型 证件号码 民族 户联系电话 成员联系电话 年度 与户主关系 "
    "文化程度 在校生状况 劳动技能 务工时间（月） 健康状况 政治面貌 务工企业名称 是否享受低保 是否参加城镇职工基本养老保险 "
    "是否参加大病保险 是否参加新型农村合作医疗（城乡居民基本医疗保险） 是否参加城乡居民基本养老保险 失学或辍学原因 "
    "是否会讲普通话 是否参加商业补充医疗保险 是否国外务工 产业分类 是否接受大病医疗救助 是否接受其他健康扶贫 "
    "公益性岗位类型 公益性岗位(月数) 就业渠道 残疾类别 务工所在地 户主姓名 户主证件号码 是否参加城镇职工基本医疗保险 "
    "是否特困供养人员 残疾证办证年度 识别标准"
)
assert len(A_HEADER) == 47

LEGACY_ID = "522729680312001"  # 15 digits: 1968-03-12
# fmt: off
A_PEOPLE = [
    # number, person, name, sex, born, id, relation, education, school, labour, months, health, work place,
    # company, post, post months, channel, disability, industry
    (
        "52272900100100001", "01", "张国富", "男", date(1968, 3, 12), pid(date(1968, 3, 12), 11), "户主", "初中", "",
        "普通劳动力", "10", "健康", "浙江省宁波市", "宁波某电子厂", "", "", "自主务工", "", "种植业",
    ),
    (
        "52272900100100001", "02", "李秀兰", "女", date(1970, 6, 2), pid(date(1970, 6, 2), 22), "配偶", "小学", "",
        "普通劳动力", "", "长期慢性病", "", "", "生态护林员", "12", "公益性岗位", "", "养殖业",
    ),
    (
        "52272900100100001", "03", "张小明", "男", date(2013, 9, 1), pid(date(2013, 9, 1), 31), "之子", "", "七年级",
        "无劳动力", "", "健康", "", "", "", "", "", "", "",
    ),
    (
        "52272900100100002", "01", "王德才", "男", date(1968, 3, 12), LEGACY_ID, "户主", "小学", "", "弱劳动力或半劳动力", "",
        "患有大病", "", "", "", "", "", "", "种植业",
    ),
    (
        "52272900100100002", "02", "王小芳", "女", date(1998, 1, 20), pid(date(1998, 1, 20), 42), "之女", "大专", "",
        "技能劳动力", "11", "健康", "广东省深圳市", "深圳某物流公司", "", "", "劳务输出", "", "",
    ),
    (
        "52272900100100003", "01", "陈光明", "男", date(1955, 11, 8), pid(date(1955, 11, 8), 51), "户主", "文盲或半文盲",
        "", "丧失劳动力", "", "残疾", "", "", "", "", "", "肢体残疾", "",
    ),
]
# fmt: on
A_VILLAGE = {"52272900100100001": "石洞村", "52272900100100002": "石洞村", "52272900100100003": "新寨村"}
A_PHONE = {
    "52272900100100001": "13985400001",
    "52272900100100002": "13985400002",
    "52272900100100003": "13985400003",
}


def a_rows() -> list[list[object]]:
    heads = {p[0]: p for p in A_PEOPLE if p[6] == "户主"}
    rows = []
    for (
        number,
        person,
        name,
        sex,
        born,
        number_id,
        relation,
        education,
        school,
        labour,
        months,
        health,
        place,
        company,
        post,
        post_months,
        channel,
        disability,
        industry,
    ) in A_PEOPLE:
        head = heads[number]
        rows.append(
            [
                PROVINCE,
                CITY,
                COUNTY,
                TOWNSHIP,
                A_VILLAGE[number],
                number,
                number + person,
                name,
                sex,
                f"{born:%Y%m%d}",
                "身份证",
                number_id,
                "布依族" if number.endswith("3") else "汉族",
                A_PHONE[number],
                f"1398540{int(number[-1]):02d}{person}",
                "2021",
                relation,
                education,
                school,
                labour,
                months,
                health,
                "群众",
                company,
                "否",
                "否",
                "是",
                "是",
                "是" if born.year < 2008 else "否",
                "",
                "是",
                "否",
                "否",
                industry,
                "是" if health == "患有大病" else "否",
                "否",
                post,
                post_months,
                channel,
                disability,
                place,
                head[2],
                head[5],
                "否",
                "否",
                "2019" if disability else "",
                "国家标准",
            ]
        )
    return rows


def write_a(path: Path) -> Path:
    _xlsxwriter(path, [("人口信息", [], A_HEADER, a_rows())])
    return path


def write_a_xls(path: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("人口信息")
    for c, header in enumerate(A_HEADER):
        sheet.write(0, c, header)
    for r, row in enumerate(a_rows(), start=1):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_a_csv(path: Path) -> Path:
    """As Excel on a Chinese Windows saves CSV: GBK ("ANSI"), CRLF."""
    with path.open("w", encoding="gbk", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(A_HEADER)
        writer.writerows(a_rows())
    return path


# ---------------------------------------------------------------- B: 边缘易致贫人口名单 (2022)

B_HEADER = words(
    "序号 县(市、区、旗) 乡(镇) 行政村 自然村 户编号 人编号 姓名 证件号码 人数 与户主关系 民族 文化程度 在校生状况 "
    "健康状况 劳动技能 务工时间（月） 是否参加大病保险 致贫原因1 危房户 是否解决安全饮用水 人均纯收入 户联系电话 人联系电话 "
    "首次识别时间 人员识别时间 户类型 易返贫致贫户(监测对象)类型 风险是否消除 风险识别时间 风险消除时间"
)
CARD_HOLDER = pid(date(1979, 4, 5), 61)
DISABILITY_CARD_20 = CARD_HOLDER + "42"  # 肢体残疾 二级
# fmt: off
B_HOUSEHOLDS = [
    # number, group, risk, 危房户, 饮水, 人均, people: (name, id, relation, health, labour, school, education)
    (
        "52272900100200001", "一组", "因病", "否", "是", "5800.00",
        [
            ("刘福贵", pid(date(1962, 2, 14), 71), "户主", "患有大病", "弱劳动力或半劳动力", "", "小学"),
            ("刘春燕", DISABILITY_CARD_20, "之女", "残疾", "弱劳动力或半劳动力", "", "初中"),
        ],
    ),
    (
        "52272900100200002", "二组", "因安全住房", "是", "是", "6100.00",
        [
            ("杨老三", pid(date(1958, 7, 30), 81), "户主", "长期慢性病", "普通劳动力", "", "小学"),
            ("杨翠花", pid(date(1961, 12, 1), 82), "配偶", "健康", "普通劳动力", "", "文盲或半文盲"),
        ],
    ),
    (
        "52272900100200003", "二组", "因安全饮水", "否", "否", "6300.00",
        [
            ("吴金山", pid(date(1975, 5, 5), 91), "户主", "健康", "普通劳动力", "", "初中"),
            ("吴小雨", pid(date(2010, 3, 3), 92), "之女", "健康", "无劳动力", "八年级", ""),
        ],
    ),
]
# fmt: on


def b_rows() -> list[list[object]]:
    rows: list[list[object]] = []
    for number, group, risk, unsafe, water, income, people in B_HOUSEHOLDS:
        for k, (name, number_id, relation, health, labour, school, education) in enumerate(people, start=1):
            rows.append(
                [
                    len(rows) + 1,
                    COUNTY,
                    TOWNSHIP,
                    "石洞村",
                    group,
                    number,
                    f"{number}{k:02d}",
                    name,
                    number_id,
                    len(people),
                    relation,
                    "汉族",
                    education,
                    school,
                    health,
                    labour,
                    "",
                    "是",
                    risk,
                    unsafe,
                    water,
                    income,
                    "1398541" + number[-4:],
                    "",
                    "202203",
                    "202203",
                    "一般农户",
                    "边缘易致贫户",
                    "否",
                    "202203",
                    "",
                ]
            )
    return rows


def write_b(path: Path) -> Path:
    _xlsxwriter(path, [("边缘易致贫人口", ["2022年边缘易致贫人口名单"], B_HEADER, b_rows())])
    return path


# ---------------------------------------------------------------- C: 国办 poverty-household data

C_HEADER = words(
    "省 市 县 乡 村 组 户编号 姓名 性别 证件号码 与户主关系 民族 文化程度 在校生状况 健康状况 劳动技能 务工状况 "
    "务工时间（月） 参加大病医疗 脱贫属性 脱贫年度 贫困户属性 主要致贫原因 危房户 饮水安全 饮水困难 人均纯收入 联系电话"
)
# fmt: off
C_PEOPLE = [
    (
        "52272900100300001", "三组", "罗开明", "男", pid(date(1972, 8, 8), 101), "户主", "初中", "", "健康", "普通劳动力",
        "省外务工", "9", "已脱贫", "2019", "一般贫困户", "缺技术", "否", "是", "否", "9200",
    ),
    (
        "52272900100300001", "三组", "罗秀英", "女", pid(date(1974, 1, 9), 102), "配偶", "小学", "", "健康", "普通劳动力",
        "乡(镇)内务工", "6", "已脱贫", "2019", "一般贫困户", "缺技术", "否", "是", "否", "9200",
    ),
    (
        "52272900100300002", "三组", "韦大海", "男", pid(date(1966, 10, 10), 111), "户主", "小学", "", "长期慢性病",
        "弱劳动力或半劳动力", "", "", "已脱贫", "2020", "低保贫困户", "缺资金", "否", "是", "否", "7600",
    ),
]
# fmt: on


def write_c(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "贫困户信息"
    sheet.append(C_HEADER)
    for (
        number,
        group,
        name,
        sex,
        number_id,
        relation,
        education,
        school,
        health,
        labour,
        status,
        months,
        exit_state,
        exit_year,
        kind,
        cause,
        unsafe,
        water,
        hard,
        income,
    ) in C_PEOPLE:
        sheet.append(
            [
                PROVINCE,
                CITY,
                COUNTY,
                TOWNSHIP,
                "新寨村",
                group,
                number,
                name,
                sex,
                number_id,
                relation,
                "汉族",
                education,
                school,
                health,
                labour,
                status,
                months,
                "是",
                exit_state,
                exit_year,
                kind,
                cause,
                unsafe,
                water,
                hard,
                income,
                "1398542" + number[-4:],
            ]
        )
    book.save(path)
    return path


# ---------------------------------------------------------------- D: 防止返贫监测对象基础信息 (2023+)

D_TITLE = "防止返贫监测对象基础信息（截至2023年12月18日）"
D_RISKS = [f"致贫/返贫风险{i}" for i in range(1, 6)]
D_MEASURES = words(
    "产业帮扶 就业帮扶 金融帮扶 公益性岗位帮扶 健康帮扶 教育帮扶 义务教育保障 综合保障 住房安全保障 饮水安全保障 社会帮扶 搬迁"
)
D_AFTER = words(
    "风险消除后是否义务教育阶段适龄儿童少年失学辍学 风险消除后是否住房损毁 "
    "风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险 风险消除后是否饮水设施损毁 风险消除后工资性收入 "
    "风险消除后财产性收入 风险消除后转移性收入 风险消除后生产经营性收入 风险消除后生产经营性支出 风险消除后家庭纯收入 "
    "风险消除后理赔收入 风险消除后合规自付支出"
)
D_HEADER = [
    *words(
        "省 市 县 乡 户编号 村 人编号 姓名 证件类型 证件号码 与户主关系 户类型 监测对象类别 在校生状况 劳动技能 健康状况"
    ),
    *words(
        "是否参加大病保险 是否参加城乡居民基本医疗保险 享受低保政策情况 享受特困供养政策情况 整户无劳动能力兜底保障户"
    ),
    *D_RISKS,
    *words("因自然灾害子项 风险是否已消除 识别监测时间 风险消除方式 消除监测时间 实施开发式帮扶措施情况"),
    *words(
        "工资性收入 生产经营性收入 财产性收入 转移性收入 生产经营性支出 人均纯收入（元） 合规自付支出 是否解决安全饮用水"
    ),
    *D_MEASURES,
    "信息采集人",
    "信息采集人联系电话",
    "风险消除后家庭人均纯收入",
    *D_AFTER,
    # what a county's rule engine (Gzuwkj/fuping) also reads from the same export
    *words(
        "是否有卫生厕所 是否通生活用电 入户道路是否硬化 与村主干路距离 林果面积（亩） 牧草地面积 水面面积 是否接受医疗救助"
    ),
    *words(
        "家庭纯收入 年收入（元） 义务教育阶段未上学原因 最低生活保障金 特困人员救助供养金 公益性岗位 家庭成员联系电话"
    ),
    "公益性岗位帮扶其他备注",  # a column the program does not know: reported, not imported
]
CARD_22 = pid(date(1986, 9, 9), 131) + "13B1"  # 视力残疾 三级, the card's first issue
D_WORK_RISK = "务工就业不稳"  # the national spelling
# fmt: off
D_HOUSEHOLDS = [
    {
        "number": "52272900100400001", "type": "脱贫户", "category": "脱贫不稳定户", "risks": ["因病", "因学"],
        "disaster": "", "eliminated": "否", "identified": "202303", "method": "", "eliminated_on": "",
        "dev": "已实施", "income": ("20000.00", "5000.00", "0.00", "3000.00", "2000.00", "6500.00", "1200.00"),
        "net": "26000.00", "gross": "28000.00", "dibao": "2400.00", "tekun": "0.00", "water": "是",
        "measures": {
            "产业帮扶": "种植补贴,小额信贷贴息", "健康帮扶": "城乡居民基本医疗保险个人缴费补贴", "教育帮扶": "雨露计划", "综合保障": "低保",
        },
        "people": [
            (
                "周永平", "身份证", pid(date(1972, 2, 2), 121), "户主", "", "普通劳动力", "健康", "农村低保", "不享受",
            ),
            (
                "周李氏", "身份证", pid(date(1974, 4, 4), 122), "配偶", "", "普通劳动力", "患有大病", "农村低保", "不享受",
            ),
            (
                "周小军", "身份证", pid(date(2006, 6, 6), 123), "之子", "中职二年级", "无劳动力", "健康", "农村低保", "不享受",
            ),
            (
                "周小红", "身份证", pid(date(2012, 8, 8), 124), "之女", "八年级", "无劳动力", "健康", "农村低保", "不享受",
            ),
        ],
    },
    {
        "number": "52272900100400002", "type": "一般农户", "category": "边缘易致贫户", "risks": ["因安全住房", D_WORK_RISK],
        "disaster": "", "eliminated": "否", "identified": "202305", "method": "", "eliminated_on": "",
        "dev": "已实施", "income": ("15000.00", "2000.00", "500.00", "800.00", "1000.00", "7000.00", "0.00"),
        "net": "17300.00", "gross": "18300.00", "dibao": "0.00", "tekun": "0.00", "water": "是",
        "measures": {"就业帮扶": "外出务工补贴"},
        "people": [
            (
                "黄德明", "身份证", pid(date(1980, 1, 1), 141), "户主", "", "普通劳动力", "健康", "未享受", "不享受",
            ),
            ("黄晓丽", "残疾人证", CARD_22, "配偶", "", "弱劳动力或半劳动力", "残疾", "未享受", "不享受"),
        ],
    },
    {
        "number": "52272900100400003", "type": "一般农户", "category": "突发严重困难户", "risks": ["因安全饮水", "因自然灾害"],
        "disaster": "洪涝", "eliminated": "是", "identified": "202301", "method": "帮扶消除",
        "eliminated_on": "202309", "dev": "已实施",
        "income": ("9000.00", "3000.00", "0.00", "6000.00", "500.00", "5833.33", "300.00"),
        "net": "17500.00", "gross": "18000.00", "dibao": "0.00", "tekun": "5000.00", "water": "否",
        "measures": {"产业帮扶": "种植补贴", "社会帮扶": "慈善救助"},
        "people": [
            (
                "蒙老大", "身份证", pid(date(1960, 10, 1), 151), "户主", "", "普通劳动力", "健康", "未享受", "农村特困",
            ),
            (
                "蒙二妹", "身份证", pid(date(1963, 3, 3), 152), "配偶", "", "普通劳动力", "长期慢性病", "未享受", "不享受",
            ),
            (
                "蒙小强", "身份证", pid(date(1990, 5, 5), 153), "之子", "", "技能劳动力", "健康", "未享受", "不享受",
            ),
        ],
    },
]
# fmt: on


def d_rows() -> list[list[object]]:
    rows = []
    for h in D_HOUSEHOLDS:
        risks = [*h["risks"], "", "", "", "", ""][:5]
        wage, business, prop, transfer, expense, per_capita, self_paid = h["income"]
        measures = [h["measures"].get(m, "") for m in D_MEASURES]
        eliminated = h["eliminated"] == "是"
        after = ["否", "否", "否", "否", wage, prop, transfer, business, expense, h["net"], "0.00", self_paid]
        for k, (name, id_type, number_id, relation, school, labour, health, dibao, tekun) in enumerate(
            h["people"], start=1
        ):
            rows.append(
                [
                    PROVINCE,
                    CITY,
                    COUNTY,
                    TOWNSHIP,
                    h["number"],
                    "石洞村",
                    f"{h['number']}{k:02d}",
                    name,
                    id_type,
                    number_id,
                    relation,
                    h["type"],
                    h["category"],
                    school,
                    labour,
                    health,
                    "是",
                    "是",
                    dibao,
                    tekun,
                    "否",
                    *risks,
                    h["disaster"],
                    h["eliminated"],
                    h["identified"],
                    h["method"],
                    h["eliminated_on"],
                    h["dev"],
                    wage,
                    business,
                    prop,
                    transfer,
                    expense,
                    per_capita,
                    self_paid,
                    h["water"],
                    *measures,
                    "石洞村委",
                    "13985409999",
                    per_capita if eliminated else "",
                    *(after if eliminated else [""] * len(D_AFTER)),
                    "是",
                    "是",
                    "是",
                    "0.5",
                    "1.5",
                    "0",
                    "0",
                    "否",
                    h["net"],
                    h["gross"],
                    "",
                    h["dibao"],
                    h["tekun"],
                    "",
                    f"1398543{k:04d}",
                    "",
                ]
            )
    return rows


def write_d(path: Path) -> Path:
    _xlsxwriter(path, [("监测对象", [D_TITLE], D_HEADER, d_rows())])
    return path


# ---------------------------------------------------------------- writing


def _xlsxwriter(
    path: Path, sheets: Sequence[tuple[str, list[str], Sequence[str], list[list[object]]]]
) -> None:
    """As the national system writes: every cell text (numbers too), title rows merged across."""
    book = xlsxwriter.Workbook(str(path))
    for name, titles, header, rows in sheets:
        sheet = book.add_worksheet(name)
        for r, title in enumerate(titles):
            sheet.merge_range(r, 0, r, len(header) - 1, title)
        top = len(titles)
        for c, text in enumerate(header):
            sheet.write_string(top, c, text)
        for r, row in enumerate(rows, start=top + 1):
            for c, value in enumerate(row):
                if isinstance(value, int):
                    sheet.write_number(r, c, value)
                elif value != "":
                    sheet.write_string(r, c, str(value))
    book.close()
