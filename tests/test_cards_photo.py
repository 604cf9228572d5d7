"""卡、机一致 from a phone photo (issue 17 §10): a real card is printed, rasterised and photographed
askew; its QR code is read from the photo and says what changed since; photos without a card's code,
with someone else's code or that are no image at all say so in words a clerk can act on."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from sqlalchemy import text

from fupin_desktop.cli import main
from fupin_desktop.errors import InputInvalid, InputUnreadable
from fupin_desktop.reports.cards import card_info, write_cards
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing.card_check import check_scanned
from fupin_desktop.services.printing.card_photo import NO_CODE, card_codes, describe_code
from fupin_desktop.services.printing.cards import card_data
from fupin_desktop.services.register.settings import get_settings, save_settings
from fupin_desktop.ui.photo_pixels import photo_pixels, read_photo_codes
from tests.conftest import TODAY
from tests.printing_samples import household
from tests.support.card_photos import page_png, photo, photograph, print_card
from tests.unit.test_card_layout import SETTINGS


def _paired(ctx: ServiceContext, count: int) -> list[tuple[int, str]]:
    """Households with this year's income and a helper: (id, 户编号)."""
    with ctx.sessions() as session:
        rows = session.execute(
            text(
                "SELECT h.id, h.number FROM household h WHERE NOT h.archived "
                "AND EXISTS (SELECT 1 FROM income_record r WHERE r.household_id = h.id AND r.year = :year) "
                "AND EXISTS (SELECT 1 FROM pairing p WHERE p.household_id = h.id AND p.end_date IS NULL) "
                "ORDER BY h.id LIMIT :count"
            ),
            {"year": TODAY.year, "count": count},
        ).all()
    return [(hid, number) for hid, number in rows]


def _sample_page(tmp_path: Path, qr: bool) -> Path:
    """A card of the printing samples (no database), page 1 as a PNG."""
    card = card_data(household(members=5, measures=4), replace(SETTINGS, card_qr=qr), TODAY)
    pdf = tmp_path / f"sample_{qr}.pdf"
    write_cards(pdf, [card], card_info(TODAY, "测试", 1))
    out = tmp_path / f"sample_{qr}.png"
    assert page_png(pdf).save(str(out))
    return out


def test_a_photographed_card_is_current_until_its_helper_changes(
    demo_ctx: ServiceContext, tmp_path: Path, qapp
) -> None:  # type: ignore[no-untyped-def]
    ((hid, number),) = _paired(demo_ctx, 1)
    save_settings(demo_ctx, replace(get_settings(demo_ctx), card_qr=True))
    pdf = print_card(demo_ctx, hid, tmp_path / "card.pdf")
    shot = photo([page_png(pdf)], tmp_path / "IMG_0001.jpg", angle=-7, scale=0.8)

    (code,) = read_photo_codes(shot)
    assert code.startswith(f"FPMBK1|{number}|20261123|")
    assert check_scanned(demo_ctx, code).current

    with demo_ctx.sessions() as session:
        session.execute(
            text(
                "UPDATE helper SET phone = '13900001111' WHERE id = "
                "(SELECT helper_id FROM pairing WHERE household_id = :hid AND end_date IS NULL)"
            ),
            {"hid": hid},
        )
        session.commit()
    status = check_scanned(demo_ctx, code)
    assert status.household_id == hid and status.changed == ("帮扶责任人",)
    assert "打印后以下内容已有变化：帮扶责任人。请重印并更换张贴的卡。" in status.message


