"""User accounts: signing in, lockout, passwords, the administrator's user management.

Passwords are stored as scrypt hashes with a per-user random salt, never in a readable form. Five wrong
passwords in a row lock the account for five minutes. Accounts are never deleted (the audit trail names
them); an administrator deactivates them instead, and at least one active administrator always remains.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import User
from fupin_desktop.domain.labels import USER_LABELS
from fupin_desktop.errors import InputInvalid, NotFound, UserError
from fupin_desktop.services import audit
from fupin_desktop.services.context import Actor, Permission, Role, ServiceContext

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
MAX_USERNAME_LENGTH = 40
MAX_DISPLAY_NAME_LENGTH = 60
MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=5)

# OWASP's scrypt cost (2^17, r=8: 128 MiB and a few hundred ms per guess): bearable for one sign-in, slow
# for guessing a copied database. Hashes stored at a lower cost (2^14 before) still verify and are
# rehashed at this cost at the next sign-in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
SCRYPT_MAXMEM = 256 * 1024 * 1024  # hashlib's default (32 MiB) is too small for N = 2^17
HASH_BYTES = 32
SALT_BYTES = 16
HASH_SCHEME = "scrypt"


class LoginFailed(UserError):
    """Wrong user name or password, a locked or a deactivated account."""


@dataclass(frozen=True, slots=True)
class UserRow:
    username: str
    display_name: str
    role: Role
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    must_change_password: bool
    created_at: datetime | None
    last_login_at: datetime | None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def status(self, now: datetime) -> str:
        if not self.active:
            return "已停用"
        if self.locked(now):
            assert self.locked_until is not None
            return f"已锁定（至 {self.locked_until:%H:%M}）"
        return "正常"

    @property
    def actor(self) -> Actor:
        return Actor(username=self.username, display_name=self.display_name, role=self.role)


@dataclass(frozen=True, slots=True)
class SignIn:
    actor: Actor
    must_change_password: bool


# ---------------------------------------------------------------- passwords


def hash_password(password: str, salt: bytes) -> str:
    """The stored form: scheme and cost parameters (so they can be raised later) and the hash in hex."""
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        dklen=HASH_BYTES,
        maxmem=SCRYPT_MAXMEM,
    )
    return f"{HASH_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${digest.hex()}"


def needs_rehash(stored: str) -> bool:
    """Whether a stored hash is of a lower cost than new passwords get."""
    try:
        scheme, n, r, p, _ = stored.split("$")
        return scheme != HASH_SCHEME or (int(n), int(r), int(p)) < (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    except ValueError:
        return True


def verify_password(password: str, stored: str, salt_hex: str) -> bool:
    try:
        scheme, n, r, p, expected = stored.split("$")
        if scheme != HASH_SCHEME:
            return False
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected) // 2,
            maxmem=SCRYPT_MAXMEM,
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


def check_new_password(password: str, username: str = "") -> None:
    """Raise InputInvalid when a new password is too short, too long or the user name itself."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputInvalid(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputInvalid(f"密码不能超过 {MAX_PASSWORD_LENGTH} 个字符。")
    if not password.strip():
        raise InputInvalid("密码不能全是空格。")
    if username and password.strip().lower() == username.strip().lower():
        raise InputInvalid("密码不能与用户名相同。")


def _rehash(user: User, password: str) -> None:
    salt = secrets.token_bytes(SALT_BYTES)
    user.salt = salt.hex()
    user.password_hash = hash_password(password, salt)


def set_password(user: User, password: str) -> None:
    """A new salt and hash for `password`, and the account unlocked (callers check the password first)."""
    salt = secrets.token_bytes(SALT_BYTES)
    user.salt = salt.hex()
    user.password_hash = hash_password(password, salt)
    user.failed_attempts = 0
    user.locked_until = None


def _clean_username(username: str) -> str:
    name = username.strip()
    if not name:
        raise InputInvalid("请填写用户名。")
    if len(name) > MAX_USERNAME_LENGTH:
        raise InputInvalid(f"用户名不能超过 {MAX_USERNAME_LENGTH} 个字符。")
    if any(c.isspace() for c in name) or ":" in name:
        # "os:" names the operating-system user of command-line jobs in the audit trail
        raise InputInvalid("用户名不能含空格或冒号。")
    return name


def _clean_display_name(display_name: str, username: str) -> str:
    name = display_name.strip() or username
    if len(name) > MAX_DISPLAY_NAME_LENGTH:
        raise InputInvalid(f"姓名不能超过 {MAX_DISPLAY_NAME_LENGTH} 个字符。")
    return name


# ---------------------------------------------------------------- rows


def _row(user: User) -> UserRow:
    return UserRow(
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        active=bool(user.active),
        failed_attempts=user.failed_attempts or 0,
        locked_until=user.locked_until,
        must_change_password=bool(user.must_change_password),
        created_at=user.created_at,
        last_login_at=user.last_login_at,
    )


