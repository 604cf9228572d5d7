"""明白卡 from in-memory households: what it says, how it fits, that nothing leaks or overflows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from fupin_desktop.domain import idcard
from fupin_desktop.reports.cards import card_info, write_cards
from fupin_desktop.reports.kit import A4_PORTRAIT
from fupin_desktop.services.printing.cards import card_data
from fupin_desktop.settings import Settings
from tests.pdf_checks import flat, full_ids, is_a4, outside, overlapping, runs, text, unembedded_fonts
from tests.printing_samples import household

TODAY = date(2026, 11, 23)
SETTINGS = Settings(
    county="云岭县",
    township="清水镇",
    card_qr=True,
    supervision_phones=("全国防返贫监测和乡村振兴咨询服务热线 12317", "云岭县纪委监委举报电话 0851-12388"),
)


def _write(tmp_path: Path, *records, settings: Settings = SETTINGS) -> PdfReader:  # type: ignore[no-untyped-def]
    out = tmp_path / "cards.pdf"
    cards = [card_data(r, settings, TODAY) for r in records]
    write_cards(out, cards, card_info(TODAY, "云岭县清水镇", len(cards)))
    return PdfReader(out)


def _check_layout(reader: PdfReader) -> None:
    for number, page in enumerate(reader.pages, 1):
        found = runs(page)
        assert found, f"page {number} has no text"
        assert outside(found, A4_PORTRAIT.width, A4_PORTRAIT.height, A4_PORTRAIT.safe) == [], number
        assert overlapping(found) == [], number
        assert min(r.size for r in found) >= 9, number  # wall-readable


def test_eight_members_and_twelve_measures_fit_one_page(tmp_path: Path) -> None:
    reader = _write(tmp_path, household(members=8, measures=12))
    assert len(reader.pages) == 1
    assert is_a4(reader)
    _check_layout(reader)


def test_twelve_members_run_onto_a_second_page_with_the_heading_repeated(tmp_path: Path) -> None:
    reader = _write(tmp_path, household(members=12, measures=12))
    assert len(reader.pages) == 2
    _check_layout(reader)
    first, second = (page.extract_text() for page in reader.pages)
    assert "龙德明户 2026年度帮扶明白卡" in first and "第 1 页" in first and "共 2 页" in first
    assert "龙德明户 2026年度帮扶明白卡（续）" in second and "第 2 页" in second
    assert "户主（签字）" in second  # the card ends on the second page
    assert "户主（签字）" not in first


def test_a_small_household_with_few_measures_stays_on_one_page(tmp_path: Path) -> None:
    assert len(_write(tmp_path, household(members=12, measures=3)).pages) == 1


def test_fonts_are_embedded_and_ids_masked(tmp_path: Path) -> None:
    record = household(members=12, measures=14)
    reader = _write(tmp_path, record)
    content = text(reader)
    assert unembedded_fonts(reader) == []
    assert full_ids(content) == []
    for member in record.members:
        assert idcard.is_valid(member.id_number)
        assert idcard.mask(member.id_number) in content
        assert member.name in content


def test_the_card_says_what_domain_section_7_asks(tmp_path: Path) -> None:
    content = flat(text(_write(tmp_path, household(members=8, measures=12))))
    for expected in (
        "云岭县清水镇清水村上寨组",  # 县乡村组
        "户编号 52242510800199999",
        "脱贫户（2019年脱贫）",
        "脱贫不稳定户",
        "2026年3月",  # 识别监测时间
        "因病、因残",
        "C级危房，2024年已改造",
        "集中供水，达标",
        "脱贫人口小额信贷",
        "50,000.00",
        # income: 61,600 + 18,000 + 500 + 4,320 − 7,200 = 77,220 for 8 people
        "77,220.00",
        "人均纯收入 9,652.50 元，高于2026年监测范围 8,100 元",
        "政策性转移收入 4,320.00 元，占家庭纯收入 5.6%",
        "王建华",
        "云岭县农业农村局",
        "13908510000",
        "12317",
        "0851-12388",
        "户主（签字）",
        "帮扶责任人（签字）",
        "村委会（盖章）",
        "打印日期：2026年11月23日",
    ):
        assert flat(expected) in content, expected


def test_income_below_the_line_is_flagged() -> None:
    card = card_data(household(members=12, measures=3), SETTINGS, TODAY)
    assert card.income is not None and card.income.per_capita == 6435.0
    assert card.checks[0].ok is False and "低于" in card.checks[0].text


def test_the_qr_code_carries_number_date_and_section_digests_only_when_enabled() -> None:
    record = household(members=3, measures=1)
    qr = card_data(record, SETTINGS, TODAY).qr
    assert qr is not None and qr.startswith("FPMBK1|52242510800199999|20261123|i")
    assert [part[0] for part in qr.split("|")[3:]] == ["i", "m", "h", "p"]
    assert record.members[0].name not in qr and record.members[0].id_number not in qr
    assert card_data(record, replace(SETTINGS, card_qr=False), TODAY).qr is None


@pytest.mark.parametrize(
    ("changes", "label", "ok"),
    [
        ({"house_danger_level": "D", "house_renovated_on": None}, "住房安全", False),
        ({"relocated": True, "relocation_mode": "集中安置"}, "住房安全", True),
        ({"house_danger_level": None, "house_renovated_on": None}, "住房安全", None),
        ({"water_quality_ok": False}, "饮水安全", False),
        ({"water_supply_ok": None}, "饮水安全", None),
    ],
)
def test_housing_and_water_checks(changes: dict, label: str, ok: bool | None) -> None:
    card = card_data(replace(household(members=4, measures=1), **changes), SETTINGS, TODAY)
    assert next(c for c in card.checks if c.label == label).ok is ok


def test_school_age_child_out_of_school_and_uninsured_member_are_flagged() -> None:
    record = household(members=12, measures=1)
    members = list(record.members)
    members[10] = replace(members[10], school_status=None, dropout_reason="厌学")  # 12 years old
    members[3] = replace(members[3], ins_resident_medical=False)
    card = card_data(replace(record, members=tuple(members)), SETTINGS, TODAY)
    checks = {c.label: c for c in card.checks}
    assert checks["义务教育"].ok is False and "龙子豪辍学" in checks["义务教育"].text
    assert checks["基本医疗"].ok is False and "杨老妹" in checks["基本医疗"].text


def test_a_household_without_helper_income_or_measures_still_prints(tmp_path: Path) -> None:
    bare = replace(household(members=2, measures=0), pairings=(), incomes=(), monitor_category=None)
    reader = _write(tmp_path, bare, settings=replace(SETTINGS, supervision_phones=()))
    content = flat(text(reader))
    assert len(reader.pages) == 1
    for expected in ("尚未结对帮扶责任人", "尚未录入2026年度收支核算", "暂无帮扶措施记录", "非监测对象"):
        assert expected in content
    _check_layout(reader)
