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


# ------------------------------------------------------------------ the rooms of services/ (issue 21)

SERVICES = "fupin_desktop.services"
# Modules every room may use: who acts and on what day, long jobs, audit rows, excel/ jobs, the rooms' face.
SHARED = {f"{SERVICES}.{name}" for name in ("context", "progress", "audit", "excel_steps", "rooms")}
# Longer than the limits on purpose: a migration is history, never edited after it shipped.
TOO_LONG_ALLOWED = {"db/migrations/versions/0001_initial.py"}
MODULE_LINES, CLASS_LINES = 600, 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an import names, relative imports resolved against the importing module."""
    if node.level == 0:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _imported(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in `path`, inside functions too; `import a.b` gives (a.b, [])."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((_absolute(path, node), [alias.name for alias in node.names]))
    return found


def _room_of(module: str) -> str | None:
    """`fupin_desktop.services.households.listing` → `fupin_desktop.services.households`."""
    parts = module.split(".")
    if module.startswith(SERVICES + ".") and len(parts) > 2 and ".".join(parts[:3]) not in SHARED:
        return ".".join(parts[:3])
    return None


def _rooms() -> list[str]:
    return sorted(f"{SERVICES}.{path.parent.name}" for path in (PACKAGE / "services").glob("*/__init__.py"))


def test_services_are_rooms_each_with_a_face() -> None:
    import importlib

    rooms = _rooms()
    assert len(rooms) >= 10
    loose = sorted(
        p.stem
        for p in (PACKAGE / "services").glob("*.py")
        if p.stem != "__init__" and f"{SERVICES}.{p.stem}" not in SHARED
    )
    assert loose == []
    for room in rooms:
        package = importlib.import_module(room)
        assert package.__all__, room
        for name in package.__all__:  # every name of the face loads, and no name hides a module
            assert getattr(package, name) is not None, (room, name)
            assert not (PACKAGE.parent / room.replace(".", "/") / f"{name}.py").exists(), (room, name)


def test_rooms_are_entered_only_through_their_face() -> None:
    """Outside a room, only `from fupin_desktop.services.<room> import <name in __all__>`: no private
    module of another room, no name its face does not offer, relative imports resolved too."""
    import importlib

    faces = {room: set(importlib.import_module(room).__all__) for room in _rooms()}
    offenders = []
    for path in _modules():
        mine = _room_of(_module_name(path) + ".x") if _module_name(path).startswith(SERVICES) else None
        for module, names in _imported(path):
            where = str(path.relative_to(PACKAGE))
            if module == SERVICES:  # `from fupin_desktop.services import checks`: a room as a module
                offenders += [
                    (where, f"{SERVICES}.{name}") for name in names if f"{SERVICES}.{name}" in faces
                ]
                continue
            room = _room_of(module)
            if room is None or room == mine:
                continue
            if module != room:
                offenders.append((where, module))
            offenders += [(where, f"{room}.{name}") for name in names if name not in faces[room]]
    assert offenders == []


def test_the_face_check_sees_what_it_should() -> None:
    """The check above resolves a relative import and knows a room from a shared module."""
    path = PACKAGE / "services" / "households" / "listing.py"
    relative = ast.parse("from ..register import records").body[0]
    assert isinstance(relative, ast.ImportFrom)
    assert _absolute(path, relative) == f"{SERVICES}.register"
    assert _room_of(f"{SERVICES}.register.records") == f"{SERVICES}.register"
    assert _room_of(f"{SERVICES}.context") is None


def test_no_module_or_class_is_too_long() -> None:
    offenders = []
    for path in _modules():
        where = str(path.relative_to(PACKAGE))
        if where in TOO_LONG_ALLOWED:
            continue
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MODULE_LINES:
            offenders.append((where, len(text.splitlines())))
        offenders += [
            (f"{where}:{node.name}", node.end_lineno - node.lineno + 1)
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > CLASS_LINES
        ]
    assert offenders == []


# The ui modules of two walks a clerk takes every week; each walk passes through one room.
WALKS = {
    "整改清单 → 销号 with evidence": (
        f"{SERVICES}.rectification",
        ("ui/rectification/tab.py", "ui/rectification/detail.py", "ui/rectification/action_dialog.py"),
    ),
    "文件 → 导入": (
        f"{SERVICES}.importing",
        ("ui/excel/__init__.py", "ui/excel/import_wizard.py", "ui/excel/tables.py"),
    ),
}


def test_a_feature_walk_passes_through_one_room() -> None:
    seen = {}
    for walk, (room, modules) in WALKS.items():
        rooms = {
            _room_of(module)
            for name in modules
            for module, _names in _imported(PACKAGE / name)
            if _room_of(module) is not None
        }
        seen[walk] = sorted(r for r in rooms if r)
        assert seen[walk] == [room], walk
