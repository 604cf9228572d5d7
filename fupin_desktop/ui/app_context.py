"""What every widget gets through its constructor: services, app-wide events, the runner, preferences."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal

from fupin_desktop.services.context import ServiceContext
from fupin_desktop.ui.tasks import TaskRunner


class AppEvents(QObject):
    """App-wide notifications. `data_changed` carries what changed: "household", "helper", "pairing",
    "task", "settings", "codes" or "all"."""

    data_changed = Signal(str)
    status_message = Signal(str)


@dataclass(frozen=True, slots=True)
class UiContext:
    ctx: ServiceContext
    events: AppEvents
    runner: TaskRunner
    prefs: QSettings  # per-PC preferences (window geometry, column widths)
    demo: bool = False
