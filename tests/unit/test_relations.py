"""domain.relations: who is who after another member becomes 户主."""

from __future__ import annotations

from fupin_desktop.domain.records import MemberRecord
from fupin_desktop.domain.relations import restate_relations


def m(name: str, relation: str, sex: str, status: str = "在册") -> MemberRecord:
    return MemberRecord(id=None, name=name, relation=relation, sex=sex, status=status)


def relations(members: tuple[MemberRecord, ...]) -> dict[str, str | None]:
    return {x.name: x.relation for x in members}


def test_the_spouse_becomes_head() -> None:
    family = (
        m("老张", "户主", "男", status="自然减少"),
        m("老李", "配偶", "女"),
        m("张子", "之子", "男"),
        m("张父", "之父", "男"),
        m("外人", "其他", "女"),
    )
    after = relations(restate_relations(family, 1))
    assert after == {"老张": "户主", "老李": "户主", "张子": "之子", "张父": "之公公", "外人": None}


def test_the_spouse_of_a_living_head_swaps_with_the_head() -> None:
    family = (m("老张", "户主", "男"), m("老李", "配偶", "女"), m("李母", "之岳母", "女"))
    after = relations(restate_relations(family, 1))
    assert after == {"老张": "配偶", "老李": "户主", "李母": "之母"}


def test_the_only_son_becomes_head() -> None:
    family = (
        m("老张", "户主", "男"),
        m("老李", "配偶", "女"),
        m("张子", "之子", "男"),
        m("张女", "之女", "女"),
        m("儿媳", "之儿媳", "女"),
        m("孙女", "之孙女", "女"),
        m("张祖母", "之母", "女"),
    )
    after = relations(restate_relations(family, 2))
    assert after == {
        "老张": "之父",
        "老李": "之母",
        "张子": "户主",
        "张女": "之兄弟姐妹",
        "儿媳": "配偶",
        "孙女": "之女",
        "张祖母": "之祖母",
    }


def test_with_two_sons_wives_and_grandchildren_are_left_to_the_clerk() -> None:
    family = (
        m("老张", "户主", "男"),
        m("大子", "之子", "男"),
        m("二子", "之子", "男"),
        m("儿媳", "之儿媳", "女"),
    )
    after = relations(restate_relations(family, 1))
    assert after == {"老张": "之父", "大子": "户主", "二子": "之兄弟姐妹", "儿媳": None}


def test_a_daughter_becomes_head() -> None:
    family = (
        m("老张", "户主", "男"),
        m("张女", "之女", "女"),
        m("女婿", "之女婿", "男"),
        m("外孙", "之外孙子", "男"),
        m("张父", "之父", "男"),
    )
    after = relations(restate_relations(family, 1))
    assert after == {"老张": "之父", "张女": "户主", "女婿": "配偶", "外孙": "之子", "张父": "之外祖父"}


def test_other_relations_are_all_left_to_the_clerk() -> None:
    family = (m("老张", "户主", "男"), m("侄儿", "之侄儿", "男"), m("老李", "配偶", "女"))
    assert relations(restate_relations(family, 1)) == {"老张": None, "侄儿": "户主", "老李": None}


def test_choosing_the_head_again_changes_nothing() -> None:
    family = (m("老张", "户主", "男"), m("老李", "配偶", "女"))
    assert restate_relations(family, 0) == family
