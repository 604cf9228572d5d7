"""The 明白卡's QR code: what the card printed, as short digests per section (卡、机一致).

A card posted on a wall carries `FPMBK1|<户编号>|<YYYYMMDD>|i<收入>|m<帮扶措施>|h<帮扶责任人>|p<家庭成员>`:
each section's digest is the first six hex digits of a SHA-256 over what that section printed, salted
with the 户编号, so the code says nothing in clear beyond the number (which the card prints anyway) and
still tells, when scanned, which sections a card printed today would print differently. Members'
ages are left out: a birthday is no change to the card's content a clerk must act on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import astuple, dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the search box recognises a card's code: no reportlab at window start
    from fupin_desktop.reports.cards import CardData

PREFIX = "FPMBK1"
DIGITS = 6
SECTIONS = (("i", "收入"), ("m", "帮扶措施"), ("h", "帮扶责任人"), ("p", "家庭成员"))
SECTION_LABELS = dict(SECTIONS)

_CURRENT = re.compile(
    rf"^{PREFIX}\|(?P<number>[0-9A-Za-z-]{{1,40}})\|(?P<date>\d{{8}})"
    + "".join(rf"\|{key}(?P<{key}>[0-9a-f]{{{DIGITS}}})" for key, _ in SECTIONS)
    + "$"
)
# The first cards' code: 户编号 and date only (nothing to compare with).
_LEGACY = re.compile(r"^FUPIN-CARD;NO=(?P<number>[0-9A-Za-z-]{1,40});DATE=(?P<date>\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True, slots=True)
class ScannedCard:
    """A card's QR text, read back."""

    number: str
    printed_on: date
    digests: dict[str, str] | None  # section key → digest; None for a card from before the digests


def section_digests(card: CardData) -> dict[str, str]:
    """Section key → digest of what `card` prints in that section."""
    parts = {
        "i": repr(astuple(card.income)) if card.income else "none",
        "m": repr((card.measures_unknown, [astuple(m) for m in card.measures])),
        "h": repr(astuple(card.helper)) if card.helper else "none",
        "p": repr(
            [
                (m.name, m.relation, m.sex, m.id_masked, m.health, m.labour, m.schooling, m.work)
                for m in card.members
            ]
        ),
    }
    return {key: _digest(card.number, key, text) for key, text in parts.items()}


def qr_text(card: CardData) -> str:
    """The QR code's text for `card` (ASCII only: a USB scanner types it as keys)."""
    digests = section_digests(card)
    fields = [PREFIX, card.number, f"{card.printed_on:%Y%m%d}", *(key + digests[key] for key, _ in SECTIONS)]
    return "|".join(fields)


def looks_like_card(text: str) -> bool:
    """Whether `text` was meant as a card's code (so the search box does not search for it)."""
    stripped = text.strip()
    return stripped.startswith((PREFIX + "|", "FUPIN-CARD;"))


def parse_card(text: str) -> ScannedCard | None:
    """The card a scanned code describes, or None when `text` is no (complete) card code."""
    stripped = text.strip()
    if match := _CURRENT.match(stripped):
        day = match["date"]
        try:
            printed = date(int(day[:4]), int(day[4:6]), int(day[6:]))
        except ValueError:
            return None
        return ScannedCard(match["number"], printed, {key: match[key] for key, _ in SECTIONS})
    if match := _LEGACY.match(stripped):
        try:
            printed = date.fromisoformat(match["date"])
        except ValueError:
            return None
        return ScannedCard(match["number"], printed, None)
    return None


def changed_sections(scanned: ScannedCard, current: CardData) -> list[str]:
    """Chinese names of the sections `current` prints differently from the scanned card."""
    if scanned.digests is None:
        return []
    now = section_digests(current)
    return [label for key, label in SECTIONS if scanned.digests.get(key) != now[key]]


def _digest(number: str, key: str, text: str) -> str:
    return hashlib.sha256(f"{number}|{key}|{text}".encode()).hexdigest()[:DIGITS]
