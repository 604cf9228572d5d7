"""One demo household with everything it carries: monitoring status, risks, programs, housing and
water, two years of income with line items, and 帮扶措施."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from fupin_desktop.domain import idcard
from fupin_desktop.domain.checks.policy import SUBSIDY_FROM, SUBSIDY_UNTIL
from fupin_desktop.domain.income import IncomeCategory
from fupin_desktop.services.demo.people import Person

COMPULSORY_SCHOOL = ("小学", "七年级", "八年级", "九年级")

W, B, P, T, E = (
    IncomeCategory.WAGE.value,
    IncomeCategory.BUSINESS.value,
    IncomeCategory.PROPERTY.value,
    IncomeCategory.TRANSFER.value,
    IncomeCategory.EXPENSE.value,
)


@dataclass
class DemoHousehold:
    row: dict
    members: list[dict]
    risks: list[str] = field(default_factory=list)
    programs: list[dict] = field(default_factory=list)
    incomes: dict[int, list[tuple[str, str, float, str]]] = field(default_factory=dict)
    measures: list[dict] = field(default_factory=list)
    reported: dict[int, float] = field(default_factory=dict)  # the national system's 人均纯收入 by year


def _month(d: date) -> date:
    return d.replace(day=1)


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def income_years(today: date) -> tuple[int, int]:
    """The two assessed years: this year once its second half has started, else the last two."""
    latest = today.year if today.month >= 7 else today.year - 1
    return latest - 1, latest


def build(
    rng: random.Random, people: list[Person], members: list[dict], today: date, thresholds: dict[int, float]
) -> DemoHousehold:
    ages = [idcard.age_on(p.born, today) for p in people]
    working = [m for m in members if m["labour_skill"] in ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力")]
    poor = rng.random() < 0.82
    row: dict = {
        "household_type": "脱贫户" if poor else "一般农户",
        "poverty_exit_year": rng.choice((2016, 2017, 2018, 2019, 2019, 2020, 2020)) if poor else None,
        "dev_support": None,
        "no_labour_guarantee": not working,
        "identification_standard": "国家标准" if poor else None,
        "farmland_mu": round(rng.uniform(0.5, 6.0), 1),
        "forest_mu": round(rng.uniform(0, 12), 1) if rng.random() < 0.6 else None,
        "grain_to_green_mu": round(rng.uniform(0.3, 3), 1) if rng.random() < 0.3 else None,
        "military_family": rng.random() < 0.01,
        "in_cooperative": rng.random() < 0.35,
        "relocated": poor and rng.random() < 0.06,
        "house_area": float(rng.randint(40, 160)),
    }
    if row["relocated"]:
        row["relocation_mode"] = rng.choice(("集中安置", "集中安置", "分散安置"))
        row["relocation_site"] = "县城安置点" if row["relocation_mode"] == "集中安置" else None
    r = rng.random()
    row["house_danger_level"] = "A" if r < 0.55 else "B" if r < 0.95 else "C" if r < 0.99 else "D"
    if row["house_danger_level"] in ("C", "D"):
        row["house_appraised_on"] = date(today.year - 1, rng.randint(1, 12), rng.randint(1, 28))
        # every 危房 is renovated: the township's gaps are the planted cases (`demo.planted`)
        row["house_renovation"] = rng.choice(("维修加固", "拆除重建"))
        row["house_renovated_on"] = _add_months(row["house_appraised_on"], rng.randint(2, 8))
        row["house_subsidy"] = float(rng.choice((12000, 20000, 35000)))
    row["water_source"] = (
        "集中供水" if rng.random() < 0.85 else rng.choice(("分散供水-水井", "分散供水-水窖"))
    )
    row.update(water_quantity_ok=True, water_quality_ok=True, water_access_ok=True, water_supply_ok=True)

    demo = DemoHousehold(row=row, members=members)
    if poor:
        demo.programs.append({"program": "脱贫户", "start_date": date(2014, rng.randint(3, 10), 1)})

    monitored = rng.random() < (0.075 if poor else 0.12)
    eliminated = False
    if monitored:
        # 脱贫不稳定户 are 脱贫户; the other two categories are 一般农户
        category = "脱贫不稳定户" if poor else rng.choice(("边缘易致贫户", "边缘易致贫户", "突发严重困难户"))
        identified = _month(date(rng.randint(2021, today.year), rng.randint(1, 12), 1))
        if identified > _add_months(today, -2):
            identified = _add_months(today, -rng.randint(2, 30))
        row.update(monitor_category=category, identified_on=identified, risk_eliminated=False)
        eligible_to_eliminate = working and _add_months(identified, 7) < today
        if eligible_to_eliminate and rng.random() < 0.55:
            eliminated = True
            months = rng.randint(7, 20)
            ended = min(_add_months(identified, months), _month(today))
            row.update(risk_eliminated=True, elimination_method="帮扶消除", eliminated_on=ended)
            if rng.random() < 0.15:
                row["elimination_method"] = "自然消除"
        row["dev_support"] = "已实施" if working else "尚未实施"
        demo.risks = _risks(rng, members, ages, row)
        demo.programs.append(
            {
                "program": "监测对象",
                "category": category,
                "start_date": identified,
                "end_date": row.get("eliminated_on"),
                "end_reason": "风险消除" if eliminated else None,
            }
        )
    elif poor:
        row["dev_support"] = "已实施" if working and rng.random() < 0.9 else None

    no_labour = all(m["labour_skill"] in ("无劳动力", "丧失劳动力") for m in members)
    if (
        (monitored and not eliminated and rng.random() < 0.5)
        or (not working and rng.random() < 0.35)
        or (monitored and no_labour)  # 整户无劳动能力: 兜底
    ):
        for m in members:
            m["dibao"] = True
        demo.programs.append({"program": "低保", "start_date": _add_months(today, -rng.randint(6, 60))})
    if len(members) == 1 and ages[0] >= 70 and not working and rng.random() < 0.5:
        members[0]["tekun"] = True
        members[0]["dibao"] = False
        demo.programs.append({"program": "特困", "start_date": _add_months(today, -rng.randint(12, 80))})

    demo.incomes = _incomes(rng, members, ages, row, monitored, eliminated, today, thresholds)
    if eliminated:
        after_elimination(demo)
    demo.measures = _measures(rng, members, ages, row, poor, monitored, today)
    return demo


AFTER_SUMS = {
    W: "after_wage",
    B: "after_business",
    P: "after_property",
    T: "after_transfer",
    E: "after_expense",
}


def after_elimination(demo: DemoHousehold) -> None:
    """风险消除后…: the latest year's income as it stood at elimination, and no 三保障 gap."""
    lines = demo.incomes[max(demo.incomes)]
    sums = dict.fromkeys(AFTER_SUMS.values(), 0.0)
    for category, _item, amount, _note in lines:
        if category in AFTER_SUMS:
            sums[AFTER_SUMS[category]] += amount
    net = sums["after_wage"] + sums["after_business"] + sums["after_property"] + sums["after_transfer"]
    net -= sums["after_expense"]
    people = sum(1 for m in demo.members if m["status"] == "在册") or 1
    paid = sum(a for c, _i, a, _n in lines if c == "合规自付支出")
    demo.row.update({k: round(v, 2) for k, v in sums.items()})
    demo.row.update(after_net=round(net, 2), after_per_capita=round(net / people, 2))
    demo.row.update(after_claims=0.0, after_self_paid=round(paid, 2))
    demo.row.update(
        after_dropout=False, after_house_damaged=False, after_uninsured=False, after_water_damaged=False
    )


