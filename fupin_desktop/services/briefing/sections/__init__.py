"""The 会议简报's sections (DOMAIN §7), each declared once (issue 21 §1): what it counts, its sheets in the
KPI workbook and the reports/ part that draws it. The PDF job (pack.py) and the KPI workbook
(workbook.py) both go through `PARTS`, in print order; a section's counts and sheets are in its module
here, its pages in reports/briefing_sections.py, briefing_progress.py or briefing_villages.py."""

from __future__ import annotations

from fupin_desktop.reports import briefing_progress as progress
from fupin_desktop.reports import briefing_sections as register
from fupin_desktop.reports.briefing_data import BriefingData, Section
from fupin_desktop.reports.briefing_villages import villages_section
from fupin_desktop.services.briefing.sections import (
    basics,
    changes,
    checks,
    cover,
    guarantees,
    risks,
    tasks,
    texts,
    trend,
    villages,
)
from fupin_desktop.services.briefing.sections.part import Part

PARTS: tuple[Part, ...] = (
    Part(Section.COVER, load=cover.load),  # counted last: it sums up the others
    Part(
        Section.BASICS,
        load=basics.load,
        sheets=basics.sheets,
        draw=register.basics_section,
        stage="统计基本情况",
    ),
    Part(
        Section.CHANGES,
        load=changes.load,
        sheets=changes.sheets,
        draw=register.changes_section,
        stage="统计本期动态",
    ),
    Part(Section.RISKS, load=risks.load, sheets=risks.sheets, draw=register.risks_section),
    Part(
        Section.GUARANTEES, load=guarantees.load, sheets=guarantees.sheets, draw=register.guarantees_section
    ),
    Part(
        Section.TASKS, load=tasks.load, sheets=tasks.sheets, draw=progress.tasks_section, stage="统计整改进展"
    ),
    Part(Section.VILLAGES, load=villages.load, sheets=villages.sheets, draw=villages_section),
    Part(
        Section.CHECKS,
        job=checks.job,
        sheets=checks.sheets,
        draw=progress.checks_section,
        printed=checks.printed,
        when_chosen=True,  # it re-runs every check: seconds on a large register
    ),
    Part(
        Section.TREND, load=trend.load, sheets=trend.sheets, draw=progress.trend_section, stage="统计月度趋势"
    ),
    Part(
        Section.PROBLEMS,
        load=texts.load_problems,
        draw=progress.problems_section,
        printed=texts.problems_printed,
    ),
    Part(
        Section.NEXT_STEPS,
        load=texts.load_next_steps,
        draw=progress.next_steps_section,
        printed=texts.next_steps_printed,
    ),
)
# The order sections are counted in: the quick ones first, then a long job (数据核查), the cover last as
# it sums up the others.
COUNTING_ORDER = tuple(sorted(PARTS, key=lambda p: (p.key is Section.COVER, p.job is not None)))


def printed_parts(data: BriefingData) -> tuple[Part, ...]:
    """The chosen sections that have something to print, in print order."""
    return tuple(p for p in PARTS if p.key in data.sections and p.printed(data))


def printed_sections(data: BriefingData) -> tuple[Section, ...]:
    return tuple(p.key for p in printed_parts(data))
