"""one 县 row however many PCs import at once: a unique name among the areas without a parent

UNIQUE(parent_id, name) does not cover a NULL parent, so two imports racing on a server could each add
the county. Duplicates already there are merged first (children, households, helpers, tasks and work
teams move to the oldest row), so the index can be built on any database.

Revision ID: 0005_server
Revises: 0004_audit_chain
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_server"
down_revision: str | None = "0004_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_area_root_name"
WHERE = "parent_id IS NULL"


def upgrade() -> None:
    bind = op.get_bind()
    references = _references_to_area(bind)
    roots = bind.execute(sa.text(f"SELECT id, name FROM area WHERE {WHERE} ORDER BY id")).all()
    kept: dict[str, int] = {}
    for area_id, name in roots:
        if name in kept:
            _merge(bind, references, keep=kept[name], duplicate=area_id)
        else:
            kept[name] = area_id
    op.create_index(
        INDEX,
        "area",
        ["name"],
        unique=True,
        sqlite_where=sa.text(WHERE),
        postgresql_where=sa.text(WHERE),
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="area")


def _references_to_area(bind: sa.Connection) -> list[tuple[str, str]]:
    """(table, column) of every foreign key pointing at area.id, the tree's own parent_id aside."""
    inspector = sa.inspect(bind)
    found = []
    for table in inspector.get_table_names():
        for key in inspector.get_foreign_keys(table):
            if key["referred_table"] == "area" and (table, key["constrained_columns"][0]) != (
                "area",
                "parent_id",
            ):
                found.append((table, key["constrained_columns"][0]))
    return found


def _merge(bind: sa.Connection, references: list[tuple[str, str]], *, keep: int, duplicate: int) -> None:
    """Fold area `duplicate` into `keep`: same-named children merged in turn, the others moved over."""
    children = bind.execute(sa.text("SELECT id, name FROM area WHERE parent_id = :p"), {"p": duplicate}).all()
    for child_id, name in children:
        twin = bind.execute(
            sa.text("SELECT id FROM area WHERE parent_id = :p AND name = :n"), {"p": keep, "n": name}
        ).scalar()
        if twin is None:
            bind.execute(sa.text("UPDATE area SET parent_id = :k WHERE id = :c"), {"k": keep, "c": child_id})
        else:
            _merge(bind, references, keep=twin, duplicate=child_id)
    for table, column in references:
        bind.execute(
            sa.text(f'UPDATE "{table}" SET "{column}" = :k WHERE "{column}" = :d'),
            {"k": keep, "d": duplicate},
        )
    bind.execute(sa.text("DELETE FROM area WHERE id = :d"), {"d": duplicate})
