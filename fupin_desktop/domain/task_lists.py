"""The printed 整改清单 (DOMAIN §6, §7): which lists there are and what they are called.

Kept apart from `reports/tasklists.py` so menus and the command line can name the lists without loading
reportlab.
"""

from __future__ import annotations

from enum import StrEnum


class ListKind(StrEnum):
    PROBLEMS = "problems"
    TASKS = "tasks"
    DUTIES = "duties"
    CLOSED = "closed"

    @property
    def title(self) -> str:
        """问题清单 …: what the menus and the CLI call it."""
        return LIST_TITLES[self]


LIST_TITLES = {
    ListKind.PROBLEMS: "问题清单",
    ListKind.TASKS: "任务清单",
    ListKind.DUTIES: "责任清单",
    ListKind.CLOSED: "销号汇总表",
}
DOCUMENT_TITLES = {
    ListKind.PROBLEMS: "整改问题清单",
    ListKind.TASKS: "整改任务清单",
    ListKind.DUTIES: "整改责任清单",
    ListKind.CLOSED: "整改销号汇总表",
}
