"""The 明白卡 a villager needs (issue 17 §6): whom to call at the village, the hotlines beside 12317, how to
report a new difficulty and what happens next, the last visits, and plain words for the terms — still
on one A4 page up to 8 members."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from fupin_desktop.reports.cards import CardContact, CardVisit, card_info, write_cards
from fupin_desktop.reports.kit import A4_PORTRAIT, cn_date
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing.cards import card_data, cards_job, village_household_ids
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.areas import villages
from fupin_desktop.services.register.records import load_households
from fupin_desktop.services.register.settings import get_settings, save_settings
from tests.conftest import TODAY
from tests.pdf_checks import flat, outside, overlapping, runs, text
from tests.printing_samples import household
from tests.unit.test_card_layout import SETTINGS

HOTLINES = {
    "county_hotline": "云岭县防返贫监测帮扶热线 0851-12345678",
    "township_hotline": "清水镇帮扶电话 0851-87654321",
}


def test_a_village_batch_prints_its_contacts_hotlines_channels_and_visits(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    save_settings(demo_ctx, replace(get_settings(demo_ctx), report_working_days=15, **HOTLINES))
    village = villages(demo_ctx)[0]
    contacts = village.contacts
    assert contacts.monitor and contacts.secretary  # the demo's 区划 has them
    with demo_ctx.sessions() as session:
        every = load_households(session, village_household_ids(demo_ctx, village.name))
    visited = [r.id for r in every if r.visits][:12]
    chosen = set(visited + [r.id for r in every if not r.visits][:8])
    ids = [r.id for r in every if r.id in chosen]  # in the order the cards print
    assert visited  # the demo's helpers have been to the village
    out = tmp_path / "cards.pdf"
    run_job(cards_job(demo_ctx, ids, out))
    reader = PdfReader(out)
    with demo_ctx.sessions() as session:
        records = load_households(session, ids)
    assert len(reader.pages) == len(records)  # the demo's households have up to 8 members: one page each
    for page, record in zip(reader.pages, records, strict=True):
        content = flat(page.extract_text())
        for expected in (
            f"村监测联系人{contacts.monitor}{contacts.monitor_phone}",
            f"驻村第一书记{contacts.secretary}{contacts.secretary_phone}",
            "云岭县防返贫监测帮扶热线0851-12345678；清水镇帮扶电话0851-87654321",
            "12317",
            "到村委会当面反映",
            "村里入户核实→村评议公示→乡镇审核→县里确定，约15个工作日",
            "【开发式帮扶】",
            "【监测对象】",
        ):
            assert expected in content, (record.number, expected)
        visits = [v for v in record.visits if v.visited_on <= TODAY]
        if visits:
            assert flat(cn_date(visits[0].visited_on)) in content  # the newest visit first
        else:
            assert "暂无走访记录" in content


def test_eight_members_twelve_measures_with_everything_filled_stay_on_one_readable_page(
    tmp_path: Path,
) -> None:
    card = replace(
        card_data(household(members=8, measures=12), replace(SETTINGS, **HOTLINES), TODAY),
        contacts=(
            CardContact("监测联系人", "王祥清", "18608890004"),
            CardContact("驻村第一书记", "赵云婷", "19256668406"),
        ),
        visits=tuple(CardVisit(day, "王建华") for day in (TODAY.replace(month=m) for m in (10, 7, 4, 1))),
    )
    out = tmp_path / "card.pdf"
    write_cards(out, [card], card_info(TODAY, "云岭县清水镇", 1))
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    found = runs(reader.pages[0])
    assert min(r.size for r in found) >= 9  # still wall-readable
    assert overlapping(found) == []
    assert outside(found, A4_PORTRAIT.width, A4_PORTRAIT.height, A4_PORTRAIT.safe) == []
    content = flat(text(reader))
    assert "2026年10月23日（王建华）；2026年7月23日（王建华）；2026年4月23日（王建华），共4次" in content
    assert "户主（签字）" in content


def test_unset_phones_say_where_to_set_them(tmp_path: Path) -> None:
    card = card_data(household(members=3, measures=1), replace(SETTINGS, supervision_phones=()), TODAY)
    out = tmp_path / "card.pdf"
    write_cards(out, [card], card_info(TODAY, "云岭县清水镇", 1))
    content = flat(text(PdfReader(out)))
    assert "求助电话（未设置，请在设置中填写）" in content
    assert "监督电话（未设置，请在设置中填写）" in content
    assert "村监测联系人—" in content
