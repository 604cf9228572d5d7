"""Settings that travel with the data (DESIGN §4).

Each field is stored in the `setting` table under its own key as JSON; a missing key means the default
below. Window geometry and other per-PC preferences live in QSettings instead (ui/).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from fupin_desktop.domain.income import DEFAULT_COST_RATIOS


@dataclass(frozen=True, slots=True)
class Settings:
    township: str = ""  # 乡镇名称, shown in the title bar and on every document
    county: str = ""
    province: str = ""
    threshold_region: str = "本地"  # which region's 监测范围 applies (threshold.region)
    supervision_phones: tuple[str, ...] = ("全国防返贫监测和乡村振兴咨询服务热线 12317",)
    helper_limit: int = 5  # households per helper
    yellow_days: int = 7  # 黄: due within this many days and not closed
    escalate_after_extensions: int = 2  # two extensions → escalation mark
    income_drop_percent: float = 30.0  # income down more than this on last year
    watch_margin_percent: float = 20.0  # 监测预警: within this margin above the threshold
    rural_income_last_year: float = 20000.0  # provincial rural per-capita disposable income
    self_paid_share_limit: float = 0.5  # 合规自付支出 above this share of the figure above
    unstable_wage_share_percent: float = 60.0  # 监测预警 务工收入不稳: wage share of gross income …
    short_work_months: float = 6.0  # … with someone working fewer months than this
    notice_days: int = 5  # 公示 period
    card_qr: bool = False  # small QR code on 明白卡
    county_hotline: str = ""  # 县防返贫监测帮扶热线, printed on the 明白卡
    township_hotline: str = ""  # 乡镇防返贫监测帮扶电话, printed on the 明白卡
    report_working_days: int = 20  # 核实 → 村评议公示 → 乡审核 → 县确定 after a reported difficulty
    notice_all_risks: bool = False  # 公示名单 names every 风险类型, health and disability too (county rule)
    notice_id_tail: bool = False  # 公示名单 shows the last four digits of the 户主's ID (county rule)
    cost_ratios: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_COST_RATIOS))
    briefing_problems: str = ""  # 存在问题, kept between meetings
    briefing_next_steps: str = ""  # 下步工作

    @property
    def self_paid_limit(self) -> float:
        return round(self.rural_income_last_year * self.self_paid_share_limit, 2)

    @classmethod
    def from_stored(cls, stored: dict[str, str]) -> Settings:
        """Build from the `setting` table's key → JSON text; unknown keys are ignored."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in stored:
                value = json.loads(stored[f.name])
                values[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)

    def to_stored(self) -> dict[str, str]:
        return {k: json.dumps(v, ensure_ascii=False) for k, v in asdict(self).items()}

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)
