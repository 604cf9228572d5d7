"""`fupin area add|rename|merge|list|contacts`: options, help texts and choices.

The handlers are in `cli.area`, imported when the command runs (`cli.common.handlers`).
"""

from __future__ import annotations

import argparse
from typing import Any

from fupin_desktop.cli.common import add_command, handlers

run = handlers("area")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    area = add_command(
        subparsers,
        common,
        "area",
        "区划管理：本乡镇的村和组（添加、改名、合并、列出、联系人）",
        run("run_area"),
    )
    actions = area.add_subparsers(dest="action", metavar="操作", required=True)
    add = actions.add_parser(
        "add", help="添加一个村（可同时添加它的组）；村已存在时只添加组", parents=[common]
    )
    add.add_argument("village", metavar="村名")
    add.add_argument("groups", nargs="*", metavar="组名", help="该村的组，按顺序")
    add.add_argument("--township", metavar="乡镇名", help="新村所属的乡镇（默认：设置中的乡镇名称）")
    rename = actions.add_parser("rename", help="给村或组改名（组写成“村名/组名”）", parents=[common])
    rename.add_argument("old", metavar="旧名")
    rename.add_argument("new", metavar="新名", help="新名称（组只写组名）")
    merge = actions.add_parser(
        "merge",
        help="把一个村合并到另一个村（户和组随之移入），或把一个组合并到本村另一个组",
        parents=[common],
    )
    merge.add_argument("source", metavar="来源", help="被合并的村，或“村名/组名”")
    merge.add_argument("target", metavar="目标", help="合并到的村，或“村名/组名”")
    listing = actions.add_parser("list", help="按顺序列出村、组、户数和村务联系人", parents=[common])
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    contacts = actions.add_parser(
        "contacts", help="设定村的监测联系人和驻村第一书记（空字符串清除）", parents=[common]
    )
    contacts.add_argument("village", metavar="村名")
    contacts.add_argument("--monitor", metavar="姓名", help="监测联系人")
    contacts.add_argument("--monitor-phone", metavar="电话", help="监测联系人电话")
    contacts.add_argument("--secretary", metavar="姓名", help="驻村第一书记")
    contacts.add_argument("--secretary-phone", metavar="电话", help="驻村第一书记电话")
