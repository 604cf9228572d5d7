"""Start-up checks of the data folder: it can be created and written, and its disk is not full."""

from __future__ import annotations

import contextlib
import os
import shutil

from fupin_desktop.errors import DataFolderError, UserError
from fupin_desktop.paths import DataPaths

MIN_FREE_BYTES = 20 * 1024 * 1024
PROBE_NAME = ".fupin-write-test"
_MB = 1024 * 1024


def check_data_folder(paths: DataPaths) -> None:
    """Raise a UserError saying what to do when the data folder is read-only, unwritable or full."""
    paths.ensure()
    _probe_write(paths)
    _check_free_space(paths)


def _probe_write(paths: DataPaths) -> None:
    # os.access does not see Windows ACLs or a full disk; writing a little does
    probe = paths.root / PROBE_NAME
    try:
        with probe.open("wb") as handle:
            handle.write(b"\0" * 4096)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise DataFolderError(paths.root, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)


def space_needed(paths: DataPaths) -> int:
    """Room for a backup copy and the write-ahead log of a large import, plus a margin."""
    size = paths.database.stat().st_size if paths.database.exists() else 0
    return 2 * size + MIN_FREE_BYTES


def _check_free_space(paths: DataPaths) -> None:
    free = shutil.disk_usage(paths.root).free
    needed = space_needed(paths)
    if free < needed:
        raise UserError(
            f"数据文件夹 {paths.root} 所在的磁盘只剩 {free / _MB:.0f} MB，"
            f"不够安全地保存和备份数据（至少需要 {needed / _MB:.0f} MB）。"
            "请清理磁盘（清空回收站、删除不用的大文件）后再打开，"
            "或把数据文件夹移到空间更大的磁盘（--data-dir）。"
        )
