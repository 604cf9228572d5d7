"""The 代码表: values are added, ordered, switched off and given aliases, all at once or not at all;
values the program needs stay; every change is audited; only the administrator may change them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, update

from fupin_desktop.db.models import AuditLog, CodeItem
from fupin_desktop.domain.codes import LOCKED_CODES
from fupin_desktop.errors import InputInvalid, PermissionDenied
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.register.codes import CodeEntry, code_lists, code_table, save_code_table

CLERK = Actor("clerk", "录入员", Role.CLERK)


def test_every_locked_value_is_in_the_seeded_lists(ctx: ServiceContext) -> None:
    seeded = json.loads((Path(__file__).parents[2] / "resources/codes/codes.json").read_text("utf-8"))
    for field, values in LOCKED_CODES.items():
        assert values <= set(seeded[field]), field


def test_add_order_switch_off_and_alias(ctx: ServiceContext) -> None:
    table = code_table(ctx)
    nations = table["民族"]
    assert nations[0].value == "汉族" and all(e.active for e in nations)
    nations.append(CodeEntry("仡佬族"))  # new, last
    nations.insert(0, nations.pop(2))  # the third value first
    third = nations[0].value
    nations[1] = replace(nations[1], active=False)  # 汉族 off
    nations[-1] = replace(nations[-1], aliases=("仡佬",))
    assert save_code_table(ctx, table) == ["民族"]

    lists = code_lists(ctx)
    assert lists.values["民族"][0] == third and lists.values["民族"][-1] == "仡佬族"
    assert "汉族" not in lists.values["民族"]
    assert lists.canonical("民族", " 仡佬 ") == "仡佬族"
    again = code_table(ctx)["民族"]
    assert [e.value for e in again] == [e.value for e in nations] and not again[1].active
    with ctx.sessions() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.entity == "code_item")).one()
    assert row.entity_id == "民族" and row.user_name == ctx.actor.label
    for words in ("新增“仡佬族”（别名“仡佬”）", "停用“汉族”", "调整顺序"):
        assert words in row.summary
    assert save_code_table(ctx, code_table(ctx)) == []  # nothing changed: no audit row
    later = code_table(ctx)
    later["民族"][0] = replace(later["民族"][0], aliases=("老写法",))
    assert save_code_table(ctx, later) == ["民族"]
    with ctx.sessions() as session:
        rows = session.scalars(select(AuditLog.summary).where(AuditLog.entity == "code_item")).all()
    assert len(rows) == 2 and f"“{third}”的别名改为“老写法”" in rows[-1]


@pytest.mark.parametrize(
    ("field", "change", "message"),
    [
        ("与户主关系", lambda es: [replace(e, active=e.value != "户主") for e in es], "不能停用"),
        ("民族", lambda es: [*es, CodeEntry("汉族")], "重复"),
        ("民族", lambda es: [*es, CodeEntry(" 苗族 ")], "前后带空格"),
        ("民族", lambda es: [*es, CodeEntry("新值", aliases=("汉族",))], "既是"),
    ],
)
def test_a_list_that_would_break_saves_nothing(ctx: ServiceContext, field, change, message) -> None:  # type: ignore[no-untyped-def]
    table = code_table(ctx)
    before = code_table(ctx)
    table["民族"] = [*table["民族"], CodeEntry("畲族")]  # a valid change in the same save
    table[field] = change(table[field])
    with pytest.raises(InputInvalid, match=message):
        save_code_table(ctx, table)
    assert code_table(ctx) == before


def test_only_the_administrator_changes_the_lists(ctx: ServiceContext) -> None:
    clerk = ServiceContext(db=ctx.db, actor=CLERK, today=ctx.today)
    table = code_table(clerk)  # anyone may look
    table["民族"].append(CodeEntry("畲族"))
    with pytest.raises(PermissionDenied):
        save_code_table(clerk, table)
    assert "畲族" not in code_lists(ctx).values["民族"]


def test_aliases_compare_as_imports_read_them(ctx: ServiceContext) -> None:
    table = code_table(ctx)
    table["民族"][1] = replace(table["民族"][1], aliases=("ＨＡＮ",))
    table["民族"][2] = replace(table["民族"][2], aliases=("han",))  # the same spelling to an import
    with pytest.raises(InputInvalid, match="既是"):
        save_code_table(ctx, table)
    table["民族"][2] = replace(table["民族"][2], aliases=(" 苗 ",))
    with pytest.raises(InputInvalid, match="前后带空格的“苗族”的别名"):
        save_code_table(ctx, table)


def test_a_needed_value_stored_switched_off_is_offered_again(ctx: ServiceContext) -> None:
    with ctx.sessions.begin() as session:
        session.execute(
            update(CodeItem)
            .where(CodeItem.field == "与户主关系", CodeItem.value == "户主")
            .values(active=False)
        )
    table = code_table(ctx)
    assert next(e for e in table["与户主关系"] if e.value == "户主").active
    assert save_code_table(ctx, table) == ["与户主关系"]  # saving switches it back on, audited
    assert "户主" in code_lists(ctx).values["与户主关系"]


def test_a_list_that_does_not_exist_is_not_made(ctx: ServiceContext) -> None:
    with pytest.raises(InputInvalid, match="没有这些代码表：星座"):
        save_code_table(ctx, {"星座": [CodeEntry("白羊座")]})
    assert "星座" not in code_table(ctx)
