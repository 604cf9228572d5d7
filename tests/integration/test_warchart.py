"""The printed 作战图 on the demo township (read back with pypdf): A4 landscape, embedded font, every
village named with its 未结对 count, every unpaired household listed as 未结对, clean layout; the
`fupin warchart` command; 取消 leaves nothing behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from fupin_desktop.cli import main
from fupin_desktop.reports.kit import A4_LANDSCAPE
from fupin_desktop.services.assignments.board import village_board
from fupin_desktop.services.assignments.pairings import HouseholdFilter, find_households
from fupin_desktop.services.assignments.warchart import warchart_job
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.progress import Cancelled, run_job
from tests.pdf_checks import flat, is_a4, outside, overlapping, runs, text, unembedded_fonts


@pytest.fixture
def warchart(demo_ctx: ServiceContext, tmp_path: Path) -> tuple[Path, object]:
    out = tmp_path / "作战图.pdf"
    result = run_job(warchart_job(demo_ctx, out))
    return out, result


def _helpers_of(ctx: ServiceContext, village_id: int | None) -> set[int]:
    return {h.helper_id for h in find_households(ctx, HouseholdFilter(village_id=village_id)) if h.helper_id}


def _sections(reader: PdfReader) -> tuple[str, str]:
    """The text of the board section and of the pairing table section."""
    pages = [page.extract_text() for page in reader.pages]
    split = next(n for n, content in enumerate(pages) if "结对帮扶对照表" in content.splitlines()[0])
    return "\n".join(pages[:split]), "\n".join(pages[split:])


def test_the_warchart_names_every_village_and_its_unpaired_count(demo_ctx: ServiceContext, warchart) -> None:  # type: ignore[no-untyped-def]
    out, result = warchart
    reader = PdfReader(out)
    assert is_a4(reader, landscape=True)
    assert unembedded_fonts(reader) == []
    board = village_board(demo_ctx)
    unpaired = find_households(demo_ctx, HouseholdFilter(unpaired_only=True))
    assert result.unpaired == board.total.unpaired == len(unpaired) > 0
    first, pairing = _sections(reader)
    cells = [line.strip() for line in first.splitlines()]
    width = len(board.total.cells())
    for row in [*board.rows, board.total]:  # the board row of each village: its name, then its counts
        start = cells.index(row.name) + 1
        assert cells[start : start + width] == [str(n) for n in row.cells()], row.name
    for row in board.rows:
        assert f"{row.name}帮扶责任人" in flat(pairing)
        assert f"{row.name}帮扶责任人{len(_helpers_of(demo_ctx, row.area_id))}名" in flat(pairing)
        assert f"未结对{row.unpaired}户" in flat(pairing)
    assert f"未结对户（{len(unpaired)}户）" in flat(first)
    for household in unpaired:  # listed as 未结对 in the pairing table, with its 组
        assert f"{household.group}{household.head}" in flat(pairing) or household.head in flat(pairing)
    assert flat(pairing).count("未结对尚未落实帮扶责任人") == sum(1 for r in board.rows if r.unpaired)
    for title in ("各村农户类别", "监测对象风险类型", "帮扶措施覆盖", "帮扶责任人结对户数", "人均纯收入分布"):
        assert title in flat(first)


def test_every_helper_with_households_is_in_the_pairing_table(demo_ctx: ServiceContext, warchart) -> None:  # type: ignore[no-untyped-def]
    out, _ = warchart
    _, pairing = _sections(PdfReader(out))
    paired = find_households(demo_ctx)
    helpers = {h.helper for h in paired if h.helper}
    content = flat(pairing)
    assert all(name in content for name in helpers)
    assert "结对农户（组户主）" in content


def test_the_layout_is_clean(warchart) -> None:  # type: ignore[no-untyped-def]
    out, _ = warchart
    for number, page in enumerate(PdfReader(out).pages, 1):
        found = runs(page)
        assert found, number
        assert outside(found, A4_LANDSCAPE.width, A4_LANDSCAPE.height, A4_LANDSCAPE.safe) == [], number
        assert overlapping(found) == [], number
        assert min(r.size for r in found) >= 9, number
        assert len(found) > 12, f"page {number} holds only its header and footer"


def test_a_village_warchart_has_its_groups(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    village = village_board(demo_ctx).rows[2]
    out = tmp_path / "village.pdf"
    result = run_job(warchart_job(demo_ctx, out, village=village.name))
    assert result.villages == 1 and result.unpaired == village.unpaired
    content = text(PdfReader(out))
    assert f"{village.name}防返贫动态监测挂图作战图" in content
    assert "各组农户类别" in flat(content)
    others = [r.name for r in village_board(demo_ctx).rows if r.name != village.name]
    assert not any(f"{name}帮扶责任人" in flat(content) for name in others)


def test_cancelling_leaves_nothing(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cancelled.pdf"
    cancel = threading.Event()
    job = warchart_job(demo_ctx, out, cancel=cancel)
    next(job)
    next(job)
    next(job)
    cancel.set()
    with pytest.raises(Cancelled):
        run_job(job)
    assert list(folder.iterdir()) == []


def test_fupin_warchart(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "warchart.pdf"
    assert main(["--data-dir", str(demo_dir), "warchart", "-o", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "12 个村" in stdout and "未结对" in stdout and str(out) in stdout
    assert len(PdfReader(out).pages) >= 3
    assert main(["--data-dir", str(demo_dir), "warchart", "--village", "没有这个村", "-o", str(out)]) == 2
    assert "找不到名为“没有这个村”的村" in capsys.readouterr().err
    missing = tmp_path / "nowhere" / "x.pdf"
    assert main(["--data-dir", str(demo_dir), "warchart", "-o", str(missing)]) == 2
    assert "保存位置不存在" in capsys.readouterr().err


def test_fupin_warchart_on_an_empty_database_says_there_is_nothing_to_draw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "warchart.pdf"
    assert main(["--data-dir", str(tmp_path / "new"), "warchart", "-o", str(out)]) == 2
    assert "数据库中还没有村" in capsys.readouterr().err
    assert not out.exists()
