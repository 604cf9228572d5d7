"""Default rows every database starts with: code lists and the national 监测范围 floor."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import CodeItem, Setting, Threshold
from fupin_desktop.domain.codes import load_default_codes
from fupin_desktop.paths import resources_dir

NATIONAL_FLOOR_2021 = 6000.0


def seed_defaults(session: Session) -> None:
    """Add code-list fields the database does not have yet and the 2021 national threshold."""
    codes = load_default_codes(resources_dir() / "codes" / "codes.json")
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


ALIASES_SEEN = "codes.default_aliases"  # Setting: the default aliases last merged (JSON)


def _merge_new_aliases(session: Session, defaults: dict[str, dict[str, str]], present: set[str]) -> None:
    """Default aliases added in a newer release reach lists the database already has (spellings of
    real exports, such as 因安全住房). Each alias is merged once: one an administrator removed since
    stays removed, and an alias that already means another value is left alone."""
    stored = session.get(Setting, ALIASES_SEEN)
    seen = json.loads(stored.value) if stored else {}
    wanted = {f: sorted(m) for f, m in defaults.items()}
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
