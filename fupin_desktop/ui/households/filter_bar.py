"""Search box and filters above the household table. Typing applies after a pause (or on Enter);
every other filter applies at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.households import HouseholdQuery, RiskStatus, helper_choices
from fupin_desktop.services.printing import looks_like_card
from fupin_desktop.services.register import VillageRow, code_lists, villages
from fupin_desktop.ui.filter_combos import TYPING_PAUSE_MS, filter_combo, refill
from fupin_desktop.ui.flow_layout import FlowLayout


class HelperCombo(QComboBox):
    """帮扶责任人 filter: type part of a name; the list (thousands at county scale) loads on first use."""

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.stale = True
        self.setObjectName("filterHelper")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("全部帮扶责任人", None)
        self.setMinimumContentsLength(11)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lineEdit().setPlaceholderText("全部帮扶责任人")
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def load(self) -> None:
        if self.stale:
            refill(self, [(h.label, h.id) for h in helper_choices(self.ctx)])
            self.stale = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.load()
        super().focusInEvent(event)

    def showPopup(self) -> None:
        self.load()
        super().showPopup()

    def helper_id(self) -> int | None:
        if self.currentIndex() <= 0 or self.currentText() != self.itemText(self.currentIndex()):
            return None
        return self.currentData()


class FilterBar(QWidget):
    changed = Signal()
    submitted = Signal()  # Enter in the search box: the search has run, the clerk wants its result
    leave_down = Signal()  # Down in the search box: go to the table
    card_scanned = Signal(str)  # Enter after a 明白卡's QR text (a USB scanner types it): not a search
    photo_requested = Signal()  # 扫描照片…: a phone photo of a card's QR code instead of a scanner

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setObjectName("householdSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("查找：户编号、姓名、证件号码（或后4–8位）、电话　(Ctrl+F)")
        self.search.setMinimumWidth(420)
        self.clear_button = QPushButton("清除筛选(&R)")
        self.clear_button.setObjectName("clearFilters")
        self.photo_button = QPushButton("扫描照片(&S)…")
        self.photo_button.setObjectName("scanCardPhoto")
        self.photo_button.setToolTip("打开用手机拍的明白卡二维码照片：打开这一户，并说明张贴的卡是否最新")

        self.village = filter_combo("filterVillage", "全部村", 6)
        self.group = filter_combo("filterGroup", "全部组", 5)
        self.household_type = filter_combo("filterType", "全部户类型", 8)
        self.category = filter_combo("filterCategory", "全部监测类别", 9)
        self.risk = filter_combo("filterRisk", "全部风险状态", 9)
        for status in RiskStatus:
            self.risk.addItem(status.value, status)
        self.helper = HelperCombo(ctx)
        self.below = QCheckBox("收入低于监测范围(&B)")
        self.below.setObjectName("filterBelow")
        self.unpaired = QCheckBox("未结对(&W)")
        self.unpaired.setObjectName("filterUnpaired")
        self.archived = QCheckBox("已归档(&G)")
        self.archived.setObjectName("filterArchived")
        self.archived.setToolTip("只看已归档（自然减少）的户，可在这里恢复")
        self.villages: list[VillageRow] = []
        self.reload_choices()

        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(self.search, 1)
        first.addWidget(self.photo_button)
        first.addWidget(self.clear_button)
        second = FlowLayout()  # wraps at 125–150 % display scaling instead of widening the window
        for widget in (self.village, self.group, self.household_type, self.category, self.risk, self.helper):
            second.addWidget(widget)
        for widget in (self.below, self.unpaired, self.archived):
            second.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(self._typed)
        self.search.textEdited.connect(lambda _text: self.typing.start())
        self.search.returnPressed.connect(self._entered)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the search box has the focus
        down.activated.connect(self.leave_down)
        self.search.textChanged.connect(self._cleared)
        self.village.currentIndexChanged.connect(self._village_changed)
        for combo in (self.group, self.household_type, self.category, self.risk):
            combo.currentIndexChanged.connect(self.changed)
        self.helper.activated.connect(lambda _i: self.changed.emit())
        self.helper.lineEdit().editingFinished.connect(self._helper_typed)
        for box in (self.below, self.unpaired, self.archived):
            box.toggled.connect(self.changed)
        self.clear_button.clicked.connect(self.clear)
        self.photo_button.clicked.connect(self.photo_requested)
        self.group.setEnabled(False)

    def reload_choices(self) -> None:
        """Villages and code lists (again after they were edited)."""
        codes = code_lists(self.ctx).values
        self.villages = villages(self.ctx)
        refill(self.village, [(v.name, v.id) for v in self.villages])
        refill(self.household_type, [(v, v) for v in codes.get("户类型", ())])
        refill(self.category, [(v, v) for v in codes.get("监测对象类别", ())])
        self.helper.stale = True

    def _village_changed(self) -> None:
        village = next((v for v in self.villages if v.id == self.village.currentData()), None)
        refill(self.group, [(name, gid) for gid, name in (village.groups if village else ())])
        self.group.setEnabled(village is not None)
        self.changed.emit()

    def _typed(self) -> None:
        if not looks_like_card(self.search.text()):  # a scanner still typing a card's code
            self.changed.emit()

    def _entered(self) -> None:
        text = self.search.text()
        if looks_like_card(text):
            self.typing.stop()
            self.search.blockSignals(True)
            self.search.clear()  # the next scan starts on an empty box; the table keeps its filter
            self.search.blockSignals(False)
            self.card_scanned.emit(text.strip())
            return
        self.apply_now()
        self.submitted.emit()

    def _cleared(self, text: str) -> None:
        if not text:  # the clear button: no need to wait
            self.apply_now()

    def _helper_typed(self) -> None:
        if not self.helper.currentText().strip():
            self.helper.setCurrentIndex(0)
        self.changed.emit()

    def apply_now(self) -> None:
        self.typing.stop()
        self.changed.emit()

    def clear(self) -> None:
        widgets = (
            self.search,
            self.village,
            self.group,
            self.household_type,
            self.category,
            self.risk,
            self.helper,
            self.below,
            self.unpaired,
            self.archived,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.village, self.group, self.household_type, self.category, self.risk, self.helper):
            combo.setCurrentIndex(0)
        for box in (self.below, self.unpaired, self.archived):
            box.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.group.setEnabled(False)
        self.apply_now()

    def query(self, base: HouseholdQuery) -> HouseholdQuery:
        """`base` (its sort) with the filters as they are now."""
        return HouseholdQuery(
            text=self.search.text(),
            village_id=self.village.currentData(),
            group_id=self.group.currentData(),
            household_type=self.household_type.currentData(),
            monitor_category=self.category.currentData(),
            risk_status=self.risk.currentData(),
            helper_id=self.helper.helper_id(),
            below_threshold=self.below.isChecked(),
            unpaired=self.unpaired.isChecked(),
            archived=self.archived.isChecked(),
            sort=base.sort,
            descending=base.descending,
        )
