"""Fixed vocabularies the code depends on, and loading of the editable default code lists.

Values a clerk may edit (relations, education, risk types…) live in the database as code lists seeded
from `resources/codes/codes.json`; the constants here are only those the program's logic branches on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

HEAD = "户主"
SPOUSE = "配偶"

MALE, FEMALE = "男", "女"

HOUSEHOLD_TYPE_OUT_OF_POVERTY = "脱贫户"
HOUSEHOLD_TYPE_ORDINARY = "一般农户"

MONITOR_CATEGORIES = ("脱贫不稳定户", "边缘易致贫户", "突发严重困难户")

ID_CARD = "身份证"
DISABILITY_CARD = "残疾人证"

MEMBER_ACTIVE = "在册"
MEMBER_REMOVED = "自然减少"

DEV_SUPPORT_DONE = "已实施"
DEV_SUPPORT_NOT_YET = "尚未实施"

ELIMINATED_BY_SUPPORT = "帮扶消除"
ELIMINATED_NATURALLY = "自然消除"

# 开发式帮扶 = 产业/就业/金融/公益岗位 (DOMAIN §2.3)
DEVELOPMENT_MEASURES = ("产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶")

NO_LABOUR = ("丧失劳动力", "无劳动力")

# Program memberships with start and end dates (DOMAIN §2.1)
PROGRAMS = ("脱贫户", "监测对象", "低保", "特困", "残疾补贴", "易地扶贫搬迁")

HELPER_ROLES = ("帮扶责任人", "监测联系人", "驻村第一书记", "驻村工作队员", "产业指导员")

# 致贫返贫风险 a public 公示名单 may name (DOMAIN §4 and the county 公示 rules): events and conditions
# of the household, not of a person's body. Never 因病/因残 (health and disability are personal data),
# nor 缺劳动力 (illness, disability or age stand behind it) or 其他; a value a clerk added to the list
# is not published either until it is named here (or the county asks for every risk,
# `Settings.notice_all_risks`).
PUBLIC_RISKS = frozenset(
    {
        "因自然灾害",
        "因灾",
        "因意外事故",
        "因产业项目失败",
        "因务工就业不稳",
        "因学",
        "住房出现安全问题",
        "饮水安全问题",
    }
)
# Words that give away health or disability: a risk naming one is never public, whatever its code.
HEALTH_WORDS = ("病", "残", "疾", "医", "患", "伤", "健康", "精神", "智力", "失能")


def public_risks(risks: Iterable[str], *, all_risks: bool = False) -> tuple[str, ...]:
    """The risks a public notice may print: those of PUBLIC_RISKS (every one with `all_risks`)."""
    if all_risks:
        return tuple(risks)
    return tuple(r for r in risks if r in PUBLIC_RISKS and not any(w in r for w in HEALTH_WORDS))


# Values of the editable code lists that the logic above branches on: they stay in their drop-downs
# (a household needs a 户主 whatever an administrator does to the lists).
LOCKED_CODES: dict[str, frozenset[str]] = {
    "与户主关系": frozenset({HEAD, SPOUSE}),
    "性别": frozenset({MALE, FEMALE}),
    "证件类型": frozenset({ID_CARD}),
    "户类型": frozenset({HOUSEHOLD_TYPE_OUT_OF_POVERTY, HOUSEHOLD_TYPE_ORDINARY}),
    "监测对象类别": frozenset(MONITOR_CATEGORIES),
    "开发式帮扶": frozenset({DEV_SUPPORT_DONE, DEV_SUPPORT_NOT_YET}),
    "风险消除方式": frozenset({ELIMINATED_BY_SUPPORT, ELIMINATED_NATURALLY}),
    "帮扶措施类别": frozenset(DEVELOPMENT_MEASURES),
    "劳动技能": frozenset(NO_LABOUR),
    "帮扶人角色": frozenset(HELPER_ROLES),
}


@dataclass(frozen=True, slots=True)
class CodeLists:
    values: dict[str, tuple[str, ...]]
    aliases: dict[str, dict[str, str]]  # field -> alias -> canonical value

    def canonical(self, field: str, raw: str) -> str:
        """The canonical spelling of `raw` for `field`, or `raw` unchanged when unknown."""
        text = raw.strip()
        return self.aliases.get(field, {}).get(text, text)


def load_default_codes(path: Path) -> CodeLists:
    data = json.loads(path.read_text(encoding="utf-8"))
    values = {k: tuple(v) for k, v in data.items() if not k.startswith("_")}
    aliases: dict[str, dict[str, str]] = {}
    for field, mapping in data.get("_别名", {}).items():
        aliases[field] = {alias: canon for canon, names in mapping.items() for alias in names}
    return CodeLists(values=values, aliases=aliases)
