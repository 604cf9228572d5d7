"""Defects of the pinned Qt for Python release, worked around once when `ui` is first imported."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

# Far more references than any run of the program can spend, far fewer than the counter holds.
BOOLEAN_RESERVE = 1 << 48


class _Probe(QObject):
    ping = Signal()


def emit_costs_a_reference_to_true() -> bool:
    """Whether `SignalInstance.emit()` hands back True without the reference it owes (PySide6 6.12.0)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def void_call_costs_a_reference_to_none() -> bool:
    """Whether calling a Qt method that returns nothing (`setObjectName`, `setText`, `resize`, a layout's
    `setGeometry` …) hands back None without the reference it owes (PySide6 6.12.0 on Python 3.11)."""
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def keep_booleans_alive() -> bool:
    """Make True and False (and None) outlive every signal the program emits (and every Qt call that
    returns nothing). Returns whether that was needed.

    PySide6 6.12.0's `emit()` returns True without taking a reference, so each emit from Python drops
    one of True's references. On Python 3.11 True is an ordinary object: after a few thousand emits its
    count reaches zero and the interpreter aborts ("bool_dealloc: deallocating True or False") — in the
    program after some minutes of progress bars, in CI as a crashed test worker. Python 3.12 made True
    and False immortal; on 3.11 a count of 2**48 does the same in practice (a million emits a second
    would take nine years to spend it). The version of `pyside6-pdf` that DESIGN §6 calls for exists
    only for 6.12.0, so the release cannot simply be changed.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there: a lost reference changes nothing
    if hasattr(sys, "getobjects"):
        return False  # a --with-trace-refs build: the count is not the first field
    leaking = [True, False] if emit_costs_a_reference_to_true() else []
    if void_call_costs_a_reference_to_none():
        # The same defect for None: every call of a Qt method that returns nothing drops one of None's
        # references. None has only some thousands; a window's layout passes and label updates spend
        # them in minutes, and the interpreter aborts ("none_dealloc: deallocating None").
        leaking.append(None)
    if not leaking:
        return False
    for value in leaking:
        # ob_refcnt is the first field of every object in CPython 3.11 (but for trace-refs builds)
        before = sys.getrefcount(value)
        ctypes.c_ssize_t.from_address(id(value)).value += BOOLEAN_RESERVE
        assert sys.getrefcount(value) == before + BOOLEAN_RESERVE
    return True
