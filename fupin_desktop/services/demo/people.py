"""Demo households and their members: family shapes, ages, IDs and coded fields in believable
proportions. Plain dicts ready for bulk insert; ids are assigned here."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from fupin_desktop.domain import idcard
from fupin_desktop.services.demo import names

SCHOOL_BY_AGE = {
    3: "学前教育", 4: "学前教育", 5: "学前教育", 6: "小学", 7: "小学", 8: "小学", 9: "小学", 10: "小学",
    11: "小学", 12: "七年级", 13: "八年级", 14: "九年级", 15: "普通高中一年级", 16: "普通高中二年级",
    17: "普通高中三年级", 18: "本科一年级", 19: "本科二年级", 20: "本科三年级", 21: "本科四年级",
}  # fmt: skip
VOCATIONAL = {
    15: "中职一年级",
    16: "中职二年级",
    17: "中职三年级",
    18: "高职高专一年级",
    19: "高职高专二年级",
}

SIZE_WEIGHTS = ((1, 9), (2, 17), (3, 22), (4, 25), (5, 15), (6, 8), (7, 3), (8, 1))


@dataclass
class Person:
    name: str
    sex: str
    born: date
    relation: str
    id_number: str
    member: dict = field(default_factory=dict)


class IdFactory:
    """Valid, unique ID numbers; the sequence's parity follows the sex."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def make(self, born: date, sex: str, area: str | None = None) -> str:
        area = area or self.rng.choice(names.AREA_CODES)
        while True:
            seq = self.rng.randrange(0, 500) * 2 + (1 if sex == "男" else 0)
            number = idcard.make(area, born, seq)
            if number not in self.used:
                self.used.add(number)
                return number


def _birth(rng: random.Random, today: date, age: int) -> date:
    # A random day within the year the person is `age` years old on `today`.
    latest = date(today.year - age, today.month, min(today.day, 28))
    return latest - timedelta(days=rng.randrange(1, 364))


def _age(born: date, today: date) -> int:
    return idcard.age_on(born, today)


def family(rng: random.Random, ids: IdFactory, today: date) -> list[Person]:
    """One household's people: a head, maybe a spouse, children, parents, grandchildren."""
    size = rng.choices([s for s, _ in SIZE_WEIGHTS], [w for _, w in SIZE_WEIGHTS])[0]
    family_name = names.surname(rng)
    people: list[Person] = []

    def add(relation: str, sex: str, age: int, same_surname: bool = True) -> Person:
        born = _birth(rng, today, max(age, 0))
        sur = family_name if same_surname else names.surname(rng)
        person = Person(sur + names.given_name(rng, sex, born.year), sex, born, relation, ids.make(born, sex))
        people.append(person)
        return person

    if size == 1:
        head_age = rng.randint(55, 88)
    elif size == 2:
        head_age = rng.randint(45, 85)
    else:
        head_age = rng.randint(30, 68)
    head_sex = "男" if rng.random() < 0.86 else "女"
    head = add("户主", head_sex, head_age)
    remaining = size - 1
    if remaining and (size > 2 or rng.random() < 0.75):
        add("配偶", "女" if head_sex == "男" else "男", max(22, head_age + rng.randint(-6, 4)), False)
        remaining -= 1
    if remaining and head_age < 52 and rng.random() < 0.35:
        add("之母", "女", head_age + rng.randint(22, 32), True)
        remaining -= 1
    children = []
    while remaining > 0:
        child_age = head_age - rng.randint(21, 36)
        if child_age < 0:
            child_age = rng.randint(0, 3)
        sex = rng.choice("男女")
        children.append(add("之子" if sex == "男" else "之女", sex, child_age))
        remaining -= 1
        adult_sons = [c for c in children if c.relation == "之子" and _age(c.born, today) >= 24]
        if remaining >= 2 and adult_sons and rng.random() < 0.5:
            son = adult_sons[0]
            son_age = _age(son.born, today)
            add("之儿媳", "女", son_age + rng.randint(-3, 2), False)
            remaining -= 1
            grandchild_age = max(0, son_age - rng.randint(22, 30))
            sex = rng.choice("男女")
            add("之孙子" if sex == "男" else "之孙女", sex, grandchild_age)
            remaining -= 1
    assert head is people[0]
    return people


