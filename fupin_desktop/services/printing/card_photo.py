"""A phone photo of a posted 明白卡, read back (卡、机一致, issue 17 §10).

A clerk without a USB scanner photographs the card's QR code (top right of the card) and opens the
photo: `card_codes` finds the QR codes on it and keeps those printed by this program, in the order
they sit on the photo (top to bottom, then left to right), each once. What a code says against the
register is `card_check.check_scanned`'s, exactly as for a scanner's typed text.

The pixels come in as a numpy array (grayscale, or BGR/BGRA); the window and the command line load the
image file (Qt reads JPEG, PNG, BMP, WebP …; the phone's orientation is applied there). zxing-cpp
looks for the symbol at several scales and in any rotation itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fupin_desktop.errors import InputInvalid
from fupin_desktop.services.printing.card_digest import looks_like_card, parse_card

if TYPE_CHECKING:
    import numpy

NO_CODE = "照片里没有找到明白卡上的二维码：请对准二维码、拍清楚、不要反光后再试。"
SHOWN_FOREIGN = 40  # characters of a foreign code quoted in the message


def card_codes(pixels: numpy.ndarray) -> list[str]:
    """The QR texts of this program's 明白卡 on a photo, each once, top to bottom then left to right.

    Raises InputInvalid when the photo shows no QR code, or only codes that are no card of ours (a
    WeChat or payment code on the same wall, say)."""
    import zxingcpp  # only when a photo is read: the window and `fupin` start without it

    found = zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormat.QRCode)
    if not found:
        raise InputInvalid(NO_CODE)
    texts = [text for _place, text in sorted((_place(b), b.text.strip()) for b in found)]
    ours = [text for text in dict.fromkeys(texts) if looks_like_card(text)]
    if ours:
        return ours
    raise InputInvalid(_foreign_message([text for text in dict.fromkeys(texts) if text]))


def describe_code(text: str) -> str:
    """A card's code in words for a choice between several on one photo: 户编号 and print date."""
    scanned = parse_card(text)
    if scanned is None:
        return "一张二维码不完整的明白卡"
    day = scanned.printed_on
    return f"户编号 {scanned.number}（{day.year}年{day.month}月{day.day}日打印）"


def _place(barcode: object) -> tuple[int, int]:
    """Where a code sits, for reading order: its centre's row in bands of about a card's code (so
    that codes side by side on a photo count as one row), then its centre's column."""
    position = barcode.position  # type: ignore[attr-defined]
    corners = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    side = max(1, max(p.y for p in corners) - min(p.y for p in corners))
    return sum(p.y for p in corners) // 4 // (2 * side), sum(p.x for p in corners) // 4


def _foreign_message(texts: list[str]) -> str:
    if not texts:
        return NO_CODE
    sample = texts[0] if len(texts[0]) <= SHOWN_FOREIGN else texts[0][:SHOWN_FOREIGN] + "……"
    many = f"照片里的 {len(texts)} 个二维码都" if len(texts) > 1 else "照片里的二维码"
    return f"{many}不是本程序打印的明白卡上的二维码（读出的是“{sample}”）。请拍明白卡右上角的二维码后再试。"
