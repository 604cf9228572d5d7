"""task evidence files in the database, so every PC sharing a server opens them (attachments/ a cache)

A content-addressed `evidence_blob` (sha256, size, content) referenced by `task_evidence.blob_sha256`.
The upgrade loads the files this PC holds in its data folder's attachments/ where their content still
matches the sha256 recorded when they were attached; a file not found (attached on another PC, moved or
deleted) never fails the upgrade: its entry keeps blob_sha256 NULL and stays missing until the PC that
has it opens it (services.rectification.evidence uploads it then). The downgrade writes the blobs back into
attachments/ where the file is not there, then drops them.

Revision ID: 0007_evidence_blobs
Revises: 0005_server
Create Date: 2026-12-02
"""

import hashlib
import secrets
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import sqlalchemy as sa
from alembic import context, op

revision: str = "0007_evidence_blobs"
down_revision: str | None = "0005_server"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BLOB = sa.table(
    "evidence_blob",
    sa.column("sha256", sa.String),
    sa.column("size", sa.Integer),
    sa.column("content", sa.LargeBinary),
)
_EVIDENCE = sa.table(
    "task_evidence",
    sa.column("stored_path", sa.String),
    sa.column("sha256", sa.String),
    sa.column("blob_sha256", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "evidence_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_evidence_blob")),
    )
    with op.batch_alter_table("task_evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blob_sha256", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_task_evidence_blob_sha256"), ["blob_sha256"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_task_evidence_blob_sha256_evidence_blob"),
            "evidence_blob",
            ["blob_sha256"],
            ["sha256"],
        )
    folder = _attachments()
    if folder is not None:
        _load_files(op.get_bind(), folder)


def downgrade() -> None:
    folder = _attachments()
    if folder is not None:
        _write_files(op.get_bind(), folder)
    with op.batch_alter_table("task_evidence", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_task_evidence_blob_sha256_evidence_blob"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_task_evidence_blob_sha256"))
        batch_op.drop_column("blob_sha256")
    op.drop_table("evidence_blob")


def _attachments() -> Path | None:
    """The data folder's attachments/: given by the program (db.engine.alembic_config), else beside a
    SQLite file; None on a server reached without a data folder (nothing to load, nothing fails)."""
    given = context.config.attributes.get("attachments")
    if given is not None:
        return Path(given)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.engine.url.database not in (None, "", ":memory:"):
        return Path(bind.engine.url.database).parent / "attachments"
    return None


def _stored_files(bind: sa.Connection) -> dict[str, list[str]]:
    """sha256 → the stored paths of the entries recorded with it."""
    rows = bind.execute(
        sa.select(_EVIDENCE.c.sha256, _EVIDENCE.c.stored_path)
        .where(_EVIDENCE.c.stored_path.is_not(None), _EVIDENCE.c.sha256.is_not(None))
        .distinct()
    ).all()
    found: dict[str, list[str]] = {}
    for digest, stored in rows:
        found.setdefault(digest, []).append(stored)
    return found


def _load_files(bind: sa.Connection, folder: Path) -> None:
    """One file at a time (an older program allowed 200 MB each), the first copy whose content matches."""
    for digest, stored_paths in _stored_files(bind).items():
        for stored in stored_paths:
            content = _read(folder / PurePosixPath(stored))
            if content is not None and hashlib.sha256(content).hexdigest() == digest:
                bind.execute(_BLOB.insert().values(sha256=digest, size=len(content), content=content))
                bind.execute(
                    _EVIDENCE.update().where(_EVIDENCE.c.sha256 == digest).values(blob_sha256=digest)
                )
                break


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:  # unreadable (permissions, a name the system refuses): stays missing
        return None


def _write_files(bind: sa.Connection, folder: Path) -> None:
    """Put each blob back where an older program looks for it, unless the right file is there already."""
    for digest, stored_paths in _stored_files(bind).items():
        content = bind.execute(sa.select(_BLOB.c.content).where(_BLOB.c.sha256 == digest)).scalar()
        if content is None:
            continue
        for stored in stored_paths:
            target = folder / PurePosixPath(stored)
            present = _read(target)
            if present is not None and hashlib.sha256(present).hexdigest() == digest:
                continue
            partial = target.with_name(f".{secrets.token_hex(8)}.part")
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(content)
            partial.replace(target)
