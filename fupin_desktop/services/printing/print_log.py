"""Printed lists in the audit log (issue 17 §7): a 公示名单 or 走访名单 handed out names households, so
the administrator can see who printed which, when, for which villages and how many households."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from fupin_desktop.services import audit
from fupin_desktop.services.context import ServiceContext

ENTITY = "print"  # the audit rows of every printed document (明白卡 too)


def record_printed(
    ctx: ServiceContext, document: str, villages: Iterable[str], *, pages: int, detail: str = ""
) -> str:
    """Write one audit row for `document` (e.g. 识别公示名单) printed for the households whose villages
    are `villages` (one entry per household); returns the row's summary."""
    counts = Counter(villages)
    households = sum(counts.values())
    where = "、".join(f"{name}{n}户" for name, n in sorted(counts.items()))
    summary = f"打印{document} {households} 户，共 {pages} 页（{where}）" + (f"；{detail}" if detail else "")
    with ctx.sessions.begin() as session:
        audit.record(
            session,
            ctx.actor,
            action="打印",
            entity=ENTITY,
            entity_id=document,
            summary=summary,
            after={"households": households, "pages": pages, "villages": dict(counts)},
        )
    return summary
