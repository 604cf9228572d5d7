"""The one embedded font (WenQuanYi Micro Hei), registered for reportlab and matplotlib.

Qt registration lives in `ui/theme.py` (only ui/ may import Qt) and uses `font_path()` from here.
Registration is lazy and idempotent: call the register function right before rendering.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from fupin_desktop.paths import resources_dir

FONT_FILE = "wqy-microhei.ttf"
FAMILY = "WenQuanYi Micro Hei"
PDF_FONT = "WQYMicroHei"  # reportlab font name

_lock = threading.Lock()


@cache
def font_path() -> Path:
    path = resources_dir() / "fonts" / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"缺少字体文件 {path}。请重新安装程序。")
    return path


@cache
def register_reportlab() -> str:
    """Register the font with reportlab once; returns the reportlab font name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(font_path())))
        # The face has no bold or italic: map them to the regular face so <b> never fails.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(PDF_FONT, bold, italic, PDF_FONT)
    return PDF_FONT


@cache
def register_matplotlib() -> str:
    """Register the font with matplotlib once and make it the default; returns the family name."""
    import matplotlib
    from matplotlib import font_manager

    with _lock:
        font_manager.fontManager.addfont(str(font_path()))
        matplotlib.rcParams["font.family"] = [FAMILY]
        matplotlib.rcParams["axes.unicode_minus"] = False
        matplotlib.rcParams["pdf.fonttype"] = 42
        matplotlib.rcParams["svg.fonttype"] = "none"
    return FAMILY
