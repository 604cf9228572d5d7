"""Issue 20 §7: a 250-character attachment name is stored (under a shortened name), and a name the system
cannot even look up is a Chinese message, not a raw OSError."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from fupin_desktop.db.models import Task
from fupin_desktop.domain.tasks import TaskStatus
from fupin_desktop.errors import InputUnreadable
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.rectification.flow import add_evidence
from fupin_desktop.services.rectification.listing import task_detail


def open_task(ctx: ServiceContext) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(Task.id).where(Task.status == TaskStatus.DOING.value).limit(1))


def test_a_250_character_name_is_attached(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    task_id = open_task(demo_ctx)
    name = "zhenggai-" + "x" * 237 + ".jpg"  # the system allows 255 bytes
    assert len(name) == 250
    source = tmp_path / name
    source.write_bytes(b"\xff\xd8 photo")
    assert add_evidence(demo_ctx, task_id, files=[source]) == 1
    stored = task_detail(demo_ctx, task_id).evidence[-1]
    assert stored.file_name == name  # the original name is kept in the row
    assert stored.stored_path is not None
    copy = demo_ctx.paths.attachments / stored.stored_path
    assert copy.read_bytes() == b"\xff\xd8 photo" and len(copy.name) < 120
    assert not list(copy.parent.glob(".*.part"))


def test_a_name_too_long_to_look_up_is_a_chinese_message(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    task_id = open_task(demo_ctx)
    before = len(task_detail(demo_ctx, task_id).evidence)
    source = tmp_path / ("整改照片" * 63 + ".jpg")  # 256 characters, 760 bytes in UTF-8
    with pytest.raises(InputUnreadable) as caught:
        add_evidence(demo_ctx, task_id, files=[source])
    assert "文件名或路径太长" in caught.value.message or "找不到文件" in caught.value.message
    assert len(task_detail(demo_ctx, task_id).evidence) == before
