"""Running excel/'s generators as service jobs.

excel/ does not depend on services/, so its long loops yield plain `(done, total, stage)` steps; `steps`
turns them into Progress and checks the cancel flag between them.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TypeVar

from fupin_desktop.excel.layout import Ledger
from fupin_desktop.files import written_in_place
from fupin_desktop.services.progress import Job, Progress, check_cancel

T = TypeVar("T")


def steps(gen: Generator[tuple[int, int, str], None, T], cancel: threading.Event | None) -> Job[T]:
    while True:
        try:
            done, total, stage = next(gen)
        except StopIteration as stop:
            return stop.value
        check_cancel(cancel)
        yield Progress(done, total, stage)


def write_ledgers(out: Path, ledgers: Sequence[Ledger], cancel: threading.Event | None) -> Job[int]:
    """Write the ledgers as one workbook beside `out` and rename it into place, so a failure or 取消
    never leaves half a workbook under that name; returns the number of data rows."""
    from fupin_desktop.excel.writing import write_workbook  # openpyxl (and numpy) load on first use

    with written_in_place(out) as partial:
        written = yield from steps(write_workbook(partial, ledgers), cancel)
    return written
