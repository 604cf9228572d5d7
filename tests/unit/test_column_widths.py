"""Remembered column widths never push columns off a smaller screen."""

from __future__ import annotations

from fupin_desktop.ui.column_widths import fit_widths

DEFAULTS = [100, 300, 100]


def test_remembered_widths_that_fit_are_kept() -> None:
    assert fit_widths([120, 500, 90], DEFAULTS, 1300) == [120, 500, 90]


def test_widths_from_a_big_screen_give_back_what_was_widened() -> None:
    # 问题表现 widened to 1200 on a 1920 screen; the 1366 PC has room for 800
    fitted = fit_widths([100, 1200, 100], DEFAULTS, 800)
    assert fitted == [100, 600, 100] and sum(fitted) <= 800


def test_the_excess_is_shared_by_the_columns_that_grew() -> None:
    fitted = fit_widths([300, 900, 100], DEFAULTS, 800)
    assert sum(fitted) <= 800
    assert fitted[2] == 100  # a column left at its default is not touched
    assert fitted[0] >= 100 and fitted[1] >= 300  # no column below its default


def test_a_table_wider_than_the_screen_by_default_scrolls_as_before() -> None:
    assert fit_widths([100, 300, 100], DEFAULTS, 300) == DEFAULTS
    assert sum(fit_widths([200, 600, 100], DEFAULTS, 300)) == sum(DEFAULTS)


def test_unreadable_or_hidden_widths_fall_back_to_the_defaults() -> None:
    assert fit_widths(None, DEFAULTS, 1000) == DEFAULTS
    assert fit_widths(["120", "x", "5"], DEFAULTS, 1000) == [120, 300, 100]
    assert fit_widths([1, 2], DEFAULTS, 1000) == DEFAULTS
