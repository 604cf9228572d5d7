"""时间顺序 (DOMAIN §4, sources §2.6): 识别 → 帮扶 → 消除 in a plausible order and pace."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from fupin_desktop.domain.checks.facts import (
    dev_support_done,
    household_labour_capable,
    household_without_labour,
    months_between,
    under_monitoring,
)
from fupin_desktop.domain.checks.model import (
    BASIC,
    CAT_MONITORING,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import GUIDE, cite
from fupin_desktop.domain.codes import ELIMINATED_BY_SUPPORT

GROUP = "时间顺序"
DEV_SUPPORT_MONTHS = 1  # 识别后满1个月应落实开发式帮扶
MIN_MONITORED_MONTHS = 6  # 风险消除原则上在识别半年以后


def _month(d: date) -> str:
    return f"{d.year}年{d.month}月"


@rule(
    "dev_support_missing",
    Severity.ERROR,
    "识别满1个月未实施开发式帮扶",
    hint="为有劳动能力的监测户落实产业、就业、金融或公益岗位帮扶，并把开发式帮扶改为已实施。",
    section=BASIC,
    category=CAT_MONITORING,
    needs=("h.dev_support", "m.labour_skill"),
    group=GROUP,
    monitored=True,
    source=cite(GUIDE, peer="5_12_007"),
)
def dev_support_missing(s: Snapshot) -> Iterator[Hit]:
    identified = s.record.identified_on
    if (
        under_monitoring(s.record)
        and identified is not None
        and months_between(identified, s.today) >= DEV_SUPPORT_MONTHS
        and not dev_support_done(s.record)
        and household_labour_capable(s.record)
    ):
        state = s.record.dev_support or "未填写"
        yield Hit(
            f"{_month(identified)}识别，家中有劳动力，开发式帮扶措施仍为“{state}”。", field="dev_support"
        )


@rule(
    "eliminated_too_soon",
    Severity.DOUBT,
    "识别不满6个月即消除",
    hint="风险消除原则上要在收入持续稳定半年以上后进行：核对识别和消除时间。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(GUIDE, peer="2_11_002"),
)
def eliminated_too_soon(s: Snapshot) -> Iterator[Hit]:
    start, end = s.record.identified_on, s.record.eliminated_on
    if s.record.risk_eliminated is not True or start is None or end is None:
        return
    months = months_between(start, end)
    if months < 0:
        yield Hit(f"消除监测时间{_month(end)}早于识别监测时间{_month(start)}。", field="eliminated_on")
    elif months < MIN_MONITORED_MONTHS:
        yield Hit(
            f"{_month(start)}识别，{_month(end)}即标记风险消除，相隔不满{MIN_MONITORED_MONTHS}个月。",
            field="eliminated_on",
        )


@rule(
    "eliminated_no_dev",
    Severity.ERROR,
    "帮扶消除但开发式帮扶未实施",
    hint="帮扶消除的应已落实开发式帮扶：核对开发式帮扶情况或消除方式。",
    section=BASIC,
    category=CAT_MONITORING,
    needs=("h.dev_support",),
    group=GROUP,
    source=cite(GUIDE, peer="1_11_009"),
)
def eliminated_no_dev(s: Snapshot) -> Iterator[Hit]:
    if (
        s.record.risk_eliminated is True
        and s.record.elimination_method == ELIMINATED_BY_SUPPORT
        and not dev_support_done(s.record)
    ):
        state = s.record.dev_support or "未填写"
        yield Hit(f"风险消除方式为帮扶消除，开发式帮扶措施却是“{state}”。", field="elimination_method")


@rule(
    "eliminated_no_labour",
    Severity.ERROR,
    "无劳动能力户标记消除",
    hint="整户无劳动能力的监测户兜底保障后不标注风险消除，继续监测：撤销消除标记。",
    section=BASIC,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(GUIDE, practice="整户无劳动能力的兜底保障后不标注风险消除"),
)
def eliminated_no_labour(s: Snapshot) -> Iterator[Hit]:
    if s.record.risk_eliminated is True and household_without_labour(s.record):
        yield Hit("整户无劳动能力，却标记了风险已消除。", field="risk_eliminated")
