"""Errors a user can act on, as opposed to bugs.

Every UserError carries a Chinese message that says what went wrong and what to do, and the exit code
the command line returns for it (1: the input has errors, 2: the input cannot be read or the request is
impossible). Anything else reaching the top is a bug and is reported with the log file's location.
"""

from __future__ import annotations

import errno
from pathlib import Path


class UserError(Exception):
    """A problem the user can fix; `str(err)` is the Chinese message."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputInvalid(UserError):
    """The input was read but has errors; nothing was changed."""

    exit_code = 1


class InputUnreadable(UserError):
    """The input cannot be read at all; nothing was changed."""

    exit_code = 2


class PermissionDenied(UserError):
    exit_code = 2


class NotFound(UserError):
    exit_code = 2


class EditConflict(UserError):
    """Someone else saved the same record after this editor loaded it; nothing was written.

    The message names who changed what and when; the editor offers to reload."""

    exit_code = 1


class DataFolderError(UserError):
    """The data folder cannot be created or written."""

    def __init__(self, root: Path, cause: OSError) -> None:
        if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
            why = "磁盘已满"
            hint = "请清理磁盘空间后重试"
        elif isinstance(cause, PermissionError):
            why = "没有写入权限（文件夹只读）"
            hint = "请换一个可写的数据文件夹（--data-dir），或请管理员开放该文件夹的写权限"
        else:
            why = str(cause)
            hint = "请检查该路径是否存在、是否可写"
        super().__init__(f"无法使用数据文件夹 {root}：{why}。{hint}。")
        self.root = root


class DatabaseProblem(UserError):
    """The database is locked, damaged, or from a newer program version."""

    def __init__(self, message: str, *, environmental: bool = False) -> None:
        super().__init__(message)
        # locked, full, read-only or damaged file: the environment, not our SQL
        self.environmental = environmental


def describe_os_error(exc: OSError, path: Path | str) -> str:
    """A Chinese one-liner for an OSError while writing `path`."""
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间不足，无法写入 {path}。请清理磁盘后重试。"
    if isinstance(exc, PermissionError):
        return f"没有权限写入 {path}（文件可能正被 Excel/WPS 等程序打开，或文件夹只读）。请关闭该文件后重试。"
    if isinstance(exc, FileNotFoundError):
        return f"找不到 {path}（或它所在的文件夹）。请检查路径。"
    if isinstance(exc, IsADirectoryError):
        return f"{path} 是一个文件夹，不能当作文件写入。请换一个文件名。"
    why = _OS_REASONS.get(exc.errno or 0)
    if why is None:  # the system's own words (may be English), with its number for support
        why = f"系统错误 {exc.errno}（{exc.strerror or exc}）" if exc.errno else str(exc)
    return f"无法写入 {path}：{why}。请检查后重试。"


# What the common OSError numbers mean to a clerk (the system's own strerror is English on Linux).
# By name: not every number exists on every system.
_OS_REASONS = {
    getattr(errno, name): why
    for name, why in (
        ("EROFS", "磁盘或U盘是只读的"),
        ("EACCES", "没有写入权限"),
        ("EBUSY", "文件正被其他程序占用"),
        ("ETXTBSY", "文件正被其他程序占用"),
        ("EIO", "磁盘读写出错（U盘或网络盘可能已拔出或断开）"),
        ("ENAMETOOLONG", "文件名或路径太长"),
        ("EINVAL", "文件名中有系统不允许的字符"),
        ("EEXIST", "同名文件已存在"),
        ("EDQUOT", "磁盘配额已用完"),
        ("EFBIG", "文件太大，超出了这块磁盘允许的大小"),
    )
    if hasattr(errno, name)
}
