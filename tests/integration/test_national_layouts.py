"""Issue 14: the four real national layouts import with nothing lost, 数据核查 judges only what they carry,
the rest is on the 待采集 list, and each layout round-trips through our exports with zero changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from fupin_desktop.db.models import Household, IncomeItem, IncomeRecord, Measure, Member
from fupin_desktop.domain.checks import Severity
from fupin_desktop.excel.layout import NATIONAL_MEMBER_COLUMNS
from fupin_desktop.excel.parse import ParsedWorkbook
from fupin_desktop.excel.values import UNKNOWN
from fupin_desktop.services.checks.collecting import collect_list
from fupin_desktop.services.checks.run import run_checks
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.importing.front import ImportSummary, import_file, read_workbook
from fupin_desktop.services.ledgers.export import export_ledger
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings
from tests.integration import national_layouts as L

Builder = Callable[[Path], Path]
LAYOUTS: dict[str, tuple[str, Builder]] = {
    "A": ("全国系统人口信息.xlsx", L.write_a),
    "A.xls": ("全国系统人口信息.xls", L.write_a_xls),
    "A.csv": ("全国系统人口信息.csv", L.write_a_csv),
    "B": ("边缘易致贫人口名单.xlsx", L.write_b),
    "C": ("国办贫困户数据2020.xlsx", L.write_c),
    "D": ("监测对象基础信息.xlsx", L.write_d),
}
# Household facts each layout lacks, which must not be judged and must be asked for.
ABSENT_FACTS = {
    "A": {
        "饮水水量达标",
        "是否解决安全饮用水",
        "当年收支（工资性、生产经营性、财产性、转移性收入和生产经营性支出）",
    },
    "B": {
        "是否参加城乡居民基本医疗保险",
        "是否参加城镇职工基本医疗保险",
        "是否享受低保",
        "开发式帮扶措施实施情况",
    },
    "C": {"户类型", "是否参加城乡居民基本医疗保险", "饮水水量达标"},
    "D": {"饮水水量达标", "是否参加城镇职工基本医疗保险", "是否参加城乡居民基本养老保险"},
}
# Rules that only fire when a layout's absent field is taken for empty: never on these files.
FALSE_ALARMS = {
    "yes_no_member",
    "yes_no_household",
    "yes_no_monitoring",
    "no_medical_insurance",
    "uninsured_no_illness",
    "education_school",
    "work_place_months",
    "work_risk_no_work",
    "dev_support_missing",
}


def build(name: str, folder: Path) -> Path:
    file_name, write = LAYOUTS[name]
    return write(folder / file_name)


def imported(ctx: ServiceContext, path: Path, *, dry: bool = False) -> ImportSummary:
    summary, _ = run_job(import_file(ctx, path, dry_run_only=dry))
    return summary


def recognised(ctx: ServiceContext, path: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """What our reader (python-calamine underneath) makes of a file: per person (by 证件号码) their member
    fields, per household (户编号) its household, area, income and measure fields."""
    book: ParsedWorkbook = run_job(read_workbook(ctx, path))
    people: dict[str, dict] = {}
    households: dict[str, dict] = {}
    for sheet in book.sheets:
        numbers = sheet.column("h.number")
        ids = sheet.column("m.id_number")
        for i, number in enumerate(numbers):
            household = households.setdefault(str(number), {})
            person = people.setdefault(str(ids[i]), {}) if ids[i] else {}
            for field, values in sheet.values.items():
                value = values[i]
                if value is UNKNOWN or value is None or value == ():
                    continue
                target = person if field.startswith("m.") else household
                target.setdefault(field, value)
    return people, households


# ---------------------------------------------------------------- every layout imports, nothing is lost


@pytest.mark.parametrize("name", ["A", "A.xls", "A.csv", "B", "C", "D"])
def test_each_real_layout_imports_and_round_trips_with_nothing_lost(
    ctx: ServiceContext, tmp_path: Path, name: str
) -> None:
    source = build(name, tmp_path)
    first = imported(ctx, source)
    assert first.errors == (), first.errors[:3]
    assert first.committed and first.households_new >= 2
    results = [
        run_job(export_ledger(ctx, kind, tmp_path / f"{kind}.xlsx", full_id=True))
        for kind in ("households", "members", "monitoring")
    ]
    exports = [r.path for r in results if r.rows]  # (a layout without 监测对象 has no 监测对象名单)
    for out in exports:  # our own ledgers read back: not one change
        again = imported(ctx, out, dry=True)
        assert again.errors == (), (out.name, again.errors[:3])
        assert again.changes == () and not again.has_changes, (out.name, again.changes[:5])
    assert imported(ctx, source, dry=True).changes == ()  # and the original file again: nothing new

    people, households = recognised(ctx, source)
    back_people: dict[str, dict] = {}
    back_households: dict[str, dict] = {}
    for out in exports[:2]:
        p, h = recognised(ctx, out)
        for key, values in p.items():
            back_people.setdefault(key, {}).update(values)
        for key, values in h.items():
            back_households.setdefault(key, {}).update(values)
    lost = []
    for key, values in people.items():
        for field, value in values.items():
            if field in ("m.dibao_policy", "m.tekun_policy"):
                continue  # compared below as the fields they fill
            if back_people.get(key, {}).get(field) != value:
                lost.append((key, field, value, back_people.get(key, {}).get(field)))
    for number, values in households.items():
        for field, value in values.items():
            if field.startswith("x."):
                continue
            got = back_households[number].get(field)
            if field.startswith("iw.") and field not in ("iw.year", "iw.date"):
                ok = got is not None and abs(float(got) - float(value)) < 0.005  # type: ignore[arg-type]
            else:
                ok = got == value
            if not ok:
                lost.append((number, field, value, got))
    assert lost == []


def test_the_member_export_has_exactly_the_47_national_columns_first(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    assert [c.header for c in NATIONAL_MEMBER_COLUMNS] == L.A_HEADER
    imported(ctx, build("A", tmp_path))
    out = run_job(export_ledger(ctx, "members", tmp_path / "人口.xlsx", full_id=True)).path
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[1][:47] == L.A_HEADER
    by_id = {row[11]: row for row in rows[2:]}
    source = {row[11]: row for row in L.a_rows()}
    for number in source:
        assert by_id[number][0:2] == [L.PROVINCE, L.CITY]  # 省 and 市 come back
        assert int(by_id[number][15]) == 2021  # 年度 stays the file's, not the export's year


def test_a_xls_and_a_gbk_csv_give_the_same_register_as_the_xlsx(empty_template, tmp_path: Path) -> None:
    from tests.conftest import _context

    states = []
    for name in ("A", "A.xls", "A.csv"):
        folder = tmp_path / name.replace(".", "_")
        import shutil

        shutil.copytree(empty_template, folder)
        ctx = _context(folder)
        assert imported(ctx, build(name, tmp_path)).errors == ()
        with ctx.sessions() as session:
            rows = session.execute(
                select(
                    Member.id_number,
                    Member.name,
                    Member.sex,
                    Member.birth_date,
                    Member.work_months,
                    Member.dibao,
                ).order_by(Member.id_number)
            ).all()
        states.append([tuple(r) for r in rows])
        ctx.db.dispose()
    assert states[0] == states[1] == states[2] and len(states[0]) == len(L.A_PEOPLE)


# ---------------------------------------------------------------- values the layouts spell their own way


def test_the_national_values_become_the_fields_they_mean(ctx: ServiceContext, tmp_path: Path) -> None:
    assert imported(ctx, build("D", tmp_path)).errors == ()
    assert imported(ctx, build("B", tmp_path)).errors == ()
    assert imported(ctx, build("C", tmp_path)).errors == ()
    with ctx.sessions() as session:
        members = {m.name: m for m in session.scalars(select(Member))}
        households = {h.number: h for h in session.scalars(select(Household))}
        assert (members["周永平"].dibao, members["周永平"].dibao_kind) == (True, "农村低保")
        assert (members["周永平"].tekun, members["周永平"].tekun_kind) == (False, None)  # 不享受
        assert (members["蒙老大"].tekun, members["蒙老大"].tekun_kind) == (True, "农村特困")
        assert (members["黄德明"].dibao, members["黄德明"].dibao_kind) == (False, None)  # 未享受
        assert members["黄晓丽"].id_type == "残疾人证" and members["黄晓丽"].id_number == L.CARD_22
        assert members["黄晓丽"].sex == "男"  # from the holder's ID number inside the card number
        assert members["刘春燕"].id_type == "残疾人证"  # B has no 证件类型: told by the number's shape
        d1, _, d3 = (households[h["number"]] for h in L.D_HOUSEHOLDS)
        b2, b3 = households["52272900100200002"], households["52272900100200003"]
        assert (b2.house_unsafe, b3.water_safe, d3.water_safe) == (True, False, False)
        assert d1.province == L.PROVINCE and d1.city == L.CITY and d1.collector == "石洞村委"
        assert (d1.has_toilet, d1.road_distance, d1.orchard_mu) == (True, 0.5, 1.5)
        assert d3.after_per_capita == 5833.33 and d3.after_dropout is False
        c1 = households["52272900100300001"]
        assert (c1.poverty_cause, c1.poverty_status, c1.poverty_kind, c1.poverty_exit_year) == (
            "缺技术",
            "已脱贫",
            "一般贫困户",
            2019,
        )
        risks = {h.number: [r.risk for r in h.risks] for h in households.values() if h.risks}
        assert risks[L.D_HOUSEHOLDS[1]["number"]] == ["住房出现安全问题", "因务工就业不稳"]
        assert risks[L.D_HOUSEHOLDS[2]["number"]] == ["饮水安全问题", "因自然灾害"]
        assert [r.detail for r in d3.risks] == [None, "洪涝"]
        assert not risks.get("52272900100300001")  # 缺技术 is the old 主要致贫原因, not a current risk
        measures = [
            (m.category, m.item)
            for m in session.scalars(
                select(Measure).where(Measure.household_id == d1.id).order_by(Measure.id)
            )
        ]
        assert measures[:2] == [("产业帮扶", "种植补贴"), ("产业帮扶", "小额信贷贴息")]  # the file's order
        assert ("其他教育帮扶", "雨露计划") in measures and ("公益岗位帮扶", "外出务工补贴") not in measures


def test_wide_income_columns_become_the_years_lines_beside_the_national_figures(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    assert imported(ctx, build("D", tmp_path)).errors == ()
    assert imported(ctx, build("B", tmp_path)).errors == ()
    with ctx.sessions() as session:

        def year_of(number: str) -> IncomeRecord:
            household = session.scalar(select(Household).where(Household.number == number))
            assert household is not None
            return session.scalars(
                select(IncomeRecord).where(IncomeRecord.household_id == household.id)
            ).one()

        d1 = year_of(L.D_HOUSEHOLDS[0]["number"])
        assert d1.year == 2023  # from the title 截至2023年12月18日, not this year
        lines = {
            (i.category, i.item): i.amount
            for i in session.scalars(select(IncomeItem).where(IncomeItem.record_id == d1.id))
        }
        assert lines == {
            ("工资性收入", "合计"): 20000,
            ("生产经营性收入", "合计"): 5000,
            ("转移性收入", "低保金"): 2400,
            ("转移性收入", "其他"): 600,
            ("生产经营性支出", "合计"): 2000,
            ("合规自付支出", "合计"): 1200,
        }
        assert d1.per_capita == 6500 and d1.reported_per_capita is None  # the same as ours: nothing to keep
        d2 = year_of(L.D_HOUSEHOLDS[1]["number"])
        assert d2.per_capita == 8650 and d2.reported_per_capita == 7000  # they disagree: both kept
        b1 = year_of("52272900100200001")
        assert (b1.year, b1.reported_per_capita, b1.per_capita) == (2022, 5800, 5800)  # only theirs
    found = run_job(run_checks(ctx)).findings
    differs = [f for f in found if f.code == "income_vs_national"]
    assert [f.household for f in differs] == [L.D_HOUSEHOLDS[1]["number"]]
    assert "8,650元" in differs[0].message and "7,000元" in differs[0].message


def test_a_file_without_any_year_leaves_its_income_out_with_a_warning(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    path = L.write_c(tmp_path / "国办贫困户数据.xlsx")  # no year in the name, none in the file
    summary = imported(ctx, path)
    assert summary.errors == () and summary.committed
    assert any("文件中没有年度" in w.message and "--year" in w.message for w in summary.warnings)
    with ctx.sessions() as session:
        assert session.scalar(select(IncomeRecord.id)) is None
    from fupin_desktop.services.importing.front import PlanOptions

    again, _ = run_job(import_file(ctx, path, PlanOptions(income_year=2020)))
    assert again.errors == () and any(c.field == "2020年人均纯收入（全国系统）" for c in again.changes)


# ---------------------------------------------------------------- odd IDs warn


def test_a_legacy_id_and_disability_card_numbers_import_with_a_warning(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    a = imported(ctx, build("A", tmp_path))
    b = imported(ctx, build("B", tmp_path))
    d = imported(ctx, build("D", tmp_path))
    assert a.errors == b.errors == d.errors == ()
    assert any("15位旧身份证号码" in w.message for w in a.warnings)
    assert any("20位残疾人证号码，已按残疾人证导入" in w.message for w in b.warnings)
    with ctx.sessions() as session:
        stored = set(session.scalars(select(Member.id_number)))
    assert {L.LEGACY_ID, L.DISABILITY_CARD_20, L.CARD_22} <= stored
    found = run_job(run_checks(ctx)).findings
    legacy = [f for f in found if f.code == "id_legacy"]
    cards = sorted(f.member for f in found if f.code == "id_disability_card")
    assert [f.member for f in legacy] == ["王德才"] and legacy[0].severity == Severity.DOUBT
    assert cards == ["刘春燕", "黄晓丽"]


# ---------------------------------------------------------------- known, unknown, empty


@pytest.mark.parametrize("name", ["A", "B", "C", "D"])
def test_absent_fields_raise_no_errors_and_are_on_the_collect_list(
    ctx: ServiceContext, tmp_path: Path, name: str
) -> None:
    assert imported(ctx, build(name, tmp_path)).errors == ()
    found = run_job(run_checks(ctx)).findings
    assert sorted({f.code for f in found} & FALSE_ALARMS) == []
    listed = collect_list(ctx)
    assert len(listed.rows) >= 2
    facts = {fact for fact, _ in listed.by_fact}
    assert ABSENT_FACTS[name] <= facts, ABSENT_FACTS[name] - facts


def test_the_housing_and_water_risks_spelt_the_national_way_trigger_their_rules(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    assert imported(ctx, build("D", tmp_path)).errors == ()
    assert imported(ctx, build("B", tmp_path)).errors == ()
    found = run_job(run_checks(ctx)).findings
    fired = {(f.code, f.household) for f in found}
    d2, d3 = L.D_HOUSEHOLDS[1]["number"], L.D_HOUSEHOLDS[2]["number"]
    assert ("housing_risk_measure", d2) in fired  # 因安全住房, no 住房安全保障
    assert ("water_risk_measure", d3) in fired  # 因安全饮水, no 饮水安全保障
    assert ("house_unsafe", "52272900100200002") in fired  # 危房户 是
    assert ("water_unsafe", "52272900100200003") in fired  # 是否解决安全饮用水 否
    # B carries no measures: its 因安全住房 household is not accused of lacking one, but asked
    assert ("housing_risk_measure", "52272900100200002") not in fired


def test_a_later_file_that_carries_a_fact_makes_it_known(ctx: ServiceContext, tmp_path: Path) -> None:
    imported(ctx, build("A", tmp_path))
    before = {r.number: r.facts for r in collect_list(ctx).rows}
    assert "是否解决安全饮用水" in before["52272900100100001"]
    # the clerk fills in the 户 sheet of the template for one household
    import openpyxl

    from fupin_desktop.excel.template import template_path

    book = openpyxl.load_workbook(template_path())
    header = [c.value for c in book["户"][1]]
    row = [None] * len(header)
    row[header.index("户编号")] = "52272900100100001"
    row[header.index("是否解决安全饮用水")] = "是"
    book["户"].append(row)
    for name in book.sheetnames:
        if name not in ("户", "说明"):
            del book[name]
    book.save(tmp_path / "补录.xlsx")
    assert imported(ctx, tmp_path / "补录.xlsx").errors == ()
    after = {r.number: r.facts for r in collect_list(ctx).rows}
    assert "是否解决安全饮用水" not in after["52272900100100001"]
    # the template has the other water columns too: left blank there, they stay to be collected
    assert "饮水水量达标" in after["52272900100100001"]
    assert "是否解决安全饮用水" in after["52272900100100002"]


# ---------------------------------------------------------------- the township from the file, --json


def test_a_new_database_takes_the_county_and_township_from_the_file(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    summary = imported(ctx, build("D", tmp_path))
    settings = get_settings(ctx)
    assert (settings.province, settings.county, settings.township) == (L.PROVINCE, L.COUNTY, L.TOWNSHIP)
    from fupin_desktop.services.printing.cards import card_data
    from fupin_desktop.services.register.records import load_household

    with ctx.sessions() as session:
        hid = session.scalar(select(Household.id).where(Household.number == L.D_HOUSEHOLDS[0]["number"]))
        record = load_household(session, hid)
    assert record is not None
    card = card_data(record, settings, ctx.today())
    assert L.TOWNSHIP in card.place and "某某" not in json.dumps(summary.as_json(), ensure_ascii=False)


def test_import_json_reports_unrecognised_columns_and_each_problems_cell(
    ctx: ServiceContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fupin_desktop.cli import main

    path = build("D", tmp_path)
    code = main(["--data-dir", str(ctx.db.paths.root), "import", str(path), "--dry-run", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["unrecognised_columns"] == ["公益性岗位帮扶其他备注"]
    assert data["sheets"][0]["unrecognised_columns"] == ["公益性岗位帮扶其他备注"]
    card = next(w for w in data["warnings"] if "残疾人证" in w["message"])
    assert card["sheet"] == "监测对象" and card["column"] == "证件号码" and card["cell"] == f"J{card['row']}"


# ---------------------------------------------------------------- 机账比对: a renumbered household


def test_a_renumbered_household_is_a_renumbering_in_the_comparison_and_the_import(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fupin_desktop.services.importing.comparing import compare_file

    assert imported(ctx, build("A", tmp_path)).errors == ()
    with ctx.sessions() as session:
        old_id = session.scalar(select(Household.id).where(Household.number == "52272900100100001"))
    renumbered = [("52272900100199001" if p[0] == "52272900100100001" else p[0], *p[1:]) for p in L.A_PEOPLE]
    monkeypatch.setattr(L, "A_PEOPLE", renumbered)
    monkeypatch.setattr(L, "A_VILLAGE", {**L.A_VILLAGE, "52272900100199001": "石洞村"})
    monkeypatch.setattr(L, "A_PHONE", {**L.A_PHONE, "52272900100199001": "13985400001"})
    path = L.write_a(tmp_path / "重新编号.xlsx")
    report = run_job(compare_file(ctx, path, tmp_path / "比对.xlsx"))
    assert report.renumbered == (("52272900100100001", "52272900100199001", "张国富"),)
    assert report.only_in_file == () and report.only_in_database == ()
    assert report.members_added == report.members_removed == 0
    from python_calamine import CalamineWorkbook

    sheet = (
        CalamineWorkbook.from_path(str(tmp_path / "比对.xlsx")).get_sheet_by_name("户编号变更").to_python()
    )
    assert sheet[2][1:4] == ["52272900100100001", "52272900100199001", "张国富"]

    summary = imported(ctx, path)
    assert summary.errors == () and summary.households_new == 0 and summary.moved == ()
    assert [(r.old, r.new) for r in summary.renumbered] == [("52272900100100001", "52272900100199001")]
    with ctx.sessions() as session:
        household = session.get(Household, old_id)
        assert household is not None and household.number == "52272900100199001"
        assert len([m for m in household.members if m.status == "在册"]) == 3
    assert imported(ctx, path, dry=True).changes == ()


def test_exports_spell_code_values_as_the_national_file_did(ctx: ServiceContext, tmp_path: Path) -> None:
    """The register holds 住房出现安全问题 (the rules need one spelling); the ledger says 因安全住房, as
    the national system does, and reads back as the same value."""
    from python_calamine import CalamineWorkbook

    assert imported(ctx, build("D", tmp_path)).errors == ()
    out = run_job(export_ledger(ctx, "monitoring", tmp_path / "监测.xlsx", full_id=True)).path
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header = rows[1]
    d2 = next(r for r in rows[2:] if r[header.index("户编号")] == L.D_HOUSEHOLDS[1]["number"])
    assert d2[header.index("致贫/返贫风险1")] == "因安全住房"
    assert d2[header.index("致贫/返贫风险2")] == L.D_WORK_RISK
    assert imported(ctx, out, dry=True).changes == ()


# ---------------------------------------------------------------- blanks erase nothing; what is not a renumbering


def test_a_file_with_blank_cells_erases_no_stored_value(ctx: ServiceContext, tmp_path: Path) -> None:
    """A template row that fills one field leaves the household's other fields, its risks and its members'
    fields as they were: a blank says nothing."""
    import openpyxl

    from fupin_desktop.excel.template import template_path

    assert imported(ctx, build("D", tmp_path)).errors == ()
    number = L.D_HOUSEHOLDS[0]["number"]
    with ctx.sessions() as session:
        before = session.scalar(select(Household).where(Household.number == number))
        assert before is not None
        kept = (before.household_type, before.monitor_category, before.identified_on, before.dev_support)
        risks = [r.risk for r in before.risks]
    book = openpyxl.load_workbook(template_path())
    for sheet, values in (
        ("户", {"户编号": number, "是否解决安全饮用水": "是"}),
        ("成员", {"户编号": number}),
    ):
        header = [c.value for c in book[sheet][1]]
        row = [None] * len(header)
        for name, value in values.items():
            row[header.index(name)] = value
        if sheet == "成员":
            head = L.D_HOUSEHOLDS[0]["people"][0]
            row[header.index("姓名")], row[header.index("证件号码")] = head[0], head[2]
            row[header.index("与户主关系")] = "户主"
        book[sheet].append(row)
    for name in book.sheetnames:
        if name not in ("户", "成员"):
            del book[name]
    book.save(tmp_path / "补录.xlsx")
    summary = imported(ctx, tmp_path / "补录.xlsx")
    assert summary.errors == ()
    assert {c.field for c in summary.changes} <= {"是否解决安全饮用水", "待采集"}
    with ctx.sessions() as session:
        after = session.scalar(select(Household).where(Household.number == number))
        assert after is not None
        assert (after.household_type, after.monitor_category, after.identified_on, after.dev_support) == kept
        assert [r.risk for r in after.risks] == risks
        member = session.scalar(select(Member).where(Member.name == "周永平"))
        assert member is not None and (member.dibao, member.dibao_kind, member.school_status) == (
            True,
            "农村低保",
            None,
        )
        assert member.labour_skill == "普通劳动力" and member.health == "健康"


def test_one_member_split_off_into_a_new_household_is_not_a_renumbering(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert imported(ctx, build("A", tmp_path)).errors == ()
    son_only = [("52272900100199002", "01", *p[2:6], "户主", *p[7:]) for p in L.A_PEOPLE if p[2] == "张小明"]
    monkeypatch.setattr(L, "A_PEOPLE", son_only)
    monkeypatch.setattr(L, "A_VILLAGE", {"52272900100199002": "石洞村"})
    monkeypatch.setattr(L, "A_PHONE", {"52272900100199002": "13985400009"})
    summary = imported(ctx, L.write_a(tmp_path / "分户.xlsx"), dry=True)
    assert summary.renumbered == () and summary.households_new == 1
    assert [m.name for m in summary.moved] == ["张小明"]


def test_the_data_date_column_gives_the_income_year(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 已脱贫人口名单 variant of layout B adds 数据日期; its title names no year."""
    monkeypatch.setattr(L, "B_HEADER", [*L.B_HEADER, "数据日期"])
    rows = [[*r, "2023-12-31"] for r in L.b_rows()]
    monkeypatch.setattr(L, "b_rows", lambda: rows)
    path = tmp_path / "已脱贫人口名单.xlsx"
    L._xlsxwriter(path, [("已脱贫人口", ["已脱贫人口名单"], L.B_HEADER, rows)])
    summary = imported(ctx, path)
    assert summary.errors == () and not summary.income_year_missing
    with ctx.sessions() as session:
        assert set(session.scalars(select(IncomeRecord.year))) == {2023}


