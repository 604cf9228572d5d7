"""公示名单 (DOMAIN §4, §7): which notices there are and the period a notice lists by default.

Kept apart from `reports/notice.py` and `services/printing/notices.py` so the command line can offer them
(`fupin notice KIND`) without loading reportlab or the database layer.
"""

from __future__ import annotations

from enum import StrEnum

# the notice lists the households of the last PERIOD_MONTHS months, the current one included
PERIOD_MONTHS = 3


class NoticeKind(StrEnum):
    IDENTIFY = "identify"  # 识别为监测对象
    ELIMINATE = "eliminate"  # 风险消除

    @property
    def label(self) -> str:
        return "识别" if self is NoticeKind.IDENTIFY else "风险消除"
