"""The demo's planted cases: one household for each data check, changed so that the check finds it —
the mistakes and gaps inspectors find — while every other household stays consistent.

A plant (`@plant(code, text)`, in `plants_people` and `plants_monitoring`) gets a `Plot`: one household
picked for it and helpers that keep the rest of the household believable (a member given another age
gets a matching ID number, a 监测对象 gets a category that fits its 户类型, an income that is above the
line). It returns the member it names, or None. Plants run in registry order on households drawn
from the pool in one draw, so a seed always plants the same cases on the same households.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from fupin_desktop.domain.checks.policy import SUBSIDY_FROM, SUBSIDY_UNTIL
from fupin_desktop.domain.collect import AFTER_FIELDS
from fupin_desktop.services.demo.households import DemoHousehold, after_elimination
from fupin_desktop.services.demo.people import IdFactory

FULL_LABOUR = ("普通劳动力", "技能劳动力")
WORK_FIELDS = (
    "work_status",
    "work_place",
    "work_months",
    "work_company",
    "public_post",
    "public_post_months",
)


@dataclass(frozen=True, slots=True)
class DeliberateError:
    household: str  # 户编号
    member: str  # name, or "" for a household-level error
    kind: str  # the code of the check that finds it
    description: str  # Chinese


@dataclass
class Plot:
    """One household picked for a plant, and what a plant needs to change it believably."""

    h: dict
    demo: DemoHousehold
    today: date
    ids: IdFactory
    area: str
    line: float  # the latest year's 监测范围
    years: tuple[int, int]  # (previous, latest) assessed years
    others: list[dict] = field(default_factory=list)  # more households a plant changes (a shared phone)

    @property
    def members(self) -> list[dict]:
        return self.demo.members

    @property
    def head(self) -> dict:
        return self.members[0]

    def member(self, n: int) -> dict:
        return self.members[min(n, len(self.members) - 1)]

    def reshape(self, m: dict, age: int, **fields: object) -> dict:
        """Give `m` the age `age` today, with a matching birth date and ID number, and `fields`."""
        day = min(self.today.day, 28)
        born = date(self.today.year - age, self.today.month, day) - timedelta(days=30)
        sex = str(fields.get("sex", m["sex"]))
        m.update(birth_date=born, id_number=self.ids.make(born, sex, self.area), sex=sex)
        school = fields.get("school_status")
        if school:
            m.update(education=None, labour_skill="无劳动力", pension_resident=False)
        m.update(fields)
        return m

    def child(self, m: dict, age: int, **fields: object) -> dict:
        """`m` as the head's child of `age`, in school unless `fields` says otherwise."""
        relation = "之子" if m["sex"] == "男" else "之女"
        values: dict = {"relation": relation, "labour_skill": "无劳动力", "dropout_reason": None}
        values["school_status"] = None
        values.update(education=None, pension_resident=False, phone=None)
        for name in WORK_FIELDS:
            values[name] = None
        return self.reshape(m, age, **{**values, **fields})

    def work(self, m: dict, status: str, place: str, months: float | None = 8.0) -> dict:
        m.update(work_status=status, work_place=place, work_months=months, work_company="建筑工地")
        m["work_abroad"] = False
        return m

    def no_work(self) -> None:
        for m in self.members:
            for name in WORK_FIELDS:
                m[name] = None

    # ---------------------------------------------------------------- measures and income

    def measure(self, category: str, item: str, content: str = "", amount: float | None = None) -> None:
        start = date(self.years[1], 3, 1)
        self.demo.measures.append(
            {
                "category": category,
                "item": item,
                "content": content or item,
                "amount": amount,
                "start_date": start,
                "year": start.year,
            }
        )

    def drop_measures(self, *categories: str) -> None:
        """Remove the measures of `categories` (all when none is given)."""
        self.demo.measures = [m for m in self.demo.measures if categories and m["category"] not in categories]

    def income(
        self,
        per_capita: float,
        *,
        business: bool = True,
        wage: float | None = None,
        self_paid: float | None = None,
        previous: float | None = None,
    ) -> None:
        """Both years' income at `per_capita` (`previous` for the earlier year), transfers kept; the
        rest earned by work (`wage` of it, else 60 %) and farming, or by work alone."""
        people = sum(1 for m in self.members if m["status"] == "在册")
        for year, amount in zip(self.years, (previous or per_capita, per_capita), strict=True):
            lines = [line for line in self.demo.incomes.get(year, []) if line[0] == "转移性收入"]
            rest = max(amount * people - sum(line[2] for line in lines), amount * people * 0.4)
            earned = rest if not business else rest * 0.6 if wage is None else wage
            lines.append(("工资性收入", "务工收入" if earned >= 1000 else "零工", round(earned, 2), ""))
            if business:
                gross = round((rest - earned) / 0.8, 2)
                lines.append(("生产经营性收入", "种植业", gross, "玉米、蔬菜"))
                lines.append(("生产经营性支出", "种植业", round(gross * 0.2, 2), "种子化肥"))
            if self_paid:
                lines.append(("合规自付支出", "医疗自付", self_paid, "医保报销后自付"))
            self.demo.incomes[year] = lines
        if self.h.get("risk_eliminated"):
            after_elimination(self.demo)

    # ---------------------------------------------------------------- monitoring

    def monitor(
        self,
        *,
        eliminated: bool = False,
        risks: tuple[str, ...] = ("因意外事故",),
        identified: date | None = None,
        months: int | None = None,
        method: str = "帮扶消除",
    ) -> None:
        """Make the household a consistent 监测对象 — a category its 户类型 allows, risks, 开发式帮扶
        实施, an 产业帮扶 measure, an income above the line — keeping the dates and category it has
        (a monitored household keeps its place in the township's history)."""
        h = self.h
        ordinary = h["household_type"] == "一般农户"
        category = h.get("monitor_category") or ("边缘易致贫户" if ordinary else "脱贫不稳定户")
        start = identified or h.get("identified_on") or date(self.today.year - 4, 6, 1)
        ended = h.get("eliminated_on") if months is None else None
        if eliminated and ended is None:
            y, mo = divmod(start.month - 1 + (months or 9), 12)
            ended = date(start.year + y, mo + 1, 1)
        h.update(
            monitor_category=category,
            identified_on=start,
            risk_eliminated=eliminated,
            elimination_method=method if eliminated else None,
            eliminated_on=ended if eliminated else None,
            dev_support="已实施",
            no_labour_guarantee=False,
        )
        self.demo.risks = list(risks)
        self.demo.programs = [p for p in self.demo.programs if p["program"] != "监测对象"]
        self.demo.programs.append(
            {
                "program": "监测对象",
                "category": category,
                "start_date": start,
                "end_date": h["eliminated_on"],
                "end_reason": "风险消除" if eliminated else None,
            }
        )
        self.drop_measures()
        self.measure("产业帮扶", "产业奖补", "发展特色种养殖奖补", 2000.0)
        if identified is None and SUBSIDY_FROM <= start < SUBSIDY_UNTIL:
            self.measure("健康帮扶", "城乡居民基本医疗保险个人缴费补贴", "参保个人缴费部分由财政资助", 350.0)
        if not eliminated:
            for name in AFTER_FIELDS:
                h[name] = None
        self.income(self.line * 1.4)


