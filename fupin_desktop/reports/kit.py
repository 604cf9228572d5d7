"""The document kit: A4 pages with header and footer, numbered sections, styles and table helpers.

See the package docstring (`fupin_desktop/reports/__init__.py`) for how to write a document with it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SetPageTopFlowables,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import CellStyle

from fupin_desktop import APP_NAME
from fupin_desktop.errors import UserError, describe_os_error
from fupin_desktop.files import require_folder
from fupin_desktop.fonts import register_reportlab

CREATOR = APP_NAME
INK = colors.black
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#444444")
SHADE = colors.HexColor("#E8ECF2")  # header rows
BAND = colors.HexColor("#D5DDE8")  # section heading rows
HEADER_SIZE = 9.0  # header and footer text (cards hang on walls: nothing below 9 pt)
CELL_SIZE = 9.0
CELL_LEADING = 10.5
CELL_PAD_X = 2.5
CELL_PAD_TOP = 1.4
CELL_PAD_BOTTOM = 2.0  # a little more below: CJK glyphs sit low in their line


# ------------------------------------------------------------------ pages


@dataclass(frozen=True, slots=True)
class PageSpec:
    """A page size with its margins (points). The header sits in the top margin, the footer in the
    bottom one; nothing is drawn closer to the paper's edge than `safe`."""

    size: tuple[float, float]
    left: float = 15 * mm
    right: float = 15 * mm
    top: float = 14 * mm
    bottom: float = 14 * mm
    safe: float = 7 * mm  # printers cannot print right up to the edge (most leave 4–5 mm)

    @property
    def width(self) -> float:
        return self.size[0]

    @property
    def height(self) -> float:
        return self.size[1]

    @property
    def frame_width(self) -> float:
        """Width available to the body (what table column widths must add up to)."""
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


A4_PORTRAIT = PageSpec(A4)
A4_LANDSCAPE = PageSpec(landscape(A4))


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What every page shows: `issuer` top left (e.g. 县乡镇), the section title top right,
    打印日期 bottom left and 第 N 页 共 M 页 bottom centre. `title` is also the PDF's metadata title."""

    title: str
    printed_on: date
    issuer: str = ""
    subject: str = ""


# ------------------------------------------------------------------ styles


@dataclass(frozen=True, slots=True)
class Styles:
    font: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    continued: ParagraphStyle  # a section's title repeated on its further pages
    body: ParagraphStyle
    prose: ParagraphStyle  # body with the two-character first-line indent of Chinese prose
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle


# Chinese punctuation that must not begin a line (标点避头). reportlab's kinsoku list has the Japanese
# marks but not these; a mark it may not start a line with hangs at the end of the line before.
CANNOT_START_LINE = "，。、；：？！）》」』】〕〉…”’·%"


def _chinese_line_breaking() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):  # each holds its own copy of the list
        missing = "".join(c for c in CANNOT_START_LINE if c not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing


@cache
def styles() -> Styles:
    """Paragraph styles in the embedded font (registered on first use). Body and cells are ≥ 9 pt."""
    font = register_reportlab()
    _chinese_line_breaking()

    def style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)

    return Styles(
        font=font,
        title=style("title", 17, 22, alignment=TA_CENTER),
        subtitle=style("subtitle", 9.5, 13, alignment=TA_CENTER, textColor=MUTED),
        heading=style("heading", 11, 16, spaceBefore=6, spaceAfter=3),
        continued=style("continued", 13, 18, alignment=TA_CENTER, spaceAfter=4),
        body=style("body", 10.5, 16),
        prose=style("prose", 10.5, 17, firstLineIndent=21),
        cell=style("cell", CELL_SIZE, CELL_LEADING, alignment=TA_LEFT),
        cell_center=style("cell_center", CELL_SIZE, CELL_LEADING, alignment=TA_CENTER),
        cell_right=style("cell_right", CELL_SIZE, CELL_LEADING, alignment=TA_RIGHT),
    )


def grid_style(*, header_rows: int = 1, size: float = CELL_SIZE, lines: bool = True) -> list[tuple]:
    """The house table style as commands, for a `Table` built by hand (`table()` is faster).
    `lines=False` leaves out the grid (signature blocks and other layout-only tables)."""
    return [
        ("FONT", (0, 0), (-1, -1), styles().font, size, size + CELL_LEADING - CELL_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_BOTTOM),
        *(_rules(header_rows) if lines else []),
    ]


