"""Long jobs are generators that yield Progress and return their result; they honour a cancel flag.

    def build_cards(ctx, ids, out, cancel) -> Iterator[Progress]:   # -> returns Path
        for n, id in enumerate(ids):
            check_cancel(cancel)
            ...
            yield Progress(n + 1, len(ids), "生成明白卡")
        return out

The UI runs them on a worker thread (ui/tasks.py); the CLI and tests run them with `run_job`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

CancelFlag = threading.Event
Job = Generator["Progress", None, T]


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int  # 0 when unknown
    stage: str

    @property
    def fraction(self) -> float | None:
        return self.done / self.total if self.total else None


class Cancelled(Exception):
    """Raised inside a job when the user pressed 取消; nothing the job was writing is kept."""

    def __init__(self) -> None:
        super().__init__("已取消")


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def run_job(job: Job[T], on_progress: Callable[[Progress], None] | None = None) -> T:
    """Drive a job to the end in this thread and return its result."""
    while True:
        try:
            progress = next(job)
        except StopIteration as stop:
            return stop.value
        if on_progress is not None:
            on_progress(progress)
