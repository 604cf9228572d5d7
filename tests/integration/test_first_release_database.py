"""Issue 21 §5: a database written by the first release (commit 873629f, schema 0001_initial), kept as
tests/data/first_release.sql, is opened by today's program as a user opens a data folder: backed up,
upgraded to head, every first-release row and value still there, read as the user would read it
(`fupin info`, the households table, the data checks, signing in), and downgradable again.

The dump is data, never regenerated: how it was made is in tests/data/README.md.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from fupin_desktop.db.engine import (
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    open_database,
    sqlite_url,
)
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from tests.conftest import TODAY

DUMP = Path(__file__).resolve().parents[1] / "data" / "first_release.sql"
FIRST_RELEASE = "0001_initial"

# Rows per table as the first release left them (a shortened or damaged dump fails here first).
DUMP_ROWS = {
    "area": 20,
    "audit_log": 5,
    "code_item": 213,
    "finding_review": 1,
    "helper": 13,
    "household": 12,
    "household_risk": 2,
    "income_item": 143,
    "income_record": 24,
    "kpi_snapshot": 12,
    "measure": 23,
    "member": 47,
    "member_move": 1,
    "pairing": 12,
    "program_membership": 13,
    "setting": 4,
    "task": 11,
    "task_deadline_change": 2,
    "task_event": 31,
    "task_evidence": 6,
    "task_household": 3,
    "threshold": 3,
    "user_account": 2,
    "visit": 5,
    "work_team": 2,
    "work_team_member": 6,
}
# What opening the folder adds to first-release tables: code lists the first release lacked, and the
# setting recording which default aliases were merged (db/seed.py). Their first-release rows are still
# compared value by value; every other table keeps exactly its rows.
MAY_GROW = frozenset({"code_item", "setting"})

Table = dict[tuple[object, ...], dict[str, object]]  # primary key -> first-release column -> value


def _load_dump(folder: Path) -> DataPaths:
    """A data folder whose database is the first release's (the folder tree as the program makes it)."""
    paths = DataPaths(folder)
    paths.ensure()
    connection = sqlite3.connect(paths.database)
    try:
        connection.executescript(DUMP.read_text(encoding="utf-8"))
    finally:
        connection.close()
    return paths


