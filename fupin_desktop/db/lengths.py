"""How long a text may be, read from the models' column sizes (`String(40)`), so an editor field, a
service's check and the importer all use the same limits — SQLite would keep an over-long text, a
PostgreSQL server refuses the whole transaction.

    max_length(Household, "phone")            # 40
    over_limit(Household, "phone", text)      # 40 when text is longer, else None
    length_message("户联系电话", 40, text)     # "户联系电话最多 40 个字（现在 45 个字）。"

The importer checks every text cell it writes into a sized column (services.importing.support.too_long) and
reports the row with `import_message("家庭住址", 200, text)`: "“家庭住址”超过 200 个字（现在 201 个字），
请缩短后再导入".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

from sqlalchemy import String


@cache
def lengths(model: type) -> Mapping[str, int]:
    """Attribute → the most characters its column holds, for every sized text column of `model`."""
    table = model.__table__  # type: ignore[attr-defined]
    return {
        column.key: column.type.length
        for column in table.columns
        if isinstance(column.type, String) and column.type.length
    }


def max_length(model: type, attr: str) -> int | None:
    """The column's size in characters; None for unsized text (Text) and other types."""
    return lengths(model).get(attr)


def over_limit(model: type, attr: str, value: object) -> int | None:
    """The column's size when `value` is a text longer than it, else None."""
    limit = max_length(model, attr)
    if limit is None or not isinstance(value, str) or len(value) <= limit:
        return None
    return limit


def length_message(label: str, limit: int, value: str) -> str:
    return f"{label}最多 {limit} 个字（现在 {len(value)} 个字），请删减。"


def import_message(header: str, limit: int, value: str, *, item: bool = False) -> str:
    """An importer's row error: the column as the file heads it, the limit, the length found; `item`
    for one item of a comma-joined cell."""
    what = f"“{header}”中的“{value[:10]}…”" if item else f"“{header}”"
    return f"{what}超过 {limit} 个字（现在 {len(value)} 个字），请缩短后再导入"


def too_long(
    model: type, obj: object, labels: Mapping[str, str], names: Mapping[str, str] | None = None
) -> Iterator[tuple[str, str]]:
    """(attribute, message) for every sized text attribute of `obj` longer than its column allows;
    `labels` names the fields (a missing one goes by `names` or the attribute)."""
    for attr, limit in lengths(model).items():
        value = getattr(obj, attr, None)
        if isinstance(value, str) and len(value) > limit:
            label = labels.get(attr) or (names or {}).get(attr) or attr
            yield attr, length_message(label, limit, value)
