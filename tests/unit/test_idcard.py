from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fupin_desktop.domain import idcard
from fupin_desktop.domain.idcard import IdProblem

TODAY = date(2026, 11, 23)
KNOWN_VALID = ["11010519491231002X", "440524188001010014"]


@pytest.mark.parametrize("number", KNOWN_VALID)
def test_known_valid_numbers(number: str) -> None:
    assert idcard.problem(number, TODAY) is None


def test_derives_sex_and_birth_date() -> None:
    info = idcard.parse("11010519491231002X", TODAY)
    assert (info.sex, info.birth_date, info.area_code) == ("女", date(1949, 12, 31), "110105")
    assert idcard.parse("440524188001010014", TODAY).sex == "男"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11010519491231002x", "11010519491231002X"),  # lower-case x
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),  # full-width
        (" 110105 19491231 002X\u3000", "11010519491231002X"),  # stray spaces
        ("'11010519491231002X", "11010519491231002X"),  # Excel text prefix
    ],
)
def test_normalize_accepts_what_clerks_type(raw: str, expected: str) -> None:
    assert idcard.normalize(raw) == expected
    assert idcard.is_valid(raw, TODAY)


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("", IdProblem.EMPTY),
        ("11010519491231002", IdProblem.LENGTH),
        ("110105491231002", IdProblem.LEGACY_15),
        ("11010519491231A02X", IdProblem.CHARACTERS),
        ("110105194902300026", IdProblem.BIRTH_DATE),  # 30 February
        ("110105203001010010", IdProblem.FUTURE_BIRTH),
        ("110105194912310021", IdProblem.CHECKSUM),
    ],
)
def test_problems_are_named(number: str, problem: IdProblem) -> None:
    assert idcard.problem(number, TODAY) == problem


def test_parse_raises_with_the_chinese_message() -> None:
    with pytest.raises(ValueError, match="校验位错误"):
        idcard.parse("110105194912310021", TODAY)


def test_mask_keeps_first_six_and_last_four() -> None:
    assert idcard.mask("11010519491231002X") == "110105********002X"
    assert idcard.mask(None) == ""
    assert idcard.mask("12345") == "*2345"


births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
areas = st.from_regex(r"[1-6][0-9]{5}", fullmatch=True)
sequences = st.integers(min_value=0, max_value=999)


@given(areas, births, sequences)
def test_made_numbers_are_valid_and_round_trip(area: str, born: date, seq: int) -> None:
    number = idcard.make(area, born, seq)
    info = idcard.parse(number, TODAY)
    assert info.birth_date == born
    assert info.sex == ("男" if seq % 2 else "女")
    assert idcard.mask(number) == number[:6] + "********" + number[-4:]


@given(
    areas, births, sequences, st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9)
)
def test_any_single_digit_change_is_caught(
    area: str, born: date, seq: int, position: int, delta: int
) -> None:
    number = idcard.make(area, born, seq)
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    assert idcard.problem(changed, TODAY) is not None


@given(st.text(max_size=25))
def test_problem_never_crashes_on_garbage(text: str) -> None:
    result = idcard.problem(idcard.normalize(text), TODAY)
    assert result is None or isinstance(result, IdProblem)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_the_check_character_is_the_weighted_sum_of_the_standard(first17: str) -> None:
    total = sum(int(d) * w for d, w in zip(first17, idcard.WEIGHTS, strict=True))
    assert idcard.check_char(first17) == "10X98765432"[total % 11]


@pytest.mark.parametrize(
    "bad",
    ["1234567890123456", "12345678901234567X", "1234567890123456a", "１２３４５６７８９０１２３４５６７"],
)
def test_the_check_character_needs_seventeen_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        idcard.check_char(bad)
