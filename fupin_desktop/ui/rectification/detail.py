"""The panel beside the task table: one task in full — its fields, the lifecycle buttons the task and the
user allow, the households it concerns, its status events, deadline history and evidence.

The panel only shows and asks; the tab (the controller) performs what the signals request. Every
button has its own access letter (Alt+letter), none shared with the tab's toolbar and filters."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.tasks import (
    OPEN_STATUSES,
    TaskAction,
    describe_change,
    needs_admin,
    undo_needs_admin,
)
from fupin_desktop.services.context import Actor, Permission
from fupin_desktop.services.rectification import TaskDetail
from fupin_desktop.ui.rectification.colours import pill_style

NONE = "—"
ALWAYS_SHOWN = {"问题来源", "问题类别", "涉及村/户", "整改措施", "责任单位", "责任人", "整改时限"}
FIELDS = (
    ("问题来源", lambda d: d.row.source),
    ("问题类别", lambda d: d.row.category),
    ("涉及村/户", lambda d: d.row.scope),
    ("整改措施", lambda d: d.row.measures),
    ("整改目标", lambda d: d.row.target),
    ("责任领导", lambda d: d.row.leader),
    ("牵头单位", lambda d: d.row.lead_unit),
    ("责任单位", lambda d: d.row.unit),
    ("责任人", lambda d: d.row.person),
    ("整改时限", lambda d: f"{d.row.deadline:%Y-%m-%d}（{d.row.warning.days_text}）"),
    ("发现时间", lambda d: f"{d.row.found_on:%Y-%m-%d}" if d.row.found_on else ""),
    ("整改进展", lambda d: d.row.progress),
    ("整改结果", lambda d: d.row.result),
    ("销号时间", lambda d: f"{d.row.closed_on:%Y-%m-%d}" if d.row.closed_on else ""),
)


ACTION_LETTERS = {
    TaskAction.START: "S",
    TaskAction.SUBMIT: "T",
    TaskAction.CLOSE: "G",
    TaskAction.REJECT: "B",
    TaskAction.EXTEND: "Y",
    TaskAction.REOPEN: "K",
    TaskAction.VOID: "V",
}
UNDO_TEXT = "撤销上一步(&U)"


def action_text(action: TaskAction) -> str:
    """开始整改(&S)…: every action asks for its note first."""
    return f"{action.label}(&{ACTION_LETTERS[action]})…"


def can(actor: Actor, action: TaskAction, status: str) -> bool:
    """Whether `actor` may perform `action` on a task in `status` (the services check again)."""
    if not actor.can(Permission.EDIT_TASKS):
        return False
    return not needs_admin(action, status) or actor.can(Permission.REOPEN_TASK)


def can_undo(actor: Actor, detail: TaskDetail) -> bool:
    event = detail.undoable
    if event is None or not actor.can(Permission.EDIT_TASKS):
        return False
    return not undo_needs_admin(event) or actor.can(Permission.REOPEN_TASK)


def _history_label(name: str) -> QLabel:
    """A list of dated entries as rich text: it wraps to the panel's width instead of scrolling."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _history(entries: list[tuple[str, str, str]]) -> str:
    """(when, who, what) as a two-column table: the date and person small and grey, the entry beside."""
    rows = "".join(
        f'<tr><td style="color:#666; padding:2px 10px 4px 0; white-space:nowrap;">{html.escape(when)}<br>'
        f'{html.escape(who)}</td><td style="padding:2px 0 4px 0;">{what}</td></tr>'
        for when, who, what in entries
    )
    return f'<table cellspacing="0" width="100%">{rows}</table>'


