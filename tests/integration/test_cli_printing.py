"""`fupin cards` and `fupin notice`: files written, Chinese messages, exit codes (DESIGN §3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from fupin_desktop.cli import main
from tests.pdf_checks import no_full_ids_anywhere


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cards_for_a_village(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "清水村.pdf"
    code, stdout, _ = run(capsys, "--data-dir", str(demo_dir), "cards", "--village", "清水村", "-o", str(out))
    assert code == 0
    assert "50 户" in stdout and str(out) in stdout
    assert len(PdfReader(out).pages) >= 50
    assert no_full_ids_anywhere(out) == []


def test_cards_for_numbers(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "two.pdf"
    numbers = ["52242510800100001", "52242510800200001"]
    code, stdout, _ = run(
        capsys, "--data-dir", str(demo_dir), "cards", "--household", *numbers, "-o", str(out)
    )
    assert code == 0 and "2 户" in stdout
    content = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert all(number in content for number in numbers)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cards", "--village", "月亮村"], "找不到名为“月亮村”的村"),
        (["cards", "--household", "123"], "找不到以下户编号：123"),
        (["cards", "--village", "清水村", "--household", "52242510800100001"], "只能选一个"),
        (["notice", "identify", "--village", "清水村", "--since", "2026-11"], "没有识别为监测对象的农户"),
        (["notice", "eliminate", "--village", "月亮村"], "找不到名为“月亮村”的村"),
    ],
)
def test_impossible_requests_exit_2_with_a_message(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "x.pdf"
    code, _, err = run(capsys, "--data-dir", str(demo_dir), *args, "-o", str(out))
    assert code == 2
    assert message in err
    assert not out.exists()


def test_a_missing_output_folder_exits_2(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "cards",
        "--village",
        "清水村",
        "-o",
        str(tmp_path / "no" / "x.pdf"),
    )
    assert code == 2 and "保存位置不存在" in err


def test_notice_eliminate_with_a_period(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notice.pdf"
    code, stdout, _ = run(
        capsys, "--data-dir", str(demo_dir), "notice", "eliminate", "--village", "白岩村", "--since", "2026-01",
        "--posted", "2026-12-01", "-o", str(out),
    )  # fmt: skip
    assert code == 0 and "风险消除公示名单" in stdout
    content = PdfReader(out).pages[0].extract_text()
    assert "2026年12月1日至2026年12月5日" in content
    assert no_full_ids_anywhere(out) == []


def test_a_date_that_cannot_be_read_exits_2(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "--data-dir",
                str(demo_dir),
                "notice",
                "identify",
                "--village",
                "清水村",
                "--since",
                "2026-13",
                "-o",
                "x.pdf",
            ]
        )
    assert exit_.value.code == 2
    assert "无法识别的日期“2026-13”" in capsys.readouterr().err
