"""Accounts: the first administrator, signing in, lockout, passwords, user management."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from fupin_desktop.db.models import AuditLog, User
from fupin_desktop.errors import InputInvalid, PermissionDenied, UserError
from fupin_desktop.services.accounts import users as accounts
from fupin_desktop.services.accounts.users import (
    WRONG,
    LoginFailed,
    add_user,
    authenticate,
    change_own_password,
    create_first_admin,
    has_users,
    list_users,
    reset_password,
    unlock_user,
    update_user,
)
from fupin_desktop.services.context import Role, ServiceContext

NOW = datetime(2026, 11, 23, 9, 0)


def audit_actions(ctx: ServiceContext) -> list[tuple[str, str, str]]:
    with ctx.sessions() as session:
        return [
            (a.user_name, a.action, a.entity_id or "")
            for a in session.scalars(select(AuditLog).where(AuditLog.entity == "user").order_by(AuditLog.id))
        ]


@pytest.fixture
def admin_ctx(ctx: ServiceContext) -> ServiceContext:
    actor = create_first_admin(ctx, "zhang", "张站长", "qingshui2026")
    return ctx.acting_as(actor)


def test_the_first_administrator_is_created_once(ctx: ServiceContext) -> None:
    assert not has_users(ctx)
    actor = create_first_admin(ctx, " zhang ", "张站长", "qingshui2026")
    assert (actor.username, actor.display_name, actor.role) == ("zhang", "张站长", Role.ADMIN)
    assert has_users(ctx)
    assert audit_actions(ctx) == [("张站长(zhang)", "新增", "zhang")]
    with pytest.raises(UserError, match="已经有用户账户"):
        create_first_admin(ctx, "li", "李四", "another-password")


def test_a_password_needs_eight_characters(ctx: ServiceContext) -> None:
    with pytest.raises(InputInvalid, match="至少需要 8 个字符"):
        create_first_admin(ctx, "zhang", "张站长", "1234567")
    with pytest.raises(InputInvalid, match="不能与用户名相同"):
        create_first_admin(ctx, "zhangsan", "张三", "ZhangSan")
    assert not has_users(ctx)
    create_first_admin(ctx, "zhang", "张站长", "12345678")
    assert has_users(ctx)


def test_passwords_are_salted_scrypt_hashes(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "qingshui2026")
    with admin_ctx.sessions() as session:
        users = {u.username: u for u in session.scalars(select(User))}
    zhang, li = users["zhang"], users["li"]
    assert zhang.password_hash.startswith(f"scrypt${accounts.SCRYPT_N}$8$1$")
    assert "qingshui2026" not in zhang.password_hash
    assert zhang.salt != li.salt and len(zhang.salt) == 32
    assert zhang.password_hash != li.password_hash  # same password, different salt


def test_signing_in_returns_the_account_role(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "wang", "王五", Role.READER, "first-password")
    sign_in = authenticate(admin_ctx, "WANG", "first-password", now=NOW)
    assert sign_in.actor.role == Role.READER and sign_in.actor.username == "wang"
    assert sign_in.must_change_password  # an account made by the administrator
    assert authenticate(admin_ctx, "zhang", "qingshui2026", now=NOW).must_change_password is False
    rows = {u.username: u for u in list_users(admin_ctx)}
    assert rows["wang"].last_login_at == NOW
    assert ("王五(wang)", "登录", "wang") in audit_actions(admin_ctx)


def test_an_unknown_user_gets_the_same_message_and_no_audit_row(admin_ctx: ServiceContext) -> None:
    before = audit_actions(admin_ctx)
    with pytest.raises(LoginFailed) as unknown:
        authenticate(admin_ctx, "nobody", "whatever-password", now=NOW)
    assert audit_actions(admin_ctx) == before
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "right-password")
    with pytest.raises(LoginFailed) as known:
        authenticate(admin_ctx, "li", "whatever-password", now=NOW)
    assert unknown.value.message == known.value.message == WRONG
    assert WRONG == "用户名或密码不正确。连续输错 5 次密码，账户将锁定 5 分钟。"


def test_five_wrong_passwords_lock_the_account_for_five_minutes(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "right-password")
    messages = []
    for attempt in range(5):
        with pytest.raises(LoginFailed) as caught:
            authenticate(admin_ctx, "li", "wrong-password", now=NOW + timedelta(seconds=attempt))
        messages.append(caught.value.message)
    assert messages == [WRONG] * 5  # someone guessing is not told the name exists, nor that it is locked
    with pytest.raises(LoginFailed, match=f"^{WRONG}$"):  # a wrong password while locked: not counted
        authenticate(admin_ctx, "li", "wrong-password", now=NOW + timedelta(minutes=1))
    # the right password is told of the lock, is refused while locked, and does not extend the lock
    with pytest.raises(LoginFailed, match="已被锁定") as locked:
        authenticate(admin_ctx, "li", "right-password", now=NOW + timedelta(minutes=4, seconds=58))
    assert "09:05" in locked.value.message
    assert authenticate(admin_ctx, "li", "right-password", now=NOW + timedelta(minutes=5, seconds=5))
    actions = [a for _, a, who in audit_actions(admin_ctx) if who == "li"]
    assert actions == ["新增", "登录失败", "登录失败", "登录失败", "登录失败", "锁定", "登录"]


def test_a_successful_sign_in_resets_the_count(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "right-password")
    for _ in range(4):
        with pytest.raises(LoginFailed):
            authenticate(admin_ctx, "li", "wrong-password", now=NOW)
    authenticate(admin_ctx, "li", "right-password", now=NOW)
    for _ in range(4):  # four more wrong ones do not lock: the count started again
        with pytest.raises(LoginFailed):
            authenticate(admin_ctx, "li", "wrong-password", now=NOW)
    assert authenticate(admin_ctx, "li", "right-password", now=NOW)


def test_the_administrator_can_unlock_early(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "right-password")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            authenticate(admin_ctx, "li", "wrong-password", now=datetime.now())
    assert next(u for u in list_users(admin_ctx) if u.username == "li").locked(datetime.now())
    unlock_user(admin_ctx, "li")
    assert authenticate(admin_ctx, "li", "right-password").actor.username == "li"
    assert ("张站长(zhang)", "解除锁定", "li") in audit_actions(admin_ctx)


def test_a_deactivated_account_cannot_sign_in(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "right-password")
    update_user(admin_ctx, "li", active=False)
    with pytest.raises(LoginFailed, match="已停用"):
        authenticate(admin_ctx, "li", "right-password", now=NOW)


def test_changing_ones_own_password(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "initial-password")
    li = admin_ctx.acting_as(authenticate(admin_ctx, "li", "initial-password").actor)
    with pytest.raises(InputInvalid, match="当前密码不正确"):
        change_own_password(li, "wrong", "brand-new-password")
    with pytest.raises(InputInvalid, match="至少需要 8 个字符"):
        change_own_password(li, "initial-password", "short")
    change_own_password(li, "initial-password", "brand-new-password")
    with pytest.raises(LoginFailed):
        authenticate(admin_ctx, "li", "initial-password", now=NOW)
    assert authenticate(admin_ctx, "li", "brand-new-password", now=NOW).must_change_password is False
    assert ("李会计(li)", "修改密码", "li") in audit_actions(admin_ctx)


def test_an_actor_without_an_account_has_no_password_to_change(ctx: ServiceContext) -> None:
    with pytest.raises(UserError, match="不是本数据库的用户账户"):
        change_own_password(ctx, "x", "yyyyyyyyyy")


def test_reset_password_makes_the_user_choose_a_new_one(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "initial-password")
    li = admin_ctx.acting_as(authenticate(admin_ctx, "li", "initial-password").actor)
    change_own_password(li, "initial-password", "my-own-password")
    reset_password(admin_ctx, "li", "temporary-password")
    sign_in = authenticate(admin_ctx, "li", "temporary-password", now=NOW)
    assert sign_in.must_change_password
    assert ("张站长(zhang)", "重置密码", "li") in audit_actions(admin_ctx)


def test_user_names_are_unique_regardless_of_case(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "Li", "李会计", Role.CLERK, "initial-password")
    with pytest.raises(InputInvalid, match="已经存在"):
        add_user(admin_ctx, "li", "李四", Role.READER, "initial-password")
    with pytest.raises(InputInvalid, match="空格或冒号"):
        add_user(admin_ctx, "os:root", "假系统用户", Role.ADMIN, "initial-password")


def test_roles_change_and_one_active_administrator_always_remains(admin_ctx: ServiceContext) -> None:
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "initial-password")
    with pytest.raises(InputInvalid, match="自己"):
        update_user(admin_ctx, "zhang", role=Role.CLERK)
    with pytest.raises(InputInvalid, match="自己"):
        update_user(admin_ctx, "zhang", active=False)
    row = update_user(admin_ctx, "li", role=Role.ADMIN, display_name="李副站长")
    assert (row.role, row.display_name) == (Role.ADMIN, "李副站长")
    li = admin_ctx.acting_as(row.actor)
    update_user(li, "zhang", active=False)  # another administrator remains: allowed
    with pytest.raises(InputInvalid, match="至少要保留一个启用的管理员"):
        update_user(admin_ctx, "li", role=Role.READER)  # zhang (still signed in) would leave none
    with admin_ctx.sessions() as session:
        change = session.scalars(
            select(AuditLog).where(AuditLog.action == "修改", AuditLog.entity_id == "li")
        ).one()
    assert "角色" in change.summary and "姓名" in change.summary
    assert '"管理员"' in change.after and '"录入员"' in change.before


def test_only_the_administrator_manages_users(admin_ctx: ServiceContext) -> None:
    clerk = add_user(admin_ctx, "li", "李会计", Role.CLERK, "initial-password").actor
    as_clerk = admin_ctx.acting_as(clerk)
    for call in (
        lambda: list_users(as_clerk),
        lambda: add_user(as_clerk, "x", "x", Role.ADMIN, "initial-password"),
        lambda: update_user(as_clerk, "li", role=Role.ADMIN),
        lambda: reset_password(as_clerk, "zhang", "hijacked-password"),
        lambda: unlock_user(as_clerk, "zhang"),
    ):
        with pytest.raises(PermissionDenied, match="管理用户"):
            call()


def test_new_passwords_get_the_owasp_cost_and_older_hashes_are_upgraded_at_sign_in(
    admin_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**14)  # a hash made by an older release
    add_user(admin_ctx, "li", "李会计", Role.CLERK, "right-password")
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**17)

    def stored() -> str:
        with admin_ctx.sessions() as session:
            return session.scalar(select(User.password_hash).where(User.username == "li"))

    assert stored().startswith("scrypt$16384$8$1$")
    with pytest.raises(LoginFailed):  # a wrong password upgrades nothing
        authenticate(admin_ctx, "li", "wrong-password", now=NOW)
    assert stored().startswith("scrypt$16384$")
    authenticate(admin_ctx, "li", "right-password", now=NOW)
    assert stored().startswith("scrypt$131072$8$1$")
    assert authenticate(admin_ctx, "li", "right-password", now=NOW).actor.username == "li"
