"""Logging to the data folder's logs/ (rotated), so a crash report can point at one file."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

_file: list[Path] = []


def setup_logging(folder: Path) -> Path:
    """Log INFO and above to folder/fupin.log (5 × 1 MB). Safe to call more than once."""
    path = folder / "fupin.log"
    if _file and _file[0] == path:
        return path
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_fupin", False)]:
        root.removeHandler(old)
        old.close()
    handler._fupin = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _file[:] = [path]
    return path


def log_file() -> Path | None:
    return _file[0] if _file else None
