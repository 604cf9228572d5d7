"""Writes outside the editors raise the versions they change (issue 19 §2): an editor opened before an
import or an area merge is refused on save, and the import's or the merge's change stays. On SQLite and
on the PostgreSQL server (`demo_ctx` runs on each)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fupin_desktop.errors import EditConflict
from fupin_desktop.services.assignments.helpers import get_helper, list_helpers, update_helper
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.households.editing import HouseholdDraft, load_draft, save_draft
from fupin_desktop.services.importing.front import import_file
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.rectification.editing import update_task
from fupin_desktop.services.rectification.listing import list_tasks, task_detail
from fupin_desktop.services.register.area_merge import merge_areas
from fupin_desktop.services.register.areas import area_tree
from tests.integration.excel_files import write_xlsx

NOT_SAVED = "已在你打开之后被别人修改。你的修改没有保存。请重新载入后再改。"


def with_record(draft: HouseholdDraft, **changes: object) -> HouseholdDraft:
    return replace(draft, record=replace(draft.record, **changes))


def household_file(tmp_path: Path, draft: HouseholdDraft, phone: str | None) -> Path:
    """A file naming the household's 户编号, 行政村 and 户联系电话, nothing else."""
    row = [draft.record.number, draft.record.village, phone]
    return write_xlsx(tmp_path / "户.xlsx", [row], header=["户编号", "行政村", "户联系电话"])


def refused(ctx: ServiceContext, draft: HouseholdDraft) -> str:
    with pytest.raises(EditConflict) as caught:
        save_draft(ctx, draft)
    return str(caught.value)


def test_a_household_an_import_changed_refuses_the_editor_opened_before(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    opened = load_draft(demo_ctx, 1)
    number = opened.record.number
    path = household_file(tmp_path, opened, "13900007777")
    summary, _ = run_job(import_file(demo_ctx, path))
    assert summary.committed and summary.households_updated == 1

    message = refused(demo_ctx, with_record(opened, address="新村组12号"))

    assert message == f"户 {number} {NOT_SAVED}"
    stored = load_draft(demo_ctx, 1)
    assert (stored.record.phone, stored.record.address) == ("13900007777", opened.record.address)
    save_draft(demo_ctx, with_record(stored, address="新村组12号"))  # reloaded, the save goes through
    assert load_draft(demo_ctx, 1).record.address == "新村组12号"


def test_an_import_that_changes_nothing_leaves_the_open_editor_free_to_save(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    opened = load_draft(demo_ctx, 1)
    path = household_file(tmp_path, opened, opened.record.phone)
    summary, _ = run_job(import_file(demo_ctx, path))
    assert summary.households_unchanged == 1 and not summary.committed

    save_draft(demo_ctx, with_record(opened, address="新村组12号"))

    assert load_draft(demo_ctx, 1).record.address == "新村组12号"


def test_a_helper_an_import_updated_refuses_the_editor_opened_before(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    helper = next(h for h in list_helpers(demo_ctx) if h.phone)
    opened = get_helper(demo_ctx, helper.id)
    path = write_xlsx(
        tmp_path / "帮扶责任人.xlsx",
        [[opened.name, opened.phone, "县乡村振兴局"]],
        header=["姓名", "联系电话", "单位"],
    )
    summary, _ = run_job(import_file(demo_ctx, path))
    assert summary.committed

    with pytest.raises(EditConflict) as caught:
        update_helper(
            demo_ctx, helper.id, replace(opened.as_input(), title="驻村干部"), version=opened.version
        )

    assert str(caught.value) == f"帮扶人 {opened.name} {NOT_SAVED}"
    assert get_helper(demo_ctx, helper.id).unit == "县乡村振兴局"


def test_an_area_merge_refuses_editors_of_the_households_and_tasks_it_moved(
    demo_ctx: ServiceContext,
) -> None:
    source, target = area_tree(demo_ctx)[0], area_tree(demo_ctx)[1]
    household = next(h for h in range(1, 50) if load_draft(demo_ctx, h).village_id == source.id)
    opened = load_draft(demo_ctx, household)
    task = next(t for t in list_tasks(demo_ctx).rows if t.village_id == source.id and t.status == "待整改")
    task_opened = task_detail(demo_ctx, task.id)

    merge_areas(demo_ctx, source.id, target.id)

    assert refused(demo_ctx, with_record(opened, address="新村组12号")).startswith(
        f"户 {opened.record.number} "
    )
    assert load_draft(demo_ctx, household).village_id == target.id  # the merge's change stays
    with pytest.raises(EditConflict):
        update_task(
            demo_ctx, task.id, replace(task_opened.draft, person="王小明"), version=task_opened.version
        )
    assert task_detail(demo_ctx, task.id).row.village_id == target.id
