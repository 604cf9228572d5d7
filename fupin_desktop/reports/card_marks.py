"""Drawing helpers of the 明白卡 that keep a batch fast: the static part of every card drawn into the PDF
once (`SharedForm`), and QR codes drawn as one path (`QrMark`)."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from typing import ClassVar

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable


class SharedForm(Flowable):
    """Flowables that print the same on every card, laid out once and drawn into the PDF once as a form
    XObject that each card's page places: the per-card cost of the static part is one `Do`. Kept whole
    (moves to the next page rather than split), like KeepTogether."""

    _sizes: ClassVar[dict[str, tuple[float, float]]] = {}

    def __init__(self, key: str, build: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.key = key
        self.build = build

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.key not in self._sizes:
            self._sizes[self.key] = self._layout(available_width)[0]
        self.width, self.height = self._sizes[self.key]
        return self.width, self.height

    def _layout(self, width: float) -> tuple[tuple[float, float], list[tuple[Flowable, float]]]:
        placed, height = [], 0.0
        for flowable in self.build():
            _, h = flowable.wrap(width, 10_000)
            placed.append((flowable, h))
            height += h
        return (width, height), placed

    def draw(self) -> None:
        canv = self.canv
        drawn: set[str] = canv.__dict__.setdefault("_shared_forms", set())
        name = "card_" + hashlib.sha1(self.key.encode()).hexdigest()[:12]
        if name not in drawn:
            (width, height), placed = self._layout(self.width)
            canv.beginForm(
                name, lowerx=-5 * mm, lowery=-5 * mm, upperx=width + 5 * mm, uppery=height + 5 * mm
            )
            top = height
            for flowable, h in placed:
                top -= h
                flowable.drawOn(canv, 0, top)
            canv.endForm()
            drawn.add(name)
        canv.doForm(name)


class QrMark(Flowable):
    """A QR code drawn as one filled path of its dark runs.

    reportlab's QrCodeWidget builds a Drawing of one shape per run and, through `getBounds`, encodes the
    text twice; its encoder also lays the symbol out eight times to score each mask pattern. That was
    most of a card's time (about 30 ms of 40). The mask here is fixed (pattern 0): scanners read every
    mask, the score only tunes contrast for poor optics, and a card is printed black on white."""

    BORDER = 1  # quiet modules around the symbol

    def __init__(self, value: str, side: float) -> None:
        super().__init__()
        self.value = value
        self.width = self.height = side
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(value)
        code.version = code.calculate_version()
        code.makeImpl(False, 0)
        self.modules = code.modules

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules)
        box = self.width / (count + 2 * self.BORDER)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.height - (r + self.BORDER + 1) * box
            c = 0
            for dark, run in itertools.groupby(row):
                n = len(list(run))
                if dark:
                    path.rect((c + self.BORDER) * box, y, n * box, box)
                c += n
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def qr_code(value: str, side: float) -> Flowable:
    return QrMark(value, side)
