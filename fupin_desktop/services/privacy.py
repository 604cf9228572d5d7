"""Who sees full ID numbers (DOMAIN §2.4): on screen only 管理员 and 录入员; on paper and in default
exports nobody; a full export is 管理员 only and audited (services/exporting.py enforces that)."""

from __future__ import annotations

import re

from fupin_desktop.domain import idcard
from fupin_desktop.services.context import Permission, ServiceContext

# 18 characters not glued to other digits or letters; validity is checked separately.
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def id_on_screen(ctx: ServiceContext, number: str | None) -> str:
    """The number as the signed-in user may see it in a table or form."""
    if not number:
        return ""
    return number if ctx.actor.can(Permission.VIEW_FULL_ID) else idcard.mask(number)


def mask_ids_in_text(text: str) -> str:
    """Free text (audit summaries, notes) with every valid-looking 18-character number masked."""
    return _CANDIDATE.sub(lambda m: idcard.mask(m.group(0)), text)
