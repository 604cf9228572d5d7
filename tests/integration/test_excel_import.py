"""Importing national exports with every quirk of DOMAIN §8, in every format, and the program's template."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from fupin_desktop.db.models import (
    AuditLog,
    Helper,
    Household,
    HouseholdRisk,
    IncomeRecord,
    Measure,
    Member,
    MemberMove,
    Pairing,
)
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.importing.front import PlanOptions, import_file
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings
from tests.integration.excel_files import (
    NATIONAL_HEADER,
    household_number,
    national_rows,
    person_id,
    write_csv,
    write_ods,
    write_xls,
    write_xlsx,
)


def _import(ctx: ServiceContext, path: Path, **options: bool):
    summary, _ = run_job(import_file(ctx, path, PlanOptions(**options)))
    return summary


def _dry(ctx: ServiceContext, path: Path, **options: bool):
    summary, _ = run_job(import_file(ctx, path, PlanOptions(**options), dry_run_only=True))
    return summary


def _count(ctx: ServiceContext, model: type) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def quirky_workbook(path: Path) -> Path:
    """Title rows, a merged two-row header with header variants, the “1 2 3” row, numbers as text and
    text as numbers, dates in four forms, yes/no variants, blank rows, a lower-case x, full-width spaces
    and a 合计 row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "脱贫人口"
    sheet["A1"] = "云岭县脱贫人口和监测对象信息表"
    sheet.merge_cells("A1:P1")
    sheet["A2"] = "填报单位：清水镇　　截至 2026年10月"
    upper = [
        "县(市、区、旗)",
        "乡(镇)",
        "行政村",
        "户编号",
        "家庭成员信息",
        None,
        None,
        None,
        None,
        "务工时间（月）",
        "是否享受低保",
        "户类型",
        "识别监测时间",
        "致贫/返贫风险",
        None,
        "户联系电话",
    ]
    lower = [
        None,
        None,
        None,
        None,
        "人口编号",
        "姓名",
        "公民身份号码",
        "与户主关系",
        "出生日期",
        None,
        None,
        None,
        None,
        "1",
        "2",
        None,
    ]
    sheet.append(upper)
    sheet.append(lower)
    sheet.merge_cells("E3:I3")
    sheet.merge_cells("N3:O3")
    for col in "ABCDJKLMP":
        sheet.merge_cells(f"{col}3:{col}4")
    sheet.append(list(range(1, 17)))
    head_id = "11010519491231002x"  # lower-case x
    spouse = person_id(1, 1)
    child = person_id(1, 2)
    other = person_id(2, 0)
    sheet.append(
        [
            "云岭县",
            "清水镇",
            "清水村",
            5224251080000001,
            "01",
            "张　三",
            head_id,
            "户主",
            "1949年12月",
            "12",
            "Y",
            "脱贫户",
            202103,
            "因病",
            "因灾",
            13800000001.0,
        ]
    )
    sheet.append(
        [
            "云岭县",
            "清水镇",
            "清水村",
            "5224251080000001",
            2.0,
            " 李四 ",
            spouse,
            "配偶",
            date(1955, 1, 2),
            6,
            "√",
            "脱贫户",
            202103,
            None,
            None,
            None,
        ]
    )
    sheet.append([None] * 16)
    sheet.append(
        [
            "云岭县",
            "清水镇",
            "清水村",
            "5224251080000001 ",
            "03",
            "张小",
            child,
            "之子",
            "2001-05-06",
            None,
            "N",
            "脱贫户",
            None,
            None,
            None,
            None,
        ]
    )
    sheet.append(
        [
            "云岭县",
            "清水镇",
            "柳河村",
            "5224251080000002",
            "01",
            "王五",
            other,
            "户主",
            36526,
            "0",
            0,
            "普通农户",
            "2023年5月",
            None,
            None,
            "0851-1234567",
        ]
    )
    sheet.append(["合计", None, None, None, None, "4人"])
    book.save(path)
    return path


