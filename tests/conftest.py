"""Shared fixtures.

Databases are built once per test session (migrated empty; demo township) and copied per test, so tests
never share state. Everything runs offscreen; the date is fixed so results do not depend on the day.
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
pytest_plugins = ["tests.support.modal_guard", "pytester"]

TODAY = date(2026, 11, 23)
DEMO_HOUSEHOLDS = 600  # small enough to build in a second, large enough for every village and status


def _context(folder: Path) -> ServiceContext:
    return ServiceContext(db=open_database(DataPaths(folder)), actor=LOCAL_ADMIN, today=lambda: TODAY)


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
def ctx(data_dir: Path) -> Iterator[ServiceContext]:
    context = _context(data_dir)
    yield context
    context.db.dispose()


@pytest.fixture
def demo_ctx(demo_dir: Path) -> Iterator[ServiceContext]:
    context = _context(demo_dir)
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
