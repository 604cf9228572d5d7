"""The 会议简报 agrees with itself and with `fupin info` (issue 17 §3): the trend's last step is the
period's 本期动态, the trend's current month is 基本情况 and 整改进展, every per-village table adds up to
its 合计, and the demo's past months are rebuilt from its own dated records — read back from the PDF
as a reader sees it."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from fupin_desktop.cli import main
from fupin_desktop.db.models import Household, KpiSnapshot, Member
from fupin_desktop.domain.board import Tally
from fupin_desktop.reports.briefing_data import ALL_SECTIONS, BriefingData
from fupin_desktop.services.briefing.kpis import compute_kpis, kpis_on
from fupin_desktop.services.briefing.pack import BriefingOptions, briefing_data_job, briefing_job
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.thresholds import thresholds_by_year
from fupin_desktop.services.storage.info import database_info
from tests.conftest import TODAY
from tests.pdf_checks import flat

TEXTS = {
    "problems": "一是帮扶措施不到位。\n二是危房改造偏慢。",
    "next_steps": "1. 红灯任务月底前销号。\n（二）集中排查一次",
}


def _data(ctx: ServiceContext, **options: object) -> BriefingData:
    return run_job(briefing_data_job(ctx, BriefingOptions(**options)))  # type: ignore[arg-type]


def _delta(data: BriefingData, key: str) -> int:
    before, now = data.trend.points[-2], data.trend.points[-1]
    return int(now.values[key] or 0) - int(before.values[key] or 0)


def test_the_trend_s_last_step_is_this_period(demo_ctx: ServiceContext) -> None:
    """The default period runs from the first of last month, when last month's snapshot was taken."""
    data = _data(demo_ctx)
    c = data.changes
    assert data.trend.points[-2].month == "2026-10" and c.since == date(2026, 10, 1)
    assert c.households_added.households >= 2 and c.eliminated.households >= 1  # the demo has news
    assert _delta(data, "households") == c.households_added.households - c.households_archived.households
    assert _delta(data, "members") == c.net_people
    assert _delta(data, "monitored") == c.identified.households
    assert _delta(data, "eliminated") == c.eliminated.households
    assert _delta(data, "not_eliminated") == c.identified.households - c.eliminated.households


