"""The repository as a reader finds it: no merge leftovers, and every picture the README shows exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"^(<{7} |>{7} |={7}$)", re.MULTILINE)


def tracked_text_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files", "*.py", "*.md", "*.toml", "*.iss", "*.spec", "*.json", "dev", ".ci/run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in names if (ROOT / name).is_file()]


def test_no_merge_conflict_markers_are_left_in_the_repository() -> None:
    files = tracked_text_files()
    assert len(files) > 100  # the listing worked
    leftovers = [f.relative_to(ROOT) for f in files if MARKER.search(f.read_text(encoding="utf-8"))]
    assert leftovers == []


def test_every_picture_and_link_in_the_readme_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(((?:docs|installer)/[^)\s]+)\)", readme)
    assert len(targets) > 10
    assert [t for t in targets if not (ROOT / t).exists()] == []
