"""The cycle collector runs in the GUI thread, and its full passes are kept short.

Python's cycle collector runs in whichever thread happens to allocate when a threshold is crossed: with
jobs on the worker thread, often there. Two things follow, both known from other Qt programs (calibre,
pyqtgraph):

- A collection in the worker frees whatever garbage it finds, a closed dialog caught in a cycle
  included: its Qt objects are then destroyed outside the GUI thread, which Qt does not allow
  ("Timers cannot be stopped from another thread", or a crash).
- A full pass walks every object the program holds and keeps the GIL throughout. Once the window is up
  that is over 100,000 objects (the modules, Qt's wrappers, SQLAlchemy's tables, the household table);
  after the 图表 page has loaded matplotlib, 170,000. On the 2-core development machine each full pass
  kept the GUI thread waiting 0.15–0.3 s, every second village switch of the charts (issue 18: "never
  a frozen window").

So `MainThreadCollector` turns automatic collection off and collects on a GUI-thread timer, by the
same thresholds (holding off while a job reads in bulk, `gc_pause`), and `freeze_long_lived` exempts
the long-lived objects from the full passes.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from fupin_desktop.gc_pause import gc_pause_active

WINDOW_BUILT = "window"  # main(): the window is up
MATPLOTLIB_LOADED = "matplotlib"  # the first 图表 page: matplotlib imported, its figures not yet made

_frozen: set[str] = set()  # the moments reached (both in the GUI thread)


def freeze_long_lived(moment: str, *, collect: bool = False) -> None:
    """Exempt everything alive now from the collector's full passes, once per `moment` a process
    reaches (see the module's docstring); `collect` frees what is garbage first (one full pass)."""
    if moment in _frozen:
        return
    _frozen.add(moment)
    if collect:
        gc.collect()
    gc.freeze()


class MainThreadCollector(QObject):
    """Collect garbage in the GUI thread only: automatic collection is off while this runs, and a timer
    does what the collector would, by the same thresholds (young objects often, a full pass after ten
    of the middle generation's)."""

    INTERVAL_MS = 250

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> None:
        """What the automatic collector would do now: nothing until enough objects were made, then
        the oldest generation whose count is over its threshold. (It also puts a full pass off while
        few long-lived objects are new, which Python does not expose; with the long-lived ones frozen
        a full pass is short.)"""
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0] or gc_pause_active():  # a job's bulk read (gc_pause)
            return
        due = max(g for g in range(3) if g == 0 or counts[g] > self._thresholds[g])
        gc.collect(due)

    def stop(self) -> None:
        """Hand collection back to Python (as it was before)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
        self.deleteLater()
