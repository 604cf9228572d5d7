"""Default rows every database starts with: code lists and the national 监测范围 floor.

Every opening seeds; almost always there is nothing to add, and `needs_seeding` finds that out with
three plain queries, without loading the ORM models (with the Core counts of services.storage.info,
almost a third of `fupin info`'s time, issue 18).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, text

from fupin_desktop.domain.codes import CodeLists, load_default_codes
from fupin_desktop.paths import resources_dir

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NATIONAL_FLOOR_2021 = 6000.0
ALIASES_SEEN = "codes.default_aliases"  # Setting: the default aliases last merged (JSON)


def default_codes() -> CodeLists:
    return load_default_codes(resources_dir() / "codes" / "codes.json")


def needs_seeding(connection: Connection, codes: CodeLists) -> bool:
    """Whether `seed_defaults` would add anything: a code-list field missing, no threshold at all, or
    default aliases not merged yet (the same three tests it makes, on the tables themselves)."""
    present = set(connection.scalars(text("SELECT DISTINCT field FROM code_item")))
    if not set(codes.values) <= present:
        return True
    if connection.scalar(text("SELECT id FROM threshold LIMIT 1")) is None:
        return True
    stored = connection.scalar(text("SELECT value FROM setting WHERE key = :key"), {"key": ALIASES_SEEN})
    return (json.loads(stored) if stored else {}) != _wanted(codes.aliases)


def _wanted(defaults: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    return {f: sorted(m) for f, m in defaults.items()}


def seed_defaults(session: Session, codes: CodeLists | None = None) -> None:
    """Add code-list fields the database does not have yet and the 2021 national threshold."""
    from fupin_desktop.db.models import CodeItem, Threshold

    codes = default_codes() if codes is None else codes
    present = set(session.scalars(select(CodeItem.field).distinct()))
    rows = []
    for field_name, values in codes.values.items():
        if field_name in present:
            continue
        reverse: dict[str, list[str]] = {}
        for alias, canon in codes.aliases.get(field_name, {}).items():
            reverse.setdefault(canon, []).append(alias)
        rows += [
            CodeItem(
                field=field_name,
                value=value,
                sort_order=i,
                aliases=json.dumps(reverse[value], ensure_ascii=False) if value in reverse else None,
            )
            for i, value in enumerate(values)
        ]
    session.add_all(rows)
    _merge_new_aliases(session, codes.aliases, present)
    if session.scalar(select(Threshold.id).limit(1)) is None:
        session.add(Threshold(year=2021, region="全国", amount=NATIONAL_FLOOR_2021, note="2021年全国底线"))


def _merge_new_aliases(session: Session, defaults: dict[str, dict[str, str]], present: set[str]) -> None:
    """Default aliases added in a newer release reach lists the database already has (spellings of
    real exports, such as 因安全住房). Each alias is merged once: one an administrator removed since
    stays removed, and an alias that already means another value is left alone."""
    from fupin_desktop.db.models import CodeItem, Setting

    stored = session.get(Setting, ALIASES_SEEN)
    seen = json.loads(stored.value) if stored else {}
    wanted = _wanted(defaults)
    if seen == wanted:
        return
    items = session.scalars(select(CodeItem).where(CodeItem.field.in_(present & set(defaults)))).all()
    by_field: dict[str, dict[str, CodeItem]] = {}
    for item in items:
        by_field.setdefault(item.field, {})[item.value] = item
    for field_name, mapping in defaults.items():
        values = by_field.get(field_name, {})
        taken = {a for item in values.values() for a in json.loads(item.aliases or "[]")} | set(values)
        for alias, canon in mapping.items():
            item = values.get(canon)
            if item is None or alias in taken or alias in seen.get(field_name, ()):
                continue
            item.aliases = json.dumps([*json.loads(item.aliases or "[]"), alias], ensure_ascii=False)
            taken.add(alias)
    session.merge(Setting(key=ALIASES_SEEN, value=json.dumps(wanted, ensure_ascii=False)))
