"""数据核查 over a database: a crafted township gives exactly its findings; 已核实无误 marks stay quiet
until the household changes; roles; the findings export."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select, update

from fupin_desktop.db.models import (
    AuditLog,
    FindingReview,
    Household,
    IncomeItem,
    IncomeRecord,
    Task,
    TaskHousehold,
    Visit,
)
from fupin_desktop.domain.tasks import Grouping
from fupin_desktop.errors import InputInvalid, PermissionDenied
from fupin_desktop.services.checks.run import CheckResult, clear_reviews, mark_reviewed, run_checks
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.ledgers.export import export_ledger
from fupin_desktop.services.progress import Cancelled, Progress, run_job
from fupin_desktop.services.rectification.findings import tasks_from_findings
from tests.conftest import TODAY
from tests.integration import checks_db

READER = Actor("reader", "只读用户", Role.READER)
CLERK = Actor("clerk", "录入员", Role.CLERK)


@pytest.fixture
def crafted(ctx: ServiceContext) -> dict[str, int]:
    with ctx.sessions.begin() as session:
        return checks_db.build(session)


def found(result: CheckResult) -> set[tuple[str, str, str]]:
    return {(f.household, f.code, f.member) for f in result.findings}


def check(ctx: ServiceContext) -> CheckResult:
    return run_job(run_checks(ctx))


def test_the_crafted_township_gives_exactly_its_findings(
    ctx: ServiceContext, crafted: dict[str, int]
) -> None:
    result = check(ctx)
    assert found(result) == checks_db.EXPECTED
    assert len(result.findings) == len(checks_db.EXPECTED)
    assert result.households == 5  # A004 is archived
    assert result.counts() == {"id_duplicate": 2, "phone": 1, "eliminated_below": 1, "school_age_out": 1}
    duplicate = next(f for f in result.findings if f.household == "A002" and f.code == "id_duplicate")
    assert "户 A003 的“李三妹”" in duplicate.message and "张二" in duplicate.message
    assert duplicate.household_id == crafted["A002"] and duplicate.section == "家庭成员"


def test_results_are_grouped_by_rule_and_by_village(ctx: ServiceContext, crafted: dict[str, int]) -> None:
    result = check(ctx)
    by_rule = {g.key: (g.findings, g.households) for g in result.by_rule()}
    assert by_rule == {
        "id_duplicate": (2, 2),
        "phone": (1, 1),
        "eliminated_below": (1, 1),
        "school_age_out": (1, 1),
    }
    assert [(g.label, g.findings, g.households) for g in result.by_village()] == [
        ("清水村", 3, 2),
        ("柳湾村", 2, 2),
    ]
    assert result.severity_counts() == {"错误": 4, "疑点": 1, "提示": 0}


def test_findings_come_household_by_household_in_village_order(
    ctx: ServiceContext, crafted: dict[str, int]
) -> None:
    numbers = [f.household for f in check(ctx).findings]
    assert numbers == sorted(numbers)


def test_the_job_reports_progress_and_can_be_cancelled(ctx: ServiceContext, crafted: dict[str, int]) -> None:
    seen: list[Progress] = []
    run_job(run_checks(ctx), seen.append)
    assert seen[0].done == 0 and seen[-1].done == seen[-1].total == 5
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        run_job(run_checks(ctx, cancel))


def test_a_reviewed_finding_stays_quiet_until_the_household_changes(
    ctx: ServiceContext, crafted: dict[str, int]
) -> None:
    phone = next(f for f in check(ctx).findings if f.code == "phone")
    review = mark_reviewed(ctx.acting_as(CLERK), [phone], "座机号码，村委会核实无误")
    assert (review.note, review.reviewed_by) == ("座机号码，村委会核实无误", "录入员(clerk)")
    result = check(ctx)
    assert ("A002", "phone", "") not in found(result)
    assert [(r.finding.code, r.review.note, r.review.reviewed_by) for r in result.reviewed] == [
        ("phone", "座机号码，村委会核实无误", "录入员(clerk)")
    ]
    assert ("A002", "id_duplicate", "张二") in found(result)  # only the reviewed finding is quiet

    with ctx.sessions.begin() as session:  # a visit is not a change of the household's data
        session.add(Visit(household_id=crafted["A002"], visited_on=TODAY, visitor="帮扶人"))
    assert ("A002", "phone", "") not in found(check(ctx))

    with ctx.sessions.begin() as session:  # an income line is the household's data …
        income = IncomeRecord(household_id=crafted["A002"], year=TODAY.year - 1)
        income.items = [IncomeItem(category="工资性收入", item="务工收入", amount=30000.0)]
        session.add(income)
    assert ("A002", "phone", "") in found(check(ctx))
    mark_reviewed(ctx.acting_as(CLERK), [phone], "座机号码，村委会核实无误")
    assert ("A002", "phone", "") not in found(check(ctx))
    with ctx.sessions.begin() as session:  # … even its 说明, which the scan's income sums leave out
        session.execute(update(IncomeItem).where(IncomeItem.record_id == income.id).values(note="外出务工"))
    assert ("A002", "phone", "") in found(check(ctx))
    mark_reviewed(ctx.acting_as(CLERK), [phone], "座机号码，村委会核实无误")

    with ctx.sessions.begin() as session:
        session.execute(update(Household).where(Household.number == "A002").values(address="清水村新址"))
    result = check(ctx)
    assert ("A002", "phone", "") in found(result)
    assert result.reviewed == ()
    assert result.stale[phone.key()].note == "座机号码，村委会核实无误"


def test_reviews_are_audited_and_can_be_taken_back(ctx: ServiceContext, crafted: dict[str, int]) -> None:
    findings = [f for f in check(ctx).findings if f.code == "id_duplicate"]
    mark_reviewed(ctx, findings, "两人为同一人，户籍迁移中")
    mark_reviewed(ctx, findings, "再次核实")  # marking again replaces the note
    with ctx.sessions() as session:
        notes = session.scalars(select(FindingReview.note)).all()
        actions = session.scalars(select(AuditLog.action).where(AuditLog.entity == "finding_review")).all()
    assert notes == ["再次核实", "再次核实"]
    assert actions == ["核实无误", "核实无误"]
    assert len(check(ctx).reviewed) == 2
    assert clear_reviews(ctx, findings) == 2
    result = check(ctx)
    assert result.reviewed == () and found(result) == checks_db.EXPECTED
    with ctx.sessions() as session:
        assert session.scalar(select(AuditLog.summary).order_by(AuditLog.id.desc())).startswith("撤销 2 条")


def test_a_reader_may_run_checks_but_not_mark_reviews(ctx: ServiceContext, crafted: dict[str, int]) -> None:
    reader = ctx.acting_as(READER)
    findings = run_job(run_checks(reader)).findings
    with pytest.raises(PermissionDenied, match="录入和修改数据"):
        mark_reviewed(reader, findings[:1], "核实无误")
    with pytest.raises(PermissionDenied):
        clear_reviews(reader, findings[:1])
    with ctx.sessions() as session:
        assert session.scalar(select(FindingReview.id)) is None


def test_a_review_needs_a_note(ctx: ServiceContext, crafted: dict[str, int]) -> None:
    with pytest.raises(InputInvalid, match="核实情况"):
        mark_reviewed(ctx, check(ctx).findings[:1], "  ")


def test_the_findings_export_lists_every_finding(
    ctx: ServiceContext, crafted: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "核查.xlsx"
    result = run_job(export_ledger(ctx, "findings", out))
    assert result.rows == len(checks_db.EXPECTED)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header = rows[1]
    assert header == [
        "序号", "严重程度", "核查项", "行政村", "自然村(组)", "户编号", "户主姓名", "成员", "字段",
        "问题说明", "修改建议", "在哪里改", "依据",
    ]  # fmt: skip
    body = [dict(zip(header, r, strict=True)) for r in rows[2:]]
    assert {(r["户编号"], r["成员"]) for r in body} == {(n, m) for n, _, m in checks_db.EXPECTED}
    phone = next(r for r in body if r["核查项"] == "联系电话不是11位")
    assert phone["严重程度"] == "疑点" and phone["行政村"] == "清水村" and phone["字段"] == "户联系电话"
    assert "12345" in phone["问题说明"] and "11位" in phone["修改建议"]
    assert phone["在哪里改"] == "家庭成员"
    assert "全国防返贫监测信息系统指标说明" in phone["依据"] and "4_02_001" in phone["依据"]


def test_a_result_on_screen_takes_reviews_without_running_again(
    ctx: ServiceContext, crafted: dict[str, int]
) -> None:
    result = check(ctx)
    duplicates = [f for f in result.findings if f.code == "id_duplicate"]
    review = mark_reviewed(ctx, duplicates, "同一人")
    marked = result.with_reviews(duplicates, review)
    again = check(ctx)
    assert marked.findings == again.findings
    assert [r.finding for r in marked.reviewed] == [r.finding for r in again.reviewed]
    clear_reviews(ctx, duplicates)
    assert marked.with_reviews(duplicates, None).findings == result.findings
    assert marked.with_reviews(duplicates, None).reviewed == ()


def test_findings_become_rectification_tasks(ctx: ServiceContext, crafted: dict[str, int]) -> None:
    findings = check(ctx).findings
    created = tasks_from_findings(ctx, findings, grouping=Grouping.VILLAGE_RULE)
    with ctx.sessions() as session:
        tasks = session.execute(
            select(Task.source, Task.category, Task.finding_rule, Task.description).order_by(Task.id)
        ).all()
        links = session.scalar(select(func.count()).select_from(TaskHousehold))
    # 清水村: id_duplicate (A002, A003) and phone (A002); 柳湾村: eliminated_below and school_age_out
    assert len(created.task_ids) == 4 and created.skipped == 0
    assert {(t.source, t.finding_rule, t.category) for t in tasks} >= {
        ("数据核查", "id_duplicate", "档案信息"),
        ("数据核查", "eliminated_below", "监测帮扶"),
        ("数据核查", "school_age_out", "义务教育"),
    }
    assert links == 5
    assert next(t.description for t in tasks if t.finding_rule == "id_duplicate").startswith(
        "清水村证件号码重复"
    )
    again = tasks_from_findings(ctx, check(ctx).findings)
    assert again.task_ids == () and again.skipped == len(findings)  # open tasks already cover them
