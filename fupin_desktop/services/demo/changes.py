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

    for h in pick(lambda h, d: any(m["relation"] != HEAD and age(m) >= 75 for m in d.members), DEATHS):
        leaves(
            h,
            next(m for m in by_household[h["id"]].members if m["relation"] != HEAD and age(m) >= 75),
            "死亡",
        )
    for h in pick(
        lambda h, d: any(m["relation"] == "之女" and 20 <= age(m) <= 30 for m in d.members), MARRIED_AWAY
    ):
        daughter = next(
            m for m in by_household[h["id"]].members if m["relation"] == "之女" and 20 <= age(m) <= 30
        )
        leaves(h, daughter, "婚迁外地")

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
        return not h.get("monitor_category") and len(d.members) >= 2 and working

    for n, h in enumerate(pick(can_be_identified, IDENTIFIED)):
        _identify(rng, h, by_household[h["id"]], _first_of_month(today, 0 if n == 0 else 1))
    return babies


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
    risk = rng.choice(("因意外事故", "因病"))
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
