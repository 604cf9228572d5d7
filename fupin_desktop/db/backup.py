"""Consistent copies of the database with SQLite's online backup API (safe while the program runs)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

BACKUP_SUFFIX = ".sqlite"


def backup_file_name(reason: str, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"fupin_{stamp}_{reason}{BACKUP_SUFFIX}"


def backup_database(engine: Engine, folder: Path, *, reason: str = "手动") -> Path:
    """Copy the live SQLite database into `folder`; returns the new file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_file_name(reason)
    counter = 1
    while target.exists():
        target = folder / f"{target.stem}_{counter}{BACKUP_SUFFIX}"
        counter += 1
    copy_sqlite(Path(engine.url.database or ""), target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """Online backup of `source` into a new file `target` (written beside it, then renamed)."""
    partial = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)
