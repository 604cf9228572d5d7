"""Pairing from either side: pick households for a helper (HouseholdPickerDialog), or choose a helper
for households (HelperChooserDialog). Both save with `assign_households`: households that have another
helper are reassigned, their old pairing ending the day before the new start (history stays)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import UserError
from fupin_desktop.services.assignments import (
    PAIRING_ROLE,
    AssignResult,
    HelperFilter,
    HelperRow,
    HouseholdChoice,
    HouseholdFilter,
    assign_households,
    find_households,
    list_helpers,
)
from fupin_desktop.services.register import VillageRow
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.assignments.helpers_page import HELPER_COLUMNS
from fupin_desktop.ui.assignments.models import Column, RowsModel
from fupin_desktop.ui.assignments.widgets import (
    date_edit,
    day_of,
    reason_combo,
    select_data,
    selected_rows,
    table_view,
    village_combo,
)
from fupin_desktop.ui.dialogs import show_error

SEARCH_DELAY_MS = 250
ALL_GROUPS = "全部组"

PICK_COLUMNS: list[Column[HouseholdChoice]] = [
    Column("村", lambda h: h.village),
    Column("组", lambda h: h.group or ""),
    Column("户主", lambda h: h.head),
    Column("户编号", lambda h: h.number),
    Column("人口", lambda h: h.people),
    Column("户类型", lambda h: h.household_type or ""),
    Column("监测对象类别", lambda h: h.monitor_category or ""),
    Column("现帮扶人", lambda h: h.helper or "未结对", alert=lambda h: h.helper is None),
]


class _AssignDialog(QDialog):
    """What both dialogs share: 开始日期, the reason an old pairing ends, OK → assign."""

    def __init__(self, parent: QWidget | None, ui: UiContext, title: str) -> None:
        super().__init__(parent)
        self.ui = ui
        self.result_: AssignResult | None = None
        self.done_message = ""
        self.kept_helper: int | None = None
        self.setWindowTitle(title)
        self.start = date_edit(ui.ctx.today(), self)
        self.reason = reason_combo(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("结对(&S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def footer(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("结对开始日期(&D)：", self.start)
        form.addRow("原结对结束原因(&Y)：", self.reason)
        return box

    def assign(self, helper_id: int, households: list[HouseholdChoice]) -> bool:
        try:
            self.result_ = assign_households(
                self.ui.ctx,
                helper_id,
                [h.id for h in households],
                start=day_of(self.start),
                reason=self.reason.currentText(),
                expected={h.id: h.helper_id for h in households},  # as listed: a change meanwhile is refused
            )
        except UserError as exc:
            show_error(self, exc, title="未结对")
            return False
        result = self.result_
        moved = f"（其中改派 {result.reassigned} 户）" if result.reassigned else ""
        self.done_message = f"{result.helper}已结对 {result.paired} 户{moved}。"
        return True


class HouseholdPickerDialog(_AssignDialog):
    """添加结对户: households from a filtered list (默认只看未结对) for one helper."""

    def __init__(
        self,
        parent: QWidget | None,
        ui: UiContext,
        helper: HelperRow,
        villages: list[VillageRow],
        village_id: int | None,
        limit: int,
    ) -> None:
        super().__init__(parent, ui, f"为 {helper.name} 添加结对户")
        self.setObjectName("householdPicker")
        self.helper = helper
        self.limit = limit
        self.villages = villages
        self.village = village_combo(villages, self)
        self.group = QComboBox(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("户编号、家庭成员姓名或现帮扶人")
        self.search.setClearButtonEnabled(True)
        self.unpaired_only = QCheckBox("只看未结对(&W)", self)
        self.unpaired_only.setChecked(True)
        self.monitored_only = QCheckBox("只看监测对象(&J)", self)
        self.model = RowsModel(PICK_COLUMNS, self)
        self.view = table_view(self.model, "pickTable", multi=True)
        self.view.selectionModel().selectionChanged.connect(self._summarize)
        self.view.doubleClicked.connect(self.accept)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("村：", self))
        filters.addWidget(self.village)
        filters.addWidget(QLabel("组：", self))
        filters.addWidget(self.group)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.unpaired_only)
        filters.addWidget(self.monitored_only)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.footer())
        layout.addWidget(self.buttons)
        self.resize(980, 620)

        select_data(self.village, village_id)
        self._fill_groups()
        self.village.currentIndexChanged.connect(self._village_changed)
        self.group.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.unpaired_only.toggled.connect(self.reload)
        self.monitored_only.toggled.connect(self.reload)
        self.reload()

    def _fill_groups(self) -> None:
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(ALL_GROUPS, None)
        row = next((v for v in self.villages if v.id == self.village.currentData()), None)
        for gid, name in row.groups if row else ():
            self.group.addItem(name, gid)
        self.group.setEnabled(row is not None)
        self.group.blockSignals(False)

    def _village_changed(self) -> None:
        self._fill_groups()
        self.reload()

    def reload(self) -> None:
        query = HouseholdFilter(
            village_id=self.village.currentData(),
            group_id=self.group.currentData(),
            search=self.search.text(),
            unpaired_only=self.unpaired_only.isChecked(),
            monitored_only=self.monitored_only.isChecked(),
        )
        self.model.set_rows([h for h in find_households(self.ui.ctx, query) if h.helper_id != self.helper.id])
        self.view.resizeColumnsToContents()
        self._summarize()

    def chosen(self) -> list[HouseholdChoice]:
        return [self.model.rows[r] for r in selected_rows(self.view)]

    def _summarize(self) -> None:
        chosen = self.chosen()
        moving = sum(1 for h in chosen if h.helper_id is not None)
        after = self.helper.load + len(chosen)
        text = f"共 {len(self.model.rows)} 户，已选 {len(chosen)} 户"
        if moving:
            text += f"（其中 {moving} 户已有帮扶人，将改派：原结对结束，历史保留）"
        text += f"。结对后 {self.helper.name} 共 {after} 户，上限 {self.limit} 户。"
        if after > self.limit:
            text += " 超过上限，请少选几户。"
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if after > self.limit else "")
        self.ok.setEnabled(bool(chosen) and after <= self.limit)
        self.reason.setEnabled(moving > 0)

    def accept(self) -> None:
        chosen = self.chosen()
        if chosen and self.assign(self.helper.id, chosen):
            super().accept()


class HelperChooserDialog(_AssignDialog):
    """分配给 / 改派给: one helper for the chosen households, from the village's helpers or all."""

    def __init__(
        self,
        parent: QWidget | None,
        ui: UiContext,
        households: list[HouseholdChoice],
        limit: int,
        *,
        exclude: int | None = None,
    ) -> None:
        moving = any(h.helper_id is not None for h in households)
        super().__init__(parent, ui, f"{'改派' if moving else '分配'} {len(households)} 户给帮扶人")
        self.setObjectName("helperChooser")
        self.households = households
        self.limit = limit
        self.exclude = exclude
        villages = {h.village_id for h in households}
        self.village_id = villages.pop() if len(villages) == 1 else None
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("姓名、单位、职务或电话")
        self.search.setClearButtonEnabled(True)
        self.village_only = QCheckBox("只看本村的帮扶人(&B)", self)
        self.village_only.setChecked(self.village_id is not None)
        self.village_only.setEnabled(self.village_id is not None)
        self.model = RowsModel(HELPER_COLUMNS, self)
        self.view = table_view(self.model, "chooseHelperTable")
        self.view.selectionModel().selectionChanged.connect(self._summarize)
        self.view.doubleClicked.connect(self.accept)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.village_only.toggled.connect(self.reload)

        names = "、".join(h.head for h in households[:6]) + (
            f" 等 {len(households)} 户" if len(households) > 6 else ""
        )
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.village_only)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"要结对的农户：{names}", self))
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.footer())
        layout.addWidget(self.buttons)
        self.reason.setEnabled(moving)
        self.resize(860, 560)
        self.reload()

    def reload(self) -> None:
        query = HelperFilter(
            search=self.search.text(), village_id=self.village_id if self.village_only.isChecked() else None
        )
        rows = [h for h in list_helpers(self.ui.ctx, query) if h.id != self.exclude]
        # 帮扶责任人 with room first, the least loaded first
        rows.sort(key=lambda h: (h.role != PAIRING_ROLE, h.load >= self.limit, h.load))
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self._summarize()

    def chosen(self) -> HelperRow | None:
        rows = selected_rows(self.view)
        return self.model.rows[rows[0]] if rows else None

    def _summarize(self) -> None:
        helper = self.chosen()
        if helper is None:
            self.summary.setText(
                f"共 {len(self.model.rows)} 名帮扶人，选择一名（有空余的帮扶责任人排在前面）。"
            )
            self.summary.setStyleSheet("")
            self.ok.setEnabled(False)
            return
        adding = sum(1 for h in self.households if h.helper_id != helper.id)
        after = helper.load + adding
        text = f"结对后 {helper.name} 共 {after} 户，上限 {self.limit} 户。"
        if after > self.limit:
            text += " 超过上限，请选择其他帮扶人，或少选几户。"
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if after > self.limit else "")
        self.ok.setEnabled(after <= self.limit)

    def accept(self) -> None:
        helper = self.chosen()
        if helper is not None and self.assign(helper.id, self.households):
            super().accept()
