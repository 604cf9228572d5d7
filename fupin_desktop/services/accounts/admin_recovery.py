"""When the only administrator has forgotten their password (README 账户).

Another administrator resets a password in 用户管理 or with `fupin users reset-password --user`. When there
is no other administrator, nobody can sign in to do it, so the trust falls back to who holds the data:

- on a PC with the local SQLite file, the operating-system user who may write that file (they could change
  it with any SQLite tool anyway) runs `fupin users recover-admin 用户名` at that PC;
- on a server database, the server's database administrator does, connected as the database's owner or a
  superuser (the role the township's PCs use for their work is neither).

The reset is audited (in the chained trail, as the operating-system user), unlocks the account, and the
administrator must choose a new password at the next sign-in.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from fupin_desktop.db.backup import database_file
from fupin_desktop.db.models import User
from fupin_desktop.errors import InputInvalid, NotFound, PermissionDenied
from fupin_desktop.services import audit
from fupin_desktop.services.accounts.users import check_new_password, set_password
from fupin_desktop.services.context import Role, ServiceContext

_OWNER_OR_SUPERUSER = text(
    "SELECT r.rolsuper OR pg_has_role(current_user, d.datdba, 'MEMBER')"
    " FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()"
)


def check_recovery(ctx: ServiceContext, username: str) -> str:
    """Where the reset would be made (for the confirmation). Raises PermissionDenied when the person
    running it does not hold the database (a SQLite file they cannot write, a server role that does not
    own the database), and a message when `username` is not the only active administrator."""
    where = _place(ctx)
    with ctx.sessions() as session:
        _target(session, username)
    return where


def recover_admin(ctx: ServiceContext, username: str, new_password: str) -> None:
    """Give the only active administrator `username` a new password without signing in (see the module
    docstring); refused when another active administrator could reset it in the ordinary way."""
    where = _place(ctx)
    with ctx.sessions.begin() as session:
        user = _target(session, username)
        check_new_password(new_password, user.username)
        set_password(user, new_password)
        user.must_change_password = True
        audit.record(
            session,
            ctx.actor,
            action="重置密码",
            entity="user",
            entity_id=user.username,
            summary=f"唯一的管理员“{user.username}”忘记密码：{ctx.actor.display_name}在{where}上重置"
            "（下次登录时须修改）",
        )


def _place(ctx: ServiceContext) -> str:
    if ctx.db.is_sqlite:
        path = database_file(ctx.db.engine)
        if not _may_write(path):
            raise PermissionDenied(
                f"当前系统用户不能写入数据库文件 {path}，不能在这台电脑上重置管理员密码。"
                "请用保存这个数据文件夹的系统账户登录这台电脑后再运行。"
            )
        return f"本机数据库文件 {path}"
    with ctx.db.engine.connect() as connection:
        if not connection.scalar(_OWNER_OR_SUPERUSER):
            raise PermissionDenied(
                "这是单位服务器上的数据库：只有服务器数据库的管理员能在这里重置唯一管理员的密码。"
                "请他用数据库所有者（或超级用户）的账户连接后运行，"
                "例如 fupin users recover-admin 用户名 --database postgresql://所有者@服务器/fupin。"
            )
    return f"服务器数据库 {ctx.db.engine.url.render_as_string(hide_password=True)}"


def _may_write(path: Path) -> bool:
    """Whether this operating-system user may write the database file (the boundary on a PC). Opened
    for writing, not `os.access`: on Windows that looks only at the read-only attribute, not at who
    may write the file."""
    try:
        with path.open("r+b"):
            return True
    except OSError:
        return False


def _target(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None:
        raise NotFound(f"找不到用户“{username}”。可以用 fupin users list 查看全部用户。")
    if user.role != Role.ADMIN.value or not user.active:
        raise InputInvalid(
            f"“{user.username}”不是启用的管理员账户：请管理员在“文件 → 用户管理”中重置它的密码。"
        )
    others = _other_admins(session, user)
    if others:
        raise InputInvalid(
            f"还有其他管理员（{'、'.join(others)}）：请其中一位在“文件 → 用户管理”中重置，"
            f"或运行 fupin users reset-password {user.username} --user 管理员用户名。"
        )
    return user


def _other_admins(session: Session, user: User) -> list[str]:
    return list(
        session.scalars(
            select(User.username)
            .where(User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id)
            .order_by(User.username)
        )
    )