def _schema(database: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each table (alembic_version aside): its columns and its primary key's columns."""
    connection = sqlite3.connect(database)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        schema = {}
        for name in names:
            info = connection.execute(f'PRAGMA table_info("{name}")').fetchall()
            pk = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
            schema[name] = ([row[1] for row in info], pk)
        return schema
    finally:
        connection.close()


def _rows(database: Path, schema: dict[str, tuple[list[str], list[str]]]) -> dict[str, Table]:
    """The rows of `schema`'s tables, only its columns, by primary key."""
    connection = sqlite3.connect(database)
    try:
        found = {}
        for table, (columns, pk) in schema.items():
            names = ", ".join(f'"{c}"' for c in columns)
            at = [columns.index(c) for c in pk]
            found[table] = {
                tuple(row[i] for i in at): dict(zip(columns, row, strict=True))
                for row in connection.execute(f'SELECT {names} FROM "{table}"').fetchall()
            }
        return found
    finally:
        connection.close()


def _revision(database: Path) -> str | None:
    connection = sqlite3.connect(database)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else row[0]
    finally:
        connection.close()


def _aliases(row: dict[str, object] | None) -> list[str]:
    return json.loads(str(row["aliases"])) if row is not None and row["aliases"] is not None else []


def _without_aliases(row: dict[str, object] | None) -> dict[str, object] | None:
    return None if row is None else {c: v for c, v in row.items() if c != "aliases"}


def _assert_every_first_release_row_kept(before: dict[str, Table], after: dict[str, Table]) -> None:
    """Every first-release row with every value; the one designed change: a code item's aliases gain
    the spellings newer releases know (db/seed.py), after the ones it had."""
    assert set(after) == set(before)
    for table, rows in before.items():
        kept = {key: after[table].get(key) for key in rows}
        was: dict[tuple[object, ...], dict[str, object] | None] = dict(rows)
        if table == "code_item":
            for key, row in rows.items():
                assert _aliases(kept[key])[: len(_aliases(row))] == _aliases(row), (table, key)
            was = {key: _without_aliases(row) for key, row in rows.items()}
            kept = {key: _without_aliases(row) for key, row in kept.items()}
        changed = {key: (row, kept[key]) for key, row in was.items() if kept[key] != row}
        assert not changed, (
            f"{table}: {len(changed)} rows lost or changed, e.g. {next(iter(changed.items()))}"
        )
        if table not in MAY_GROW:
            assert len(after[table]) == len(rows), table


def _dump_counts() -> dict[str, object]:
    """`fupin info`'s counts, taken with SQL from the dump itself."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.executescript(DUMP.read_text(encoding="utf-8"))
        one = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "villages": one("SELECT count(*) FROM area WHERE level = 'village'"),
            "households": one("SELECT count(*) FROM household WHERE archived = 0"),
            "members": one(
                "SELECT count(*) FROM member WHERE status = '在册' "
                "AND household_id IN (SELECT id FROM household WHERE archived = 0)"
            ),
            "helpers": one("SELECT count(*) FROM helper WHERE archived = 0"),
            "pairings": one("SELECT count(*) FROM pairing WHERE end_date IS NULL"),
            "tasks": dict(connection.execute("SELECT status, count(*) FROM task GROUP BY status").fetchall()),
        }
    finally:
        connection.close()


@pytest.fixture
def first_release(tmp_path: Path) -> DataPaths:
    return _load_dump(tmp_path / "first-release")


def test_the_dump_is_a_small_first_release_database_with_rows_in_every_table(
    first_release: DataPaths,
) -> None:
    assert DUMP.stat().st_size < 300_000
    assert _revision(first_release.database) == FIRST_RELEASE
    rows = _rows(first_release.database, _schema(first_release.database))
    assert {table: len(r) for table, r in rows.items()} == DUMP_ROWS
    assert _dump_counts() == {
        "villages": 2,
        "households": 12,
        "members": 47,
        "helpers": 13,
        "pairings": 11,
        "tasks": {"已销号": 6, "待整改": 3, "整改中": 2},
    }


def test_opening_the_folder_backs_it_up_and_upgrades_it_with_every_value_intact(
    first_release: DataPaths,
) -> None:
    schema = _schema(first_release.database)
    before = _rows(first_release.database, schema)

    db = open_database(first_release)  # what the window and every command do first
    try:
        assert current_revision(db.engine) == head_revision()
        assert head_revision() != FIRST_RELEASE
    finally:
        db.dispose()

    _assert_every_first_release_row_kept(before, _rows(first_release.database, schema))
    upgraded = _schema(first_release.database)
    for table, (columns, _) in schema.items():  # the first release's columns, none dropped
        assert set(columns) <= set(upgraded[table][0]), table
    assert "evidence_blob" in upgraded and "chain" in upgraded["audit_log"][0]  # the schema is today's
    after = _rows(first_release.database, upgraded)
    assert all(row["chain"] for row in after["audit_log"].values())  # the first release's rows chained
    assert "男性" in _aliases(after["code_item"][(29,)])  # 性别 男: a newer release's spelling merged
    assert {row["field"] for row in after["code_item"].values()} - {
        row["field"] for row in before["code_item"].values()
    } == {"低保类别", "特困类别"}

    backups = sorted(first_release.backups.glob("*.sqlite"))
    assert len(backups) == 1, backups
    assert _revision(backups[0]) == FIRST_RELEASE
    assert _rows(backups[0], schema) == before  # the copy made before the upgrade: the first release's data


def test_the_upgraded_database_reads_as_the_first_release_wrote_it(first_release: DataPaths) -> None:
    from fupin_desktop.services.checks.run import run_checks
    from fupin_desktop.services.households.listing import HouseholdQuery, rows, search
    from fupin_desktop.services.progress import run_job
    from fupin_desktop.services.storage.info import database_info

    expected = _dump_counts()
    db = open_database(first_release)
    try:
        ctx = ServiceContext(db=db, actor=LOCAL_ADMIN, today=lambda: TODAY)

        info = database_info(ctx)
        assert info.township == "清水镇"
        assert (info.villages, info.households, info.members, info.helpers, info.pairings) == (
            expected["villages"],
            expected["households"],
            expected["members"],
            expected["helpers"],
            expected["pairings"],
        )
        tasks = expected["tasks"]
        assert isinstance(tasks, dict)
        assert info.tasks == {status: tasks.get(status, 0) for status in info.tasks}
        assert set(tasks) <= set(info.tasks)

        register = search(ctx, HouseholdQuery())
        assert (len(register.ids), register.people) == (12, 47)
        found = search(ctx, HouseholdQuery(text="王俊强"))  # the 户主 typed into the search box
        assert len(found.ids) == 1
        row = rows(ctx, found.ids)[found.ids[0]]
        assert (row.number, row.head, row.village, row.people) == ("52242510800800004", "王俊强", "新寨村", 5)
        moved = search(ctx, HouseholdQuery(text="杨英英"))  # married into another household (member_move)
        assert [(r.number, r.head, r.people) for r in rows(ctx, moved.ids).values()] == [
            ("52242510800900004", "李永伟", 7)
        ]

        result = run_job(run_checks(ctx))
        assert result.households == 12
        found_by_rule = {(f.code, f.household, f.member) for f in result.findings}
        # the first release's deliberate data errors of these two villages
        assert ("school_age_out", "52242510800900006", "田婷敏") in found_by_rule
        assert ("no_medical_insurance", "52242510800800004", "王俊强") in found_by_rule
        # its 已核实无误 mark is kept, shown with its note: the household's data has changed since
        stale = {key[1:]: review.note for key, review in result.stale.items()}
        assert stale == {
            ("no_medical_insurance", "member:160"): "经入户核实，本人在务工地参加职工医保，已见参保凭证"
        }
    finally:
        db.dispose()


def test_a_first_release_account_still_signs_in(first_release: DataPaths) -> None:
    from fupin_desktop.services.accounts.users import authenticate

    db = open_database(first_release)
    try:
        ctx = ServiceContext(db=db, actor=LOCAL_ADMIN, today=lambda: TODAY)
        signed_in = authenticate(ctx, "luru01", "qingshui-luru-2026")
        assert (signed_in.actor.username, signed_in.actor.display_name, signed_in.actor.role) == (
            "luru01",
            "王小丽",
            "录入员",
        )
    finally:
        db.dispose()


def test_downgrading_to_the_first_release_and_to_base_and_upgrading_again(first_release: DataPaths) -> None:
    schema = _schema(first_release.database)
    before = _rows(first_release.database, schema)
    open_database(first_release).dispose()

    engine = make_engine(sqlite_url(first_release.database))
    try:
        command.downgrade(alembic_config(engine, first_release), FIRST_RELEASE)
        assert current_revision(engine) == FIRST_RELEASE
    finally:
        engine.dispose()
    # the first release's schema exactly, and its data: the first release could open it again
    assert {table: columns for table, (columns, _) in _schema(first_release.database).items()} == {
        table: columns for table, (columns, _) in schema.items()
    }
    _assert_every_first_release_row_kept(before, _rows(first_release.database, schema))

    db = open_database(first_release)  # and today's program upgrades it once more
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()
    _assert_every_first_release_row_kept(before, _rows(first_release.database, schema))

    engine = make_engine(sqlite_url(first_release.database))
    try:
        command.downgrade(alembic_config(engine, first_release), "base")
        assert current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        command.upgrade(alembic_config(engine, first_release), "head")
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert set(schema) <= tables
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM household").scalar() == 0
    finally:
        engine.dispose()
