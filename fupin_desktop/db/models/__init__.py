"""The database schema: SQLAlchemy 2 typed models for everything in DOMAIN.md.

Conventions:
- Text codes are stored as the Chinese labels the national system exports (户类型 = "脱贫户"), so an
  import is a mapping and the database reads well in any SQLite browser.
- Yes/no fields are nullable booleans: None means 未填 (a data check can flag it).
- Records that DOMAIN says stay are archived (archived/archived_on/archived_reason), never deleted.
- Every foreign key and search column has an index.
- Nothing SQLite-only here: the same models run on PostgreSQL.
"""

from fupin_desktop.db.models.base import NAMING, Base, Timestamps
from fupin_desktop.db.models.office import (
    AuditLog,
    CodeItem,
    EvidenceBlob,
    FindingReview,
    KpiSnapshot,
    Setting,
    Task,
    TaskDeadlineChange,
    TaskEvent,
    TaskEvidence,
    TaskHousehold,
    User,
)
from fupin_desktop.db.models.register import (
    Area,
    Helper,
    Household,
    HouseholdRisk,
    IncomeItem,
    IncomeRecord,
    Measure,
    Member,
    MemberMove,
    Pairing,
    ProgramMembership,
    Threshold,
    Visit,
    WorkTeam,
    WorkTeamMember,
)

__all__ = [
    "NAMING",
    "Area",
    "AuditLog",
    "Base",
    "CodeItem",
    "EvidenceBlob",
    "FindingReview",
    "Helper",
    "Household",
    "HouseholdRisk",
    "IncomeItem",
    "IncomeRecord",
    "KpiSnapshot",
    "Measure",
    "Member",
    "MemberMove",
    "Pairing",
    "ProgramMembership",
    "Setting",
    "Task",
    "TaskDeadlineChange",
    "TaskEvent",
    "TaskEvidence",
    "TaskHousehold",
    "Threshold",
    "Timestamps",
    "User",
    "Visit",
    "WorkTeam",
    "WorkTeamMember",
]
