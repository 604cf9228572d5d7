"""A search box's text as a LIKE pattern: what the clerk typed is matched literally, `%` and `_` too."""

from __future__ import annotations

LIKE_ESCAPE = "\\"


def contains_pattern(text: str) -> str:
    """`%text%` with LIKE's wildcards in `text` escaped; use with `.like(pattern, escape=LIKE_ESCAPE)`."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
