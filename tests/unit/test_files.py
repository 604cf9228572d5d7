"""Writing into place: the old file survives any failure, no `.part` is left, and OS errors read in
Chinese."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from fupin_desktop.errors import UserError, describe_os_error
from fupin_desktop.files import refuse_overwriting, written_in_place


def test_a_finished_write_replaces_the_file(tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    out.write_text("旧")
    with written_in_place(out) as partial:
        assert partial != out
        partial.write_text("新")
    assert out.read_text() == "新"
    assert list(tmp_path.iterdir()) == [out]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    out.write_text("旧")
    with pytest.raises(ZeroDivisionError), written_in_place(out) as partial:
        partial.write_text("一半")
        raise ZeroDivisionError
    assert out.read_text() == "旧"
    assert list(tmp_path.iterdir()) == [out]


def test_an_os_error_becomes_a_chinese_message_naming_the_target(tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    with (
        pytest.raises(UserError, match=r"磁盘空间不足，无法写入 .*台账\.xlsx"),
        written_in_place(out) as partial,
    ):
        partial.write_text("一半")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_writing_over_the_file_being_read_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "人口.xlsx"
    source.write_text("原件")
    with pytest.raises(UserError, match=r"不能保存为正在读取的文件 人口\.xlsx"):
        refuse_overwriting(source, tmp_path / "." / "人口.xlsx", "错误标注文件")
    refuse_overwriting(source, tmp_path / "标注.xlsx", "错误标注文件")  # another name is fine


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EROFS, "只读"),
        (errno.EIO, "磁盘读写出错"),
        (errno.ENAMETOOLONG, "太长"),
        (errno.EBUSY, "占用"),
    ],
)
def test_common_system_errors_are_said_in_chinese(code: int, words: str) -> None:
    text = describe_os_error(OSError(code, "English words"), "D:/台账.xlsx")
    assert words in text and "D:/台账.xlsx" in text and "English" not in text


def test_an_unusual_system_error_keeps_its_number_for_support() -> None:
    text = describe_os_error(OSError(errno.ENOLINK, "Link has been severed"), "D:/台账.xlsx")
    assert f"系统错误 {errno.ENOLINK}" in text and "D:/台账.xlsx" in text
