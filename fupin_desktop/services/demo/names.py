"""Word lists for the demo township: believable names, places and units."""

from __future__ import annotations

import random

# Common surnames, weighted roughly by frequency in rural south-west China.
SURNAMES = (
    ("王", 9),
    ("李", 9),
    ("张", 8),
    ("刘", 6),
    ("陈", 6),
    ("杨", 7),
    ("黄", 4),
    ("赵", 3),
    ("吴", 4),
    ("周", 3),
    ("徐", 2),
    ("孙", 2),
    ("马", 2),
    ("朱", 2),
    ("胡", 2),
    ("郭", 2),
    ("何", 3),
    ("罗", 4),
    ("高", 2),
    ("林", 1),
    ("龙", 3),
    ("熊", 2),
    ("田", 2),
    ("邓", 2),
    ("彭", 2),
    ("曾", 1),
    ("肖", 1),
    ("谢", 1),
    ("宋", 1),
    ("韩", 1),
    ("唐", 2),
    ("冯", 1),
    ("蒋", 1),
    ("潘", 1),
    ("余", 1),
    ("卢", 1),
)
_SURNAME_POOL = [s for s, w in SURNAMES for _ in range(w)]

MALE_CHARS = "国建明军华平志伟永林德强文东海春成兴福祥贵富荣光清勇涛斌鹏飞俊浩杰宇晨"
FEMALE_CHARS = "秀兰英芳玉珍丽梅霞红燕琴凤华敏静娟艳萍桂莲翠云慧婷雪颖欣怡琳"
ELDER_MALE = ("德福", "长贵", "发财", "正清", "明山", "永昌", "树林", "国富", "友才", "开元")
ELDER_FEMALE = ("秀英", "桂兰", "玉珍", "凤英", "翠花", "素芬", "淑珍", "金莲", "月娥", "二妹")

VILLAGES = (
    "清水村",
    "柳湾村",
    "杨家坪村",
    "石门村",
    "青龙村",
    "白岩村",
    "桃园村",
    "新寨村",
    "马鞍村",
    "龙潭村",
    "红岩村",
    "凤凰村",
)
GROUP_NAMES = (
    "上寨组",
    "下寨组",
    "大湾组",
    "小湾组",
    "坪上组",
    "河边组",
    "岩脚组",
    "松林组",
    "中寨组",
    "新屋组",
)

COUNTY = "云岭县"
TOWNSHIP = "清水镇"
PROVINCE = "示范省"
AREA_CODES = ("522425", "522425", "522425", "522425", "522424", "522426", "520222")  # birth places

COUNTY_UNITS = (
    "县农业农村局",
    "县教育局",
    "县卫生健康局",
    "县人力资源和社会保障局",
    "县财政局",
    "县水务局",
    "县住房和城乡建设局",
    "县民政局",
    "县自然资源局",
    "县交通运输局",
    "县林业局",
    "县医疗保障局",
    "县乡村振兴服务中心",
    "县供电局",
    "县农村信用合作联社",
)
TOWNSHIP_UNITS = ("镇人民政府", "镇卫生院", "镇中心学校", "镇农业服务中心", "镇财政所", "镇派出所")
TITLES_COUNTY = ("科员", "副局长", "股长", "办公室主任", "干部", "站长")
TITLES_TOWNSHIP = ("镇党委委员", "副镇长", "干部", "站所长", "办事员")
TITLES_VILLAGE = ("村党支部书记", "村委会主任", "村委会副主任", "村监委主任", "村文书", "村民小组长")

# Where people work, by 务工状况 (a place that agrees with the status).
WORK_PLACES = {
    "乡(镇)内务工": ("本镇工业园", "本镇集镇", "本镇农业园区"),
    "乡(镇)外县内务工": ("本县城关镇", "县城工业园区"),
    "县外省内务工": ("本省省会", "示范省州府"),
    "省外务工": ("广东省东莞市", "浙江省宁波市", "福建省泉州市", "江苏省苏州市", "广东省深圳市"),
}
COMPANIES = ("电子厂", "建筑工地", "制鞋厂", "物流公司", "餐饮店", "服装厂", "家政公司", "农业合作社")


def surname(rng: random.Random) -> str:
    return rng.choice(_SURNAME_POOL)


def given_name(rng: random.Random, sex: str, birth_year: int) -> str:
    if birth_year < 1955 and rng.random() < 0.6:
        return rng.choice(ELDER_MALE if sex == "男" else ELDER_FEMALE)
    chars = MALE_CHARS if sex == "男" else FEMALE_CHARS
    if rng.random() < 0.25:
        return rng.choice(chars)
    return rng.choice(chars) + rng.choice(chars)


def mobile(rng: random.Random) -> str:
    return rng.choice(("13", "15", "18", "17", "19")) + f"{rng.randrange(10**9):09d}"
