"""文件 → 代码表…: the administrator adds a value, puts one first, switches one off and gives aliases;
the drop-downs follow; a value the program needs cannot be switched off; a reader cannot open it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from fupin_desktop.services.context import Actor, Role
from fupin_desktop.services.register.codes import code_lists, code_table
from fupin_desktop.ui import code_lists_dialog as dialog_module
from fupin_desktop.ui.code_lists_dialog import CodeListsDialog, install
from tests.gui.households_helpers import trigger_and


def choose(dialog: CodeListsDialog, field: str, value: str | None = None) -> None:
    dialog.fields.setCurrentRow(
        [dialog.fields.item(i).text() for i in range(dialog.fields.count())].index(field)
    )
    if value is not None:
        values = [dialog.values.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.values.count())]
        dialog.values.setCurrentRow(values.index(value))


def test_the_administrator_edits_a_list_and_the_drop_downs_follow(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir, demo=True)
    assert window.code_lists_action in window.menus["file"].actions() and window.code_lists_action.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("仡佬族", True))
    events: list[str] = []
    window.ui.events.data_changed.connect(events.append)

    def act(dialog: CodeListsDialog) -> None:
        choose(dialog, "民族", "苗族")
        dialog.up_button.click()
        dialog.up_button.click()  # 苗族 first
        choose(dialog, "民族", "汉族")
        dialog.values.currentItem().setCheckState(Qt.CheckState.Unchecked)
        dialog.add_button.click()
        dialog.aliases.insert("仡佬、 仡佬 ")  # as typed or pasted; the repeat is dropped
        dialog.submit()

    trigger_and(window.code_lists_action, CodeListsDialog, act)
    nations = code_lists(window.ui.ctx)
    assert nations.values["民族"][0] == "苗族" and nations.values["民族"][-1] == "仡佬族"
    assert "汉族" not in nations.values["民族"]
    assert nations.canonical("民族", "仡佬") == "仡佬族"
    assert code_table(window.ui.ctx)["民族"][-1].aliases == ("仡佬",)
    assert events[-1] == "codes"


def test_a_value_the_program_needs_cannot_be_switched_off(make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir, demo=True)
    shown: list[str] = []
    monkeypatch.setattr(dialog_module, "show_error", lambda _p, exc, **_k: shown.append(str(exc)))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("配偶", True))
    dialog = CodeListsDialog(window.ui.ctx, window)
    choose(dialog, "与户主关系", "户主")
    item = dialog.values.currentItem()
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.text() == "户主（程序必需）"
    before = dialog.values.count()
    dialog.add_button.click()  # 配偶 is there already
    assert shown == ["“与户主关系”中已有“配偶”。"] and dialog.values.count() == before
    dialog.table["与户主关系"][0] = replace(
        dialog.table["与户主关系"][0], active=False
    )  # as a broken edit would
    dialog.submit()
    assert dialog.error_label.isVisibleTo(dialog) and "不能停用" in dialog.error_label.text()
    assert "户主" in code_lists(window.ui.ctx).values["与户主关系"]
    dialog.reject()


def test_a_reader_cannot_open_the_code_lists(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir, demo=True)
    window.ui = replace(window.ui, ctx=window.ui.ctx.acting_as(Actor("du", "读者", Role.READER)))
    assert not install(window, after=window.settings_action).isEnabled()
