"""Screenshots of the installer's pages and of the installed program under Wine (./dev windows --screenshots).

Run by build.sh inside xvfb-run, with the Linux .venv's Python: it walks the installer with xdotool
(Enter = 下一步), grabs the screen with Qt after each page, then opens the installed program on a small
demo township at 100 % and at 150 % (Windows' display scaling, LogPixels 144) on a 1920 × 1080
screen, the usual laptop at its usual 150 %.
Environment: SETUP_EXE, SHOTS (the folder for the PNGs), WINEPREFIX.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtGui import QGuiApplication

SHOTS = Path(os.environ["SHOTS"])
SETUP_EXE = os.environ["SETUP_EXE"]
PREFIX = Path(os.environ["WINEPREFIX"])
LOCAL = PREFIX / "drive_c" / "users" / getpass.getuser() / "AppData" / "Local"
INSTDIR = LOCAL / "Programs" / "FupinDesktop"
PAGES = ["1-welcome", "2-install-mode", "3-folder", "4-components", "5-installing", "6-finish"]


def grab(app: QGuiApplication, name: str) -> Path:
    app.processEvents()
    path = SHOTS / f"{name}.png"
    app.primaryScreen().grabWindow(0).save(str(path))
    print(f"    截图：{path}")
    return path


def xdotool(*args: str) -> str:
    done = subprocess.run(["xdotool", *args], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def focus(title: str, timeout: float = 60) -> None:
    """Give the keyboard to the window whose title contains `title` (there is no window manager)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        windows = xdotool("search", "--onlyvisible", "--name", title).split()
        if windows:
            xdotool("windowfocus", windows[-1])
            return
        time.sleep(1)
    raise SystemExit(f"找不到窗口“{title}”")


# Wine cannot hand a redirected regular file to a Windows program's Python as its standard stream.
QUIET = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}


def wine_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the real (X11) screen
    env.update(extra)
    return env


def installer_pages(app: QGuiApplication) -> None:
    shutil.rmtree(INSTDIR, ignore_errors=True)  # a fresh install: its end is the uninstaller appearing
    setup = subprocess.Popen(["wine", SETUP_EXE], env=wine_env(), **QUIET)
    try:
        for page in PAGES:
            focus("防返贫监测工作台")
            time.sleep(4 if page != "5-installing" else 1)
            grab(app, f"installer-{page}")
            if page == "5-installing":
                wait_for(lambda: (INSTDIR / "uninstall.exe").exists(), 600)
                time.sleep(3)
                continue
            if page == "6-finish":
                xdotool("key", "space")  # untick 打开防返贫监测工作台: the demo opens below instead
            xdotool("key", "Return")
        setup.wait(timeout=60)
    finally:
        if setup.poll() is None:
            setup.kill()


def wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("等待超时")
        time.sleep(2)


def main_window(app: QGuiApplication, name: str, dpi: int) -> None:
    subprocess.run(
        [
            "wine",
            "reg",
            "add",
            r"HKCU\Control Panel\Desktop",
            "/v",
            "LogPixels",
            "/t",
            "REG_DWORD",
            "/d",
            str(dpi),
            "/f",
        ],
        env=wine_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=True,
    )
    program = subprocess.Popen(
        ["wine", str(INSTDIR / "fupin-desktop.exe"), "--demo"], env=wine_env(), **QUIET
    )
    try:
        focus("防返贫监测工作台", timeout=300)
        time.sleep(20)  # the demo township opens, the first tab fills
        grab(app, name)
    finally:
        program.kill()
        subprocess.run(["wineserver", "-k"], check=False)


def main() -> int:
    SHOTS.mkdir(parents=True, exist_ok=True)
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    app = QGuiApplication(sys.argv[:1])
    installer_pages(app)
    # a small demo township, made with the installed command line (the window's --demo makes 2,400 households)
    demo = LOCAL / "FupinDesktop" / "demo"
    if not (demo / "fupin.sqlite").exists():
        subprocess.run(
            ["wine", str(INSTDIR / "fupin.exe"), "--data-dir", str(demo), "demo", "--households", "120"],
            env=wine_env(),
            **QUIET,
            check=True,
        )
    main_window(app, "main-window-100", 96)
    main_window(app, "main-window-150", 144)
    subprocess.run(
        [
            "wine",
            "reg",
            "add",
            r"HKCU\Control Panel\Desktop",
            "/v",
            "LogPixels",
            "/t",
            "REG_DWORD",
            "/d",
            "96",
            "/f",
        ],
        env=wine_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
