"""区划管理 (issue 16 §1): villages and groups added by hand from nothing, renamed, merged with their
households, ordered, deleted while empty, their 村务 contacts — through the services and `fupin area`."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fupin_desktop.cli import main
from fupin_desktop.errors import InputInvalid, NotFound, PermissionDenied
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.register.area_merge import merge_areas
from fupin_desktop.services.register.areas import (
    Contacts,
    add_groups,
    add_village,
    area_tree,
    delete_area,
    find_area,
    move_area,
    rename_area,
    set_contacts,
)
from fupin_desktop.services.register.settings import get_settings, save_settings

READER = Actor("reader", "读者", Role.READER)


def run(capsys: pytest.CaptureFixture[str], folder: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def sql(folder: Path, query: str, *params: object) -> list[tuple]:
    connection = sqlite3.connect(folder / "fupin.sqlite")
    try:
        return connection.execute(query, params).fetchall()
    finally:
        connection.close()


def snapshot(folder: Path) -> list[tuple]:
    """Every area, every household's 村/组 and the number of audit rows: what a refused change keeps."""
    return [
        *sql(folder, "SELECT * FROM area ORDER BY id"),
        *sql(folder, "SELECT id, village_id, group_id FROM household ORDER BY id"),
        *sql(folder, "SELECT count(*) FROM audit_log"),
    ]


def tree(ctx: ServiceContext) -> list[tuple[str, list[str]]]:
    return [(v.name, [g.name for g in v.groups]) for v in area_tree(ctx)]


def named(ctx: ServiceContext, township: str = "清水镇") -> ServiceContext:
    save_settings(ctx, get_settings(ctx).with_changes(township=township, county="云岭县"))
    return ctx


# ------------------------------------------------------------------ services


def test_from_nothing_a_village_goes_under_the_township_of_the_settings(ctx: ServiceContext) -> None:
    named(ctx)
    village = add_village(ctx, " 清水村 ", ["一组", "二组"])
    add_village(ctx, "石桥村")
    add_groups(ctx, village, ["三组"])
    assert tree(ctx) == [("清水村", ["一组", "二组", "三组"]), ("石桥村", [])]
    assert {v.township for v in area_tree(ctx)} == {"清水镇"}
    assert sql(ctx.paths.root, "SELECT a.name, c.name, c.level FROM area a JOIN area c ON a.parent_id = c.id "
               "WHERE a.level = 'township'") == [("清水镇", "云岭县", "county")]  # fmt: skip
    audit = sql(
        ctx.paths.root, "SELECT action, entity, summary FROM audit_log WHERE entity = 'area' ORDER BY id"
    )
    assert audit == [
        ("新增", "area", "新增村“清水村”，组：一组、二组"),
        ("新增", "area", "新增村“石桥村”"),
        ("新增", "area", "“清水村”新增组：三组"),
    ]


def test_without_a_township_name_the_clerk_is_told_where_to_give_one(ctx: ServiceContext) -> None:
    before = snapshot(ctx.paths.root)
    with pytest.raises(InputInvalid, match="文件 → 设置 中填写乡镇名称"):
        add_village(ctx, "清水村")
    assert snapshot(ctx.paths.root) == before
    add_village(ctx, "清水村", township="清水镇")  # named here, the new database adopts it
    assert get_settings(ctx).township == "清水镇"
    assert area_tree(ctx)[0].township == "清水镇"


@pytest.mark.parametrize(
    ("name", "groups", "message"),
    [
        ("", (), "请填写村名称"),
        ("清水村", (), "已经有叫“清水村”的村了"),
        ("新村", ("一组", "一组"), "已经有叫“一组”的组了"),
        ("长" * 61, (), "超过 60 个字"),
        ("上/下村", (), "不能有“/”"),
    ],
)
def test_bad_names_are_refused_and_nothing_changes(
    ctx: ServiceContext, name: str, groups: tuple[str, ...], message: str
) -> None:
    add_village(named(ctx), "清水村", ["一组"])
    before = snapshot(ctx.paths.root)
    with pytest.raises(InputInvalid, match=message):
        add_village(ctx, name, groups)
    assert snapshot(ctx.paths.root) == before


