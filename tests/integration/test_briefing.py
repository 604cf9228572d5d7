"""会议简报: every figure equals an SQL count on the demo township; 本期动态 on a crafted register; the
parts printed exactly when chosen; A4, embedded font, no unmasked ID; the kept texts; the KPI tables
in Excel; 取消 leaves nothing behind."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlalchemy import text, update

from fupin_desktop.db.models import Household, Member, ProgramMembership
from fupin_desktop.errors import InputInvalid, PermissionDenied, UserError
from fupin_desktop.reports.briefing_data import ALL_SECTIONS, BriefingData, CheckLine, CheckSummary, Section
from fupin_desktop.services.briefing.kpis import KPI_LABELS
from fupin_desktop.services.briefing.pack import (
    BriefingOptions,
    briefing_data_job,
    briefing_defaults,
    briefing_job,
    numbered,
    save_texts,
    write_briefing,
)
from fupin_desktop.services.briefing.snapshots import current_kpis, save_snapshot, take_monthly_snapshot
from fupin_desktop.services.briefing.workbook import export_kpis_job
from fupin_desktop.services.checks.run import run_checks
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.progress import Cancelled, Progress, run_job
from fupin_desktop.services.register.settings import get_settings
from tests.conftest import TODAY
from tests.pdf_checks import flat, is_a4, no_full_ids_anywhere, unembedded_fonts

ON_REGISTER = "FROM household h WHERE h.archived = 0"
PEOPLE = (
    "SELECT count(*) FROM member m JOIN household h ON h.id = m.household_id "
    "WHERE h.archived = 0 AND m.status = '在册'"
)
TEXTS = {
    "problems": "一是部分村帮扶措施落实不到位。\n二是危房改造进度偏慢。",
    "next_steps": "一、月底前完成红灯任务销号。",
}


def _data(ctx: ServiceContext, **options: object) -> BriefingData:
    """Every part (数据核查 included) unless the test chooses."""
    options.setdefault("sections", ALL_SECTIONS)
    return run_job(briefing_data_job(ctx, BriefingOptions(**options)))  # type: ignore[arg-type]


def _sql(ctx: ServiceContext, query: str, **params: object) -> int:
    with ctx.sessions() as session:
        return int(session.scalar(text(query), params) or 0)


# ------------------------------------------------------------------ the figures against SQL


def test_basics_equal_sql_counts(demo_ctx: ServiceContext) -> None:
    data = _data(demo_ctx)
    b = data.basics
    assert b.total.households == _sql(demo_ctx, f"SELECT count(*) {ON_REGISTER}")
    assert b.total.people == _sql(demo_ctx, PEOPLE)
    for line in b.types:
        assert line.tally.households == _sql(
            demo_ctx, f"SELECT count(*) {ON_REGISTER} AND h.household_type = :t", t=line.label
        )
        assert line.tally.people == _sql(demo_ctx, PEOPLE + " AND h.household_type = :t", t=line.label)
    assert sum(t.tally.households for t in b.types) == b.total.households
    for line in b.categories:
        where = " AND h.monitor_category = :c"
        assert line.tally.households == _sql(demo_ctx, f"SELECT count(*) {ON_REGISTER}{where}", c=line.label)
        assert line.tally.people == _sql(demo_ctx, PEOPLE + where, c=line.label)
        done = where + " AND h.risk_eliminated = 1"
        assert line.eliminated.households == _sql(
            demo_ctx, f"SELECT count(*) {ON_REGISTER}{done}", c=line.label
        )
        assert line.eliminated.people == _sql(demo_ctx, PEOPLE + done, c=line.label)
        assert line.not_eliminated.households == line.tally.households - line.eliminated.households
    monitored = f"SELECT count(*) {ON_REGISTER} AND h.monitor_category IS NOT NULL"
    assert b.monitored.tally.households == _sql(demo_ctx, monitored)
    assert b.monitored.not_eliminated.households == _sql(
        demo_ctx, monitored + " AND coalesce(h.risk_eliminated, 0) = 0"
    )
    for row in b.villages:
        assert row.all.households == _sql(
            demo_ctx, f"SELECT count(*) {ON_REGISTER} AND h.village_id = :v", v=row.area_id
        )
        assert row.all.people == _sql(demo_ctx, PEOPLE + " AND h.village_id = :v", v=row.area_id)
    headline = {h.label: h for h in data.headlines}
    assert headline["在册农户"].value == f"{b.total.households:,}户"
    assert headline["风险未消除"].value == f"{b.monitored.not_eliminated.households:,}户"


def test_risks_and_guarantees_equal_sql_counts(demo_ctx: ServiceContext) -> None:
    data = _data(demo_ctx)
    open_monitored = (
        f"{ON_REGISTER} AND h.monitor_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0"
    )
    d = data.risks.dev_support
    assert d.households == _sql(demo_ctx, f"SELECT count(*) {open_monitored}")
    assert d.done == _sql(demo_ctx, f"SELECT count(*) {open_monitored} AND h.dev_support = '已实施'")
    assert d.not_yet == _sql(demo_ctx, f"SELECT count(*) {open_monitored} AND h.dev_support = '尚未实施'")
    assert d.no_labour == _sql(demo_ctx, f"SELECT count(*) {open_monitored} AND h.no_labour_guarantee = 1")
    bars = data.risks.risks
    for i, risk in enumerate(bars.labels):
        assert sum(values[i] for _, values in bars.series) == _sql(
            demo_ctx,
            "SELECT count(DISTINCT h.id) FROM household_risk r JOIN household h ON h.id = r.household_id "
            "WHERE h.archived = 0 AND h.monitor_category IS NOT NULL AND r.risk = :r",
            r=risk,
        )

    g = data.guarantees
    dangerous = f"{ON_REGISTER} AND h.house_danger_level IN ('C', 'D')"
    assert g.housing.dangerous == _sql(demo_ctx, f"SELECT count(*) {dangerous}")
    assert g.housing.renovated == _sql(
        demo_ctx, f"SELECT count(*) {dangerous} AND h.house_renovated_on IS NOT NULL"
    )
    assert g.housing.unsafe == _sql(
        demo_ctx,
        f"SELECT count(*) {dangerous} AND h.house_renovated_on IS NULL AND coalesce(h.relocated, 0) = 0",
    )
    assert g.water.unsafe == _sql(
        demo_ctx,
        f"SELECT count(*) {ON_REGISTER} AND (h.water_quantity_ok = 0 OR h.water_quality_ok = 0 "
        "OR h.water_access_ok = 0 OR h.water_supply_ok = 0)",
    )
    # aged 6 to 15 on TODAY: born after 2010-11-23 and on or before 2020-11-23
    school_age = PEOPLE + " AND m.birth_date > '2010-11-23' AND m.birth_date <= '2020-11-23'"
    assert g.schooling.children == _sql(demo_ctx, school_age)
    assert g.schooling.out_of_school == _sql(
        demo_ctx, school_age + " AND (coalesce(m.school_status, '') IN ('', '学龄前儿童'))"
    )
    assert g.medical.people == _sql(demo_ctx, PEOPLE)
    assert g.medical.uninsured == _sql(
        demo_ctx,
        PEOPLE + " AND coalesce(m.ins_resident_medical, 0) = 0 AND coalesce(m.ins_employee_medical, 0) = 0 "
        "AND (m.ins_resident_medical = 0 OR m.ins_employee_medical = 0)",
    )
    assert g.total.unsafe_houses == sum(r.unsafe_houses for r in g.villages) == g.housing.unsafe


def test_tasks_and_trend_equal_sql_counts(demo_ctx: ServiceContext) -> None:
    data = _data(demo_ctx)
    t = data.tasks
    assert t.total.total == _sql(demo_ctx, "SELECT count(*) FROM task")
    assert t.total.closed == _sql(demo_ctx, "SELECT count(*) FROM task WHERE status = '已销号'")
    overdue = "SELECT count(*) FROM task WHERE status != '已销号' AND deadline < :today"
    assert t.total.red == _sql(demo_ctx, overdue, today=TODAY) == len(t.overdue) > 0
    assert all(o.days_over > 0 for o in t.overdue)
    assert [o.days_over for o in t.overdue] == sorted((o.days_over for o in t.overdue), reverse=True)
    for line in t.categories:
        assert line.total == _sql(demo_ctx, "SELECT count(*) FROM task WHERE category = :c", c=line.label)
    for b in t.statuses:
        assert b.count == _sql(demo_ctx, "SELECT count(*) FROM task WHERE status = :s", s=b.label)

    points = data.trend.points
    assert [p.month for p in points][-1] == "2026-11" and len(points) == 12
    assert points[-1].live and not any(p.live for p in points[:-1])
    with demo_ctx.sessions() as session:
        assert points[-1].values == {k: current_kpis(session, TODAY).get(k) for k in KPI_LABELS}
    first = points[0]
    assert first.values["monitored"] == _sql(
        demo_ctx, "SELECT json_extract(data, '$.monitored') FROM kpi_snapshot WHERE month = :m", m=first.month
    )


# ------------------------------------------------------------------ 本期动态 on a crafted register


@pytest.fixture
def quiet_ctx(demo_ctx: ServiceContext) -> ServiceContext:
    """The demo township with every dated record moved back before 2026: nothing happened lately."""
    old, old_day = datetime(2025, 1, 6, 9, 0), date(2025, 1, 1)
    with demo_ctx.sessions.begin() as session:
        session.execute(update(Household).values(created_at=old))
        session.execute(update(Member).values(created_at=old))
        session.execute(
            update(Household).where(Household.identified_on > old_day).values(identified_on=old_day)
        )
        session.execute(
            update(Household).where(Household.eliminated_on > old_day).values(eliminated_on=old_day)
        )
        session.execute(update(Member).where(Member.removed_on > old_day).values(removed_on=old_day))
        session.execute(
            update(ProgramMembership).where(ProgramMembership.start_date > old_day).values(start_date=old_day)
        )
    return demo_ctx


def _households(ctx: ServiceContext, village: str, count: int) -> list[int]:
    with ctx.sessions() as session:
        return list(
            session.scalars(
                text(
                    "SELECT h.id FROM household h JOIN area a ON a.id = h.village_id "
                    "WHERE a.name = :v AND h.archived = 0 AND h.monitor_category IS NULL "
                    "AND (SELECT count(*) FROM member m WHERE m.household_id = h.id AND m.status = '在册') >= 3 "
                    "ORDER BY h.id LIMIT :n"
                ),
                {"v": village, "n": count},
            )
        )


def _people(ctx: ServiceContext, household_id: int) -> int:
    return _sql(
        ctx, "SELECT count(*) FROM member WHERE household_id = :h AND status = '在册'", h=household_id
    )


def test_changes_count_the_dated_records_of_the_period(quiet_ctx: ServiceContext) -> None:
    ctx = quiet_ctx
    quiet = _data(ctx, since=date(2026, 11, 1)).changes
    assert (quiet.identified.households, quiet.eliminated.households, quiet.members_added) == (0, 0, 0)
    assert (
        quiet.members_removed,
        quiet.households_added.households,
        quiet.households_archived.households,
    ) == (
        0,
        0,
        0,
    )

    new, gone, added_to, died_in, sudden, late = _households(ctx, "清水村", 6)
    (archived,) = _households(ctx, "柳湾村", 1)
    with ctx.sessions.begin() as session:

        def household(hid: int, **values: object) -> None:
            session.execute(update(Household).where(Household.id == hid).values(**values))

        household(
            new, monitor_category="边缘易致贫户", identified_on=date(2026, 11, 1), risk_eliminated=False
        )
        household(
            gone,
            monitor_category="脱贫不稳定户",
            identified_on=date(2024, 5, 1),
            risk_eliminated=True,
            eliminated_on=date(2026, 11, 1),
            elimination_method="帮扶消除",
        )
        household(
            late, monitor_category="突发严重困难户", identified_on=date(2026, 10, 1), risk_eliminated=False
        )
        household(archived, archived=True, archived_on=date(2026, 11, 10), archived_reason="整户迁出")
        household(sudden, created_at=datetime(2026, 11, 12, 10, 0))
        session.execute(
            update(Member)
            .where(Member.household_id == sudden, Member.status == "在册")  # who came with the household
            .values(created_at=datetime(2026, 11, 12, 10, 0))
        )
        first_member = text(
            "SELECT min(id) FROM member WHERE household_id = :h AND status = '在册' AND position > 0"
        )
        baby = session.scalar(first_member, {"h": added_to})
        session.execute(
            update(Member).where(Member.id == baby).values(created_at=datetime(2026, 11, 5, 9, 0))
        )
        grandma = session.scalar(first_member, {"h": died_in})
        session.execute(
            update(Member)
            .where(Member.id == grandma)
            .values(status="自然减少", removed_on=date(2026, 11, 5), removed_reason="死亡")
        )

    c = _data(ctx, since=date(2026, 11, 1)).changes
    assert (c.identified.households, c.identified.people) == (1, _people(ctx, new))
    assert [(b.label, b.count) for b in c.identified_by_category] == [("边缘易致贫户", 1)]
    assert (c.eliminated.households, c.eliminated.people) == (1, _people(ctx, gone))
    assert [(b.label, b.count) for b in c.eliminated_by_method] == [("帮扶消除", 1)]
    assert c.households_added.households == 1 and c.households_added.people == _people(ctx, sudden)
    assert c.members_added == 1 + _people(ctx, sudden)
    assert c.members_added_in_new_households == _people(ctx, sudden)
    assert c.members_removed == 1 and [(b.label, b.count) for b in c.removed_by_reason] == [("死亡", 1)]
    assert c.households_archived == replace(c.households_archived, households=1)
    assert c.households_archived.people == _people(ctx, archived)
    assert c.net_people == c.members_added - 1 - _people(ctx, archived)
    rows = {r.village: r for r in c.villages}
    assert rows["清水村"].identified.households == 1 and rows["清水村"].members_removed == 1
    assert rows["柳湾村"].households_archived == 1 and rows["柳湾村"].identified.households == 0
    assert sum(r.members_added for r in c.villages) == c.members_added

    # 识别监测时间 is kept to the month: a period from 15 October counts October's identification
    october = _data(ctx, since=date(2026, 10, 15)).changes
    assert october.identified.households == 2
    # a period that ended before it all
    before = _data(ctx, since=date(2026, 9, 1), until=date(2026, 9, 30)).changes
    assert before.total.identified.households == before.members_added == before.members_removed == 0


def test_a_period_the_wrong_way_round_is_refused(demo_ctx: ServiceContext) -> None:
    with pytest.raises(UserError, match="晚于截止日期"):
        _data(demo_ctx, since=date(2026, 11, 20), until=date(2026, 11, 1))
    with pytest.raises(UserError, match="晚于今天"):
        _data(demo_ctx, until=date(2026, 12, 1))


# ------------------------------------------------------------------ the PDF


PRINTABLE = [s for s in ALL_SECTIONS if s is not Section.COVER]


@pytest.fixture
def full_data(demo_ctx: ServiceContext) -> BriefingData:
    checks = CheckSummary(
        households=600,
        findings=14,
        households_with_findings=11,
        severities=(),
        rules=(CheckLine("证件号码校验位错误", 3, 3, "错误"),),
        villages=(CheckLine("清水村", 5, 4),),
    )
    return replace(_data(demo_ctx, **TEXTS), checks=checks)


def _pdf_text(path: Path) -> str:
    return flat("\n".join(page.extract_text() for page in PdfReader(path).pages))


def test_every_part_is_printed_when_chosen_and_absent_when_not(
    full_data: BriefingData, tmp_path: Path
) -> None:
    everything = tmp_path / "all.pdf"
    pages = write_briefing(everything, full_data)
    content = _pdf_text(everything)
    headings = numbered(full_data)
    assert len(headings) == len(PRINTABLE) and pages >= 6
    for section in PRINTABLE:
        assert flat(headings[section]) in content, section
    assert flat(full_data.pack_title) in content and "目录" in content
    assert "（一）部分村帮扶措施落实不到位。（二）危房改造进度偏慢。" in content  # renumbered alike
    assert "（一）月底前完成红灯任务销号。" in content and "证件号码校验位错误" in content

    for half in (ALL_SECTIONS[0::2], ALL_SECTIONS[1::2]):
        data = replace(full_data, sections=half)
        out = tmp_path / f"half-{len(half)}-{half[0].value}.pdf"
        write_briefing(out, data)
        content = _pdf_text(out)
        for section in PRINTABLE:
            present = any(section.title in line for line in numbered(data).values())
            assert (flat(section.title) in content) == present, section
        assert ("目录" in content) == (Section.COVER in half)


def test_parts_without_content_are_left_out(full_data: BriefingData, tmp_path: Path) -> None:
    out = tmp_path / "bare.pdf"
    write_briefing(out, replace(full_data, checks=None, problems="", next_steps="  "))
    content = _pdf_text(out)
    for absent in (Section.CHECKS, Section.PROBLEMS, Section.NEXT_STEPS):
        # no numbered heading (the words may still appear, e.g. tasks whose 问题来源 is 数据核查)
        assert re.search("[一二三四五六七八九十]、" + flat(absent.title), content) is None
    assert "一、基本情况" in content and "八、月度趋势" not in content and "七、月度趋势" in content


def test_the_pack_is_a4_with_its_font_embedded_and_no_full_id(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    out = tmp_path / "简报.pdf"
    steps: list[Progress] = []
    result = run_job(briefing_job(demo_ctx, out, BriefingOptions(**TEXTS)), steps.append)
    reader = PdfReader(out)
    assert result.pages == len(reader.pages) >= 6
    assert is_a4(reader) and unembedded_fonts(reader) == []
    assert no_full_ids_anywhere(out) == []
    assert f"共 {result.pages} 页" in reader.pages[-1].extract_text()
    assert Section.CHECKS not in result.sections  # by default
    assert any(p.stage.startswith("排版") for p in steps)


def test_cancel_while_printing_leaves_no_file(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "简报.pdf"
    cancel = threading.Event()

    def stop_once_printing(progress: Progress) -> None:
        if progress.stage.startswith("排版"):
            cancel.set()

    with pytest.raises(Cancelled):
        run_job(briefing_job(demo_ctx, out, BriefingOptions(), cancel), stop_once_printing)
    assert list(folder.iterdir()) == []


def test_nothing_to_print_is_refused(demo_ctx: ServiceContext) -> None:
    with pytest.raises(UserError, match="至少勾选"):
        _data(demo_ctx, sections=())
    with pytest.raises(InputInvalid, match="没有内容可打印"):
        _data(demo_ctx, sections=(Section.PROBLEMS,), problems="")


def test_checks_are_printed_only_when_asked_for(demo_ctx: ServiceContext) -> None:
    assert Section.CHECKS not in BriefingOptions().sections  # it re-runs every check: seconds at 20k
    assert run_job(briefing_data_job(demo_ctx, BriefingOptions())).checks is None


def test_checks_are_the_checks_service_findings(demo_ctx: ServiceContext) -> None:
    """The 数据核查 part counts what the 数据核查 tab lists (its open findings), by rule and by village."""
    result = run_job(run_checks(demo_ctx))
    data = _data(demo_ctx)
    assert data.checks is not None
    assert data.checks.findings == len(result.findings) > 0
    assert data.checks.households_with_findings == len({f.household_id for f in result.findings})
    assert {(r.label, r.findings) for r in data.checks.rules} == {
        (g.label, g.findings) for g in result.by_rule()
    }
    assert sum(v.findings for v in data.checks.villages) == len(result.findings)
    assert any(h.label == "数据核查问题" for h in data.headlines)
    assert _data(demo_ctx, sections=(Section.BASICS,)).checks is None  # not run when not wanted


# ------------------------------------------------------------------ kept texts, snapshots, Excel


def test_the_texts_are_kept_for_the_next_meeting(demo_ctx: ServiceContext) -> None:
    assert save_texts(demo_ctx, TEXTS["problems"], TEXTS["next_steps"])
    assert not save_texts(demo_ctx, TEXTS["problems"], TEXTS["next_steps"])
    defaults = briefing_defaults(demo_ctx)
    assert (defaults.problems, defaults.next_steps) == (TEXTS["problems"], TEXTS["next_steps"])
    assert defaults.since == date(2026, 10, 1) and defaults.until == TODAY
    assert get_settings(demo_ctx).briefing_problems == TEXTS["problems"]
    assert _sql(demo_ctx, "SELECT count(*) FROM audit_log WHERE summary LIKE '保存会议简报的%'") == 1
    assert _data(demo_ctx).problems == TEXTS["problems"]  # the CLI prints the kept texts
    reader = demo_ctx.acting_as(Actor(username="r", display_name="只读", role=Role.READER))
    with pytest.raises(PermissionDenied):
        save_texts(reader, "", "")


def test_monthly_snapshots(demo_ctx: ServiceContext, ctx: ServiceContext) -> None:
    assert take_monthly_snapshot(demo_ctx) is None  # the demo carries this month's already
    assert take_monthly_snapshot(ctx) is None  # an empty register has nothing to trend
    assert _sql(ctx, "SELECT count(*) FROM kpi_snapshot") == 0
    with demo_ctx.sessions.begin() as session:
        session.execute(text("DELETE FROM kpi_snapshot WHERE month = '2026-11'"))
    taken = take_monthly_snapshot(demo_ctx)
    assert taken is not None and taken.month == "2026-11"
    assert take_monthly_snapshot(demo_ctx) is None
    again = save_snapshot(demo_ctx)
    assert again.values == taken.values
    assert _sql(demo_ctx, "SELECT count(*) FROM kpi_snapshot WHERE month = '2026-11'") == 1
    assert _sql(demo_ctx, "SELECT count(*) FROM audit_log WHERE action = '保存月度指标'") == 2


def test_kpi_tables_export_to_excel(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    out = tmp_path / "指标.xlsx"
    result = run_job(export_kpis_job(demo_ctx, out, BriefingOptions()))
    book = CalamineWorkbook.from_path(str(out))
    assert result.sheets == len(book.sheet_names) >= 8
    assert "各村情况" in book.sheet_names and "月度趋势" in book.sheet_names
    villages = book.get_sheet_by_name("各村情况").to_python()
    data = _data(demo_ctx)
    total = villages[-1]
    assert total[0] == "合计" and int(total[1]) == data.basics.total.households
    assert int(total[2]) == data.basics.total.people
    cadres = book.get_sheet_by_name("各村主要指标").to_python()
    assert cadres[-1][:3] == total[:3] and int(cadres[-1][-1]) == data.basics.village_total.unpaired
    trend = book.get_sheet_by_name("月度趋势").to_python()
    assert len(trend) == 2 + len(data.trend.points)
    only = tmp_path / "only.xlsx"
    run_job(export_kpis_job(demo_ctx, only, BriefingOptions(sections=(Section.TASKS,))))
    assert CalamineWorkbook.from_path(str(only)).sheet_names == ["整改进展"]
