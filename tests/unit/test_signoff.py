"""Issue 17 §4: a list's sign-off (签字、盖章) is never alone on the last page.

Each list is printed with every row count around its first page boundaries; the last page must hold
the last row of the table as well as the signature text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from fupin_desktop.domain.task_lists import ListKind
from fupin_desktop.reports.kit import A4_PORTRAIT, DocumentInfo, para, table, write_pdf
from fupin_desktop.reports.notice import NoticeData, NoticeKind, NoticeRow, write_notice
from fupin_desktop.reports.signoff import with_sign_off
from fupin_desktop.reports.tasklists import ListRow, TaskListDoc, write_task_list
from fupin_desktop.reports.visits import VisitListData, VisitRow, VisitSheet, write_visit_lists
from tests.pdf_checks import flat

TODAY = date(2026, 11, 23)


def _pages(path: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(path).pages]


def _task(n: int) -> ListRow:
    return ListRow(
        seq=n,
        source="县级督查",
        category="政策落实",
        description=f"问题甲{n:03d}号",
        scope="清水村",
        found_on="2026-10-01",
        measures="逐户核实并整改",
        target="按期整改到位",
        leader="王局长",
        lead_unit="乡村振兴站",
        unit="清水村委会",
        person="李某",
        deadline="2026-12-31",
        progress="正在整改",
        status="整改中",
        colour="blue",
        warning="蓝签",
        days="剩 38 天",
        result="",
        evidence="",
        closed_on="",
        closed=False,
    )


def _task_list(path: Path, n: int) -> None:
    rows = tuple(_task(i) for i in range(1, n + 1))
    write_task_list(path, TaskListDoc(ListKind.TASKS, "清水镇", "云岭县清水镇", TODAY, rows, f"共 {n} 项"))


def _visit(n: int) -> VisitRow:
    return VisitRow(f"户主{n:03d}号", "清水村上寨组", "上寨组 12 号", "", "脱贫不稳定户", "收入下降", None)


def _visits(separate: bool) -> Callable[[Path, int], None]:
    def write(path: Path, n: int) -> None:
        sheet = VisitSheet("张三", "县农业农村局", "", tuple(_visit(i) for i in range(1, n + 1)))
        write_visit_lists(path, VisitListData("云岭县清水镇", TODAY, (sheet,)), separate_pages=separate)

    return write


def _notice(path: Path, n: int) -> None:
    rows = tuple(
        NoticeRow(f"{i % 5 + 1}组", f"户主{i:03d}号", 3, "脱贫不稳定户", "因自然灾害", date(2026, 9, 1))
        for i in range(1, n + 1)
    )
    write_notice(
        path,
        NoticeData(
            NoticeKind.IDENTIFY,
            "云岭县清水镇",
            "清水村",
            date(2026, 9, 1),
            TODAY,
            TODAY,
            date(2026, 11, 27),
            TODAY,
            rows,
            ("全国防返贫监测和乡村振兴咨询服务热线 12317",),
        ),
    )


# (list, writer, the last row's text for n rows, the sign-off's text, the row counts to try)
LISTS = [
    ("整改任务清单", _task_list, lambda n: f"问题甲{n:03d}号", "填报人", range(20, 40)),
    ("走访名单（每人一页）", _visits(True), lambda n: f"户主{n:03d}号", "帮扶责任人（签字）", range(12, 32)),
    ("走访名单（连排）", _visits(False), lambda n: f"户主{n:03d}号", "帮扶责任人（签字）", range(12, 32)),
    ("公示名单", _notice, lambda n: f"户主{n:03d}号", "村党组织书记（签字）", range(28, 50)),
]


@pytest.mark.parametrize(
    ("name", "write", "last_row", "sign_off", "counts"), LISTS, ids=[x[0] for x in LISTS]
)
def test_the_sign_off_is_printed_with_the_last_rows(
    tmp_path: Path,
    name: str,
    write: Callable[[Path, int], None],
    last_row: Callable[[int], str],
    sign_off: str,
    counts: range,
) -> None:
    page_counts = set()
    for n in counts:
        out = tmp_path / f"{n}.pdf"
        write(out, n)
        pages = _pages(out)
        page_counts.add(len(pages))
        assert sign_off in pages[-1], f"{name}，{n} 行：最后一页没有签字栏"
        assert last_row(n) in pages[-1], f"{name}，{n} 行：签字栏单独在最后一页"
        assert all(sign_off not in page for page in pages[:-1]), f"{name}，{n} 行：签字栏不在最后一页"
    assert len(page_counts) > 1, f"{name}：行数范围没有跨过分页，测试不起作用"


def test_a_table_that_just_fills_the_page_sends_its_last_two_rows_over(tmp_path: Path) -> None:
    """The kit's mechanism itself: find the row count that fills page 1 exactly, then check."""
    signature = "审核人（签字）：＿＿＿＿"

    def write(n: int) -> list[str]:
        rows = [["序号", "内容"], *[[str(i), f"第{i:03d}行"] for i in range(1, n + 1)]]
        t = table(rows, [20 * mm, A4_PORTRAIT.frame_width - 20 * mm])
        out = tmp_path / f"{n}.pdf"
        write_pdf(out, [with_sign_off(t, [Spacer(1, 8 * mm), para(signature)])], DocumentInfo("表", TODAY))
        return _pages(out)

    # without a sign-off the table alone would fill page 1 at this many rows: the largest n on one page
    n = next(n for n in range(30, 90) if len(write(n)) == 2)
    pages = write(n)
    assert flat(signature) in pages[1]
    assert f"第{n - 1:03d}行" in pages[1] and f"第{n:03d}行" in pages[1]
    assert f"第{n - 2:03d}行" in pages[0]
    assert "序号" in pages[1]  # the header is repeated over the rows carried over
