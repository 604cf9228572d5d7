"""The demo township's defaults (`fupin demo`, 帮助 → 示范数据): how many households, which random seed.

Kept apart from the generator (`services/demo`) so the command line can show them without loading it.
"""

from __future__ import annotations

DEFAULT_HOUSEHOLDS = 2400
DEFAULT_SEED = 2026  # the same seed gives the same township
