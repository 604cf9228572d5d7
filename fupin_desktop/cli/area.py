"""`fupin area add|rename|merge|list|contacts`: the township's villages and groups (区划管理).

The handlers; the options and help texts are in `cli.parsers.area`.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace

from fupin_desktop.cli.common import print_json
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.register import (
    Contacts,
    VillageEntry,
    add_groups,
    add_village,
    area_tree,
    find_area,
    merge_areas,
    rename_area,
    set_contacts,
)


def run_area(ctx: ServiceContext, args: argparse.Namespace) -> int:
    return {"add": _add, "rename": _rename, "merge": _merge, "list": _list, "contacts": _contacts}[
        args.action
    ](ctx, args)


def _add(ctx: ServiceContext, args: argparse.Namespace) -> int:
    existing = next((v for v in area_tree(ctx) if v.name == args.village.strip()), None)
    if existing is not None and args.groups:
        add_groups(ctx, existing.id, args.groups)
        print(f"已在“{existing.name}”添加 {len(args.groups)} 个组：{'、'.join(args.groups)}。")
        return 0
    add_village(
        ctx, args.village, args.groups, township=args.township
    )  # an existing village without groups is refused there
    groups = f"，组：{'、'.join(args.groups)}" if args.groups else ""
    print(f"已添加村“{args.village.strip()}”{groups}。")
    return 0


def _rename(ctx: ServiceContext, args: argparse.Namespace) -> int:
    rename_area(ctx, find_area(ctx, args.old), args.new)
    village, slash, _ = args.old.strip().partition("/")
    new = f"{village}/{args.new.strip()}" if slash else args.new.strip()
    print(f"已把“{args.old.strip()}”改名为“{new}”。")
    return 0


def _merge(ctx: ServiceContext, args: argparse.Namespace) -> int:
    result = merge_areas(ctx, find_area(ctx, args.source), find_area(ctx, args.target))
    print(result.message)
    return 0


def _contacts(ctx: ServiceContext, args: argparse.Namespace) -> int:
    village_id = find_area(ctx, args.village)
    village = next(v for v in area_tree(ctx) if v.id == village_id)
    given = {
        "monitor": args.monitor,
        "monitor_phone": args.monitor_phone,
        "secretary": args.secretary,
        "secretary_phone": args.secretary_phone,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        print(f"{village.name}：{_contact_line(village.contacts)}")
        return 0
    if set_contacts(ctx, village_id, replace(village.contacts, **changes)):
        updated = next(v for v in area_tree(ctx) if v.id == village_id)
        print(f"已保存“{village.name}”的联系人：{_contact_line(updated.contacts)}")
    else:
        print(f"“{village.name}”的联系人没有改动。")
    return 0


def _list(ctx: ServiceContext, args: argparse.Namespace) -> int:
    rows = area_tree(ctx)
    if args.json:
        print_json({"villages": [_json(v) for v in rows]})
        return 0
    if not rows:
        print("还没有任何村。可以用 fupin area add 村名 组名… 添加，或导入数据。")
        return 0
    for v in rows:
        print(f"{v.name}\t{v.households} 户\t{_contact_line(v.contacts)}")
        for g in v.groups:
            print(f"  {g.name}\t{g.households} 户")
    return 0


def _contact_line(contacts: Contacts) -> str:
    if not contacts.filled:
        return "（未设联系人）"
    parts = [
        f"{title} {name}" + (f" {phone}" if phone else "")
        for title, name, phone in (
            ("监测联系人", contacts.monitor, contacts.monitor_phone),
            ("驻村第一书记", contacts.secretary, contacts.secretary_phone),
        )
        if name
    ]
    return "；".join(parts)


def _json(v: VillageEntry) -> dict:
    return {
        "name": v.name,
        "township": v.township,
        "households": v.households,
        "groups": [{"name": g.name, "households": g.households} for g in v.groups],
        "contacts": asdict(v.contacts),
    }
