"""识别与消除: 应纳未纳 (a 三保障 or 饮水 gap on a household that is not monitored — income below the
line is `income.income_below`), elimination while a gap remains, a 监测对象 without a risk, and
监测对象类别 against 户类型 (a check neither the national system nor the county rule engine makes)."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain.checks.facts import (
    dropped_out,
    house_unsafe,
    uninsured,
    water_problems,
)
from fupin_desktop.domain.checks.model import (
    BASIC,
    CAT_MONITORING,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import GUIDE, MECHANISM, SYSTEM, cite
from fupin_desktop.domain.codes import HOUSEHOLD_TYPE_ORDINARY, HOUSEHOLD_TYPE_OUT_OF_POVERTY
from fupin_desktop.domain.collect import AFTER_FIELDS
from fupin_desktop.domain.labels import HOUSEHOLD_LABELS

GROUP = "识别与消除"
UNSTABLE = "脱贫不稳定户"
# 监测对象类别 → the 户类型 it implies: 脱贫不稳定户 are 脱贫户; the other two are not.
CATEGORY_TYPE = {
    UNSTABLE: HOUSEHOLD_TYPE_OUT_OF_POVERTY,
    "边缘易致贫户": HOUSEHOLD_TYPE_ORDINARY,
    "突发严重困难户": HOUSEHOLD_TYPE_ORDINARY,
}


def gaps(s: Snapshot) -> list[str]:
    """The household's 三保障和饮水 gaps, each only where the facts behind it are known."""
    r = s.record
    found = []
    if house_unsafe(r):
        found.append("住房不安全（危房未改造）")
    water = water_problems(r)
    if water:
        found.append(f"饮水{'、'.join(water)}不达标")
    if s.knows(("m.ins_resident_medical", "m.ins_employee_medical")):
        names = [m.name for m in s.members if uninsured(m)]
        if names:
            found.append(f"{'、'.join(names)}未参加基本医疗保险")
    if s.knows(("m.school_status", "m.dropout_reason")):
        names = [m.name for m in s.members if dropped_out(m, s.today)]
        if names:
            found.append(f"{'、'.join(names)}义务教育阶段失学辍学")
    return found


@rule(
    "should_monitor",
    Severity.DOUBT,
    "有三保障或饮水问题但未纳入监测",
    hint="入户核实；确有返贫致贫风险的，按程序识别为监测对象（应纳尽纳），同时落实解决问题的措施。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(GUIDE, peer="1_02_001 1_02_002 1_02_005"),
)
def should_monitor(s: Snapshot) -> Iterator[Hit]:
    if s.record.is_monitored:
        return
    found = gaps(s)
    if found:
        yield Hit(f"{'；'.join(found)}，但不是监测对象。", field="monitor_category")


@rule(
    "eliminated_with_gap",
    Severity.ERROR,
    "三保障或饮水仍有问题却已消除风险",
    hint="三保障和饮水安全有问题的不能标注风险消除：撤销消除标记继续帮扶，问题解决后再消除。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(GUIDE, peer="1_11_006 1_11_007 1_11_008"),
)
def eliminated_with_gap(s: Snapshot) -> Iterator[Hit]:
    if s.record.is_monitored and s.record.risk_eliminated is True:
        found = gaps(s)
        if found:
            yield Hit(f"已标记风险消除，但{'；'.join(found)}。", field="risk_eliminated")


@rule(
    "no_risk",
    Severity.ERROR,
    "监测对象没有填写风险类型",
    hint="填写致贫/返贫风险（至少一项）。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(SYSTEM, peer="1_11_001"),
)
def no_risk(s: Snapshot) -> Iterator[Hit]:
    if s.record.is_monitored and not s.record.risks:
        yield Hit(f"监测对象类别为{s.record.monitor_category}，没有填写致贫/返贫风险。", field="risks")


@rule(
    "category_vs_type",
    Severity.ERROR,
    "监测对象类别与户类型不符",
    hint="脱贫不稳定户的户类型是脱贫户；边缘易致贫户、突发严重困难户的户类型是一般农户：改正其中一项。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(MECHANISM, SYSTEM, practice="监测对象类别按户类型划分（本程序）"),
    needs=("h.household_type",),
)
def category_vs_type(s: Snapshot) -> Iterator[Hit]:
    category, kind = s.record.monitor_category, s.record.household_type
    implied = CATEGORY_TYPE.get(category or "")
    if implied and kind and kind != implied:
        yield Hit(f"监测对象类别为{category}，户类型却是{kind}（应为{implied}）。", field="household_type")


@rule(
    "after_missing",
    Severity.ERROR,
    "风险消除后的指标没有填写",
    hint="标注风险消除时要填写风险消除后的收支（工资性、生产经营性、财产性、转移性收入和支出、人均纯收入等）"
    "和三保障、饮水情况：在基本信息的“风险消除后”一栏补录。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    monitored=True,
    source=cite(SYSTEM, peer="1_11_004"),
    needs=("h.after",),
)
def after_missing(s: Snapshot) -> Iterator[Hit]:
    r = s.record
    if not (r.is_monitored and r.risk_eliminated is True):
        return
    empty = [
        HOUSEHOLD_LABELS[name].removeprefix("风险消除后") for name in AFTER_FIELDS if getattr(r, name) is None
    ]
    if empty:
        shown = "、".join(empty[:4]) + (f"等{len(empty)}项" if len(empty) > 4 else "")
        yield Hit(f"已标记风险消除，风险消除后的{shown}没有填写。", field="after_per_capita")
