"""Checking the audit trail's hash chain (`fupin audit verify`, 文件 → 审计日志 → 校验).

Each row stores sha256 over the previous row's stored hash and its own content (`db.audit_chain`). A row
edited with another program no longer matches its own hash; a row deleted leaves the next row computed
from a hash that is gone. Both show as a break at a row id and time. Later rows are checked against
their own predecessors, so every break is reported, not only the first.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from fupin_desktop.db.audit_chain import row_hash
from fupin_desktop.db.models import AuditLog
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.progress import Job, Progress, check_cancel

_PAGE = 5000
_COLUMNS = (
    AuditLog.id,
    AuditLog.at,
    AuditLog.user_name,
    AuditLog.action,
    AuditLog.entity,
    AuditLog.entity_id,
    AuditLog.summary,
    AuditLog.before,
    AuditLog.after,
    AuditLog.chain,
)


@dataclass(frozen=True, slots=True)
class ChainBreak:
    row_id: int
    at: datetime | None
    reason: str

    def line(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M:%S}" if self.at else "时间不明"
        return f"审计日志在编号 {self.row_id} 的记录（{when}）处断开：{self.reason}"


@dataclass(frozen=True, slots=True)
class ChainReport:
    rows: int
    breaks: tuple[ChainBreak, ...]

    @property
    def intact(self) -> bool:
        return not self.breaks

    def lines(self) -> list[str]:
        if self.intact:
            return [f"审计日志完好：共 {self.rows} 条记录，校验链没有断开。"]
        return [
            *(b.line() for b in self.breaks),
            f"共 {self.rows} 条记录，{len(self.breaks)} 处断开：审计日志被本程序以外的工具修改或删除过。",
        ]


def verify_chain(ctx: ServiceContext, cancel: threading.Event | None = None) -> Job[ChainReport]:
    """Walk the audit rows in id order and report every place the chain is broken (管理员)."""
    ctx.require(Permission.VIEW_AUDIT)
    breaks: list[ChainBreak] = []
    checked = 0
    previous_id: int | None = None
    previous_chain: str | None = None
    with ctx.sessions() as session:
        total = session.scalar(select(func.count()).select_from(AuditLog)) or 0
        while True:
            check_cancel(cancel)
            stmt = select(*_COLUMNS).order_by(AuditLog.id).limit(_PAGE)
            if previous_id is not None:
                stmt = stmt.where(AuditLog.id > previous_id)
            rows = session.execute(stmt).all()
            if not rows:
                break
            for row in rows:
                reason = _problem(row, previous_id, previous_chain)
                if reason:
                    breaks.append(ChainBreak(row.id, row.at, reason))
                previous_id, previous_chain = row.id, row.chain
            checked += len(rows)
            yield Progress(checked, total, "校验审计日志")
    return ChainReport(rows=checked, breaks=tuple(breaks))


def _problem(row: object, previous_id: int | None, previous_chain: str | None) -> str:
    stored = row.chain  # type: ignore[attr-defined]
    if stored is None:
        return "这条记录没有校验值，不是本程序写入的。"
    if stored == row_hash(previous_chain, row):
        return ""
    row_id = row.id  # type: ignore[attr-defined]
    if previous_id is None and row_id > 1:
        return f"它之前的记录（编号 1–{row_id - 1}）被删除，或这条记录被修改。"
    if previous_id is not None and row_id > previous_id + 1:
        gap = f"{previous_id + 1}" if row_id == previous_id + 2 else f"{previous_id + 1}–{row_id - 1}"
        return f"它之前的记录（编号 {gap}）被删除，或这条记录被修改。"
    return "这条记录的内容被修改过（或它之前的记录被删除）。"
