"""`fupin check` on the demo township: it finds every deliberate error the demo plants (DESIGN §3)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from fupin_desktop.cli import main
from fupin_desktop.domain.checks import RULES
from fupin_desktop.services.demo import DEFAULT_SEED, DemoSummary, generate_demo
from fupin_desktop.services.progress import run_job
from tests.conftest import _context


@pytest.fixture(scope="module")
def today_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    """The demo township built on the real today: `fupin check` counts ages and months up to the real
    today, so a demo of the suite's fixed day would age under it (a member of 59 turns 60)."""
    folder = tmp_path_factory.mktemp("today-demo")
    ctx = _context(folder, today=date.today())
    summary = run_job(generate_demo(ctx, households=600, seed=DEFAULT_SEED))
    ctx.db.dispose()
    return folder, summary


@pytest.fixture
def demo_dir(today_demo: tuple[Path, DemoSummary], tmp_path: Path) -> Path:
    return Path(shutil.copytree(today_demo[0], tmp_path / "demo"))


@pytest.fixture
def demo_summary(today_demo: tuple[Path, DemoSummary]) -> DemoSummary:
    return today_demo[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_finds_every_deliberate_error_of_the_demo(
    demo_dir: Path, demo_summary: DemoSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "check", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"findings", "counts"}
    findings = data["findings"]
    assert all(set(f) == {"code", "severity", "household", "member", "message"} for f in findings)
    assert all(f["code"] in RULES and f["severity"] in ("错误", "疑点", "提示") for f in findings)
    planted = demo_summary.deliberate_errors
    assert {e.kind for e in planted} == set(RULES), "every check has a planted case"
    caught = {(f["household"], f["code"], f["member"]) for f in findings}
    missed = [e for e in planted if (e.household, e.kind, e.member) not in caught]
    assert missed == []
    # and the rest of the township is consistent: nothing on a household without a planted case
    households = {e.household for e in planted}
    assert [f for f in findings if f["household"] not in households] == []
    assert sum(data["counts"].values()) == len(findings)
    assert data["counts"]["id_checksum"] == 1


def test_check_prints_a_summary_by_rule_and_village(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "check")
    assert code == 0
    assert out.startswith("共核查 600 户，发现问题")
    assert "按核查项：" in out and "按村：" in out and "明细（错误在前）：" in out
    assert "证件号码校验位错误　1 条（1 户）" in out
    lines = out.splitlines()
    detail = lines[lines.index("明细（错误在前）：") + 1 :]
    severities = [line.split("　")[0].strip() for line in detail]
    assert severities == sorted(severities, key=["错误", "疑点", "提示"].index)


def test_check_writes_the_workbook_and_the_visit_lists(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, visits = tmp_path / "核查结果.xlsx", tmp_path / "走访名单.pdf"
    code, out, err = run(
        capsys, "--data-dir", str(demo_dir), "check", "--json", "-o", str(book), "--visits", str(visits)
    )
    assert code == 0
    findings = json.loads(out)["findings"]
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_index(0).to_python()
    assert len(rows) - 2 == len(findings)  # title row and header
    assert "已保存到" in err
    assert len(PdfReader(visits).pages) >= 1


def test_check_on_an_empty_folder_finds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "new"), "check", "--json")
    assert code == 0
    assert json.loads(out) == {"findings": [], "counts": {}}


def test_check_with_an_output_file_runs_the_checks_once(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fupin_desktop.services.checks import run as checks

    runs: list[int] = []
    real = checks.check_database

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(checks, "check_database", counted)
    book = tmp_path / "核查结果.xlsx"
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "check", "-o", str(book))
    assert code == 0 and book.exists()
    assert len(runs) == 1
