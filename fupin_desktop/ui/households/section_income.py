"""收支核算 per year: line items by category, live totals, 纯收入, 人均纯收入 against that year's
监测范围, the policy-transfer share, and the cost-ratio helper for 生产经营性支出."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.income import IncomeCategory, IncomeLine, IncomeSummary, summarize
from fupin_desktop.domain.records import IncomeYear
from fupin_desktop.services.households import HouseholdDraft
from fupin_desktop.ui.households.cost_helper import CostHelperDialog
from fupin_desktop.ui.households.fields import DateField, TextField
from fupin_desktop.ui.households.income_lines import (
    AMOUNT,
    CATEGORY,
    CATEGORY_ORDER,
    ITEM,
    NOTE,
    POLICY,
    IncomeLineDelegate,
    IncomeLinesModel,
)
from fupin_desktop.ui.households.section import EditorContext, Section

TOTALS = (
    ("wage", IncomeCategory.WAGE.value),
    ("business", IncomeCategory.BUSINESS.value),
    ("property", IncomeCategory.PROPERTY.value),
    ("transfer", IncomeCategory.TRANSFER.value),
    ("expense", f"减：{IncomeCategory.EXPENSE.value}"),
)
BELOW_STYLE = "color: #c62828; font-weight: bold;"
ABOVE_STYLE = "color: #2e7d32; font-weight: bold;"


def grouped(lines: tuple[IncomeLine, ...]) -> tuple[IncomeLine, ...]:
    """Lines in category order (工资性 … 合规自付), each category's lines as entered."""
    return tuple(sorted(lines, key=lambda x: CATEGORY_ORDER.index(IncomeCategory(x.category))))


def money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f} 元"


