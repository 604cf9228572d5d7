"""Who is acting, on which database, on what day — passed to every service.

Services enforce roles here, not only the buttons: every changing use case calls `ctx.require(...)`.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session, sessionmaker

from fupin_desktop.db.engine import Database
from fupin_desktop.errors import PermissionDenied
from fupin_desktop.paths import DataPaths


class Role(StrEnum):
    ADMIN = "管理员"
    CLERK = "录入员"
    READER = "只读"


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
    BACKUP = "备份"
    RESTORE = "从备份恢复"


_READER = frozenset({Permission.VIEW, Permission.PRINT, Permission.EXPORT, Permission.BACKUP})
_CLERK = _READER | {Permission.EDIT, Permission.IMPORT, Permission.EDIT_TASKS, Permission.VIEW_FULL_ID}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.READER: _READER,
    Role.CLERK: frozenset(_CLERK),
    Role.ADMIN: frozenset(Permission),
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
