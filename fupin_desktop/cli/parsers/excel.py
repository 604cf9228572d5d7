"""`fupin import`, `fupin compare` and `fupin export`: options, help texts and choices.

The handlers are in `cli.excel`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fupin_desktop.cli.common import add_command, handlers
from fupin_desktop.domain.ledgers import LEDGER_KINDS

run = handlers("excel")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    imp = add_command(
        subparsers,
        common,
        "import",
        "导入全国系统导出的表格、监测对象名单或本程序的导入模板",
        run("run_import"),
    )
    imp.add_argument("file", metavar="FILE", type=Path, help="要导入的文件（.xlsx .xlsm .xls .ods .csv）")
    imp.add_argument("--dry-run", action="store_true", help="只检查、统计，不写入数据库")
    imp.add_argument("--errors", metavar="OUT.xlsx", type=Path, help="把有问题的单元格标红，另存为这个文件")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    imp.add_argument(
        "--mark-missing", action="store_true", help="数据库中有、文件中没有的成员标记为“自然减少”"
    )
    imp.add_argument(
        "--year",
        type=int,
        metavar="YYYY",
        help="文件的收入各列属于哪一年（文件中没有年度、数据日期，标题和文件名中也没有日期时）",
    )
    imp.add_argument(
        "--skip-bad-households",
        action="store_true",
        help="跳过有错误的户，导入其余的户（默认有错误就全部不导入）",
    )
    imp.add_argument(
        "--clear-blanks",
        action="store_true",
        help="文件中的空白单元格清除数据库中已有的值（默认空白不覆盖已有的值）",
    )

    cmp = add_command(
        subparsers,
        common,
        "compare",
        "机账比对：全国系统导出的表格与本机数据逐户比对（不修改数据）",
        run("run_compare"),
    )
    cmp.add_argument("file", metavar="FILE", type=Path, help="全国系统导出的表格")
    cmp.add_argument("-o", "--output", metavar="OUT.xlsx", type=Path, required=True, help="比对结果保存到")
    cmp.add_argument("--json", action="store_true", help="以 JSON 输出汇总")

    exp = add_command(subparsers, common, "export", "导出台账到 Excel", run("run_export"))
    exp.add_argument(
        "kind",
        metavar="KIND",
        choices=sorted(LEDGER_KINDS),
        help="、".join(f"{k}（{v.title}）" for k, v in LEDGER_KINDS.items()),
    )
    exp.add_argument("-o", "--output", metavar="OUT.xlsx", type=Path, required=True, help="保存到")
    exp.add_argument(
        "--full-id", action="store_true", help="导出完整证件号码（需要相应权限，会记入操作日志）"
    )
    exp.add_argument(
        "--print-columns",
        metavar="列名,列名,…",
        help="人口台账、户台账、监测对象名单、整改清单、数据核查结果另附“打印”工作表（A4 横向、按村分页小计），"
        "这里指定它的列（逗号或顿号分开；默认为开会常用的列；填“无”则不附）",
    )
