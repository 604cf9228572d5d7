"""The audit trail: every kind of change writes a row; the viewer's queries and export; nothing edits it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import insert, select

from fupin_desktop.cli import main as cli_main
from fupin_desktop.db.backup import backup_database, list_backups
from fupin_desktop.db.models import Area, AuditLog, Helper, Household, Member
from fupin_desktop.errors import InputInvalid
from fupin_desktop.services.accounts.audit_log import (
    EXPORT_HEADERS,
    AuditQuery,
    AuditRow,
    audit_filters,
    audit_ids,
    audit_rows,
    export_audit,
)
from fupin_desktop.services.accounts.users import (
    LoginFailed,
    add_user,
    authenticate,
    change_own_password,
    create_first_admin,
    reset_password,
    unlock_user,
    update_user,
)
from fupin_desktop.services.context import LOCAL_ADMIN, Actor, Role, ServiceContext
from fupin_desktop.services.demo import generate_demo
from fupin_desktop.services.households.editing import load_draft, save_draft
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings, save_settings, set_threshold
from fupin_desktop.services.storage.backups import automatic_backup, backup_to, restore_backup
from tests.conftest import TODAY
from tests.support.audit import audit_rows_written
from tests.support.privacy import scan_file

PACKAGE = Path(__file__).resolve().parents[2] / "fupin_desktop"


# ---------------------------------------------------------------- every kind of change is audited


@dataclass(frozen=True)
class AuditCase:
    name: str
    call: Callable[[ServiceContext], object]
    expected: list[tuple[str, str]]  # (action, entity) of the rows written

    def __str__(self) -> str:
        return self.name


def _sign_in(ctx: ServiceContext, username: str, password: str) -> ServiceContext:
    return ctx.acting_as(authenticate(ctx, username, password).actor)


def _wrong_password(ctx: ServiceContext, times: int) -> None:
    for _ in range(times):
        with pytest.raises(LoginFailed):
            authenticate(ctx, "li", "not-the-password")


def _locked_then_unlocked(ctx: ServiceContext) -> Callable[[], object]:
    _wrong_password(ctx, 5)
    return lambda: unlock_user(ctx, "li")


CASES = [
    AuditCase(
        "修改设置",
        lambda ctx: lambda: save_settings(ctx, get_settings(ctx).with_changes(township="甲镇")),
        [("修改", "setting")],
    ),
    AuditCase("监测范围", lambda ctx: lambda: set_threshold(ctx, 2026, 8100), [("修改", "threshold")]),
    AuditCase(
        "替换为示范数据",
        lambda ctx: lambda: generate_demo(ctx, households=36, force=True),
        [("生成示范数据", "database")],
    ),
    AuditCase(
        "备份到U盘", lambda ctx: lambda: backup_to(ctx, ctx.paths.root / "usb"), [("备份", "database")]
    ),
    AuditCase("自动备份", lambda ctx: lambda: automatic_backup(ctx), [("备份", "database")]),
    AuditCase(
        "恢复",
        lambda ctx: lambda: restore_backup(ctx, list_backups(ctx.paths.backups)[0].path),
        [("恢复", "database")],
    ),
    AuditCase(
        "新增用户",
        lambda ctx: lambda: add_user(ctx, "wang", "王五", Role.READER, "initial-password"),
        [("新增", "user")],
    ),
    AuditCase("修改用户", lambda ctx: lambda: update_user(ctx, "li", active=False), [("修改", "user")]),
    AuditCase(
        "重置密码", lambda ctx: lambda: reset_password(ctx, "li", "temporary-pass"), [("重置密码", "user")]
    ),
    AuditCase("解除锁定", _locked_then_unlocked, [("解除锁定", "user")]),
    AuditCase(
        "修改密码",
        lambda ctx: (
            lambda: change_own_password(
                _sign_in(ctx, "li", "initial-password"), "initial-password", "changed-password"
            )
        ),
        [("登录", "user"), ("修改密码", "user")],
    ),
    AuditCase("登录", lambda ctx: lambda: authenticate(ctx, "li", "initial-password"), [("登录", "user")]),
    AuditCase(
        "输错密码与锁定",
        lambda ctx: lambda: _wrong_password(ctx, 5),
        [("登录失败", "user")] * 4 + [("锁定", "user")],
    ),
    AuditCase(
        "导出审计日志",
        lambda ctx: lambda: export_audit(ctx, AuditQuery(), ctx.paths.root / "audit.xlsx"),
        [("导出", "audit_log")],
    ),
]


@pytest.fixture
def audited_ctx(demo_ctx: ServiceContext) -> ServiceContext:
    add_user(demo_ctx, "li", "李会计", Role.CLERK, "initial-password")
    backup_database(demo_ctx.db.engine, demo_ctx.paths.backups, reason="自动")
    return demo_ctx


@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_kind_of_change_writes_an_audit_row(audited_ctx: ServiceContext, case: AuditCase) -> None:
    if case.name == "自动备份":
        for backup in list_backups(audited_ctx.paths.backups):
            backup.path.unlink()
    call = case.call(audited_ctx)
    written = audit_rows_written(audited_ctx, call)  # type: ignore[arg-type]
    assert [(action, entity) for action, entity, _ in written] == case.expected
    assert all(user for _, _, user in written)


def test_the_first_administrator_is_audited_as_themselves(ctx: ServiceContext) -> None:
    written = audit_rows_written(ctx, lambda: create_first_admin(ctx, "zhang", "张站长", "qingshui2026"))
    assert written == [("新增", "user", "张站长(zhang)")]


def test_nothing_in_the_program_edits_or_deletes_audit_rows() -> None:
    """No statement updates or deletes audit rows, and the few modules that touch the audit table at all
    (write one row, read, carry the trail through a restore) delete nothing."""
    forbidden = re.compile(r"(delete|update)\s*\(\s*AuditLog|(DELETE\s+FROM|UPDATE)\s+\"?audit_log", re.I)
    touching = {
        "db/models/__init__.py",
        "db/models/office.py",
        "services/audit.py",
        "services/accounts/audit_log.py",
        "services/accounts/audit_text.py",
        "services/storage/backups.py",
        "services/accounts/audit_verify.py",  # checks the hash chain
        "services/register/edit_versions.py",  # reads who changed a record last, for a refused save
    }
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1) if forbidden.search(line)]
        if name in touching and re.search(r"session\.delete\(|\.delete\(\)", text):
            offenders.append(f"{name}: deletes rows")
        if name not in touching and name != "services/demo/township.py" and re.search(r"\bAuditLog\b", text):
            offenders.append(f"{name}: uses the audit table")
    assert offenders == []


# ---------------------------------------------------------------- querying


@pytest.fixture
def trail(ctx: ServiceContext) -> ServiceContext:
    """A small, known audit trail over three days."""
    day = datetime(2026, 11, 20, 9, 0)
    rows = [
        (day, "张站长(zhang)", "新增", "household", "5224250001", "新增农户 张三"),
        (day + timedelta(hours=2), "李会计(li)", "修改", "member", "17", "修改成员 李四 的电话"),
        (day + timedelta(days=1), "李会计(li)", "修改", "household", "5224250002", "修改农户 王五 的地址"),
        (day + timedelta(days=2), "张站长(zhang)", "修改", "setting", None, "修改设置：township"),
        (
            day + timedelta(days=2, hours=1),
            "系统用户 root(os:root)",
            "备份",
            "database",
            None,
            "备份 100%_done",
        ),
    ]
    with ctx.sessions.begin() as session:
        session.execute(
            insert(AuditLog),
            [
                dict(zip(("at", "user_name", "action", "entity", "entity_id", "summary"), r, strict=True))
                for r in rows
            ],
        )
    return ctx


def _summaries(ctx: ServiceContext, query: AuditQuery) -> list[str]:
    ids = audit_ids(ctx, query)
    rows = audit_rows(ctx, ids)
    return [rows[i].summary for i in ids]


def test_queries_are_newest_first_and_filter_by_user_entity_date_and_text(trail: ServiceContext) -> None:
    assert _summaries(trail, AuditQuery())[0] == "备份 100%_done"
    assert _summaries(trail, AuditQuery(user="李会计(li)")) == [
        "修改农户 王五 的地址",
        "修改成员 李四 的电话",
    ]
    assert _summaries(trail, AuditQuery(entity="household")) == ["修改农户 王五 的地址", "新增农户 张三"]
    assert _summaries(trail, AuditQuery(since=date(2026, 11, 21), until=date(2026, 11, 21))) == [
        "修改农户 王五 的地址"
    ]
    assert _summaries(trail, AuditQuery(until=date(2026, 11, 20))) == [
        "修改成员 李四 的电话",
        "新增农户 张三",
    ]
    assert _summaries(trail, AuditQuery(text="5224250001")) == ["新增农户 张三"]
    assert _summaries(trail, AuditQuery(text="100%")) == ["备份 100%_done"]  # % is literal
    assert _summaries(trail, AuditQuery(text="0%_")) == ["备份 100%_done"]
    assert _summaries(trail, AuditQuery(user="张站长(zhang)", entity="setting")) == [
        "修改设置：乡镇"
    ]  # read in Chinese


def test_the_filter_lists(trail: ServiceContext) -> None:
    filters = audit_filters(trail)
    assert filters.users == sorted(["张站长(zhang)", "李会计(li)", "系统用户 root(os:root)"])
    assert filters.entities == ["database", "household", "member", "setting"]


def test_export_writes_a_workbook_with_ids_masked_and_is_audited(
    trail: ServiceContext, tmp_path: Path
) -> None:
    with trail.sessions.begin() as session:
        session.add(
            AuditLog(
                user_name="李会计(li)",
                action="修改",
                entity="member",
                entity_id="18",
                summary="修改证件号码 440524188001010014",
                before='{"id_number": "11010519491231002X"}',
                after='{"id_number": "440524188001010014"}',
            )
        )
    out = tmp_path / "审计日志.xlsx"
    count = run_job(export_audit(trail, AuditQuery(entity="member"), out))
    assert count == 2
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("审计日志").to_python()
    assert tuple(rows[0]) == EXPORT_HEADERS
    assert [r[3] for r in rows[1:]] == ["家庭成员", "家庭成员"]
    assert rows[1][5] == "修改证件号码 440524********0014"
    assert scan_file(out) == []
    assert not list(tmp_path.glob("*.part"))
    written = _summaries(trail, AuditQuery(entity="audit_log"))
    assert len(written) == 1 and "导出审计日志 2 条（对象：家庭成员）" in written[0]


def test_export_to_an_unwritable_place_is_a_message(trail: ServiceContext, tmp_path: Path) -> None:
    from fupin_desktop.errors import UserError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError):
        run_job(export_audit(trail, AuditQuery(), blocker / "audit.xlsx"))


def test_audit_rows_keep_their_actor_label(ctx: ServiceContext) -> None:
    written = audit_rows_written(
        ctx, lambda: save_settings(ctx, get_settings(ctx).with_changes(township="乙镇"))
    )
    assert written == [("修改", "setting", LOCAL_ADMIN.label)]


# ---------------------------------------------------------------- what the administrator reads


def _household_with_members(ctx: ServiceContext, skip: int = 0) -> tuple[int, str, str]:
    """(id, 户编号, 户主) of a household whose head has a phone number."""
    with ctx.sessions() as session:
        found = session.execute(
            select(Household.id, Household.number, Member.name)
            .join(Member, Member.household_id == Household.id)
            .where(Member.relation == "户主", Member.status == "在册")
            .order_by(Household.id)
            .offset(skip)
            .limit(1)
        ).one()
    return found[0], found[1], found[2]


def _edit_phone_and_dibao(ctx: ServiceContext, household_id: int) -> tuple[str | None, bool]:
    """Through the editor's service: a new 户联系电话 and the head's 低保 flipped; returns the old values."""
    draft = load_draft(ctx, household_id)
    members = list(draft.record.members)
    head = next(i for i, m in enumerate(members) if m.relation == "户主")
    old = (draft.record.phone, bool(members[head].dibao))
    members[head] = replace(members[head], dibao=not members[head].dibao)
    record = replace(draft.record, phone="15400001111", members=tuple(members))
    save_draft(ctx, replace(draft, record=record))
    return old


def _newest(ctx: ServiceContext, query: AuditQuery | None = None) -> list[AuditRow]:
    ids = audit_ids(ctx, query or AuditQuery())
    rows = audit_rows(ctx, ids)
    return [rows[i] for i in ids]


def test_a_household_edit_reads_in_chinese_with_number_and_head(demo_ctx: ServiceContext) -> None:
    household_id, number, head = _household_with_members(demo_ctx)
    old_phone, old_dibao = _edit_phone_and_dibao(demo_ctx, household_id)
    member_row, household_row = _newest(demo_ctx)[:2]

    assert (household_row.entity_label, household_row.subject) == ("农户", f"{number} {head}户")
    assert household_row.detail_lines() == [
        "修改内容：",
        f"  户联系电话：{old_phone or '（空）'} → 15400001111",
    ]
    assert member_row.entity_label == "家庭成员" and member_row.subject == f"{number} {head}户"
    yes_no = {True: "是", False: "否"}
    assert f"  享受低保：{yes_no[old_dibao]} → {yes_no[not old_dibao]}" in member_row.detail_lines()
    shown = "\n".join(
        [r.subject + r.summary + "".join(r.detail_lines()) for r in (member_row, household_row)]
    )
    assert not re.search(r"phone|dibao|True|False|household_id", shown)


def test_rows_written_before_the_translation_read_well_too(demo_ctx: ServiceContext) -> None:
    household_id, number, head = _household_with_members(demo_ctx)
    with demo_ctx.sessions() as session:
        helper = session.execute(select(Helper.id, Helper.name).limit(1)).one()
        village = session.execute(select(Area.id, Area.name).where(Area.level == "village").limit(1)).one()
    raw = [
        (
            "修改",
            "task",
            "1",
            "修改整改任务第1项：涉及农户、上级督办、所在村",
            {"household_ids": [], "supervised": False, "village_id": None},
            {"household_ids": [household_id], "supervised": True, "village_id": village.id},
        ),
        (
            "修改",
            "setting",
            None,
            "修改设置：township、helper_limit",
            {"township": "", "helper_limit": 5},
            {"township": "清水镇", "helper_limit": 6},
        ),
        (
            "修改",
            "member",
            "999999",
            f"户 {number}：修改成员 某某 的 出生日期",
            {"birth_date": "1960-01-01"},
            {"birth_date": "1961-01-01"},
        ),
        (
            "结对",
            "pairing",
            str(helper.id),
            "结对 1 户",
            {number: helper.id},
            {"helper_id": helper.id, "households": [number]},
        ),
    ]
    with demo_ctx.sessions.begin() as session:
        session.execute(
            insert(AuditLog),
            [
                dict(
                    zip(
                        ("user_name", "action", "entity", "entity_id", "summary", "before", "after"),
                        ("张站长(zhang)", a, e, i, s, json.dumps(b), json.dumps(f)),
                        strict=True,
                    )
                )
                for a, e, i, s, b, f in raw
            ],
        )
    pairing, member, setting, task = _newest(demo_ctx)[:4]
    assert task.subject == "第1项" and task.detail_lines()[1:] == [
        f"  所在村：（空） → {village.name}",
        f"  涉及农户：（空） → {number} {head}户",
        "  上级督办：否 → 是",
    ]
    assert setting.summary == "修改设置：乡镇、每名帮扶责任人结对上限"
    assert "  乡镇：（空） → 清水镇" in setting.detail_lines()
    assert member.subject == f"{number} {head}户"
    assert member.detail_lines() == ["修改内容：", "  出生日期：1960-01-01 → 1961-01-01"]
    assert pairing.subject == helper.name
    assert f"  结对农户：{number} {head}户" in pairing.detail_lines()
    assert f"  {number} {head}户的帮扶责任人：原为 {helper.name}" in pairing.detail_lines()


def test_filter_by_household_number_or_head_user_and_date(demo_ctx: ServiceContext) -> None:
    first_id, first_number, first_head = _household_with_members(demo_ctx)
    second_id, second_number, _ = _household_with_members(demo_ctx, skip=1)
    clerk = demo_ctx.acting_as(Actor("li", "李会计", Role.CLERK))
    _edit_phone_and_dibao(demo_ctx, first_id)
    _edit_phone_and_dibao(clerk, second_id)

    by_number = _newest(demo_ctx, AuditQuery(household=first_number))
    assert [r.entity_label for r in by_number] == ["家庭成员", "农户"]
    assert {r.subject for r in by_number} == {f"{first_number} {first_head}户"}
    assert [r.id for r in _newest(demo_ctx, AuditQuery(household=first_head))] == [r.id for r in by_number]
    by_user = _newest(demo_ctx, AuditQuery(user="li"))
    assert [r.user_name for r in by_user] == ["李会计(li)"] * 2
    assert all(second_number in r.subject for r in by_user)
    assert _newest(demo_ctx, AuditQuery(user="李会计", household=first_number)) == []
    assert _newest(demo_ctx, AuditQuery(household=first_number, until=TODAY - timedelta(days=400))) == []
    assert _newest(demo_ctx, AuditQuery(household="没有这个人")) == []
    with pytest.raises(InputInvalid, match="超过 100 户"):
        audit_ids(demo_ctx, AuditQuery(household="5"))


def test_the_export_is_in_chinese_like_the_screen_with_the_filters(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    household_id, number, head = _household_with_members(demo_ctx)
    old_phone, _ = _edit_phone_and_dibao(demo_ctx, household_id)
    _edit_phone_and_dibao(demo_ctx, _household_with_members(demo_ctx, skip=1)[0])
    out = tmp_path / "审计日志.xlsx"
    assert run_job(export_audit(demo_ctx, AuditQuery(household=number), out)) == 2
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("审计日志").to_python()
    assert (
        tuple(rows[0])
        == EXPORT_HEADERS
        == ("时间", "用户", "操作", "类别", "对象", "说明", "修改前", "修改后")
    )
    household_line = rows[2]
    assert household_line[3:5] == ["农户", f"{number} {head}户"]
    assert household_line[6:] == [f"户联系电话：{old_phone or '（空）'}", "户联系电话：15400001111"]
    assert [r[3] for r in rows[1:]] == ["家庭成员", "农户"]


def test_id_numbers_are_masked_in_exports_and_full_for_an_administrator(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    with demo_ctx.sessions.begin() as session:
        session.add(
            AuditLog(
                user_name="李会计(li)",
                action="修改",
                entity="member",
                entity_id="1",
                summary="修改成员 某某 的 证件号码",
                before='{"id_number": "11010519491231002X"}',
                after='{"id_number": "440524188001010014"}',
            )
        )
    on_screen = _newest(demo_ctx)[0]
    assert "  证件号码：11010519491231002X → 440524188001010014" in on_screen.detail_lines()
    out = tmp_path / "audit.xlsx"
    run_job(export_audit(demo_ctx, AuditQuery(), out))
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("审计日志").to_python()
    assert rows[1][6:] == ["证件号码：110105********002X", "证件号码：440524********0014"]
    assert scan_file(out) == []


def test_the_audit_command_filters_prints_chinese_and_exports(
    demo_ctx: ServiceContext, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    household_id, number, head = _household_with_members(demo_ctx)
    _edit_phone_and_dibao(demo_ctx, household_id)
    folder = str(demo_ctx.paths.root)
    assert cli_main(["audit", "--data-dir", folder, "--household", number, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["count"] == 2
    assert printed["rows"][1]["subject"] == f"{number} {head}户"
    assert printed["rows"][1]["changes"][0] == {
        "field": "户联系电话",
        "before": printed["rows"][1]["changes"][0]["before"],
        "after": "15400001111",
    }
    assert cli_main(["audit", "--data-dir", folder, "--household", head, "--since", "2000-01-01"]) == 0
    text = capsys.readouterr().out
    assert f"农户 {number} {head}户" in text and "→ 15400001111" in text
    out = tmp_path / "审计.xlsx"
    assert cli_main(["audit", "--data-dir", folder, "--household", number, "--export", str(out)]) == 0
    assert "已导出审计日志 2 条（农户：" in capsys.readouterr().out
    assert len(CalamineWorkbook.from_path(str(out)).get_sheet_by_name("审计日志").to_python()) == 3
    assert cli_main(["audit", "--data-dir", folder, "--since", "2026-02-01", "--until", "2026-01-01"]) == 1
    assert "晚于截止日期" in capsys.readouterr().err
