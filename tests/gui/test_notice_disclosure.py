"""The 公示名单 dialog says what the notice will print of ID numbers and risks (issue 17 §5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from fupin_desktop.services.register.areas import villages
from fupin_desktop.services.register.settings import get_settings, save_settings
from fupin_desktop.ui.print_actions import NoticeDialog


@pytest.fixture
def window(make_window, demo_dir: Path):  # type: ignore[no-untyped-def]
    return make_window(demo_dir)


def _disclosure(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    dialog = NoticeDialog(window, window.ui, villages(window.ui.ctx))
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "noticeDisclosure")
    assert label is not None
    return label.text()


def test_the_dialog_says_no_id_and_no_health_risk_by_default(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert _disclosure(qtbot, window) == (
        "公示名单不印身份证号，风险类型只列可以公开的（不列因病、因残）。（在设置中修改）"
    )


def test_the_dialog_names_what_the_county_asked_for(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    ctx = window.ui.ctx
    save_settings(ctx, get_settings(ctx).with_changes(notice_id_tail=True))
    assert _disclosure(qtbot, window) == (
        "公示名单按县里要求印户主身份证号后四位，风险类型只列可以公开的（不列因病、因残）。（在设置中修改）"
    )