def test_rename_and_order(ctx: ServiceContext) -> None:
    village = add_village(named(ctx), "清水村", ["一组", "二组"])
    other = add_village(ctx, "石桥村")
    rename_area(ctx, find_area(ctx, "清水村/一组"), "上寨组")
    rename_area(ctx, other, "石桥社区")
    with pytest.raises(InputInvalid, match="已经有叫“二组”的组了"):
        rename_area(ctx, find_area(ctx, "清水村/上寨组"), "二组")
    assert move_area(ctx, find_area(ctx, "石桥社区"), -1)
    assert not move_area(ctx, find_area(ctx, "石桥社区"), -1)  # already first
    assert move_area(ctx, find_area(ctx, "清水村/二组"), -1)
    assert tree(ctx) == [("石桥社区", []), ("清水村", ["二组", "上寨组"])]
    summaries = [s for (s,) in sql(ctx.paths.root, "SELECT summary FROM audit_log WHERE action = '修改'")]
    assert "组“清水村一组”改名为“上寨组”" in summaries and "村“石桥村”改名为“石桥社区”" in summaries
    assert village == find_area(ctx, "清水村")


def test_merging_villages_moves_households_groups_tasks_and_helpers(demo_ctx: ServiceContext) -> None:
    folder = demo_ctx.paths.root
    source, target = area_tree(demo_ctx)[0], area_tree(demo_ctx)[1]
    moved = sql(folder, "SELECT id, number FROM household WHERE village_id = ? ORDER BY id", source.id)
    tasks = sql(folder, "SELECT count(*) FROM task WHERE village_id IN (?, ?)", source.id, target.id)[0][0]
    target_groups = {g.name for g in target.groups}
    result = merge_areas(demo_ctx, source.id, target.id)

    assert result.message.startswith(f"已把“{source.name}”合并到“{target.name}”：{len(moved)} 户随之移入")
    assert [v.name for v in area_tree(demo_ctx)][:1] == [target.name]  # the source is gone
    merged = next(v for v in area_tree(demo_ctx) if v.id == target.id)
    assert merged.households == source.households + target.households
    assert [g.name for g in merged.groups][: len(target.groups)] == [g.name for g in target.groups]
    assert {g.name for g in merged.groups} == target_groups | {g.name for g in source.groups}
    assert set(result.groups_merged) == target_groups & {g.name for g in source.groups}
    for table in ("household", "task", "helper", "work_team"):
        assert sql(folder, f"SELECT count(*) FROM {table} WHERE village_id = ?", source.id) == [(0,)]
    assert sql(folder, "SELECT count(*) FROM task WHERE village_id = ?", target.id)[0][0] == tasks
    # every moved household sits in a group of the target village
    orphans = sql(
        folder,
        "SELECT count(*) FROM household h JOIN area g ON g.id = h.group_id WHERE h.village_id = ? "
        "AND g.parent_id != ?",
        target.id,
        target.id,
    )
    assert orphans == [(0,)]
    action, summary, after = sql(
        folder, "SELECT action, summary, after FROM audit_log ORDER BY id DESC LIMIT 1"
    )[0]
    assert action == "合并" and summary.startswith(f"“{source.name}”合并到“{target.name}”")
    assert json.loads(after)["户编号"] == sorted(number for _, number in moved)


def test_merging_groups_and_the_refused_merges(demo_ctx: ServiceContext) -> None:
    folder = demo_ctx.paths.root
    first, second = area_tree(demo_ctx)[:2]
    a, b = first.groups[0], first.groups[1]
    result = merge_areas(demo_ctx, a.id, b.id)
    assert result.message.startswith(
        f"已把“{first.name}{a.name}”合并到“{first.name}{b.name}”：{a.households} 户"
    )
    now = next(v for v in area_tree(demo_ctx) if v.id == first.id)
    assert a.name not in [g.name for g in now.groups]
    assert next(g for g in now.groups if g.id == b.id).households == a.households + b.households
    before = snapshot(folder)
    with pytest.raises(InputInvalid, match="不在同一个村"):
        merge_areas(demo_ctx, b.id, second.groups[0].id)
    with pytest.raises(InputInvalid, match="只能把村合并到村"):
        merge_areas(demo_ctx, b.id, second.id)
    with pytest.raises(InputInvalid, match="不能合并到它自己"):
        merge_areas(demo_ctx, second.id, second.id)
    assert snapshot(folder) == before


