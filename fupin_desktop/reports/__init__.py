"""Printed documents: plain data in, an A4 PDF out (reportlab). No Qt, no database sessions.

Every document is a function from plain, display-ready data (frozen dataclasses built by a service) to a
PDF file. The shared kit lives in `reports.kit`; the documents so far are `reports.cards` (明白卡) and
`reports.notice` (公示名单). To add one (作战图, 整改清单, 会议简报 …):

    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer
    from fupin_desktop.reports.kit import (
        A4_LANDSCAPE, Document, DocumentInfo, para, styles, table, write_pdf,
    )

    def write_task_list(path: Path, data: TaskListData) -> int:        # returns the page count
        s = styles()
        W = A4_LANDSCAPE.frame_width                                     # column widths add up to this
        rows = [["序号", "问题表现", "整改时限"], *[[str(n), t.text, t.deadline] for n, t in ...]]
        story = [
            para("整改任务清单", s.title),
            Spacer(1, 3 * mm),
            table(rows, [15 * mm, W - 45 * mm, 30 * mm], header_rows=1),
        ]
        info = DocumentInfo(title="整改任务清单", printed_on=data.today, issuer="云岭县清水镇")
        return write_pdf(path, story, info, A4_LANDSCAPE)

What the kit gives you:

- Pages: `A4_PORTRAIT` and `A4_LANDSCAPE` (`PageSpec`: size, margins, `frame_width`/`frame_height`,
  and `safe`, the edge band nothing is drawn in). Every page gets the header (issuer at the left, the
  section title at the right, "（续）" from its second page on) and the footer (打印日期 at the left,
  "第 N 页 共 M 页" in the middle). `DocumentInfo` holds the title (also the PDF metadata), the print
  date, the issuer and the subject.
- `write_pdf(path, story, info, page)`: one section, written in one go.
- `Document(path, info, page)`: a PDF written as you go, for long jobs that report progress and honour
  取消 between additions. Use it as a context manager; `start_section(title, continued=[...])` starts a
  numbered section on a new page (page numbers count within the section, so each household's card says
  第 1 页 共 1 页; `continued` flowables head every further page of the section), `add(flowables)` lays
  them out at once, `pages` is the count after the block. The file is written to `<name>.part` and
  renamed only on success: an exception or 取消 leaves nothing under the real name. A missing folder or
  an unwritable file raises `UserError` with a Chinese message.
- `styles()`: ParagraphStyles in the embedded font (title, subtitle, heading, continued, body, prose, cell,
  cell_center, cell_right); `styles().font` is the reportlab font name. Table cells are 9 pt.
- `table(rows, widths, header_rows=1, extra_style=[...])`: the house grid; header rows are shaded and
  repeated when the table runs over a page; plain-string cells that would not fit their column (or
  SPAN) become wrapping Paragraphs aligned per the ALIGN commands — pass plain strings, they are fast.
  `keep_together=True` moves a short table whole to the next page instead of splitting it.
  `grid_style(lines=...)` returns the commands if you build a `Table` yourself (always give it a FONT:
  even an empty cell selects one); `fit(text, width)` converts one cell.
- `para(text, style)`: an escaped Paragraph; `Line(text, style)`: one line drawn directly (titles —
  much faster than a Paragraph, which it becomes only if the text does not fit). Chinese punctuation
  never starts a line (标点避头, set up by `styles()`). `qr_code(value, size)`: a QR code Drawing.
  Formatting: `cn_date`, `cn_month`, `month_span`, `money`, `percent`.
- `reports.signoff.with_sign_off(table, after)`: a table and the signature block (签字、盖章) that ends
  it; the block never stands alone on a page — at least the table's last rows go over with it. Every
  list printed for signing uses it.

Rules every document follows (the tests check them for ours): page size exactly A4; the one embedded
font only (never reportlab's default Helvetica — the kit sets it everywhere, including drawings);
selectable text; ID numbers masked by the service before they reach a document; nothing drawn within
`PageSpec.safe` of the paper's edge; the body in 9 pt or larger.
"""
