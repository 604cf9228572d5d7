"""Where things live: bundled resources and the user's data folder.

Nothing here touches the disk at import time; folders are created when a data folder is opened.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "FupinDesktop"
DATA_DIR_ENV = "FUPIN_DATA_DIR"
DATABASE_URL_ENV = "FUPIN_DATABASE_URL"
DATABASE_NAME = "fupin.sqlite"


def resources_dir() -> Path:
    """The folder holding fonts/, codes/, templates/ and icons/.

    Frozen program: next to the bundle; installed wheel: inside the package; source checkout: the
    repository's top-level `resources/`.
    """
    package = Path(__file__).resolve().parent
    candidates = []
    if getattr(sys, "frozen", False):
        candidates.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources")
    candidates += [package / "resources", package.parent / "resources"]
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("找不到程序资源文件夹 resources/（字体、代码表、模板）。请重新安装程序。")


def help_images_dir() -> Path:
    """The user guide's screenshots: bundled as resources/help/images (installed program), else the
    checkout's docs/ (running from source), where the README shows the same pictures."""
    bundled = resources_dir() / "help" / "images"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parent.parent / "docs"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "db" / "migrations"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None) -> Path:
    """--data-dir wins, then FUPIN_DATA_DIR, then the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def resolve_database_url(explicit: str | None = None) -> str | None:
    """--database wins, then FUPIN_DATABASE_URL; None means the data folder's own SQLite file."""
    return explicit or os.environ.get(DATABASE_URL_ENV) or None


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The files of one data folder, and the server database it works on (None: its SQLite file).

    On a server the folder still holds this PC's backups (pg_dump before an upgrade), logs, exports
    and the evidence cache."""

    root: Path
    database_url: str | None = None

    @property
    def on_server(self) -> bool:
        return bool(self.database_url) and not str(self.database_url).startswith("sqlite")

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def ensure(self) -> None:
        """Create the folder tree; raises DataFolderError with a message a clerk can act on."""
        from fupin_desktop.errors import DataFolderError

        try:
            for folder in (self.root, self.backups, self.attachments, self.logs):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(self.root, exc) from exc
        if not os.access(self.root, os.W_OK):
            raise DataFolderError(self.root, PermissionError("只读"))
