"""The newest migration's revision id. Start-up compares the database against it without loading
Alembic; a test checks it equals the head of the migration scripts. Update it with every migration."""

SCHEMA_HEAD = "0007_evidence_blobs"
