"""The 会议简报's table of sections (issue 21 §1): every section declared once, in print order, each
with what it counts, its sheets and its pages."""

from __future__ import annotations

from fupin_desktop.domain.briefing_parts import ALL_SECTIONS, Section
from fupin_desktop.services.briefing.sections import COUNTING_ORDER, PARTS


def test_every_section_is_declared_once_in_print_order() -> None:
    assert tuple(p.key for p in PARTS) == ALL_SECTIONS


def test_every_section_counts_something_and_all_but_the_cover_are_drawn_as_parts() -> None:
    for part in PARTS:
        assert (part.load is None) != (part.job is None), part.key
        assert (part.draw is None) == (part.key is Section.COVER), part.key


def test_the_cover_is_counted_last_and_only_the_checks_wait_to_be_chosen() -> None:
    assert COUNTING_ORDER[-1].key is Section.COVER and set(COUNTING_ORDER) == set(PARTS)
    assert [p.key for p in PARTS if p.when_chosen] == [Section.CHECKS]
