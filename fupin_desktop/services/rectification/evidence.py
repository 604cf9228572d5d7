"""Where task evidence files live: in the database, once per sha256 (`evidence_blob`), so every PC sharing
a server opens the same file; the data folder's `attachments/tasks/<task id>/` is this PC's cache.

Attaching reads each file whole (at most MAX_ATTACHMENT_MB), writes its blob in the transaction that adds
the entry, then puts a copy in the cache. Opening uses the cached copy when its content still has the
entry's sha256, and otherwise writes the blob there first (a temporary file renamed into place, so a
viewer never sees half a file). An entry attached before the blobs existed whose file was not on the PC
that upgraded has no blob: the PC that still has the file uploads it the first time it opens it there.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import delete, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from fupin_desktop.db.models import EvidenceBlob, TaskEvidence
from fupin_desktop.errors import InputInvalid, InputUnreadable, NotFound, UserError, describe_os_error

log = logging.getLogger(__name__)

ATTACHMENT_FOLDER = "tasks"
MAX_ATTACHMENT_MB = 20  # photos, scans and PDFs, stored in the database every PC reads
MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024
SIZE_HINT = f"每个文件不超过 {MAX_ATTACHMENT_MB} MB"  # said where files are chosen
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True, slots=True)
class NewFile:
    """A file being attached, read whole."""

    name: str  # the original file name
    sha256: str
    content: bytes

    def stored_path(self, task_id: int) -> str:
        """Where the cache keeps it, relative to attachments/ with forward slashes: the same file
        attached twice to a task is one cached copy."""
        return str(
            PurePosixPath(ATTACHMENT_FOLDER, str(task_id), f"{self.sha256[:16]}_{safe_name(self.name)}")
        )


def read_files(sources: Iterable[Path]) -> list[NewFile]:
    """Read the files to attach, before anything is written; the first one that cannot be read or is too
    large is a message and nothing of the batch is kept."""
    return [_read_source(Path(source)) for source in sources]


def _read_source(source: Path) -> NewFile:
    try:
        size = source.stat().st_size if source.is_file() else -1
    except OSError as exc:  # e.g. a name longer than the system allows
        if exc.errno == errno.ENAMETOOLONG:
            raise InputUnreadable(
                f"无法读取文件 {source.name[:40]}…：文件名或路径太长。请把文件改个短一些的名字再附加。"
            ) from exc
        raise InputUnreadable(f"无法读取文件 {source.name}：{_read_problem(exc)}") from exc
    if size < 0:
        raise InputUnreadable(f"找不到文件 {source}，或它不是一个文件。")
    if size > MAX_ATTACHMENT_BYTES:
        raise InputInvalid(_too_large(source.name, size))
    try:
        content = source.read_bytes()
    except OSError as exc:
        raise InputUnreadable(f"无法读取文件 {source}：{_read_problem(exc)}") from exc
    if len(content) > MAX_ATTACHMENT_BYTES:  # grew since it was looked at
        raise InputInvalid(_too_large(source.name, len(content)))
    return NewFile(source.name, hashlib.sha256(content).hexdigest(), content)


def _read_problem(exc: OSError) -> str:
    """What went wrong reading a file to attach, in words (the system's own text may be English)."""
    if isinstance(exc, PermissionError):
        return "没有权限读取它（可能正被其他程序独占打开）。请关闭打开它的程序后再附加。"
    if isinstance(exc, FileNotFoundError):
        return "找不到它（可能已被移动或删除）。"
    return "读取时出错（U盘或网络盘可能已断开）。请把文件复制到本机后再附加。"


def _too_large(name: str, size: int) -> str:
    return (
        f"文件“{name}”有 {size / 1024 / 1024:.1f} MB，超过每个文件 {MAX_ATTACHMENT_MB} MB 的上限，没有附加。"
        "请压缩后再附加（例如把照片缩小、把多页扫描件另存为较小的 PDF）。"
    )


def store_blobs(session: Session, files: Sequence[NewFile]) -> None:
    """Write each file's blob in the caller's transaction (one row per sha256 whoever attaches it).

    An existing row is touched rather than skipped: that locks it until this transaction ends, so another
    PC deleting the last entry that used it cannot remove it under the entry being added here."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    for sha256, content in {f.sha256: f.content for f in files}.items():
        statement = dialect.insert(EvidenceBlob).values(sha256=sha256, size=len(content), content=content)
        session.execute(
            statement.on_conflict_do_update(index_elements=["sha256"], set_={"size": statement.excluded.size})
        )


def drop_unused(
    session: Session, sha256: str | None, stored_path: str | None, attachments: Path
) -> Path | None:
    """After an entry was deleted: its blob goes when no other entry uses it; returns the cached copy to
    remove after the commit (None when another entry of the task still shows that file)."""
    if sha256:
        used = exists().where(TaskEvidence.blob_sha256 == sha256)
        try:
            with session.begin_nested():  # another PC attached the same file meanwhile: it stays
                session.execute(delete(EvidenceBlob).where(EvidenceBlob.sha256 == sha256, ~used))
        except IntegrityError:
            pass
    if not stored_path:
        return None
    still_shown = session.scalar(select(exists().where(TaskEvidence.stored_path == stored_path)))
    return None if still_shown else attachments / PurePosixPath(stored_path)


def cache_new_files(attachments: Path, task_id: int, files: Sequence[NewFile]) -> None:
    """Copies of files just attached, so this PC opens them without reading the database. Only a cache:
    a copy that cannot be written (disk full, folder read-only) is written again when the file is opened."""
    for f in files:
        try:
            _write_atomically(attachments / PurePosixPath(f.stored_path(task_id)), f.content)
        except OSError as exc:
            log.warning("could not cache attachment %s: %s", f.name, exc)


def remove_cached(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):  # only a cache: a copy left behind is harmless
            path.unlink(missing_ok=True)


def open_cached(session: Session, evidence: TaskEvidence, attachments: Path) -> Path:
    """The entry's file in this PC's cache, written from the database unless the copy there is right."""
    if not evidence.stored_path or not evidence.sha256:
        raise NotFound("这项佐证材料没有附件。")
    path = attachments / PurePosixPath(evidence.stored_path)
    name = evidence.file_name or path.name
    cached = _read(path)
    if cached is not None and hashlib.sha256(cached).hexdigest() == evidence.sha256:
        if evidence.blob_sha256 is None and len(cached) <= MAX_ATTACHMENT_BYTES:
            _upload(session, evidence.sha256, cached)
        return path
    content = _blob(session, evidence)
    if content is None:
        raise NotFound(
            f"附件“{name}”不在数据库中，也不在数据文件夹中（{path}）。它可能是升级前在另一台电脑上附加的，"
            "或已被移动、删除：请在附加它的那台电脑上打开它一次（它就会存入数据库），或从备份恢复、重新附加。"
        )
    try:
        _write_atomically(path, content)
    except OSError as exc:
        raise UserError(f"无法打开附件“{name}”：{describe_os_error(exc, path)}") from exc
    return path


def _blob(session: Session, evidence: TaskEvidence) -> bytes | None:
    if evidence.blob_sha256 is None:
        return None
    content = session.scalar(select(EvidenceBlob.content).where(EvidenceBlob.sha256 == evidence.blob_sha256))
    if content is None or hashlib.sha256(content).hexdigest() != evidence.sha256:
        return None  # never hand out other content under the entry's name
    return bytes(content)


def _upload(session: Session, sha256: str, content: bytes) -> None:
    """A file attached before the blobs existed, still in this PC's cache: into the database for all.
    Only a help to the other PCs: where this user may not write (a view-only role on a server) or the
    write fails, the file still opens from the cache."""
    try:
        with session.begin_nested():
            store_blobs(session, [NewFile("", sha256, content)])
            session.execute(
                update(TaskEvidence)
                .where(TaskEvidence.sha256 == sha256, TaskEvidence.blob_sha256.is_(None))
                .values(blob_sha256=sha256)
            )
    except SQLAlchemyError as exc:
        log.warning("could not upload cached attachment %s: %s", sha256[:16], exc)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _write_atomically(target: Path, content: bytes) -> None:
    partial = target.with_name(f".{secrets.token_hex(8)}.part")  # short: a long name still fits
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(content)
        partial.replace(target)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def safe_name(name: str) -> str:
    """A file name every Windows folder accepts, not too long (the original name is kept in the row)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip(" .")[:80] or "附件"
    suffix = _UNSAFE.sub("_", suffix)[:10]
    return f"{stem}.{suffix}" if suffix else stem
