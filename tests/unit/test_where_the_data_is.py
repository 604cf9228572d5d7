"""The status bar and 关于 name where the data is: the server's database (never its password) when the
program works on one, else the data folder (issue 19: on a server, "数据文件夹" pointed at the wrong place)."""

from __future__ import annotations

from pathlib import Path

from fupin_desktop.services.storage.server_connection import where_the_data_is


def test_a_server_database_is_named_without_its_password() -> None:
    text = where_the_data_is("postgresql://zhuanyuan:mima123@192.168.1.20:5433/fupin", Path("/data"))
    assert text == "数据库：服务器 192.168.1.20:5433/fupin，用户 zhuanyuan"
    assert "mima123" not in text


def test_a_file_database_is_the_data_folder() -> None:
    folder = Path("/data/FupinDesktop")
    assert where_the_data_is(None, folder) == f"数据文件夹：{folder}"
    assert where_the_data_is("sqlite:////data/FupinDesktop/fupin.sqlite", folder) == f"数据文件夹：{folder}"
