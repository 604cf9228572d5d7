"""新建整改任务 from the 户籍管理 tab: an entry in its toolbar and right-click menu (which shows the
toolbar's actions) for the selected households; the task opens in the 整改清单 tab once saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from fupin_desktop.services.context import Permission

if TYPE_CHECKING:
    from fupin_desktop.ui.features import Workbench
    from fupin_desktop.ui.households.tab import HouseholdsTab


def install(bench: Workbench, households: HouseholdsTab) -> QAction:
    action = QAction("新建整改任务…", households)
    action.setObjectName("newTaskForHouseholdsAction")
    action.setToolTip("为所选农户登记一个整改问题（转到整改清单）")
    allowed = bench.ui.ctx.actor.can(Permission.EDIT_TASKS)

    def update() -> None:
        action.setEnabled(allowed and bool(households.selected_household_ids()))

    def create() -> None:
        from fupin_desktop.ui.rectification.task_dialog import ask_new_task  # loaded with the tab

        ids = households.selected_household_ids()
        task_id = ask_new_task(households, bench.ui, ids) if ids else None
        if task_id is not None:
            bench.announce_change("task")
            bench.open_task(task_id)
            bench.show_status("已新建整改任务。")

    action.triggered.connect(create)
    households.table.selectionModel().selectionChanged.connect(lambda *_: update())
    households.table.model().modelReset.connect(update)
    households.toolbar.addSeparator()
    households.toolbar.addAction(action)
    update()
    return action
