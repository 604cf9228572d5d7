"""风险类型和帮扶措施落实: the village board's risk and coverage charts, and 开发式帮扶 among 在册 监测对象
whose risk is not eliminated."""

from __future__ import annotations

from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household
from fupin_desktop.domain.codes import DEV_SUPPORT_DONE, DEV_SUPPORT_NOT_YET
from fupin_desktop.excel.layout import Ledger
from fupin_desktop.reports.briefing_data import Basics, BriefingData, DevSupport, Risks
from fupin_desktop.services.briefing.sections.part import Fields, Sources
from fupin_desktop.services.briefing.sheets import count_column, counts, sheet, text_column
from fupin_desktop.services.briefing.tallies import on_register


def load(src: Sources) -> Fields:
    monitored = cast(Basics, src.loaded["basics"]).monitored.tally.households
    charts = src.charts
    return {"risks": Risks(monitored, charts.risks, charts.measures, dev_support(src.session))}


def dev_support(session: Session) -> DevSupport:
    """在册 监测对象 not eliminated, by 实施开发式帮扶措施情况; and the 兜底 households among them."""
    where = [
        on_register(),
        Household.monitor_category.is_not(None),
        Household.risk_eliminated.is_not(True),
    ]
    found = dict(
        session.execute(
            select(Household.dev_support, func.count()).where(*where).group_by(Household.dev_support)
        ).all()
    )
    no_labour = session.scalar(
        select(func.count()).select_from(Household).where(*where, Household.no_labour_guarantee.is_(True))
    )
    total = sum(found.values())
    done, not_yet = found.get(DEV_SUPPORT_DONE, 0), found.get(DEV_SUPPORT_NOT_YET, 0)
    return DevSupport(total, done, not_yet, total - done - not_yet, int(no_labour or 0))


# ------------------------------------------------------------------ the sheets


def sheets(data: BriefingData) -> list[Ledger]:
    bars = data.risks.risks
    parts = [name for name, _ in bars.series]
    risks = sheet(
        data,
        "风险类型",
        [text_column("风险类型"), *counts(*parts)],
        [(label, *(values[i] for _, values in bars.series)) for i, label in enumerate(bars.labels)],
    )
    cov = data.risks.coverage
    coverage = sheet(
        data,
        "帮扶措施落实",
        [text_column("帮扶措施类别"), count_column("落实户数"), count_column("监测对象户数")],
        [
            *((label, v, cov.base) for label, v in zip(cov.labels, cov.values, strict=True)),
            ("已落实任一措施", cov.covered, cov.base),
        ],
    )
    return [risks, coverage]
