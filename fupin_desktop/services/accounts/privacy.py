"""Who sees full ID numbers (DOMAIN §2.4): on screen only 管理员 and 录入员; on paper and in default
exports nobody; a full export is 管理员 only and audited (services/ledgers/export.py enforces that)."""

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


def hide_ids_in_text(text: str) -> str:
    """Free text of a masked export with every ID number in it masked: an 18-character number whose
    check character is right (a 户编号 or a phone number typed beside it stays as it is)."""

    def masked(found: re.Match[str]) -> str:
        number = found.group(0).upper()
        return idcard.mask(number) if idcard.check_char(number[:17]) == number[17] else found.group(0)

    return _CANDIDATE.sub(masked, text)


_DATE = re.compile(r"(?<![0-9])((?:18|19|20)[0-9]{2})([-/.年])[0-9]{1,2}[-/.月][0-9]{1,2}日?(?![0-9])")


def blur_birth_dates(text: str) -> str:
    """A message about a birth date or an ID number with its dates cut to the year (1990-**-**): beside a
    masked number the month and day would restore the digits the mask hides."""
    if "出生" not in text and "证件号码" not in text and "身份证" not in text:
        return text
    return _DATE.sub(lambda m: f"{m.group(1)}-**-**", text)
