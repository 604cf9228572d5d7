"""Phone photos of printed 明白卡 for the tests: a real card PDF rasterised by pdftoppm, then turned,
scaled and set on a wall-coloured background and saved as a JPEG, as a phone would deliver it.

Qt draws the photo (a QApplication must exist: the `qapp` fixture of pytest-qt)."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.printing.cards import cards_job
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings, save_settings
from tests.conftest import TODAY

WALL = QColor(128, 118, 100)  # the posted card's surroundings, darker than the paper
MARGIN = 120


def print_card(ctx: ServiceContext, household_id: int, pdf: Path) -> Path:
    """The household's 明白卡 as printed (the settings decide whether it carries the QR code)."""
    run_job(cards_job(ctx, [household_id], pdf))
    return pdf


def page_png(pdf: Path, dpi: int = 150) -> QImage:
    """Page 1 of `pdf` rendered by poppler at `dpi`."""
    stem = pdf.with_name(f"{pdf.stem}_p1_{dpi}")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf), str(stem)],
        check=True,
        capture_output=True,
    )
    image = QImage(str(stem.with_suffix(".png")))
    assert not image.isNull()
    return image


def photo(pages: Sequence[QImage], out: Path, *, angle: float = 6.0, scale: float = 0.85) -> Path:
    """The pages side by side on a wall, turned by `angle` degrees, scaled, saved as a JPEG."""
    turned = [
        page.transformed(
            QTransform().rotate(angle).scale(scale, scale), Qt.TransformationMode.SmoothTransformation
        )
        for page in pages
    ]
    width = sum(t.width() for t in turned) + MARGIN * (len(turned) + 1)
    height = max(t.height() for t in turned) + 2 * MARGIN
    canvas = QImage(width, height, QImage.Format.Format_RGB32)
    canvas.fill(WALL)
    painter = QPainter(canvas)
    x = MARGIN
    for image in turned:
        painter.drawImage(x, MARGIN, image)
        x += image.width() + MARGIN
    painter.end()
    assert canvas.save(str(out), "JPG", 82)
    return out


def photograph(folder: Path, ids: Sequence[int], out: Path, *, qr: bool = True, today: date = TODAY) -> Path:
    """Print the cards of households `ids` of the data folder (with or without the QR code) on `today`
    (the suite's fixed day, or the real one for a command that reads the photo) and photograph them side
    by side."""
    ctx = ServiceContext(db=open_database(DataPaths(folder)), actor=LOCAL_ADMIN, today=lambda: today)
    try:
        save_settings(ctx, replace(get_settings(ctx), card_qr=qr))
        pages = [page_png(print_card(ctx, hid, out.with_name(f"card_{hid}.pdf"))) for hid in ids]
    finally:
        ctx.db.dispose()
    return photo(pages, out)
