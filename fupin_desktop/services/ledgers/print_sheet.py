"""Which columns the 打印 sheet of a ledger prints (issue 17 §1): the ones a village meeting reads, by
default, or the clerk's choice (export dialog, `fupin export --print-columns`), named by their headers.

The 打印 sheet is laid out by excel.print_layout: village by village with a subtotal, fitted to one A4
landscape width while the body stays at 8 pt or more, else over several pages wide with 序号 and the
household's columns repeated on each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fupin_desktop.errors import UserError
from fupin_desktop.excel.columns import BIRTH, BIRTH_YEAR, SEQ, header_key
from fupin_desktop.excel.layout import (
    FINDING_COLUMNS,
    HOUSEHOLD_LEDGER_COLUMNS,
    MEMBER_LEDGER_COLUMNS,
    MONITORING_COLUMNS,
    TASK_COLUMNS,
    Column,
)
from fupin_desktop.excel.print_view import PrintView

NO_PRINT = ("无", "none", "不打印")  # --print-columns 无: no 打印 sheet


@dataclass(frozen=True, slots=True)
class PrintSpec:
    """A ledger's print selection: its default columns and what the 打印 sheet groups and counts by."""

    columns: tuple[Column, ...]  # every column the ledger has (what may be chosen)
    defaults: tuple[str, ...]  # fields printed unless the clerk chooses
    repeat: tuple[str, ...]  # fields repeated on each page when the selection is wider than a page
    village: str  # field of the 行政村
    household: str | None = "h.number"  # None: rows are items (项), not people of households
    people: str | None = None  # a household row's 人数 field (None: each row is one person)
    page_per_village: bool = True  # each village on its own pages (to hand out); False: a short list


PRINT_SPECS: dict[str, PrintSpec] = {
    "members": PrintSpec(
        MEMBER_LEDGER_COLUMNS,
        (
            "x.seq",
            "h.number",
            "x.head_name",
            "m.name",
            "a.group",
            "m.sex",
            "m.relation",
            "m.id_number",
            "m.birth_date",
            "m.health",
            "m.labour_skill",
            "m.school_status",
            "m.work_months",
            "m.dibao",
        ),
        ("h.number", "x.head_name", "m.name"),
        "a.village",
    ),
    "households": PrintSpec(
        HOUSEHOLD_LEDGER_COLUMNS,
        (
            "x.seq",
            "h.number",
            "x.head_name",
            "a.group",
            "x.people",
            "h.household_type",
            "h.monitor_category",
            "h.identified_on",
            "h.risk1",
            "h.risk_eliminated",
            "iw.per_capita",
            "h.house_unsafe",
            "h.water_safe",
            "x.helper",
            "x.helper_phone",
        ),
        ("h.number", "x.head_name"),
        "a.village",
        people="x.people",
    ),
    "monitoring": PrintSpec(
        MONITORING_COLUMNS,
        (
            "x.seq",
            "h.number",
            "m.name",
            "a.group",
            "m.relation",
            "m.id_number",
            "h.monitor_category",
            "h.risk1",
            "h.identified_on",
            "h.risk_eliminated",
            "m.health",
            "m.labour_skill",
            "iw.per_capita",
        ),
        ("h.number", "m.name"),
        "a.village",
    ),
    "tasks": PrintSpec(
        TASK_COLUMNS,
        (
            "x.seq",
            "x.warning",
            "x.status",
            "t.description",
            "t.measures",
            "t.unit",
            "t.person",
            "t.deadline",
            "t.progress",
            "x.days",
        ),
        (),
        "x.village",
        household=None,
        page_per_village=False,
    ),
    "findings": PrintSpec(
        FINDING_COLUMNS,
        ("x.seq", "x.severity", "x.rule", "h.number", "x.head_name", "x.member", "x.message", "x.hint"),
        ("h.number", "x.head_name"),
        "x.village",
    ),
}
PRINT_TITLES = {
    "members": "人口台账",
    "households": "户台账",
    "monitoring": "监测对象名单",
    "tasks": "整改清单",
    "findings": "数据核查结果",
}
# A masked ledger gives the birth year where a full one gives the date: either name chooses it.
_SAME = {BIRTH.field: BIRTH_YEAR.field, BIRTH_YEAR.field: BIRTH.field}