def _rules(header_rows: int) -> list[tuple]:
    commands: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.5, RULE)]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
            ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ]
    return commands


@cache
def _cell_style() -> type[CellStyle]:
    """Cells born with the house font and paddings: one style pass per cell less for each of the
    seven commands `grid_style` would otherwise apply (most of a table's construction time)."""
    return type(
        "HouseCellStyle",
        (CellStyle,),
        {
            "fontname": styles().font,
            "fontsize": CELL_SIZE,
            "leading": CELL_LEADING,
            "leftPadding": CELL_PAD_X,
            "rightPadding": CELL_PAD_X,
            "topPadding": CELL_PAD_TOP,
            "bottomPadding": CELL_PAD_BOTTOM,
            "valign": "MIDDLE",
            "color": INK,
        },
    )


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    repeat_header: bool = True,
    keep_together: bool = False,
    extra_style: Iterable[tuple] = (),
) -> Table:
    """A table in the house style. `header_rows` are shaded and, when the table runs over a page,
    repeated at the top of the next one. Plain-string cells that would not fit their column (or their
    SPAN) become wrapping Paragraphs aligned as the ALIGN commands say, so text never runs past a
    cell's edge; short ones stay strings, which is several times faster to lay out. `keep_together`
    moves a short table whole to the next page rather than split it (cheaper than KeepTogether)."""
    commands = [*_rules(header_rows), *extra_style]
    if keep_together:
        commands.append(("NOSPLIT", (0, 0), (-1, -1)))
    cell_style = _cell_style()
    t = Table(
        _fitted(rows, widths, commands),
        colWidths=list(widths),
        repeatRows=header_rows if repeat_header else 0,
        hAlign="CENTER",
        normalizedData=1,
        cellStyles=[[cell_style("") for _ in widths] for _ in rows],
    )
    t.setStyle(TableStyle(commands))
    return t


def _fitted(rows: Sequence[Sequence[Any]], widths: Sequence[float], commands: list[tuple]) -> list[list[Any]]:
    n_rows, n_cols = len(rows), len(widths)
    if not n_rows:
        return []

    def cells_of(command: tuple) -> tuple[range, range]:
        (c0, r0), (c1, r1) = command[1], command[2]
        return range(c0 % n_cols, c1 % n_cols + 1), range(r0 % n_rows, r1 % n_rows + 1)

    span_width: dict[tuple[int, int], float] = {}
    for command in commands:
        if command[0] == "SPAN":
            columns, lines = cells_of(command)
            span_width[(lines[0], columns[0])] = sum(widths[columns[0] : columns[-1] + 1])

    def align(r: int, c: int) -> ParagraphStyle:
        value = "LEFT"
        for command in commands:
            if command[0] == "ALIGN":
                columns, lines = cells_of(command)
                if c in columns and r in lines:
                    value = command[3].upper()
        s = styles()
        return {"CENTER": s.cell_center, "CENTRE": s.cell_center, "RIGHT": s.cell_right}.get(value, s.cell)

    font = styles().font
    out = []
    for r, row in enumerate(rows):
        cells = ["" if value is None else value for value in row]
        for c, value in enumerate(cells):
            if isinstance(value, str) and value:
                width = span_width.get((r, c), widths[c])
                if "\n" in value or stringWidth(value, font, CELL_SIZE) > width - 2 * CELL_PAD_X - 0.5:
                    cells[c] = fit(value, width, align(r, c))
        out.append(cells)
    return out


def fit(text: str | None, width: float, style: ParagraphStyle | None = None) -> str | Paragraph:
    """A table cell for `text` in a column `width` points wide: the plain string when it fits on one
    line (fast), else a Paragraph that wraps. `table()` applies this to every string cell itself."""
    text = text or ""
    style = style or styles().cell
    inner = width - 2 * CELL_PAD_X - 0.5
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= inner:
        return text
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


