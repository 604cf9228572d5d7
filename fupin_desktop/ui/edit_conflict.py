"""A save refused because someone else saved the same record first (services.register.edit_versions): the
dialog stays open with the clerk's input, and the clerk chooses whether to reload what is stored now."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from fupin_desktop.errors import EditConflict


def ask_reload(parent: QWidget, exc: EditConflict) -> bool:
    """Say who changed the record; True when the clerk wants the stored version in the dialog."""
    answer = QMessageBox.question(
        parent,
        "别人已修改，未保存",
        f"{exc.message}\n\n你的输入还在窗口里。要重新载入库里的最新内容吗？\n"
        "点“是”重新载入（窗口里换成库里的内容，你可以再改）；点“否”保留你的输入，先对照一下。",
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_again(parent: QWidget, exc: EditConflict) -> bool:
    """For a step (办理) refused the same way: True when the clerk wants to take the step again on the
    record as it is now, keeping what they typed."""
    answer = QMessageBox.question(
        parent,
        "别人已修改，未办理",
        f"{exc.message}\n\n你填写的内容还在窗口里。要按库里的最新情况重新办理吗？\n"
        "点“是”载入最新情况（你填写的内容保留），核对后再点确定；点“否”先不办理。",
    )
    return answer == QMessageBox.StandardButton.Yes
