"""文件 → 设置…: change the township and add this year's 监测范围; invalid input saves nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fupin_desktop.services.context import Actor, Role
from fupin_desktop.services.register.settings import get_settings
from fupin_desktop.services.register.thresholds import thresholds_by_year
from fupin_desktop.ui.settings_dialog import SettingsDialog, install
from tests.gui.households_helpers import trigger_and


def set_last_amount(dialog: SettingsDialog, text: str) -> None:
    dialog.table.item(dialog.table.rowCount() - 1, 2).setText(text)


def test_settings_saved_from_the_menu_refresh_the_title(make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir, demo=True)
    assert window.settings_action in window.menus["file"].actions()
    assert window.settings_action.isEnabled()

    def act(dialog: SettingsDialog) -> None:
        dialog.township_edit.setText("新设镇")
        # remove any 2026 row so the test adds it itself
        for index in reversed(range(dialog.table.rowCount())):
            if dialog.table.item(index, 0).text() == "2026":
                dialog.table.selectRow(index)
                dialog.remove_selected()
        dialog.add_next_year()
        dialog.table.item(dialog.table.rowCount() - 1, 0).setText("2026")
        set_last_amount(dialog, "8300")
        dialog.save_button.click()

    trigger_and(window.settings_action, SettingsDialog, act)
    assert "新设镇" in window.windowTitle()
    assert get_settings(window.ui.ctx).township == "新设镇"
    with window.ui.ctx.sessions() as session:
        assert thresholds_by_year(session)[2026] == 8300


def test_an_invalid_amount_is_shown_and_nothing_is_saved(make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir, demo=True)
    before = get_settings(window.ui.ctx)
    with window.ui.ctx.sessions() as session:
        thresholds_before = thresholds_by_year(session)
    messages = []

    def act(dialog: SettingsDialog) -> None:
        dialog.township_edit.setText("不应保存镇")
        dialog.add_next_year()
        set_last_amount(dialog, "abc")
        dialog.save_button.click()
        messages.append(dialog.error_label.text())
        set_last_amount(dialog, "-5")
        dialog.save_button.click()
        messages.append(dialog.error_label.text())
        assert dialog.isVisible()
        dialog.reject()

    trigger_and(window.settings_action, SettingsDialog, act)
    assert "不是数字" in messages[0]
    assert "金额应大于0元" in messages[1]
    assert get_settings(window.ui.ctx) == before
    with window.ui.ctx.sessions() as session:
        assert thresholds_by_year(session) == thresholds_before
    assert "不应保存镇" not in window.windowTitle()


def test_a_reader_cannot_open_settings(make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir, demo=True)
    window.ui = replace(window.ui, ctx=window.ui.ctx.acting_as(Actor("du", "读者", Role.READER)))
    assert not install(window).isEnabled()


def test_province_escalation_and_work_thresholds_are_saved(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir, demo=True)

    def act(dialog: SettingsDialog) -> None:
        dialog.province_edit.setText("贵州省")
        dialog.escalate_spin.setValue(3)
        dialog.wage_share_spin.setValue(70)
        dialog.work_months_spin.setValue(4.5)
        dialog.save_button.click()

    trigger_and(window.settings_action, SettingsDialog, act)
    saved = get_settings(window.ui.ctx)
    assert (saved.province, saved.escalate_after_extensions) == ("贵州省", 3)
    assert (saved.unstable_wage_share_percent, saved.short_work_months) == (70, 4.5)
