"""监测预警 on the demo township and the printed 帮扶走访名单 (one sheet per helper)."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from fupin_desktop.domain.watch import WatchGroup
from fupin_desktop.errors import NotFound, PermissionDenied
from fupin_desktop.reports.kit import A4_LANDSCAPE
from fupin_desktop.reports.visits import UNPAIRED, VisitListData, write_visit_lists
from fupin_desktop.services.checks.run import run_checks
from fupin_desktop.services.checks.watch import (
    WatchList,
    check_and_watch_job,
    visit_list_job,
    visit_sheets,
    watch_job,
)
from fupin_desktop.services.context import ROLE_PERMISSIONS, Actor, Permission, Role, ServiceContext
from fupin_desktop.services.progress import Cancelled, run_job
from tests.conftest import TODAY
from tests.pdf_checks import (
    flat,
    is_a4,
    no_full_ids_anywhere,
    outside,
    overlapping,
    runs,
    text,
    unembedded_fonts,
)


@pytest.fixture
def watched(demo_ctx: ServiceContext) -> WatchList:
    return run_job(watch_job(demo_ctx))


def test_the_watch_list_holds_households_with_reasons(watched: WatchList) -> None:
    assert watched.households == 600
    assert 0 < len(watched.entries) < 600
    assert all(e.reasons for e in watched.entries)
    counts = watched.group_counts()
    assert list(counts) == list(WatchGroup)
    assert counts[WatchGroup.INCOME] > 0 and counts[WatchGroup.DIBAO] > 0
    assert counts[WatchGroup.GUARANTEES] > 0
    numbers = [e.number for e in watched.entries]
    assert len(set(numbers)) == len(numbers)


def test_entries_name_the_current_helper_and_the_last_visit(watched: WatchList) -> None:
    paired = [e for e in watched.entries if e.helper_id is not None]
    assert paired and all(e.helper and e.helper_phone for e in paired)
    assert any(e.last_visit is not None for e in watched.entries)
    assert all(e.reason_text == "；".join(r.text for r in e.reasons) for e in watched.entries)


def test_sheets_are_one_per_helper_with_the_unpaired_last(watched: WatchList) -> None:
    sheets = visit_sheets(watched.entries, "云岭县清水镇")
    helpers = {e.helper_id for e in watched.entries}
    assert len(sheets) == len(helpers)
    assert sum(len(s.rows) for s in sheets) == len(watched.entries)
    if None in helpers:
        assert sheets[-1].helper == UNPAIRED
    assert not any(r.address.startswith("云岭县清水镇") for s in sheets for r in s.rows)


def test_the_visit_lists_print_one_page_per_helper(
    demo_ctx: ServiceContext, watched: WatchList, tmp_path: Path
) -> None:
    out = tmp_path / "走访名单.pdf"
    entries = [e for e in watched.entries if e.village == "清水村"]
    result = run_job(visit_list_job(demo_ctx, out, entries, separate_pages=True))
    reader = PdfReader(out)
    sheets = visit_sheets(entries)
    assert result.households == len(entries) and result.pages == len(reader.pages) == len(sheets)
    assert is_a4(reader, landscape=True)
    assert unembedded_fonts(reader) == []
    assert no_full_ids_anywhere(out) == []
    content = flat(text(reader))
    first = next(s for s in sheets if s.helper != UNPAIRED)
    assert flat(f"帮扶责任人{first.helper}走访名单") in content
    assert flat(first.rows[0].head) in content and "走访原因" in content and "本次走访" in content
    for page in reader.pages:
        placed = runs(page)
        assert outside(placed, A4_LANDSCAPE.width, A4_LANDSCAPE.height, A4_LANDSCAPE.safe) == []
        assert overlapping(placed) == []
        assert min(r.size for r in placed) >= 9


def test_compact_lists_share_pages_with_cut_lines(
    demo_ctx: ServiceContext, watched: WatchList, tmp_path: Path
) -> None:
    out = tmp_path / "compact.pdf"
    result = run_job(visit_list_job(demo_ctx, out, watched.entries))
    reader = PdfReader(out)
    sheets = visit_sheets(watched.entries)
    assert result.pages == len(reader.pages) < len(sheets) / 2
    assert is_a4(reader, landscape=True) and unembedded_fonts(reader) == []
    content = flat(text(reader))
    assert content.count("帮扶责任人（签字）") == sum(1 for s in sheets if s.helper != UNPAIRED)
    for sheet in sheets:
        assert flat(sheet.rows[0].head) in content
    assert content.count("走访要求") == 1
    for page in reader.pages:
        placed = runs(page)
        assert outside(placed, A4_LANDSCAPE.width, A4_LANDSCAPE.height, A4_LANDSCAPE.safe) == []
        assert overlapping(placed) == []


def test_a_long_list_runs_over_pages_with_the_header_repeated(watched: WatchList, tmp_path: Path) -> None:
    sheet = visit_sheets(watched.entries)[0]
    data = VisitListData("云岭县清水镇", TODAY, (replace(sheet, rows=sheet.rows * 20),))
    out = tmp_path / "long.pdf"
    pages = write_visit_lists(out, data, separate_pages=True)
    reader = PdfReader(out)
    assert pages == len(reader.pages) > 1
    for page in reader.pages:
        assert "走访原因" in page.extract_text()
    assert "（续）" in reader.pages[1].extract_text()


def test_printing_needs_households_and_honours_cancel(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    out = tmp_path / "printed"
    out.mkdir()
    with pytest.raises(NotFound, match="没有需要走访的农户"):
        run_job(visit_list_job(demo_ctx, out / "none.pdf", []))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        run_job(visit_list_job(demo_ctx, out / "x.pdf", cancel=cancel))
    assert list(out.iterdir()) == []


def test_a_reader_may_watch_and_print(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    reader = demo_ctx.acting_as(Actor("r", "只读", Role.READER))
    assert run_job(visit_list_job(reader, tmp_path / "r.pdf")).pages > 0


def test_printing_needs_the_print_permission(
    demo_ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.READER, frozenset({Permission.VIEW}))
    with pytest.raises(PermissionDenied, match="打印"):
        run_job(visit_list_job(demo_ctx.acting_as(Actor("n", "只能查看", Role.READER)), tmp_path / "n.pdf"))


def test_one_pass_gives_the_checks_and_the_watch_list(demo_ctx: ServiceContext, watched: WatchList) -> None:
    result, watch = run_job(check_and_watch_job(demo_ctx))
    assert watch == watched
    assert result.findings == run_job(run_checks(demo_ctx)).findings
