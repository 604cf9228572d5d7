"""Running excel/'s generators as service jobs.

excel/ does not depend on services/, so its long loops yield plain `(done, total, stage)` steps; `steps`
turns them into Progress and checks the cancel flag between them.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TypeVar

from fupin_desktop.errors import UserError, describe_os_error
from fupin_desktop.excel.layout import Ledger
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

    partial = out.with_name(out.name + ".part")
    try:
        written = yield from steps(write_workbook(partial, ledgers), cancel)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(describe_os_error(exc, out)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written
