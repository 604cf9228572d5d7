"""audit rows chained: each row holds sha256 over the previous row's hash and its own content

Revision ID: 0004_audit_chain
Revises: 0006_versions
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from fupin_desktop.db.audit_chain import row_hash

revision: str = "0004_audit_chain"
down_revision: str | None = "0006_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PAGE = 5000


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain", sa.String(length=64), nullable=True))
    audit = sa.table(
        "audit_log",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("user_name", sa.String),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("summary", sa.Text),
        sa.column("before", sa.Text),
        sa.column("after", sa.Text),
        sa.column("chain", sa.String),
    )
    connection = op.get_bind()
    previous: str | None = None
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(audit).where(audit.c.id > last_id).order_by(audit.c.id).limit(_PAGE)
        ).all()
        if not rows:
            break
        updates = []
        for row in rows:
            previous = row_hash(previous, row)
            updates.append({"row_id": row.id, "chain": previous})
        connection.execute(
            audit.update().where(audit.c.id == sa.bindparam("row_id")).values(chain=sa.bindparam("chain")),
            updates,
        )
        last_id = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("chain")
