"""The document kit: page sizes, numbered sections, the embedded font, safe writing, fitted cells."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from fupin_desktop.errors import UserError
from fupin_desktop.reports.kit import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    Document,
    DocumentInfo,
    fit,
    grid_style,
    month_span,
    para,
    qr_code,
    styles,
    table,
    write_pdf,
)
from tests.pdf_checks import fonts, is_a4, outside, overlapping, runs, text, unembedded_fonts

INFO = DocumentInfo(title="测试文档", printed_on=date(2026, 11, 23), issuer="云岭县清水镇")


def _rows(n: int) -> list[list[str]]:
    return [
        ["序号", "姓名", "说明"],
        *[[str(i), f"张{i}", "一段需要换行的说明文字" * (i % 3 + 1)] for i in range(n)],
    ]


def test_portrait_and_landscape_pages_are_exactly_a4(tmp_path: Path) -> None:
    for spec, landscape in ((A4_PORTRAIT, False), (A4_LANDSCAPE, True)):
        out = tmp_path / f"{landscape}.pdf"
        width = spec.frame_width
        write_pdf(out, [table(_rows(60), [20 * mm, 30 * mm, width - 50 * mm])], INFO, spec)
        reader = PdfReader(out)
        assert len(reader.pages) >= 2
        assert is_a4(reader, landscape=landscape)


def test_every_font_is_the_embedded_one_even_in_drawings(tmp_path: Path) -> None:
    out = tmp_path / "fonts.pdf"
    write_pdf(out, [para("文泉驿微米黑", styles().title), qr_code("FUPIN-CARD;NO=1")], INFO)
    reader = PdfReader(out)
    assert unembedded_fonts(reader) == []
    assert all("WenQuanYi" in str(f.get("/BaseFont")) for f in fonts(reader))
    assert "文泉驿微米黑" in text(reader)


def test_sections_number_their_own_pages_and_repeat_headings(tmp_path: Path) -> None:
    out = tmp_path / "sections.pdf"
    width = A4_PORTRAIT.frame_width
    with Document(out, INFO) as doc:
        doc.start_section("甲户", continued=[para("甲户（续）", styles().continued)])
        doc.add([table(_rows(70), [20 * mm, 30 * mm, width - 50 * mm])])
        doc.start_section("乙户")
        doc.add([para("乙户只有一页")])
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert doc.pages == len(pages) >= 3
    first, second, last = pages[0], pages[1], pages[-1]
    assert "第 1 页" in first and f"共 {len(pages) - 1} 页" in first
    assert "第 2 页" in second and "甲户（续）" in second and "说明" in second  # table header repeated
    assert "乙户" in last and "第 1 页" in last and "共 1 页" in last
    assert all("打印日期：2026年11月23日" in p and "云岭县清水镇" in p for p in pages)


def test_nothing_is_drawn_in_the_safe_band_and_nothing_overlaps(tmp_path: Path) -> None:
    out = tmp_path / "layout.pdf"
    width = A4_LANDSCAPE.frame_width
    write_pdf(out, [table(_rows(80), [15 * mm, 25 * mm, width - 40 * mm])], INFO, A4_LANDSCAPE)
    for page in PdfReader(out).pages:
        found = runs(page)
        assert outside(found, A4_LANDSCAPE.width, A4_LANDSCAPE.height, A4_LANDSCAPE.safe) == []
        assert overlapping(found) == []


def test_the_overlap_check_catches_text_running_out_of_its_cell(tmp_path: Path) -> None:
    # A hand-built Table with an unfitted long string: what table() exists to prevent.
    out = tmp_path / "bad.pdf"
    bad = Table([["这一格的文字太长太长太长太长了", "右边的格"]], colWidths=[20 * mm, 30 * mm])
    bad.setStyle(TableStyle(grid_style(header_rows=0)))
    write_pdf(out, [bad], INFO)
    assert overlapping(runs(PdfReader(out).pages[0])) != []


def test_table_turns_only_too_long_strings_into_paragraphs() -> None:
    t = table(
        [["短", "这是一段很长很长很长很长的文字"], ["合并后够宽的一段文字", ""]],
        [15 * mm, 20 * mm],
        header_rows=0,
        extra_style=[("SPAN", (0, 1), (1, 1))],
    )
    cells = t._cellvalues
    assert cells[0][0] == "短"
    assert isinstance(cells[0][1], Paragraph)
    assert cells[1][0] == "合并后够宽的一段文字"  # fits the 35 mm of its span
    assert isinstance(fit("x" * 200, 30 * mm), Paragraph)
    assert fit(None, 30 * mm) == ""


def test_a_failed_document_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "broken.pdf"
    with pytest.raises(RuntimeError), Document(out, INFO) as doc:
        doc.add([para("第一页")])
        raise RuntimeError("中途出错")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="保存位置不存在"):
        write_pdf(tmp_path / "no" / "x.pdf", [para("x")], INFO)


def test_month_span_reads_naturally() -> None:
    assert month_span(date(2026, 9, 1), date(2026, 11, 23)) == "2026年9月至11月"
    assert month_span(date(2025, 12, 1), date(2026, 2, 1)) == "2025年12月至2026年2月"
    assert month_span(date(2026, 5, 1), date(2026, 5, 31)) == "2026年5月"
