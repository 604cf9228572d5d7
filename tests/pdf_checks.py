"""Reading back the PDFs we write (pypdf only — no poppler in CI): page sizes, fonts, text and where
every piece of text sits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from fupin_desktop.domain import idcard
from fupin_desktop.fonts import register_reportlab

ID_LIKE = re.compile(r"\d{17}[\dXx]")
ASCENT, DESCENT = 0.77, 0.24  # of the em, WenQuanYi Micro Hei


@dataclass(frozen=True, slots=True)
class Run:
    """One piece of text as drawn: its baseline origin, effective size and width (points)."""

    text: str
    x: float
    y: float
    size: float
    width: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.x, self.y - DESCENT * self.size, self.x + self.width, self.y + ASCENT * self.size


def is_a4(reader: PdfReader, *, landscape: bool = False) -> bool:
    want = (A4[1], A4[0]) if landscape else A4
    return all(
        abs(float(p.mediabox.width) - want[0]) < 0.01 and abs(float(p.mediabox.height) - want[1]) < 0.01
        for p in reader.pages
    )


def fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every font used by a page or by a form XObject it draws."""

    def walk(resources: DictionaryObject | None) -> Iterator[DictionaryObject]:
        if not resources:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            yield ref.get_object()
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                yield from walk(xobject.get("/Resources"))

    for page in reader.pages:
        yield from walk(page.get("/Resources"))


def unembedded_fonts(reader: PdfReader) -> list[str]:
    """Names of fonts without an embedded TrueType file (FontDescriptor → FontFile2)."""
    bad = []
    for font in fonts(reader):
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or "/FontFile2" not in descriptor.get_object():
            bad.append(str(font.get("/BaseFont")))
    return bad


def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(content: str) -> str:
    """Text without whitespace: wrapped lines compare equal to the string that was wrapped."""
    return re.sub(r"\s+", "", content)


def full_ids(content: str) -> list[str]:
    """Valid 18-character ID numbers appearing unmasked."""
    return [m for m in ID_LIKE.findall(content) if idcard.is_valid(m)]


def no_full_ids_anywhere(path: Path) -> list[str]:
    reader = PdfReader(path)
    found = full_ids(text(reader))
    found += full_ids(" ".join(str(v) for v in (reader.metadata or {}).values()))
    return found


def runs(page) -> list[Run]:  # type: ignore[no-untyped-def]
    """The text runs of a page with their positions, in the embedded font's metrics. Text inside a
    form XObject (第 N 页's 共 M 页) is placed with the matrix in force where the form is drawn."""
    font = register_reportlab()
    out: list[Run] = []
    forms: list[list[float]] = []  # the page's cm at each enclosing Do

    def before(operator: bytes, _operands: object, cm: list[float], _tm: object) -> None:
        if operator == b"Do":
            forms.append(list(cm))

    def after(operator: bytes, *_: object) -> None:
        if operator == b"Do":
            forms.pop()

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        text = text.strip("\n")
        if not text.strip():
            return
        scale = (tm[0] * cm[0]) or 1.0  # no rotation or skew in our PDFs
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        for outer in reversed(forms):
            x, y = x * outer[0] + y * outer[2] + outer[4], x * outer[1] + y * outer[3] + outer[5]
            scale *= outer[0]
        effective = size * abs(scale)
        last = out[-1] if out else None
        if last and (last.x, last.y, last.size) == (x, y, effective):
            # one string drawn across two font subsets: pypdf reports both parts at its start
            text = last.text + text
            out.pop()
        out.append(Run(text, x, y, effective, stringWidth(text, font, effective)))

    page.extract_text(visitor_text=visit, visitor_operand_before=before, visitor_operand_after=after)
    return out


def outside(runs_: list[Run], width: float, height: float, margin: float) -> list[Run]:
    """Runs reaching into the `margin` band along any paper edge."""
    return [
        r
        for r in runs_
        if r.box[0] < margin - 0.01
        or r.box[1] < margin - 0.01
        or r.box[2] > width - margin + 0.01
        or r.box[3] > height - margin + 0.01
    ]


def overlapping(runs_: list[Run], tolerance: float = 0.3) -> list[tuple[Run, Run]]:
    """Pairs of runs whose boxes overlap by more than `tolerance` points both ways."""
    pairs = []
    ordered = sorted(runs_, key=lambda r: r.box[1])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.box[1] > a.box[3] - tolerance:
                break
            dx = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
            dy = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
            if dx > tolerance and dy > tolerance:
                pairs.append((a, b))
    return pairs
