"""`fupin import`, `fupin compare` and `fupin export` (DESIGN §3).

The handlers; the options and help texts are in `cli.parsers.excel`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fupin_desktop.cli.common import print_json, run_with_progress
from fupin_desktop.errors import UserError
from fupin_desktop.files import refuse_overwriting
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.importing import (
    ImportSummary,
    PlanOptions,
    change_lines,
    compare_file,
    import_file,
    save_error_workbook,
)
from fupin_desktop.services.ledgers import EXPORT_KINDS, export_ledger

MAX_LINES = 200  # problems printed one per line; the rest are counted (all of them are in --json)


def _print_summary(summary: ImportSummary, *, dry_run: bool) -> None:
    problems = [*summary.errors, *summary.warnings]
    for issue in problems[:MAX_LINES]:
        kind = "错误" if issue.error else "提示"
        print(f"{summary.file}，{kind}：{issue.line()}", file=sys.stderr)
    if len(problems) > MAX_LINES:
        print(
            f"……另有 {len(problems) - MAX_LINES} 处问题未列出（用 --errors 生成标注文件查看全部）。",
            file=sys.stderr,
        )
    print(summary.headline())
    for sheet in summary.sheets:
        ignored = f"；未识别的列：{'、'.join(sheet.ignored)}" if sheet.ignored else ""
        print(f"工作表“{sheet.name}”按“{sheet.kind}”读取 {sheet.rows} 行{ignored}")
    if summary.skipped_sheets:
        print(f"跳过的工作表（没有可识别的表头）：{'、'.join(summary.skipped_sheets)}")
    for renumbered in summary.renumbered:
        print(f"户编号变更：{renumbered.old} → {renumbered.new}（成员的证件号码相同）")
    for moved in summary.moved:
        print(f"成员迁户：{moved.name}（{moved.id_number}）{moved.note} {moved.household}")
    for line in change_lines(summary.changes, MAX_LINES):
        print(line)
    if summary.missing and not summary.marked_missing:
        print(f"数据库中有、文件中没有的成员 {len(summary.missing)} 人（加 --mark-missing 可标记为自然减少）")
    if summary.blocked:
        print(
            f"有 {len(summary.errors)} 处错误，未导入任何数据。改正后重新导入，或加 --skip-bad-households 跳过有错误的户。",
            file=sys.stderr,
        )
    elif dry_run:
        print("这是试导入（--dry-run），没有写入数据库。")
    elif summary.committed:
        skipped = f"，跳过有错误的 {len(summary.skipped_households)} 户" if summary.skipped_households else ""
        kept = (
            f"导入前的数据库已备份到：{summary.backup}"
            if summary.backup
            else "服务器上的数据库请按单位的办法备份（pg_dump）"
        )
        print(f"已导入{skipped}。{kept}")
    elif summary.skipped_households:
        print(f"跳过了有错误的 {len(summary.skipped_households)} 户，其余各户与数据库一致：未导入任何数据。")
    else:
        print("文件与数据库一致，没有需要导入的变化。")


def _check_error_book_target(source: Path, out: Path) -> None:
    """Refuse an --errors file that would overwrite the input or cannot be written where asked."""
    out = out.with_suffix(".xlsx")
    refuse_overwriting(source, out, "错误标注文件")
    if not out.parent.is_dir():
        raise UserError(f"错误标注文件的文件夹不存在：{out.parent}。请先建好文件夹，或换一个位置。")
    if not os.access(out.parent, os.W_OK):
        raise UserError(f"没有权限在 {out.parent} 中保存错误标注文件。请换一个位置。")


def run_import(ctx: ServiceContext, args: argparse.Namespace) -> int:
    options = PlanOptions(
        mark_missing=args.mark_missing,
        skip_bad_households=args.skip_bad_households,
        income_year=args.year,
        clear_blanks=args.clear_blanks,
    )
    if args.errors:  # before importing: a bad --errors must not fail the command after data changed
        _check_error_book_target(args.file, args.errors)
    summary, book = run_with_progress(import_file(ctx, args.file, options, dry_run_only=args.dry_run))
    if args.errors and (summary.errors or summary.warnings):
        try:
            written = save_error_workbook(book, [*summary.errors, *summary.warnings], args.errors)
        except UserError as exc:
            if not summary.committed:
                raise
            raise UserError(
                f"数据已导入（导入前的备份：{summary.backup}），但错误标注文件未能保存：{exc.message}"
            ) from exc
        print(f"已生成错误标注文件：{written}", file=sys.stderr)
    if args.json:
        print_json(summary.as_json())
    else:
        _print_summary(summary, dry_run=args.dry_run)
    return 1 if summary.errors and not summary.committed else 0  # errors and nothing imported


def run_compare(ctx: ServiceContext, args: argparse.Namespace) -> int:
    report = run_with_progress(compare_file(ctx, args.file, args.output))
    if args.json:
        print_json(report.as_json())
        return 0
    for line in report.lines():
        print(line)
    print(f"比对结果已保存到：{report.path}")
    return 0


def run_export(ctx: ServiceContext, args: argparse.Namespace) -> int:
    headers = None
    if args.print_columns is not None:
        headers = [h.strip() for h in args.print_columns.replace("、", ",").replace("，", ",").split(",")]
        headers = [h for h in headers if h]
    result = run_with_progress(
        export_ledger(ctx, args.kind, args.output, full_id=args.full_id, print_headers=headers)
    )
    title = EXPORT_KINDS[args.kind].title
    print(f"已导出{title} {result.rows} {EXPORT_KINDS[args.kind].unit}到：{result.path}")
    if result.full_id:
        print("注意：文件含完整证件号码，请妥善保管，不要外传。", file=sys.stderr)
    return 0
