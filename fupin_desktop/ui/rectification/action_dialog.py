"""One lifecycle step of a task, asking only what that step needs (`TaskAction.spec`): a note or a
required reason, a new deadline (持续整改; optional when reopening), the progress (提请验收), or the
整改结果说明 with evidence (销号 — evidence can be added right here), or why a task is 作废."""

from __future__ import annotations

import html
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.tasks import TaskAction
from fupin_desktop.errors import EditConflict, UserError
from fupin_desktop.services.rectification import SIZE_HINT, ActionRequest, TaskDetail, perform, task_detail
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.edit_conflict import confirm_again
from fupin_desktop.ui.rectification.task_dialog import date_edit, pydate, qdate, text_box

EXTEND_DAYS = 30  # the new deadline offered for 持续整改
LAST_FOLDER_KEY = "rectification/evidenceFolder"

NOTE_LABELS = {
    TaskAction.START: ("说明：", "可不填，如“已召开专题会部署整改”"),
    TaskAction.SUBMIT: ("说明：", "可不填"),
    TaskAction.CLOSE: ("验收意见：", "可不填，如“经镇验收组现场核查，整改到位”"),
    TaskAction.REJECT: ("不通过原因(&R)：", "必填：哪里没有整改到位"),
    TaskAction.EXTEND: ("原因(&R)：", "必填：为什么不能按期完成"),
    TaskAction.REOPEN: ("重新打开原因(&R)：", "必填：如“县级复查发现问题反弹”"),
    TaskAction.VOID: ("作废原因(&R)：", "必填：如“与第 3 项重复”“录入错误，问题不属实”"),
}
CONSEQUENCES = {
    TaskAction.REOPEN: "重新打开后任务回到“整改中”，原销号时间清除，办理记录中保留本次操作。",
    TaskAction.VOID: "作废的任务保留全部记录，但不再计入任何统计、预警、清单和简报，只在“已作废”视图中可见。"
    "如是误作废，可在详情中“撤销上一步”。",
}


def pick_files(parent: QWidget, ui: UiContext) -> list[Path]:
    """Ask for evidence files (photos, scans, PDFs…), starting in the folder used last time."""
    folder = str(ui.prefs.value(LAST_FOLDER_KEY) or "")
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        f"选择佐证材料文件（{SIZE_HINT}）",
        folder,
        "佐证材料 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.wps *.et);;所有文件 (*)",
    )
    if names:
        ui.prefs.setValue(LAST_FOLDER_KEY, str(Path(names[0]).parent))
    return [Path(n) for n in names]


class ActionDialog(QDialog):
    def __init__(self, parent: QWidget | None, ui: UiContext, detail: TaskDetail, action: TaskAction) -> None:
        super().__init__(parent)
        self.ui = ui
        self.detail = detail
        self.action = action
        self.files: list[Path] = []
        spec = action.spec
        row = detail.row
        self.setObjectName("taskActionDialog")
        self.setWindowTitle(f"{action.label} — 第 {row.seq} 项")
        today = ui.ctx.today()

        layout = QVBoxLayout(self)
        about = QLabel(f"<b>第 {row.seq} 项</b>　{html.escape(row.description)}")
        about.setWordWrap(True)
        layout.addWidget(about)
        target = spec.target.value if spec.target else row.status.value
        left = f"（{row.warning.days_text}）" if row.days_left is not None else ""
        change = QLabel(f"状态：{row.status.value} → {target}　　整改时限：{row.deadline:%Y-%m-%d}{left}")
        change.setProperty("role", "hint")
        layout.addWidget(change)
        form = QFormLayout()
        layout.addLayout(form)

        self.result_edit = text_box("result", 4, "必填：按整改措施做了什么、达到了什么目标")
        self.progress = text_box("progress", 2)
        self.evidence_text = text_box("evidenceText", 2, "可不填，如“验收表、整改前后照片已归档”")
        self.file_list = QListWidget()
        self.file_list.setObjectName("evidenceFiles")
        self.new_deadline = date_edit(max(row.deadline, today) + timedelta(days=EXTEND_DAYS), "newDeadline")
        self.new_deadline.setMinimumDate(qdate(today))
        self.change_deadline = QCheckBox("同时确定新的整改时限：")
        self.change_deadline.setObjectName("changeDeadline")
        self.note = text_box("note", 3, NOTE_LABELS[action][1])

        if action is TaskAction.CLOSE:
            self.result_edit.setPlainText(row.result or "")
            form.addRow("整改结果说明(&E)：", self.result_edit)
            have = len(detail.evidence)
            form.addRow(
                "已有佐证材料：", QLabel(f"{have} 项" if have else "还没有（销号至少需要一项，可在下面补充）")
            )
            form.addRow("补充佐证说明：", self.evidence_text)
            add = QPushButton("附加文件(&F)…")
            add.setObjectName("addFiles")
            add.setToolTip(f"照片、扫描件、PDF 等，{SIZE_HINT}")
            add.clicked.connect(self.add_files)
            self.file_list.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 10)
            files = QHBoxLayout()
            files.addWidget(self.file_list, 1)
            files.addWidget(add)
            form.addRow("补充附件：", files)
        if action is TaskAction.SUBMIT:
            self.progress.setPlainText(row.progress or "")
            form.addRow("整改进展(&P)：", self.progress)
        if spec.needs_deadline:
            form.addRow("新的整改时限(&D)：", self.new_deadline)
        elif spec.takes_deadline:
            optional = QHBoxLayout()
            optional.addWidget(self.change_deadline)
            optional.addWidget(self.new_deadline, 1)
            self.new_deadline.setEnabled(False)
            self.change_deadline.toggled.connect(self.new_deadline.setEnabled)
            form.addRow("", optional)
        form.addRow(NOTE_LABELS[action][0], self.note)
        if action in CONSEQUENCES:
            warning = QLabel(CONSEQUENCES[action])
            warning.setProperty("role", "hint")
            warning.setWordWrap(True)
            layout.addWidget(warning)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"{action.label}(&O)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消(&C)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 200)

    def reload(self) -> None:
        """The task as stored now; what the clerk typed stays, to confirm again against it."""
        try:
            self.detail = task_detail(self.ui.ctx, self.detail.id)
        except UserError as exc:
            show_error(self, exc, title="重新载入未完成")

    def add_files(self) -> None:
        for path in pick_files(self, self.ui):
            if path not in self.files:
                self.files.append(path)
                self.file_list.addItem(path.name)

    def request(self) -> ActionRequest:
        spec = self.action.spec
        chosen = spec.needs_deadline or (spec.takes_deadline and self.change_deadline.isChecked())
        return ActionRequest(
            note=self.note.toPlainText(),
            new_deadline=pydate(self.new_deadline) if chosen else None,
            result=self.result_edit.toPlainText() if self.action is TaskAction.CLOSE else "",
            progress=self.progress.toPlainText() if self.action is TaskAction.SUBMIT else None,
            evidence_text=self.evidence_text.toPlainText() if self.action is TaskAction.CLOSE else "",
            files=tuple(self.files),
        )

    def accept(self) -> None:
        try:
            perform(self.ui.ctx, self.detail.id, self.action, self.request(), version=self.detail.version)
        except EditConflict as exc:
            if confirm_again(self, exc):
                self.reload()
            return
        except UserError as exc:
            show_error(self, exc, title=f"未能{self.action.label}")
            return
        super().accept()
