"""Demo helpers, pairings (with some history), village work teams, visits and rectification tasks."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from fupin_desktop.services.demo import names

HELPER_LIMIT = 5
UNPAIRED_SHARE = 0.015
OVERLOADED_HELPERS = 3


def helpers_for(rng: random.Random, households_by_village: list[list[int]]) -> list[dict]:
    """Enough 帮扶责任人 for every village at ≤ 5 households each, plus the village roles."""
    rows: list[dict] = []
    for v, households in enumerate(households_by_village):
        needed = -(-len(households) // (HELPER_LIMIT - 1))  # average load about 4
        for k in range(needed):
            rows.append(_helper(rng, v, "帮扶责任人", village_cadre=k % 5 == 0))
        rows.append(_helper(rng, v, "驻村第一书记"))
        rows.append(_helper(rng, v, "驻村工作队员"))
        rows.append(_helper(rng, v, "驻村工作队员"))
        rows.append(_helper(rng, v, "产业指导员"))
        rows.append(_helper(rng, v, "监测联系人", village_cadre=True))
    return rows


def _helper(rng: random.Random, village_index: int, role: str, *, village_cadre: bool = False) -> dict:
    sex = "男" if rng.random() < 0.7 else "女"
    born_year = rng.randint(1968, 1998)
    if village_cadre:
        level, unit, title = (
            "村级",
            names.VILLAGES[village_index % len(names.VILLAGES)] + "委会",
            rng.choice(names.TITLES_VILLAGE),
        )
    elif role in ("驻村第一书记", "驻村工作队员") or rng.random() < 0.55:
        level, unit, title = "县直", rng.choice(names.COUNTY_UNITS), rng.choice(names.TITLES_COUNTY)
    else:
        level, unit, title = "乡镇", rng.choice(names.TOWNSHIP_UNITS), rng.choice(names.TITLES_TOWNSHIP)
    if role == "驻村第一书记":
        title = "驻村第一书记"
    return {
        "name": names.surname(rng) + names.given_name(rng, sex, born_year),
        "sex": sex,
        "political_status": "中共党员" if rng.random() < 0.8 else "群众",
        "unit": unit,
        "unit_level": level,
        "title": title,
        "phone": names.mobile(rng),
        "role": role,
        "_village": village_index,
    }


def village_contacts(helpers: list[dict], village_ids: list[int]) -> list[dict]:
    """Each village's 村务 contacts: its 监测联系人 and 驻村第一书记 from the helpers, with their phones."""
    rows = []
    for v, village_id in enumerate(village_ids):
        of = {h["role"]: h for h in helpers if h["_village"] == v}
        monitor, secretary = of["监测联系人"], of["驻村第一书记"]
        rows.append(
            {
                "id": village_id,
                "monitor_contact": monitor["name"],
                "monitor_phone": monitor["phone"],
                "secretary": secretary["name"],
                "secretary_phone": secretary["phone"],
            }
        )
    return rows


