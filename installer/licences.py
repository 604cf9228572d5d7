"""The licence texts of every library the program ships, gathered for the bundle (used by fupin.spec).

Walks the runtime requirements of the installed `fupin-desktop` distribution (extras such as the
developer tools are left out) and collects the licence files each distribution carries in its metadata.
Qt and PySide6 carry none in their wheels: their LGPL-3.0 texts are in installer/licenses/.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "fupin-desktop") -> list[metadata.Distribution]:
    """`root` and everything it needs at run time, each once, sorted by name."""
    found: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        if _key(name) in found:
            continue
        dist = metadata.distribution(name)
        found[_key(name)] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return [found[k] for k in sorted(found)]


def licence_files(dist: metadata.Distribution) -> list[tuple[Path, str]]:
    """(file, path inside the distribution's licence folder) for each licence file in its metadata."""
    files = []
    for entry in dist.files or []:
        parts = Path(str(entry)).parts
        if not parts or not parts[0].endswith(".dist-info") or not _LICENCE_FILE.search(parts[-1]):
            continue
        inner = parts[2:] if len(parts) > 2 and parts[1] == "licenses" else parts[1:]
        files.append((Path(str(dist.locate_file(entry))), "/".join(inner)))
    return files


def licence_datas(root: str = "fupin-desktop", dest: str = "licenses/python") -> list[tuple[str, str]]:
    """PyInstaller `datas` entries: (source file, destination folder) for every runtime licence."""
    datas = []
    for dist in runtime_distributions(root):
        name = _key(dist.metadata["Name"])
        for source, inner in licence_files(dist):
            folder = "/".join([dest, name, *inner.split("/")[:-1]])
            datas.append((str(source), folder))
    python_licence = _python_licence()
    if python_licence is not None:
        datas.append((str(python_licence), f"{dest}/python"))
    return datas


def _python_licence() -> Path | None:
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (base / "LICENSE.txt", base / "lib" / version / "LICENSE.txt"):
        if candidate.is_file():
            return candidate
    return None
