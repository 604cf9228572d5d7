"""An .xls or .ods is loaded once in a child process before the program loads it, so a file that would
exhaust memory takes down the child, not the window.

For .xlsx the bounds are checked in advance (`xlsx_guard`); an .xls is a compound file of binary records
and an .ods repeats cells by attribute (`number-columns-repeated`), so how much calamine will allocate is
only known by loading it. The child loads every visible sheet under an address-space limit (Linux and
macOS: `resource.setrlimit`; Windows has no such call, so there the child only keeps an abort out of the
window) and reports each sheet's size; a sheet whose rectangle is too big is refused before the program
loads it itself.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path

from fupin_desktop.errors import InputUnreadable
from fupin_desktop.excel.xlsx_guard import CALAMINE_MAX_AREA

CHILD_MEMORY_BYTES = 2 << 30  # address space: the interpreter (~0.3 GB) and calamine's sheets
CHILD_SECONDS = 300  # a 60 MB .xls loads in well under a minute


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows
        return
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))


def _probe(path: str, sheets: list[str], reply: Connection) -> None:
    """In the child: load each sheet and send back its (rows, columns), or the error's text."""
    _limit_memory()
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(path)
        sizes = {}
        for name in sheets:
            sheet = book.get_sheet_by_name(name)
            end = sheet.end  # the last cell, 0-based: the rectangle calamine holds starts at A1 here
            sizes[name] = (end[0] + 1, end[1] + 1) if end else (0, 0)
            del sheet
        reply.send(("ok", sizes))
    except MemoryError:
        reply.send(("memory", None))
    except Exception as exc:  # damage is reported by the program's own load, with its message
        reply.send(("error", str(exc)[:200]))
    finally:
        reply.close()


def _too_big(path: Path, name: str, rows: int, columns: int) -> InputUnreadable:
    from fupin_desktop.excel.parse import column_letter

    return InputUnreadable(
        f"无法读取 {path.name}：工作表“{name}”的范围到 {column_letter(max(columns - 1, 0))}{rows}"
        f"（{rows:,} 行 × {columns:,} 列，多余的空白单元格），超出能读入内存的上限；"
        "请在 Excel 中删除多余的行列（或另存为 .xlsx）后再导入。"
    )


def probe_sheets(path: Path, sheets: list[str]) -> dict[str, tuple[int, int]]:
    """Load the sheets in a child process; raises InputUnreadable when that exhausts the child's
    memory, takes too long or finds a sheet too big to load here."""
    if not sheets:
        return {}
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_probe, args=(str(path), sheets, send), daemon=True)
    try:
        child.start()
    except OSError:  # no process could be started: load in this one, as before
        return {}
    send.close()
    try:
        answer = receive.recv() if receive.poll(CHILD_SECONDS) else ("time", None)
    except EOFError:  # the child died without a word: killed for memory or aborted
        answer = ("memory", None)
    finally:
        receive.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    kind, sizes = answer
    if kind in ("memory", "time"):
        why = (
            "读取时需要的内存超过上限" if kind == "memory" else f"读取超过 {CHILD_SECONDS // 60} 分钟仍未完成"
        )
        raise InputUnreadable(
            f"无法读取 {path.name}：{why}，文件中可能有大片多余的单元格，或已损坏；"
            "请在 Excel 中删除多余的行列后另存为 .xlsx 再导入。"
        )
    if kind != "ok":
        return {}
    for name, (rows, columns) in sizes.items():
        if rows * columns > CALAMINE_MAX_AREA:
            raise _too_big(path, name, rows, columns)
    return sizes
