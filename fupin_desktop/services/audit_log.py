"""Reading the audit trail (管理员): filter by user, date and entity, page through it, export it.

There is deliberately nothing here that edits or deletes audit rows: the program only ever adds them
(`services.audit.record`), and a restore keeps the rows written since the backup was taken.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Select, or_, select

from fupin_desktop.db.models import AuditLog
from fupin_desktop.errors import UserError, describe_os_error
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.privacy import mask_ids_in_text
from fupin_desktop.services.progress import Job, Progress, check_cancel

ENTITY_LABELS = {
    "household": "农户",
    "member": "家庭成员",
    "income": "收支核算",
    "income_record": "收支核算",
    "measure": "帮扶措施",
    "visit": "走访记录",
    "risk": "风险类型",
    "program": "政策享受",
    "helper": "帮扶责任人",
    "pairing": "结对帮扶",
    "work_team": "驻村工作队",
    "task": "整改任务",
    "evidence": "整改佐证",
    "finding": "核查问题",
    "finding_review": "核查复核",
    "snapshot": "月度指标",
    "kpi_snapshot": "月度指标",
    "setting": "设置",
    "threshold": "监测范围",
    "code_item": "代码表",
    "codes": "代码表",
    "area": "村组",
    "user": "用户",
    "database": "数据库",
    "audit_log": "审计日志",
    "export": "导出",
    "import": "导入",
}

EXPORT_HEADERS = ("时间", "用户", "操作", "对象", "对象编号", "说明", "修改前", "修改后")
_EXPORT_WIDTHS = (20, 22, 12, 12, 18, 60, 40, 40)
_PAGE = 2000


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


@dataclass(frozen=True, slots=True)
class AuditQuery:
    user: str | None = None
    entity: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive
    text: str = ""

    def describe(self) -> str:
        parts = []
        if self.user:
            parts.append(f"用户：{self.user}")
        if self.entity:
            parts.append(f"对象：{entity_label(self.entity)}")
        if self.since or self.until:
            parts.append(f"日期：{self.since or '…'} 至 {self.until or '…'}")
        if self.text:
            parts.append(f"关键字：{self.text}")
        return "，".join(parts) or "全部"


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    user_name: str
    action: str
    entity: str
    entity_id: str | None
    summary: str
    before: str | None
    after: str | None

    @property
    def entity_label(self) -> str:
        return entity_label(self.entity)


@dataclass(frozen=True, slots=True)
class AuditFilters:
    users: list[str]
    entities: list[str]


def _filtered(query: AuditQuery, columns: Select) -> Select:
    stmt = columns
    if query.user:
        stmt = stmt.where(AuditLog.user_name == query.user)
    if query.entity:
        stmt = stmt.where(AuditLog.entity == query.entity)
    if query.since:
        stmt = stmt.where(AuditLog.at >= datetime.combine(query.since, time.min))
    if query.until:
        stmt = stmt.where(AuditLog.at < datetime.combine(query.until + timedelta(days=1), time.min))
    text = query.text.strip()
    if text:
        stmt = stmt.where(
            or_(
                AuditLog.summary.contains(text, autoescape=True),
                AuditLog.entity_id.contains(text, autoescape=True),
                AuditLog.action.contains(text, autoescape=True),
            )
        )
    return stmt


def audit_ids(ctx: ServiceContext, query: AuditQuery) -> list[int]:
    """Ids of the matching audit rows, newest first."""
    ctx.require(Permission.VIEW_AUDIT)
    with ctx.sessions() as session:
        stmt = _filtered(query, select(AuditLog.id)).order_by(AuditLog.at.desc(), AuditLog.id.desc())
        return list(session.scalars(stmt))


def audit_rows(ctx: ServiceContext, ids: Sequence[int]) -> dict[int, AuditRow]:
    """The rows for one page of ids."""
    ctx.require(Permission.VIEW_AUDIT)
    found: dict[int, AuditRow] = {}
    with ctx.sessions() as session:
        for start in range(0, len(ids), _PAGE):
            chunk = list(ids[start : start + _PAGE])
            for row in session.scalars(select(AuditLog).where(AuditLog.id.in_(chunk))):
                found[row.id] = _row(row)
    return found


def _row(row: AuditLog) -> AuditRow:
    return AuditRow(
        id=row.id,
        at=row.at,
        user_name=row.user_name,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        summary=row.summary,
        before=row.before,
        after=row.after,
    )


def audit_filters(ctx: ServiceContext) -> AuditFilters:
    """The users and entities that occur in the audit trail, for the filter lists."""
    ctx.require(Permission.VIEW_AUDIT)
    with ctx.sessions() as session:
        users = session.scalars(select(AuditLog.user_name).distinct().order_by(AuditLog.user_name))
        entities = session.scalars(select(AuditLog.entity).distinct().order_by(AuditLog.entity))
        return AuditFilters(users=list(users), entities=list(entities))


def export_audit(
    ctx: ServiceContext, query: AuditQuery, path: Path, cancel: threading.Event | None = None
) -> Job[int]:
    """Write the matching rows to an .xlsx workbook (ID numbers masked); returns the row count."""
    ids = audit_ids(ctx, query)
    lines: list[list[object]] = []
    for start in range(0, len(ids), _PAGE):
        check_cancel(cancel)
        page = ids[start : start + _PAGE]
        rows = audit_rows(ctx, page)
        lines += [_export_line(rows[row_id]) for row_id in page]
        yield Progress(len(lines), len(ids), "读取审计日志")
    check_cancel(cancel)
    yield Progress(len(lines), len(ids), "写入文件")
    _write_workbook(path, lines)
    with ctx.sessions.begin() as session:
        audit.record(
            session,
            ctx.actor,
            action="导出",
            entity="audit_log",
            entity_id=None,
            summary=f"导出审计日志 {len(ids)} 条（{query.describe()}）到 {path}",
        )
    return len(ids)


def _export_line(row: AuditRow) -> list[object]:
    masked = lambda text: mask_ids_in_text(text) if text else ""  # noqa: E731
    return [
        row.at.replace(microsecond=0),
        row.user_name,
        row.action,
        row.entity_label,
        masked(row.entity_id),
        masked(row.summary),
        masked(row.before),
        masked(row.after),
    ]


def _write_workbook(path: Path, lines: list[list[object]]) -> None:
    """Written beside the target and renamed, so a failure never leaves half a workbook behind."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    partial = path.with_name(path.name + ".part")
    try:
        handle = partial.open("wb")
    except OSError as exc:
        raise UserError(describe_os_error(exc, path)) from exc
    try:
        with handle:
            book = Workbook(write_only=True)
            sheet = book.create_sheet("审计日志")
            for index, width in enumerate(_EXPORT_WIDTHS, start=1):
                sheet.column_dimensions[get_column_letter(index)].width = width
            sheet.freeze_panes = "A2"
            header = [WriteOnlyCell(sheet, value=title) for title in EXPORT_HEADERS]
            for cell in header:
                cell.font = Font(bold=True)
            sheet.append(header)
            for line in lines:
                sheet.append(line)
            book.save(handle)
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UserError(describe_os_error(exc, path)) from exc
