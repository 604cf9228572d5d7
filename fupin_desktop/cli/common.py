"""Helpers shared by the command modules: opening the data folder, printing progress and JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from fupin_desktop.db.engine import open_database
from fupin_desktop.paths import DataPaths
from fupin_desktop.services.context import ServiceContext, system_actor
from fupin_desktop.services.progress import Job, Progress, run_job

T = TypeVar("T")

Handler = Callable[[ServiceContext, argparse.Namespace], int]


def with_context(handler: Handler) -> Callable[[DataPaths, argparse.Namespace], int]:
    """Wrap a handler: open (and migrate) the database as the operating-system user, close it after."""

    def run(paths: DataPaths, args: argparse.Namespace) -> int:
        db = open_database(paths)
        try:
            return handler(ServiceContext(db=db, actor=system_actor()), args)
        finally:
            db.dispose()

    return run


def add_command(
    subparsers: Any, common: argparse.ArgumentParser, name: str, help_text: str, handler: Handler
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text, parents=[common])
    parser.set_defaults(handler=with_context(handler))
    return parser


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def run_with_progress(job: Job[T]) -> T:
    """Run a job, showing a one-line progress indicator on an interactive terminal."""
    interactive = sys.stderr.isatty()
    last = [""]

    def show(progress: Progress) -> None:
        if not interactive:
            return
        text = progress.stage
        if progress.total:
            text += f" {progress.done}/{progress.total}"
        if text != last[0]:
            sys.stderr.write("\r" + text.ljust(40))
            sys.stderr.flush()
            last[0] = text

    try:
        return run_job(job, show)
    finally:
        if interactive and last[0]:
            sys.stderr.write("\r" + " " * 40 + "\r")
