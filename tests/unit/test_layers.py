"""DESIGN §1: data flows one way. Only ui/ and app.py import Qt; domain/ imports nothing of ours but itself."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "fupin_desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(under: str = "") -> list[Path]:
    return sorted((PACKAGE / under).rglob("*.py"))


def test_the_package_has_modules_to_check() -> None:
    assert len(_modules()) > 20
    assert _modules("domain") and _modules("ui")


def test_only_ui_and_app_import_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if not (path.relative_to(PACKAGE).parts[0] in ("ui",) or path.name == "app.py")
        and any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path))
    ]
    assert offenders == []


def test_domain_imports_only_itself_of_ours() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name
            for name in _imports(path)
            if name.startswith("fupin_desktop") and not name.startswith("fupin_desktop.domain")
        )
        for path in _modules("domain")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_lower_layers_do_not_import_upper_layers() -> None:
    rules = {
        "db": ("fupin_desktop.services", "fupin_desktop.ui", "fupin_desktop.reports", "fupin_desktop.excel"),
        "services": ("fupin_desktop.ui", "fupin_desktop.cli", "fupin_desktop.app"),
        "reports": ("fupin_desktop.db", "fupin_desktop.services", "fupin_desktop.ui"),
        "excel": ("fupin_desktop.db", "fupin_desktop.services", "fupin_desktop.ui"),
    }
    offenders = []
    for layer, forbidden in rules.items():
        for path in _modules(layer):
            bad = [name for name in _imports(path) if name.startswith(forbidden)]
            if bad:
                offenders.append((str(path.relative_to(PACKAGE)), bad))
    assert offenders == []


def test_widgets_never_touch_the_orm() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules("ui")
        if any(name.startswith(("fupin_desktop.db", "sqlalchemy")) for name in _imports(path))
    ]
    assert offenders == []
