"""Choosing an office's (county's) server: its URL and a trial connection, for the connection dialog."""

from __future__ import annotations

from fupin_desktop.db import server

DEFAULT_PORT = server.DEFAULT_PORT


def server_url(host: str, port: int, database: str, user: str, password: str | None = None) -> str:
    """The URL of a database on a server (the password, when given, only ever lives in memory)."""
    return server.server_url(host, port, database, user, password)


def try_connection(url: str) -> str:
    """Connect once, changing nothing: what the server and its database are; raises DatabaseProblem
    with the reason in Chinese (server not answering, wrong password, no such database…)."""
    return server.check_connection(url)