class Line(Flowable):
    """One line of text in a ParagraphStyle (alignment and spacing honoured), drawn directly — a
    Paragraph measures every character to wrap. Falls back to a Paragraph when it does not fit."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._wrapped: Paragraph | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        style = self.style
        if stringWidth(self.text, style.fontName, style.fontSize) <= available_width:
            self._wrapped = None
            self.width, self.height = available_width, style.leading
            return self.width, self.height
        self._wrapped = para(self.text, style)
        return self._wrapped.wrap(available_width, available_height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return self._wrapped.split(available_width, available_height) if self._wrapped else []

    def draw(self) -> None:
        if self._wrapped is not None:
            self._wrapped.drawOn(self.canv, 0, 0)
            return
        style, canvas = self.style, self.canv
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        baseline = (style.leading - style.fontSize) / 2 + 0.24 * style.fontSize  # the em box, centred
        if style.alignment == TA_CENTER:
            canvas.drawCentredString(self.width / 2, baseline, self.text)
        elif style.alignment == TA_RIGHT:
            canvas.drawRightString(self.width, baseline, self.text)
        else:
            canvas.drawString(0, baseline, self.text)


def para(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph of plain text (escaped) in `style` (default: body)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style or styles().body)


def qr_code(value: str, size: float = 20 * mm) -> Drawing:
    """A small QR code (reportlab's own widget) as a flowable-compatible Drawing."""
    widget = QrCodeWidget(value, barLevel="M", barBorder=1)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    drawing.initialFontName = styles().font  # else the renderer selects (unembedded) Helvetica
    return drawing


# ------------------------------------------------------------------ formatting


def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def cn_month(d: date | None) -> str:
    return f"{d.year}年{d.month}月" if d else ""


def month_span(since: date, until: date) -> str:
    """2026年9月至11月, 2025年12月至2026年2月, or one month."""
    if (since.year, since.month) == (until.year, until.month):
        return cn_month(since)
    end = f"{until.month}月" if since.year == until.year else cn_month(until)
    return f"{cn_month(since)}至{end}"


def money(value: float | None, *, decimals: int = 2) -> str:
    """Yuan with thousands separators; empty for None."""
    if value is None:
        return ""
    return f"{value:,.{decimals}f}"


def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.1f}%"


# ------------------------------------------------------------------ sections and page furniture


class SectionStart(Flowable):
    """Marks the start of a numbered section: pages count 第 N 页 共 M 页 within it and the header shows
    its `title`. Place it first on a new page (`Document.start_section` does)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class PageMark(Flowable):
    """Marks where `key` is printed: `page_ref(key)` draws that page's number anywhere in the document,
    earlier pages too (a contents list), filled in when the document closes."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


PAGE_REF_SIZE = 10.0


def page_ref(key: str) -> str:
    """The name of the form that shows the page number of `PageMark(key)` (draw it with doForm)."""
    return f"pageMark_{key}"


@dataclass(slots=True)
class _Section:
    title: str
    form: str
    pages: int = 0


@dataclass(slots=True)
class _State:
    sections: list[_Section] = field(default_factory=list)
    pages: int = 0
    marks: dict[str, int] = field(default_factory=dict)  # PageMark key → page number


