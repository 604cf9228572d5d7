"""新建整改任务 from the 户籍管理 tab: an entry in its toolbar and right-click menu (which shows the
toolbar's actions) for the selected households; the task opens in the 整改清单 tab once saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from fupin_desktop.services.context import Permission

if TYPE_CHECKING:
    from fupin_desktop.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    households = window.tab("householdsTab")
    toolbar = getattr(households, "toolbar", None)
    if toolbar is None:
        return
    selected = households.selected_household_ids  # type: ignore[attr-defined]
    action = QAction("新建整改任务…", households)
    action.setObjectName("newTaskForHouseholdsAction")
    action.setToolTip("为所选农户登记一个整改问题（转到整改清单）")
    allowed = window.ui.ctx.actor.can(Permission.EDIT_TASKS)

    def update() -> None:
        action.setEnabled(allowed and bool(selected()))

    def create() -> None:
        ids = selected()
        rectification = window.tab("rectificationTab")
        if ids and rectification.new_task(ids) is not None:  # type: ignore[attr-defined]
            window.show_tab("rectificationTab")

    action.triggered.connect(create)
    households.table.selectionModel().selectionChanged.connect(lambda *_: update())  # type: ignore[attr-defined]
    households.table.model().modelReset.connect(update)  # type: ignore[attr-defined]
    toolbar.addSeparator()
    toolbar.addAction(action)
    window.new_task_for_households_action = action  # type: ignore[attr-defined]
    update()