Plant = Callable[[Plot], dict | None]


@dataclass(frozen=True, slots=True)
class PlantDef:
    code: str
    text: str
    function: Plant
    monitored: bool  # planted on a 监测对象 (drawn from the monitored households first)
    eliminated: bool  # … whose risk is eliminated


PLANTS: list[PlantDef] = []
PAIRED = ("id_duplicate", "phone_shared")  # plants that change a second household


def plant(
    code: str, text: str, *, monitored: bool = False, eliminated: bool = False
) -> Callable[[Plant], Plant]:
    def register(function: Plant) -> Plant:
        PLANTS.append(PlantDef(code, text, function, monitored or eliminated, eliminated))
        return function

    return register


def _fits(h: dict, demo: DemoHousehold) -> bool:
    """A household a plant can change without tripping other checks: three or more members, someone
    who can work, nobody on 低保/特困, disabled or at a vocational school."""
    members = demo.members
    return (
        len(members) >= 3
        and any(m["labour_skill"] in FULL_LABOUR for m in members)
        and not any(m.get("dibao") or m.get("tekun") or m["health"] == "残疾" for m in members)
        and not any((m.get("school_status") or "").startswith(("中职", "高职")) for m in members)
    )


def plant_all(
    rng: random.Random,
    households: list[dict],
    by_household: dict[int, DemoHousehold],
    *,
    today: date,
    ids: IdFactory,
    area: str,
    line: float,
    years: tuple[int, int],
) -> list[DeliberateError]:
    """Every plant on its own household (as many as the township has households that fit)."""
    from fupin_desktop.services.demo import plants_monitoring, plants_people  # noqa: F401  (registers)

    # Households identified or eliminated in the last year stay as they are: they are the township's
    # recent events (公示名单, the briefing's 本期).
    recent = date(today.year - 1, today.month, 1)
    fitting = [
        h
        for h in households
        if _fits(h, by_household[h["id"]])
        and not any(h.get(name) and h[name] >= recent for name in ("identified_on", "eliminated_on"))
    ]
    drawn = rng.sample(fitting, len(fitting))
    monitored = {
        state: [h for h in drawn if h.get("monitor_category") and bool(h.get("risk_eliminated")) is state]
        for state in (False, True)
    }
    plain = [h for h in drawn if not h.get("monitor_category")]
    errors: list[DeliberateError] = []
    for p in PLANTS:
        alike = monitored[p.eliminated]
        pool = alike if (p.monitored and alike) or not plain else plain
        if len(pool) < (2 if p.code in PAIRED else 1):
            continue  # a small township: no household left for this one
        h = pool.pop()
        plot = Plot(h, by_household[h["id"]], today, ids, area, line, years)
        if p.code in PAIRED:
            other = pool.pop()
            plot.others.append({"row": other, "demo": by_household[other["id"]]})
        named = p.function(plot)
        errors.append(DeliberateError(h["number"], named["name"] if named else "", p.code, p.text))
        for other in plot.others:
            errors.append(DeliberateError(other["row"]["number"], other.get("name", ""), p.code, p.text))
    return errors
