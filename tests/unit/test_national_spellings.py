"""Issue 14: every spelling real national exports use reads as the value it means — through the default
code lists' aliases (which an administrator can extend in 代码表) or a value map — one test each."""

from __future__ import annotations

import pytest

from fupin_desktop.domain.codes import load_default_codes
from fupin_desktop.excel.layout import header_key
from fupin_desktop.excel.parse import CodeLookup
from fupin_desktop.excel.values import ValueProblem, enjoyment, enjoyment_text
from fupin_desktop.paths import resources_dir

CODES = load_default_codes(resources_dir() / "codes" / "codes.json")
LOOKUP = CodeLookup(CODES)


def read(code_list: str, raw: str) -> str | None:
    return LOOKUP.map(code_list).get(header_key(raw))


@pytest.mark.parametrize(
    ("code_list", "raw", "meant"),
    [
        ("致贫返贫风险", "因安全住房", "住房出现安全问题"),
        ("致贫返贫风险", "因安全饮水", "饮水安全问题"),
        ("致贫返贫风险", "务工就业不稳", "因务工就业不稳"),
        ("致贫返贫风险", "缺劳力", "缺劳动力"),
        ("致贫返贫风险", "因灾", "因自然灾害"),
        ("在校生状况", "硕士生及以上", "硕士研究生及以上"),
        ("在校生状况", "高中一年级", "普通高中一年级"),
        ("文化程度", "本科及研究生及以上", "本科及以上"),
        ("劳动技能", "普通劳动", "普通劳动力"),
        ("劳动技能", "无劳动能力", "无劳动力"),
        ("劳动技能", "技能劳动能力", "技能劳动力"),
        ("性别", "1", "男"),
        ("性别", "2", "女"),
        ("开发式帮扶", "是", "已实施"),
        ("务工状况", "乡（镇）内务工", "乡(镇)内务工"),
        ("务工状况", "省内县外务工", "县外省内务工"),
        ("证件类型", "居民身份证", "身份证"),
        ("证件类型", "残疾证", "残疾人证"),
        ("户类型", "普通农户", "一般农户"),
    ],
)
def test_a_national_spelling_reads_as_the_value_it_means(code_list: str, raw: str, meant: str) -> None:
    assert read(code_list, raw) == meant


@pytest.mark.parametrize(
    ("code_list", "raw", "read_as"),
    [
        ("低保类别", "农村低保", (True, "农村低保")),
        ("低保类别", "城市低保", (True, "城市低保")),
        ("低保类别", "未享受", (False, None)),
        ("特困类别", "农村特困", (True, "农村特困")),
        ("特困类别", "城市特困", (True, "城市特困")),
        ("特困类别", "不享受", (False, None)),
        ("低保类别", "是", (True, None)),
        ("低保类别", "否", (False, None)),
    ],
)
def test_the_enjoyment_columns_are_a_value_map(code_list: str, raw: str, read_as: tuple) -> None:
    """享受低保政策情况 is not a yes/no column: 农村低保 is 是 and a kind; and it is written back the same."""
    assert enjoyment(raw, LOOKUP.map(code_list)) == read_as
    written = enjoyment_text(*read_as, "不享受" if code_list == "特困类别" else "未享受")
    assert enjoyment(written, LOOKUP.map(code_list)) == read_as


def test_an_unknown_enjoyment_value_is_a_problem_naming_the_choices() -> None:
    with pytest.raises(ValueProblem, match="应为农村低保、城市低保或未享受"):
        enjoyment("享受一类", LOOKUP.map("低保类别"))
