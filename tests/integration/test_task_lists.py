"""The printed 整改清单 (问题清单, 任务清单, 责任清单, 销号汇总表) read back with pypdf: A4 landscape, the
header row on every page, page numbers, the right rows in 序号 order, filters, 取消."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from fupin_desktop.domain.tasks import Colour, TaskStatus, TaskView
from fupin_desktop.reports.kit import A4_LANDSCAPE
from fupin_desktop.reports.tasklists import COLUMNS, TICK, ListKind
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.progress import Cancelled, run_job
from fupin_desktop.services.rectification.listing import TaskQuery, list_tasks
from fupin_desktop.services.rectification.lists import counts_line, task_list_doc, task_list_job
from tests.pdf_checks import flat, is_a4, outside, runs, text, unembedded_fonts

SEQ_COLUMN_RIGHT = A4_LANDSCAPE.left + 10 * mm


def write(ctx: ServiceContext, kind: ListKind, out: Path, query: TaskQuery | None = None) -> PdfReader:
    result = run_job(task_list_job(ctx, kind, out, query))
    reader = PdfReader(out)
    assert result.pages == len(reader.pages)
    return reader


def seq_column(reader: PdfReader) -> list[int]:
    """The numbers printed in the 序号 column, page by page, top to bottom."""
    found = []
    for page in reader.pages:
        cells = [
            r
            for r in runs(page)
            if r.text.strip().isdigit() and r.x >= A4_LANDSCAPE.left and r.box[2] <= SEQ_COLUMN_RIGHT
        ]
        found += [int(r.text) for r in sorted(cells, key=lambda r: -r.y)]
    return found


@pytest.mark.parametrize("kind", list(ListKind))
def test_every_list_has_all_rows_in_order_and_its_header_on_every_page(
    demo_ctx: ServiceContext, tmp_path: Path, kind: ListKind
) -> None:
    reader = write(demo_ctx, kind, tmp_path / f"{kind}.pdf")
    rows = list_tasks(demo_ctx).rows
    assert is_a4(reader, landscape=True)
    assert unembedded_fonts(reader) == []
    assert len(reader.pages) >= 2  # 40 tasks: the header must repeat
    assert seq_column(reader) == [r.seq for r in rows]
    headers = [c.header for c in COLUMNS[kind]]
    total = len(reader.pages)
    for n, page in enumerate(reader.pages, start=1):
        page_runs = runs(page)
        content = flat(page.extract_text())
        assert all(h.replace("/", "") in content.replace("/", "") for h in headers), f"page {n}"
        # the header row is the top of the table on every page
        top_cell = max(
            (r for r in page_runs if r.text.strip().isdigit() and r.box[2] <= SEQ_COLUMN_RIGHT),
            key=lambda r: r.y,
        )
        header_run = next(r for r in page_runs if r.text == "序号")
        assert header_run.y > top_cell.y
        assert f"第{n}页" in content and f"共{total}页" in content
        assert outside(page_runs, *A4_LANDSCAPE.size, A4_LANDSCAPE.safe) == []
        assert min(r.size for r in page_runs) >= 9
    everything = flat(text(reader))
    assert flat(counts_line(rows)) in everything
    title = {
        "problems": "整改问题清单",
        "tasks": "整改任务清单",
        "duties": "整改责任清单",
        "closed": "整改销号汇总表",
    }
    assert reader.metadata.title == f"清水镇{title[kind]}"


def test_the_rows_carry_their_columns(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    rows = list_tasks(demo_ctx).rows
    problems = flat(text(write(demo_ctx, ListKind.PROBLEMS, tmp_path / "p.pdf")))
    duties = flat(text(write(demo_ctx, ListKind.DUTIES, tmp_path / "d.pdf")))
    tasks = flat(text(write(demo_ctx, ListKind.TASKS, tmp_path / "t.pdf")))
    for row in rows:
        assert flat(row.description) in problems and flat(row.scope) in problems and row.source in problems
        assert flat(row.leader) in duties and row.person in duties and row.unit in duties
        assert flat(row.measures) in tasks and f"{row.deadline:%Y-%m-%d}" in tasks
    # one 预警 label per open row; the colours in words
    red = sum(1 for r in rows if r.colour is Colour.RED)
    assert problems.count("红灯") == red + 1  # and once in the counts line


def test_the_closed_summary_ticks_every_closed_task(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    reader = write(demo_ctx, ListKind.CLOSED, tmp_path / "closed.pdf")
    rows = list_tasks(demo_ctx).rows
    content = flat(text(reader))
    closed = [r for r in rows if r.status is TaskStatus.CLOSED]
    assert content.count(TICK) == len(closed)
    for row in closed:
        assert f"{row.closed_on:%Y-%m-%d}" in content and flat(row.result) in content
    assert "纸质档案第" in content  # the demo's evidence entries
    assert "销号率30.0%" in content


def test_a_filtered_list_holds_only_its_rows_and_says_why(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    query = TaskQuery(view=TaskView.ACTIVE, colours=(Colour.RED,))
    reader = write(demo_ctx, ListKind.DUTIES, tmp_path / "red.pdf", query)
    expected = [r.seq for r in list_tasks(demo_ctx, query).rows]
    assert expected and seq_column(reader) == expected
    content = flat(text(reader))
    assert "推进中；预警：红灯" in content and "蓝签" not in content.split("上级督办")[-1]


def test_an_empty_list_says_so(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    reader = write(demo_ctx, ListKind.PROBLEMS, tmp_path / "none.pdf", TaskQuery(text="没有这种问题"))
    assert len(reader.pages) == 1
    assert "没有符合条件的整改任务" in flat(text(reader)) and "共0项" in flat(text(reader))


def test_a_reader_can_print(demo_ctx: ServiceContext) -> None:
    doc = task_list_doc(demo_ctx.acting_as(Actor("r", "只读", Role.READER)), ListKind.TASKS)
    assert len(doc.rows) == len(list_tasks(demo_ctx).rows)


def test_cancel_leaves_nothing(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cancelled.pdf"
    cancel = threading.Event()
    job = task_list_job(demo_ctx, ListKind.TASKS, out, cancel=cancel)
    next(job)
    cancel.set()
    with pytest.raises(Cancelled):
        run_job(job)
    assert list(folder.iterdir()) == []