def test_only_an_empty_village_or_group_is_deleted(demo_ctx: ServiceContext) -> None:
    folder = demo_ctx.paths.root
    village = area_tree(demo_ctx)[0]
    before = snapshot(folder)
    with pytest.raises(
        InputInvalid, match=rf"“{village.name}”还有 {village.households} 户.*整改任务.*不能删除"
    ):
        delete_area(demo_ctx, village.id)
    assert snapshot(folder) == before
    empty = add_village(demo_ctx, "新建村", ["一组"])
    assert delete_area(demo_ctx, empty) == "新建村"
    assert "新建村" not in [v.name for v in area_tree(demo_ctx)]
    assert sql(folder, "SELECT summary FROM audit_log ORDER BY id DESC LIMIT 1") == [
        ("删除村“新建村”（及其组：一组）",)
    ]


def test_contacts_are_checked_saved_and_audited(ctx: ServiceContext) -> None:
    village = add_village(named(ctx), "清水村")
    before = snapshot(ctx.paths.root)
    with pytest.raises(InputInvalid, match="监测联系人的电话“1391234”不是11位"):
        set_contacts(ctx, village, Contacts("张丽", "1391234"))
    with pytest.raises(InputInvalid, match="请同时填写驻村第一书记姓名"):
        set_contacts(ctx, village, Contacts(secretary_phone="13912345678"))
    assert snapshot(ctx.paths.root) == before
    assert set_contacts(ctx, village, Contacts(" 张丽 ", "13912345678", "王强", "0851-8123456"))
    assert not set_contacts(ctx, village, Contacts("张丽", "13912345678", "王强", "0851-8123456"))
    assert area_tree(ctx)[0].contacts == Contacts("张丽", "13912345678", "王强", "0851-8123456")
    summary, after = sql(ctx.paths.root, "SELECT summary, after FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert summary == "修改“清水村”的村务联系人" and json.loads(after)["驻村第一书记"] == "王强"


def test_a_reader_may_list_but_not_change(demo_ctx: ServiceContext) -> None:
    reader = demo_ctx.acting_as(READER)
    assert len(area_tree(reader)) == 12
    with pytest.raises(PermissionDenied, match="录入和修改数据"):
        add_village(reader, "新村")
    with pytest.raises(NotFound, match="找不到“没有村”村"):
        find_area(reader, "没有村")


def test_the_demo_villages_have_their_contacts(demo_ctx: ServiceContext) -> None:
    first = area_tree(demo_ctx)[0]
    secretary = sql(
        demo_ctx.paths.root,
        "SELECT name, phone FROM helper WHERE village_id = ? AND role = '驻村第一书记'",
        first.id,
    )
    assert (first.contacts.secretary, first.contacts.secretary_phone) == secretary[0]
    assert first.contacts.monitor


# ------------------------------------------------------------------ the command line


def test_cli_from_nothing(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data_dir, "area", "add", "清水村", "一组")
    assert code == 1 and out == "" and "--township" in err
    code, out, _ = run(capsys, data_dir, "area", "add", "清水村", "一组", "二组", "--township", "清水镇")
    assert code == 0 and out == "已添加村“清水村”，组：一组、二组。\n"
    assert run(capsys, data_dir, "area", "add", "清水村", "三组")[1] == "已在“清水村”添加 1 个组：三组。\n"
    code, _, err = run(capsys, data_dir, "area", "add", "清水村")
    assert code == 1 and err == "未添加：已经有叫“清水村”的村了，请换一个名称（或把两者合并）。\n"
    code, out, _ = run(capsys, data_dir, "area", "rename", "清水村/一组", "上寨组")
    assert code == 0 and out == "已把“清水村/一组”改名为“清水村/上寨组”。\n"
    code, out, _ = run(
        capsys, data_dir, "area", "contacts", "清水村", "--monitor", "张丽", "--monitor-phone", "13912345678"
    )
    assert code == 0 and out == "已保存“清水村”的联系人：监测联系人 张丽 13912345678\n"
    code, out, _ = run(capsys, data_dir, "area", "list")
    assert out.splitlines() == [
        "清水村\t0 户\t监测联系人 张丽 13912345678",
        "  上寨组\t0 户",
        "  二组\t0 户",
        "  三组\t0 户",
    ]


def test_cli_list_json_and_merge_on_the_demo(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, demo_dir, "area", "list", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"villages"} and len(data["villages"]) == 12
    first, second = data["villages"][:2]
    assert set(first) == {"name", "township", "households", "groups", "contacts"}
    assert set(first["contacts"]) == {"monitor", "monitor_phone", "secretary", "secretary_phone"}
    assert (
        sum(v["households"] for v in data["villages"])
        == sql(demo_dir, "SELECT count(*) FROM household WHERE archived = 0")[0][0]
    )
    moved = sql(demo_dir, "SELECT count(*) FROM household h JOIN area a ON a.id = h.village_id WHERE a.name = ?",
                first["name"])[0][0]  # fmt: skip
    code, out, _ = run(capsys, demo_dir, "area", "merge", first["name"], second["name"])
    assert code == 0 and out.startswith(f"已把“{first['name']}”合并到“{second['name']}”：{moved} 户随之移入")
    after = json.loads(run(capsys, demo_dir, "area", "list", "--json")[1])["villages"]
    assert after[0]["name"] == second["name"] and len(after) == 11
    assert after[0]["households"] == first["households"] + second["households"]


def test_cli_refusals_change_nothing(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(demo_dir)
    village = sql(demo_dir, "SELECT name FROM area WHERE level = 'village' ORDER BY sort_order LIMIT 1")[0][0]
    code, out, err = run(capsys, demo_dir, "area", "merge", "没有村", village)
    assert (code, out) == (2, "") and err.startswith("找不到“没有村”村。现有的村：")
    code, _, err = run(capsys, demo_dir, "area", "contacts", village, "--secretary-phone", "12345")
    assert code == 1 and "驻村第一书记的电话“12345”不是11位" in err
    code, _, err = run(capsys, demo_dir, "area", "rename", f"{village}/没有组", "新组")
    assert code == 2 and f"“{village}”没有“没有组”" in err
    assert snapshot(demo_dir) == before


# ------------------------------------------------------------------ on paper


def test_the_contacts_are_printed_on_the_notice_and_the_warchart(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    from collections import Counter

    from pypdf import PdfReader

    from fupin_desktop.reports.notice import NoticeKind
    from fupin_desktop.services.assignments.warchart import warchart_data
    from fupin_desktop.services.printing.notices import notice_data, notice_job
    from fupin_desktop.services.progress import run_job
    from tests.pdf_checks import flat, text

    since = date(2026, 1, 1)
    counts = Counter(
        name
        for (name,) in sql(
            demo_ctx.paths.root,
            "SELECT a.name FROM household h JOIN area a ON a.id = h.village_id "
            "WHERE h.monitor_category IS NOT NULL AND h.identified_on >= ?",
            since.isoformat(),
        )
    )
    village = counts.most_common(1)[0][0]
    set_contacts(
        demo_ctx, find_area(demo_ctx, village), Contacts("张丽", "13912345678", "欧阳明", "0851-8123456")
    )
    notice = notice_data(demo_ctx, village, NoticeKind.IDENTIFY, since=since)
    assert notice.contacts == ("监测联系人 张丽（13912345678）", "驻村第一书记 欧阳明（0851-8123456）")
    out = tmp_path / "notice.pdf"
    run_job(notice_job(demo_ctx, village, NoticeKind.IDENTIFY, out, since=since))
    assert "本村联系人：监测联系人张丽（13912345678）；驻村第一书记欧阳明（0851-8123456）。" in flat(
        text(PdfReader(out))
    )

    cadres = warchart_data(demo_ctx, village).villages[0].cadres
    assert cadres[:2] == ("驻村第一书记 欧阳明（0851-8123456）", "监测联系人 张丽（13912345678）")
    other = next(v for v in area_tree(demo_ctx) if v.name != village)
    shown = warchart_data(demo_ctx, other.name).villages[0].cadres  # contacts that are helpers: listed once
    assert sum(c.startswith(f"驻村第一书记 {other.contacts.secretary}") for c in shown) == 1
