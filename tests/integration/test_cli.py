"""The command-line contract of DESIGN §3 for the Foundation's commands."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fupin_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_json_has_the_documented_keys(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "info", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"villages", "households", "members", "helpers", "pairings", "tasks"}
    assert data["villages"] == 12 and data["households"] == 600
    assert set(data["tasks"]) == {"待整改", "整改中", "待验收", "已销号"}


def test_info_on_a_new_folder_is_all_zeros(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", "--json", "--data-dir", str(tmp_path / "fresh"))
    assert code == 0
    assert json.loads(out)["households"] == 0
    assert (tmp_path / "fresh" / "fupin.sqlite").exists()


def test_demo_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(tmp_path / "d")
    code, out, _ = run(capsys, "--data-dir", folder, "demo", "--households", "36", "--seed", "7")
    assert code == 0
    assert "36 户" in out and "故意设置" in out
    code, out, _ = run(capsys, "--data-dir", folder, "info", "--json")
    assert json.loads(out)["households"] == 36


def test_demo_refuses_existing_data_with_exit_2(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "demo", "--households", "30")
    assert code == 2
    assert "--force" in err


def test_data_dir_that_is_a_file_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, out, err = run(capsys, "--data-dir", str(blocker), "info")
    assert code == 2
    assert "无法使用数据文件夹" in err and "Traceback" not in err
    assert out == ""


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_data_dir_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        code, _, err = run(capsys, "--data-dir", str(folder), "info")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert code == 2
    assert "只读" in err or "没有写入权限" in err


def test_corrupt_database_exits_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "fupin.sqlite").write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "--data-dir", str(folder), "info")
    assert code == 2
    assert "已损坏" in err and "恢复" in err


def test_the_installed_command_runs(tmp_path: Path) -> None:
    """`fupin` as a separate process (entry point, UTF-8 output, environment variable)."""
    env = {**os.environ, "FUPIN_DATA_DIR": str(tmp_path / "env-data")}
    result = subprocess.run(
        [sys.executable, "-m", "fupin_desktop", "info", "--json"],
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert json.loads(result.stdout.decode("utf-8"))["villages"] == 0
    assert (tmp_path / "env-data" / "fupin.sqlite").exists()


def test_usage_errors_and_help_are_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["tasks"])
    assert stop.value.code == 2
    assert "缺少必填参数：操作" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["info", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：fupin info") and "显示此帮助并退出" in out and "show this help" not in out


def test_data_dir_is_taken_at_every_level(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "users", "list", "--data-dir", str(demo_dir))[0] == 0
    code, out, _ = run(capsys, "tasks", "--data-dir", str(demo_dir), "list", "--json")
    assert code == 0 and json.loads(out)["tasks"]


def test_an_internal_fault_is_one_chinese_line_and_a_log(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fupin_desktop.cli import basic

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(basic, "database_info", broken)
    code, _, err = run(capsys, "info", "--data-dir", str(demo_dir))
    assert code == 3
    assert err.startswith("程序内部错误（ZeroDivisionError") and "Traceback" not in err
    assert "ZeroDivisionError" in (demo_dir / "logs" / "fupin.log").read_text(encoding="utf-8")
