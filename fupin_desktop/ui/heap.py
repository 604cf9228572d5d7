"""Keeping the cycle collector's full passes short, so a background job never stalls the window.

A full pass of Python's cycle collector walks every object the program holds, in whichever thread
happens to allocate at the time, and holds the GIL throughout. Once the window is up that is over
100,000 objects (the modules, Qt's wrappers, SQLAlchemy's tables, the household table); after the
图表 page has loaded matplotlib, 170,000. On the 2-core development machine each full pass then kept
the GUI thread waiting 0.15–0.3 s, every second village switch of the charts (issue 18: "never a
frozen window").

`gc.freeze()` moves every object alive now into a permanent generation that later passes skip. It is
done twice in a process: once the window is built, and when the first 图表 page is made. Most objects
alive at those moments live as long as the program (modules, the window, matplotlib's fonts); one that
dies later is still freed by reference counting, unless it is caught in a cycle. After the window is
built, the collector found 49 unreachable objects (7 KB): they stay, rather than the start-up paying a
full pass. Before the 图表 page freezes, one full pass frees whatever the clerk's work so far left
(closed dialogs and the like) while the page says "正在绘制…" anyway. Objects made later are collected
as before.
Never freeze while short-lived objects with cycles are alive (a drawn matplotlib figure's artists):
once frozen, they would never be freed.
"""

from __future__ import annotations

import gc
import threading

WINDOW_BUILT = "window"  # main(): the window is up
MATPLOTLIB_LOADED = "matplotlib"  # the first 图表 page: matplotlib imported, its figures not yet made

_frozen: set[str] = set()
_lock = threading.Lock()


def freeze_long_lived(moment: str, *, collect: bool = False) -> None:
    """Exempt everything alive now from the collector's full passes, once per `moment` a process
    reaches (see the module's docstring); `collect` frees what is garbage first (one full pass)."""
    with _lock:
        if moment in _frozen:
            return
        _frozen.add(moment)
        if collect:
            gc.collect()
        gc.freeze()