def _risks(rng: random.Random, members: list[dict], ages: list[int], row: dict) -> list[str]:
    options = []
    if any(m["health"] in ("患有大病", "长期慢性病") for m in members):
        options += ["因病", "因病", "因病"]
    if any(m["health"] == "残疾" for m in members):
        options += ["因残", "因残"]
    if any(m.get("school_status") and 6 <= a <= 21 for m, a in zip(members, ages, strict=True)):
        options.append("因学")
    if any(m.get("work_status") for m in members):
        options.append("因务工就业不稳")
    if not any(m["labour_skill"] in ("普通劳动力", "技能劳动力") for m in members):
        options.append("缺劳动力")
    options += ["因自然灾害", "因意外事故", "因产业项目失败"]
    if row.get("house_danger_level") in ("C", "D") and not row.get("house_renovated_on"):
        options.insert(0, "住房出现安全问题")
    chosen: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        pick = options[0] if not chosen and options[0] == "住房出现安全问题" else rng.choice(options)
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _incomes(
    rng: random.Random,
    members: list[dict],
    ages: list[int],
    row: dict,
    monitored: bool,
    eliminated: bool,
    today: date,
    thresholds: dict[int, float],
) -> dict[int, list[tuple[str, str, float, str]]]:
    previous, latest = income_years(today)
    people = len(members)
    line = thresholds.get(latest, 8000.0)
    if monitored and not eliminated:
        target = rng.uniform(0.65, 1.12) * line
    elif monitored:
        target = rng.uniform(1.15, 2.0) * line
    elif rng.random() < 0.015:
        target = rng.uniform(1.45, 1.6) * line  # near the line (the planted cases are below it)
    else:  # far enough above the line that a baby born this year keeps it there
        target = max(line * 1.45, rng.lognormvariate(9.7, 0.35))
    out: dict[int, list[tuple[str, str, float, str]]] = {}
    drop = rng.random() < 0.03
    for year, factor in ((latest, 1.0), (previous, 1.2 if drop else rng.uniform(0.85, 1.02))):
        net_target = target * factor * people
        lines: list[tuple[str, str, float, str]] = []
        transfer = 0.0
        pensioners = sum(1 for a in ages if a >= 60)
        if pensioners:
            amount = pensioners * rng.choice((1560.0, 1680.0, 1800.0))
            lines.append((T, "养老金", amount, f"{pensioners}人城乡居民养老金"))
            transfer += amount
        if any(m.get("dibao") for m in members):
            amount = people * 12 * rng.choice((330.0, 350.0, 380.0))
            lines.append((T, "低保金", amount, f"{people}人享受低保"))
            transfer += amount
        if any(m.get("tekun") for m in members):
            lines.append((T, "特困供养金", 9600.0, "分散供养"))
            transfer += 9600.0
        disabled = sum(1 for m in members if m["health"] == "残疾")
        if disabled:
            lines.append((T, "残疾补贴", disabled * 960.0, "两项补贴"))
            transfer += disabled * 960.0
        subsidy = round((row.get("farmland_mu") or 0) * 105, 2)
        if subsidy:
            lines.append((T, "各类农业补贴", subsidy, "耕地地力保护补贴"))
            transfer += subsidy
        if row.get("grain_to_green_mu"):
            amount = round(row["grain_to_green_mu"] * 300, 2)
            lines.append((T, "生态补偿金", amount, "退耕还林补助"))
            transfer += amount
        prop = float(rng.choice((0, 200, 300, 500, 800))) if row["household_type"] == "脱贫户" else 0.0
        if prop:
            lines.append((P, "资产收益分红", prop, "村集体光伏分红"))
        rest = max(net_target - transfer - prop, 0.0)
        workers = [m for m in members if m.get("work_status")]
        farm_share = 0.35 if workers else 0.9
        farm_net = rest * farm_share
        if workers and rest - farm_net < 100 * len(workers):
            farm_net, workers = rest, []  # too little to be anyone's wage: all of it from the farm
        if farm_net > 0:
            gross = round(farm_net / 0.6, 2)
            kind = rng.choice(("种植业", "种植业", "养殖业"))
            what = "玉米、水稻及蔬菜" if kind == "种植业" else "生猪、家禽"
            lines.append((B, kind, gross, what))
            lines.append((E, kind, round(gross * 0.4, 2), "种子化肥饲料等投入"))
        if workers:
            per = (rest - farm_net) / len(workers)
            for m in workers:
                lines.append(
                    (W, "务工收入", round(per, 2), f"{m['name']} {m['work_place']}{m['work_company']}")
                )
        elif rest - farm_net >= 100:
            lines.append((W, "零工", round(rest - farm_net, 2), "本地零工"))
        if monitored and any(m["health"] in ("患有大病", "长期慢性病") for m in members):
            lines.append(
                ("合规自付支出", "医疗自付", float(rng.choice((1200, 2500, 4800))), "医保报销后自付")
            )
        out[year] = [(c, i, round(a, 2), n) for c, i, a, n in lines]
    return out


