"""The unmasked-ID scanner (tests/support/privacy.py) and who sees full numbers (services/accounts/privacy.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from fupin_desktop.domain import idcard
from fupin_desktop.services.accounts.privacy import id_on_screen, mask_ids_in_text
from fupin_desktop.services.context import Actor, Role
from tests.support.privacy import scan_file, scan_tree, unmasked_ids

VALID = "11010519491231002X"
VALID_2 = "440524188001010014"
WRONG_CHECK = "110105194912310021"


def test_finds_valid_numbers_in_text() -> None:
    text = f"户主：张三 {VALID}，配偶 {VALID_2.lower()}；电话 13800000000"
    assert unmasked_ids(text) == [VALID, VALID_2]


def test_ignores_masked_invalid_and_embedded_numbers() -> None:
    assert unmasked_ids(idcard.mask(VALID)) == []
    assert unmasked_ids(WRONG_CHECK) == []
    assert unmasked_ids("9" + VALID_2) == [] and unmasked_ids(VALID_2 + "5") == []
    assert unmasked_ids("110105194902300016") == []  # 30 February


def test_finds_full_width_digits_and_numbers_glued_to_chinese() -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in VALID_2)
    assert unmasked_ids(f"证件号码{full_width}号") == [VALID_2]
    assert unmasked_ids(f"身份证{VALID}户主") == [VALID]


def test_a_number_born_after_today_still_counts() -> None:
    born_later = idcard.make("522425", date(2030, 1, 1), 11)
    assert unmasked_ids(born_later) == [born_later]


def _pdf(path: Path, pages: list[list[str]]) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    from fupin_desktop.fonts import register_reportlab

    font = register_reportlab()
    canvas = Canvas(str(path))
    for lines in pages:
        canvas.setFont(font, 11)
        for n, line in enumerate(lines):
            canvas.drawString(60, 760 - 18 * n, line)
        canvas.showPage()
    canvas.save()
    return path


def test_scans_the_text_of_every_pdf_page(tmp_path: Path) -> None:
    pdf = _pdf(
        tmp_path / "cards.pdf",
        [[f"户主 张三 {idcard.mask(VALID)}", "家庭人口 3"], ["成员", f"李四 {VALID_2} 配偶"]],
    )
    findings = scan_file(pdf)
    assert [(f.where, f.number) for f in findings] == [("第2页", VALID_2)]
    assert "cards.pdf 第2页" in str(findings[0])


def test_finds_a_number_drawn_in_two_pieces(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from fupin_desktop.fonts import register_reportlab

    font = register_reportlab()
    path = tmp_path / "split.pdf"
    canvas = Canvas(str(path))
    canvas.setFont(font, 11)
    canvas.drawString(60, 700, VALID_2[:9])
    canvas.drawString(60 + canvas.stringWidth(VALID_2[:9], font, 11) + 3, 700, VALID_2[9:])
    canvas.save()
    assert [f.number for f in scan_file(path)] == [VALID_2]


def test_scans_every_cell_of_every_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "户"
    first.append(["户编号", "证件号码"])
    first.append(["5224250001", idcard.mask(VALID)])
    second = book.create_sheet("成员")
    second.append(["姓名", "证件号码", "备注"])
    second.append(["李四", VALID_2, ""])
    second.append(["王五", "", f"原号码 {VALID} 已更正"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    assert [(f.where, f.number) for f in scan_file(path)] == [("成员!B2", VALID_2), ("成员!C3", VALID)]


def test_scan_tree_covers_pdfs_workbooks_and_csv(tmp_path: Path) -> None:
    _pdf(tmp_path / "a.pdf", [[idcard.mask(VALID)]])
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "list.csv").write_text(f"姓名,证件号码\n张三,{VALID}\n", encoding="utf-8-sig")
    (tmp_path / "ignored.json").write_text(VALID)
    assert [(f.file.name, f.where) for f in scan_tree(tmp_path)] == [("list.csv", "第2行")]


# ---------------------------------------------------------------- services/accounts/privacy.py


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.ADMIN, VALID), (Role.CLERK, VALID), (Role.READER, "110105********002X")],
)
def test_full_numbers_on_screen_only_for_admin_and_clerk(ctx, role: Role, shown: str) -> None:
    assert id_on_screen(ctx.acting_as(Actor("u", "u", role)), VALID) == shown


def test_masking_free_text_leaves_nothing_for_the_scanner() -> None:
    text = f"修改成员证件号码：{WRONG_CHECK} → {VALID}（户 5224250001）"
    masked = mask_ids_in_text(text)
    assert unmasked_ids(masked) == []
    assert "110105********0021" in masked and "5224250001" in masked
