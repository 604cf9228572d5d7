"""Every window of the program fits the screen it opens on (issue 16 §4): the common office PC has
1366×768 less a task bar, and a window taller than that hides its 保存 row.

One application-wide rule, like the Enter guard: when one of our top-level windows (a QDialog or
QMainWindow subclass from `fupin_desktop.`) is shown, it is shrunk to the screen's available area
(the desktop less the task bar) with its frame, and moved so that the whole frame is on that screen.
A dialog opens at the size the clerk left it at on a screen of this size — sizes are remembered when
a dialog hides, per screen size, so one widened on a 1920×1080 monitor still opens at its usual size
on the laptop. The main window keeps its own geometry (position, maximised) per screen size
(`MainWindow._restore_geometry`) and is only clamped here.

    install_screen_fit(app, prefs)  # `build_main_window` and `app.main` do it; the latest prefs win

Sizes go to the per-PC preferences of the window's `UiContext` (`window.ui`, or its parent window's);
a dialog without one (signing in) uses the preferences given at installation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from fupin_desktop.ui.app_context import UiContext

OUR_MODULES = "fupin_desktop."
SIZE_KEY = "windowSize"
MAIN_GEOMETRY_KEY = "mainWindow/geometry"
MAIN_WINDOW_SIZE = QSize(1360, 860)  # the main window's first size, where the screen has room
MAIN_WINDOW_MINIMUM = QSize(1000, 640)  # the smallest it can be made, where the screen has room
# Windows 10/11 at 100 %: the title bar and borders, assumed until a window of ours shows its own.
FALLBACK_FRAME = QMargins(8, 31, 8, 8)


def is_ours(widget: object) -> bool:
    """A top-level dialog or main window defined in one of our modules (Qt's own boxes keep theirs)."""
    return (
        isinstance(widget, QDialog | QMainWindow)
        and widget.isWindow()
        and type(widget).__module__.startswith(OUR_MODULES)
    )


def window_screen(window: QWidget) -> QRect:
    """The available area of the screen `window` opens on: its parent's for a dialog (Qt centres a
    dialog over its parent), else its own."""
    parent = window.parentWidget()
    screen = (parent.window() if parent is not None else window).screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def screen_key(what: str, area: QRect) -> str:
    """The preferences key of `what` on a screen whose available area is `area`."""
    return f"{what}/{area.width()}x{area.height()}"


def frame_margins(window: QWidget) -> QMargins:
    """The window's frame, or that of another shown window of ours before its first show (the window
    system tells a frame only once it has drawn one)."""
    for candidate in (window, *QApplication.topLevelWidgets()):
        handle = candidate.windowHandle() if candidate.isWindow() else None
        margins = handle.frameMargins() if handle is not None else QMargins()
        if not margins.isNull():
            return margins
    return FALLBACK_FRAME


def fitting_size(size: QSize, area: QRect, frame: QMargins) -> QSize:
    """`size` shrunk so that with `frame` it fits `area`."""
    room = QSize(area.width() - frame.left() - frame.right(), area.height() - frame.top() - frame.bottom())
    return size.boundedTo(room)


def preferred_size(parent: QWidget | None, preferred: QSize) -> QSize:
    """A window's first size: `preferred`, or less on a screen too small for it."""
    screen = parent.window().screen() if parent is not None else QGuiApplication.primaryScreen()
    return fitting_size(preferred, screen.availableGeometry(), FALLBACK_FRAME)


def keep_inside(window: QWidget, area: QRect, frame: QMargins) -> None:
    """Move `window` so that its frame lies inside `area` (top-left first when it cannot)."""
    width = window.width() + frame.left() + frame.right()
    height = window.height() + frame.top() + frame.bottom()
    outer = QRect(window.pos(), QSize(width, height))  # a window's pos is its frame's corner
    x = max(area.left(), min(outer.left(), area.right() + 1 - width))
    y = max(area.top(), min(outer.top(), area.bottom() + 1 - height))
    if QPoint(x, y) != outer.topLeft():
        window.move(x, y)


def place_new_window(window: QWidget, preferred: QSize, area: QRect) -> None:
    """A window's first geometry: `preferred` where it fits, centred in `area`."""
    frame = frame_margins(window)
    window.resize(fitting_size(preferred, area, frame))
    width = window.width() + frame.left() + frame.right()
    height = window.height() + frame.top() + frame.bottom()
    window.move(area.left() + (area.width() - width) // 2, area.top() + (area.height() - height) // 2)


def fit_to_screen(window: QWidget, area: QRect | None = None, *, move: bool = True) -> None:
    """Shrink `window` (a top-level, shown or about to be) to the available area and, with `move`,
    move it inside."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return  # the window system fits those
    area = area or window_screen(window)
    frame = frame_margins(window)
    size = fitting_size(window.size(), area, frame)
    if size != window.size():
        window.resize(size)
    if move:
        keep_inside(window, area, frame)


def remembered_size(prefs: QSettings, window: QWidget, area: QRect) -> QSize | None:
    value = prefs.value(screen_key(f"{SIZE_KEY}/{window_name(window)}", area))
    return value if isinstance(value, QSize) and value.isValid() else None


def remember_size(prefs: QSettings, window: QWidget) -> None:
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    screen = window.screen() or QGuiApplication.primaryScreen()
    prefs.setValue(screen_key(f"{SIZE_KEY}/{window_name(window)}", screen.availableGeometry()), window.size())


def window_name(window: QWidget) -> str:
    return window.objectName() or type(window).__name__


class ScreenFit(QObject):
    """An application-wide event filter: our windows fit the screen when shown; dialogs' sizes are
    remembered per screen size when hidden."""

    def __init__(self, prefs: QSettings | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Show, QEvent.Type.Hide) or event.spontaneous() or not is_ours(watched):
            return False
        assert isinstance(watched, QWidget)
        prefs = self.prefs_of(watched)
        if kind == QEvent.Type.Hide:
            if prefs is not None and isinstance(watched, QDialog):
                remember_size(prefs, watched)
            return False
        area = window_screen(watched)
        if prefs is not None and isinstance(watched, QDialog):
            size = remembered_size(prefs, watched, area)
            if size is not None:
                watched.resize(size)
        # A dialog not moved yet is centred over its parent, inside the screen, by QDialog.showEvent
        # (after this filter); moving it here would stop that.
        unplaced = isinstance(watched, QDialog) and not watched.testAttribute(Qt.WidgetAttribute.WA_Moved)
        fit_to_screen(watched, area, move=not unplaced)
        return False

    def prefs_of(self, window: QWidget) -> QSettings | None:
        """The preferences of the window's own context, or of the window it opens from."""
        widget: QWidget | None = window
        while widget is not None:
            ui = getattr(widget, "ui", None)
            if isinstance(ui, UiContext):
                return ui.prefs
            parent = widget.parentWidget()
            widget = parent.window() if parent is not None else None
        return self.prefs


def install_screen_fit(app: QApplication, prefs: QSettings | None = None) -> ScreenFit:
    """Install the rule once on `app`; again only changes the preferences dialogs without a context use."""
    fit = app.findChild(ScreenFit)
    if fit is None:
        fit = ScreenFit(prefs, app)
        app.installEventFilter(fit)
    elif prefs is not None:
        fit.prefs = prefs
    return fit