def test_the_quirky_national_export_imports_with_every_value_normalised(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    path = quirky_workbook(tmp_path / "脱贫人口.xlsx")
    preview = _dry(ctx, path)
    assert preview.errors == ()
    assert (preview.households_new, preview.members_new) == (2, 4)
    summary = _import(ctx, path)
    assert summary.committed and summary.backup and Path(summary.backup).exists()
    with ctx.sessions() as session:
        first = session.scalar(select(Household).where(Household.number == "5224251080000001"))
        second = session.scalar(select(Household).where(Household.number == "5224251080000002"))
        assert first is not None and second is not None
        assert first.phone == "13800000001" and second.phone == "0851-1234567"
        assert first.household_type == "脱贫户" and second.household_type == "一般农户"  # alias 普通农户
        assert first.identified_on == date(2021, 3, 1) and second.identified_on == date(2023, 5, 1)
        risks = session.scalars(
            select(HouseholdRisk.risk)
            .where(HouseholdRisk.household_id == first.id)
            .order_by(HouseholdRisk.position)
        ).all()
        assert risks == ["因病", "因自然灾害"]  # 因灾 is an alias
        members = {m.name: m for m in session.scalars(select(Member))}
    assert set(members) == {"张三", "李四", "张小", "王五"}
    assert members["张三"].id_number == "11010519491231002X"
    assert members["张三"].birth_date == date(1949, 12, 1)
    assert members["李四"].birth_date == date(1955, 1, 2)
    assert members["张小"].birth_date == date(2001, 5, 6)
    assert members["王五"].birth_date == date(2000, 1, 1)  # Excel serial 36526
    assert members["张三"].work_months == 12.0 and members["王五"].work_months == 0.0
    assert [members[n].dibao for n in ("张三", "李四", "张小", "王五")] == [True, True, False, False]
    assert members["李四"].person_number == "2"
    assert get_settings(ctx).township == "清水镇"  # a new database takes the file's township


@pytest.mark.parametrize("kind", ["xls", "csv-utf8", "csv-gbk", "ods"])
def test_other_formats_import_the_same(ctx: ServiceContext, tmp_path: Path, kind: str) -> None:
    rows = national_rows(4)
    writers = {
        "xls": lambda p: write_xls(p.with_suffix(".xls"), rows),
        "csv-utf8": lambda p: write_csv(p.with_suffix(".csv"), rows, "utf-8-sig"),
        "csv-gbk": lambda p: write_csv(p.with_suffix(".csv"), rows, "gbk"),
        "ods": lambda p: write_ods(p.with_suffix(".ods"), rows),
    }
    path = writers[kind](tmp_path / "人口")
    summary = _import(ctx, path)
    assert summary.errors == ()
    assert (summary.households_new, summary.members_new) == (4, 12)
    with ctx.sessions() as session:
        member = session.scalar(select(Member).where(Member.id_number == person_id(1, 0)))
        assert member is not None and member.name == "张一1" and member.work_months == 6.0
        assert member.ins_critical_illness is True and member.dibao is False


def test_a_second_import_of_the_same_file_changes_nothing(ctx: ServiceContext, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "人口.xlsx", national_rows(5), title="云岭县人口信息")
    _import(ctx, path)
    again = _dry(ctx, path)
    assert (again.households_new, again.households_updated, again.households_unchanged) == (0, 0, 5)
    assert (again.members_new, again.members_updated, again.members_unchanged) == (0, 0, 15)


def test_changes_moves_and_missing_members_are_reported_and_applied(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    rows = national_rows(3)
    _import(ctx, write_xlsx(tmp_path / "v1.xlsx", rows))
    changed = [list(r) for r in rows]
    changed[0][11] = "13999999999"  # household phone of household 1
    moved = changed.pop(2)  # the child of household 1 …
    moved[3], moved[12] = household_number(2), "之子"  # … now lives in household 2
    changed.append(moved)
    del changed[3]  # the head of household 2 is gone? no: drop household 2's spouse instead
    path = write_xlsx(tmp_path / "v2.xlsx", changed)
    preview = _dry(ctx, path)
    assert preview.errors == ()
    assert [m.name for m in preview.moved] == [moved[5]]
    assert len(preview.missing) == 1
    assert any(c.field == "户联系电话" and c.new == "13999999999" for c in preview.changes)
    summary = _import(ctx, path, mark_missing=True)
    assert summary.committed
    with ctx.sessions() as session:
        child = session.scalar(select(Member).where(Member.name == moved[5]))
        assert child is not None
        assert session.get(Household, child.household_id).number == household_number(2)  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(MemberMove)) == 1
        removed = session.scalars(select(Member).where(Member.status == "自然减少")).all()
        assert len(removed) == 1 and removed[0].removed_on == date(2026, 11, 23)
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "导入")).all()
    assert len(audit) == 2 and "更新" in audit[-1].summary


def test_skip_bad_households_imports_the_rest(ctx: ServiceContext, tmp_path: Path) -> None:
    rows = national_rows(3)
    rows[3][9] = rows[3][9][:17] + ("0" if rows[3][9][17] != "0" else "1")  # bad checksum in household 2
    path = write_xlsx(tmp_path / "人口.xlsx", rows)
    blocked = _import(ctx, path)
    assert blocked.blocked and not blocked.committed and _count(ctx, Household) == 0
    summary = _import(ctx, path, skip_bad_households=True)
    assert summary.committed and summary.skipped_households == (household_number(2),)
    assert (summary.households_new, summary.members_new) == (2, 6)
    assert _count(ctx, Household) == 2


