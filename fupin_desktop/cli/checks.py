"""`fupin check [--json] [-o OUT.xlsx] [--visits OUT.pdf]` (DESIGN §3): 数据核查 over the whole database.

Findings marked 已核实无误 whose household has not changed since are left out (and counted). The exit
code is 0 whenever the check ran: findings are the result, not an input error.

The handlers; the options and help texts are in `cli.parsers.checks`.
"""

from __future__ import annotations

import argparse
import sys

from fupin_desktop.cli.common import print_json, run_with_progress
from fupin_desktop.domain.checks import SEVERITY_ORDER
from fupin_desktop.services.checks import (
    CheckResult,
    collect_list,
    collect_sheets_job,
    run_checks,
    visit_list_job,
)
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.ledgers import export_ledger

MAX_LINES = 200  # findings printed one per line; all of them are in --json and -o


def run_collect(ctx: ServiceContext, args: argparse.Namespace) -> int:
    found = collect_list(ctx, args.village)
    if args.json:
        print_json(found.as_json())
    else:
        if not found.rows:
            print("没有需要采集信息的户：每户的信息都已齐全。")
        else:
            print(f"待采集的户：{len(found.rows)} 户")
            for village, n in found.by_village:
                print(f"  {village}：{n} 户")
            print("需要采集的信息（户数）：")
            for fact, n in found.by_fact:
                print(f"  {fact}：{n} 户")
            for row in found.rows[:MAX_LINES]:
                print(f"{row.village}{row.group} {row.number} {row.head}：{row.facts}")
            if len(found.rows) > MAX_LINES:
                print(
                    f"……另有 {len(found.rows) - MAX_LINES} 户未列出（用 --json 或 -o 清单.xlsx 查看全部）。",
                    file=sys.stderr,
                )
    if args.output and found.rows:
        ids = [r.household_id for r in found.rows]
        if args.output.suffix.lower() == ".pdf":
            printed = run_with_progress(collect_sheets_job(ctx, args.output.resolve(), household_ids=ids))
            print(
                f"入户核查表 {printed.households} 户（{printed.pages} 页）已保存到：{printed.path}",
                file=sys.stderr,
            )
        else:
            exported = run_with_progress(export_ledger(ctx, "collect", args.output, household_ids=ids))
            print(f"待采集清单 {exported.rows} 户已保存到：{exported.path}", file=sys.stderr)
    return 0


def run_check(ctx: ServiceContext, args: argparse.Namespace) -> int:
    result = run_with_progress(run_checks(ctx))
    if args.json:
        print_json(result.as_json())
    else:
        print_summary(result)
    if args.output:
        exported = run_with_progress(export_ledger(ctx, "findings", args.output, findings=result.findings))
        print(f"核查结果 {exported.rows} 条已保存到：{exported.path}", file=sys.stderr)
    if args.visits:
        printed = run_with_progress(visit_list_job(ctx, args.visits))
        print(
            f"帮扶走访名单 {printed.households} 户（{printed.pages} 页）已保存到：{printed.path}",
            file=sys.stderr,
        )
    return 0


def print_summary(result: CheckResult) -> None:
    severities = "，".join(f"{s} {n} 条" for s, n in result.severity_counts().items())
    quiet = f"；另有已核实无误 {len(result.reviewed)} 条未列出" if result.reviewed else ""
    print(f"共核查 {result.households} 户，发现问题 {len(result.findings)} 条（{severities}）{quiet}。")
    if not result.findings:
        return
    print("按核查项：")
    for theme, groups in result.by_theme():
        print(f"  【{theme}】")
        for g in groups:
            print(f"    {g.severity}　{g.label}　{g.findings} 条（{g.households} 户）")
    print("按村：")
    for g in result.by_village():
        print(f"  {g.label}　{g.findings} 条（{g.households} 户）")
    print("明细（错误在前）：")
    ordered = sorted(result.findings, key=lambda f: SEVERITY_ORDER[f.severity])
    for f in ordered[:MAX_LINES]:
        who = f" {f.member}" if f.member else ""
        print(f"  {f.severity}　{f.village} {f.household}{who}：{f.message}")
    if len(result.findings) > MAX_LINES:
        print(f"  ……另有 {len(result.findings) - MAX_LINES} 条未列出（用 -o 导出全部）。")