class TaskDetailPanel(QScrollArea):
    action_requested = Signal(object)  # TaskAction
    undo_requested = Signal()
    edit_requested = Signal()
    add_text_requested = Signal()
    add_files_requested = Signal()
    open_evidence_requested = Signal(int)  # evidence id
    remove_evidence_requested = Signal(int)
    household_requested = Signal(int)  # household id

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.detail: TaskDetail | None = None
        self.setObjectName("taskDetail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(360)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 6, 10, 10)
        layout.setSpacing(8)

        self.empty = QLabel("在左侧列表中选择一项整改任务，这里显示它的全部情况和办理记录。")
        self.empty.setProperty("role", "placeholder")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)

        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(8)
        layout.addWidget(self.content)
        layout.addStretch(1)

        header = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("taskHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.pill = QLabel()
        self.pill.setObjectName("taskWarning")
        header.addWidget(self.heading)
        header.addWidget(self.pill)
        header.addStretch(1)
        content.addLayout(header)

        self.description = QLabel()
        self.description.setObjectName("taskDescription")
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setStyleSheet("font-size: 11pt;")
        content.addWidget(self.description)

        self.void_note = QLabel()
        self.void_note.setObjectName("taskVoidReason")
        self.void_note.setWordWrap(True)
        self.void_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.void_note.setStyleSheet(
            "QLabel { background: #F0F1F2; color: #50555A; border-left: 3px solid #A0A4A8; padding: 4px 8px; }"
        )
        content.addWidget(self.void_note)

        self.buttons_row = QHBoxLayout()
        self.buttons_row.setSpacing(6)
        content.addLayout(self.buttons_row)
        self.action_buttons: dict[TaskAction, QPushButton] = {}
        self.edit_button = QPushButton("编辑(&M)…")
        self.edit_button.setObjectName("editTaskButton")
        self.edit_button.clicked.connect(self.edit_requested)
        self.undo_button = QPushButton(UNDO_TEXT)
        self.undo_button.setObjectName("undoTaskButton")
        self.undo_button.clicked.connect(self.undo_requested)

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for label, _get in FIELDS:
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[label] = value
            self.form.addRow(f"{label}：", value)
        self.households = QLabel()
        self.households.setObjectName("taskHouseholds")
        self.households.setWordWrap(True)
        self.households.setTextFormat(Qt.TextFormat.RichText)
        self.households.linkActivated.connect(
            lambda link: self.household_requested.emit(int(link.split(":")[1]))
        )
        self.form.addRow("涉及农户：", self.households)
        content.addLayout(self.form)

        self.events = _history_label("taskEvents")
        content.addWidget(self._group("办理记录", self.events))
        self.deadlines = _history_label("taskDeadlines")
        self.deadlines_box = self._group("整改时限变更", self.deadlines)
        content.addWidget(self.deadlines_box)

        self.evidence = QTreeWidget()
        self.evidence.setObjectName("taskEvidence")
        self.evidence.setHeaderLabels(["佐证材料", "提交人", "日期"])
        self.evidence.setRootIsDecorated(False)
        self.evidence.setUniformRowHeights(True)
        self.evidence.setAlternatingRowColors(True)
        self.evidence.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.evidence.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.evidence.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.evidence.itemDoubleClicked.connect(self._open_item)
        self.evidence.itemSelectionChanged.connect(self._evidence_selected)
        evidence_buttons = QHBoxLayout()
        self.add_text_button = QPushButton("添加说明(&A)…")
        self.add_text_button.setObjectName("addEvidenceText")
        self.add_text_button.clicked.connect(self.add_text_requested)
        self.add_files_button = QPushButton("附加文件(&W)…")
        self.add_files_button.setObjectName("addEvidenceFiles")
        self.add_files_button.clicked.connect(self.add_files_requested)
        self.open_evidence_button = QPushButton("打开(&O)")
        self.open_evidence_button.setObjectName("openEvidence")
        self.open_evidence_button.setToolTip("用电脑上的默认程序打开所选附件（双击也可以）")
        self.open_evidence_button.clicked.connect(lambda: self._emit_selected(self.open_evidence_requested))
        self.remove_evidence_button = QPushButton("删除(&D)")
        self.remove_evidence_button.setObjectName("removeEvidence")
        self.remove_evidence_button.clicked.connect(
            lambda: self._emit_selected(self.remove_evidence_requested)
        )
        for button in (self.add_text_button, self.add_files_button, self.open_evidence_button):
            button.setMinimumWidth(40)  # may shrink below the style's 80 px in a narrow panel
            evidence_buttons.addWidget(button)
        self.remove_evidence_button.setMinimumWidth(40)
        evidence_buttons.addStretch(1)
        evidence_buttons.addWidget(self.remove_evidence_button)
        box = self._group("佐证材料", self.evidence)
        box.layout().addLayout(evidence_buttons)  # type: ignore[union-attr]
        content.addWidget(box)
        self.show_detail(None)

    def _group(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(6, 6, 6, 6)
        inner.addWidget(widget)
        return box

    # ------------------------------------------------------------ showing

    def show_detail(self, detail: TaskDetail | None) -> None:
        self.detail = detail
        self.empty.setVisible(detail is None)
        self.content.setVisible(detail is not None)
        if detail is None:
            return
        row = detail.row
        self.heading.setText(f"第 {row.seq} 项　{row.status.value}")
        self.pill.setText(row.warning.label)
        self.pill.setStyleSheet(pill_style(row.colour))
        self.pill.setToolTip(f"整改时限 {row.deadline:%Y-%m-%d}，{row.warning.days_text}")
        self.description.setText(row.description)
        voided = detail.void_event
        self.void_note.setVisible(voided is not None)
        if voided is not None:
            reason = voided.note.removeprefix("作废：")
            self.void_note.setText(
                f"已作废（{voided.user}，{voided.at:%Y-%m-%d %H:%M}）。原因：{reason}\n"
                "作废的任务保留记录，不计入任何统计、预警和清单。如是误作废，可“撤销上一步”。"
            )
        for row, (label, get) in enumerate(FIELDS):
            text = get(detail)
            self.values[label].setText(text or NONE)
            # empty rows that say nothing yet (整改结果, 销号时间 of an open task) stay out of the way
            self.form.setRowVisible(row, bool(text) or label in ALWAYS_SHOWN)
        self._show_households(detail)
        self._show_buttons(detail)
        self._show_events(detail)
        self._show_deadlines(detail)
        self._show_evidence(detail)

    def _show_households(self, detail: TaskDetail) -> None:
        self.form.setRowVisible(len(FIELDS), bool(detail.households))
        if not detail.households:
            self.households.setText(NONE)
            return
        links = []
        for h in detail.households:
            label = html.escape(h.label + ("（已归档）" if h.archived else ""))
            links.append(f'<a href="household:{h.id}">{label}</a>')
        self.households.setText("<br>".join(links))
        self.households.setToolTip("点击打开这一户的档案")

    def _show_buttons(self, detail: TaskDetail) -> None:
        while self.buttons_row.count():
            item = self.buttons_row.takeAt(0)
            if item.widget() is not None and item.widget() not in (self.edit_button, self.undo_button):
                item.widget().deleteLater()
        self.action_buttons = {}
        for action in detail.actions:
            button = QPushButton(action_text(action))
            button.setObjectName(f"action_{action.value}")
            button.setEnabled(can(self.actor, action, detail.row.status))
            if not button.isEnabled():
                button.setToolTip(
                    "需要管理员权限"
                    if needs_admin(action, detail.row.status)
                    else "当前用户没有办理整改任务的权限"
                )
            elif action is TaskAction.VOID:
                button.setToolTip("误建的任务作废：保留记录，不再计入统计、预警和清单（须写明原因）")
            if action is TaskAction.CLOSE:
                button.setProperty("default", True)
            button.clicked.connect(lambda _c=False, a=action: self.action_requested.emit(a))
            self.action_buttons[action] = button
            self.buttons_row.addWidget(button)
        self.buttons_row.addStretch(1)
        self.buttons_row.addWidget(self.undo_button)
        self.buttons_row.addWidget(self.edit_button)
        self._show_undo(detail)
        open_task = detail.row.status in OPEN_STATUSES and self.actor.can(Permission.EDIT_TASKS)
        self.edit_button.setEnabled(open_task)
        self.edit_button.setToolTip("" if open_task else "已销号、已作废的任务不能修改；没有权限时也不能修改")
        self.add_text_button.setEnabled(open_task)
        self.add_files_button.setEnabled(open_task)

    def _show_undo(self, detail: TaskDetail) -> None:
        event = detail.undoable
        self.undo_button.setEnabled(can_undo(self.actor, detail))
        if event is None:
            self.undo_button.setToolTip("没有可以撤销的办理步骤")
        elif not self.undo_button.isEnabled():
            self.undo_button.setToolTip("撤销销号或重新打开需要管理员权限")
        else:
            self.undo_button.setToolTip(f"撤销：{describe_change(event)}（Ctrl+Z）")

    def _show_events(self, detail: TaskDetail) -> None:
        entries = []
        for e in detail.events:
            moved = e.from_status and e.from_status != e.to_status
            change = f"{e.from_status} → {e.to_status}" if moved else e.to_status
            entries.append(
                (f"{e.at:%Y-%m-%d %H:%M}", e.user, f"<b>{html.escape(change)}</b>　{html.escape(e.note)}")
            )
        self.events.setText(_history(entries))

    def _show_deadlines(self, detail: TaskDetail) -> None:
        entries = [
            (
                f"{c.at:%Y-%m-%d %H:%M}",
                c.user,
                f"<b>{c.old:%Y-%m-%d} → {c.new:%Y-%m-%d}</b><br>{html.escape(c.reason)}",
            )
            for c in detail.deadline_changes
        ]
        self.deadlines.setText(_history(entries))
        self.deadlines_box.setTitle(f"整改时限变更（{len(entries)} 次）")
        self.deadlines_box.setVisible(bool(entries))

    def _show_evidence(self, detail: TaskDetail) -> None:
        self.evidence.clear()
        for e in detail.evidence:
            item = QTreeWidgetItem([e.file_name if e.is_file else e.text, e.user, f"{e.at:%Y-%m-%d}"])
            if e.is_file:
                item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
            item.setData(0, Qt.ItemDataRole.UserRole, e.id)
            item.setData(1, Qt.ItemDataRole.UserRole, e.is_file)
            tip = f"{e.file_name}\nSHA-256：{e.sha256}" if e.is_file else e.text
            item.setToolTip(0, f"{tip}\n{e.user}，{e.at:%Y-%m-%d %H:%M}")
            self.evidence.addTopLevelItem(item)
        rows = max(self.evidence.topLevelItemCount(), 1)
        row_height = self.evidence.sizeHintForRow(0) if detail.evidence else self.fontMetrics().height() + 6
        self.evidence.setFixedHeight(self.evidence.header().sizeHint().height() + rows * row_height + 6)
        self._evidence_selected()

    # ------------------------------------------------------------ evidence

    def selected_evidence(self) -> tuple[int, bool] | None:
        items = self.evidence.selectedItems()
        if not items:
            return None
        item = items[0]
        return item.data(0, Qt.ItemDataRole.UserRole), bool(item.data(1, Qt.ItemDataRole.UserRole))

    def _evidence_selected(self) -> None:
        chosen = self.selected_evidence()
        self.open_evidence_button.setEnabled(bool(chosen and chosen[1]))
        removable = (
            chosen is not None
            and self.detail is not None
            and self.detail.row.status in OPEN_STATUSES
            and self.actor.can(Permission.EDIT_TASKS)
        )
        self.remove_evidence_button.setEnabled(removable)

    def _emit_selected(self, signal: Signal) -> None:
        chosen = self.selected_evidence()
        if chosen is not None:
            signal.emit(chosen[0])  # type: ignore[attr-defined]

    def _open_item(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(1, Qt.ItemDataRole.UserRole):
            self.open_evidence_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))
