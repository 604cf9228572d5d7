"""The 明白卡's QR digests (issue 17 §10): each section's digest moves with what that section prints and
nothing else; codes are read back, early and foreign ones told apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from fupin_desktop.reports.cards import CardHelper, CardMeasure
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing.card_check import check_scanned
from fupin_desktop.services.printing.card_digest import changed_sections, looks_like_card, parse_card, qr_text
from fupin_desktop.services.printing.cards import card_data, household_ids_by_number
from fupin_desktop.services.register.records import load_household
from fupin_desktop.services.register.settings import get_settings
from tests.conftest import TODAY
from tests.printing_samples import household
from tests.unit.test_card_layout import SETTINGS

CARD = card_data(household(members=5, measures=4), SETTINGS, TODAY)


def test_the_code_reads_back_and_an_unchanged_card_is_current() -> None:
    scanned = parse_card(CARD.qr or "")
    assert scanned is not None
    assert (scanned.number, scanned.printed_on) == (CARD.number, TODAY)
    assert changed_sections(scanned, CARD) == []
    assert len(CARD.qr or "") <= 70  # a small QR code


@pytest.mark.parametrize(
    ("change", "section"),
    [
        ({"income": replace(CARD.income, wage=CARD.income.wage + 100)}, "收入"),  # type: ignore[union-attr]
        ({"measures": (*CARD.measures, CardMeasure("就业帮扶", "稳岗补贴", "", 500.0, TODAY))}, "帮扶措施"),
        ({"helper": CardHelper("李四", "县水务局", "科员", "13800001111")}, "帮扶责任人"),
        ({"members": CARD.members[:-1]}, "家庭成员"),
        ({"members": (replace(CARD.members[0], health="长期慢性病"), *CARD.members[1:])}, "家庭成员"),
    ],
)
def test_each_change_names_its_own_section_only(change: dict, section: str) -> None:
    scanned = parse_card(CARD.qr or "")
    assert scanned is not None
    assert changed_sections(scanned, replace(CARD, **change)) == [section]


def test_a_birthday_or_a_new_phone_number_of_the_village_is_no_change() -> None:
    scanned = parse_card(CARD.qr or "")
    older = replace(CARD, members=tuple(replace(m, age=str(int(m.age or 0) + 1)) for m in CARD.members))
    assert scanned is not None and changed_sections(scanned, replace(older, phone="13999999999")) == []


def test_no_name_or_id_in_clear() -> None:
    record = household(members=5, measures=4)
    code = qr_text(CARD)
    assert code.isascii()
    for member in record.members:
        assert member.name not in code and member.id_number[-4:] not in code.split("|", 2)[2]


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("FUPIN-CARD;NO=52242510800100001;DATE=2026-03-01", True),
        ("FPMBK1|52242510800100001|20261123|iabcdef|m000000|h000000|p00000", False),  # cut short
        ("FPMBK1|52242510800100001|20261323|iabcdef|m000000|h000000|p000000", False),  # no 13th month
        ("龙德明", False),
    ],
)
def test_codes_that_are_no_complete_card(text: str, card: bool) -> None:
    assert (parse_card(text) is not None) is card
    assert looks_like_card(text) is text.startswith(("FPMBK1", "FUPIN"))


def test_an_early_code_or_last_years_card_asks_for_a_reprint(demo_ctx: ServiceContext) -> None:
    early = check_scanned(demo_ctx, "FUPIN-CARD;NO=52242510800100001;DATE=2026-03-01")
    assert not early.current and "旧版" in early.message

    (hid,) = household_ids_by_number(demo_ctx, ["52242510800100001"])
    with demo_ctx.sessions() as session:
        record = load_household(session, hid)
    assert record is not None
    last_year = card_data(record, replace(get_settings(demo_ctx), card_qr=True), date(2025, 12, 20))
    status = check_scanned(demo_ctx, last_year.qr or "")
    assert not status.current
    assert "这是2025年度的卡，现在应张贴本年度的明白卡。" in status.message
