"""The main window fits a screen under Windows' display scaling (issue 22): a 1366×768 screen at 125 %
is 1093×614 to Qt, a 1280×800 laptop at 150 % only 853×533. Every tab's layout (filter bars wrap, long
summaries wrap, the village board scrolls) must allow a window inside that area with a title bar and
borders, and no visible button may lie off the screen. Each screen runs in a process of its own, since
Qt reads the screens once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HELPER = Path(__file__).parents[1] / "support" / "scaled_screen.py"
TABS = ["户籍管理", "挂图作战", "整改清单", "数据核查"]


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1093, 614, 1.25), (853, 533, 1.5)],
    ids=["1366x768-125%", "1280x800-150%"],
)
def test_every_tab_fits_a_scaled_screen(demo_dir: Path, width: int, height: int, scale: float) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, str(HELPER), str(demo_dir), str(width), str(height), str(scale)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=200,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["area"] == [width, height]
    assert list(report["tabs"]) == TABS
    assert report["frame_inside"]
    for tab, seen in report["tabs"].items():
        smallest_width, smallest_height = seen["smallest"]
        assert smallest_width <= width and smallest_height <= height, (tab, seen["smallest"])
        assert seen["off_screen"] == [], tab
