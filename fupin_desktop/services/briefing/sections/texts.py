"""存在问题 and 下步工作: the user's own text (BriefingOptions, or else the one kept in the settings for the
next meeting), printed item by item; no sheet."""

from __future__ import annotations

from fupin_desktop.reports.briefing_data import BriefingData
from fupin_desktop.reports.briefing_progress import items
from fupin_desktop.services.briefing.sections.part import Fields, Sources


def load_problems(src: Sources) -> Fields:
    chosen = src.options.problems
    return {"problems": src.settings.briefing_problems if chosen is None else chosen}


def load_next_steps(src: Sources) -> Fields:
    chosen = src.options.next_steps
    return {"next_steps": src.settings.briefing_next_steps if chosen is None else chosen}


def problems_printed(data: BriefingData) -> bool:
    return bool(items(data.problems))


def next_steps_printed(data: BriefingData) -> bool:
    return bool(items(data.next_steps))