def pairings_for(
    rng: random.Random,
    households_by_village: list[list[int]],
    helpers: list[dict],
    today: date,
) -> tuple[list[dict], set[int]]:
    """Current pairings at ≤ 5 per helper, except one helper over the limit in each of the first
    villages; about 1.5% of households left unpaired; ended pairings for about one household in ten.
    Returns the rows and the unpaired household ids."""
    rows: list[dict] = []
    unpaired: set[int] = set()
    for v, households in enumerate(households_by_village):
        pool = [h for h in helpers if h["_village"] == v and h["role"] == "帮扶责任人"]
        paired = []
        for household_id in households:
            if rng.random() < UNPAIRED_SHARE:
                unpaired.add(household_id)
            else:
                paired.append(household_id)
        assignment = [pool[i // HELPER_LIMIT] for i in range(len(paired))]
        if v < OVERLOADED_HELPERS and len(paired) > HELPER_LIMIT + 2:
            assignment[-2:] = [pool[0], pool[0]]  # the first helper carries 7
        for household_id, helper in zip(paired, assignment, strict=True):
            start = date(rng.randint(2021, today.year - 1), rng.randint(1, 12), 1)
            if rng.random() < 0.1:
                old = rng.choice(pool)
                rows.append(
                    {
                        "helper_id": old["id"],
                        "household_id": household_id,
                        "start_date": date(2019, rng.randint(1, 12), 1),
                        "end_date": start - timedelta(days=1),
                        "end_reason": rng.choice(("工作调动", "岗位调整", "退休")),
                    }
                )
            rows.append({"helper_id": helper["id"], "household_id": household_id, "start_date": start})
    return rows, unpaired


def teams_for(helpers: list[dict], village_ids: list[int], today: date) -> tuple[list[dict], list[dict]]:
    teams, members = [], []
    for v, village_id in enumerate(village_ids):
        team_id = v + 1
        crew = [h for h in helpers if h["_village"] == v and h["role"] in ("驻村第一书记", "驻村工作队员")]
        secretary = next(h for h in crew if h["role"] == "驻村第一书记")
        teams.append(
            {
                "id": team_id,
                "village_id": village_id,
                "dispatching_unit": secretary["unit"],
                "start_date": date(today.year - 1, 6, 1),
            }
        )
        for h in crew:
            position = "第一书记" if h is secretary else "队员"
            members.append({"team_id": team_id, "helper_id": h["id"], "position": position})
    return teams, members


def visits_for(
    rng: random.Random, monitored: list[int], helper_of: dict[int, dict], today: date
) -> list[dict]:
    rows = []
    for household_id in monitored:
        helper = helper_of.get(household_id)
        if helper is None:
            continue
        for k in range(rng.randint(1, 4)):
            visited = today - timedelta(days=30 * k + rng.randint(1, 28))
            rows.append(
                {
                    "household_id": household_id,
                    "helper_id": helper["id"],
                    "visited_on": visited,
                    "visitor": helper["name"],
                    "seen": rng.choice(
                        ("住房安全，饮水正常，家中整洁", "住房稳固，存粮充足，有自来水", "家中有病人卧床")
                    ),
                    "asked": rng.choice(("询问务工和就医情况", "了解子女上学情况", "询问产业发展意愿")),
                    "calculated": rng.choice(
                        ("核算当年收入，预计人均超过监测范围", "务工收入较上年减少", "收入稳定")
                    ),
                    "checked": rng.choice(("核对明白卡与系统一致", "核实医保参保", "核对帮扶措施落实")),
                    "problems": rng.choice(("无", "无", "医疗自付费用较高", "缺少产业发展资金")),
                }
            )
    return rows


TASK_TEMPLATES = (
    (
        "住房安全",
        "{v}{h}户住房经鉴定为C级危房，尚未纳入改造计划",
        "纳入年度危房改造计划，完成维修加固",
        "住房安全有保障",
    ),
    (
        "饮水安全",
        "{v}部分农户旱季供水不稳定，供水保证率不达标",
        "新建蓄水池一座，更换老化管网",
        "全村供水保证率达标",
    ),
    (
        "义务教育",
        "{v}{h}户适龄子女辍学在家，未及时劝返",
        "镇村干部、学校联合劝返，落实控辍保学",
        "适龄儿童全部在校",
    ),
    (
        "基本医疗",
        "{v}有监测对象家庭成员未参加城乡居民基本医疗保险",
        "逐户动员参保，落实资助参保政策",
        "应保尽保",
    ),
    (
        "监测帮扶",
        "{v}{h}户识别为监测对象超过1个月，仍未落实开发式帮扶措施",
        "制定帮扶计划，落实产业或就业帮扶",
        "帮扶措施精准落实",
    ),
    ("产业帮扶", "{v}产业奖补资金兑付滞后，群众反映强烈", "核实名单，限期兑付到户", "奖补资金全部兑付"),
    (
        "就业帮扶",
        "{v}有劳动力的监测户未实现稳定就业",
        "开展技能培训，推荐就业岗位",
        "有劳动力的监测户至少1人就业",
    ),
    (
        "资金项目",
        "{v}衔接资金项目进度滞后，资金支付率低于60%",
        "倒排工期，加快项目建设和资金支付",
        "按期完工，资金支付到位",
    ),
    ("档案信息", "{v}部分明白卡信息与系统数据不一致", "逐户核对更新明白卡，做到机账卡实一致", "信息一致"),
    (
        "工作作风",
        "{v}帮扶干部走访不实，走访记录内容雷同",
        "重新组织入户走访，如实填写看问算核",
        "走访记录真实规范",
    ),
    ("监测帮扶", "{v}{h}户家庭收入骤减，未及时纳入监测", "入户核实，按程序纳入监测并落实帮扶", "应纳尽纳"),
    ("档案信息", "{v}{h}户家庭成员证件号码与户籍信息不符", "到派出所核实身份信息并更正系统数据", "信息准确"),
)
SOURCES = ("中央巡视/回头看", "国家成效考核", "省级考核", "第三方评估", "审计", "县级督查", "乡镇自查/大排查")
UNITS = ("镇乡村振兴办", "镇农业服务中心", "镇卫生院", "镇中心学校", "镇财政所", "镇社会事务办")
LEADERS = ("镇党委副书记 王志强", "副镇长 李明华", "镇党委委员 张建国", "镇人大主席 杨德贵")

# (status, count, deadline offset range in days relative to today)
TASK_PLAN = (
    ("待整改", 8, (-20, 60)),
    ("整改中", 14, (-25, 70)),
    ("待验收", 6, (-10, 30)),
    ("已销号", 12, (-200, -15)),
)


def tasks_for(
    rng: random.Random,
    village_ids: list[int],
    households_by_village: list[list[int]],
    head_of: dict[int, str],
    today: date,
) -> tuple[list[dict], list[dict], list[dict], list[dict], list[dict]]:
    """About 40 tasks over all statuses; returns rows for task, task_household, task_event,
    task_deadline_change and task_evidence."""
    tasks, links, events, changes, evidence = [], [], [], [], []
    seq = 0
    for status, count, (low, high) in TASK_PLAN:
        for k in range(count):
            seq += 1
            v = rng.randrange(len(village_ids))
            household_id = rng.choice(households_by_village[v])
            category, text, measures, target = rng.choice(TASK_TEMPLATES)
            village_name = names.VILLAGES[v % len(names.VILLAGES)]
            names_household = "{h}" in text
            # Spread open deadlines so that every colour shows: some past, some within a week.
            if status != "已销号" and k % 4 == 0:
                offset = rng.randint(-25, -1)
            elif status != "已销号" and k % 4 == 1:
                offset = rng.randint(0, 6)
            else:
                offset = rng.randint(max(low, 8) if status != "已销号" else low, high)
            deadline = today + timedelta(days=offset)
            found = today - timedelta(days=rng.randint(40, 260))
            if found >= deadline:
                found = deadline - timedelta(days=rng.randint(20, 60))
            unit = rng.choice(UNITS)
            task = {
                "id": seq,
                "seq": seq,
                "source": rng.choice(SOURCES),
                "category": category,
                "description": text.format(v=village_name, h=head_of.get(household_id, "")),
                "scope": village_name + (f" {head_of.get(household_id, '')}户" if names_household else ""),
                "village_id": village_ids[v],
                "measures": measures,
                "target": target,
                "leader": rng.choice(LEADERS),
                "lead_unit": "镇乡村振兴办",
                "unit": unit,
                "person": names.surname(rng) + names.given_name(rng, rng.choice("男女"), 1985),
                "deadline": deadline,
                "status": status,
                "supervised": rng.random() < 0.12,
                "found_on": found,
                "created_by": "示范数据",
                "created_at": datetime.combine(found, time(9, 0)),
            }
            if names_household:
                links.append({"task_id": seq, "household_id": household_id})
            path = {
                "待整改": [],
                "整改中": ["整改中"],
                "待验收": ["整改中", "待验收"],
                "已销号": ["整改中", "待验收", "已销号"],
            }[status]
            at = datetime.combine(found, time(9, 0))
            events.append(
                {
                    "task_id": seq,
                    "at": at,
                    "user_name": "示范数据",
                    "from_status": None,
                    "to_status": "待整改",
                    "note": "建立整改任务",
                }
            )
            previous = "待整改"
            latest = datetime.combine(today, time(8, 0))  # nothing is recorded after this morning
            for step in path:
                at = min(at + timedelta(days=rng.randint(3, 15)), latest)
                note = {"整改中": "开始整改", "待验收": "整改完成，申请验收", "已销号": "验收通过，予以销号"}[
                    step
                ]
                events.append(
                    {
                        "task_id": seq,
                        "at": at,
                        "user_name": task["person"],
                        "from_status": previous,
                        "to_status": step,
                        "note": note,
                    }
                )
                previous = step
            if status in ("整改中", "待验收"):
                task["progress"] = rng.choice(
                    ("已完成入户核实，正在落实措施", "已制定整改方案，完成60%", "资金已下达，施工中")
                )
            if status == "已销号":
                task["result"] = "已按整改措施完成整改，经验收合格。"
                task["progress"] = "整改完成"
                task["closed_on"] = at.date() if at.date() <= today else today
                evidence.append(
                    {
                        "task_id": seq,
                        "at": at,
                        "user_name": task["person"],
                        "text": "验收表、整改前后照片已归档（纸质档案第" + str(seq) + "号）",
                    }
                )
            if status != "已销号" and rng.random() < 0.2:
                original = deadline - timedelta(days=rng.randint(15, 45))
                changes.append(
                    {
                        "task_id": seq,
                        # asked for before the old deadline, and never after today
                        "at": datetime.combine(
                            max(found + timedelta(days=1), min(original, today) - timedelta(days=2)),
                            time(15, 0),
                        ),
                        "user_name": "示范数据",
                        "old_deadline": original,
                        "new_deadline": deadline,
                        "reason": "涉及项目建设周期，申请持续整改",
                    }
                )
            tasks.append(task)
    return tasks, links, events, changes, evidence
