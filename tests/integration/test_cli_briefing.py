"""`fupin briefing` and `fupin snapshot`: files written, Chinese messages, exit codes (DESIGN §3)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from fupin_desktop.cli import main
from tests.pdf_checks import flat, is_a4, no_full_ids_anywhere


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_briefing_since_a_day(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "简报.pdf"
    since = date.today() - timedelta(days=40)  # the command counts up to the real today
    code, stdout, _ = run(
        capsys, "--data-dir", str(demo_dir), "briefing", "--since", f"{since:%Y-%m-%d}", "-o", str(out)
    )
    assert code == 0 and str(out) in stdout and "已生成会议简报" in stdout
    reader = PdfReader(out)
    assert len(reader.pages) >= 5 and is_a4(reader)
    content = flat("".join(page.extract_text() for page in reader.pages))
    assert f"本期：{since.year}年{since.month}月{since.day}日至" in content
    assert "一、基本情况" in content and "存在问题" not in content  # no text written yet: not printed
    assert no_full_ids_anywhere(out) == []


def test_briefing_without_some_parts(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "短.pdf"
    code, stdout, _ = run(
        capsys,
        *("--data-dir", str(demo_dir), "briefing", "--title", "十一月调度会"),
        *("--skip", "changes", "risks", "guarantees", "trend", "-o", str(out)),
    )
    assert code == 0 and "基本情况、整改进展" in stdout
    content = flat("".join(page.extract_text() for page in PdfReader(out).pages))
    assert "十一月调度会简报" in content and "二、整改进展" in content and "月度趋势" not in content


def test_briefing_refuses_bad_requests(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    later = date.today() + timedelta(days=3)
    code, _, err = run(
        capsys, "--data-dir", str(demo_dir), "briefing", "--since", f"{later:%Y-%m-%d}", "-o", str(out)
    )
    assert code == 2 and "晚于截止日期" in err and not out.exists()
    code, _, err = run(
        capsys, "--data-dir", str(demo_dir), "briefing", "-o", str(tmp_path / "none" / "x.pdf")
    )
    assert code != 0 and "保存位置不存在" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(demo_dir), "briefing", "--since", "上个月", "-o", str(out)])
    assert exit_info.value.code == 2
    assert "无法识别的日期" in capsys.readouterr().err


def test_snapshot_saves_this_month(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(capsys, "--data-dir", str(demo_dir), "snapshot")
    today = date.today()
    assert code == 0 and f"已保存{today.year}年{today.month}月的主要指标" in stdout
