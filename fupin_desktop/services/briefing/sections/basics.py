"""基本情况 (as of today): households not archived (在册) and their members 在册 by 户类型 as stored
(empty → 未填户类型), by 监测对象类别 with 风险已消除 (风险是否已消除 = 是) and 未消除 (anything else), and
the village board's rows."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household
from fupin_desktop.domain.board import Tally
from fupin_desktop.domain.codes import (
    HOUSEHOLD_TYPE_ORDINARY,
    HOUSEHOLD_TYPE_OUT_OF_POVERTY,
    MONITOR_CATEGORIES,
)
from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import Basics, BriefingData, CategoryLine, TypeLine
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sheets import counts, sheet, text_column
from fupin_desktop.services.briefing.tallies import add, on_register, people, tallies

NO_TYPE = "未填户类型"


def load(src: Sources) -> Fields:
    board = src.board
    categories, monitored = monitor_categories(src.session)
    basics = Basics(
        total=board.total.all,
        types=household_types(src.session),
        categories=categories,
        monitored=monitored,
        villages=board.rows,
        village_total=board.total,
        chart=src.charts.categories,
    )
    return {"basics": basics}


def household_types(session: Session) -> tuple[TypeLine, ...]:
    """在册 households by 户类型: 脱贫户, 一般农户, any other value, then 未填户类型."""
    found = tallies(session, Household.household_type, [on_register()])
    known = (HOUSEHOLD_TYPE_OUT_OF_POVERTY, HOUSEHOLD_TYPE_ORDINARY)
    others = sorted(k for k in found if k and k not in known)
    lines = [TypeLine(k, found.get(k, Tally())) for k in (*known, *others)]
    if found.get(None) or found.get(""):
        lines.append(TypeLine(NO_TYPE, found.get(None, Tally()) + found.get("", Tally())))
    return tuple(lines)


def monitor_categories(session: Session) -> tuple[tuple[CategoryLine, ...], CategoryLine]:
    """在册 监测对象 by category (the three in order, then any other value), and their total."""
    eliminated = Household.risk_eliminated.is_(True)
    n = people()
    rows = session.execute(
        select(Household.monitor_category, eliminated, func.count(), func.sum(func.coalesce(n.c.n, 0)))
        .select_from(Household)
        .outerjoin(n, n.c.household_id == Household.id)
        .where(on_register(), Household.monitor_category.is_not(None))
        .group_by(Household.monitor_category, eliminated)
    )
    split: dict[str, list[Tally]] = defaultdict(lambda: [Tally(), Tally()])
    for category, done, h, p in rows:
        split[category][0 if done else 1] += Tally(int(h), int(p or 0))
    order = [c for c in MONITOR_CATEGORIES if c in split] + sorted(
        c for c in split if c not in MONITOR_CATEGORIES
    )
    lines = tuple(CategoryLine(c, split[c][0] + split[c][1], split[c][0], split[c][1]) for c in order)
    total = CategoryLine(
        "监测对象合计",
        add(line.tally for line in lines),
        add(line.eliminated for line in lines),
        add(line.not_eliminated for line in lines),
    )
    return lines, total


# ------------------------------------------------------------------ the sheets


def sheets(data: BriefingData) -> list[Ledger]:
    return [_types(data), _categories(data), _villages(data)]


def _types(data: BriefingData) -> Ledger:
    b = data.basics
    rows = [
        *((t.label, t.tally.households, t.tally.people) for t in b.types),
        ("在册农户合计", b.total.households, b.total.people),
    ]
    return sheet(data, "户类型", [text_column("户类型"), *counts("户数", "人数")], rows)


def _categories(data: BriefingData) -> Ledger:
    b = data.basics
    columns = [
        text_column("监测对象类别"),
        *counts("户数", "人数", "已消除户", "已消除人", "未消除户", "未消除人"),
    ]
    rows = [
        (
            c.label,
            c.tally.households,
            c.tally.people,
            c.eliminated.households,
            c.eliminated.people,
            c.not_eliminated.households,
            c.not_eliminated.people,
        )
        for c in [*b.categories, b.monitored]
    ]
    return sheet(data, "监测对象类别", columns, rows)


def _villages(data: BriefingData) -> Ledger:
    b = data.basics
    heads = ("户数", "人数", "脱贫户", "监测对象户", "监测对象人", "已消除户", "未消除户", "未结对户")
    rows = [
        (
            r.name,
            r.all.households,
            r.all.people,
            r.out_of_poverty.households,
            r.monitored.households,
            r.monitored.people,
            r.eliminated.households,
            r.not_eliminated.households,
            r.unpaired,
        )
        for r in [*b.villages, b.village_total]
    ]
    return sheet(data, "各村情况", [text_column("村", 12), *counts(*heads)], rows)
