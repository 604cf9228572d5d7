"""`fupin audit [list]`: read the audit trail (审计日志) as the viewer shows it, filter it, export it;
`fupin audit verify`: check its hash chain and say where it was broken.

Read-only, so it never asks for a sign-in (its --user filters by user). ID numbers are masked in what it
prints and exports: its output is easily redirected into a file.

The handlers; the options and help texts are in `cli.parsers.audit`.
"""

from __future__ import annotations

import argparse
import sys

from fupin_desktop.cli.common import print_json, run_with_progress
from fupin_desktop.errors import InputInvalid
from fupin_desktop.services.accounts import (
    AuditQuery,
    AuditRow,
    audit_ids,
    audit_rows,
    export_audit,
    verify_chain,
)
from fupin_desktop.services.context import ServiceContext

PAGE = 500


def run_audit(ctx: ServiceContext, args: argparse.Namespace) -> int:
    if args.action == "verify":
        return run_verify(ctx, args)
    if args.since and args.until and args.since > args.until:
        raise InputInvalid(f"起始日期 {args.since} 晚于截止日期 {args.until}。")
    if args.limit < 0:
        raise InputInvalid("--limit 应为正整数。")
    query = AuditQuery(user=args.user, since=args.since, until=args.until, household=args.household)
    if args.export:
        path = args.export if args.export.suffix.lower() == ".xlsx" else args.export.with_suffix(".xlsx")
        count = run_with_progress(export_audit(ctx, query, path))
        if args.json:
            print_json({"exported": count, "file": str(path)})
        else:
            print(f"已导出审计日志 {count} 条（{query.describe()}）：{path}")
        return 0
    ids = audit_ids(ctx, query)
    if args.limit:
        ids = ids[: args.limit]
    rows = [row for start in range(0, len(ids), PAGE) for row in _page(ctx, ids[start : start + PAGE])]
    if args.json:
        print_json({"rows": [_as_json(row) for row in rows], "count": len(rows)})
        return 0
    if not rows:
        print(f"没有符合条件的审计记录（{query.describe()}）。")
    for row in rows:
        print(
            "\t".join((f"{row.at:%Y-%m-%d %H:%M:%S}", row.user_name, row.action, _subject(row), row.summary))
        )
        for line in row.detail_lines()[1:]:
            print(line)
    return 0


def run_verify(ctx: ServiceContext, args: argparse.Namespace) -> int:
    report = run_with_progress(verify_chain(ctx))
    if args.json:
        print_json(
            {
                "rows": report.rows,
                "intact": report.intact,
                "breaks": [
                    {
                        "id": b.row_id,
                        "at": b.at.isoformat(timespec="seconds") if b.at else None,
                        "reason": b.reason,
                    }
                    for b in report.breaks
                ],
            }
        )
    else:
        for line in report.lines():
            print(line, file=sys.stdout if report.intact else sys.stderr)
    return 0 if report.intact else 1


def _page(ctx: ServiceContext, ids: list[int]) -> list[AuditRow]:
    found = audit_rows(ctx, ids, masked=True)
    return [found[i] for i in ids]


def _subject(row: AuditRow) -> str:
    return f"{row.entity_label} {row.subject}" if row.subject else row.entity_label


def _as_json(row: AuditRow) -> dict[str, object]:
    return {
        "at": row.at.isoformat(timespec="seconds"),
        "user": row.user_name,
        "action": row.action,
        "entity": row.entity_label,
        "subject": row.subject,
        "summary": row.summary,
        "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in row.changes],
    }
