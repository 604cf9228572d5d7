"""The demo register's history: when its records were entered, and what changed in the last weeks.

Records of a real register were entered long before today (建档), and each month brings a few changes:
a death, a daughter marrying away, a birth, a household moving in, a household hit by an accident and
identified as 突发严重困难户. The 会议简报's 本期动态 counts exactly these dated records, so the demo
carries some. Households with a deliberate error are left alone, so the data checks still find those
errors as planted.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import HEAD
from fupin_desktop.services.demo import names, people
from fupin_desktop.services.demo.households import DemoHousehold

DEATHS = 4
MARRIED_AWAY = 1
BIRTHS = 3
MOVED_IN = 2
IDENTIFIED = 3
SUDDEN = "突发严重困难户"


def entered_on(today: date) -> datetime:
    """When the demo's records were entered (建档): early January of last year."""
    return datetime(today.year - 1, 1, 6, 9, 0)


def _first_of_month(day: date, back: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - back, 12)
    return date(year, month + 1, 1)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0))


def recent_changes(
    rng: random.Random,
    ids: people.IdFactory,
    households: list[dict],
    by_household: dict[int, DemoHousehold],
    planted: set[str],
    today: date,
    area_code: str,
    next_member_id: int,
) -> list[dict]:
    """Stamp every record with its entry date and make the last weeks' changes (in place); returns the
    member rows of the babies born, to insert with the others."""
    built = entered_on(today)
    ids = _own_stream(ids, rng)
    for h in households:
        h["created_at"] = h["updated_at"] = built
        for m in by_household[h["id"]].members:
            m["created_at"] = m["updated_at"] = built
    pool = [h for h in households if h["number"] not in planted]
    used: set[int] = set()

    def pick(fits, count: int) -> list[dict]:  # type: ignore[no-untyped-def]
        found = [h for h in pool if h["id"] not in used and fits(h, by_household[h["id"]])]
        chosen = rng.sample(found, min(count, len(found)))
        used.update(h["id"] for h in chosen)
        return chosen

    def age(m: dict) -> int:
        return idcard.age_on(m["birth_date"], today)

    def leaves(h: dict, m: dict, reason: str) -> None:
        gone = today - timedelta(days=rng.randint(3, 50))
        m.update(status="自然减少", removed_on=gone, removed_reason=reason, updated_at=_at(gone))

    def dies(m: dict) -> bool:
        return m["relation"] != HEAD and age(m) >= 75 and alone_in_nothing(m)

    def marries_away(m: dict) -> bool:
        return m["relation"] == "之女" and 20 <= age(m) <= 30 and alone_in_nothing(m)

    for h in pick(lambda h, d: any(dies(m) for m in d.members), DEATHS):
        leaves(h, next(m for m in by_household[h["id"]].members if dies(m)), "死亡")
    for h in pick(lambda h, d: any(marries_away(m) for m in d.members), MARRIED_AWAY):
        leaves(h, next(m for m in by_household[h["id"]].members if marries_away(m)), "婚迁外地")

    babies = []
    for h in pick(lambda h, d: _parents(d, age) is not None, BIRTHS):
        demo = by_household[h["id"]]
        relation_of = _parents(demo, age)
        assert relation_of is not None
        born = today - timedelta(days=rng.randint(12, 45))
        sex = rng.choice("男女")
        person = people.Person(
            demo.members[0]["name"][0] + names.given_name(rng, sex, born.year),
            sex,
            born,
            relation_of[sex],
            ids.make(born, sex, area_code),
        )
        baby = people.fill_member(rng, person, today)
        baby.update(
            ins_resident_medical=True,
            ins_employee_medical=False,
            ins_critical_illness=True,
            id=next_member_id + len(babies),
            household_id=h["id"],
            position=len(demo.members),
            person_number=f"{h['number']}{len(demo.members) + 1:02d}",
            created_at=_at(born + timedelta(days=8)),
            updated_at=_at(born + timedelta(days=8)),
        )
        demo.members.append(baby)
        babies.append(baby)

    for h in pick(
        lambda h, d: h.get("household_type") == "一般农户" and not h.get("monitor_category"), MOVED_IN
    ):
        moved = _at(today - timedelta(days=rng.randint(5, 40)))
        h["created_at"] = h["updated_at"] = moved
        for m in by_household[h["id"]].members:
            m["created_at"] = m["updated_at"] = moved

    def can_be_identified(h: dict, d: DemoHousehold) -> bool:
        working = any(m["labour_skill"] in ("普通劳动力", "技能劳动力") for m in d.members)
        ordinary = h.get("household_type") == "一般农户"  # 突发严重困难户 are not 脱贫户
        return not h.get("monitor_category") and len(d.members) >= 2 and working and ordinary and modest(d)

    for n, h in enumerate(pick(can_be_identified, IDENTIFIED)):
        _identify(rng, h, by_household[h["id"]], _first_of_month(today, 0 if n == 0 else 1))
    return babies


