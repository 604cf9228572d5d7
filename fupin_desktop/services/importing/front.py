"""Importing Excel: the national member-level export, monitoring lists and the program's own template.

    preview = run_job(preview_import(ctx, path))          # read + dry run: counts, errors, warnings
    result = run_job(commit_import(ctx, preview.book))    # plan again and write, all or nothing
    run_job(import_file(ctx, path, dry_run=False))        # both, for the command line

Nothing is written when the file has a blocking error, unless the user chose to skip the households with
errors. A commit makes a backup copy first, writes in one transaction and adds one audit row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from fupin_desktop.db.backup import backup_database
from fupin_desktop.db.engine import hold_import_lock
from fupin_desktop.errors import InputUnreadable, UserError, describe_os_error
from fupin_desktop.excel.parse import Issue, ParsedWorkbook, parse_workbook
from fupin_desktop.excel.sources import open_source
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.excel_steps import steps
from fupin_desktop.services.importing.changes import audit_changes
from fupin_desktop.services.importing.plan.households import Planner
from fupin_desktop.services.importing.plan.model import Change, MemberRef, Plan, Renumbered
from fupin_desktop.services.importing.plan.tasks import load_task_keys
from fupin_desktop.services.importing.snapshot import Snapshot, load_snapshot
from fupin_desktop.services.importing.support import PlanOptions
from fupin_desktop.services.importing.write import write_plan, write_tasks
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import load_code_lists, load_settings, remember_spellings, write_settings

ImportOptions = PlanOptions
DEFAULT_OPTIONS = PlanOptions()


@dataclass(frozen=True, slots=True)
class SheetSummary:
    name: str
    kind: str  # the template's sheet name for this kind: 户, 成员…
    rows: int
    ignored: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import found (dry run) or did (commit)."""

    file: str
    sheets: tuple[SheetSummary, ...]
    skipped_sheets: tuple[str, ...]
    households_new: int
    households_updated: int
    households_unchanged: int
    members_new: int
    members_updated: int
    members_unchanged: int
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    missing: tuple[MemberRef, ...] = ()
    moved: tuple[MemberRef, ...] = ()
    added: tuple[MemberRef, ...] = ()  # the new members `members_new` counts
    renumbered: tuple[Renumbered, ...] = ()
    income_year_missing: bool = False  # the file's income columns name no year
    changes: tuple[Change, ...] = ()
    helpers_new: int = 0
    tasks_new: int = 0
    skipped_households: tuple[str, ...] = ()
    committed: bool = False
    backup: str | None = None
    marked_missing: bool = False

    @property
    def blocked(self) -> bool:
        """Errors stop the import (they were not skipped)."""
        return bool(self.errors) and not self.skipped_households

    @property
    def has_changes(self) -> bool:
        return bool(
            self.households_new
            or self.households_updated
            or self.members_new
            or self.members_updated
            or self.helpers_new
            or self.tasks_new
        )

    def as_json(self) -> dict[str, object]:
        return {
            "households_new": self.households_new,
            "households_updated": self.households_updated,
            "households_unchanged": self.households_unchanged,
            "members_new": self.members_new,
            "members_updated": self.members_updated,
            "members_unchanged": self.members_unchanged,
            "members_missing": len(self.missing),
            "members_moved": len(self.moved),
            "helpers_new": self.helpers_new,
            "tasks_new": self.tasks_new,
            "households_renumbered": [{"old": r.old, "new": r.new} for r in self.renumbered],
            "skipped_households": list(self.skipped_households),
            "committed": self.committed,
            "sheets": [
                {"name": s.name, "kind": s.kind, "rows": s.rows, "unrecognised_columns": list(s.ignored)}
                for s in self.sheets
            ],
            "unrecognised_columns": sorted({c for s in self.sheets for c in s.ignored}),
            "skipped_sheets": list(self.skipped_sheets),
            "errors": [i.as_json() for i in self.errors],
            "warnings": [i.as_json() for i in self.warnings],
        }

    def headline(self) -> str:
        return (
            f"户：新增 {self.households_new}，更新 {self.households_updated}，未变 {self.households_unchanged}；"
            f"成员：新增 {self.members_new}，更新 {self.members_updated}，未变 {self.members_unchanged}；"
            f"文件中没有的成员 {len(self.missing)} 人"
            + ("（已标记为自然减少）" if self.marked_missing and self.missing else "")
            + (f"；整改任务：新增 {self.tasks_new} 项" if self.tasks_new else "")
            + (f"；户编号变更 {len(self.renumbered)} 户" if self.renumbered else "")
        )


