"""挂图作战's use cases enforce roles in the service (not only the buttons): 只读 may look and print,
录入员 and 管理员 may change helpers and pairings; a refusal leaves the database as it was."""

from __future__ import annotations

import pytest

from fupin_desktop.services.assignments.helpers import (
    HelperInput,
    archive_helper,
    create_helper,
    list_helpers,
    update_helper,
)
from fupin_desktop.services.assignments.pairings import (
    HouseholdFilter,
    assign_households,
    find_households,
    save_pairings,
    suggest_pairings,
    unpair_households,
)
from fupin_desktop.services.assignments.warchart import warchart_job
from fupin_desktop.services.context import Permission, Role, ServiceContext
from tests.support.roles import RoleCase, check_role


def _idle(ctx: ServiceContext) -> int:
    return next(h.id for h in list_helpers(ctx) if h.load == 0 and h.role == "帮扶责任人")


def _unpaired(ctx: ServiceContext) -> list[int]:
    return [h.id for h in find_households(ctx, HouseholdFilter(unpaired_only=True))]


def _paired(ctx: ServiceContext) -> int:
    return next(h.id for h in find_households(ctx) if h.helper_id is not None)


CASES = [
    RoleCase("新增帮扶人", Permission.EDIT, lambda ctx: create_helper(ctx, HelperInput(name="王五"))),
    RoleCase(
        "修改帮扶人",
        Permission.EDIT,
        lambda ctx: update_helper(ctx, _idle(ctx), HelperInput(name="王五", phone="13800001111")),
    ),
    RoleCase("归档帮扶人", Permission.EDIT, lambda ctx: archive_helper(ctx, _idle(ctx), "工作调动")),
    RoleCase("结对", Permission.EDIT, lambda ctx: assign_households(ctx, _idle(ctx), _unpaired(ctx)[:2])),
    RoleCase("解除结对", Permission.EDIT, lambda ctx: unpair_households(ctx, [_paired(ctx)], "户已搬迁")),
    RoleCase("保存分配建议", Permission.EDIT, lambda ctx: save_pairings(ctx, suggest_pairings(ctx).pairs())),
    RoleCase(
        "打印作战图",
        Permission.PRINT,
        lambda ctx: warchart_job(ctx, ctx.paths.root / "作战图.pdf", village="清水村"),
    ),
]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
@pytest.mark.parametrize("case", CASES, ids=str)
def test_assignments_enforce_roles(demo_ctx: ServiceContext, case: RoleCase, role: Role) -> None:
    check_role(demo_ctx, case, role)
