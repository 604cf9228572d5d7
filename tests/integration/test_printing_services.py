"""明白卡 batches and 公示名单 on the demo township: order, content, privacy, cancelling, errors."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from fupin_desktop.domain import idcard
from fupin_desktop.domain.records import HouseholdRecord
from fupin_desktop.errors import InputInvalid, NotFound
from fupin_desktop.reports.notice import NoticeKind
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing.cards import (
    cards_job,
    household_ids_by_number,
    township_household_ids,
    village_household_ids,
)
from fupin_desktop.services.printing.notices import default_period, notice_data, notice_job
from fupin_desktop.services.progress import Cancelled, Progress, run_job
from fupin_desktop.services.register.areas import villages
from fupin_desktop.services.register.records import load_households
from tests.conftest import TODAY
from tests.pdf_checks import flat, is_a4, no_full_ids_anywhere, text, unembedded_fonts

SINCE = date(2026, 1, 1)


def _records(ctx: ServiceContext, ids: list[int]):  # type: ignore[no-untyped-def]
    with ctx.sessions() as session:
        return load_households(session, ids)


def _expected_order(ctx: ServiceContext, village: str) -> list[str]:
    """户编号 of a village's households sorted by its groups' order, then number — independently."""
    row = next(v for v in villages(ctx) if v.name == village)
    group_rank = {name: n for n, (_id, name) in enumerate(row.groups)}
    with ctx.sessions() as session:
        records = load_households(session, township_household_ids(ctx))
    mine = [r for r in records if r.village == village]
    return [r.number for r in sorted(mine, key=lambda r: (group_rank.get(r.group, 99), r.number))]


def _header_numbers(path: Path) -> list[str]:
    """The 户编号 in each page's header, first pages only (continuations say （续）)."""
    numbers = []
    for page in PdfReader(path).pages:
        content = page.extract_text()
        line = next(line for line in content.splitlines() if "明白卡\u3000户编号" in line)
        if "（续）" not in line:
            numbers.append(line.rsplit(" ", 1)[-1])
    return numbers


def test_a_village_batch_is_one_pdf_in_group_and_number_order(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    ids = village_household_ids(demo_ctx, "清水村")
    out = tmp_path / "清水村.pdf"
    progress: list[Progress] = []
    result = run_job(cards_job(demo_ctx, list(reversed(ids)), out), progress.append)
    assert result.households == len(ids) == 50
    assert result.pages >= len(ids)
    assert progress[0].done == 0 and progress[-1].done == progress[-1].total == len(ids)
    assert _header_numbers(out) == _expected_order(demo_ctx, "清水村")
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    assert is_a4(reader)
    assert unembedded_fonts(reader) == []


def test_every_household_shows_its_head_and_masked_ids_and_no_full_id(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    ids = village_household_ids(demo_ctx, "白岩村")
    out = tmp_path / "cards.pdf"
    run_job(cards_job(demo_ctx, ids, out))
    content = flat(text(PdfReader(out)))
    for record in _records(demo_ctx, ids):
        assert record.head_name in content
        for member in record.active_members:
            if member.id_number:
                assert idcard.mask(member.id_number) in content
    assert no_full_ids_anywhere(out) == []


def test_numbers_from_two_villages_come_out_in_village_order(demo_ctx: ServiceContext) -> None:
    first = _records(demo_ctx, village_household_ids(demo_ctx, "清水村")[:2])
    later = _records(demo_ctx, village_household_ids(demo_ctx, "凤凰村")[:2])
    ids = household_ids_by_number(demo_ctx, [r.number for r in [*later, *reversed(first)]])
    assert [r.number for r in _records(demo_ctx, ids)] == [r.number for r in [*first, *later]]


def test_unknown_numbers_and_villages_are_named(demo_ctx: ServiceContext) -> None:
    with pytest.raises(NotFound, match="99999"):
        household_ids_by_number(demo_ctx, ["52242510800100001", "99999"])
    with pytest.raises(NotFound, match="找不到名为“月亮村”的村。现有的村：清水村"):
        village_household_ids(demo_ctx, "月亮村")
    with pytest.raises(NotFound):
        village_household_ids(demo_ctx, "别的镇/清水村")
    assert village_household_ids(demo_ctx, "清水镇/清水村") == village_household_ids(demo_ctx, "清水村")


def test_cancelling_leaves_no_file(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    out = tmp_path / "out" / "cancelled.pdf"
    out.parent.mkdir()
    cancel = threading.Event()
    job = cards_job(demo_ctx, township_household_ids(demo_ctx), out, cancel=cancel)
    next(job)
    next(job)
    cancel.set()
    with pytest.raises(Cancelled):
        run_job(job)
    assert list(out.parent.iterdir()) == []


def test_default_notice_period_is_the_last_three_months() -> None:
    assert default_period(date(2026, 11, 23)) == (date(2026, 9, 1), date(2026, 11, 23))
    assert default_period(date(2026, 2, 5)) == (date(2025, 12, 1), date(2026, 2, 5))


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_notice_lists_exactly_the_households_of_the_period(
    demo_ctx: ServiceContext, tmp_path: Path, kind: NoticeKind
) -> None:
    def in_period(r: HouseholdRecord) -> bool:
        if kind is NoticeKind.IDENTIFY:
            return bool(r.monitor_category and r.identified_on and r.identified_on >= SINCE)
        return bool(r.risk_eliminated and r.eliminated_on and r.eliminated_on >= SINCE)

    everyone = _records(demo_ctx, township_household_ids(demo_ctx))
    village = Counter(r.village for r in everyone if in_period(r)).most_common(1)[0][0]
    expected = [r for r in _records(demo_ctx, village_household_ids(demo_ctx, village)) if in_period(r)]
    assert expected
    notice = notice_data(demo_ctx, village, kind, since=SINCE)
    assert [r.head for r in notice.rows] == [r.head_name for r in expected]
    assert (notice.posted_from, notice.posted_to) == (TODAY, date(2026, 11, 27))  # 5 days

    out = tmp_path / "notice.pdf"
    result = run_job(notice_job(demo_ctx, village, kind, out, since=SINCE))
    assert result.households == len(expected)
    reader = PdfReader(out)
    content = flat(text(reader))
    assert is_a4(reader) and unembedded_fonts(reader) == []
    assert no_full_ids_anywhere(out) == []
    assert "公示期：2026年11月23日至2026年11月27日（共5天）" in content
    assert "12317" in content and "村党组织书记（签字）" in content
    for record in expected:
        assert record.head_name in content
        assert idcard.mask(record.head.id_number) not in content  # a public notice: no ID digit at all


def test_a_notice_with_nobody_in_the_period_is_refused(demo_ctx: ServiceContext) -> None:
    with pytest.raises(NotFound, match="没有识别为监测对象的农户"):
        notice_data(demo_ctx, "清水村", NoticeKind.IDENTIFY, since=date(2026, 11, 1))
    with pytest.raises(InputInvalid):
        notice_data(demo_ctx, "清水村", NoticeKind.IDENTIFY, since=date(2026, 11, 1), until=date(2026, 10, 1))
