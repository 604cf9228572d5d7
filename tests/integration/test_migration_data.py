"""DESIGN §4: a database written by an older program is upgraded with its data intact (and, since 0007,
with the evidence files of its data folder moved into it).

For every older revision: a database is created at that revision and filled with the demo township
(every column the older schema had, copied from a demo made by this program), then opened by this
program. The upgrade must keep every row and every value, and the program must read the result as it
reads the demo itself (`fupin info`, the households table, the data checks).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from fupin_desktop.db.engine import alembic_config, current_revision, head_revision, make_engine, sqlite_url
from fupin_desktop.errors import NotFound
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.checks.run import run_checks
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.storage.info import database_info
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


BEFORE_BLOBS = "0005_server"  # the last revision keeping evidence files only in attachments/


def _attach_the_older_way(paths: DataPaths, task_id: int, files: dict[str, bytes | None]) -> dict[str, str]:
    """Evidence rows as the older program wrote them, each file copied into attachments/ (None: a file
    that is not in this folder, attached on another PC); returns each name's sha256."""
    digests: dict[str, str] = {}
    connection = sqlite3.connect(paths.database)
    try:
        for name, content in files.items():
            recorded = content if content is not None else name.encode()
            digest = hashlib.sha256(recorded).hexdigest()
            stored = f"tasks/{task_id}/{digest[:16]}_{name}"
            if content is not None:
                target = paths.attachments / stored
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            for _ in range(2 if name.startswith("两次") else 1):  # the same file attached twice
                connection.execute(
                    "INSERT INTO task_evidence (task_id, at, user_name, file_name, stored_path, sha256)"
                    " VALUES (?, '2026-11-01 09:00:00', '录入员', ?, ?, ?)",
                    (task_id, name, stored, digest),
                )
            digests[name] = digest
        connection.commit()
    finally:
        connection.close()
    return digests


def _an_open_task(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT id FROM task WHERE status = '整改中' ORDER BY id").fetchone()[0]
    finally:
        connection.close()


def test_the_upgrade_moves_attached_files_into_the_database(demo_dir: Path, tmp_path: Path) -> None:
    """Issue 19 §5: files in this PC's attachments/ go into the database, so another PC opens them; a
    file not there (or changed since) never stops the upgrade and stays missing, as before."""
    from fupin_desktop.db.engine import open_database
    from fupin_desktop.services.rectification.flow import evidence_file
    from fupin_desktop.services.rectification.listing import task_detail

    paths = DataPaths(tmp_path / "older")
    _build_older(paths.root, BEFORE_BLOBS, demo_dir)
    task_id = _an_open_task(paths.database)
    scan, photo = "%PDF-1.4 \x00 签字的验收表".encode(), bytes(range(256)) * 50
    digests = _attach_the_older_way(
        paths,
        task_id,
        {"验收表.pdf": scan, "两次照片.jpg": photo, "走访记录.jpg": None, "改过的.pdf": b"scan v1"},
    )
    (paths.attachments / f"tasks/{task_id}/{digests['改过的.pdf'][:16]}_改过的.pdf").write_bytes(b"edited")

    db = open_database(paths)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as connection:
            blobs = connection.exec_driver_sql("SELECT sha256, size FROM evidence_blob ORDER BY size").all()
        assert blobs == [(digests["验收表.pdf"], len(scan)), (digests["两次照片.jpg"], len(photo))]
    finally:
        db.dispose()

    second_pc = open_database(DataPaths(tmp_path / "second-pc", database_url=sqlite_url(paths.database)))
    try:
        ctx = ServiceContext(db=second_pc, actor=LOCAL_ADMIN, today=lambda: TODAY)
        entries = {e.file_name: e.id for e in task_detail(ctx, task_id).evidence if e.is_file}
        assert evidence_file(ctx, entries["验收表.pdf"]).read_bytes() == scan
        assert evidence_file(ctx, entries["两次照片.jpg"]).read_bytes() == photo
        for missing in ("走访记录.jpg", "改过的.pdf"):
            with pytest.raises(NotFound, match="不在数据文件夹中"):
                evidence_file(ctx, entries[missing])
    finally:
        second_pc.dispose()

    shutil.rmtree(paths.attachments)  # an older program again: the files are written back for it
    engine = make_engine(sqlite_url(paths.database))
    try:
        command.downgrade(alembic_config(engine, paths), BEFORE_BLOBS)
    finally:
        engine.dispose()
    assert (
        paths.attachments / f"tasks/{task_id}/{digests['验收表.pdf'][:16]}_验收表.pdf"
    ).read_bytes() == scan
    assert not (paths.attachments / f"tasks/{task_id}/{digests['走访记录.jpg'][:16]}_走访记录.jpg").exists()
