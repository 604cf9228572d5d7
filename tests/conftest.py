"""Shared fixtures.

Databases are built once per test session (migrated empty; demo township) and copied per test, so tests
never share state. Everything runs offscreen; the date is fixed so results do not depend on the day.

Service-level tests (tests/integration, tests/test_cards_*) that take `ctx` or `demo_ctx` run twice: on a
SQLite file and on a real PostgreSQL server started for the session (tests/support/postgres.py), each test
on a fresh database cloned from a migrated template (DESIGN §4: the suite runs on both backends).
"""

from __future__ import annotations

import os
from pathlib import Path

# A 1366×768 office screen (the common PC; issue 16 §4) beside a 1920×1080 monitor, not the offscreen
# platform's default 800×800. Qt splits QT_QPA_PLATFORM at colons, so the path leaves out a Windows drive.
os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + Path(__file__).parent.joinpath(
    "support", "offscreen_screens.json"
).as_posix().removeprefix(Path(__file__).drive)
os.environ.pop("FUPIN_DATA_DIR", None)
os.environ.pop("FUPIN_DATABASE_URL", None)  # a developer's own server never leaks into the tests

import shutil
from collections.abc import Iterator
from datetime import date

import pytest

from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.demo import DEFAULT_SEED, DemoSummary, generate_demo
from fupin_desktop.services.progress import run_job

# Modal dialogs nobody answers fail the test instead of hanging it; windows closed by tests never ask.
# (pytester runs the guard's own tests in a fresh pytest.)
pytest_plugins = ["tests.support.modal_guard", "tests.support.postgres", "pytester"]

TODAY = date(2026, 11, 23)
DEMO_HOUSEHOLDS = 600  # small enough to build in a second, large enough for every village and status


BACKENDS = ("sqlite", "postgresql")
# Where `ctx` and `demo_ctx` run on both backends (the service tests and the 明白卡 ones); GUI tests stay
# on SQLite.
BOTH_BACKENDS = ("tests/integration/", "tests/test_cards_")
# Modules about the SQLite file itself (its bytes, backups, damage, pragmas, migrations of the file):
# SQLite only.
SQLITE_ONLY = frozenset(
    {"test_backups.py", "test_crash_safety.py", "test_migrations.py", "test_migration_data.py"}
)
# Tests failing on PostgreSQL for a known reason, nearly all in the test's own SQLite-only helpers: expected
# to fail there, strictly, so a fix shows up as XPASS and its entry is removed.
_READS_THE_FILE = "the test reads the SQLite file with sqlite3, not the database the services used"
_RAW_SQLITE_SQL = "the test's own SQL is SQLite's (archived = 0 on a boolean, json_extract)"
_SQLITE_BACKUP = "the fixture makes a SQLite backup (backup_database) of a server database"
POSTGRES_KNOWN_FAILURES: dict[str, str] = {
    "tests/integration/test_areas.py::test_from_nothing_a_village_goes_under_the_township_of_the_settings": (
        _READS_THE_FILE
    ),
    "tests/integration/test_areas.py::test_rename_and_order": _READS_THE_FILE,
    "tests/integration/test_areas.py::test_merging_villages_moves_households_groups_tasks_and_helpers": (
        _READS_THE_FILE
    ),
    "tests/integration/test_areas.py::test_only_an_empty_village_or_group_is_deleted": _READS_THE_FILE,
    "tests/integration/test_areas.py::test_contacts_are_checked_saved_and_audited": _READS_THE_FILE,
    "tests/test_cards_problems.py::test_the_faulty_households_are_found_in_the_order_asked": _READS_THE_FILE,
    "tests/integration/test_briefing.py::test_basics_equal_sql_counts": _RAW_SQLITE_SQL,
    "tests/integration/test_briefing.py::test_risks_and_guarantees_equal_sql_counts": _RAW_SQLITE_SQL,
    "tests/integration/test_briefing.py::test_tasks_and_trend_equal_sql_counts": _RAW_SQLITE_SQL,
    "tests/integration/test_briefing.py::test_changes_count_the_dated_records_of_the_period": _RAW_SQLITE_SQL,
    "tests/integration/test_audit_log.py::test_every_kind_of_change_writes_an_audit_row": _SQLITE_BACKUP,
    "tests/integration/test_roles.py::test_services_enforce_roles": _SQLITE_BACKUP,
    "tests/integration/test_demo.py::test_refuses_a_database_with_data_unless_forced": (
        "on a server `--force` refuses by design (issue 19 §8); the test expects the SQLite replacement"
    ),
    "tests/integration/test_excel_import.py::test_the_quirky_national_export_imports_with_every_value_normalised": (
        "a server gets no per-import backup file (summary.backup is None); the test expects one"
    ),
}


