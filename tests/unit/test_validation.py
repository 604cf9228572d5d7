"""domain.validation: each check hits what it should and nothing else."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from fupin_desktop.domain import idcard
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord
from fupin_desktop.domain.validation import (
    DOUBT_CHECKS,
    ERROR_CHECKS,
    Severity,
    doubts,
    duplicate_ids,
    education_and_school,
    errors,
    head_count,
    head_spouse_same_sex,
    ids_used_elsewhere,
    invalid_ids,
    phone_numbers,
    required_fields,
    sex_and_birth_match_id,
    spouse_count,
    validate,
)

TODAY = date(2026, 11, 23)
HEAD_ID = idcard.make("522425", date(1970, 5, 1), 11)  # male
WIFE_ID = idcard.make("522425", date(1972, 8, 9), 22)  # female
CHILD_ID = idcard.make("522425", date(2012, 3, 4), 33)  # male, in school


def person(name: str, relation: str, number: str, **extra: object) -> MemberRecord:
    born = idcard.birth_date_of(number)
    values = {"sex": idcard.sex_of(number), "birth_date": born, "education": "初中", "id_number": number}
    values.update(extra)
    return MemberRecord(id=None, name=name, relation=relation, **values)  # type: ignore[arg-type]


def household(*members: MemberRecord, **fields: object) -> HouseholdRecord:
    return HouseholdRecord(id=1, number="522425108001000001", village="清水村", members=members, **fields)  # type: ignore[arg-type]


GOOD = household(
    person("张大山", "户主", HEAD_ID),
    person("李秀英", "配偶", WIFE_ID),
    person("张小川", "之子", CHILD_ID, education=None, school_status="八年级"),
    phone="13800001111",
)


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_a_good_household_has_no_problems() -> None:
    assert validate(GOOD, TODAY) == []


def test_every_check_is_a_named_function_with_a_docstring() -> None:
    for check in ERROR_CHECKS + DOUBT_CHECKS:
        assert check.__name__ and check.__doc__


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (HEAD_ID[:-1] + ("1" if HEAD_ID[-1] != "1" else "2"), "证件号码校验位错误"),
        (HEAD_ID[:10], "证件号码应为18位"),
    ],
)
def test_invalid_ids_are_errors_naming_the_member(number: str, message: str) -> None:
    record = replace(GOOD, members=(replace(GOOD.members[0], id_number=number), *GOOD.members[1:]))
    found = invalid_ids(record, TODAY)
    assert len(found) == 1
    assert found[0].severity == Severity.ERROR and found[0].member == 0 and found[0].field == "id_number"
    assert found[0].message.startswith("成员“张大山”：" + message)


def test_a_legacy_15_digit_number_is_a_doubt_not_an_error() -> None:
    """It was valid once: the member keeps it (saving is not blocked) until the 18-digit one is known."""
    record = replace(GOOD, members=(replace(GOOD.members[0], id_number=HEAD_ID[:15]), *GOOD.members[1:]))
    found = invalid_ids(record, TODAY)
    assert [(p.code, p.severity) for p in found] == [("id_legacy", Severity.DOUBT)]
    assert found[0].message.startswith("成员“张大山”：15位旧身份证号码")


@pytest.mark.parametrize("suffix", ["41", "72B1", "2301"[:2] + "B2"])
def test_a_disability_card_number_is_checked_as_the_holders_id_and_a_grade(suffix: str) -> None:
    card = person("王残", "之女", WIFE_ID, id_type="残疾人证", id_number=WIFE_ID + suffix)
    record = replace(GOOD, members=(*GOOD.members, card))
    assert invalid_ids(record, TODAY) == []
    assert required_fields(record, TODAY) == []


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1234", "残疾人证号码应为20或22位"),
        (WIFE_ID[:-1] + ("1" if WIFE_ID[-1] != "1" else "2") + "41", "残疾人证号码的前18位校验位错误"),
        (WIFE_ID + "95", "残疾人证号码第19、20位应为残疾类别（1–7）和残疾等级（1–4）"),
    ],
)
def test_a_bad_disability_card_number_is_an_error(number: str, message: str) -> None:
    record = replace(
        GOOD, members=(*GOOD.members, person("王残", "之女", WIFE_ID, id_type="残疾人证", id_number=number))
    )
    found = invalid_ids(record, TODAY)
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert found[0].message.startswith("成员“王残”：" + message)


def test_members_who_left_are_not_checked() -> None:
    gone = replace(GOOD.members[2], id_number="bad", status="自然减少", relation="户主")
    record = replace(GOOD, members=(*GOOD.members[:2], gone))
    assert validate(record, TODAY) == []


def test_duplicate_ids_within_the_household() -> None:
    twin = person("张小河", "之子", CHILD_ID.lower(), education=None, school_status="八年级")
    found = duplicate_ids(replace(GOOD, members=(*GOOD.members, twin)), TODAY)
    assert codes(found) == ["id_duplicate"] and found[0].member == 3
    assert "与成员“张小川”相同" in found[0].message


def test_ids_used_in_another_household() -> None:
    found = ids_used_elsewhere(GOOD, {WIFE_ID: "户 52242510800100002 的“李秀英”"})
    assert codes(found) == ["id_used_elsewhere"] and found[0].member == 1
    assert "已登记在户 52242510800100002 的“李秀英”名下" in found[0].message


def test_head_count() -> None:
    assert head_count(GOOD, TODAY) == []
    no_head = replace(GOOD, members=(replace(GOOD.members[0], relation="其他"), *GOOD.members[1:]))
    assert codes(head_count(no_head, TODAY)) == ["no_head"]
    two = replace(GOOD, members=(*GOOD.members[:2], replace(GOOD.members[2], relation="户主")))
    found = head_count(two, TODAY)
    assert codes(found) == ["two_heads"] and found[0].member == 2
    assert "张大山、张小川 都是户主" in found[0].message
    assert codes(head_count(replace(GOOD, members=()), TODAY)) == ["no_members"]
    assert head_count(replace(GOOD, members=(), archived=True), TODAY) == []


def test_required_fields() -> None:
    blank = MemberRecord(id=None, name=" ", relation=None, id_number=None)
    found = required_fields(replace(GOOD, number="", members=(*GOOD.members, blank)), TODAY)
    assert [(p.field, p.member) for p in found] == [
        ("number", None),
        ("name", 3),
        ("relation", 3),
        ("id_number", 3),
    ]
    assert all(p.blocks for p in found)


def test_spouse_count_and_same_sex_are_doubts() -> None:
    second = person("赵二", "配偶", idcard.make("522425", date(1975, 1, 1), 44))
    found = spouse_count(replace(GOOD, members=(*GOOD.members, second)), TODAY)
    assert codes(found) == ["two_spouses"] and found[0].severity == Severity.DOUBT
    male_spouse = person("钱三", "配偶", idcard.make("522425", date(1971, 1, 1), 55))
    record = replace(GOOD, members=(GOOD.members[0], male_spouse))
    assert codes(head_spouse_same_sex(record, TODAY)) == ["head_spouse_same_sex"]
    assert head_spouse_same_sex(GOOD, TODAY) == []


def test_education_and_school_exactly_one() -> None:
    both = replace(GOOD.members[2], education="小学")
    neither = replace(GOOD.members[1], education=None)
    record = replace(GOOD, members=(GOOD.members[0], neither, both))
    assert [(p.code, p.member) for p in education_and_school(record, TODAY)] == [
        ("education_or_school_missing", 1),
        ("education_and_school", 2),
    ]


@pytest.mark.parametrize(
    ("phone", "flagged"),
    [
        ("13800001111", False),
        ("138-0000-1111", False),
        ("1380000111", True),
        ("0851-8123456", False),
        ("0851-81234567", True),
        (None, False),
    ],
)
def test_phone_numbers_need_11_digits(phone: str | None, flagged: bool) -> None:
    assert bool(phone_numbers(replace(GOOD, phone=phone), TODAY)) is flagged


def test_member_phone_doubt_names_the_member() -> None:
    record = replace(GOOD, members=(replace(GOOD.members[0], phone="12345"), *GOOD.members[1:]))
    found = phone_numbers(record, TODAY)
    assert found[0].member == 0 and "成员“张大山”的联系电话“12345”不是11位" in found[0].message


def test_sex_and_birth_date_must_match_the_id() -> None:
    wrong = replace(GOOD.members[0], sex="女", birth_date=date(1970, 5, 2))
    found = sex_and_birth_match_id(replace(GOOD, members=(wrong, *GOOD.members[1:])), TODAY)
    assert codes(found) == ["id_sex_mismatch", "id_birth_mismatch"]
    assert "证件号码显示为1970-05-01" in found[1].message


def test_validate_orders_errors_before_doubts() -> None:
    record = replace(
        GOOD, phone="123", members=(replace(GOOD.members[0], relation="其他"), *GOOD.members[1:])
    )
    found = validate(record, TODAY)
    assert codes(errors(found)) == ["no_head"]
    assert codes(doubts(found)) == ["phone"]
    assert found[0].code == "no_head"
