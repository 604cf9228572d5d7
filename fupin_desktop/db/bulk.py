"""Bulk inserts of many rows at once (an import's 70,000 members).

`session.execute(insert(table), rows)` processes every parameter of every row in Python (SQLAlchemy's
type processors, ~40 % of an import's writing); on SQLite the same rows go straight to the driver's
executemany, converted the way SQLAlchemy stores them. Other databases take the SQLAlchemy path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, DateTime, Table, insert
from sqlalchemy.orm import Session


def _date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _datetimes() -> Callable[[Any], Any]:
    """SQLAlchemy's SQLite DATETIME storage format; a batch stamps every row with the same moment."""
    seen: dict[datetime, str] = {}

    def convert(value: Any) -> Any:
        if not isinstance(value, datetime):
            return value
        text = seen.get(value)
        if text is None:
            text = seen[value] = value.strftime("%Y-%m-%d %H:%M:%S.%f")
        return text

    return convert


def _converter(column_type: Any) -> Callable[[Any], Any] | None:
    if isinstance(column_type, DateTime):
        return _datetimes()
    if isinstance(column_type, Date):
        return _date
    return None  # booleans bind as the integers SQLite stores


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None
) -> None:
    """Insert `rows` into `table` in the caller's transaction: the `columns` given (default: the first
    row's keys), a key a row lacks inserting NULL."""
    if not rows:
        return
    keys = list(columns if columns is not None else rows[0])
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        session.execute(insert(table), [{k: row.get(k) for k in keys} for row in rows])
        return
    # the Python-side defaults SQLAlchemy would apply to the columns left out (the driver knows none)
    defaults = {
        c.key: c.default.arg(None) if c.default.is_callable else c.default.arg
        for c in table.columns
        if c.key not in keys and c.default is not None and not c.primary_key
    }
    if defaults:
        keys += list(defaults)
        rows = [{**row, **defaults} for row in rows]
    converters = [(n, convert) for n, k in enumerate(keys) if (convert := _converter(table.c[k].type))]
    row_values = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
    values = []
    for row in rows:
        try:
            record = row_values(row)  # C speed when the row has every key
        except KeyError:
            record = tuple(row.get(k) for k in keys)
        if converters:
            record = list(record)
            for n, convert in converters:
                record[n] = convert(record[n])
            record = tuple(record)
        values.append(record)
    names = ", ".join(f'"{k}"' for k in keys)
    marks = ", ".join("?" * len(keys))
    connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', values)