def test_two_cards_on_one_photo_read_left_to_right(demo_ctx: ServiceContext, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    (first, a), (second, b) = _paired(demo_ctx, 2)
    save_settings(demo_ctx, replace(get_settings(demo_ctx), card_qr=True))
    pages = [page_png(print_card(demo_ctx, hid, tmp_path / f"{hid}.pdf")) for hid in (second, first)]
    codes = read_photo_codes(photo(pages, tmp_path / "wall.jpg", angle=3, scale=0.7))
    assert [code.split("|")[1] for code in codes] == [b, a]
    assert describe_code(codes[0]) == f"户编号 {b}（2026年11月23日打印）"


def test_a_card_printed_without_its_code_is_no_card_code(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    pixels = photo_pixels(_sample_page(tmp_path, qr=False))
    with pytest.raises(InputInvalid) as raised:
        card_codes(pixels)
    assert (
        raised.value.message
        == NO_CODE
        == ("照片里没有找到明白卡上的二维码：请对准二维码、拍清楚、不要反光后再试。")
    )


def test_someone_elses_code_is_named_and_a_card_beside_it_is_still_found(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    wechat = zxingcpp.create_barcode("https://u.wechat.com/EJzPq0", zxingcpp.BarcodeFormat.QRCode)
    pixels = wechat.to_image(scale=6)
    with pytest.raises(InputInvalid) as raised:
        card_codes(pixels)
    assert "不是本程序打印的明白卡上的二维码（读出的是“https://u.wechat.com/EJzPq0”）" in raised.value.message

    card = photo_pixels(_sample_page(tmp_path, qr=True))
    beside = card.copy()
    beside[40 : 40 + pixels.shape[0], 40 : 40 + pixels.shape[1]] = pixels  # on the card's blank top left
    assert [c.split("|")[1] for c in card_codes(beside)] == ["52242510800199999"]


@pytest.mark.qt_log_ignore("Corrupt JPEG data", "JPEG datastream contains no image")  # what libjpeg says
@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("IMG_0002.jpg", b"\xff\xd8\xff\xe0 cut off", "图片文件已损坏或不完整。"),
        ("说明.txt", b"hello", "不是本程序能打开的图片格式。"),
    ],
)
def test_a_file_that_is_no_photo_says_so(tmp_path: Path, name: str, content: bytes, why: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputUnreadable) as raised:
        photo_pixels(path)
    assert raised.value.message == f"无法打开照片“{name}”：{why}" + (
        "请选择 JPG 或 PNG 格式的照片（苹果手机的 HEIC 照片用微信发到电脑后就是 JPG）。"
    )


def test_a_photo_moved_away_says_where_to_look(tmp_path: Path) -> None:
    with pytest.raises(InputUnreadable) as raised:
        photo_pixels(tmp_path / "IMG_0009.jpg")
    assert (
        raised.value.message
        == "无法打开照片“IMG_0009.jpg”：文件不存在或已被移走。请检查文件名和所在的文件夹。"
    )


# ------------------------------------------------------------------ `fupin cards --scan`


def _first_paired(folder: Path) -> tuple[int, str]:
    connection = sqlite3.connect(folder / "fupin.sqlite")
    try:
        return connection.execute(
            "SELECT h.id, h.number FROM household h WHERE NOT h.archived "
            "AND EXISTS (SELECT 1 FROM pairing p WHERE p.household_id = h.id AND p.end_date IS NULL) "
            "ORDER BY h.id LIMIT 1"
        ).fetchone()
    finally:
        connection.close()


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_reads_a_photo_and_names_what_changed(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp
) -> None:  # type: ignore[no-untyped-def]
    hid, number = _first_paired(demo_dir)
    # the command reads the photo on the real today: the card is printed on it too (not a card of
    # the suite's fixed day, which in a later year is last year's card)
    shot = photograph(demo_dir, [hid], tmp_path / "IMG_0001.jpg", today=date.today())
    code, out, _ = _cli(capsys, "--data-dir", str(demo_dir), "cards", "--scan", str(shot))
    assert code == 0 and "张贴的明白卡与系统中的数据一致，是最新的。" in out and "重印" not in out

    connection = sqlite3.connect(demo_dir / "fupin.sqlite")
    with connection:
        connection.execute(
            "UPDATE helper SET phone = '13900001111' WHERE id = "
            "(SELECT helper_id FROM pairing WHERE household_id = ? AND end_date IS NULL)",
            (hid,),
        )
    connection.close()
    code, out, _ = _cli(capsys, "--data-dir", str(demo_dir), "cards", "--scan", str(shot))
    assert code == 0
    assert f"户编号 {number}" in out and "打印后以下内容已有变化：帮扶责任人。" in out
    assert f"重印：fupin cards --household {number} -o 明白卡.pdf" in out

    (typed,) = read_photo_codes(shot)  # what a USB scanner types, beside the photo
    code, out, _ = _cli(capsys, "--data-dir", str(demo_dir), "cards", "--scan", str(shot), typed)
    assert code == 0
    assert out.count("打印后以下内容已有变化：帮扶责任人。") == 2
    assert "【IMG_0001.jpg】" in out and "【扫码枪读出的文字】" in out


def test_the_command_says_when_a_photo_shows_no_card_code(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp
) -> None:  # type: ignore[no-untyped-def]
    hid, _number = _first_paired(demo_dir)
    shot = photograph(demo_dir, [hid], tmp_path / "IMG_0002.jpg", qr=False)
    code, out, err = _cli(capsys, "--data-dir", str(demo_dir), "cards", "--scan", str(shot))
    assert (code, out, err.strip()) == (1, "", NO_CODE)
    code, _, err = _cli(
        capsys, "--data-dir", str(demo_dir), "cards", "--scan", str(shot), "--village", "清水村"
    )
    assert code == 2 and "不能与 --village、--household 同时使用" in err
