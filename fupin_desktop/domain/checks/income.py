"""收入 (DOMAIN §3, §4): 人均纯收入 against the year's 监测范围, the drop on last year and 合规自付支出
against the configured limit. The latest assessed year is checked; a year without a 监测范围 is not
compared with one."""

from __future__ import annotations

from collections.abc import Iterator

from fupin_desktop.domain.checks.facts import income_drop, money, under_monitoring
from fupin_desktop.domain.checks.model import (
    CAT_MEDICAL,
    CAT_MONITORING,
    INCOME,
    Hit,
    Severity,
    Snapshot,
    rule,
)
from fupin_desktop.domain.checks.sources import ACCOUNTING, GUIDE, MECHANISM, SYSTEM, cite

GROUP = "收入"


@rule(
    "income_below",
    Severity.DOUBT,
    "收入低于监测范围但未纳入监测",
    hint="核实收支核算；确实低于监测范围的，按程序识别为监测对象。",
    section=INCOME,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(GUIDE, ACCOUNTING, practice="应纳尽纳"),
)
def income_below(s: Snapshot) -> Iterator[Hit]:
    latest = s.latest
    if latest is not None and s.below_line and not s.record.is_monitored:
        yield Hit(
            f"{latest.year}年人均纯收入{money(latest.per_capita)}，低于监测范围{money(latest.threshold)}，"
            "但不是监测对象。",
            field="per_capita",
        )


@rule(
    "eliminated_below",
    Severity.ERROR,
    "已消除但收入仍低于监测范围",
    hint="收入低于监测范围的不能标注风险消除：核实收入，或撤销消除标记继续帮扶。",
    section=INCOME,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(GUIDE, ACCOUNTING),
)
def eliminated_below(s: Snapshot) -> Iterator[Hit]:
    latest = s.latest
    if latest is not None and s.below_line and s.record.risk_eliminated is True:
        yield Hit(
            f"已标记风险消除，{latest.year}年人均纯收入{money(latest.per_capita)}"
            f"仍低于监测范围{money(latest.threshold)}。",
            field="per_capita",
        )


@rule(
    "income_drop",
    Severity.DOUBT,
    "收入较上年大幅下降",
    hint="核实收支核算是否漏项或录错；确实因病、因灾、失业等骤减的，入户核实是否需要纳入监测。",
    section=INCOME,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(MECHANISM, practice="收入骤减预警（本程序）"),
)
def income_fell(s: Snapshot) -> Iterator[Hit]:
    found = income_drop(s.latest, s.previous)
    if found is None:
        return
    latest, previous, drop = found
    if drop > s.context.income_drop_percent:
        yield Hit(
            f"{latest.year}年人均纯收入{money(latest.per_capita)}，比{previous.year}年的"
            f"{money(previous.per_capita)}下降{drop:.0f}%（超过{s.context.income_drop_percent:g}%）。",
            field="per_capita",
        )


@rule(
    "self_paid_high",
    Severity.DOUBT,
    "合规自付支出超过限额",
    hint="入户核实医疗、教育等刚性支出；落实医疗救助等帮扶，收支倒挂的按程序纳入监测。",
    section=INCOME,
    category=CAT_MEDICAL,
    group=GROUP,
    source=cite(MECHANISM, practice="医保部门高额自付支出预警"),
)
def self_paid_high(s: Snapshot) -> Iterator[Hit]:
    latest = s.latest
    if latest is None or s.context.self_paid_limit <= 0 or latest.self_paid <= s.context.self_paid_limit:
        return
    state = "监测对象" if under_monitoring(s.record) else "不是监测对象（或已消除）"
    yield Hit(
        f"{latest.year}年合规自付支出{money(latest.self_paid)}，超过限额{money(s.context.self_paid_limit)}；{state}。",
        field="self_paid",
    )


@rule(
    "income_vs_national",
    Severity.DOUBT,
    "人均纯收入与全国系统不一致",
    hint="逐项核对收支核算和全国系统中的收入；以入户核实的为准，改正后在全国系统中同步更新。",
    section=INCOME,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(SYSTEM, ACCOUNTING),
)
def income_vs_national(s: Snapshot) -> Iterator[Hit]:
    latest = s.latest
    if latest is not None and latest.disagrees:
        yield Hit(
            f"{latest.year}年收支核算的人均纯收入为{money(latest.computed_per_capita)}，"
            f"全国系统为{money(latest.reported_per_capita)}。",
            field="per_capita",
        )


VERY_LOW_SHARE = 0.5  # of the 监测范围


@rule(
    "income_very_low",
    Severity.DOUBT,
    "人均纯收入不足监测范围的一半",
    hint="这样低的收入多半漏算了收入：逐项核对务工、种养殖、财产性和转移性收入（低保金、养老金、补贴）。",
    section=INCOME,
    category=CAT_MONITORING,
    group=GROUP,
    source=cite(ACCOUNTING, peer="3_11_010"),
)
def income_very_low(s: Snapshot) -> Iterator[Hit]:
    """The peer tests a fixed 4,000 元; this follows the year's 监测范围, which the province sets."""
    latest = s.latest
    if latest is None or latest.per_capita is None or not latest.threshold:
        return
    if latest.per_capita < latest.threshold * VERY_LOW_SHARE:
        yield Hit(
            f"{latest.year}年人均纯收入{money(latest.per_capita)}，不足监测范围{money(latest.threshold)}的一半。",
            field="per_capita",
        )
