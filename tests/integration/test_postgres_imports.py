"""Issue 19 §6: imports from several PCs at once, on SQLite and on a PostgreSQL server.

A second import while one runs is refused with a message and changes nothing; one 县 row whatever the
race; duplicates left by older versions are merged by the upgrade.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from fupin_desktop.db.engine import alembic_config, current_revision, hold_import_lock, open_database
from fupin_desktop.db.models import Area, Helper, Household
from fupin_desktop.errors import UserError
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.importing.front import import_file
from fupin_desktop.services.progress import run_job
from tests.integration.excel_files import national_rows, write_xlsx

SERVER_MIGRATION = "0005_server"


def _households(ctx: ServiceContext) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(Household)) or 0


def test_a_second_import_while_another_runs_is_refused_and_changes_nothing(
    ctx: ServiceContext, tmp_path: Path, backend: str
) -> None:
    path = write_xlsx(tmp_path / "脱贫人口.xlsx", national_rows(3))
    with ctx.sessions.begin() as other_pc:
        hold_import_lock(other_pc)  # another PC's import, still running
        with pytest.raises(UserError) as refused:
            run_job(import_file(ctx, path))
    expected = "另一台电脑正在导入，请稍后再试。" if backend == "postgresql" else "另一个窗口或命令正在导入"
    assert refused.value.message.startswith(expected)
    assert _households(ctx) == 0
    summary, _ = run_job(import_file(ctx, path))  # once the other import is done, it goes through
    assert summary.committed and summary.households_new == 3
    assert _households(ctx) == 3


def test_the_same_file_imported_twice_in_a_row_changes_nothing_the_second_time(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "脱贫人口.xlsx", national_rows(2))
    run_job(import_file(ctx, path))
    second, _ = run_job(import_file(ctx, path))
    assert (second.households_new, second.households_unchanged) == (0, 2)
    with ctx.sessions() as session:
        counties = session.scalars(select(Area.name).where(Area.parent_id.is_(None))).all()
    assert counties == ["云岭县"]


def test_a_second_county_row_of_the_same_name_is_impossible(ctx: ServiceContext) -> None:
    """UNIQUE(parent_id, name) lets NULL parents repeat; the partial index does not."""
    with ctx.sessions.begin() as first:
        first.add(Area(level="county", name="云岭县"))
    with pytest.raises(IntegrityError), ctx.sessions.begin() as second:
        second.add(Area(level="county", name="云岭县"))
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Area).where(Area.parent_id.is_(None))) == 1


def test_the_upgrade_merges_county_rows_an_older_version_duplicated(ctx: ServiceContext) -> None:
    engine = ctx.db.engine
    config = alembic_config(engine)
    before = ScriptDirectory.from_config(config).get_revision(SERVER_MIGRATION).down_revision
    assert isinstance(before, str)
    command.downgrade(config, before)
    with ctx.sessions.begin() as session:  # what two racing imports left behind
        for village in ("清水村", "柳河村"):
            county = Area(level="county", name="云岭县")
            township = Area(level="township", name="清水镇", parent=county)
            session.add(Area(level="village", name=village, parent=township))
        session.flush()
        willow = session.scalar(select(Area.id).where(Area.name == "柳河村"))
        session.add(Helper(name="王帮扶", village_id=willow))
    ctx.db.dispose()

    db = open_database(ctx.db.paths)  # upgrades to the head again
    try:
        assert current_revision(db.engine) == ScriptDirectory.from_config(config).get_current_head()
        with db.sessions() as session:
            areas = session.execute(select(Area.id, Area.level, Area.name, Area.parent_id)).all()
            helper_village = session.scalar(select(Helper.village_id))
    finally:
        db.dispose()
    by_name = {name: (area_id, parent) for area_id, _level, name, parent in areas}
    assert sorted(name for *_, name, _ in areas) == ["云岭县", "柳河村", "清水村", "清水镇"]
    assert by_name["清水镇"][1] == by_name["云岭县"][0]
    assert by_name["清水村"][1] == by_name["柳河村"][1] == by_name["清水镇"][0]
    assert helper_village == by_name["柳河村"][0]
