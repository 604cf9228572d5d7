"""Issue 20 §7: `import --skip-bad-households` exits 1 (nothing changed) when every household was rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from fupin_desktop.cli import main
from tests.integration.excel_files import fingerprint, national_rows, write_xlsx


def _bad_checksum(number: object) -> str:
    text = str(number)
    return text[:17] + ("1" if text[17] != "1" else "2")


def test_every_household_rejected_is_exit_1(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    rows = [list(r) for r in national_rows(3)]
    for row in rows[1:]:
        row[9] = _bad_checksum(row[9])
    path = write_xlsx(tmp_path / "全错.xlsx", rows, title="云岭县人口信息")
    before = fingerprint(data_dir)
    code = main(["--data-dir", str(data_dir), "import", str(path), "--skip-bad-households"])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "跳过了有错误的 3 户" in out and "未导入任何数据" in out
    assert fingerprint(data_dir) == before


def test_some_households_imported_is_still_exit_0(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    rows = [list(r) for r in national_rows(3)]
    rows[1][9] = _bad_checksum(rows[1][9])
    path = write_xlsx(tmp_path / "一户错.xlsx", rows, title="云岭县人口信息")
    code = main(["--data-dir", str(data_dir), "import", str(path), "--skip-bad-households"])
    out, _ = capsys.readouterr()
    assert code == 0 and "跳过有错误的 1 户" in out