@dataclass(frozen=True, slots=True)
class Preview:
    summary: ImportSummary
    book: ParsedWorkbook


def read_workbook(
    ctx: ServiceContext, path: Path, cancel: threading.Event | None = None
) -> Job[ParsedWorkbook]:
    """Open and parse a workbook (no database changes)."""
    with ctx.sessions() as session:
        codes = load_code_lists(session)
    yield Progress(0, 0, f"打开 {path.name}")
    source = open_source(path)
    try:
        return (yield from steps(parse_workbook(source, codes), cancel))
    finally:
        source.close()


def plan_book(
    session: Session, ctx: ServiceContext, book: ParsedWorkbook, options: PlanOptions
) -> tuple[Plan, Snapshot, tuple[str, ...]]:
    kinds = {s.kind.key for s in book.sheets}
    lists = any(f.startswith("ms.") for s in book.sheets for f in s.columns)
    wide = any(f.startswith("iw.") for s in book.sheets for f in s.columns)
    snap = load_snapshot(
        session,
        incomes="income" in kinds or wide,
        measures="measure" in kinds or lists,
        helpers=bool({"helper", "pairing"} & kinds),
    )
    if "task" in kinds:
        snap.tasks = load_task_keys(session)
    snap.province = load_settings(session).province
    plan = Planner(book, snap, ctx.today(), options).run()
    skipped: tuple[str, ...] = ()
    if options.skip_bad_households and plan.errors:
        bad = {i.household for i in plan.errors if i.household}
        plan.without(bad)
        skipped = tuple(sorted(bad))
    return plan, snap, skipped


def _summary(
    book: ParsedWorkbook, plan: Plan, skipped: tuple[str, ...], options: PlanOptions, **extra: object
) -> ImportSummary:
    new_households = set(plan.new_households)
    return ImportSummary(
        file=book.path.name,
        sheets=tuple(SheetSummary(s.name, s.kind.title, len(s), tuple(s.ignored)) for s in book.sheets),
        skipped_sheets=tuple(book.skipped_sheets),
        households_new=len(new_households),
        households_updated=len(plan.changed_households - new_households),
        households_unchanged=len(plan.unchanged_households),
        members_new=len(plan.new_members),
        members_updated=len(plan.updated_members),
        members_unchanged=sum(plan.unchanged_members.values()),
        errors=tuple(plan.errors),
        warnings=tuple(plan.warnings),
        missing=tuple(plan.missing_members),
        moved=tuple(plan.moved_members),
        added=tuple(
            replace(m, note="新户的成员" if m.household in new_households else "新增到已有的户")
            for m in plan.new_members
        ),
        renumbered=tuple(plan.renumbered),
        income_year_missing=plan.income_year_missing,
        changes=tuple(plan.changes),
        helpers_new=len(plan.helper_inserts),
        tasks_new=len(plan.task_inserts),
        skipped_households=skipped,
        marked_missing=options.mark_missing,
        **extra,  # type: ignore[arg-type]
    )


def dry_run(
    ctx: ServiceContext, book: ParsedWorkbook, options: PlanOptions = DEFAULT_OPTIONS
) -> ImportSummary:
    """What importing `book` would do, without changing anything."""
    with ctx.sessions() as session:
        plan, _, skipped = plan_book(session, ctx, book, options)
    return _summary(book, plan, skipped, options)


def preview_import(
    ctx: ServiceContext,
    path: Path,
    options: PlanOptions = DEFAULT_OPTIONS,
    cancel: threading.Event | None = None,
) -> Job[Preview]:
    """Read the file and plan the import (the wizard's preview page)."""
    book = yield from read_workbook(ctx, path, cancel)
    check_cancel(cancel)
    yield Progress(0, 0, "与数据库比对")
    return Preview(dry_run(ctx, book, options), book)