def test_the_current_month_is_the_register_now_and_fupin_info(
    demo_ctx: ServiceContext, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data(demo_ctx)
    live = data.trend.points[-1]
    b, t = data.basics, data.tasks
    poor = next(line.tally for line in b.types if line.label == "脱贫户")
    assert live.live and live.values == {
        **live.values,
        "households": b.total.households,
        "members": b.total.people,
        "out_of_poverty": poor.households,
        "monitored": b.monitored.tally.households,
        "eliminated": b.monitored.eliminated.households,
        "not_eliminated": b.monitored.not_eliminated.households,
        "unpaired": b.village_total.unpaired,
        "tasks_open": t.total.open,
        "tasks_closed": t.total.closed,
        "tasks_overdue": t.total.red,
    }
    for line in b.categories:
        assert live.values[line.label] == line.tally.households
    info = database_info(demo_ctx)
    assert (info.households, info.members) == (b.total.households, b.total.people)
    assert info.tasks == {s.label: s.count for s in t.statuses}
    assert main(["--data-dir", str(demo_ctx.paths.root), "info", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["households"], printed["members"]) == (b.total.households, b.total.people)


def test_every_table_adds_up_to_its_total(demo_ctx: ServiceContext) -> None:
    data = _data(demo_ctx)
    b, c, g = data.basics, data.changes, data.guarantees
    rows = b.villages
    assert sum((r.all for r in rows), Tally()) == b.village_total.all == b.total
    assert sum((r.monitored for r in rows), Tally()) == b.monitored.tally
    assert sum(r.unpaired for r in rows) == b.village_total.unpaired
    assert sum((line.tally for line in b.categories), Tally()) == b.monitored.tally
    assert sum((line.tally for line in b.types), Tally()) == b.total
    assert sum((r.identified for r in c.villages), Tally()) == c.identified == c.total.identified
    assert sum((r.eliminated for r in c.villages), Tally()) == c.eliminated
    assert sum(r.members_added for r in c.villages) == c.members_added
    assert sum(r.members_removed for r in c.villages) == c.members_removed
    assert sum(r.households_added for r in c.villages) == c.households_added.households
    assert sum(r.unsafe_houses for r in g.villages) == g.total.unsafe_houses == g.housing.unsafe
    assert sum(r.out_of_school for r in g.villages) == g.schooling.out_of_school
    assert sum(r.uninsured for r in g.villages) == g.medical.uninsured
    assert sum(r.unsafe_water for r in g.villages) == g.water.unsafe
    v = data.villages
    assert len(v) == len(rows) == 12 and all(line.secretary and line.contact for line in v)
    assert sum((line.households for line in v), Tally()) == b.total
    assert sum(line.monitored for line in v) == b.monitored.tally.households
    assert sum(line.not_eliminated for line in v) == b.monitored.not_eliminated.households
    assert sum(line.identified for line in v) == c.identified.households
    assert sum(line.eliminated for line in v) == c.eliminated.households
    assert sum(line.tasks_open for line in v) == data.tasks.total.open  # every demo task has its village
    assert sum(line.tasks_red for line in v) == data.tasks.total.red
    assert sum(line.unpaired for line in v) == b.village_total.unpaired


def test_the_demo_s_months_are_rebuilt_from_its_dated_records(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions() as session:
        lines = thresholds_by_year(session)
        assert kpis_on(session, TODAY, lines) == compute_kpis(session, TODAY, lines)
        saved = session.execute(select(KpiSnapshot.month, KpiSnapshot.data).order_by(KpiSnapshot.month)).all()
        assert len(saved) == 12 and saved[-1][0] == "2026-11"
        for month, stored in saved:
            first = date(int(month[:4]), int(month[5:]), 1)
            assert json.loads(stored) == kpis_on(session, first - timedelta(days=1), lines), month
    # the months move: the demo's history is not twelve copies of today
    months = [json.loads(stored) for _, stored in saved]
    assert len({m["monitored"] for m in months}) > 3 and len({m["tasks_open"] for m in months}) > 3


def test_a_household_archived_in_a_month_leaves_that_month(demo_ctx: ServiceContext) -> None:
    """Any month: the change between two month ends is what 本期动态 counts for the month between."""
    with demo_ctx.sessions.begin() as session:
        hid = session.scalar(
            select(Household.id).where(Household.monitor_category.is_(None)).order_by(Household.id).limit(1)
        )
        session.execute(
            update(Household)
            .where(Household.id == hid)
            .values(archived=True, archived_on=date(2026, 10, 15), archived_reason="整户迁出")
        )
        people = len(session.scalars(select(Member.id).where(Member.household_id == hid)).all())
    october = _data(demo_ctx, since=date(2026, 10, 1), until=date(2026, 10, 31)).changes
    assert october.households_archived == Tally(1, people)
    with demo_ctx.sessions() as session:
        lines = thresholds_by_year(session)
        start, end = kpis_on(session, date(2026, 9, 30), lines), kpis_on(session, date(2026, 10, 31), lines)
    assert end["households"] - start["households"] == (
        october.households_added.households - october.households_archived.households
    )
    assert end["members"] - start["members"] == october.net_people
    assert end["monitored"] - start["monitored"] == october.identified.households
    assert end["eliminated"] - start["eliminated"] == october.eliminated.households


def _row(lines: list[str], label: str, cells: int) -> list[int]:
    """The numbers of a table row read back: the cells after the line holding `label`."""
    at = lines.index(label)
    return [int(cell.replace(",", "")) for cell in lines[at + 1 : at + 1 + cells]]


def test_the_printed_pack_agrees_with_itself(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    out = tmp_path / "简报.pdf"
    result = run_job(briefing_job(demo_ctx, out, BriefingOptions(sections=ALL_SECTIONS, **TEXTS)))
    raw = [page.extract_text() for page in PdfReader(out).pages]
    pages = [flat(page) for page in raw]
    assert len(pages) == result.pages
    text = "".join(pages)
    lines = [line.strip() for page in raw for line in page.splitlines()]

    # 本期动态's sentence against the trend table's last two rows (户数 人数 监测对象 已消除 未消除 …)
    eliminated = int(re.search(r"；风险消除(\d+)户", text).group(1))
    added = int(re.search(r"新建档农户(\d+)户", text).group(1))
    archived = int(re.search(r"归档减少农户(\d+)户", text).group(1))
    net = re.search(r"人口净(增加|减少)([\d,]+)人", text)
    net_people = int(net.group(2).replace(",", "")) * (1 if net.group(1) == "增加" else -1)
    october, now = _row(lines, "2026年10月", 9), _row(lines, "2026年11月（当前）", 9)
    assert now[3] - october[3] == eliminated and eliminated >= 1
    assert now[0] - october[0] == added - archived and added >= 2
    assert now[1] - october[1] == net_people

    # the cover's figures and the part they come from; the change against the start of this month
    data = _data(demo_ctx)
    k = lines.index("本期新识别")  # the cover's second row of headline figures: 4 labels, 4 values
    labels, values = lines[k : k + 4], lines[k + 4 : k + 8]
    assert values[labels.index("本期风险消除")] == f"{eliminated}户"
    assert values[labels.index("本期新识别")] == f"{data.changes.identified.households}户"
    assert f"共有在册农户{data.basics.total.households:,}户{data.basics.total.people:,}人" in pages[1]
    cover = pages[0]
    assert "较11月1日" in cover and "增减为与2026年11月1日保存的月度指标相比" in cover

    # the contents name the page each part starts on
    start = lines.index("目\u3000录") + 1
    contents = lines[start : start + 2 * len(result.sections[1:])]  # every part but the cover
    assert len(contents) == 20
    for heading, page in zip(contents[0::2], map(int, contents[1::2]), strict=True):
        assert flat(heading) in pages[page - 1], heading
        assert all(flat(heading) not in p for p in pages[1 : page - 1]), heading

    # 存在问题 and 下步工作 numbered the same way, whatever the clerk typed
    assert "（一）帮扶措施不到位。（二）危房改造偏慢。" in text
    assert "（一）红灯任务月底前销号。（二）集中排查一次" in text
    # the trend axis names the year
    assert "2025年12月至2026年11月" in text and "12月2025年1月2026年2月" in text.split("八、月度趋势")[-1]
