"""Cell values as national exports deliver them (DOMAIN §8) → field values."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fupin_desktop.excel import values as V
from fupin_desktop.excel.layout import SHEET_KINDS, header_key
from fupin_desktop.excel.parse import find_header, kind_keys


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (44197.0, date(2021, 1, 1)),  # Excel serial without a date format
        (datetime(2021, 3, 5, 0, 0), date(2021, 3, 5)),
        (202103.0, date(2021, 3, 1)),  # YYYYMM stored as a number
        ("202103", date(2021, 3, 1)),
        ("20210305", date(2021, 3, 5)),
        ("2021-03-05", date(2021, 3, 5)),
        ("2021/3/5", date(2021, 3, 5)),
        ("2021年3月", date(2021, 3, 1)),
        ("2021年3月5日", date(2021, 3, 5)),
        ("２０２１－０３－０５", date(2021, 3, 5)),  # full-width digits
    ],
)
def test_dates_in_every_form(raw: object, expected: date) -> None:
    assert V.day(raw) == expected


def test_months_keep_the_first_day() -> None:
    assert V.month("2024-07-19") == date(2024, 7, 1)


@pytest.mark.parametrize("raw", ["是", "Y", "y", "√", "1", 1.0, True, "有"])
def test_yes(raw: object) -> None:
    assert V.yes_no(raw) is True


@pytest.mark.parametrize("raw", ["否", "N", "×", "0", 0.0, False, "无"])
def test_no(raw: object) -> None:
    assert V.yes_no(raw) is False


def test_unreadable_values_say_why() -> None:
    with pytest.raises(V.ValueProblem, match="应为“是”或“否”"):
        V.yes_no("可能")
    with pytest.raises(V.ValueProblem, match="不是数字"):
        V.number("十二")
    with pytest.raises(V.ValueProblem, match="不是可识别的日期"):
        V.day("2021年13月")
    with pytest.raises(V.ValueProblem, match="后几位已经丢失"):
        V.digits_text(5.22425108001e16, "户编号")
    with pytest.raises(V.ValueProblem, match="科学计数法"):
        V.id_number("4.40524E+17")


def test_numbers_stored_as_text_and_text_stored_as_numbers() -> None:
    assert V.number(" 1,234.50 ") == 1234.5
    assert V.number("12个月") == 12.0
    assert V.integer("2019年") == 2019
    assert V.digits_text(13800000001.0, "电话") == "13800000001"
    assert V.digits_text("5224251080000001 ", "户编号") == "5224251080000001"
    assert V.text(12.0) == "12"


def test_ids_and_names() -> None:
    assert V.id_number(" 11010519491231002x ") == "11010519491231002X"
    assert V.id_number("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"
    assert V.name("张　三") == "张三"
    assert V.name("\u3000李四 ") == "李四"
    assert V.danger_level("c级") == "C"
    assert V.split_list("技能培训、小额信贷,护林员") == ("技能培训", "小额信贷", "护林员")


def test_header_variants_match() -> None:
    assert header_key("务工时间（月）") == header_key("务工时间(月)")
    assert header_key(" *证件号码 ") == header_key("证件号码")
    member = kind_keys(next(k for k in SHEET_KINDS if k.key == "member"))
    for variant, field in [
        ("身份证号", "m.id_number"),
        ("公民身份号码", "m.id_number"),
        ("县(市、区、旗)", "a.county"),
        ("乡（镇）", "a.township"),
        ("行政村", "a.village"),
        ("人编号", "m.person_number"),
        ("务工时间（月）", "m.work_months"),
    ]:
        assert member[header_key(variant)].field == field, variant


def test_no_header_key_means_two_columns_of_one_kind() -> None:
    for kind in SHEET_KINDS:
        seen: dict[str, str] = {}
        for column in kind.accepts:
            for text in (column.header, *column.aliases):
                key = header_key(text)
                assert seen.setdefault(key, column.field) == column.field, (kind.key, text)


def test_header_below_titles_and_two_row_headers() -> None:
    rows: list[list[object]] = [
        ["某县脱贫人口信息表"],
        ["户编号", "家庭成员", None, None, "致贫/返贫风险", None],
        [None, "姓名", "证件号码", "与户主关系", "1", "2"],
        ["001", "张三", "x", "户主", "因病", None],
    ]
    header = find_header(rows)
    assert header is not None and header.rows == (1, 2)
    assert header.raw[:4] == ["户编号", "姓名", "证件号码", "与户主关系"]
    assert header_key("致贫/返贫风险2") in header.keys[5]