class IncomeSection(Section):
    title = "收支核算"

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.years: dict[int, IncomeYear] = {}
        self.year: int | None = None

        self.year_box = QComboBox()
        self.year_box.setObjectName("incomeYear")
        self.year_box.setMinimumContentsLength(8)
        self.add_year_button = QPushButton("新增年度…")
        self.add_year_button.setObjectName("addIncomeYear")
        self.remove_year_button = QPushButton("删除本年度")
        self.people = QSpinBox()
        self.people.setObjectName("incomePeopleOverride")
        self.people.setRange(0, 30)
        self.people.setToolTip("一般按在册人数计算；核算时人口不同（如年中有变动）可在此填写。")
        self.assessed_on = DateField()
        self.note = TextField()
        self.note.setPlaceholderText("本年度核算说明")
        top = QHBoxLayout()
        for label, widget in (
            ("年度", self.year_box),
            (None, self.add_year_button),
            (None, self.remove_year_button),
            ("家庭人口", self.people),
            ("核算日期", self.assessed_on),
        ):
            if label:
                top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)

        self.lines = IncomeLinesModel(self)
        self.table = QTableView()
        self.table.setObjectName("incomeLines")
        self.table.setModel(self.lines)
        self.table.setItemDelegate(IncomeLineDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        for column, width in ((CATEGORY, 116), (ITEM, 130), (AMOUNT, 100), (NOTE, 240), (POLICY, 86)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)

        self.add_button = QToolButton()
        self.add_button.setObjectName("addIncomeLine")
        self.add_button.setText("添加收支项")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for category in IncomeCategory:
            menu.addAction(category.value, lambda c=category: self.add_line(c))
        self.add_button.setMenu(menu)
        self.remove_button = QPushButton("删除所选项")
        self.cost_button = QPushButton("按成本比例估算支出…")
        self.cost_button.setObjectName("costHelperButton")
        line_buttons = QHBoxLayout()
        for widget in (self.add_button, self.remove_button, self.cost_button):
            line_buttons.addWidget(widget)
        line_buttons.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(line_buttons)
        left.addWidget(self.note)

        body = QHBoxLayout()
        totals = self._totals_box()
        totals.setFixedWidth(340)  # the rest goes to the line items and their 说明
        body.addLayout(left, 1)
        body.addWidget(totals)
        self.empty = QLabel("这一户还没有收支核算。点“新增年度…”开始录入。")
        self.empty.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addLayout(body, 1)

        self.year_box.currentIndexChanged.connect(self._year_chosen)
        self.add_year_button.clicked.connect(self.add_year)
        self.remove_year_button.clicked.connect(self.remove_year)
        self.remove_button.clicked.connect(self.remove_lines)
        self.cost_button.clicked.connect(self.estimate_expense)
        self.lines.edited.connect(self._edited)
        for signal in (self.people.valueChanged, self.assessed_on.changed, self.note.changed):
            signal.connect(self._edited)

    def _totals_box(self) -> QGroupBox:
        box = QGroupBox("核算结果")
        form = QFormLayout(box)
        self.total_labels: dict[str, QLabel] = {}

        def add(key: str, title: str) -> None:
            label = QLabel()
            label.setObjectName(f"income_{key}")
            self.total_labels[key] = label
            form.addRow(title, label)

        for key, title in TOTALS:
            add(key, title)
        add("net", "家庭纯收入")
        add("people", "家庭人口")
        add("per_capita", "人均纯收入")
        add("threshold", "当年监测范围")
        add("verdict", "对比")
        add("policy", "其中政策性转移收入")
        add("policy_share", "政策性收入占纯收入")
        add("claims", "理赔收入（不计入）")
        add("self_paid", "合规自付支出（不计入）")
        self.total_labels["net"].setStyleSheet("font-weight: bold;")
        self.total_labels["per_capita"].setStyleSheet("font-weight: bold;")
        return box

    # ------------------------------------------------------------ state

    def load(self, draft: HouseholdDraft) -> None:
        self.years = {y.year: replace(y, lines=grouped(y.lines)) for y in draft.record.incomes}
        self.year = None
        self._fill_years(max(self.years) if self.years else None)
        editable = self.context.can_edit
        self.lines.read_only = not editable
        for widget in (
            self.add_year_button,
            self.remove_year_button,
            self.add_button,
            self.remove_button,
            self.cost_button,
            self.people,
            self.assessed_on,
        ):
            widget.setEnabled(editable)
        self.note.setReadOnly(not editable)

    def apply(self, draft: HouseholdDraft) -> HouseholdDraft:
        self._store()
        incomes = tuple(self.years[y] for y in sorted(self.years))
        return replace(draft, record=replace(draft.record, incomes=incomes))

    def _store(self) -> None:
        """Keep the shown year's edits in `self.years`."""
        if self.year is None:
            return
        self.years[self.year] = replace(
            self.years[self.year],
            lines=tuple(self.lines.lines),
            people=self.people.value() or None,
            assessed_on=self.assessed_on.value(),
            note=self.note.value(),
        )

    def _fill_years(self, select: int | None) -> None:
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in sorted(self.years, reverse=True):
            self.year_box.addItem(f"{year} 年", year)
        self.year_box.blockSignals(False)
        self._show_year(select)
        if select is not None:
            self.year_box.setCurrentIndex(self.year_box.findData(select))

    def _year_chosen(self) -> None:
        self._store()
        self._show_year(self.year_box.currentData())

    def _show_year(self, year: int | None) -> None:
        self.year = year
        income = self.years.get(year) if year is not None else None
        widgets = (self.people, self.assessed_on, self.note)
        for widget in widgets:
            widget.blockSignals(True)
        self.lines.set_lines(income.lines if income else ())
        self.people.setValue(income.people or 0 if income else 0)
        self.assessed_on.set_value(income.assessed_on if income else None)
        self.note.set_value(income.note if income else None)
        for widget in widgets:
            widget.blockSignals(False)
        self.empty.setVisible(income is None)
        self.table.setEnabled(income is not None)
        self.remove_year_button.setEnabled(income is not None and self.context.can_edit)
        self.add_button.setEnabled(income is not None and self.context.can_edit)
        self._update_totals()

    def _edited(self) -> None:
        self._update_totals()
        self.changed.emit()

    def refresh(self) -> None:
        self._update_totals()  # the number of members 在册 may have changed

    # ------------------------------------------------------------ totals

    def summary(self) -> IncomeSummary | None:
        if self.year is None:
            return None
        record = self.context.current_record()
        people = self.people.value() or len(record.active_members)
        return summarize(self.year, people, self.lines.lines, record.thresholds.get(self.year))

    def _update_totals(self) -> None:
        s = self.summary()
        labels = self.total_labels
        active = len(self.context.current_record().active_members)
        self.people.setSpecialValueText(f"按在册人数（{active}人）")
        if s is None:
            for label in labels.values():
                label.setText("")
            return
        for key, _ in TOTALS:
            labels[key].setText(money(getattr(s, key)))
        labels["net"].setText(money(s.net))
        labels["people"].setText(f"{s.people} 人")
        labels["per_capita"].setText(money(s.per_capita))
        labels["threshold"].setText(
            money(s.threshold) if s.threshold else "未设置（请在设置中填写当年监测范围）"
        )
        if s.below_threshold is None:
            labels["verdict"].setText("—")
            labels["verdict"].setStyleSheet("")
        elif s.below_threshold:
            labels["verdict"].setText(f"低于监测范围 {s.threshold - s.per_capita:,.2f} 元")  # type: ignore[operator]
            labels["verdict"].setStyleSheet(BELOW_STYLE)
        else:
            labels["verdict"].setText(f"高于监测范围 {s.per_capita - s.threshold:,.2f} 元")  # type: ignore[operator]
            labels["verdict"].setStyleSheet(ABOVE_STYLE)
        labels["policy"].setText(money(s.policy_transfer))
        labels["policy_share"].setText("—" if s.policy_share is None else f"{s.policy_share:.1%}")
        labels["claims"].setText(money(s.claims))
        labels["self_paid"].setText(money(s.self_paid))

    # ------------------------------------------------------------ actions

    def add_year(self) -> None:
        default = max(self.years, default=self.context.today.year - 1) + 1
        year, ok = QInputDialog.getInt(
            self,
            "新增年度",
            "核算年度：",
            min(default, self.context.today.year),
            2014,
            self.context.today.year,
        )
        if not ok:
            return
        if year in self.years:
            self.year_box.setCurrentIndex(self.year_box.findData(year))
            return
        self._store()
        self.years[year] = IncomeYear(year=year, people=None, lines=(), assessed_on=self.context.today)
        self._fill_years(year)
        self.changed.emit()

    def remove_year(self) -> None:
        if self.year is None:
            return
        answer = QMessageBox.question(
            self, "删除本年度", f"删除 {self.year} 年的收支核算？保存后才会真正删除。"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        del self.years[self.year]
        self.year = None
        self._fill_years(max(self.years) if self.years else None)
        self.changed.emit()

    def add_line(self, category: IncomeCategory) -> None:
        row = self.lines.add(category)
        self.table.setCurrentIndex(self.lines.index(row, AMOUNT))
        self.table.edit(self.lines.index(row, AMOUNT))

    def remove_lines(self) -> None:
        self.lines.remove([index.row() for index in self.table.selectionModel().selectedRows()])

    def estimate_expense(self) -> None:
        business = [x for x in self.lines.lines if x.category == IncomeCategory.BUSINESS]
        dialog = CostHelperDialog(self.context.settings.cost_ratios, business, self)
        if dialog.exec():
            self.lines.replace_category(IncomeCategory.EXPENSE, dialog.lines())