def test_a_card_shaped_number_that_is_no_card_blocks_when_the_type_says_id_card(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = L.pid(L.date(1970, 1, 1), 9)[:-1] + "0" + "41"
    if L.idcard.disability_card_problem(bad) is None:  # the made-up check digit happened to be right
        bad = L.pid(L.date(1970, 1, 1), 9)[:-1] + "1" + "41"
    people = [(*p[:5], bad, *p[6:]) if p[2] == "王小芳" else p for p in L.A_PEOPLE]
    monkeypatch.setattr(L, "A_PEOPLE", people)
    summary = imported(ctx, L.write_a(tmp_path / "人口.xlsx"), dry=True)
    assert [e.message for e in summary.errors] == ["证件号码应为18位"]


def test_a_task_row_may_name_the_old_number_of_a_renumbered_household(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    import openpyxl

    from fupin_desktop.db.models import Task
    from fupin_desktop.excel.template import template_path

    assert imported(ctx, build("A", tmp_path)).errors == ()
    book = openpyxl.load_workbook(template_path())
    members = [c.value for c in book["成员"][1]]
    for p in L.A_PEOPLE[:3]:  # household 1 under a new 户编号
        row = [None] * len(members)
        row[members.index("户编号")], row[members.index("姓名")] = "52272900100199001", p[2]
        row[members.index("证件号码")], row[members.index("与户主关系")] = p[5], p[6]
        book["成员"].append(row)
    tasks = [c.value for c in book["整改任务"][1]]
    row = [None] * len(tasks)
    for name, value in (
        ("问题来源", "乡镇自查/大排查"),
        ("问题类别", "住房安全"),
        ("问题表现", "住房安全等级未鉴定"),
        ("涉及户编号", "52272900100100001"),  # the old number
        ("整改时限", "2026-12-31"),
    ):
        row[tasks.index(name)] = value
    book["整改任务"].append(row)
    for name in book.sheetnames:
        if name not in ("成员", "整改任务"):
            del book[name]
    book.save(tmp_path / "重新编号和任务.xlsx")
    summary = imported(ctx, tmp_path / "重新编号和任务.xlsx")
    assert summary.errors == () and summary.tasks_new == 1 and len(summary.renumbered) == 1
    with ctx.sessions() as session:
        task = session.scalars(select(Task)).one()
        assert [session.get(Household, t.household_id).number for t in task.households] == [
            "52272900100199001"
        ]
