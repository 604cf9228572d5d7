"""转入整改清单: the selected findings become 整改任务 (问题来源 数据核查) — one per finding, or one per
village and 核查项 with every household linked — through the 整改清单's own service. Findings whose
household already has an open task for the same 核查项 are skipped there, so nothing is listed twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.checks import Finding
from fupin_desktop.domain.tasks import Grouping
from fupin_desktop.services.rectification import (
    DEFAULT_DAYS,
    FindingAssignment,
    FindingTasks,
    tasks_from_findings,
    used_values,
)
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.rectification.task_dialog import choice_box, date_edit, pydate, text_box


class FindingTasksDialog(QDialog):
    """Asks how to group the findings and who answers for the tasks; `created` holds the outcome."""

    def __init__(self, ui: UiContext, findings: Sequence[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.findings = list(findings)
        self.created: FindingTasks | None = None
        self.setObjectName("findingTasksDialog")
        self.setWindowTitle("转入整改清单")
        households = len({f.household_id for f in self.findings})
        groups = len({(f.village, f.code) for f in self.findings})
        intro = QLabel(
            f"把选中的 {len(self.findings)} 条核查结果（{households} 户）转为整改任务，问题来源为“数据核查”，"
            "问题类别按核查项填写。这一户已有同一核查项的未销号任务的，不再重复新建。"
        )
        intro.setWordWrap(True)
        self.each = QRadioButton(f"每条核查结果一项任务（{len(self.findings)} 项）(&E)")
        self.each.setObjectName("groupEach")
        self.grouped = QRadioButton(f"同村同一核查项合为一项任务（{groups} 项）(&G)")
        self.grouped.setObjectName("groupByVillageRule")
        choice = QButtonGroup(self)
        choice.addButton(self.each)
        choice.addButton(self.grouped)
        (self.grouped if groups < len(self.findings) else self.each).setChecked(True)

        today = ui.ctx.today()
        used = used_values(ui.ctx)
        self.deadline = date_edit(today + timedelta(days=DEFAULT_DAYS), "taskDeadline")
        self.measures = text_box("taskMeasures", 3, "可留空，以后在整改清单中填写")
        self.leader = choice_box("taskLeader", used.leaders)
        self.lead_unit = choice_box("taskLeadUnit", used.lead_units)
        self.unit = choice_box("taskUnit", used.units)
        self.person = choice_box("taskPerson", used.persons)
        form = QFormLayout()
        form.addRow("整改时限(&D)：", self.deadline)
        form.addRow("整改措施(&M)：", self.measures)
        form.addRow("责任领导：", self.leader)
        form.addRow("牵头单位：", self.lead_unit)
        form.addRow("责任单位：", self.unit)
        form.addRow("责任人：", self.person)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("转入整改清单(&T)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.each)
        layout.addWidget(self.grouped)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 0)

    @property
    def grouping(self) -> Grouping:
        return Grouping.VILLAGE_RULE if self.grouped.isChecked() else Grouping.EACH

    def assignment(self) -> FindingAssignment:
        return FindingAssignment(
            deadline=pydate(self.deadline),
            measures=self.measures.toPlainText().strip(),
            leader=self.leader.currentText().strip(),
            lead_unit=self.lead_unit.currentText().strip(),
            unit=self.unit.currentText().strip(),
            person=self.person.currentText().strip(),
        )

    def accept(self) -> None:
        try:
            self.created = tasks_from_findings(
                self.ui.ctx, self.findings, grouping=self.grouping, assignment=self.assignment()
            )
        except Exception as exc:
            show_error(self, exc, title="未能转入整改清单")
            return
        self.ui.events.data_changed.emit("task")
        super().accept()


def outcome_text(created: FindingTasks) -> str:
    made = f"已新建整改任务 {len(created.task_ids)} 项"
    skipped = f"；{created.skipped} 条已有未销号的同类任务，未重复新建" if created.skipped else ""
    return f"{made}{skipped}。可在“整改清单”中查看和办理。"
