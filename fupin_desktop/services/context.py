"""Who is acting, on which database, on what day — passed to every service.

Services enforce roles here, not only the buttons: every changing use case calls `ctx.require(...)`.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from fupin_desktop.db.engine import Database
from fupin_desktop.domain.roles import Role
from fupin_desktop.errors import PermissionDenied
from fupin_desktop.paths import DataPaths

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


class Permission(StrEnum):
    VIEW = "查看数据"
    PRINT = "打印"
    EXPORT = "导出（证件号码脱敏）"
    EDIT = "录入和修改数据"
    IMPORT = "导入数据"
    EDIT_TASKS = "录入和办理整改任务"
    VIEW_FULL_ID = "查看完整证件号码"
    EXPORT_FULL_ID = "导出完整证件号码"
    REOPEN_TASK = "重新打开已销号任务"
    SETTINGS = "修改设置和代码表"
    MANAGE_USERS = "管理用户"
    VIEW_AUDIT = "查看和导出审计日志"
    BACKUP = "备份到其他位置"
    RESTORE = "从备份恢复"
    REPLACE_ALL = "替换全部数据"


# 只读: view and print (a masked export is a printed list in another form).
# 录入员: edit data and tasks, and see full ID numbers on screen.
# 管理员: everything. Backups to another place are admin-only because a copy of the database carries
# every full ID number out of the office, as a full-ID export does; the automatic backups into the data
# folder need no permission. The audit trail is for the administrator who supervises the clerks.
_READER = frozenset({Permission.VIEW, Permission.PRINT, Permission.EXPORT})
_CLERK = _READER | {Permission.EDIT, Permission.IMPORT, Permission.EDIT_TASKS, Permission.VIEW_FULL_ID}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.READER: _READER,
    Role.CLERK: frozenset(_CLERK),
    Role.ADMIN: frozenset(Permission),
}

ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.ADMIN: "全部功能：管理用户、导出完整证件号码、重新打开已销号任务、修改设置、备份和恢复、查看审计日志",
    Role.CLERK: "录入和修改农户数据、导入、办理整改任务；屏幕上可见完整证件号码",
    Role.READER: "查看和打印；导出的证件号码一律脱敏",
}


@dataclass(frozen=True, slots=True)
class Actor:
    username: str
    display_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    @property
    def label(self) -> str:
        """How the actor appears in audit rows and events."""
        return (
            self.display_name
            if self.display_name == self.username
            else f"{self.display_name}({self.username})"
        )


def system_actor() -> Actor:
    """The operating-system user, for command-line jobs (audited as such)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return Actor(username=f"os:{name}", display_name=f"系统用户 {name}", role=Role.ADMIN)


LOCAL_ADMIN = Actor(username="admin", display_name="本机管理员", role=Role.ADMIN)


@dataclass(frozen=True, slots=True)
class ServiceContext:
    db: Database
    actor: Actor
    today: Callable[[], date] = field(default=date.today)

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.db.sessions

    @property
    def paths(self) -> DataPaths:
        return self.db.paths

    def require(self, permission: Permission) -> None:
        if not self.actor.can(permission):
            raise PermissionDenied(
                f"当前用户“{self.actor.display_name}”（{self.actor.role}）没有“{permission}”的权限。"
                "请让管理员操作，或为您分配相应角色。"
            )

    def acting_as(self, actor: Actor) -> ServiceContext:
        return replace(self, actor=actor)

    def on(self, today: date) -> ServiceContext:
        """The same context with a fixed 'today' (tests, back-dated reports)."""
        return replace(self, today=lambda: today)
