"""Issue 18 §1: every `fupin` command starts without loading what only the chosen command needs.

Building the argparse tables and `fupin --help` import no SQLAlchemy, reportlab, matplotlib, openpyxl or
Qt (the handlers import the services when the command runs), and a reader that stops reading
(`fupin … | head`) ends the command quietly instead of with a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fupin_desktop.domain.ledgers import LEDGER_KINDS
from fupin_desktop.services.demo import DemoSummary
from fupin_desktop.services.ledgers.export import EXPORT_KINDS

HEAVY = ("sqlalchemy", "reportlab", "matplotlib", "openpyxl", "PySide6")
STARTS = {
    "build_parser": ["-c", "from fupin_desktop.cli import build_parser; build_parser()"],
    "fupin --help": ["-m", "fupin_desktop.cli", "--help"],
    "fupin export --help": ["-m", "fupin_desktop.cli", "export", "--help"],
}


def _imported(args: list[str]) -> set[str]:
    """The modules a fresh interpreter imports for `args`, from `python -X importtime`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


@pytest.mark.parametrize("start", sorted(STARTS))
def test_building_the_parsers_imports_nothing_heavy(start: str) -> None:
    modules = _imported(STARTS[start])
    assert "fupin_desktop.cli" in modules or "fupin_desktop.cli.parsers" in modules
    assert sorted(m for m in modules if m.split(".")[0] in HEAVY) == []
    assert sorted(m for m in modules if m.startswith(("fupin_desktop.services.", "fupin_desktop.db"))) == [
        "fupin_desktop.services.progress"
    ]


def test_fupin_info_counts_without_loading_the_orm_models(demo_dir: Path, demo_summary: DemoSummary) -> None:
    """`fupin info` is the quick look at a data folder: it reads its counts through Core (not even the
    ORM is loaded), seeding finds nothing to do on a seeded database, and a command open to readers
    loads no accounts."""
    code = (
        "import sys; from fupin_desktop.cli import main; code = main(['info', '--data-dir', sys.argv[1]]); "
        "print(sorted(m for m in sys.modules if m.startswith(('fupin_desktop.db.models', "
        "'fupin_desktop.services.accounts', 'sqlalchemy.orm')))); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(demo_dir)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    *printed, modules = done.stdout.splitlines()
    assert modules == "[]"
    assert printed[:2] == [
        f"乡镇：{demo_summary.township}",
        f"村 {demo_summary.villages} 个，户 {demo_summary.households} 户，人 {demo_summary.members} 人",
    ]


def test_the_command_line_offers_exactly_the_ledgers_there_are_exports_for() -> None:
    assert [(k.key, k.title, k.unit) for k in LEDGER_KINDS.values()] == [
        (k.key, k.title, k.unit) for k in EXPORT_KINDS.values()
    ]


def _into_a_closed_pipe(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run `fupin ARGS` with its output going into a pipe nobody reads any more (`| head` that exited)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "fupin_desktop.cli", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "command",
    [
        ["info"],
        ["check"],  # a long listing, line by line
    ],
)
def test_output_into_a_closed_pipe_ends_without_a_traceback_or_an_error_message(
    command: list[str], demo_dir: Path
) -> None:
    done = _into_a_closed_pipe([*command, "--data-dir", str(demo_dir)])
    assert done.stderr == ""  # no traceback, no 程序内部错误
    assert done.returncode == 1  # as Python's own exit on a broken pipe
    log = demo_dir / "logs" / "fupin.log"
    assert not log.exists() or "BrokenPipeError" not in log.read_text(encoding="utf-8")