class _Template(BaseDocTemplate):
    def __init__(self, filename: str, page: PageSpec, info: DocumentInfo) -> None:
        super().__init__(
            filename,
            pagesize=page.size,
            leftMargin=page.left,
            rightMargin=page.right,
            topMargin=page.top,
            bottomMargin=page.bottom,
            title=info.title,
            author=info.issuer,
            subject=info.subject or info.title,
            creator=CREATOR,
            producer=CREATOR,
            # the canvas would otherwise start in Helvetica, a font no PDF of ours may carry unembedded
            initialFontName=styles().font,
            initialFontSize=HEADER_SIZE,
        )
        self.spec = page
        self.info = info
        self.state = _State()
        frame = Frame(
            page.left,
            page.bottom,
            page.frame_width,
            page.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._furniture)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, SectionStart):
            number = len(self.state.sections)
            self.state.sections.append(_Section(flowable.title, f"sectionPages{number}"))
        elif isinstance(flowable, PageMark):
            self.state.marks.setdefault(flowable.key, self.canv.getPageNumber())

    def _furniture(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """Header and footer, drawn when the page is finished (so its section is known)."""
        if not self.state.sections:  # a document without SectionStart is one section
            self.state.sections.append(_Section(self.info.title, "sectionPages0"))
        section = self.state.sections[-1]
        section.pages += 1
        self.state.pages += 1
        spec, font = self.spec, styles().font
        left, right = spec.left, spec.width - spec.right
        header_y = spec.height - spec.top + 3.6 * mm
        footer_y = spec.bottom - 5.6 * mm
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.4)
        canvas.setFont(font, HEADER_SIZE)
        if self.info.issuer:
            canvas.drawString(left, header_y, self.info.issuer)
        title = section.title + ("（续）" if section.pages > 1 else "")
        canvas.drawRightString(right, header_y, title)
        canvas.line(left, header_y - 1.8 * mm, right, header_y - 1.8 * mm)
        canvas.line(left, footer_y + 3.8 * mm, right, footer_y + 3.8 * mm)
        canvas.drawString(left, footer_y, f"打印日期：{cn_date(self.info.printed_on)}")
        centre = spec.width / 2
        canvas.drawRightString(centre - 1.2 * mm, footer_y, f"第 {section.pages} 页")
        canvas.translate(centre + 1.2 * mm, footer_y)
        canvas.doForm(section.form)  # 共 M 页, defined once the section's length is known
        canvas.restoreState()

    def define_totals(self) -> None:
        font = styles().font
        for section in self.state.sections:
            self.canv.beginForm(section.form, lowerx=0, lowery=-4 * mm, upperx=40 * mm, uppery=6 * mm)
            self.canv.setFillColor(MUTED)
            self.canv.setFont(font, HEADER_SIZE)
            self.canv.drawString(0, 0, f"共 {section.pages} 页")
            self.canv.endForm()
        for key, page in self.state.marks.items():
            # right-aligned at x = 0 in PAGE_REF_SIZE points: the referring flowable scales it to its size
            self.canv.beginForm(page_ref(key), lowerx=-30 * mm, lowery=-4 * mm, upperx=0, uppery=8 * mm)
            self.canv.setFont(font, PAGE_REF_SIZE)
            self.canv.drawRightString(0, 0, str(page))
            self.canv.endForm()


class Document:
    """A PDF being written: add flowables (laid out at once, so a caller can report progress and stop
    between additions), then `close()`. Written to `<name>.part` and renamed on success, so a cancelled
    or failed document never leaves a half-written file under the real name.

        with Document(path, info) as doc:
            for item in items:
                doc.start_section(f"{item.name} 明白卡")
                doc.add(flowables_for(item))
        doc.pages  # pages written
    """

    def __init__(self, path: Path, info: DocumentInfo, page: PageSpec = A4_PORTRAIT) -> None:
        self.path = Path(path)
        require_folder(self.path)
        self.partial = self.path.with_name(self.path.name + ".part")
        self.pages = 0
        self._template = _Template(str(self.partial), page, info)
        self._template._startBuild(str(self.partial))
        self._template.canv._doctemplate = self._template  # as BaseDocTemplate.build does
        self._started = False
        self._closed = False

    def start_section(self, title: str, *, continued: Sequence[Flowable] = ()) -> None:
        """Begin a numbered section on a new page (the first one starts on page 1). `continued` is put
        at the top of every further page of the section (e.g. the title with （续）)."""
        flowables: list[Flowable] = [SetPageTopFlowables([]), PageBreak()] if self._started else []
        # Set after SectionStart: the section's first page has begun, so it applies from page 2 on.
        flowables += [SectionStart(title), SetPageTopFlowables(list(continued))]
        self.add(flowables)

    def add(self, flowables: Iterable[Flowable]) -> None:
        """Lay out `flowables` now (the body of BaseDocTemplate.build's loop)."""
        pending = list(flowables)
        template = self._template
        while pending:
            template.clean_hanging()
            template.handle_flowable(pending)
        self._started = True

    def close(self) -> int:
        """Finish the last page, number the sections, save and rename; returns the page count."""
        template = self._template
        template._doSave = 0
        template._endBuild()
        template.define_totals()
        self._closed = True
        self.pages = template.state.pages
        try:
            template.canv.save()
            self.partial.replace(self.path)
        except OSError as exc:
            self.abort()
            raise UserError(describe_os_error(exc, self.path)) from exc
        return self.pages

    def abort(self) -> None:
        """Drop the partial file (after an error or 取消)."""
        self._closed = True
        with contextlib.suppress(OSError):
            self.partial.unlink()

    def __enter__(self) -> Document:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None and not self._closed:
            self.close()
        elif kind is not None:
            self.abort()


def write_pdf(path: Path, story: Iterable[Flowable], info: DocumentInfo, page: PageSpec = A4_PORTRAIT) -> int:
    """Write a one-section document in one go; returns the page count."""
    with Document(path, info, page) as doc:
        doc.add(story)
    return doc.pages
