"""The PyInstaller spec works: build the onedir into a temporary folder and run the frozen program.

One test function on purpose: under pytest-xdist (`-n 2`) it runs exactly once, on one worker, and
the build never shares a folder (or PyInstaller's cache) with anything else.

It takes two minutes alone and far more beside a busy second worker, past the suite's 240-second
limit. pytest-timeout's thread method ends the whole process at that limit (`os._exit`), which xdist
reports as a crashed worker ("node down: Not properly terminated"), not as this test failing. So each
step has its own bound, failing with the step's output, and the test's limit is above their sum.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "fupin.spec"
EXE = ".exe" if os.name == "nt" else ""
BUILD_SECONDS = 1200  # PyInstaller on a loaded two-core machine
STEP_SECONDS = 300  # each run of the frozen program
STEPS = 6


def _run(
    args: list[str], *, env: dict[str, str], cwd: Path, timeout: int
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def _tail(result: subprocess.CompletedProcess[str]) -> str:
    return (result.stdout[-3000:] + "\n" + result.stderr[-6000:]).strip()


@pytest.mark.slow
@pytest.mark.timeout(BUILD_SECONDS + STEPS * STEP_SECONDS + 120)
def test_the_frozen_program_passes_its_smoke_test(tmp_path: Path) -> None:
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        pytest.fail("PyInstaller 在 Linux 上需要 objdump：请安装 binutils（apt-get install binutils）。")
    repo_before = {p.name for p in ROOT.iterdir()}
    env = {
        **os.environ,
        "PYINSTALLER_CONFIG_DIR": str(tmp_path / "pyinstaller-cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("FUPIN_DATA_DIR", None)
    dist = tmp_path / "dist"
    build = _run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(tmp_path / "build"),
            str(SPEC),
        ],
        env=env,
        cwd=tmp_path,
        timeout=BUILD_SECONDS,
    )
    assert build.returncode == 0, _tail(build)
    bundle = dist / "fupin"
    internal = bundle / "_internal"

    smoke = _run(
        [str(bundle / f"fupin-desktop{EXE}"), "--smoke-test", "--data-dir", str(tmp_path / "smoke")],
        env=env,
        cwd=tmp_path,
        timeout=STEP_SECONDS,
    )
    assert smoke.returncode == 0, _tail(smoke)
    assert "自检通过" in smoke.stdout
    assert (tmp_path / "smoke" / "fupin.sqlite").exists()

    # the frozen command line: migrations, resources and the demo generator are all in the bundle
    cli = str(bundle / f"fupin{EXE}")
    data = str(tmp_path / "cli-data")
    for args in (["demo", "--households", "36"], ["backup"]):
        result = _run([cli, "--data-dir", data, *args], env=env, cwd=tmp_path, timeout=STEP_SECONDS)
        assert result.returncode == 0, _tail(result)
    info = _run([cli, "--data-dir", data, "info", "--json"], env=env, cwd=tmp_path, timeout=STEP_SECONDS)
    assert json.loads(info.stdout)["households"] == 36
    # the data checks' helper process is the frozen program started again (freeze_support)
    alone = _run([cli, "--data-dir", data, "check", "--json"], env=env, cwd=tmp_path, timeout=STEP_SECONDS)
    shared_env = {**env, "FUPIN_PARALLEL_FROM": "1"}
    shared = _run(
        [cli, "--data-dir", data, "check", "--json"], env=shared_env, cwd=tmp_path, timeout=STEP_SECONDS
    )
    assert shared.stdout == alone.stdout and json.loads(shared.stdout)["findings"], _tail(shared)
    assert "辅助进程" not in shared.stderr, _tail(shared)

    assert (internal / "resources" / "fonts" / "wqy-microhei.ttf").is_file()
    assert (internal / "resources" / "help" / "guide.html").is_file()
    assert (internal / "resources" / "help" / "images" / "households_table.png").is_file()
    assert (internal / "fupin_desktop" / "db" / "migrations" / "versions" / "0001_initial.py").is_file()
    licences = internal / "licenses"
    assert (licences / "NOTICE-Qt-PySide6.txt").is_file() and (licences / "LGPL-3.0.txt").is_file()
    assert (licences / "font-wenquanyi-micro-hei" / "LICENSE-Apache-2.0.txt").is_file()
    assert (licences / "python" / "sqlalchemy" / "LICENSE").is_file()
    tk = [
        p.name
        for p in internal.rglob("*")
        if "tkinter" in p.name.lower() or p.name.startswith(("libtk", "libtcl", "tk8", "tcl8"))
    ]
    assert tk == []
    assert {p.name for p in ROOT.iterdir()} == repo_before  # no build/ or dist/ left in the repository
