"""各村情况和包村干部: each village of the board with its cadres (驻村第一书记 and 监测联系人, as 区划
records them) and its rows of 本期动态 and 整改进展."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area
from fupin_desktop.domain.board import BoardRow
from fupin_desktop.domain.tasks import Colour
from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import BriefingData, Changes, VillageLine
from fupin_desktop.reports.briefing_villages import total_line
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sheets import counts, sheet, text_column


def load(src: Sources) -> Fields:
    changes = cast(Changes, src.loaded["changes"])
    return {"villages": village_lines(src.board.rows, changes, village_cadres(src.session))}


def village_cadres(session: Session) -> dict[int, tuple[str, str]]:
    """village id → (驻村第一书记, 监测联系人) as 区划 records them ("" when not recorded)."""
    rows = session.execute(
        select(Area.id, Area.secretary, Area.monitor_contact).where(Area.level == "village")
    )
    return {v: ((secretary or "").strip(), (contact or "").strip()) for v, secretary, contact in rows}


def village_lines(
    rows: Sequence[BoardRow], changes: Changes, cadres: dict[int, tuple[str, str]]
) -> tuple[VillageLine, ...]:
    """Each village of the board with its cadres and its rows of 本期动态."""
    period = {c.village: c for c in changes.villages}
    out = []
    for r in rows:
        if r.area_id is None:
            continue
        secretary, contact = cadres.get(r.area_id, ("", ""))
        moved = period.get(r.name)
        out.append(
            VillageLine(
                village=r.name,
                secretary=secretary,
                contact=contact,
                households=r.all,
                monitored=r.monitored.households,
                not_eliminated=r.not_eliminated.households,
                identified=moved.identified.households if moved else 0,
                eliminated=moved.eliminated.households if moved else 0,
                tasks_open=r.tasks_open,
                tasks_red=r.open_tasks.get(Colour.RED, 0),
                unpaired=r.unpaired,
            )
        )
    return tuple(out)


def sheets(data: BriefingData) -> list[Ledger]:
    heads = ("在册户", "在册人", "监测对象户", "未消除户", "本期新识别户", "本期消除户", "整改未销号", "红灯")
    rows = [
        (
            v.village,
            v.households.households,
            v.households.people,
            v.monitored,
            v.not_eliminated,
            v.identified,
            v.eliminated,
            v.tasks_open,
            v.tasks_red,
            v.unpaired,
        )
        for v in (*data.villages, total_line(data.villages))
    ]
    # counts only: the cadres' names stay in the printed pack
    return [sheet(data, "各村主要指标", [text_column("村", 12), *counts(*heads, "未结对户")], rows)]
