"""整改任务 from data-check findings in bulk: one per finding, or per village and check; findings
already covered by an open task are skipped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from fupin_desktop.db.models import AuditLog, Household
from fupin_desktop.domain.tasks import Grouping, TaskAction, TaskStatus
from fupin_desktop.errors import NotFound, PermissionDenied
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.rectification.findings import FindingAssignment, TaskFinding, tasks_from_findings
from fupin_desktop.services.rectification.flow import ActionRequest, add_evidence, perform
from fupin_desktop.services.rectification.listing import list_tasks, task_detail
from tests.conftest import TODAY


def households_by_village(ctx: ServiceContext) -> dict[int, list[int]]:
    with ctx.sessions() as session:
        rows = session.execute(select(Household.village_id, Household.id).order_by(Household.id)).all()
    out: dict[int, list[int]] = {}
    for village_id, household_id in rows:
        out.setdefault(village_id, []).append(household_id)
    return out


@pytest.fixture
def findings(demo_ctx: ServiceContext) -> list[TaskFinding]:
    a, b = list(households_by_village(demo_ctx).values())[:2]
    return [
        TaskFinding("ID01", a[0], "户主证件号码校验位错误", "证件号码校验位错误", "档案信息"),
        TaskFinding("ID01", a[1], "配偶证件号码校验位错误", "证件号码校验位错误", "档案信息"),
        TaskFinding("HS02", a[0], "C级危房未改造", "危房未改造", "住房安全"),
        TaskFinding("ID01", b[0], "之子证件号码校验位错误", "证件号码校验位错误", "档案信息"),
        TaskFinding("ID01", a[1], "户主证件号码校验位错误", "证件号码校验位错误", "档案信息"),
    ]


def test_one_task_per_finding(demo_ctx: ServiceContext, findings: list[TaskFinding]) -> None:
    before = max(r.seq for r in list_tasks(demo_ctx).rows)
    result = tasks_from_findings(demo_ctx, findings)
    assert len(result.task_ids) == 5 and result.skipped == 0
    details = [task_detail(demo_ctx, i) for i in result.task_ids]
    assert [d.row.seq for d in details] == list(range(before + 1, before + 6))
    assert [d.row.description for d in details] == [f.message for f in findings]
    assert [d.households[0].id for d in details] == [f.household_id for f in findings]
    first = details[0]
    assert first.row.source == "数据核查" and first.row.category == "档案信息"
    assert first.row.status is TaskStatus.TODO and first.row.deadline == TODAY + timedelta(days=30)
    assert first.row.found_on == TODAY and first.row.village == first.households[0].village
    assert first.row.scope == f"{first.households[0].village} {first.households[0].head}户"
    assert [(e.to_status, e.note) for e in first.events] == [("待整改", "由数据核查结果生成")]
    assert details[2].row.category == "住房安全"
    with demo_ctx.sessions() as session:
        last = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
    assert last is not None and "新建整改任务 5 项" in last.summary


def test_grouped_per_village_and_check(demo_ctx: ServiceContext, findings: list[TaskFinding]) -> None:
    assignment = FindingAssignment(
        deadline=TODAY + timedelta(days=15), unit="镇乡村振兴办", person="赵专干", measures="逐户核实并更正"
    )
    result = tasks_from_findings(demo_ctx, findings, grouping=Grouping.VILLAGE_RULE, assignment=assignment)
    details = [task_detail(demo_ctx, i) for i in result.task_ids]
    assert [[h.id for h in d.households] for d in details] == [
        [findings[0].household_id, findings[1].household_id],
        [findings[2].household_id],
        [findings[3].household_id],
    ]
    first = details[0]
    village = first.households[0].village
    assert first.row.description.startswith(f"{village}证件号码校验位错误：2户3条（")
    assert first.row.unit == "镇乡村振兴办" and first.row.person == "赵专干"
    assert first.row.measures == "逐户核实并更正" and first.row.deadline == TODAY + timedelta(days=15)


def test_findings_covered_by_an_open_task_are_skipped(
    demo_ctx: ServiceContext, findings: list[TaskFinding]
) -> None:
    first = tasks_from_findings(demo_ctx, findings[:2])
    again = tasks_from_findings(demo_ctx, findings)
    assert again.skipped == 3  # findings 0, 1 and 4 (same household and check as 1)
    assert len(again.task_ids) == 2
    # once closed, the same finding makes a new task
    closed = first.task_ids[0]
    perform(demo_ctx, closed, TaskAction.START)
    perform(demo_ctx, closed, TaskAction.SUBMIT)
    add_evidence(demo_ctx, closed, text="已更正")
    perform(demo_ctx, closed, TaskAction.CLOSE, ActionRequest(result="已更正"))
    assert len(tasks_from_findings(demo_ctx, findings[:1]).task_ids) == 1
    assert tasks_from_findings(demo_ctx, []).task_ids == ()


def test_unknown_households_and_readers_are_refused(demo_ctx: ServiceContext) -> None:
    with pytest.raises(NotFound, match="重新运行数据核查"):
        tasks_from_findings(demo_ctx, [TaskFinding("X", 999_999, "x")])
    reader = demo_ctx.acting_as(Actor("r", "只读", Role.READER))
    with pytest.raises(PermissionDenied):
        tasks_from_findings(reader, [])
