"""Issue 19 §5: task evidence files are in the database, so a second PC sharing it opens the same file; the
data folder's attachments/ is only each PC's cache. Runs on SQLite and on PostgreSQL, the backup test (a
copy of the SQLite file) on SQLite."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import delete, func, select, update

from fupin_desktop.cli import main
from fupin_desktop.db.engine import open_database, sqlite_url
from fupin_desktop.db.models import AuditLog, EvidenceBlob, Task, TaskEvidence
from fupin_desktop.domain.tasks import TaskStatus
from fupin_desktop.errors import InputInvalid, NotFound
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.ledgers.export import export_ledger
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.rectification.evidence import MAX_ATTACHMENT_BYTES
from fupin_desktop.services.rectification.flow import add_evidence, evidence_file, remove_evidence
from fupin_desktop.services.rectification.listing import task_detail
from tests.conftest import TODAY

PHOTO = bytes(range(256)) * 300 + b"\x00\xff end of photo"  # binary, with NUL bytes


@pytest.fixture
def second_pc(demo_ctx: ServiceContext, tmp_path: Path) -> Iterator[ServiceContext]:
    """Another PC on the same database: its own data folder, an empty attachments cache."""
    url = demo_ctx.paths.database_url or sqlite_url(demo_ctx.paths.database)
    db = open_database(DataPaths(tmp_path / "second-pc", database_url=url))
    yield ServiceContext(db=db, actor=demo_ctx.actor, today=demo_ctx.today)
    db.dispose()


def open_task(ctx: ServiceContext) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(Task.id).where(Task.status == TaskStatus.DOING.value).order_by(Task.id))


def attach(ctx: ServiceContext, task_id: int, source: Path, content: bytes = PHOTO) -> int:
    source.write_bytes(content)
    add_evidence(ctx, task_id, files=[source])
    return task_detail(ctx, task_id).evidence[-1].id


def count(ctx: ServiceContext, model: type) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_file_attached_on_one_pc_opens_on_another(
    demo_ctx: ServiceContext, second_pc: ServiceContext, tmp_path: Path
) -> None:
    task_id = open_task(demo_ctx)
    source = tmp_path / "整改后照片.jpg"
    evidence_id = attach(demo_ctx, task_id, source)
    source.unlink()  # the clerk's own copy is gone: only the database has it now
    assert files_in(second_pc.paths.attachments) == []
    opened = evidence_file(second_pc, evidence_id)
    assert opened.is_relative_to(second_pc.paths.attachments)
    assert opened.read_bytes() == PHOTO
    assert files_in(second_pc.paths.attachments) == [opened]  # no temporary file left beside it
    assert evidence_file(demo_ctx, evidence_id).read_bytes() == PHOTO  # the first PC's own cached copy


def test_a_tampered_cache_copy_is_replaced_from_the_database(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    task_id = open_task(demo_ctx)
    evidence_id = attach(demo_ctx, task_id, tmp_path / "验收表.pdf")
    cached = evidence_file(demo_ctx, evidence_id)
    cached.write_bytes(b"%PDF-1.4 a different file saved over the cached copy")
    assert evidence_file(demo_ctx, evidence_id) == cached
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == hashlib.sha256(PHOTO).hexdigest()


def test_an_oversize_file_is_refused_with_the_limit_and_nothing_written(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    task_id = open_task(demo_ctx)
    before = (
        len(task_detail(demo_ctx, task_id).evidence),
        count(demo_ctx, EvidenceBlob),
        count(demo_ctx, AuditLog),
    )
    small = tmp_path / "照片.jpg"
    small.write_bytes(PHOTO)
    large = tmp_path / "整村航拍.mp4"
    with large.open("wb") as writer:  # sparse: costs no disk
        writer.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(InputInvalid) as caught:
        add_evidence(demo_ctx, task_id, text="航拍视频", files=[small, large])
    assert "“整村航拍.mp4”有 20.0 MB，超过每个文件 20 MB 的上限，没有附加" in caught.value.message
    after = (
        len(task_detail(demo_ctx, task_id).evidence),
        count(demo_ctx, EvidenceBlob),
        count(demo_ctx, AuditLog),
    )
    assert after == before
    assert files_in(demo_ctx.paths.attachments) == []


def test_the_same_file_is_stored_once_and_goes_with_its_last_entry(
    demo_ctx: ServiceContext, second_pc: ServiceContext, tmp_path: Path
) -> None:
    first_task = open_task(demo_ctx)
    first = attach(demo_ctx, first_task, tmp_path / "a.jpg")
    with demo_ctx.sessions() as session:
        other_task = session.scalar(
            select(Task.id)
            .where(Task.status == TaskStatus.TODO.value, Task.id != first_task)
            .order_by(Task.id)
        )
    second = attach(second_pc, other_task, tmp_path / "b.jpg")  # the same photo, from the other PC
    assert count(demo_ctx, EvidenceBlob) == 1
    remove_evidence(demo_ctx, first)
    assert evidence_file(demo_ctx, second).read_bytes() == PHOTO  # still stored for the other task
    remove_evidence(second_pc, second)
    assert count(demo_ctx, EvidenceBlob) == 0
    with demo_ctx.sessions() as session:
        removed = session.scalars(
            select(AuditLog.before).where(AuditLog.action == "删除佐证材料").order_by(AuditLog.id)
        ).all()
    digest = hashlib.sha256(PHOTO).hexdigest()
    assert len(removed) == 2 and all(digest in (b or "") for b in removed)  # the audit trail names the file


def test_a_file_attached_before_the_upgrade_is_uploaded_by_the_pc_that_has_it(
    demo_ctx: ServiceContext, second_pc: ServiceContext, tmp_path: Path
) -> None:
    task_id = open_task(demo_ctx)
    evidence_id = attach(demo_ctx, task_id, tmp_path / "入户照片.jpg")
    with demo_ctx.sessions.begin() as session:  # as 0007 leaves a file that only this PC's folder had
        session.execute(update(TaskEvidence).values(blob_sha256=None))
        session.execute(delete(EvidenceBlob))
    with pytest.raises(NotFound) as caught:
        evidence_file(second_pc, evidence_id)
    assert "附件“入户照片.jpg”不在数据库中，也不在数据文件夹中" in caught.value.message
    assert "请在附加它的那台电脑上打开它一次" in caught.value.message
    assert evidence_file(demo_ctx, evidence_id).read_bytes() == PHOTO  # opened where it was attached
    assert evidence_file(second_pc, evidence_id).read_bytes() == PHOTO  # and now everywhere


def test_the_export_of_tasks_names_the_attached_file(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    task_id = open_task(demo_ctx)
    attach(demo_ctx, task_id, tmp_path / "危房改造验收表.pdf")
    out = run_job(export_ledger(demo_ctx, "tasks", tmp_path / "整改清单.xlsx")).path
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    body = [dict(zip(sheet[1], r, strict=True)) for r in sheet[2:]]
    seq = task_detail(demo_ctx, task_id).row.seq
    assert "危房改造验收表.pdf" in next(r for r in body if int(r["序号"]) == seq)["佐证材料"]


def test_a_backup_carries_the_files_and_a_restore_brings_them_back(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite: `fupin backup` copies the database file, the files inside it; after the entry was deleted,
    `fupin restore` gives it back, and a PC with an empty cache opens the same bytes."""
    db = open_database(DataPaths(demo_dir))
    ctx = ServiceContext(db=db, actor=LOCAL_ADMIN, today=lambda: TODAY)
    task_id = open_task(ctx)
    evidence_id = attach(ctx, task_id, tmp_path / "整改前后对比.jpg")
    db.dispose()
    stick = tmp_path / "U盘"
    assert main(["--data-dir", str(demo_dir), "backup", "-o", str(stick)]) == 0
    (backup,) = stick.glob("*.sqlite")
    db = open_database(DataPaths(demo_dir))
    remove_evidence(ServiceContext(db=db, actor=LOCAL_ADMIN, today=lambda: TODAY), evidence_id)
    db.dispose()
    assert main(["--data-dir", str(demo_dir), "restore", str(backup), "--yes"]) == 0
    capsys.readouterr()
    url = sqlite_url(DataPaths(demo_dir).database)
    db = open_database(DataPaths(tmp_path / "another-pc", database_url=url))
    try:
        other = ServiceContext(db=db, actor=LOCAL_ADMIN, today=lambda: TODAY)
        assert evidence_file(other, evidence_id).read_bytes() == PHOTO
    finally:
        db.dispose()
