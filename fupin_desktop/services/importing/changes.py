"""What an import changes in stored households and members, field by field, as a clerk reads it: in the
import preview, in `fupin import`'s output and in the import's audit row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from fupin_desktop.services.importing.plan.model import Change

AUDIT_CHANGES = 2000  # field changes kept in an import's audit row (with the total)
EMPTY = "（空）"


def shown(value: object) -> str:
    """A stored or file value as the preview shows it."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def who(change: Change) -> str:
    return f"户 {change.household} {change.member}" if change.member else f"户 {change.household}"


def change_line(change: Change) -> str:
    """户 5224…0001 张三：联系电话 13800000001 → （空）"""
    return f"{who(change)}：{change.field} {shown(change.old)} → {shown(change.new)}"


def change_lines(changes: Sequence[Change], limit: int) -> list[str]:
    lines = [f"变更：{change_line(c)}" for c in changes[:limit]]
    if len(changes) > limit:
        lines.append(f"……另有 {len(changes) - limit} 处变更未列出。")
    return lines


def audit_changes(changes: Iterable[Change]) -> dict[str, object]:
    """The field changes for the audit row's `after`: who, which field, old → new (IDs are masked by the
    planner already), at most AUDIT_CHANGES of them and the total."""
    listed = list(changes)
    return {
        "changes_total": len(listed),
        "changes": [
            {
                "household": c.household,
                "member": c.member,
                "field": c.field,
                "old": shown(c.old),
                "new": shown(c.new),
            }
            for c in listed[:AUDIT_CHANGES]
        ],
    }