def _context(folder: Path, url: str | None = None, today: date = TODAY) -> ServiceContext:
    paths = DataPaths(folder, database_url=url)
    return ServiceContext(db=open_database(paths), actor=LOCAL_ADMIN, today=lambda: today)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    path = metafunc.definition.path.as_posix()
    if any(part in path for part in BOTH_BACKENDS) and metafunc.definition.path.name not in SQLITE_ONLY:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or callspec.params.get("backend") != "postgresql":
            continue
        key = item.nodeid.split("[", 1)[0]
        reason = POSTGRES_KNOWN_FAILURES.get(key)
        if reason is not None:
            # a fixture that cannot work on a server fails before the test: not worth a server database each
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True, run=reason != _SQLITE_BACKUP))


@pytest.fixture(autouse=True)
def _cheaper_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A password hash costs about a second at the real scrypt cost (2^17); tests sign in hundreds of
    times, so they hash at 2^14. test_users checks the real cost and the upgrade of cheaper hashes."""
    monkeypatch.setattr("fupin_desktop.services.accounts.users.SCRYPT_N", 2**14)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite", or "postgresql" for the second run of a service-level test."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_empty_template(postgres_server, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, empty database on the session's server (its name), cloned for each test."""
    name = postgres_server.new_database()
    folder = tmp_path_factory.mktemp("pg-empty-template")
    open_database(DataPaths(folder, database_url=postgres_server.url(name))).dispose()
    return name


@pytest.fixture(scope="session")
def pg_demo_template(postgres_server, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo township (the same households, seed and date as on SQLite) on the session's server."""
    name = postgres_server.new_database()
    ctx = _context(tmp_path_factory.mktemp("pg-demo-template"), postgres_server.url(name))
    run_job(generate_demo(ctx, households=DEMO_HOUSEHOLDS, seed=DEFAULT_SEED))
    ctx.db.dispose()
    return name


def _server_database(request: pytest.FixtureRequest, template: str) -> str:
    """A fresh clone of `template` for this test, the URL also in FUPIN_DATABASE_URL (so commands the
    test runs on its data folder reach the same database); dropped after the test."""
    server = request.getfixturevalue("postgres_server")
    name = server.new_database(request.getfixturevalue(template))
    request.addfinalizer(lambda: server.drop_database(name))
    url = server.url(name)
    request.getfixturevalue("monkeypatch").setenv("FUPIN_DATABASE_URL", url)
    return url


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("empty-template")
    open_database(DataPaths(folder)).dispose()
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    folder = tmp_path_factory.mktemp("demo-template")
    ctx = _context(folder)
    summary = run_job(generate_demo(ctx, households=DEMO_HOUSEHOLDS, seed=DEFAULT_SEED))
    ctx.db.dispose()
    return folder, summary


def _copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


@pytest.fixture
def data_dir(empty_template: Path, tmp_path: Path) -> Path:
    """A fresh, migrated, empty data folder."""
    return _copy(empty_template, tmp_path / "data")


@pytest.fixture
def demo_dir(demo_template: tuple[Path, DemoSummary], tmp_path: Path) -> Path:
    """A data folder holding the demo township (600 households, default seed, TODAY)."""
    return _copy(demo_template[0], tmp_path / "demo")


@pytest.fixture
def demo_summary(demo_template: tuple[Path, DemoSummary]) -> DemoSummary:
    return demo_template[1]


@pytest.fixture
def ctx(data_dir: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[ServiceContext]:
    """Services on a fresh, migrated, empty database (SQLite in `data_dir`, or a server's)."""
    url = _server_database(request, "pg_empty_template") if backend == "postgresql" else None
    context = _context(data_dir, url)
    yield context
    context.db.dispose()


@pytest.fixture
def demo_ctx(demo_dir: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[ServiceContext]:
    """Services on the demo township (SQLite in `demo_dir`, or a server's)."""
    url = _server_database(request, "pg_demo_template") if backend == "postgresql" else None
    context = _context(demo_dir, url)
    yield context
    context.db.dispose()


@pytest.fixture
def make_window(qtbot):
    """Build the real main window on a data folder (its jobs cancelled and awaited, then closed and
    disposed after the test)."""
    from fupin_desktop.app import create_main_window
    from fupin_desktop.ui.theme import apply_theme
    from tests.support.modal_guard import settle_window

    windows = []

    def make(folder: Path, **kwargs):
        from PySide6.QtWidgets import QApplication

        apply_theme(QApplication.instance())
        window = create_main_window(folder, today=lambda: TODAY, **kwargs)
        qtbot.addWidget(window, before_close_func=settle_window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.ui.runner.wait(10_000)
        window.ui.ctx.db.dispose()