def _measures(
    rng: random.Random,
    members: list[dict],
    ages: list[int],
    row: dict,
    poor: bool,
    monitored: bool,
    today: date,
) -> list[dict]:
    if not (poor or monitored):
        return []
    year = today.year
    out = []

    def add(category: str, item: str, content: str, amount: float | None) -> None:
        start = date(year - rng.choice((0, 0, 1)), rng.randint(1, 6), 1)
        out.append(
            {
                "category": category,
                "item": item,
                "content": content,
                "amount": amount,
                "start_date": start,
                "year": start.year,
            }
        )

    working = any(m["labour_skill"] in ("普通劳动力", "技能劳动力") for m in members)
    if working and (monitored or rng.random() < 0.6):
        add(
            "产业帮扶",
            "产业奖补",
            "发展生猪养殖、种植经果林奖补",
            float(rng.choice((1000, 1500, 2000, 3000))),
        )
    if any(m.get("work_status") for m in members) and rng.random() < 0.6:
        add("就业帮扶", "务工交通补助", "跨省务工一次性交通补助", float(rng.choice((500, 800, 1000))))
    if monitored and working and rng.random() < 0.3:
        add("金融帮扶", "脱贫人口小额信贷", "5万元三年期免担保免抵押贷款，财政贴息", 50000.0)
    if working and rng.random() < 0.12:
        post = rng.choice(("生态护林员", "保洁员", "护路员"))
        add("公益岗位帮扶", post, f"聘为{post}，每月800元", 9600.0)
        helper = next(m for m in members if m["labour_skill"] in ("普通劳动力", "技能劳动力"))
        helper["public_post"] = post
        helper["public_post_months"] = 12.0
    if any(m["health"] in ("患有大病", "长期慢性病") for m in members):
        add(
            "健康帮扶",
            "医疗救助",
            "大病集中救治、慢病签约服务，医疗费用三重保障",
            float(rng.choice((800, 1500, 3000))),
        )
    enrolled = sum(1 for m, a in zip(members, ages, strict=True) if m.get("school_status") and 6 <= a <= 21)
    if enrolled:  # one measure drawn, as always (the township's random draws stay as they were)
        pupils, students = school_counts(members)
        if pupils:
            add("义务教育保障", "教育资助", nutrition_text(pupils), float(pupils * 1000))
            if students:
                out.append({**out[-1], **grant(students)})
        else:
            add("其他教育帮扶", GRANT, "", None)
            out[-1].update(grant(students))
    if row.get("house_renovated_on"):
        add(
            "住房安全保障",
            "农村危房改造",
            f"{row['house_renovation']}，补助资金已到位",
            row.get("house_subsidy"),
        )
    if any(m.get("dibao") for m in members):
        add("综合保障", "农村低保", "纳入农村低保兜底保障", None)
    if any(m.get("tekun") for m in members):
        add("综合保障", "特困供养", "分散供养特困人员，按月发放供养金", 9600.0)
    if any(m["health"] == "残疾" for m in members):
        add("综合保障", "残疾人两项补贴", "困难残疾人生活补贴和重度残疾人护理补贴", 960.0)
    vocational = [m for m in members if (m.get("school_status") or "").startswith(("中职", "高职"))]
    if vocational:
        add(
            "其他教育帮扶",
            "雨露计划",
            f"{len(vocational)}名中职、高职在校生享受雨露计划补助",
            3000.0 * len(vocational),
        )
    identified = row.get("identified_on")
    if monitored and identified and SUBSIDY_FROM <= identified < SUBSIDY_UNTIL:
        add("健康帮扶", "城乡居民基本医疗保险个人缴费补贴", "参保个人缴费部分由财政资助", 350.0)
    if monitored and not out:
        add("社会帮扶", "临时救助", "乡镇临时救助，帮助解决突出困难", 2000.0)
    if poor and not monitored and not out and rng.random() < 0.5:
        add("社会帮扶", "消费帮扶", "帮助销售农产品", float(rng.choice((300, 500))))
    return out


