"""What running on Windows found in the program (issue 22), checked where it can be on Linux."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from fupin_desktop import __version__, app
from fupin_desktop.errors import UserError
from fupin_desktop.paths import DataPaths


def test_python_m_fupin_desktop_cli_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fupin_desktop.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and __version__ in done.stdout


@pytest.mark.slow
def test_the_smoke_test_survives_output_redirected_on_a_code_page_without_chinese(tmp_path: Path) -> None:
    # an English Windows: `fupin-desktop --smoke-test > log.txt` writes in cp1252, which cannot spell 自检通过
    log = tmp_path / "log.txt"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "QT_QPA_PLATFORM": "offscreen"}
    with log.open("wb") as out:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from fupin_desktop.app import main; raise SystemExit(main(['--smoke-test']))",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            check=False,
            timeout=200,
        )
    text = log.read_bytes().decode("utf-8")
    assert done.returncode == 0, text
    assert "自检通过" in text


def own_stale_lock(folder: Path) -> None:
    """The lock a crashed window leaves when the next process is given its PID (routine under Wine)."""
    exe = (
        Path("/proc/self/exe").readlink().name
        if Path("/proc/self/exe").exists()
        else Path(sys.executable).name
    )
    (folder / app.LOCK_FILE).write_text(f"{os.getpid()}\n{exe}\n{socket.gethostname()}\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="writes a Unix lock file by hand")
def test_a_lock_left_under_this_processs_own_pid_does_not_keep_the_folder_closed(tmp_path: Path) -> None:
    own_stale_lock(tmp_path)
    lock = app.acquire_instance_lock(DataPaths(tmp_path))
    try:
        assert lock.isLocked()
        # ...while a lock this process really holds still keeps a second window out
        with pytest.raises(UserError, match="已经打开了这个数据文件夹"):
            app.acquire_instance_lock(DataPaths(tmp_path))
    finally:
        lock.unlock()
