"""Services enforce roles: a parametrized check for any use case.

Each `RoleCase` names a use case, the permission it needs and how to call it. `check_role` signs in as
each role in turn: a role that has the permission must get through (no PermissionDenied), a role that
lacks it must get PermissionDenied naming a missing permission — with the database left exactly as it was.

    CASES = [
        RoleCase("保存设置", Permission.SETTINGS, lambda ctx: save_settings(ctx, Settings(township="甲镇"))),
        RoleCase("生成明白卡", Permission.PRINT, lambda ctx: build_cards(ctx, [1], out)),  # jobs are run
    ]

    @pytest.mark.parametrize("role", list(Role))
    @pytest.mark.parametrize("case", CASES, ids=str)
    def test_roles(role_ctx, case, role):
        check_role(role_ctx, case, role)
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from fupin_desktop.errors import PermissionDenied
from fupin_desktop.services.context import Actor, Permission, Role, ServiceContext
from fupin_desktop.services.progress import run_job
from tests.support.databases import fingerprint


@dataclass(frozen=True)
class RoleCase:
    name: str
    permission: Permission
    call: Callable[[ServiceContext], object]

    def __str__(self) -> str:
        return self.name


def actor_for(role: Role) -> Actor:
    return Actor(username=f"role-{role.name.lower()}", display_name=f"测试{role}", role=role)


def run_case(case: RoleCase, ctx: ServiceContext) -> object:
    """Call the use case; a long job (generator) is driven to its end."""
    result = case.call(ctx)
    if inspect.isgenerator(result):
        return run_job(result)
    return result


def check_role(ctx: ServiceContext, case: RoleCase, role: Role) -> None:
    actor = actor_for(role)
    as_role = ctx.acting_as(actor)
    if actor.can(case.permission):
        try:
            run_case(case, as_role)
        except PermissionDenied as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{role} 应该可以“{case.name}”，却被拒绝：{exc}")
        return
    before = fingerprint(ctx.paths.database)
    with pytest.raises(PermissionDenied) as caught:
        run_case(case, as_role)
    # the message names what is missing (a use case may check a more basic permission first)
    assert any(str(p) in caught.value.message for p in Permission if not actor.can(p))
    assert fingerprint(ctx.paths.database) == before, f"“{case.name}”被拒绝，但数据库已被改动"
