"""DESIGN §4: a database written by an older program is upgraded with its data intact.

For every older revision: a database is created at that revision and filled with the demo township
(every column the older schema had, copied from a demo made by this program), then opened by this
program. The upgrade must keep every row and every value, and the program must read the result as it
reads the demo itself (`fupin info`, the households table, the data checks).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from fupin_desktop.db.engine import alembic_config, current_revision, head_revision, make_engine, sqlite_url
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.checks import run_checks
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.info import database_info
from fupin_desktop.services.progress import run_job
from tests.conftest import TODAY


def _findings(ctx: ServiceContext) -> list[tuple[str, str, str, str]]:
    result = run_job(run_checks(ctx))
    return sorted((f.code, f.household, f.member, f.message) for f in result.findings)


def _older_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(create_engine("sqlite://")))
    head = script.get_current_head()
    return [r.revision for r in reversed(list(script.walk_revisions())) if r.revision != head]


def _columns(connection: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _build_older(folder: Path, revision: str, demo: Path) -> dict[str, list[str]]:
    """A data folder at `revision` holding the demo's rows; returns each table's older columns."""
    paths = DataPaths(folder)
    paths.ensure()
    engine = make_engine(sqlite_url(paths.database))
    command.upgrade(alembic_config(engine), revision)
    engine.dispose()
    kept: dict[str, list[str]] = {}
    connection = sqlite3.connect(paths.database)
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("ATTACH DATABASE ? AS demo", (str(DataPaths(demo).database),))
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name != 'alembic_version' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            shared = [
                c for c in _columns(connection, "main", table) if c in _columns(connection, "demo", table)
            ]
            names = ", ".join(f'"{c}"' for c in shared)
            connection.execute(f'DELETE FROM main."{table}"')  # the older program's seeded rows
            connection.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM demo."{table}"')
            kept[table] = shared
        connection.commit()
        connection.execute("DETACH DATABASE demo")
    finally:
        connection.close()
    return kept


def _all_columns(demo: Path, kept: dict[str, list[str]]) -> bool:
    connection = sqlite3.connect(DataPaths(demo).database)
    try:
        return all(set(_columns(connection, "main", t)) == set(c) for t, c in kept.items())
    finally:
        connection.close()


def _rows(database: Path, table: str, columns: list[str]) -> list[tuple]:  # type: ignore[type-arg]
    connection = sqlite3.connect(database)
    try:
        names = ", ".join(f'"{c}"' for c in columns)
        return connection.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()
    finally:
        connection.close()


@pytest.mark.slow
@pytest.mark.parametrize("revision", _older_revisions())
def test_an_older_database_keeps_every_value_through_the_upgrade(
    revision: str, demo_dir: Path, tmp_path: Path
) -> None:
    from fupin_desktop.db.engine import open_database

    folder = tmp_path / "older"
    kept = _build_older(folder, revision, demo_dir)
    database = DataPaths(folder).database
    before = {table: _rows(database, table, columns) for table, columns in kept.items()}
    assert sum(len(rows) for rows in before.values()) > 1000  # the demo township, not an empty file

    db = open_database(DataPaths(folder))  # what the program does on start: back up, upgrade, seed
    try:
        assert current_revision(db.engine) == head_revision()
        ctx = ServiceContext(db=db, actor=LOCAL_ADMIN, today=lambda: TODAY)
        upgraded = database_info(ctx), _findings(ctx)
    finally:
        db.dispose()
    for table, columns in kept.items():
        assert _rows(database, table, columns) == before[table], table
    assert list(DataPaths(folder).backups.glob("*.sqlite")), "no copy was made before the upgrade"

    demo = open_database(DataPaths(demo_dir))
    try:
        ctx = ServiceContext(db=demo, actor=LOCAL_ADMIN, today=lambda: TODAY)
        assert upgraded[0] == database_info(ctx)
        if _all_columns(demo_dir, kept):
            assert upgraded[1] == _findings(ctx)  # judged alike when the older schema had every field
        else:  # fields the older schema lacked are unknown: the checks still run and find
            assert upgraded[1]
    finally:
        demo.dispose()
