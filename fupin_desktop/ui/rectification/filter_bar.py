"""Above the task table: the working views (新增问题 / 推进中 / 已办结销号, and 已作废 — the only view
that shows voided tasks) with counts, the colour badges (click to show only that colour), and the
filters by status, source, category, unit, village and text. Typing applies after a pause (or on
Enter); everything else at once. Views and badges take Alt+1…Alt+9, in the order shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.tasks import COLOUR_ORDER, STATUSES, Colour, TaskView
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.rectification import TaskList, TaskQuery, used_values
from fupin_desktop.services.register import code_lists, villages
from fupin_desktop.ui.filter_combos import TYPING_PAUSE_MS, filter_combo, refill
from fupin_desktop.ui.flow_layout import FlowLayout
from fupin_desktop.ui.rectification.colours import badge_style, dot_icon


class TaskFilterBar(QWidget):
    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view_buttons: dict[TaskView, QToolButton] = {}
        self.letters = {key: str(n) for n, key in enumerate([*TaskView, *COLOUR_ORDER], start=1)}
        self.badges: dict[Colour, QToolButton] = {}
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self._views_and_badges())
        layout.addLayout(self._filters())
        self.reload_choices()

    # ------------------------------------------------------------ building

    def _views_and_badges(self) -> FlowLayout:
        row = FlowLayout(spacing=4)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for view in TaskView:
            button = QToolButton()
            button.setObjectName(f"view_{view.name.lower()}")
            button.setCheckable(True)
            button.setProperty("role", "view")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            if view is TaskView.VOID:
                button.setToolTip("作废的任务：保留记录，不计入其他视图、统计、预警和清单")
            group.addButton(button)
            self.view_buttons[view] = button
            row.addWidget(button)
        self.view_buttons[TaskView.ALL].setChecked(True)
        group.buttonToggled.connect(lambda _b, checked: checked and self.changed.emit())
        row.addSpacing(24)
        caption = QLabel("预警：")
        caption.setProperty("role", "hint")
        row.addWidget(caption)
        for colour in COLOUR_ORDER:
            badge = QToolButton()
            badge.setObjectName(f"badge_{colour.value}")
            badge.setCheckable(True)
            badge.setIcon(dot_icon(colour))
            badge.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            badge.setStyleSheet(badge_style(colour))
            badge.setToolTip(f"只看{colour.label}（再点一次取消）")
            badge.toggled.connect(lambda _checked: self.changed.emit())
            self.badges[colour] = badge
            row.addWidget(badge)
        self.set_counts(None)
        return row

    def _filters(self) -> FlowLayout:
        row = FlowLayout(spacing=6)
        self.search = QLineEdit()
        self.search.setObjectName("taskSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("查找：问题表现、涉及村户、户主、户编号、责任人…")
        self.search.setMinimumWidth(260)
        self.search.textEdited.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self._apply_typing_now)
        self.status = filter_combo("filterStatus", "全部状态", 6)
        for status in STATUSES:
            self.status.addItem(status.value, status.value)
        self.source = filter_combo("filterSource", "全部来源", 9)
        self.category = filter_combo("filterCategory", "全部类别", 6)
        self.unit = filter_combo("filterUnit", "全部责任单位", 9)
        self.village = filter_combo("filterVillage", "全部村", 6)
        for combo in (self.status, self.source, self.category, self.unit, self.village):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.clear_button = QPushButton("清除筛选(&C)")
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.search)
        for combo in (self.status, self.source, self.category, self.unit, self.village):
            row.addWidget(combo)
        row.addWidget(self.clear_button)
        return row

    # ------------------------------------------------------------ state

    def reload_choices(self) -> None:
        """Refill the drop-downs (code lists, units in use, villages) keeping the current choices."""
        codes = code_lists(self.ctx)
        refill(self.source, [(v, v) for v in codes.values.get("问题来源", ())])
        refill(self.category, [(v, v) for v in codes.values.get("问题类别", ())])
        refill(self.unit, [(u, u) for u in used_values(self.ctx).units])
        refill(self.village, [(v.name, v.id) for v in villages(self.ctx)])

    def query(self) -> TaskQuery:
        view = next(v for v, b in self.view_buttons.items() if b.isChecked())
        status = self.status.currentData()
        return TaskQuery(
            view=view,
            statuses=(status,) if status else (),
            colours=tuple(c for c, b in self.badges.items() if b.isChecked()),
            source=self.source.currentData() or "",
            category=self.category.currentData() or "",
            unit=self.unit.currentData() or "",
            village_id=self.village.currentData(),
            text=self.search.text().strip(),
        )

    def set_counts(self, tasks: TaskList | None) -> None:
        for view, button in self.view_buttons.items():
            n = tasks.view_counts.get(view, 0) if tasks else 0
            button.setText(f"{view.value}(&{self.letters[view]}) {n}")
        for colour, badge in self.badges.items():
            n = tasks.colour_counts.get(colour, 0) if tasks else 0
            badge.setText(f"{colour.label}(&{self.letters[colour]}) {n}")

    def clear(self) -> None:
        """Back to 全部 with no filter (one refresh, not one per widget)."""
        widgets = [self.search, self.status, self.source, self.category, self.unit, self.village]
        for w in [*widgets, *self.badges.values(), *self.view_buttons.values()]:
            w.blockSignals(True)
        self.search.clear()
        for combo in widgets[1:]:
            combo.setCurrentIndex(0)  # type: ignore[attr-defined]
        for badge in self.badges.values():
            badge.setChecked(False)
        self.view_buttons[TaskView.ALL].setChecked(True)
        for w in [*widgets, *self.badges.values(), *self.view_buttons.values()]:
            w.blockSignals(False)
        self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _apply_typing_now(self) -> None:
        self._typing.stop()
        self.changed.emit()