MODEST_PER_CAPITA = 18000.0  # a household identified this season earned no more than this per person


def modest(demo: DemoHousehold) -> bool:
    latest = demo.incomes[max(demo.incomes)]
    net = sum(-a if c == "生产经营性支出" else a for c, _i, a, _n in latest if c != "合规自付支出")
    return net / max(len(demo.members), 1) <= MODEST_PER_CAPITA


def alone_in_nothing(m: dict) -> bool:
    """The member is not the one a measure or a risk of the household rests on (the worker of a
    就业帮扶, the disabled person of a 残疾人补贴, the ill one of a 因病, the 特困 recipient): who leaves
    leaves the household consistent."""
    busy = m.get("work_status") or m.get("public_post") or m.get("tekun")
    return not busy and m["health"] in ("健康", None)


def _own_stream(ids: people.IdFactory, rng: random.Random) -> people.IdFactory:
    """The babies' ID numbers drawn from the history's stream (the township's own stays as it was),
    unique among all the others."""
    own = people.IdFactory(rng)
    own.used = ids.used
    return own


def _parents(demo: DemoHousehold, age) -> dict[str, str] | None:  # type: ignore[no-untyped-def]
    """The relations a baby born now would have: the head's child, or the head's grandchild through a
    daughter-in-law — when someone of an age to have a baby is there (and no baby is already)."""
    members = demo.members
    if any(age(m) < 1 for m in members):
        return None
    head = members[0]
    if head["relation"] == HEAD and any(m["relation"] == "配偶" and 22 <= age(m) <= 36 for m in members):
        return {"男": "之子", "女": "之女"}
    if any(m["relation"] == "之儿媳" and 22 <= age(m) <= 36 for m in members):
        return {"男": "之孙子", "女": "之孙女"}
    return None


def _identify(rng: random.Random, h: dict, demo: DemoHousehold, identified: date) -> None:
    """An accident or illness this season: 突发严重困难户, identified, support started."""
    ill = any(m["health"] in ("患有大病", "长期慢性病") for m in demo.members)
    risk = rng.choice(("因意外事故", "因病")) if ill else "因意外事故"
    h.update(
        monitor_category=SUDDEN,
        identified_on=identified,
        risk_eliminated=False,
        elimination_method=None,
        eliminated_on=None,
        dev_support="已实施",
    )
    demo.risks = [risk]
    demo.programs.append(
        {
            "program": "监测对象",
            "category": SUDDEN,
            "start_date": identified,
            "end_date": None,
            "end_reason": None,
        }
    )
    demo.measures.append(
        {
            "category": "综合保障",
            "item": "临时救助",
            "content": "突发困难临时救助，落实医疗救助和帮扶措施",
            "amount": 3000.0,
            "start_date": identified,
            "year": identified.year,
        }
    )
    demo.measures.append(  # the household can work: 开发式帮扶 too
        {
            "category": "产业帮扶",
            "item": "产业奖补",
            "content": "恢复生产奖补",
            "amount": 2000.0,
            "start_date": identified,
            "year": identified.year,
        }
    )
    pupils = [m for m in demo.members if (m.get("school_status") or "").startswith(("中职", "高职"))]
    if pupils:
        demo.measures.append(
            {
                "category": "其他教育帮扶",
                "item": "雨露计划",
                "content": f"{len(pupils)}名中职、高职在校生享受雨露计划补助",
                "amount": 3000.0 * len(pupils),
                "start_date": identified,
                "year": identified.year,
            }
        )
    if risk == "因病":
        latest = max(demo.incomes)
        demo.incomes[latest].append(("合规自付支出", "医疗自付", 6800.0, "住院医保报销后自付"))
