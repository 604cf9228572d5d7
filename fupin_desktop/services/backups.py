"""Backups the user asks for (文件 → 备份到…, `fupin backup`)."""

from __future__ import annotations

from pathlib import Path

from fupin_desktop.db.backup import backup_database
from fupin_desktop.errors import DataFolderError, UserError, describe_os_error
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext


def backup_to(ctx: ServiceContext, folder: Path, *, reason: str = "手动") -> Path:
    """Copy the database (consistent while in use) into `folder`; returns the new file."""
    ctx.require(Permission.BACKUP)
    if not ctx.db.is_sqlite:
        raise UserError("服务器数据库（PostgreSQL）请由服务器管理员备份。")
    try:
        target = backup_database(ctx.db.engine, folder, reason=reason)
    except PermissionError as exc:
        raise DataFolderError(folder, exc) from exc
    except OSError as exc:
        raise UserError(describe_os_error(exc, folder)) from exc
    with ctx.sessions.begin() as session:
        audit.record(
            session,
            ctx.actor,
            action="备份",
            entity="database",
            entity_id=None,
            summary=f"备份数据库到 {target}",
        )
    return target
