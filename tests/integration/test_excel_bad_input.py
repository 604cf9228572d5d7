"""Every bad input of issue 4: a Chinese message naming the problem (and row and column), exit code 1 (rows
wrong) or 2 (file unusable), no traceback, and a database left exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from fupin_desktop.cli import main
from tests.integration.excel_files import (
    NATIONAL_HEADER,
    fingerprint,
    household_number,
    national_rows,
    person_id,
    write_big_xlsx,
    write_encrypted,
    write_xls,
    write_xlsx,
)


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, path: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "import", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def _not_a_spreadsheet(tmp: Path) -> Path:
    path = tmp / "人口.xlsx"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 20)
    return path


def _truncated(tmp: Path) -> Path:
    whole = write_xlsx(tmp / "whole.xlsx", national_rows(30)).read_bytes()
    path = tmp / "截断.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _truncated_xls(tmp: Path) -> Path:
    whole = write_xls(tmp / "whole.xls", national_rows(30)).read_bytes()
    path = tmp / "截断.xls"
    path.write_bytes(whole[: len(whole) // 3])
    return path


def _empty(tmp: Path) -> Path:
    path = tmp / "空.xlsx"
    openpyxl.Workbook().save(path)
    return path


def _no_header(tmp: Path) -> Path:
    path = tmp / "无表头.xlsx"
    book = openpyxl.Workbook()
    for row in (["会议记录"], ["时间", "2026年11月"], ["内容", "讨论整改工作"]):
        book.active.append(row)
    book.save(path)
    return path


def _missing_columns(tmp: Path) -> Path:
    header = [h for h in NATIONAL_HEADER if h not in ("身份证号", "与户主关系")]
    rows = [[v for h, v in zip(NATIONAL_HEADER, r, strict=True) if h in header] for r in national_rows(2)]
    return write_xlsx(tmp / "缺列.xlsx", rows, header=header)


def _rows(change: Callable[[list[list[object]]], None], name: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        rows = [list(r) for r in national_rows(3)]
        change(rows)
        return write_xlsx(tmp / name, rows, title="云岭县人口信息")

    return build


def _duplicate(rows: list[list[object]]) -> None:
    rows[4][9] = rows[1][9]  # household 2's spouse carries household 1's spouse's number


def _bad_checksum(rows: list[list[object]]) -> None:
    number = str(rows[2][9])
    rows[2][9] = number[:17] + ("1" if number[17] != "1" else "2")


def _two_heads(rows: list[list[object]]) -> None:
    rows[1][12] = "户主"


def _no_household_number(rows: list[list[object]]) -> None:
    rows[5][3] = None


def _text_in_number(rows: list[list[object]]) -> None:
    rows[0][15] = "半年左右"


FILE_UNUSABLE = [
    ("not-a-spreadsheet", _not_a_spreadsheet, ["不是电子表格", "PDF"]),
    ("truncated-xlsx", _truncated, ["已损坏或不完整"]),
    ("truncated-xls", _truncated_xls, ["已损坏或不完整"]),
    (
        "password",
        lambda tmp: write_encrypted(tmp / "加密.xlsx", national_rows(2)),
        ["文件已加密，请在 Excel 中取消密码后另存"],
    ),
    ("empty", _empty, ["没有数据"]),
    ("no-header", _no_header, ["找不到可识别的表头"]),
    ("missing-columns", _missing_columns, ["缺少必需的列", "证件号码", "与户主关系"]),
]

ROWS_WRONG = [
    ("duplicate-id", _rows(_duplicate, "重复.xlsx"), ["第 7 行", "证件号码", "重复"]),
    ("bad-checksum", _rows(_bad_checksum, "校验.xlsx"), ["第 5 行", "“身份证号”列", "校验位错误"]),
    ("two-heads", _rows(_two_heads, "两个户主.xlsx"), ["第 4 行", "与户主关系", "有 2 个户主"]),
    (
        "no-household-number",
        _rows(_no_household_number, "无户编号.xlsx"),
        ["第 8 行", "户编号", "没有户编号"],
    ),
    ("text-in-number", _rows(_text_in_number, "文字.xlsx"), ["第 3 行", "务工时间(月)", "不是数字"]),
]


@pytest.mark.parametrize(("name", "build", "expected"), FILE_UNUSABLE, ids=[c[0] for c in FILE_UNUSABLE])
def test_unusable_files_exit_2_and_change_nothing(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, tmp_path: Path, name: str, build, expected: list[str]
) -> None:
    before = fingerprint(demo_dir)
    path = build(tmp_path)
    code, out, err = _run(capsys, demo_dir, path)
    assert code == 2, (out, err)
    assert path.name in err and all(text in err for text in expected), err
    assert "Traceback" not in err + out
    assert fingerprint(demo_dir) == before


@pytest.mark.parametrize(("name", "build", "expected"), ROWS_WRONG, ids=[c[0] for c in ROWS_WRONG])
def test_wrong_rows_exit_1_name_row_and_column_and_change_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, name: str, build, expected: list[str]
) -> None:
    before = fingerprint(data_dir)
    path = build(tmp_path)
    code, out, err = _run(capsys, data_dir, path)
    assert code == 1, (out, err)
    assert all(text in err for text in expected), err
    assert "工作表“人口信息”" in err and "错误" in err and "未导入任何数据" in err
    assert "Traceback" not in err + out
    assert fingerprint(data_dir) == before
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").glob("*导入前*"))


def test_an_id_used_in_another_household_exits_1(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    assert _run(capsys, data_dir, write_xlsx(tmp_path / "a.xlsx", national_rows(2)))[0] == 0
    before = fingerprint(data_dir)
    rows = [list(r) for r in national_rows(1, start=3)]
    rows[1][9] = person_id(1, 1)  # household 1's spouse's number on a different person in household 3
    code, _, err = _run(capsys, data_dir, write_xlsx(tmp_path / "b.xlsx", rows))
    assert code == 1
    assert f"户编号 {household_number(1)}" in err and "不是同一人" in err and "第 3 行" in err
    assert fingerprint(data_dir) == before


def test_dry_run_json_has_the_documented_keys(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    import json

    path = _rows(_bad_checksum, "校验.xlsx")(tmp_path)
    code, out, _ = _run(capsys, data_dir, path, "--dry-run", "--json", "--errors", str(tmp_path / "err.xlsx"))
    assert code == 1
    data = json.loads(out)
    assert {
        "households_new",
        "households_updated",
        "households_unchanged",
        "members_new",
        "members_updated",
        "errors",
        "warnings",
    } <= set(data)
    assert data["errors"] == [
        {
            "sheet": "人口信息",
            "row": 5,
            "column": "身份证号",
            "cell": "J5",
            "message": "证件号码校验位错误（可能有数字输错）",
            "household": "5224251080000001",
            "person": "张三1",
        }
    ]
    marked = openpyxl.load_workbook(tmp_path / "err.xlsx")["人口信息"]
    bad = marked.cell(row=5, column=NATIONAL_HEADER.index("身份证号") + 1)
    assert bad.fill.start_color.rgb.endswith("FF7C80") and "校验位" in bad.comment.text
    assert marked.cell(row=2, column=len(NATIONAL_HEADER) + 1).value == "错误说明"
    assert "校验位错误" in marked.cell(row=5, column=len(NATIONAL_HEADER) + 1).value


def _high_water_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM belongs to its own address space: unlike ru_maxrss it
    does not count the forking parent's memory)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1]) / 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc")
def test_a_100_mb_file_is_read_in_a_stream_and_refused_in_bounded_memory(
    demo_dir: Path, tmp_path: Path
) -> None:
    path = write_big_xlsx(tmp_path / "全县人口.xlsx", rows=305_000)
    assert path.stat().st_size > 100 * 1024 * 1024
    before = fingerprint(demo_dir)
    with (tmp_path / "stderr.txt").open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "fupin_desktop", "--data-dir", str(demo_dir), "import", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "PYTHONUTF8": "1"},
        )
        peak_mb = 0.0
        while process.poll() is None:
            peak_mb = max(peak_mb, _high_water_mb(process.pid))
            time.sleep(0.05)
    err = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert process.returncode == 2, err
    assert "超过 300,000 行" in err and "分批导入" in err and "Traceback" not in err
    assert peak_mb < 400, f"peak memory {peak_mb:.0f} MB"
    assert fingerprint(demo_dir) == before


def test_a_full_disk_while_exporting_is_a_chinese_message_and_no_file(demo_dir: Path, tmp_path: Path) -> None:
    """Write-only sheets stream through lxml; a write refused by the disk must not end in a traceback."""
    import resource
    import subprocess
    import sys

    out = tmp_path / "人口台账.xlsx"
    cli = "import sys; from fupin_desktop.cli import main; sys.exit(main(sys.argv[1:]))"

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    done = subprocess.run(
        [sys.executable, "-c", cli, "--data-dir", str(demo_dir), "export", "members", "-o", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "写入 人口台账.xlsx 失败：磁盘空间不足或无法写入" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() and list(tmp_path.glob("*.part")) == []


def test_an_error_book_over_the_input_file_is_refused_before_importing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = _rows(_bad_checksum, "校验.xlsx")(tmp_path)
    original = path.read_bytes()
    before = fingerprint(data_dir)
    code, _, err = _run(capsys, data_dir, path, "--skip-bad-households", "--errors", str(path))
    assert code == 2
    assert "不能保存为正在读取的文件 校验.xlsx" in err
    assert path.read_bytes() == original
    assert fingerprint(data_dir) == before


def test_an_error_book_in_a_missing_folder_is_refused_before_importing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = _rows(_bad_checksum, "校验.xlsx")(tmp_path)
    before = fingerprint(data_dir)
    code, _, err = _run(
        capsys, data_dir, path, "--skip-bad-households", "--errors", str(tmp_path / "没有" / "err.xlsx")
    )
    assert code == 2
    assert "错误标注文件的文件夹不存在" in err
    assert fingerprint(data_dir) == before


def test_the_error_book_replaces_an_older_one_whole(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = _rows(_bad_checksum, "校验.xlsx")(tmp_path)
    out = tmp_path / "标注.xlsx"
    out.write_bytes(b"an older file")
    code, _, err = _run(capsys, data_dir, path, "--dry-run", "--errors", str(out))
    assert code == 1
    assert f"已生成错误标注文件：{out}" in err
    values = [v for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True) for v in row]
    assert "错误说明" in values
    assert any(isinstance(v, str) and "校验位错误" in v for v in values)
    assert [p.name for p in tmp_path.glob("*.part")] == []


def test_an_export_into_a_missing_folder_is_refused_like_every_other_file(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "没有的文件夹"
    for args in (
        ["export", "members", "-o", str(missing / "人口台账.xlsx")],
        ["cards", "--village", "清水村", "-o", str(missing / "明白卡.pdf")],
    ):
        code = main(["--data-dir", str(demo_dir), *args])
        err = capsys.readouterr().err
        assert code == 2, args
        assert f"保存位置不存在：{missing}。请先建立该文件夹或换一个位置。" in err
    assert not missing.exists()