def fill_member(rng: random.Random, person: Person, today: date) -> dict:
    """The member's coded fields, consistent with age and health."""
    age = _age(person.born, today)
    m: dict = {
        "name": person.name,
        "sex": person.sex,
        "birth_date": person.born,
        "id_type": "身份证",
        "id_number": person.id_number,
        "ethnicity": "汉族" if rng.random() < 0.7 else rng.choice(("苗族", "彝族", "布依族", "土家族")),
        "relation": person.relation,
        "political_status": "群众",
        "status": "在册",
    }
    if 14 <= age <= 28 and rng.random() < 0.35:
        m["political_status"] = "共青团员"
    elif age >= 30 and rng.random() < 0.05:
        m["political_status"] = "中共党员"

    r = rng.random()
    if (age >= 65 and r < 0.25) or r < 0.08:
        health = "长期慢性病"
    elif r < 0.10 + (0.03 if age > 50 else 0):
        health = "患有大病"
    elif r < 0.145:
        health = "残疾"
    else:
        health = "健康"
    m["health"] = health
    if health == "残疾":
        m["disability_category"] = rng.choice(("肢体残疾", "视力残疾", "听力残疾", "智力残疾", "精神残疾"))
        m["disability_grade"] = rng.choice(("一级", "二级", "三级", "四级"))

    in_school = False
    if 3 <= age <= 21:
        stays = age <= 17 or rng.random() < 0.4
        if stays:
            in_school = True
            m["school_status"] = (
                VOCATIONAL[age] if age in VOCATIONAL and rng.random() < 0.3 else SCHOOL_BY_AGE[age]
            )
    elif age < 3:
        m["school_status"] = "学龄前儿童"
        in_school = True
    if not in_school:
        if age >= 70:
            m["education"] = rng.choice(("文盲或半文盲", "文盲或半文盲", "小学"))
        elif age >= 45:
            m["education"] = rng.choice(("文盲或半文盲", "小学", "小学", "初中"))
        elif age >= 23:
            m["education"] = rng.choice(("小学", "初中", "初中", "初中", "高中", "大专"))
        else:  # grew up under 九年义务教育
            m["education"] = rng.choice(("初中", "初中", "高中", "大专"))

    if age < 16 or in_school:
        skill = "无劳动力"
    elif age >= 70 or (health == "残疾" and m.get("disability_grade") in ("一级", "二级")):
        skill = "丧失劳动力"
    elif age >= 60 or (health in ("患有大病", "残疾", "长期慢性病") and rng.random() < 0.5):
        skill = "弱劳动力或半劳动力"
    else:
        skill = "技能劳动力" if rng.random() < 0.12 else "普通劳动力"
    m["labour_skill"] = skill

    if skill in ("普通劳动力", "技能劳动力") and rng.random() < 0.62:
        status = rng.choices(("乡(镇)内务工", "乡(镇)外县内务工", "县外省内务工", "省外务工"), (2, 2, 2, 4))[
            0
        ]
        m["work_status"] = status
        m["work_place"] = rng.choice(names.WORK_PLACES[status])
        m["work_months"] = float(rng.randint(4, 12))
        m["work_company"] = rng.choice(names.COMPANIES)
        m["work_abroad"] = False

    m["ins_resident_medical"] = rng.random() < 0.985
    m["ins_employee_medical"] = not m["ins_resident_medical"]
    m["ins_critical_illness"] = m["ins_resident_medical"]
    m["ins_commercial"] = rng.random() < 0.08
    m["pension_resident"] = age >= 16 and not in_school and rng.random() < 0.93
    m["pension_employee"] = False
    m["dibao"] = False
    m["tekun"] = False
    if person.relation == "户主" or (age >= 18 and rng.random() < 0.5):
        m["phone"] = names.mobile(rng)
    return m
