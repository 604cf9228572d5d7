"""The office's work around the register: rectification tasks, reviewed findings, users, the audit log,
monthly snapshots, settings and code lists."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fupin_desktop.db.models.base import Base, Timestamps, foreign_key

# ---------------------------------------------------------------- rectification tasks


class Task(Timestamps, Base):
    """整改清单 item (DOMAIN §6)."""

    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint("status IN ('待整改', '整改中', '待验收', '已销号', '已作废')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)  # 序号
    source: Mapped[str] = mapped_column(String(40), index=True)  # 问题来源
    category: Mapped[str] = mapped_column(String(20), index=True)  # 问题类别
    description: Mapped[str] = mapped_column(Text)  # 问题表现
    scope: Mapped[str | None] = mapped_column(String(200))  # 涉及村/户 as written
    village_id: Mapped[int | None] = foreign_key("area.id", nullable=True)
    measures: Mapped[str | None] = mapped_column(Text)  # 整改措施
    target: Mapped[str | None] = mapped_column(Text)  # 整改目标
    leader: Mapped[str | None] = mapped_column(String(60))  # 责任领导
    lead_unit: Mapped[str | None] = mapped_column(String(100))  # 牵头单位
    unit: Mapped[str | None] = mapped_column(String(100), index=True)  # 责任单位
    person: Mapped[str | None] = mapped_column(String(60))  # 责任人
    deadline: Mapped[date] = mapped_column(Date, index=True)  # 整改时限 (current)
    progress: Mapped[str | None] = mapped_column(Text)  # 整改进展
    result: Mapped[str | None] = mapped_column(Text)  # 完成情况 / 整改结果说明
    status: Mapped[str] = mapped_column(String(10), default="待整改", index=True)
    closed_on: Mapped[date | None] = mapped_column(Date)  # 销号时间
    supervised: Mapped[bool] = mapped_column(Boolean, default=False)  # 上级督办
    found_on: Mapped[date | None] = mapped_column(Date)
    finding_rule: Mapped[str | None] = mapped_column(String(20), index=True)  # from 数据核查
    created_by: Mapped[str | None] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # see register.edit_versions

    households: Mapped[list[TaskHousehold]] = relationship(cascade="all, delete-orphan")
    events: Mapped[list[TaskEvent]] = relationship(order_by="TaskEvent.id", cascade="all, delete-orphan")
    deadline_changes: Mapped[list[TaskDeadlineChange]] = relationship(
        order_by="TaskDeadlineChange.id", cascade="all, delete-orphan"
    )
    evidence: Mapped[list[TaskEvidence]] = relationship(
        order_by="TaskEvidence.id", cascade="all, delete-orphan"
    )


class TaskHousehold(Base):
    __tablename__ = "task_household"
    __table_args__ = (UniqueConstraint("task_id", "household_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = foreign_key("task.id", cascade=True)
    household_id: Mapped[int] = foreign_key("household.id")


class TaskEvent(Base):
    """A status change: who, when, from, to, note."""

    __tablename__ = "task_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = foreign_key("task.id", cascade=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    user_name: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str | None] = mapped_column(String(10))
    to_status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)


class TaskDeadlineChange(Base):
    __tablename__ = "task_deadline_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = foreign_key("task.id", cascade=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    user_name: Mapped[str] = mapped_column(String(60))
    old_deadline: Mapped[date] = mapped_column(Date)
    new_deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)


class EvidenceBlob(Base):
    """The content of an attached file, once per sha256 however many entries attach it: in the database,
    so every PC sharing a server opens it; the data folder's attachments/ is only this PC's cache."""

    __tablename__ = "evidence_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)  # bytes
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # never loaded by a listing


class TaskEvidence(Base):
    """佐证材料: a text entry or a file, its content in `evidence_blob` (cached in attachments/)."""

    __tablename__ = "task_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = foreign_key("task.id", cascade=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    user_name: Mapped[str] = mapped_column(String(60))
    text: Mapped[str | None] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(String(255))  # original name
    stored_path: Mapped[str | None] = mapped_column(String(400))  # relative to attachments/
    sha256: Mapped[str | None] = mapped_column(String(64))  # of the file as attached
    # the content in the database; None: attached before 0007 on a PC whose file was not found (missing)
    blob_sha256: Mapped[str | None] = foreign_key("evidence_blob.sha256", nullable=True)


# ---------------------------------------------------------------- checks


class FindingReview(Base):
    """A data-check finding marked 已核实无误; quiet until the household's data changes."""

    __tablename__ = "finding_review"
    __table_args__ = (UniqueConstraint("household_id", "rule", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = foreign_key("household.id", cascade=True)
    rule: Mapped[str] = mapped_column(String(20), index=True)
    subject: Mapped[str] = mapped_column(String(60), default="")  # member id or field the finding names
    data_hash: Mapped[str] = mapped_column(String(64))  # of the household's data when reviewed
    note: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    reviewed_by: Mapped[str] = mapped_column(String(60))


# ---------------------------------------------------------------- users, audit, snapshots, settings


class User(Base):
    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint("role IN ('管理员', '录入员', '只读')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))  # scrypt, hex
    salt: Mapped[str] = mapped_column(String(64))  # hex
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditLog(Base):
    """Who changed what, when; before and after as JSON. The program never edits or deletes these."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now, index=True)
    user_name: Mapped[str] = mapped_column(String(60), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)  # e.g. 新增, 修改, 归档, 导入, 导出
    entity: Mapped[str] = mapped_column(String(40), index=True)  # e.g. household, member, task
    entity_id: Mapped[str | None] = mapped_column(String(40), index=True)
    summary: Mapped[str] = mapped_column(Text)  # one Chinese line
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    # sha256 over the previous row's chain and this row's content (db.audit_chain; services.audit fills it)
    chain: Mapped[str | None] = mapped_column(String(64))


class KpiSnapshot(Base):
    """Monthly key figures for the briefing's trend."""

    __tablename__ = "kpi_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7), unique=True)  # YYYY-MM
    taken_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    data: Mapped[str] = mapped_column(Text)  # JSON object of KPI name -> number


class Setting(Base):
    """Settings that travel with the data (township name, warning days…); value is JSON."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CodeItem(Base):
    """Editable code lists (DOMAIN §2.3), seeded from resources/codes/codes.json."""

    __tablename__ = "code_item"
    __table_args__ = (UniqueConstraint("field", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    field: Mapped[str] = mapped_column(String(40), index=True)
    value: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    aliases: Mapped[str | None] = mapped_column(Text)  # JSON list of other spellings seen in exports