def ledger_columns(columns: Sequence[Column], full_id: bool) -> tuple[Column, ...]:
    """The ledger's columns as written: a masked one has 出生年份 where 出生日期 would restore what the
    mask hides (the 8 digits of the birth date)."""
    return tuple(c if full_id or c.field != BIRTH.field else BIRTH_YEAR for c in columns)


def print_choices(kind: str, full_id: bool = False) -> tuple[Column, ...]:
    """The columns of `kind` that its 打印 sheet may print (empty: the ledger has no 打印 sheet): the
    ledger's, and a 序号 when it has none."""
    spec = PRINT_SPECS.get(kind)
    if spec is None:
        return ()
    columns = ledger_columns(spec.columns, full_id)
    return columns if any(c.field == SEQ.field for c in columns) else (SEQ, *columns)


def default_print_headers(kind: str, full_id: bool = False) -> tuple[str, ...]:
    spec = PRINT_SPECS.get(kind)
    if spec is None:
        return ()
    by_field = {c.field: c for c in print_choices(kind, full_id)}
    return tuple(by_field[_field(f, by_field)].header for f in spec.defaults)


def _field(name: str, by_field: dict[str, Column]) -> str:
    return name if name in by_field else _SAME.get(name, name)


def print_columns(kind: str, headers: Sequence[str] | None, full_id: bool = False) -> tuple[Column, ...]:
    """The 打印 sheet's columns in print order — 序号, the repeated columns, then the rest in the
    defaults' order and the ledger's — from the chosen headers (None: the defaults; empty or 无: none)."""
    spec = PRINT_SPECS.get(kind)
    if headers is not None and (not headers or (len(headers) == 1 and headers[0] in NO_PRINT)):
        return ()
    if spec is None:
        if headers is None:
            return ()
        raise UserError(f"这种台账不附“打印”工作表（只有{'、'.join(PRINT_TITLES.values())}有）。")
    choices = print_choices(kind, full_id)
    by_field = {c.field: c for c in choices}
    if headers is None:
        chosen = {_field(f, by_field) for f in spec.defaults}
    else:
        by_header = {header_key(c.header): c.field for c in choices}
        by_header.update({header_key(h): by_field[f].field for h, f in _other_names(by_field)})
        unknown = [h for h in headers if header_key(h) not in by_header]
        if unknown:
            raise UserError(
                f"打印的列中没有“{'、'.join(unknown)}”。可选的列：{'、'.join(c.header for c in choices)}。"
            )
        chosen = {by_header[header_key(h)] for h in headers}
    order = [f for f in ("x.seq", *spec.repeat, *(_field(f, by_field) for f in spec.defaults)) if f in chosen]
    order += [c.field for c in choices if c.field in chosen and c.field not in order]
    return tuple(by_field[f] for f in dict.fromkeys(order))


def _other_names(by_field: dict[str, Column]) -> list[tuple[str, str]]:
    """出生日期 names 出生年份 on a masked ledger and the other way round."""
    names = []
    for column in (BIRTH, BIRTH_YEAR):
        twin = _SAME[column.field]
        if column.field not in by_field and twin in by_field:
            names.append((column.header, twin))
    return names


def repeated_count(kind: str, columns: Sequence[Column]) -> int:
    """How many leading print columns repeat on each page (序号 and the household's columns chosen)."""
    spec = PRINT_SPECS[kind]
    wanted = {"x.seq", *spec.repeat}
    count = 0
    for column in columns:
        if column.field not in wanted:
            break
        count += 1
    return max(count, 1)


def print_view(kind: str, columns: Sequence[Column], fields: list[str]) -> PrintView | None:
    """The 打印 sheet of these print columns over ledger rows holding `fields`, extended in place by the
    fields the print needs that the ledger lacks (its rows carry those values after its own)."""
    if not columns:
        return None
    spec = PRINT_SPECS[kind]

    def at(name: str) -> int:
        if name not in fields:
            fields.append(name)
        return fields.index(name)

    return PrintView(
        columns=tuple(columns),
        picks=tuple(at(c.field) for c in columns),
        village_at=at(spec.village),
        household_at=at(spec.household) if spec.household else None,
        people_at=at(spec.people) if spec.people else None,
        repeat=repeated_count(kind, columns),
        renumber=columns[0].field == "x.seq" and kind != "tasks",  # a task's 序号 is its number
        page_per_village=spec.page_per_village,
    )
