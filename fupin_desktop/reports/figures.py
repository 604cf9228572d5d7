"""matplotlib figures in reportlab documents, as vector graphics in the embedded font.

`FigureFlowable(figure)` draws a Figure straight onto the document's canvas through a small matplotlib
renderer that turns paths into PDF paths and text into PDF text in the kit's font: sharp at any zoom,
selectable, and no second font in the file (matplotlib's own PDF output cannot be placed inside a
reportlab page without an extra PDF-importing library). The figure is drawn at 72 dpi, so one
matplotlib pixel is one PDF point.

The renderer handles what charts use — filled and stroked paths with alpha, dashes, caps, joins and
clipping, and text at any angle; images, hatching and mathtext are not drawn (our charts have none).
"""

from __future__ import annotations

from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from fupin_desktop.reports.kit import grid_style, styles

POINTS_PER_INCH = 72
_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


class FigureFlowable(Flowable):
    """A matplotlib Figure at its own size (inches → points), drawn as vector graphics."""

    def __init__(self, figure: Figure) -> None:
        super().__init__()
        self.figure = figure
        width, height = figure.get_size_inches()
        self.width = float(width) * POINTS_PER_INCH
        self.height = float(height) * POINTS_PER_INCH

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.figure.set_dpi(POINTS_PER_INCH)
        self.figure.draw(CanvasRenderer(self.canv, self.width, self.height, styles().font))


def chart_row(items: list[tuple[Figure, float]]) -> Table:
    """Figures side by side, each in a cell `width` points wide, without padding or lines."""
    figures = [FigureFlowable(figure) for figure, _ in items]
    t = Table([figures], colWidths=[width for _, width in items], hAlign="CENTER")
    t.setStyle(
        TableStyle(
            [
                *grid_style(header_rows=0, lines=False),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


class CanvasRenderer(RendererBase):
    """Draws a matplotlib figure on a reportlab canvas whose origin is the figure's lower left corner."""

    def __init__(self, canvas: Canvas, width: float, height: float, font: str) -> None:
        super().__init__()
        self.canvas = canvas
        self.width = width
        self.height = height
        self.font = font

    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points):  # type: ignore[no-untyped-def]
        return points

    def option_image_nocomposite(self) -> bool:
        return True

    def draw_path(self, gc: GraphicsContextBase, path: MplPath, transform, rgbFace=None) -> None:  # type: ignore[no-untyped-def]
        stroke_rgba = gc.get_rgb()
        stroke = gc.get_linewidth() > 0 and stroke_rgba[3] > 0
        fill_alpha = 0.0
        if rgbFace is not None:
            fill_alpha = (
                gc.get_alpha() if gc.get_forced_alpha() else (rgbFace[3] if len(rgbFace) == 4 else 1.0)
            )
        fill = fill_alpha > 0
        if not (stroke or fill):
            return
        c = self.canvas
        c.saveState()
        self._clip(gc)
        if stroke:
            c.setStrokeColorRGB(*stroke_rgba[:3])
            c.setStrokeAlpha(stroke_rgba[3])
            c.setLineWidth(gc.get_linewidth())
            c.setLineCap(_CAPS.get(gc.get_capstyle(), 0))
            c.setLineJoin(_JOINS.get(gc.get_joinstyle(), 0))
            offset, dashes = gc.get_dashes()
            if dashes is not None and len(dashes):
                c.setDash([float(d) for d in dashes], float(offset or 0))
        if fill:
            c.setFillColorRGB(*rgbFace[:3])
            c.setFillAlpha(fill_alpha)
        c.drawPath(self._pdf_path(path, transform), stroke=int(stroke), fill=int(fill), fillMode=0)
        c.restoreState()

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None) -> None:  # type: ignore[no-untyped-def]
        if not s:
            return
        c = self.canvas
        rgba = gc.get_rgb()
        c.saveState()
        c.setFillColorRGB(*rgba[:3])
        c.setFillAlpha(rgba[3])
        c.setFont(self.font, prop.get_size_in_points())
        c.translate(x, y)
        if angle:
            c.rotate(angle)
        c.drawString(0, 0, s)
        c.restoreState()

    def _clip(self, gc: GraphicsContextBase) -> None:
        c = self.canvas
        box = gc.get_clip_rectangle()
        if box is not None:
            clip = c.beginPath()
            clip.rect(box.x0, box.y0, box.width, box.height)
            c.clipPath(clip, stroke=0, fill=0)
        path, affine = gc.get_clip_path()
        if path is not None:
            c.clipPath(self._pdf_path(path, affine), stroke=0, fill=0)

    def _pdf_path(self, path: MplPath, transform):  # type: ignore[no-untyped-def]
        pdf = self.canvas.beginPath()
        x0 = y0 = 0.0
        for vertices, code in path.iter_segments(transform, remove_nans=True, simplify=False, curves=True):
            if code == MplPath.MOVETO:
                x0, y0 = vertices[-2:]
                pdf.moveTo(x0, y0)
            elif code == MplPath.LINETO:
                x0, y0 = vertices[-2:]
                pdf.lineTo(x0, y0)
            elif code == MplPath.CURVE3:  # quadratic: raise to a cubic with the same shape
                cx, cy, x, y = vertices
                pdf.curveTo(
                    x0 + 2 / 3 * (cx - x0),
                    y0 + 2 / 3 * (cy - y0),
                    x + 2 / 3 * (cx - x),
                    y + 2 / 3 * (cy - y),
                    x,
                    y,
                )
                x0, y0 = x, y
            elif code == MplPath.CURVE4:
                pdf.curveTo(*vertices)
                x0, y0 = vertices[-2:]
            elif code == MplPath.CLOSEPOLY:
                pdf.close()
        return pdf
