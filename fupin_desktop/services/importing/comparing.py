"""机账比对: a national export against the database, changing nothing.

The file is read and planned exactly as an import would be; the plan's differences become an Excel
report with a summary sheet and one sheet per kind: households only in the file, households only in the
database (within the villages the file covers), households the file lists under a new 户编号 (the same
members by 证件号码: a renumbering, not one household gone and one new), members added and removed, and
fields that differ (database value → file value), plus the problems found in the file.

The report is masked (issue 20 §1): ID numbers as 前6位********后4位, and a 出生日期 shown to its year only
(with whether month and day differ), in the fields and in the file's problems alike — beside a masked
number the full date would give back the digits the mask hides.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from fupin_desktop.db.models import Area, Household, Member
from fupin_desktop.domain.codes import HEAD, MEMBER_ACTIVE
from fupin_desktop.excel.layout import Column, Kind, Ledger
from fupin_desktop.excel.parse import ParsedWorkbook
from fupin_desktop.services.accounts import blur_birth_dates, hide_ids_in_text
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.excel_steps import write_ledgers
from fupin_desktop.services.importing.front import DEFAULT_OPTIONS, plan_book, read_workbook
from fupin_desktop.services.importing.plan.households import Plan
from fupin_desktop.services.progress import Job, Progress
from fupin_desktop.services.register import chunked, head_names


def _col(header: str, width: float = 12, kind: Kind = Kind.TEXT) -> Column:
    return Column(header, f"x.{header}", kind, width=width)


HOUSEHOLD_COLS = (
    _col("序号", 6, Kind.INTEGER),
    _col("户编号", 20),
    _col("户主姓名", 10),
    _col("行政村"),
    _col("人数", 6, Kind.INTEGER),
)
RENUMBER_COLS = (
    _col("序号", 6, Kind.INTEGER),
    _col("数据库中的户编号", 20),
    _col("文件中的户编号", 20),
    _col("户主姓名", 10),
)
MEMBER_COLS = (
    _col("序号", 6, Kind.INTEGER),
    _col("户编号", 20),
    _col("姓名", 10),
    _col("证件号码", 21, Kind.ID),
)
FIELD_COLS = (
    _col("序号", 6, Kind.INTEGER),
    _col("户编号", 20),
    _col("姓名", 10),
    _col("字段", 16),
    _col("数据库中的值", 24),
    _col("文件中的值", 24),
)
ISSUE_COLS = (
    _col("序号", 6, Kind.INTEGER),
    _col("类型", 6),
    _col("工作表", 12),
    _col("行", 6, Kind.INTEGER),
    _col("列", 16),
    _col("说明", 50),
)
SUMMARY_COLS = (_col("项目", 30), _col("数量", 10, Kind.INTEGER))


@dataclass(frozen=True, slots=True)
class CompareReport:
    path: Path
    file: str
    households_in_file: int
    only_in_file: tuple[tuple[str, str, str, int], ...]  # 户编号, 户主, 村, 人数
    only_in_database: tuple[tuple[str, str, str, int], ...]
    renumbered: tuple[tuple[str, str, str], ...]  # 数据库中的户编号, 文件中的, 户主
    members_added: int
    members_removed: int
    fields_different: int
    errors: int
    warnings: int

    def counts(self) -> list[tuple[str, int]]:
        return [
            ("文件中的户", self.households_in_file),
            ("仅文件中有的户（数据库中没有）", len(self.only_in_file)),
            ("仅数据库中有的户（文件中没有）", len(self.only_in_database)),
            ("户编号变更的户（成员相同）", len(self.renumbered)),
            ("文件中新增的成员（数据库中没有）", self.members_added),
            ("文件中减少的成员（数据库中有）", self.members_removed),
            ("字段不一致（处）", self.fields_different),
            ("文件中的错误（处）", self.errors),
            ("文件中的提示（处）", self.warnings),
        ]

    def lines(self) -> list[str]:
        return [f"{name}：{n}" for name, n in self.counts()]

    def as_json(self) -> dict[str, object]:
        return {
            "households_in_file": self.households_in_file,
            "households_only_in_file": [h[0] for h in self.only_in_file],
            "households_only_in_database": [h[0] for h in self.only_in_database],
            "households_renumbered": [{"database": old, "file": new} for old, new, _ in self.renumbered],
            "members_added": self.members_added,
            "members_removed": self.members_removed,
            "fields_different": self.fields_different,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def _text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _shown(field: str, old: object, new: object) -> tuple[str, str]:
    """A difference as the masked report shows it: a birth date by its year."""
    if field != "出生日期" or not isinstance(old, date) or not isinstance(new, date):
        return hide_ids_in_text(_text(old)), hide_ids_in_text(_text(new))
    if old.year != new.year:
        return f"{old.year} 年", f"{new.year} 年"
    return f"{old.year} 年", f"{new.year} 年（月、日不同）"


def _file_households(book: ParsedWorkbook, numbers: list[str]) -> list[tuple[str, str, str, int]]:
    wanted = set(numbers)
    heads: dict[str, str] = {}
    villages: dict[str, str] = {}
    people: dict[str, int] = {}
    for sheet in book.sheets:
        if sheet.kind.key not in ("member", "household"):
            continue
        relation, name, village = (
            sheet.column("m.relation"),
            sheet.column("m.name"),
            sheet.column("a.village"),
        )
        for i, number in enumerate(sheet.column("h.number")):
            if number not in wanted:
                continue
            villages.setdefault(str(number), str(village[i] or ""))
            if sheet.kind.key == "member":
                people[str(number)] = people.get(str(number), 0) + 1
                if relation[i] == HEAD:  # the file's first 户主 row, as `register.head_of` takes the first
                    heads.setdefault(str(number), str(name[i] or ""))
    return [(n, heads.get(n, ""), villages.get(n, ""), people.get(n, 0)) for n in numbers]


def _database_only(ctx: ServiceContext, plan: Plan) -> list[tuple[str, str, str, int]]:
    """Active households of the villages the file covers that the file does not list."""
    listed = set(plan.file_numbers) | {r.old for r in plan.renumbered}
    with ctx.sessions() as session:
        query = select(Household.id, Household.number, Household.village_id).where(
            Household.archived.is_(False)
        )
        if plan.village_ids:
            query = query.where(Household.village_id.in_(plan.village_ids))
        rows = [r for r in session.execute(query.order_by(Household.number)) if r.number not in listed]
        names = dict(session.execute(select(Area.id, Area.name)).all())
        heads = head_names(session, [r.id for r in rows])
        people: dict[int, int] = {}
        for chunk in chunked([r.id for r in rows]):
            active = (Member.household_id.in_(chunk), Member.status == MEMBER_ACTIVE)
            people.update(
                session.execute(
                    select(Member.household_id, func.count()).where(*active).group_by(Member.household_id)
                ).all()
            )
    return [(r.number, heads.get(r.id, ""), names.get(r.village_id, ""), people.get(r.id, 0)) for r in rows]


def compare_file(
    ctx: ServiceContext, path: Path, out: Path, cancel: threading.Event | None = None
) -> Job[CompareReport]:
    """Compare `path` with the database and write the report to `out`; the database is not changed."""
    ctx.require(Permission.EXPORT)
    book = yield from read_workbook(ctx, path, cancel)
    yield Progress(0, 0, "与数据库比对")
    with ctx.sessions() as session:
        plan, snap, _ = plan_book(session, ctx, book, DEFAULT_OPTIONS)
    renamed = {r.new: r for r in plan.renumbered}
    only_file = _file_households(
        book, [n for n in plan.file_numbers if n not in snap.households and n not in renamed]
    )
    only_db = _database_only(ctx, plan)
    heads = {h[0]: h[1] for h in _file_households(book, list(renamed))}
    renumbered = tuple((r.old, r.new, heads.get(r.new, "")) for r in plan.renumbered)
    new = {h[0] for h in only_file}
    added = [m for m in plan.new_members if m.household not in new]
    changes = [
        c
        for c in plan.changes
        if c.household not in new and not (c.household in renamed and c.field == "户编号")
    ]
    report = CompareReport(
        path=out,
        file=path.name,
        households_in_file=len(plan.file_numbers),
        only_in_file=tuple(only_file),
        only_in_database=tuple(only_db),
        renumbered=renumbered,
        members_added=len(added),
        members_removed=len(plan.missing_members),
        fields_different=len(changes),
        errors=len(plan.errors),
        warnings=len(plan.warnings),
    )
    title = f"机账比对：{path.name}　比对日期：{ctx.today():%Y-%m-%d}（证件号码已脱敏）"
    counts = report.counts()
    ledgers = [
        Ledger("汇总", title, SUMMARY_COLS, counts, len(counts)),
        Ledger("仅文件中有的户", title, HOUSEHOLD_COLS, _numbered(only_file), len(only_file)),
        Ledger("仅数据库中有的户", title, HOUSEHOLD_COLS, _numbered(only_db), len(only_db)),
        Ledger("户编号变更", title, RENUMBER_COLS, _numbered(renumbered), len(renumbered)),
        Ledger(
            "新增成员",
            title,
            MEMBER_COLS,
            _numbered((m.household, m.name, m.id_number) for m in added),
            len(added),
        ),
        Ledger(
            "减少成员",
            title,
            MEMBER_COLS,
            _numbered((m.household, m.name, m.id_number) for m in plan.missing_members),
            len(plan.missing_members),
        ),
        Ledger(
            "字段不一致",
            title,
            FIELD_COLS,
            _numbered((c.household, c.member, c.field, *_shown(c.field, c.old, c.new)) for c in changes),
            len(changes),
        ),
        Ledger(
            "文件问题",
            title,
            ISSUE_COLS,
            _numbered(
                ("错误" if i.error else "提示", i.sheet, i.row, i.column, _message(i.message))
                for i in plan.issues
            ),
            len(plan.issues),
        ),
    ]
    yield from write_ledgers(out, ledgers, cancel)
    return report


def _message(text: str) -> str:
    return blur_birth_dates(hide_ids_in_text(text))


def _numbered(rows):
    for n, row in enumerate(rows, start=1):
        yield (n, *row)