def test_unknown_code_values_and_columns_are_reported_not_refused(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    rows = national_rows(1)
    rows[1][12] = "老伴"
    header = [*NATIONAL_HEADER, "备注说明"]
    path = write_xlsx(tmp_path / "人口.xlsx", [[*r, "x"] for r in rows], header=header)
    summary = _import(ctx, path)
    assert summary.committed and summary.errors == ()
    assert summary.sheets[0].ignored == ("备注说明",)
    assert any("老伴" in w.message and "代码表" in w.message for w in summary.warnings)


def test_the_filled_template_imports_every_sheet(ctx: ServiceContext, tmp_path: Path) -> None:
    from fupin_desktop.excel.template import template_path

    path = tmp_path / "模板.xlsx"
    book = openpyxl.load_workbook(template_path())
    number = "5224251080099001"
    book["户"].append(
        [number, "云岭县", "清水镇", "新村", "一组", None, "新村一组1号", "13800001111", "脱贫户", 2019]
    )
    book["成员"].append(
        [number, "01", "赵一", "男", None, "身份证", "11010519491231002X", "汉族", None, "户主"]
    )
    book["成员"].append(
        [number, "02", "钱二", "女", None, "身份证", "440524188001010014", "汉族", None, "配偶"]
    )
    book["收支"].append([number, 2025, "工资性收入", "务工收入", 24000, "外出务工"])
    book["收支"].append([number, 2025, "转移性收入", "养老金", 2400, None])
    book["帮扶措施"].append([number, "就业帮扶", "技能培训", "参加电工培训", 800, "2025-03-01", None, 2025])
    book["帮扶责任人"].append(
        ["周帮扶", "男", "中共党员", "县农业农村局", "县直", "科员", "13700002222", "帮扶责任人", "新村"]
    )
    book["结对"].append([number, None, "周帮扶", "县农业农村局", "科员", "13700002222", "2025-01-01"])
    book.save(path)
    summary = _import(ctx, path)
    assert summary.errors == (), summary.errors
    assert (summary.households_new, summary.members_new, summary.helpers_new) == (1, 2, 1)
    with ctx.sessions() as session:
        household = session.scalar(select(Household).where(Household.number == number))
        assert household is not None and household.poverty_exit_year == 2019
        record = session.scalar(select(IncomeRecord).where(IncomeRecord.household_id == household.id))
        assert record is not None and record.net_income == 26400 and record.per_capita == 13200  # cached
        measure = session.scalar(select(Measure).where(Measure.household_id == household.id))
        assert measure is not None and measure.item == "技能培训" and measure.amount == 800
        pairing = session.scalar(select(Pairing).where(Pairing.household_id == household.id))
        helper = session.scalar(select(Helper).where(Helper.phone == "13700002222"))
        assert pairing is not None and helper is not None and pairing.helper_id == helper.id
        assert pairing.start_date == date(2025, 1, 1) and pairing.end_date is None
    again = _dry(ctx, path)
    assert not again.has_changes and again.households_unchanged == 1


def test_the_demo_exports_import_back_with_no_changes(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    from fupin_desktop.services.ledgers.export import EXPORT_KINDS, export_ledger

    for kind in EXPORT_KINDS:
        if kind in ("findings", "collect"):  # lists of what to do, not ledgers to import back
            continue
        for full in (False, True):
            out = run_job(export_ledger(demo_ctx, kind, tmp_path / f"{kind}-{full}.xlsx", full_id=full)).path
            summary = _dry(demo_ctx, out)
            assert summary.errors == (), (kind, summary.errors[:3])
            assert not summary.has_changes and summary.changes == (), (kind, summary.changes[:3])
            assert summary.missing == ()


def test_a_corrected_id_number_is_matched_by_name_and_shown_masked(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    rows = [list(r) for r in national_rows(1)]
    _import(ctx, write_xlsx(tmp_path / "v1.xlsx", rows))
    old = rows[2][9]
    rows[2][9] = person_id(9, 9)  # the clerk corrected the child's number
    summary = _import(ctx, write_xlsx(tmp_path / "v2.xlsx", rows))
    assert summary.committed and (summary.members_new, summary.members_updated) == (0, 1)
    change = next(c for c in summary.changes if c.field == "证件号码")
    assert "*" in str(change.old) and "*" in str(change.new) and str(old) not in str(change.old)
    with ctx.sessions() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Member).where(Member.id_number == person_id(9, 9))
            )
            == 1
        )


def test_cancel_during_the_write_leaves_nothing(ctx: ServiceContext, tmp_path: Path) -> None:
    import threading

    from fupin_desktop.services.importing.front import commit_import, read_workbook
    from fupin_desktop.services.progress import Cancelled

    book = run_job(read_workbook(ctx, write_xlsx(tmp_path / "人口.xlsx", national_rows(3))))
    cancel = threading.Event()
    job = commit_import(ctx, book, PlanOptions(), cancel)
    with pytest.raises(Cancelled):
        for progress in job:
            if progress.stage == "写入家庭成员":
                cancel.set()
    assert _count(ctx, Household) == 0 and _count(ctx, Member) == 0