def _find(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def _get(session: Session, username: str) -> User:
    user = _find(session, username)
    if user is None:
        raise NotFound(f"找不到用户“{username}”。")
    return user


def _actor_of(user: User) -> Actor:
    return Actor(username=user.username, display_name=user.display_name, role=Role(user.role))


# ---------------------------------------------------------------- signing in


def has_users(ctx: ServiceContext) -> bool:
    """Whether any account exists (none: the first start asks for the administrator)."""
    with ctx.sessions() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def has_account(ctx: ServiceContext) -> bool:
    """Whether the signed-in actor is an account of this database (and so has a password to change)."""
    with ctx.sessions() as session:
        return _find(session, ctx.actor.username) is not None


def create_first_admin(ctx: ServiceContext, username: str, display_name: str, password: str) -> Actor:
    """Create the administrator of a database that has no accounts yet; returns the signed-in actor."""
    username = _clean_username(username)
    display_name = _clean_display_name(display_name, username)
    check_new_password(password, username)
    with ctx.sessions.begin() as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise UserError("这个数据库已经有用户账户，不能再创建首个管理员。请用已有账户登录。")
        user = User(username=username, display_name=display_name, role=Role.ADMIN.value, active=True)
        set_password(user, password)
        user.last_login_at = datetime.now()
        session.add(user)
        actor = _actor_of(user)
        audit.record(
            session,
            actor,
            action="新增",
            entity="user",
            entity_id=username,
            summary=f"首次启动：创建管理员账户“{actor.label}”",
            after={"username": username, "display_name": display_name, "role": Role.ADMIN.value},
        )
    return actor


WRONG = f"用户名或密码不正确。连续输错 {MAX_FAILED_ATTEMPTS} 次密码，账户将锁定 {LOCK_DURATION.seconds // 60} 分钟。"


def authenticate(ctx: ServiceContext, username: str, password: str, *, now: datetime | None = None) -> SignIn:
    """Check a user name and password. Wrong passwords count towards the lockout; raises LoginFailed.

    Without the right password every failure reads the same (`WRONG`), and takes as long: whether a user
    name exists, or is locked, is not told to someone guessing. An account locked or deactivated is said
    so only to whoever gives its password. A hash of an older, cheaper cost is upgraded here."""
    now = now or datetime.now()
    with ctx.sessions.begin() as session:
        user = _find(session, username) if username.strip() else None
        if user is None:
            _as_long_as_a_known_name(password)
            raise LoginFailed(WRONG)
        actor = _actor_of(user)
        locked = user.locked_until is not None and user.locked_until > now
        if not verify_password(password, user.password_hash, user.salt):
            if locked:
                raise LoginFailed(WRONG)  # not counted: the lock is not extended by more guesses
            _count_failure(session, user, actor, now)
        elif locked:
            raise LoginFailed(_locked_message(user, now))
        elif not user.active:
            raise LoginFailed(f"账户“{user.username}”已停用。请联系管理员。")
        else:
            user.failed_attempts = 0
            user.locked_until = None
            user.last_login_at = now
            if needs_rehash(user.password_hash):
                _rehash(user, password)
            audit.record(
                session, actor, action="登录", entity="user", entity_id=user.username, summary="登录"
            )
            return SignIn(actor=actor, must_change_password=bool(user.must_change_password))
    raise LoginFailed(WRONG)  # after the commit: the failure count must be kept


def _as_long_as_a_known_name(password: str) -> None:
    stored = f"{HASH_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${'00' * HASH_BYTES}"
    verify_password(password, stored, "00" * SALT_BYTES)


def _count_failure(session: Session, user: User, actor: Actor, now: datetime) -> None:
    user.failed_attempts = (user.failed_attempts or 0) + 1
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.failed_attempts = 0
        user.locked_until = now + LOCK_DURATION
        audit.record(
            session,
            actor,
            action="锁定",
            entity="user",
            entity_id=user.username,
            summary=f"连续 {MAX_FAILED_ATTEMPTS} 次输错密码，账户锁定至 {user.locked_until:%H:%M}",
        )
        return
    audit.record(
        session,
        actor,
        action="登录失败",
        entity="user",
        entity_id=user.username,
        summary=f"密码错误（第 {user.failed_attempts} 次）",
    )


def _locked_message(user: User, now: datetime) -> str:
    assert user.locked_until is not None
    minutes = max(1, math.ceil((user.locked_until - now).total_seconds() / 60))
    return (
        f"账户“{user.username}”因连续 {MAX_FAILED_ATTEMPTS} 次输错密码已被锁定，"
        f"请在 {user.locked_until:%H:%M} 以后（约 {minutes} 分钟后）再试，或请管理员解除锁定。"
    )


def change_own_password(ctx: ServiceContext, old_password: str, new_password: str) -> None:
    """The signed-in user changes their own password (any role)."""
    with ctx.sessions.begin() as session:
        user = _find(session, ctx.actor.username)
        if user is None:
            raise UserError(f"“{ctx.actor.display_name}”不是本数据库的用户账户，没有可修改的密码。")
        if not verify_password(old_password, user.password_hash, user.salt):
            raise InputInvalid("当前密码不正确。")
        if new_password == old_password:
            raise InputInvalid("新密码不能与当前密码相同。")
        check_new_password(new_password, user.username)
        set_password(user, new_password)
        user.must_change_password = False
        audit.record(
            session,
            ctx.actor,
            action="修改密码",
            entity="user",
            entity_id=user.username,
            summary="修改了自己的密码",
        )


# ---------------------------------------------------------------- the administrator's user management


def list_users(ctx: ServiceContext) -> list[UserRow]:
    ctx.require(Permission.MANAGE_USERS)
    with ctx.sessions() as session:
        return [_row(u) for u in session.scalars(select(User).order_by(User.id))]


def add_user(ctx: ServiceContext, username: str, display_name: str, role: Role, password: str) -> UserRow:
    """Create an account; the user is asked to choose their own password at the first sign-in."""
    ctx.require(Permission.MANAGE_USERS)
    username = _clean_username(username)
    display_name = _clean_display_name(display_name, username)
    role = Role(role)
    check_new_password(password, username)
    with ctx.sessions.begin() as session:
        if _find(session, username) is not None:
            raise InputInvalid(f"用户名“{username}”已经存在，请换一个。")
        user = User(
            username=username,
            display_name=display_name,
            role=role.value,
            active=True,
            must_change_password=True,
        )
        set_password(user, password)
        session.add(user)
        session.flush()
        audit.record(
            session,
            ctx.actor,
            action="新增",
            entity="user",
            entity_id=username,
            summary=f"新增用户“{display_name}({username})”，角色：{role}",
            after={"username": username, "display_name": display_name, "role": role.value},
        )
        return _row(user)


def update_user(
    ctx: ServiceContext,
    username: str,
    *,
    display_name: str | None = None,
    role: Role | None = None,
    active: bool | None = None,
) -> UserRow:
    """Change a user's name, role or whether the account may sign in."""
    ctx.require(Permission.MANAGE_USERS)
    with ctx.sessions.begin() as session:
        user = _get(session, username)
        wanted = {
            "display_name": user.display_name
            if display_name is None
            else _clean_display_name(display_name, user.username),
            "role": user.role if role is None else Role(role).value,
            "active": bool(user.active) if active is None else active,
        }
        before = {"display_name": user.display_name, "role": user.role, "active": bool(user.active)}
        changed = {k: v for k, v in wanted.items() if before[k] != v}
        if not changed:
            return _row(user)
        if user.username == ctx.actor.username and (changed.get("active") is False or "role" in changed):
            raise InputInvalid("不能停用自己正在使用的账户，也不能改变自己的角色。请让另一位管理员操作。")
        if (
            user.role == Role.ADMIN.value
            and user.active
            and (changed.get("active") is False or "role" in changed)
        ):
            _keep_an_admin(session, user)
        for key, value in changed.items():
            setattr(user, key, value)
        audit.record(
            session,
            ctx.actor,
            action="修改",
            entity="user",
            entity_id=user.username,
            summary=f"修改用户“{user.username}”：" + "、".join(_FIELD_LABELS[k] for k in changed),
            before={k: before[k] for k in changed},
            after=changed,
        )
        return _row(user)


_FIELD_LABELS = USER_LABELS


def _keep_an_admin(session: Session, leaving: User) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN.value, User.active.is_(True), User.id != leaving.id)
    )
    if not others:
        raise InputInvalid("至少要保留一个启用的管理员账户。请先把另一位用户设为管理员。")


def reset_password(ctx: ServiceContext, username: str, new_password: str) -> None:
    """Give a user a new password (e.g. forgotten); they must choose their own at the next sign-in."""
    ctx.require(Permission.MANAGE_USERS)
    with ctx.sessions.begin() as session:
        user = _get(session, username)
        check_new_password(new_password, user.username)
        set_password(user, new_password)
        user.must_change_password = True
        audit.record(
            session,
            ctx.actor,
            action="重置密码",
            entity="user",
            entity_id=user.username,
            summary=f"重置用户“{user.username}”的密码（下次登录时须修改）",
        )


def unlock_user(ctx: ServiceContext, username: str) -> None:
    """Lift a lockout before its five minutes are over."""
    ctx.require(Permission.MANAGE_USERS)
    with ctx.sessions.begin() as session:
        user = _get(session, username)
        if user.locked_until is None and not user.failed_attempts:
            return
        user.failed_attempts = 0
        user.locked_until = None
        audit.record(
            session,
            ctx.actor,
            action="解除锁定",
            entity="user",
            entity_id=user.username,
            summary=f"解除用户“{user.username}”的锁定",
        )
