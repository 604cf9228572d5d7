"""Default rows every database starts with: code lists and the national 监测范围 floor."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import CodeItem, Threshold
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
    if session.scalar(select(Threshold.id).limit(1)) is None:
        session.add(Threshold(year=2021, region="全国", amount=NATIONAL_FLOOR_2021, note="2021年全国底线"))
