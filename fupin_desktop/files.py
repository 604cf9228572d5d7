"""Writing a file into place: the bytes go to `<name>.part` beside the target and are renamed over it
only when complete, so a failure, a full disk or 取消 never leaves half a file under the name the user
chose (and never spoils the copy that was there before)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from fupin_desktop.errors import UserError, describe_os_error


def require_folder(out: Path) -> None:
    """A UserError when the folder `out` would be saved in does not exist: every writer refuses it alike
    (a mistyped folder made on the spot would hide the file where nobody looks)."""
    if not out.parent.is_dir():
        raise UserError(f"保存位置不存在：{out.parent}。请先建立该文件夹或换一个位置。")


@contextlib.contextmanager
def written_in_place(out: Path) -> Iterator[Path]:
    """Yield the path to write; on success rename it to `out`. On any failure the partial file is
    removed; an OSError becomes a Chinese UserError naming `out`. The folder must exist."""
    require_folder(out)
    partial = out.with_name(out.name + ".part")
    try:
        yield partial
        partial.replace(out)
    except OSError as exc:
        _remove(partial)
        raise UserError(describe_os_error(exc, out)) from exc
    except BaseException:
        _remove(partial)
        raise


def refuse_overwriting(source: Path, out: Path, what: str) -> None:
    """A UserError when `out` is the very file `source` (writing it would destroy what was read)."""
    with contextlib.suppress(OSError):
        if out.exists() and out.resolve() == source.resolve():
            raise UserError(f"{what}不能保存为正在读取的文件 {source.name}：请换一个文件名。")


def _remove(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)
