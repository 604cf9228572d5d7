"""Reading the audit trail (管理员): filter by household, user, date and entity, page through it, export it.

Rows are shown in the clerk's language (`services.accounts.audit_text`): Chinese field names, values as the windows
show them, 户编号 and 户主 instead of database ids.

There is deliberately nothing here that edits or deletes audit rows: the program only ever adds them
(`services.audit.record`), and a restore keeps the rows written since the backup was taken.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import AuditLog, Household, Member, TaskHousehold
from fupin_desktop.errors import InputInvalid, UserError, describe_os_error
from fupin_desktop.services import audit
from fupin_desktop.services.accounts.audit_text import Change, Reading, read_rows
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import head_name

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
    "print": "打印",  # 明白卡, 公示名单, 走访名单 (services/printing/print_log.py)
}

EXPORT_HEADERS = ("时间", "用户", "操作", "类别", "对象", "说明", "修改前", "修改后")
_EXPORT_WIDTHS = (20, 22, 12, 12, 30, 60, 45, 45)
_PAGE = 2000
MAX_HOUSEHOLDS = 100  # a household filter matching more than this asks for a fuller 户编号 or name


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


@dataclass(frozen=True, slots=True)
class AuditQuery:
    user: str | None = None  # as written (张站长(zhang)), or the name or the user name alone
    entity: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive
    text: str = ""
    household: str = ""  # 户编号 or 户主姓名

    def describe(self) -> str:
        parts = []
        if self.household.strip():
            parts.append(f"农户：{self.household.strip()}")
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
    subject: str  # 对象: 户编号 and 户主, the task's 序号, the helper's name…
    summary: str
    changes: tuple[Change, ...]

    @property
    def entity_label(self) -> str:
        return entity_label(self.entity)

    def detail_lines(self) -> list[str]:
        """修改内容 (or 内容 of a new row, 原内容 of a removed one), one field a line."""
        if not self.changes:
            return []
        has_before = any(c.before is not None for c in self.changes)
        has_after = any(c.after is not None for c in self.changes)
        title = "修改内容：" if has_before and has_after else ("内容：" if has_after else "原内容：")
        lines = [title]
        for change in self.changes:
            if has_after and change.after is None:
                lines.append(f"  {change.field}：原为 {change.before}")
            else:
                lines.append(f"  {change.line()}")
        return lines

    def before_text(self) -> str:
        return "\n".join(f"{c.field}：{c.before}" for c in self.changes if c.before is not None)

    def after_text(self) -> str:
        return "\n".join(f"{c.field}：{c.after}" for c in self.changes if c.after is not None)


@dataclass(frozen=True, slots=True)
class AuditFilters:
    users: list[str]
    entities: list[str]


def _filtered(session: Session, query: AuditQuery, columns: Select) -> Select:
    stmt = columns
    if query.user:
        stmt = stmt.where(_user_clause(query.user.strip()))
    if query.entity:
        stmt = stmt.where(AuditLog.entity == query.entity)
    if query.since:
        stmt = stmt.where(AuditLog.at >= datetime.combine(query.since, time.min))
    if query.until:
        stmt = stmt.where(AuditLog.at < datetime.combine(query.until + timedelta(days=1), time.min))
    if query.household.strip():
        stmt = stmt.where(_household_clause(session, query.household.strip()))
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


def _user_clause(user: str) -> ColumnElement[bool]:
    """Rows are written as 姓名(用户名); either part alone finds them too."""
    return or_(
        AuditLog.user_name == user,
        AuditLog.user_name.startswith(f"{user}(", autoescape=True),
        AuditLog.user_name.endswith(f"({user})", autoescape=True),
    )


def matching_households(session: Session, text: str) -> list[tuple[int, str]]:
    """(id, 户编号) of the households a filter means: the exact 户编号 or 户主姓名, else those whose
    户编号 or 户主姓名 contains the text."""
    head = head_name()
    base = select(Household.id, Household.number)
    for condition in (
        or_(Household.number == text, head == text),
        or_(Household.number.contains(text, autoescape=True), head.contains(text, autoescape=True)),
    ):
        found = dict(session.execute(base.where(condition).limit(MAX_HOUSEHOLDS + 1)).all())
        if len(found) > MAX_HOUSEHOLDS:
            raise InputInvalid(f"“{text}”对应的农户超过 {MAX_HOUSEHOLDS} 户，请输入完整的户编号或户主姓名。")
        if found:
            return sorted(found.items())
    return []


def _household_clause(session: Session, text: str) -> ColumnElement[bool]:
    """Rows about these households: the household itself, its members, its tasks, and every row whose
    说明 names its 户编号 (incomes, measures, visits, moves) or whose pairing lists it."""
    households = matching_households(session, text)
    if not households:
        return false()
    ids = [household_id for household_id, _ in households]
    members = session.scalars(select(Member.id).where(Member.household_id.in_(ids))).all()
    tasks = session.scalars(select(TaskHousehold.task_id).where(TaskHousehold.household_id.in_(ids))).all()
    clauses: list[ColumnElement[bool]] = [
        and_(AuditLog.entity == "household", AuditLog.entity_id.in_([str(i) for i in ids])),
        and_(AuditLog.entity == "member", AuditLog.entity_id.in_([str(i) for i in members])),
        and_(AuditLog.entity == "task", AuditLog.entity_id.in_([str(i) for i in set(tasks)])),
    ]
    for _, number in households:
        clauses.append(AuditLog.summary.contains(f"户 {number}", autoescape=True))
        quoted = f'"{number}"'
        clauses.append(
            and_(
                AuditLog.entity == "pairing",
                or_(
                    AuditLog.before.contains(quoted, autoescape=True),
                    AuditLog.after.contains(quoted, autoescape=True),
                ),
            )
        )
    return or_(*clauses)


def audit_ids(ctx: ServiceContext, query: AuditQuery) -> list[int]:
    """Ids of the matching audit rows, newest first."""
    ctx.require(Permission.VIEW_AUDIT)
    with ctx.sessions() as session:
        stmt = _filtered(session, query, select(AuditLog.id)).order_by(AuditLog.at.desc(), AuditLog.id.desc())
        return list(session.scalars(stmt))


def audit_rows(ctx: ServiceContext, ids: Sequence[int], *, masked: bool | None = None) -> dict[int, AuditRow]:
    """The rows for one page of ids, in the clerk's language. ID numbers are masked unless the user may
    see them in full (`masked` overrides: exports always mask)."""
    ctx.require(Permission.VIEW_AUDIT)
    mask = not ctx.actor.can(Permission.VIEW_FULL_ID) if masked is None else masked
    found: dict[int, AuditRow] = {}
    with ctx.sessions() as session:
        for start in range(0, len(ids), _PAGE):
            chunk = list(ids[start : start + _PAGE])
            rows = session.scalars(select(AuditLog).where(AuditLog.id.in_(chunk))).all()
            readings = read_rows(session, rows, mask=mask)
            for row in rows:
                found[row.id] = _row(row, readings[row.id])
    return found


def _row(row: AuditLog, reading: Reading) -> AuditRow:
    return AuditRow(
        id=row.id,
        at=row.at,
        user_name=row.user_name,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        subject=reading.subject,
        summary=reading.summary,
        changes=reading.changes,
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
        rows = audit_rows(ctx, page, masked=True)
        lines += [_export_line(rows[row_id]) for row_id in page]
        yield Progress(len(lines), len(ids), "读取审计日志")
    check_cancel(cancel)
    yield Progress(len(lines), len(ids), "写入文件")
    with audit.audited_output(ctx, path) as output:  # the audit row first, then the file
        _write_workbook(output.path, lines)
        output.describe(
            action="导出",
            entity="audit_log",
            entity_id=None,
            summary=f"导出审计日志 {len(ids)} 条（{query.describe()}）到 {path}",
        )
    return len(ids)


def _export_line(row: AuditRow) -> list[object]:
    """The row as the viewer shows it (already masked by `audit_rows`)."""
    return [
        row.at.replace(microsecond=0),
        row.user_name,
        row.action,
        row.entity_label,
        row.subject,
        row.summary,
        row.before_text(),
        row.after_text(),
    ]


def _write_workbook(path: Path, lines: list[list[object]]) -> None:
    """Written to `audited_output`'s temporary name: a failure never leaves half a workbook behind."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    try:
        handle = path.open("wb")
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
            wrapped = Alignment(wrap_text=True, vertical="top")
            for line in lines:
                cells = [WriteOnlyCell(sheet, value=value) for value in line]
                for cell in cells[5:]:  # 说明, 修改前, 修改后: one field a line
                    cell.alignment = wrapped
                sheet.append(cells)
            book.save(handle)
    except OSError as exc:
        raise UserError(describe_os_error(exc, path)) from exc
