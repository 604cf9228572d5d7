"""会议简报 details (issues 17 §8–9, 19 §3): `fupin briefing --problems/--next`, portable grouping SQL,
the percentages written alike in tables and charts, and the demo's 营养餐 never more than its pupils."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import event, select

from fupin_desktop.cli import main
from fupin_desktop.db.models import Measure, Member
from fupin_desktop.reports import charts
from fupin_desktop.reports.briefing_progress import items, month_ticks
from fupin_desktop.reports.chart_data import Coverage
from fupin_desktop.reports.kit import percent
from fupin_desktop.services.briefing.pack import BriefingOptions, briefing_data_job
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.demo.households import COMPULSORY_SCHOOL
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.settings import get_settings
from tests.pdf_checks import flat


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _text(path: Path) -> str:
    return flat("".join(page.extract_text() for page in PdfReader(path).pages))


def test_cli_prints_problems_and_next_steps_from_files(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = tmp_path / "问题.txt"
    problems.write_text("一是部分村帮扶措施落实不到位；\n\n2、危房改造进度偏慢。\n", encoding="utf-8-sig")
    steps = tmp_path / "下步.txt"
    steps.write_bytes(
        "（1）月底前完成红灯任务销号。\r\n二、开展一次集中排查。\r\n".encode("gbk")
    )  # old Notepad
    out = tmp_path / "简报.pdf"
    code, stdout, _ = _run(
        capsys,
        *("--data-dir", str(demo_dir), "briefing", "--problems", str(problems), "--next", str(steps)),
        *("-o", str(out)),
    )
    assert code == 0 and "存在问题、下步工作" in stdout
    content = _text(out)
    assert "存在问题（一）部分村帮扶措施落实不到位；（二）危房改造进度偏慢。" in content
    assert "下步工作（一）月底前完成红灯任务销号。（二）开展一次集中排查。" in content
    assert re.search(
        r"[一二三四五六七八九十]+、存在问题\d+[一二三四五六七八九十]+、下步工作\d+", content
    )  # in the contents, with their pages


def test_cli_uses_the_texts_kept_by_the_window_and_refuses_a_missing_file(
    demo_dir: Path, demo_ctx: ServiceContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fupin_desktop.services.briefing.pack import save_texts

    save_texts(demo_ctx, "一、村级台账更新不及时。", "（一）本周内补齐台账。")
    out = tmp_path / "简报.pdf"
    code, _, _ = _run(capsys, "--data-dir", str(demo_dir), "briefing", "-o", str(out))
    assert code == 0
    content = _text(out)
    assert "（一）村级台账更新不及时。" in content and "（一）本周内补齐台账。" in content

    missing = tmp_path / "没有.txt"
    code, _, err = _run(
        capsys, "--data-dir", str(demo_dir), "briefing", "--next", str(missing), "-o", str(tmp_path / "x.pdf")
    )
    assert code == 2 and "找不到“下步工作”的文字文件" in err and not (tmp_path / "x.pdf").exists()
    assert get_settings(demo_ctx).briefing_next_steps == "（一）本周内补齐台账。"  # a file is not kept


def test_typed_numbering_is_replaced_alike() -> None:
    typed = "一是甲\n二、乙\n（三）丙\n(4)丁\n5．戊\n⑥己\n第七，庚\n8、辛\n没有编号的一条"
    assert items(typed) == ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "没有编号的一条"]


def test_no_constant_is_grouped_by_so_the_sql_runs_on_postgresql(demo_ctx: ServiceContext) -> None:
    """GROUP BY household.village_id, '' is refused by PostgreSQL (issue 19 §3): no item of any
    grouping the pack runs is a constant (a literal, a number or a bare parameter)."""
    grouped: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args: object) -> None:
        for clause in re.findall(r"GROUP BY (.*?)(?:\) AS| ORDER BY| LIMIT| HAVING|$)", statement, re.S):
            grouped.extend(_items(clause))

    event.listen(demo_ctx.db.engine, "before_cursor_execute", seen)
    try:
        data = run_job(briefing_data_job(demo_ctx, BriefingOptions()))
    finally:
        event.remove(demo_ctx.db.engine, "before_cursor_execute", seen)
    assert data.changes.households_added.households >= 2
    assert len(grouped) >= 15 and "household.village_id" in grouped
    constants = [item for item in grouped if re.fullmatch(r"\(*('[^']*'|\?|\d+|:\w+)\)*", item)]
    assert constants == []


def _items(clause: str) -> list[str]:
    """A GROUP BY list split at its top-level commas."""
    out, depth, current = [], 0, ""
    for ch in clause:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += ch
    return [*out, current.strip()]


def test_percentages_read_the_same_in_tables_and_charts() -> None:
    coverage = Coverage(labels=("就业帮扶", "产业帮扶"), values=(1, 150), base=200, covered=150)
    figure = charts.coverage_chart(coverage)
    labels = [t.get_text() for t in figure.axes[0].texts]
    assert labels == [f"1户 {percent(1 / 200)}", f"150户 {percent(150 / 200)}"] == ["1户 0.5%", "150户 75.0%"]


def test_the_trend_axis_names_the_year() -> None:
    keys = ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert month_ticks(keys) == ["11月\n2025年", "12月", "1月\n2026年", "2月"]


def test_demo_nutrition_meals_never_exceed_the_pupils(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions() as session:
        meals = session.execute(
            select(Measure.household_id, Measure.content).where(Measure.content.like("%营养餐%"))
        ).all()
        schools = session.execute(
            select(Member.household_id, Member.school_status).where(Member.status == "在册")
        ).all()
    pupils: dict[int, int] = {}
    for household, school in schools:
        if (school or "").startswith(COMPULSORY_SCHOOL):
            pupils[household] = pupils.get(household, 0) + 1
    assert len(meals) > 20
    for household, content in meals:
        count = int(re.match(r"(\d+)名", content).group(1))
        assert 1 <= count <= pupils.get(household, 0), (household, content)
