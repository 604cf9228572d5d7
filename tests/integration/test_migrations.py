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


def test_0002_upgrades_a_first_release_database_with_data_and_downgrades_again(tmp_path: Path) -> None:
    """A register written by the first release keeps every row through 0002 (which adds the national
    exports' fields and widens 证件号码 for 22-digit 残疾人证 numbers) and back."""
    from alembic import command

    from fupin_desktop.db.engine import alembic_config

    database = tmp_path / "old.sqlite"
    engine = make_engine(sqlite_url(database))
    command.upgrade(alembic_config(engine), "0001_initial")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO area (id, parent_id, level, name, sort_order) VALUES (1, NULL, 'village', '新村', 0)"
        )
        connection.exec_driver_sql(
            "INSERT INTO household (id, number, number_is_local, village_id, archived, phone, household_type,"
            " created_at, updated_at) VALUES (1, '5224251080010001', 0, 1, 0, '13800001111', '脱贫户',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO member (id, household_id, position, name, id_type, id_number, status, dibao,"
            " created_at, updated_at) VALUES (1, 1, 0, '赵一', '身份证', '11010519491231002X', '在册', 1,"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO income_record (id, household_id, year, per_capita, created_at, updated_at)"
            " VALUES (1, 1, 2025, 7200.5, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    command.upgrade(alembic_config(engine), "head")
    columns = {c["name"]: c for c in inspect(engine).get_columns("member")}
    assert {"dibao_kind", "unknown_fields", "identified_on"} <= set(columns)
    assert columns["id_number"]["type"].length == 30
    with engine.begin() as connection:
        assert connection.exec_driver_sql(
            "SELECT number, phone, household_type, unknown_fields, water_safe FROM household"
        ).one() == ("5224251080010001", "13800001111", "脱贫户", None, None)
        assert connection.exec_driver_sql("SELECT name, id_number, dibao, dibao_kind FROM member").one() == (
            "赵一",
            "11010519491231002X",
            1,
            None,
        )
        assert connection.exec_driver_sql(
            "SELECT per_capita, reported_per_capita FROM income_record"
        ).one() == (7200.5, None)
    command.downgrade(alembic_config(engine), "0001_initial")
    assert "dibao_kind" not in {c["name"] for c in inspect(engine).get_columns("member")}
    with engine.begin() as connection:
        assert connection.exec_driver_sql("SELECT name, id_number FROM member").one() == (
            "赵一",
            "11010519491231002X",
        )
    engine.dispose()


def test_default_aliases_of_a_newer_release_reach_an_older_database_once(data_dir: Path) -> None:
    """因安全住房 arrives in an existing 致贫返贫风险 list; an alias the administrator removed afterwards
    stays removed at the next start."""
    import json

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from fupin_desktop.db.models import CodeItem
    from fupin_desktop.db.seed import ALIASES_SEEN

    paths = DataPaths(data_dir)
    with sqlite3.connect(paths.database) as connection:  # as the first release seeded it
        connection.execute("UPDATE code_item SET aliases = NULL WHERE value = '住房出现安全问题'")
        connection.execute("DELETE FROM setting WHERE key = ?", (ALIASES_SEEN,))
    db = open_database(paths)
    with Session(db.engine) as session:
        item = session.scalars(select(CodeItem).where(CodeItem.value == "住房出现安全问题")).one()
        assert "因安全住房" in json.loads(item.aliases)
        item.aliases = json.dumps(["住房安全问题"], ensure_ascii=False)  # the administrator removes it
        session.commit()
    db.dispose()
    db = open_database(paths)
    with Session(db.engine) as session:
        item = session.scalars(select(CodeItem).where(CodeItem.value == "住房出现安全问题")).one()
        assert json.loads(item.aliases) == ["住房安全问题"]
    db.dispose()


def test_each_start_puts_back_a_default_list_or_the_national_floor_that_is_gone(data_dir: Path) -> None:
    """The start-up's quick look (`needs_seeding`) sees a code list emptied and every 监测范围 deleted,
    and the seeding puts both back; on a database that has them the look finds nothing to do."""
    from fupin_desktop.db.seed import default_codes, needs_seeding

    paths = DataPaths(data_dir)
    db = open_database(paths)
    with db.engine.connect() as connection:
        assert not needs_seeding(connection, default_codes())
    db.dispose()
    with sqlite3.connect(paths.database) as connection:
        connection.execute("DELETE FROM code_item WHERE field = '文化程度'")
        connection.execute("DELETE FROM threshold")
    db = open_database(paths)
    db.dispose()
    with sqlite3.connect(paths.database) as connection:
        floors = connection.execute("SELECT year, region, amount FROM threshold").fetchall()
        (education,) = connection.execute(
            "SELECT count(*) FROM code_item WHERE field = '文化程度'"
        ).fetchone()
    assert floors == [(2021, "全国", 6000.0)]
    assert education == len(default_codes().values["文化程度"])
