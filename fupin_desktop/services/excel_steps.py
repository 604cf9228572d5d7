"""Running excel/'s generators as service jobs.

excel/ does not depend on services/, so its long loops yield plain `(done, total, stage)` steps; `steps`
turns them into Progress and checks the cancel flag between them.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import TypeVar

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
