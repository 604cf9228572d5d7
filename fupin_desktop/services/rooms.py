"""The face of a room of services/ (register, households, rectification…; docs/architecture.md).

A room's `__init__` names, module by module, what ui/, cli/ and the other rooms may call (`FRONT`); the
rest of the room is private to it. Each name loads its module on first use, so importing a room costs
nothing until one of its names is used (`fupin --help` imports no room at all, issue 18), and two rooms
that call each other do not import each other while loading.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def front(
    package: str, names: Mapping[str, tuple[str, ...]]
) -> tuple[list[str], Callable[[str], object], Callable[[], list[str]]]:
    """`__all__`, `__getattr__` and `__dir__` for the room `package` whose modules offer `names`."""
    home = {name: f"{package}.{module}" for module, group in names.items() for name in group}

    def __getattr__(name: str) -> object:
        module = home.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        try:
            value = getattr(importlib.import_module(module), name)
        except AttributeError as exc:  # `from room import name` would say only "cannot import name"
            raise ImportError(f"{module} (for {name!r}): {exc}") from exc
        setattr(sys.modules[package], name, value)  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(home) | set(vars(sys.modules[package])))

    return sorted(home), __getattr__, __dir__
