"""the 村务 contacts a village needs on paper (监测联系人, 驻村第一书记 and their phones), and 已作废 tasks

Revision ID: 0003_areas_void
Revises: 0002_national_fields
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0003_areas_void"
down_revision: str | None = "0002_national_fields"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AREA = [
    ("monitor_contact", sa.String(length=40)),
    ("monitor_phone", sa.String(length=40)),
    ("secretary", sa.String(length=40)),
    ("secretary_phone", sa.String(length=40)),
]
OLD_STATUSES = "status IN ('待整改', '整改中', '待验收', '已销号')"
NEW_STATUSES = "status IN ('待整改', '整改中', '待验收', '已销号', '已作废')"


def _recreate() -> str:
    """SQLite changes a CHECK only by copying the table; PostgreSQL alters it in place (copying would
    have to drop the primary key that other tables' foreign keys depend on)."""
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    with op.batch_alter_table("area", schema=None) as batch_op:
        for name, type_ in AREA:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    with op.batch_alter_table("task", schema=None, recreate=_recreate()) as batch_op:
        batch_op.drop_constraint(op.f("ck_task_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_task_status"), NEW_STATUSES)


def downgrade() -> None:
    voided = op.get_bind().execute(sa.text("SELECT count(*) FROM task WHERE status = '已作废'")).scalar()
    if voided:
        raise RuntimeError(f"有 {voided} 项已作废的整改任务，旧版本不认识这个状态：请先撤销作废再降级。")
    with op.batch_alter_table("task", schema=None, recreate=_recreate()) as batch_op:
        batch_op.drop_constraint(op.f("ck_task_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_task_status"), OLD_STATUSES)
    with op.batch_alter_table("area", schema=None) as batch_op:
        for name, _ in reversed(AREA):
            batch_op.drop_column(name)
