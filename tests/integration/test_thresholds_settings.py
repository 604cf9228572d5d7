"""The 监测范围 table and the settings screen's service: replace, validate, permissions, audit, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fupin_desktop.cli import main
from fupin_desktop.errors import InputInvalid, PermissionDenied
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.register.settings import get_settings, save_settings_and_thresholds
from fupin_desktop.services.register.thresholds import (
    ThresholdRow,
    list_thresholds,
    save_thresholds,
    thresholds_by_year,
)
from tests.support.audit import audit_rows_written

NATIONAL_2021 = ThresholdRow(2021, "全国", 6000, "2021年全国底线")


def test_save_replaces_the_table_with_an_audit_row(ctx: ServiceContext) -> None:
    rows = [NATIONAL_2021, ThresholdRow(2026, "本地", 8100, "县文件"), ThresholdRow(2027, "本地", 8400)]
    written = audit_rows_written(ctx, lambda: save_thresholds(ctx, rows))
    assert written == [("修改", "threshold", ctx.actor.label)]
    assert list_thresholds(ctx) == rows
    with ctx.sessions() as session:
        assert thresholds_by_year(session) == {2021: 6000, 2026: 8100, 2027: 8400}
    save_thresholds(ctx, [NATIONAL_2021, ThresholdRow(2026, "本地", 8200)])
    assert list_thresholds(ctx) == [NATIONAL_2021, ThresholdRow(2026, "本地", 8200)]
    assert audit_rows_written(ctx, lambda: save_thresholds(ctx, list_thresholds(ctx))) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (ThresholdRow(2020, "本地", 5000), "年度应在 2021—2027 之间"),
        (ThresholdRow(2028, "本地", 9000), "年度应在 2021—2027 之间"),
        (ThresholdRow(2026, "本地", 0), "金额应大于0元"),
        (ThresholdRow(2026, " ", 8000), "请填写地区"),
        (ThresholdRow(2021, "全国", 6100), "重复"),
    ],
)
def test_invalid_rows_leave_the_table_unchanged(ctx: ServiceContext, row: ThresholdRow, message: str) -> None:
    before = list_thresholds(ctx)
    with pytest.raises(InputInvalid, match=message):
        save_thresholds(ctx, [NATIONAL_2021, ThresholdRow(2026, "本地", 8100), row])
    assert list_thresholds(ctx) == before


def test_settings_and_thresholds_are_saved_together_or_not_at_all(ctx: ServiceContext) -> None:
    settings = get_settings(ctx).with_changes(township="清水镇", helper_limit=6)
    with pytest.raises(InputInvalid, match="金额应大于0元"):
        save_settings_and_thresholds(ctx, settings, [NATIONAL_2021, ThresholdRow(2026, "本地", -1)])
    assert get_settings(ctx).township == ""
    bad = settings.with_changes(helper_limit=0)
    with pytest.raises(InputInvalid, match="结对上限"):
        save_settings_and_thresholds(ctx, bad, [NATIONAL_2021, ThresholdRow(2026, "本地", 8100)])
    assert list_thresholds(ctx) == [NATIONAL_2021]
    written = audit_rows_written(
        ctx,
        lambda: save_settings_and_thresholds(
            ctx, settings, [NATIONAL_2021, ThresholdRow(2026, "本地", 8100)]
        ),
    )
    assert [(a, e) for a, e, _ in written] == [("修改", "setting"), ("修改", "threshold")]
    assert get_settings(ctx).helper_limit == 6
    assert [r.year for r in list_thresholds(ctx)] == [2021, 2026]


@pytest.mark.parametrize("role", [Role.READER, Role.CLERK])
def test_only_administrators_change_thresholds(ctx: ServiceContext, role: Role) -> None:
    other = ctx.acting_as(Actor("li", "李", role))
    with pytest.raises(PermissionDenied):
        save_thresholds(other, [NATIONAL_2021, ThresholdRow(2026, "本地", 8100)])
    with pytest.raises(PermissionDenied):
        save_settings_and_thresholds(other, get_settings(ctx), [NATIONAL_2021])
    assert list_thresholds(ctx) == [NATIONAL_2021]


def test_cli_threshold_set_and_list(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = ["--data-dir", str(data_dir)]
    assert main(["threshold", "set", "2026", "8100", "--note", "县文件", *folder]) == 0
    assert "8100" in capsys.readouterr().out
    assert main(["threshold", "set", "2026", "8200", "--region", "全国", *folder]) == 0
    capsys.readouterr()
    assert main(["threshold", "list", "--json", *folder]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["threshold_region"] == "本地"
    assert {(t["year"], t["region"], t["amount"], t["note"]) for t in listed["thresholds"]} == {
        (2021, "全国", 6000, "2021年全国底线"),
        (2026, "本地", 8100, "县文件"),
        (2026, "全国", 8200, ""),
    }
    assert main(["threshold", "list", *folder]) == 0
    assert "2026\t本地\t8100 元\t县文件" in capsys.readouterr().out
    assert main(["threshold", "set", "2026", "0", *folder]) == 1
    assert "金额应大于0元" in capsys.readouterr().err
