"""Texts longer than their columns hold are refused before anything is written, with the field and the
limit named — the same on SQLite (which would keep them) and PostgreSQL (which would abort the save)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from fupin_desktop.db.lengths import length_message, max_length, over_limit
from fupin_desktop.db.models import Helper, Household, Member, Task
from fupin_desktop.errors import InputInvalid
from fupin_desktop.services.assignments.helpers import HelperInput, create_helper
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.households.editing import check_draft, field_lengths, load_draft, save_draft
from fupin_desktop.services.rectification.editing import create_task
from fupin_desktop.services.rectification.listing import TaskDraft
from tests.conftest import TODAY


def test_the_limits_are_the_columns_sizes() -> None:
    assert max_length(Household, "phone") == 40 and max_length(Household, "address") == 200
    assert max_length(Household, "note") is None  # Text: unlimited
    assert over_limit(Member, "name", "张" * 40) is None and over_limit(Member, "name", "张" * 41) == 40
    assert length_message("姓名", 40, "张" * 41) == "姓名最多 40 个字（现在 41 个字），请删减。"
    assert field_lengths()["member"]["name"] == 40


def test_an_over_long_address_and_member_name_are_refused_and_nothing_is_written(demo_ctx) -> None:
    draft = load_draft(demo_ctx, 1)
    first = draft.record.members[0]
    members = (replace(first, work_place="广" * 101), *draft.record.members[1:])
    long = replace(draft, record=replace(draft.record, address="村" * 201, members=members))

    problems = [p for p in check_draft(demo_ctx, long) if p.code == "too_long"]

    assert [(p.field, p.member, p.message) for p in problems] == [
        ("address", None, "家庭住址最多 200 个字（现在 201 个字），请删减。"),
        ("work_place", 0, f"成员“{first.name}”的务工所在地最多 100 个字（现在 101 个字），请删减。"),
    ]
    with pytest.raises(InputInvalid, match="家庭住址最多 200 个字"):
        save_draft(demo_ctx, long)
    with demo_ctx.sessions() as session:
        assert session.scalar(select(Household.address).where(Household.id == 1)) == draft.record.address


def test_a_helper_and_a_task_with_over_long_text_are_refused(ctx: ServiceContext) -> None:
    with pytest.raises(InputInvalid, match="单位最多 100 个字（现在 101 个字）"):
        create_helper(ctx, HelperInput(name="王五", unit="局" * 101))
    draft = TaskDraft(
        source="县级督查", category="住房安全", description="危房", deadline=TODAY, person="人" * 61
    )
    with pytest.raises(InputInvalid, match="责任人最多 60 个字（现在 61 个字）"):
        create_task(ctx, draft)
    with ctx.sessions() as session:
        assert session.scalar(select(Helper.id).limit(1)) is None
        assert session.scalar(select(Task.id).limit(1)) is None
