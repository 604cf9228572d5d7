"""DESIGN §4 / STYLE #8: migrations produce exactly the models' schema; a newer database is refused;
the database is copied into backups/ before an upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from fupin_desktop.db.engine import current_revision, head_revision, make_engine, open_database, sqlite_url
from fupin_desktop.db.models import Base
from fupin_desktop.errors import DatabaseProblem
from fupin_desktop.paths import DataPaths


def test_migrations_create_exactly_the_models_schema(data_dir: Path) -> None:
    engine = make_engine(sqlite_url(DataPaths(data_dir).database))
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
    engine.dispose()
    assert diff == []


def test_a_new_folder_is_created_and_stamped_at_head(tmp_path: Path) -> None:
    db = open_database(DataPaths(tmp_path / "new"))
    try:
        assert current_revision(db.engine) == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert {"household", "member", "pairing", "task", "audit_log", "code_item"} <= tables
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_every_foreign_key_is_indexed(data_dir: Path) -> None:
    engine = make_engine(sqlite_url(DataPaths(data_dir).database))
    inspector = inspect(engine)
    missing = []
    for table in inspector.get_table_names():
        indexed = {i["column_names"][0] for i in inspector.get_indexes(table)}
        indexed |= {u["column_names"][0] for u in inspector.get_unique_constraints(table)}
        pk = inspector.get_pk_constraint(table)["constrained_columns"]
        for fk in inspector.get_foreign_keys(table):
            column = fk["constrained_columns"][0]
            if column not in indexed and [column] != pk:
                missing.append(f"{table}.{column}")
    engine.dispose()
    assert missing == []


def test_a_database_from_a_newer_version_is_refused_and_left_alone(data_dir: Path) -> None:
    database = DataPaths(data_dir).database
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = database.read_bytes()
    with pytest.raises(DatabaseProblem, match="更新版本"):
        open_database(DataPaths(data_dir))
    assert database.read_bytes() == before


def test_an_older_database_is_backed_up_before_upgrading(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a newer head than the database's revision, the data is copied to backups/ first."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from fupin_desktop.db import engine as engine_module

    paths = DataPaths(data_dir)
    with sqlite3.connect(paths.database) as connection:
        connection.execute("INSERT INTO setting (key, value) VALUES ('township', '\"旧镇\"')")
    upgraded: list[str] = []
    monkeypatch.setattr(engine_module, "SCHEMA_HEAD", "0999_next")
    monkeypatch.setattr(ScriptDirectory, "get_current_head", lambda self: "0999_next")
    monkeypatch.setattr(command, "upgrade", lambda config, target: upgraded.append(target))
    open_database(paths).dispose()
    backups = list(paths.backups.glob("*升级前*.sqlite"))
    assert upgraded == ["head"]
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT value FROM setting WHERE key='township'").fetchone() == ('"旧镇"',)


def test_migrations_downgrade_to_nothing_and_back(data_dir: Path) -> None:
    from alembic import command

    from fupin_desktop.db.engine import alembic_config

    engine = make_engine(sqlite_url(DataPaths(data_dir).database))
    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(alembic_config(engine), "head")
    assert "household" in inspect(engine).get_table_names()
    engine.dispose()


def test_a_file_that_is_not_a_database_gets_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "fupin.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseProblem, match="已损坏"):
        open_database(DataPaths(folder))


def test_the_recorded_head_is_the_scripts_head() -> None:
    from fupin_desktop.db.migrations.head import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD
