"""The 会议简报's parts (DOMAIN §7), in print order, and which of them are printed by default.

Kept apart from `reports/briefing_data.py` (as `task_lists` from `reports/tasklists.py`) so the command line
can offer them (`fupin briefing --skip`) without building the report's data classes.
"""

from __future__ import annotations

from enum import StrEnum


class Section(StrEnum):
    """The pack's parts, in print order. Every one can be left out."""

    COVER = "cover"
    BASICS = "basics"
    CHANGES = "changes"
    RISKS = "risks"
    GUARANTEES = "guarantees"
    TASKS = "tasks"
    VILLAGES = "villages"
    CHECKS = "checks"
    TREND = "trend"
    PROBLEMS = "problems"
    NEXT_STEPS = "next_steps"

    @property
    def title(self) -> str:
        return SECTION_TITLES[self]


SECTION_TITLES = {
    Section.COVER: "报头和主要指标",
    Section.BASICS: "基本情况",
    Section.CHANGES: "本期动态",
    Section.RISKS: "风险类型和帮扶措施落实",
    Section.GUARANTEES: "三保障和饮水安全",
    Section.TASKS: "整改进展",
    Section.VILLAGES: "各村情况和包村干部",
    Section.CHECKS: "数据核查",
    Section.TREND: "月度趋势",
    Section.PROBLEMS: "存在问题",
    Section.NEXT_STEPS: "下步工作",
}
ALL_SECTIONS = tuple(Section)
# 数据核查 re-runs every check (seconds on a large register): printed when asked for.
DEFAULT_SECTIONS = tuple(s for s in ALL_SECTIONS if s is not Section.CHECKS)
