"""Services enforce roles (not only the buttons), for every use case on this branch.

Other use cases join by appending a `RoleCase` to `CASES` (see tests/support/roles.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fupin_desktop.db.backup import backup_database, list_backups
from fupin_desktop.services.accounts.audit_log import (
    AuditQuery,
    audit_filters,
    audit_ids,
    audit_rows,
    export_audit,
)
from fupin_desktop.services.accounts.users import (
    add_user,
    list_users,
    reset_password,
    unlock_user,
    update_user,
)
from fupin_desktop.services.context import LOCAL_ADMIN, ROLE_PERMISSIONS, Permission, Role, ServiceContext
from fupin_desktop.services.demo import generate_demo
from fupin_desktop.services.importing.comparing import compare_file
from fupin_desktop.services.importing.front import import_file
from fupin_desktop.services.ledgers.export import export_ledger
from fupin_desktop.services.printing.cards import cards_job
from fupin_desktop.services.printing.notices import NoticeKind, notice_job
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings, save_settings, set_threshold
from fupin_desktop.services.storage.backups import backup_to, restore_backup
from tests.support.roles import RoleCase, check_role
from tests.support.task_roles import TASK_CASES


@pytest.fixture
def role_ctx(demo_ctx: ServiceContext) -> ServiceContext:
    """The demo township with a clerk account and a backup to restore."""
    add_user(demo_ctx.acting_as(LOCAL_ADMIN), "li", "李会计", Role.CLERK, "initial-password")
    backup_database(demo_ctx.db.engine, demo_ctx.paths.backups, reason="自动")
    run_job(export_ledger(demo_ctx, "members", _members_file(demo_ctx), household_ids=[1, 2, 3]))
    return demo_ctx


def _members_file(ctx: ServiceContext) -> Path:
    return ctx.paths.root / "人口台账.xlsx"


def _backup(ctx: ServiceContext) -> Path:
    return list_backups(ctx.paths.backups)[-1].path


CASES = [
    RoleCase(
        "修改设置",
        Permission.SETTINGS,
        lambda ctx: save_settings(ctx, get_settings(ctx).with_changes(township="甲镇")),
    ),
    RoleCase("设定监测范围", Permission.SETTINGS, lambda ctx: set_threshold(ctx, 2026, 8000)),
    RoleCase("备份到U盘", Permission.BACKUP, lambda ctx: backup_to(ctx, ctx.paths.root / "usb")),
    RoleCase("从备份恢复", Permission.RESTORE, lambda ctx: restore_backup(ctx, _backup(ctx))),
    RoleCase(
        "用示范数据替换全部数据",
        Permission.REPLACE_ALL,
        lambda ctx: generate_demo(ctx, households=36, force=True),
    ),
    RoleCase("列出用户", Permission.MANAGE_USERS, list_users),
    RoleCase(
        "新增用户",
        Permission.MANAGE_USERS,
        lambda ctx: add_user(ctx, "wang", "王五", Role.ADMIN, "initial-password"),
    ),
    RoleCase("修改用户角色", Permission.MANAGE_USERS, lambda ctx: update_user(ctx, "li", role=Role.ADMIN)),
    RoleCase("重置密码", Permission.MANAGE_USERS, lambda ctx: reset_password(ctx, "li", "taken-over!")),
    RoleCase("解除锁定", Permission.MANAGE_USERS, lambda ctx: unlock_user(ctx, "li")),
    RoleCase("查看审计日志", Permission.VIEW_AUDIT, lambda ctx: audit_ids(ctx, AuditQuery())),
    RoleCase("审计日志明细", Permission.VIEW_AUDIT, lambda ctx: audit_rows(ctx, [1])),
    RoleCase("审计日志筛选项", Permission.VIEW_AUDIT, audit_filters),
    RoleCase(
        "导出审计日志",
        Permission.VIEW_AUDIT,
        lambda ctx: export_audit(ctx, AuditQuery(), ctx.paths.root / "audit.xlsx"),
    ),
    RoleCase(
        "导出户台账",
        Permission.EXPORT,
        lambda ctx: export_ledger(ctx, "households", ctx.paths.root / "户.xlsx", household_ids=[1]),
    ),
    RoleCase(
        "导出完整证件号码",
        Permission.EXPORT_FULL_ID,
        lambda ctx: export_ledger(
            ctx, "members", ctx.paths.root / "全.xlsx", full_id=True, household_ids=[1]
        ),
    ),
    RoleCase("导入 Excel", Permission.IMPORT, lambda ctx: import_file(ctx, _members_file(ctx))),
    RoleCase(
        "机账比对",
        Permission.EXPORT,
        lambda ctx: compare_file(ctx, _members_file(ctx), ctx.paths.root / "比对.xlsx"),
    ),
    RoleCase("打印明白卡", Permission.PRINT, lambda ctx: cards_job(ctx, [1, 2], ctx.paths.root / "卡.pdf")),
    RoleCase(
        "打印公示名单",
        Permission.PRINT,
        lambda ctx: notice_job(
            ctx,
            "清水村",
            NoticeKind.IDENTIFY,
            ctx.paths.root / "公示.pdf",
            since=ctx.today().replace(year=2021),
        ),
    ),
    *TASK_CASES,
]

EMPTY_DATABASE_CASES = [
    RoleCase("首次生成示范数据", Permission.IMPORT, lambda ctx: generate_demo(ctx, households=36)),
]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
@pytest.mark.parametrize("case", CASES, ids=str)
def test_services_enforce_roles(role_ctx: ServiceContext, case: RoleCase, role: Role) -> None:
    check_role(role_ctx, case, role)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
@pytest.mark.parametrize("case", EMPTY_DATABASE_CASES, ids=str)
def test_services_enforce_roles_on_an_empty_database(ctx: ServiceContext, case: RoleCase, role: Role) -> None:
    check_role(ctx, case, role)


def test_the_role_table_is_the_issues() -> None:
    """管理员 everything; 录入员 edit data and tasks (and see full IDs); 只读 view and print."""
    assert ROLE_PERMISSIONS[Role.ADMIN] == frozenset(Permission)
    assert ROLE_PERMISSIONS[Role.CLERK] == {
        Permission.VIEW,
        Permission.PRINT,
        Permission.EXPORT,
        Permission.EDIT,
        Permission.IMPORT,
        Permission.EDIT_TASKS,
        Permission.VIEW_FULL_ID,
    }
    assert ROLE_PERMISSIONS[Role.READER] == {Permission.VIEW, Permission.PRINT, Permission.EXPORT}
    admin_only = {
        Permission.MANAGE_USERS,
        Permission.EXPORT_FULL_ID,
        Permission.REOPEN_TASK,
        Permission.SETTINGS,
        Permission.VIEW_AUDIT,
        Permission.BACKUP,
        Permission.RESTORE,
        Permission.REPLACE_ALL,
    }
    assert admin_only.isdisjoint(ROLE_PERMISSIONS[Role.CLERK])
