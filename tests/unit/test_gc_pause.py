"""Overlapping pauses of the cycle collector (jobs on several threads): collection comes back when the
last one ends, as it was before the first."""

from __future__ import annotations

import gc

from fupin_desktop.gc_pause import gc_pause_active, gc_paused


def test_collection_resumes_when_the_last_overlapping_pause_ends() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        first, second = gc_paused(), gc_paused()
        first.__enter__()
        second.__enter__()  # another job, while the first is still reading
        first.__exit__(None, None, None)
        assert not gc.isenabled() and gc_pause_active()  # the second job is still reading
        second.__exit__(None, None, None)
        assert gc.isenabled() and not gc_pause_active()
    finally:
        if not was:
            gc.disable()


def test_a_pause_leaves_collection_off_when_it_was_off() -> None:
    was = gc.isenabled()
    gc.disable()  # as the window's own collector keeps it
    try:
        with gc_paused():
            assert gc_pause_active()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