NUTRITION = "营养餐"
GRANT = "助学金"
BEYOND_COMPULSORY = ("普通高中", "本科", "中职", "高职")


def school_counts(members: list[dict]) -> tuple[int, int]:
    """(义务教育 pupils: 小学 and 七至九年级, students beyond: 高中, 中职, 高职, 大学)."""
    statuses = [m.get("school_status") or "" for m in members if m.get("status", "在册") == "在册"]
    return (
        sum(1 for s in statuses if s.startswith(COMPULSORY_SCHOOL)),
        sum(1 for s in statuses if s.startswith(BEYOND_COMPULSORY)),
    )


def nutrition_text(pupils: int) -> str:
    """营养改善计划 (营养餐) is for 义务教育 pupils only: the count is theirs, never 高中 or 大学."""
    return f"{pupils}名义务教育阶段学生享受营养餐及生活补助"


def grant(students: int) -> dict:
    return {
        "category": "其他教育帮扶",
        "item": GRANT,
        "content": f"{students}名高中、中职、大学在校生享受国家助学金",
        "amount": float(students * 2000),
    }


def recount_pupils(demo: DemoHousehold) -> None:
    """Keep the education measures true to the members as they finally are (a planted case may have
    turned a pupil into a 高中 student): 营养餐 for the 义务教育 pupils, 助学金 for those beyond."""
    pupils, students = school_counts(demo.members)
    has_grant = any(m.get("item") == GRANT for m in demo.measures)
    kept = []
    for measure in demo.measures:
        if NUTRITION in (measure.get("content") or ""):
            if pupils:
                measure.update(content=nutrition_text(pupils), amount=float(pupils * 1000))
            elif students and not has_grant:
                measure.update(grant(students))
                has_grant = True
            else:
                continue
        elif measure.get("item") == GRANT:
            if not students:
                continue
            measure.update(grant(students))
        kept.append(measure)
    demo.measures = kept
