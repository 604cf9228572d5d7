"""作战图: what the printed wall chart shows, and the job that writes it (`fupin warchart`, 打印 → 作战图).

For the township: the village board, the charts, and the 结对帮扶对照表 of every village. For one
village: its 组 board, its charts and its own pairing table.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Helper
from fupin_desktop.errors import UserError
from fupin_desktop.reports.kit import A4_LANDSCAPE, Document, Line, styles
from fupin_desktop.reports.warchart import (
    BOARD_SECTION,
    PAIRING_SECTION,
    HelperLine,
    PairedHousehold,
    VillagePairings,
    WarChartData,
    board_flowables,
    pairing_heading,
    village_pairings,
    warchart_info,
)
from fupin_desktop.services.assignments.board import load_board, load_charts
from fupin_desktop.services.assignments.helpers import PAIRING_ROLE
from fupin_desktop.services.assignments.pairings import (
    HouseholdChoice,
    HouseholdFilter,
    helper_loads,
    load_choices,
)
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.printing import find_village
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import Contacts, chunked, load_settings, load_villages, village_contacts


@dataclass(frozen=True, slots=True)
class WarChartResult:
    path: Path
    villages: int
    unpaired: int
    pages: int


def warchart_data(ctx: ServiceContext, village: str | None = None) -> WarChartData:
    """The wall chart of the township, or of `village` (a name, "乡镇/村" when names repeat)."""
    ctx.require(Permission.PRINT)
    today = ctx.today()
    with ctx.sessions() as session:
        settings = load_settings(session)
        village_id = find_village(session, village).id if village else None
        board = load_board(session, village_id, today=ctx.today())
        chart_set = load_charts(session, board, today)
        pairings = _pairing_tables(session, village_id, board.helper_limit)
    place = settings.county + settings.township
    return WarChartData(
        title=f"{board.scope}防返贫动态监测挂图作战图",
        issuer=place + (board.scope if village_id is not None else ""),
        printed_on=today,
        board=board,
        charts=chart_set,
        villages=pairings,
    )


def warchart_job(
    ctx: ServiceContext, out: Path, *, village: str | None = None, cancel: threading.Event | None = None
) -> Job[WarChartResult]:
    """Write the 作战图 to `out` (nothing is left under that name on error or 取消)."""
    yield Progress(0, 0, "统计各村数据")
    data = warchart_data(ctx, village)
    if not data.villages:
        raise UserError("数据库中还没有村，作战图无从画起。请先导入或录入农户（文件 → 导入 Excel…）。")
    total = len(data.villages) + 1
    check_cancel(cancel)
    yield Progress(0, total, "绘制作战图")
    with Document(out, warchart_info(data), A4_LANDSCAPE) as doc:
        doc.start_section(BOARD_SECTION)
        doc.add(board_flowables(data))
        yield Progress(1, total, "结对帮扶对照表")
        title = f"{data.board.scope}{PAIRING_SECTION}（续）"
        doc.start_section(PAIRING_SECTION, continued=[Line(title, styles().continued)])
        doc.add(pairing_heading(data))
        for n, pairing in enumerate(data.villages, start=2):
            check_cancel(cancel)
            doc.add(village_pairings(pairing))
            yield Progress(n, total, f"结对帮扶对照表：{pairing.village}")
    unpaired = sum(len(v.unpaired) for v in data.villages)
    return WarChartResult(out, len(data.villages), unpaired, doc.pages)


def _pairing_tables(session: Session, village_id: int | None, limit: int) -> tuple[VillagePairings, ...]:
    villages = [v for v in load_villages(session) if village_id is None or v.id == village_id]
    households = load_choices(session, HouseholdFilter(village_id=village_id))
    by_village: dict[int, list[HouseholdChoice]] = defaultdict(list)
    for household in households:
        by_village[household.village_id].append(household)
    helper_ids = sorted({h.helper_id for h in households if h.helper_id is not None})
    helpers = {
        h.id: h
        for chunk in chunked(helper_ids)
        for h in session.scalars(select(Helper).where(Helper.id.in_(chunk)))
    }
    loads = helper_loads(session)
    cadres = _cadres(session)
    return tuple(
        _village(
            v.name,
            by_village.get(v.id, []),
            helpers,
            loads,
            limit,
            _with_contacts(cadres.get(v.id, ()), v.contacts),
        )
        for v in villages
    )


def _village(
    name: str,
    households: list[HouseholdChoice],
    helpers: dict[int, Helper],
    loads: dict[int, int],
    limit: int,
    cadres: tuple[str, ...],
) -> VillagePairings:
    """Helpers in the order of their first household (so the table reads 组 by 组)."""
    served: dict[int, list[PairedHousehold]] = {}
    unpaired = []
    for h in households:
        entry = PairedHousehold(h.head, h.group or "")
        if h.helper_id is None:
            unpaired.append(entry)
        else:
            served.setdefault(h.helper_id, []).append(entry)
    lines = tuple(
        HelperLine(
            name=helpers[hid].name,
            unit=_unit(helpers[hid]),
            phone=helpers[hid].phone or "",
            households=tuple(entries),
            load=loads.get(hid, len(entries)),
            overloaded=loads.get(hid, len(entries)) > limit,
        )
        for hid, entries in served.items()
    )
    return VillagePairings(village=name, cadres=cadres, helpers=lines, unpaired=tuple(unpaired))


def _unit(helper: Helper) -> str:
    return "　".join(part for part in (helper.unit, helper.title) if part)


def _cadres(session: Session) -> dict[int, tuple[str, ...]]:
    """village id → its own helpers other than 帮扶责任人 (驻村第一书记, 工作队员 …), by role."""
    order = {role: n for n, role in enumerate(("驻村第一书记", "驻村工作队员", "产业指导员", "监测联系人"))}
    found = session.scalars(
        select(Helper).where(
            Helper.archived.is_(False), Helper.village_id.is_not(None), Helper.role != PAIRING_ROLE
        )
    ).all()
    out: dict[int, list[Helper]] = defaultdict(list)
    for helper in found:
        out[helper.village_id].append(helper)
    return {
        vid: tuple(
            f"{h.role} {h.name}（{'，'.join(p for p in (h.unit, h.phone) if p)}）"
            for h in sorted(people, key=lambda h: (order.get(h.role, 9), h.name))
        )
        for vid, people in out.items()
    }


def _with_contacts(cadres: tuple[str, ...], contacts: Contacts) -> tuple[str, ...]:
    """The village's 区划 contacts (驻村第一书记, 监测联系人) first, unless a helper of that role and name
    is listed already."""
    extra = tuple(
        line
        for line in village_contacts(contacts)
        if not any(c.startswith(line.split("（")[0]) for c in cadres)
    )
    return tuple(sorted(extra, key=lambda line: not line.startswith("驻村第一书记"))) + cadres