def commit_import(
    ctx: ServiceContext,
    book: ParsedWorkbook,
    options: PlanOptions = DEFAULT_OPTIONS,
    cancel: threading.Event | None = None,
) -> Job[ImportSummary]:
    """Plan again against the database as it is now and, when nothing blocks, write it all at once."""
    ctx.require(Permission.IMPORT)
    yield Progress(0, 0, "与数据库比对")
    with ctx.sessions.begin() as session:
        hold_import_lock(session)  # one import at a time per database, whichever PC starts it
        plan, snap, skipped = plan_book(session, ctx, book, options)
        summary = _summary(book, plan, skipped, options)
        if summary.blocked or not plan.has_writes:
            return summary
        if plan.task_inserts:
            ctx.require(Permission.EDIT_TASKS)
        check_cancel(cancel)
        backup = _backup(ctx)
        for progress in write_plan(session, plan, snap):
            check_cancel(cancel)  # 取消 rolls the whole transaction back
            yield progress
        write_tasks(session, plan, ctx.actor.label, ctx.today())
        remember_spellings(session, book.spellings)
        check_cancel(cancel)
        note = _adopt_township(session, plan)
        summary = _summary(
            book, plan, skipped, options, committed=True, backup=str(backup) if backup else None
        )
        audit.record(
            session,
            ctx.actor,
            action="导入",
            entity="import",
            entity_id=book.path.name[:40],
            summary=f"导入 {book.path.name}：{summary.headline()}{note}"
            + (f"；跳过有错误的 {len(skipped)} 户" if skipped else ""),
            after={
                **{k: v for k, v in summary.as_json().items() if k not in ("errors", "warnings")},
                **audit_changes(plan.changes),
                "clear_blanks": options.clear_blanks,
            },
        )
    return summary


def _backup(ctx: ServiceContext) -> Path | None:
    if not ctx.db.is_sqlite:
        return None
    try:
        return backup_database(ctx.db.engine, ctx.paths.backups, reason="导入前")
    except OSError as exc:
        raise UserError(
            f"导入前备份数据库失败，未导入任何数据。{describe_os_error(exc, ctx.paths.backups)}"
        ) from exc


def _adopt_township(session: Session, plan: Plan) -> str:
    """A new database takes its 乡镇, 县 and 省 names from the first file that names exactly one."""
    settings = load_settings(session)
    changes: dict[str, str] = {}
    for name, found in (
        ("township", plan.townships),
        ("county", plan.counties),
        ("province", plan.provinces),
    ):
        if not getattr(settings, name) and len(found) == 1:
            changes[name] = next(iter(found))
    if not changes:
        return ""
    write_settings(session, settings.with_changes(**changes))
    labels = {"township": "乡镇名称", "county": "县名称", "province": "省名称"}
    return "；" + "，".join(f"{labels[k]}设为“{v}”" for k, v in changes.items())


def import_file(
    ctx: ServiceContext,
    path: Path,
    options: PlanOptions = DEFAULT_OPTIONS,
    *,
    dry_run_only: bool = False,
    cancel: threading.Event | None = None,
) -> Job[tuple[ImportSummary, ParsedWorkbook]]:
    """Read, check and (unless `dry_run_only`) import a file; the command line's `fupin import`."""
    if not dry_run_only:
        ctx.require(Permission.IMPORT)
    book = yield from read_workbook(ctx, path, cancel)
    if dry_run_only:
        return dry_run(ctx, book, options), book
    summary = yield from commit_import(ctx, book, options, cancel)
    return summary, book


def save_error_workbook(book: ParsedWorkbook, issues: tuple[Issue, ...] | list[Issue], out: Path) -> Path:
    """A copy of the imported file with the bad cells red, a comment on each and an 错误说明 column."""
    if not issues:
        raise UserError("文件没有错误或警告，不需要生成错误标注文件。")
    header_rows = {s.name: s.header_rows[-1] for s in book.sheets}
    try:
        from fupin_desktop.excel.error_book import write_error_workbook  # openpyxl on first use

        return write_error_workbook(book.path, out, list(issues), header_rows)
    except InputUnreadable:
        raise
    except OSError as exc:
        raise UserError(describe_os_error(exc, out)) from exc


def save_template(target: Path) -> Path:
    """Copy the program's import template (sheets 户, 成员, 收支, 帮扶措施, 帮扶责任人, 结对, 整改任务) to
    `target`."""
    import shutil

    from fupin_desktop.excel.template import template_path
    from fupin_desktop.files import written_in_place

    with written_in_place(target) as partial:
        shutil.copyfile(template_path(), partial)
    return target
