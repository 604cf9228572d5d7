"""Looking at database files from outside the program: fingerprints, integrity, deliberate damage."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def table_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def fingerprint(database: Path) -> dict[str, str]:
    """Table → row count and a hash of every row in rowid order: equal fingerprints, equal contents."""
    result = {}
    connection = sqlite3.connect(database)
    try:
        for table, count in table_counts(database).items():
            digest = hashlib.sha256()
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
            result[table] = f"{count}:{digest.hexdigest()[:16]}"
    finally:
        connection.close()
    return result


def integrity(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return [r[0] for r in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def damage(database: Path, *, pages: range = range(4, 12)) -> None:
    """Overwrite some b-tree pages with garbage, keeping the header: SQLite opens it, quick_check fails."""
    with sqlite3.connect(database) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with database.open("r+b") as handle:
        for page in pages:
            handle.seek(page * page_size)
            handle.write(bytes([0xA5]) * page_size)
