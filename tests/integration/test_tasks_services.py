"""整改清单 services on the demo township: the list and its filters, creating and editing, every
transition with its event and audit row, deadline history, evidence and 销号, reopening, permissions."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from fupin_desktop.db.models import (
    AuditLog,
    EvidenceBlob,
    Household,
    Task,
    TaskDeadlineChange,
    TaskEvent,
    TaskEvidence,
    TaskHousehold,
)
from fupin_desktop.domain.tasks import Colour, TaskAction, TaskStatus, TaskView, warning
from fupin_desktop.errors import InputInvalid, InputUnreadable, NotFound, PermissionDenied, UserError
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.rectification.editing import create_task, update_task
from fupin_desktop.services.rectification.flow import (
    ActionRequest,
    add_evidence,
    evidence_file,
    perform,
    remove_evidence,
)
from fupin_desktop.services.rectification.listing import (
    HouseholdRef,
    TaskDraft,
    TaskQuery,
    find_households,
    list_tasks,
    task_detail,
    used_values,
)
from fupin_desktop.services.register.settings import get_settings, save_settings
from tests.conftest import TODAY

CLERK = Actor("clerk", "录入员小王", Role.CLERK)
READER = Actor("reader", "只读用户", Role.READER)


def count(ctx: ServiceContext, model: type, *where: object) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def audits(ctx: ServiceContext) -> list[AuditLog]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditLog).where(AuditLog.entity == "task").order_by(AuditLog.id)))


def some_household(ctx: ServiceContext, n: int = 0) -> HouseholdRef:
    with ctx.sessions() as session:
        numbers = session.scalars(select(Household.number).order_by(Household.id).limit(n + 1)).all()
    return find_households(ctx, [numbers[n]])[0]


def new_task(ctx: ServiceContext, **changes: object) -> int:
    values: dict[str, object] = {
        "source": "县级督查",
        "category": "住房安全",
        "description": "住房经鉴定为C级危房，尚未纳入改造计划",
        "deadline": TODAY + timedelta(days=30),
        "unit": "镇乡村振兴办",
        "person": "王小明",
        "found_on": TODAY - timedelta(days=3),
    }
    values.update(changes)
    return create_task(ctx, TaskDraft(**values))  # type: ignore[arg-type]


def status_of(ctx: ServiceContext, task_id: int) -> TaskStatus:
    return task_detail(ctx, task_id).row.status


# ------------------------------------------------------------------ the list


def test_the_demo_list_is_in_seq_order_with_colours_from_the_rules(demo_ctx: ServiceContext) -> None:
    result = list_tasks(demo_ctx)
    assert [r.seq for r in result.rows] == sorted(r.seq for r in result.rows)
    assert len(result.rows) == count(demo_ctx, Task)
    with demo_ctx.sessions() as session:
        tasks = {t.id: t for t in session.scalars(select(Task))}
        extended = dict(
            session.execute(
                select(TaskDeadlineChange.task_id, func.count()).group_by(TaskDeadlineChange.task_id)
            ).all()
        )
    for row in result.rows:
        t = tasks[row.id]
        expected = warning(
            t.status, t.deadline, TODAY, extensions=extended.get(t.id, 0), supervised=t.supervised
        )
        assert row.warning == expected
    assert set(Colour) == {r.colour for r in result.rows}  # the demo shows every colour
    assert sum(result.colour_counts.values()) == len(result.rows)
    assert result.view_counts[TaskView.ALL] == len(result.rows)
    assert sum(result.view_counts[v] for v in (TaskView.NEW, TaskView.ACTIVE, TaskView.DONE)) == len(
        result.rows
    )


def test_views_statuses_and_colours_filter(demo_ctx: ServiceContext) -> None:
    everything = list_tasks(demo_ctx).rows
    new = list_tasks(demo_ctx, TaskQuery(view=TaskView.NEW))
    assert {r.status for r in new.rows} == {TaskStatus.TODO}
    active = list_tasks(demo_ctx, TaskQuery(view=TaskView.ACTIVE)).rows
    assert {r.status for r in active} == {TaskStatus.DOING, TaskStatus.REVIEW}
    done = list_tasks(demo_ctx, TaskQuery(view=TaskView.DONE)).rows
    assert {r.colour for r in done} == {Colour.GREY}
    review = list_tasks(demo_ctx, TaskQuery(view=TaskView.ACTIVE, statuses=("待验收",))).rows
    assert review and {r.status for r in review} == {TaskStatus.REVIEW}

    red = list_tasks(demo_ctx, TaskQuery(colours=(Colour.RED,)))
    assert [r.id for r in red.rows] == [r.id for r in everything if r.colour is Colour.RED]
    # the badges count every colour of the rows the other filters leave
    assert red.colour_counts[Colour.BLUE] == sum(1 for r in everything if r.colour is Colour.BLUE)
    assert new.colour_counts[Colour.GREY] == 0


def test_source_category_unit_village_and_text_filters(demo_ctx: ServiceContext) -> None:
    rows = list_tasks(demo_ctx).rows
    sample = rows[0]
    for field, value in (("source", sample.source), ("category", sample.category), ("unit", sample.unit)):
        found = list_tasks(demo_ctx, TaskQuery(**{field: value})).rows
        assert found and all(getattr(r, field) == value for r in found)
        assert len(found) == sum(1 for r in rows if getattr(r, field) == value)
    village = list_tasks(demo_ctx, TaskQuery(village_id=sample.village_id)).rows
    assert sample.id in [r.id for r in village] and all(r.village == sample.village for r in village)
    assert sample.unit in used_values(demo_ctx).units

    word = sample.description[2:6]
    found = list_tasks(demo_ctx, TaskQuery(text=word)).rows
    assert sample.id in [r.id for r in found]
    texts = lambda r: (r.description, r.scope, r.measures, r.target, r.unit, r.person, r.leader, r.progress)  # noqa: E731
    assert all(any(word in t for t in texts(r)) or r.households for r in found)
    assert list_tasks(demo_ctx, TaskQuery(text="没有这样的问题表现")).rows == ()


def test_text_search_finds_tasks_by_household_head_and_number(demo_ctx: ServiceContext) -> None:
    household = some_household(demo_ctx, 5)
    task_id = new_task(demo_ctx, description="产业奖补未兑付", household_ids=(household.id,))
    assert task_id in [r.id for r in list_tasks(demo_ctx, TaskQuery(text=household.number)).rows]
    assert task_id in [r.id for r in list_tasks(demo_ctx, TaskQuery(text=household.head)).rows]


def test_a_fixed_today_moves_the_colours(demo_ctx: ServiceContext) -> None:
    task_id = new_task(demo_ctx, deadline=TODAY + timedelta(days=8))
    colour = lambda day: task_detail(demo_ctx.on(day), task_id).row.colour  # noqa: E731
    assert colour(TODAY) is Colour.BLUE
    assert colour(TODAY + timedelta(days=1)) is Colour.YELLOW
    assert colour(TODAY + timedelta(days=8)) is Colour.YELLOW
    assert colour(TODAY + timedelta(days=9)) is Colour.RED


def test_the_yellow_window_comes_from_the_settings(demo_ctx: ServiceContext) -> None:
    task_id = new_task(demo_ctx, deadline=TODAY + timedelta(days=10))
    assert task_detail(demo_ctx, task_id).row.colour is Colour.BLUE
    save_settings(demo_ctx, get_settings(demo_ctx).with_changes(yellow_days=10))
    assert task_detail(demo_ctx, task_id).row.colour is Colour.YELLOW


# ------------------------------------------------------------------ creating and editing


def test_create_writes_the_task_its_event_and_an_audit_row(demo_ctx: ServiceContext) -> None:
    before = max(r.seq for r in list_tasks(demo_ctx).rows)
    household = some_household(demo_ctx, 3)
    task_id = new_task(demo_ctx, household_ids=(household.id,), supervised=True)
    detail = task_detail(demo_ctx, task_id)
    row = detail.row
    assert row.seq == before + 1 and row.status is TaskStatus.TODO
    assert row.village_id == household.village_id and row.village == household.village
    assert row.scope == f"{household.village} {household.head}户"
    assert [h.id for h in detail.households] == [household.id]
    assert row.warning.supervised and row.warning.label == "蓝签 · 督办"
    assert [(e.from_status, e.to_status, e.note) for e in detail.events] == [(None, "待整改", "建立整改任务")]
    assert detail.events[0].user == "本机管理员(admin)"
    assert audits(demo_ctx)[-1].action == "新增" and "第" in audits(demo_ctx)[-1].summary


def test_create_refuses_missing_fields_and_writes_nothing(demo_ctx: ServiceContext) -> None:
    before = count(demo_ctx, Task), len(audits(demo_ctx))
    with pytest.raises(InputInvalid) as caught:
        create_task(demo_ctx, TaskDraft(source="", category="", description=" ", deadline=TODAY))
    assert "请选择问题来源" in caught.value.message and "请填写问题表现" in caught.value.message
    with pytest.raises(InputInvalid, match="早于发现时间"):
        new_task(demo_ctx, deadline=TODAY - timedelta(days=10))
    with pytest.raises(NotFound):
        new_task(demo_ctx, household_ids=(999_999,))
    assert (count(demo_ctx, Task), len(audits(demo_ctx))) == before


def test_find_households_by_number_names_unknown_ones(demo_ctx: ServiceContext) -> None:
    household = some_household(demo_ctx)
    assert find_households(demo_ctx, [f" {household.number} ", household.number]) == [household]
    with pytest.raises(NotFound, match="X123"):
        find_households(demo_ctx, [household.number, "X123"])


def test_update_saves_changed_fields_with_an_audit_row(demo_ctx: ServiceContext) -> None:
    task_id = new_task(demo_ctx)
    draft = task_detail(demo_ctx, task_id).draft
    two = (some_household(demo_ctx, 1).id, some_household(demo_ctx, 2).id)
    update_task(
        demo_ctx, task_id, replace(draft, person=" 李四 ", measures="纳入改造计划", household_ids=two)
    )
    detail = task_detail(demo_ctx, task_id)
    assert detail.row.person == "李四" and detail.row.measures == "纳入改造计划"
    assert [h.id for h in detail.households] == list(two)
    last = audits(demo_ctx)[-1]
    assert last.action == "修改" and "责任人" in last.summary and "整改措施" in last.summary
    assert "涉及农户" in last.summary
    n = len(audits(demo_ctx))
    update_task(demo_ctx, task_id, task_detail(demo_ctx, task_id).draft)  # nothing changed: no audit row
    assert len(audits(demo_ctx)) == n
    with pytest.raises(InputInvalid, match="持续整改"):
        update_task(demo_ctx, task_id, replace(detail.draft, deadline=TODAY + timedelta(days=99)))


def test_closed_tasks_cannot_be_edited(demo_ctx: ServiceContext) -> None:
    closed = list_tasks(demo_ctx, TaskQuery(view=TaskView.DONE)).rows[0]
    with pytest.raises(UserError, match="重新打开"):
        update_task(demo_ctx, closed.id, task_detail(demo_ctx, closed.id).draft)


# ------------------------------------------------------------------ the lifecycle


def test_the_whole_lifecycle_writes_an_event_and_an_audit_row_per_step(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    task_id = new_task(demo_ctx)
    perform(demo_ctx, task_id, TaskAction.START)
    perform(demo_ctx, task_id, TaskAction.SUBMIT, ActionRequest(progress="已完成加固，待验收"))
    perform(demo_ctx, task_id, TaskAction.REJECT, ActionRequest(note="屋面未修缮"))
    perform(demo_ctx, task_id, TaskAction.SUBMIT)
    photo = tmp_path / "整改后照片.jpg"
    photo.write_bytes(b"\xff\xd8 jpeg bytes")
    perform(
        demo_ctx,
        task_id,
        TaskAction.CLOSE,
        ActionRequest(result="已完成维修加固，经鉴定为A级", evidence_text="验收表已归档", files=(photo,)),
    )
    detail = task_detail(demo_ctx, task_id)
    assert [(e.from_status, e.to_status) for e in detail.events] == [
        (None, "待整改"),
        ("待整改", "整改中"),
        ("整改中", "待验收"),
        ("待验收", "整改中"),
        ("整改中", "待验收"),
        ("待验收", "已销号"),
    ]
    assert [e.note for e in detail.events[1:]] == [
        "开始整改",
        "整改完成，提请验收",
        "验收不通过：屋面未修缮",
        "整改完成，提请验收",
        "验收通过，予以销号",
    ]
    row = detail.row
    assert row.status is TaskStatus.CLOSED and row.closed_on == TODAY and row.colour is Colour.GREY
    assert row.result == "已完成维修加固，经鉴定为A级" and row.progress == "已完成加固，待验收"
    assert [a.action for a in audits(demo_ctx)[-6:]] == [
        "开始整改",
        "提请验收",
        "验收不通过",
        "提请验收",
        "添加佐证材料",
        "验收通过并销号",
    ]
    assert detail.actions == (TaskAction.REOPEN,)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("待整改", TaskAction.SUBMIT),
        ("待整改", TaskAction.CLOSE),
        ("待整改", TaskAction.REJECT),
        ("待整改", TaskAction.REOPEN),
        ("整改中", TaskAction.START),
        ("整改中", TaskAction.CLOSE),
        ("整改中", TaskAction.REJECT),
        ("整改中", TaskAction.REOPEN),
        ("待验收", TaskAction.START),
        ("待验收", TaskAction.SUBMIT),
        ("待验收", TaskAction.REOPEN),
        ("已销号", TaskAction.START),
        ("已销号", TaskAction.SUBMIT),
        ("已销号", TaskAction.CLOSE),
        ("已销号", TaskAction.REJECT),
        ("已销号", TaskAction.EXTEND),
    ],
)
def test_forbidden_transitions_change_nothing(
    demo_ctx: ServiceContext, status: str, action: TaskAction
) -> None:
    task = next(r for r in list_tasks(demo_ctx).rows if r.status == status)
    before = (count(demo_ctx, TaskEvent), count(demo_ctx, TaskDeadlineChange), len(audits(demo_ctx)))
    request = ActionRequest(
        note="原因", result="结果", evidence_text="说明", new_deadline=TODAY + timedelta(days=40)
    )
    with pytest.raises(InputInvalid, match=f"任务当前为“{status}”"):
        perform(demo_ctx, task.id, action, request)
    assert status_of(demo_ctx, task.id) == status
    assert (count(demo_ctx, TaskEvent), count(demo_ctx, TaskDeadlineChange), len(audits(demo_ctx))) == before
    assert count(demo_ctx, TaskEvidence, TaskEvidence.task_id == task.id) == len(
        task_detail(demo_ctx, task.id).evidence
    )


def test_closing_without_evidence_or_result_is_refused(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    task_id = new_task(demo_ctx)
    perform(demo_ctx, task_id, TaskAction.START)
    perform(demo_ctx, task_id, TaskAction.SUBMIT)
    with pytest.raises(InputInvalid, match="至少有一项佐证材料"):
        perform(demo_ctx, task_id, TaskAction.CLOSE, ActionRequest(result="已完成"))
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"photo")
    with pytest.raises(InputInvalid, match="整改结果说明"):
        perform(demo_ctx, task_id, TaskAction.CLOSE, ActionRequest(result=" ", files=(photo,)))
    # the refused 销号 kept neither the evidence row nor the copied file
    assert count(demo_ctx, TaskEvidence, TaskEvidence.task_id == task_id) == 0
    assert not list((demo_ctx.paths.attachments).rglob("*photo*"))
    assert status_of(demo_ctx, task_id) is TaskStatus.REVIEW
    add_evidence(demo_ctx, task_id, text="验收组现场核查记录")
    perform(demo_ctx, task_id, TaskAction.CLOSE, ActionRequest(result="已完成"))
    assert status_of(demo_ctx, task_id) is TaskStatus.CLOSED


def test_reopen_needs_a_reason_and_the_administrator(demo_ctx: ServiceContext) -> None:
    closed = next(r for r in list_tasks(demo_ctx).rows if r.status is TaskStatus.CLOSED)
    with pytest.raises(PermissionDenied, match="重新打开已销号任务"):
        perform(demo_ctx.acting_as(CLERK), closed.id, TaskAction.REOPEN, ActionRequest(note="复查反弹"))
    with pytest.raises(InputInvalid, match="必须写明原因"):
        perform(demo_ctx, closed.id, TaskAction.REOPEN, ActionRequest(note=" "))
    assert status_of(demo_ctx, closed.id) is TaskStatus.CLOSED
    new_deadline = TODAY + timedelta(days=20)
    perform(
        demo_ctx,
        closed.id,
        TaskAction.REOPEN,
        ActionRequest(note="县级复查发现问题反弹", new_deadline=new_deadline),
    )
    detail = task_detail(demo_ctx, closed.id)
    assert detail.row.status is TaskStatus.DOING and detail.row.closed_on is None
    assert detail.row.deadline == new_deadline and detail.row.colour is Colour.YELLOW  # extended: yellow
    assert (
        detail.events[-1].note == f"重新打开：县级复查发现问题反弹（整改时限调整为{new_deadline:%Y-%m-%d}）"
    )
    assert detail.deadline_changes[-1].reason == "县级复查发现问题反弹"
    assert audits(demo_ctx)[-1].action == "重新打开"


def test_clerks_do_everything_else_and_readers_nothing(demo_ctx: ServiceContext) -> None:
    clerk = demo_ctx.acting_as(CLERK)
    task_id = new_task(clerk)
    perform(clerk, task_id, TaskAction.START)
    assert task_detail(clerk, task_id).events[-1].user == "录入员小王(clerk)"
    reader = demo_ctx.acting_as(READER)
    assert list_tasks(reader).rows
    with pytest.raises(PermissionDenied):
        perform(reader, task_id, TaskAction.SUBMIT)
    with pytest.raises(PermissionDenied):
        new_task(reader)
    with pytest.raises(PermissionDenied):
        add_evidence(reader, task_id, text="x")
    assert status_of(demo_ctx, task_id) is TaskStatus.DOING


# ------------------------------------------------------------------ deadlines


def test_deadline_history_and_escalation(demo_ctx: ServiceContext) -> None:
    first = TODAY + timedelta(days=30)
    task_id = new_task(demo_ctx, deadline=first)
    assert task_detail(demo_ctx, task_id).row.colour is Colour.BLUE
    second, third = TODAY + timedelta(days=60), TODAY + timedelta(days=90)
    perform(demo_ctx, task_id, TaskAction.EXTEND, ActionRequest(note="雨季无法施工", new_deadline=second))
    detail = task_detail(demo_ctx, task_id)
    assert detail.row.status is TaskStatus.TODO  # 持续整改 keeps the status
    assert detail.row.colour is Colour.YELLOW and not detail.row.warning.escalated
    perform(demo_ctx, task_id, TaskAction.START)
    perform(demo_ctx, task_id, TaskAction.EXTEND, ActionRequest(note="资金未到位", new_deadline=third))
    detail = task_detail(demo_ctx, task_id)
    assert [(c.old, c.new, c.reason) for c in detail.deadline_changes] == [
        (first, second, "雨季无法施工"),
        (second, third, "资金未到位"),
    ]
    assert detail.row.deadline == third
    assert detail.row.warning.escalated and detail.row.warning.label == "黄牌 · 升级"
    assert (
        detail.events[-1].note
        == f"持续整改：整改时限由{second:%Y-%m-%d}调整为{third:%Y-%m-%d}。原因：资金未到位"
    )
    assert (detail.events[-1].from_status, detail.events[-1].to_status) == ("整改中", "整改中")
    last = audits(demo_ctx)[-1]
    assert (
        last.action == "持续整改" and str(second) in (last.before or "") and str(third) in (last.after or "")
    )


def test_extend_needs_reason_and_a_valid_date(demo_ctx: ServiceContext) -> None:
    task_id = new_task(demo_ctx)
    deadline = task_detail(demo_ctx, task_id).row.deadline
    for request, message in (
        (ActionRequest(note="", new_deadline=deadline + timedelta(days=5)), "必须写明原因"),
        (ActionRequest(note="x"), "须确定新的整改时限"),
        (ActionRequest(note="x", new_deadline=deadline), "与原时限相同"),
        (ActionRequest(note="x", new_deadline=TODAY - timedelta(days=1)), "早于今天"),
    ):
        with pytest.raises(InputInvalid, match=message):
            perform(demo_ctx, task_id, TaskAction.EXTEND, request)
    assert task_detail(demo_ctx, task_id).deadline_changes == ()


# ------------------------------------------------------------------ evidence


def test_evidence_files_are_copied_with_their_sha256(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    task_id = new_task(demo_ctx)
    scan = tmp_path / "验收表:扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    add_evidence(demo_ctx, task_id, text="现场照片3张", files=(scan, scan))
    evidence = task_detail(demo_ctx, task_id).evidence
    assert [e.text for e in evidence] == ["现场照片3张", "", ""]
    files = [e for e in evidence if e.is_file]
    digest = hashlib.sha256(b"%PDF-1.4 scan").hexdigest()
    assert {e.sha256 for e in files} == {digest} and {e.file_name for e in files} == {scan.name}
    stored = evidence_file(demo_ctx, files[0].id)
    assert stored.read_bytes() == b"%PDF-1.4 scan"
    assert stored.is_relative_to(demo_ctx.paths.attachments) and ":" not in stored.name
    assert len(list(stored.parent.iterdir())) == 1  # the same file is stored once
    remove_evidence(demo_ctx, files[0].id)
    assert stored.exists()  # still used by the other row
    remove_evidence(demo_ctx, files[1].id)
    assert not stored.exists()
    assert [a.action for a in audits(demo_ctx)[-3:]] == ["添加佐证材料", "删除佐证材料", "删除佐证材料"]


def test_evidence_errors(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    task_id = new_task(demo_ctx)
    with pytest.raises(InputInvalid, match="请填写佐证说明"):
        add_evidence(demo_ctx, task_id, text="  ")
    with pytest.raises(InputUnreadable, match="找不到文件"):
        add_evidence(demo_ctx, task_id, files=(tmp_path / "none.jpg",))
    ok = tmp_path / "ok.jpg"
    ok.write_bytes(b"ok")
    with pytest.raises(InputUnreadable):  # one bad file: nothing of the batch is kept
        add_evidence(demo_ctx, task_id, files=(ok, tmp_path / "none.jpg"))
    assert not list(demo_ctx.paths.attachments.rglob("*ok.jpg"))
    closed = next(r for r in list_tasks(demo_ctx).rows if r.status is TaskStatus.CLOSED)
    with pytest.raises(UserError, match="已销号"):
        add_evidence(demo_ctx, closed.id, text="补充")
    demo_evidence = task_detail(demo_ctx, closed.id).evidence[0]
    with pytest.raises(UserError, match="不能删除"):
        remove_evidence(demo_ctx, demo_evidence.id)
    with pytest.raises(NotFound, match="没有附件"):
        evidence_file(demo_ctx, demo_evidence.id)
    add_evidence(demo_ctx, task_id, files=(ok,))
    stored = evidence_file(demo_ctx, task_detail(demo_ctx, task_id).evidence[0].id)
    stored.unlink()  # and not in the database either (attached on another PC before it held files)
    with demo_ctx.sessions.begin() as session:
        session.execute(update(TaskEvidence).values(blob_sha256=None))
        session.execute(delete(EvidenceBlob))
    with pytest.raises(NotFound, match="不在数据文件夹中"):
        evidence_file(demo_ctx, task_detail(demo_ctx, task_id).evidence[0].id)


def test_task_households_survive_in_detail(demo_ctx: ServiceContext) -> None:
    household = some_household(demo_ctx, 7)
    task_id = new_task(demo_ctx, household_ids=(household.id, household.id))
    assert count(demo_ctx, TaskHousehold, TaskHousehold.task_id == task_id) == 1
    assert task_detail(demo_ctx, task_id).households[0].label == f"{household.head}户（{household.number}）"
    with pytest.raises(NotFound):
        task_detail(demo_ctx, 999_999)
