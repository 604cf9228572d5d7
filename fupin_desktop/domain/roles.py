"""The three roles of a user account (DOMAIN §1). What each may do is `services.context.ROLE_PERMISSIONS`.

Kept apart from `services/context.py` so the command line can offer them (`fupin users add --role`)
without loading the database layer.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "管理员"
    CLERK = "录入员"
    READER = "只读"
