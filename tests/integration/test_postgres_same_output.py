"""Issue 19 §4: the same demo township on a SQLite file and on a PostgreSQL server gives the same
counts, the same data-check findings, the same ledgers cell for cell and the same briefing figures."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.briefing.pack import briefing_data_job, briefing_defaults
from fupin_desktop.services.checks.run import run_checks
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.demo import DemoSummary
from fupin_desktop.services.ledgers.export import EXPORT_KINDS, export_ledger
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.storage.info import database_info
from tests.conftest import TODAY
from tests.support.postgres import PostgresServer

Pair = tuple[ServiceContext, ServiceContext]


@pytest.fixture
def both(
    demo_template: tuple[Path, DemoSummary],
    postgres_server: PostgresServer,
    pg_demo_template: str,
    tmp_path: Path,
) -> Iterator[Pair]:
    """The demo township twice: (on SQLite, on the server)."""
    local = shutil.copytree(demo_template[0], tmp_path / "sqlite")
    name = postgres_server.new_database(pg_demo_template)
    paths = (DataPaths(local), DataPaths(tmp_path / "server", database_url=postgres_server.url(name)))
    contexts = [ServiceContext(db=open_database(p), actor=LOCAL_ADMIN, today=lambda: TODAY) for p in paths]
    yield contexts[0], contexts[1]
    for context in contexts:
        context.db.dispose()
    postgres_server.drop_database(name)


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def test_the_counts_and_the_findings_are_the_same(both: Pair) -> None:
    local, server = both
    assert database_info(server) == database_info(local)
    on_file, on_server = run_job(run_checks(local)), run_job(run_checks(server))
    assert on_server.counts() == on_file.counts() and on_file.counts()
    assert on_server.findings == on_file.findings


@pytest.mark.parametrize("kind", sorted(EXPORT_KINDS))
def test_every_ledger_is_the_same_cell_for_cell(both: Pair, tmp_path: Path, kind: str) -> None:
    local, server = both
    run_job(export_ledger(local, kind, tmp_path / "sqlite.xlsx"))
    run_job(export_ledger(server, kind, tmp_path / "server.xlsx"))
    on_file = _cells(tmp_path / "sqlite.xlsx")
    assert _cells(tmp_path / "server.xlsx") == on_file
    assert any(len(rows) >= 2 for rows in on_file.values())  # at least a title and a header


def test_the_briefing_counts_the_same(both: Pair) -> None:
    local, server = both
    on_file = run_job(briefing_data_job(local, briefing_defaults(local)))
    assert run_job(briefing_data_job(server, briefing_defaults(server))) == on_file
