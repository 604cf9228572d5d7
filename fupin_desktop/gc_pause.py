"""Pausing Python's cycle collector while a job builds many objects that hold no cycles.

With hundreds of thousands of records alive, each full pass of the collector walks them all: a third of
a 20,000-household read. Jobs on several threads may pause at once, and the window's own collector
(`ui.heap.MainThreadCollector`, which collects on a timer) holds off while any pause lasts. Reference
counting still frees everything as usual.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False  # whether collection was on when the first pause began


@contextmanager
def gc_paused() -> Iterator[None]:
    """No collection until the last of the overlapping pauses ends; then as it was before the first."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def gc_pause_active() -> bool:
    """Whether some job is inside `gc_paused()` now."""
    return _pauses > 0
