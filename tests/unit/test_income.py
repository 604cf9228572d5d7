from __future__ import annotations

import pytest

from fupin_desktop.domain.income import (
    DEFAULT_COST_RATIOS,
    IncomeCategory,
    IncomeLine,
    estimate_expense,
    summarize,
)

W, B, P, T, E = (
    IncomeCategory.WAGE,
    IncomeCategory.BUSINESS,
    IncomeCategory.PROPERTY,
    IncomeCategory.TRANSFER,
    IncomeCategory.EXPENSE,
)


def test_net_and_per_capita_follow_the_formula() -> None:
    lines = [
        IncomeLine(W, "务工收入", 24000),
        IncomeLine(B, "种植业", 6000),
        IncomeLine(P, "资产收益分红", 500),
        IncomeLine(T, "养老金", 1800, policy=True),
        IncomeLine(T, "赡养费", 1200),
        IncomeLine(E, "种植业", 2400),
        IncomeLine(IncomeCategory.SELF_PAID, "医疗自付", 9000),  # recorded, not in the formula
    ]
    s = summarize(2026, 4, lines, threshold=8100)
    assert s.gross == 33500
    assert s.net == 31100
    assert s.per_capita == 7775
    assert s.below_threshold is True
    assert s.policy_transfer == 1800
    assert s.policy_share == pytest.approx(1800 / 31100, abs=1e-4)
    assert s.self_paid == 9000


def test_no_threshold_or_no_people_gives_no_verdict() -> None:
    s = summarize(2026, 0, [IncomeLine(W, "务工收入", 1000)], threshold=None)
    assert s.per_capita is None
    assert s.below_threshold is None


def test_cost_ratio_helper() -> None:
    assert (
        estimate_expense({"粮食": 10000, "林果": 2000, "药材": 1000}, DEFAULT_COST_RATIOS) == 4000 + 300 + 400
    )
