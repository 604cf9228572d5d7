"""Choosing an office's (county's) server: its URL and a trial connection, for the connection dialog."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from fupin_desktop.db import server

DEFAULT_PORT = server.DEFAULT_PORT


def server_url(host: str, port: int, database: str, user: str, password: str | None = None) -> str:
    """The URL of a database on a server (the password, when given, only ever lives in memory)."""
    return server.server_url(host, port, database, user, password)


def try_connection(url: str) -> str:
    """Connect once, changing nothing: what the server and its database are; raises DatabaseProblem
    with the reason in Chinese (server not answering, wrong password, no such database…)."""
    return server.check_connection(url)


def where_the_data_is(database_url: str | None, data_folder: Path) -> str:
    """For the status bar and 关于: the server's database when the program works on one (never its
    password), otherwise this PC's data folder."""
    if not database_url or database_url.startswith("sqlite"):
        return f"数据文件夹：{data_folder}"
    url = make_url(server.normalise_url(database_url))
    user = f"，用户 {url.username}" if url.username else ""
    return f"数据库：服务器 {server.server_label(url)}/{url.database}{user}"
