"""核查结果: the findings of the last run — counts by rule and by village on the left, filters and the
table on the right, the selected finding's details and fix hint below; open the household at the right
section (双击 / Enter), mark findings 已核实无误, turn them into rectification tasks (转入整改清单)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.checks import RULES, Finding, Severity
from fupin_desktop.services.checks import CheckResult, clear_reviews, mark_reviewed
from fupin_desktop.services.context import Permission
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.checks.models import FINDING_COLUMNS, FindingRow, finding_model
from fupin_desktop.ui.checks.review_dialog import ReviewDialog
from fupin_desktop.ui.checks.task_dialog import FindingTasksDialog, outcome_text
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.flow_layout import FlowLayout

ALL = ""
BY_RULE, BY_VILLAGE = "rule", "village"
THEME = "theme:"  # a filter key naming a theme (a rule's group) rather than one rule

Opener = Callable[[int, str], None]


class FindingsView(QWidget):
    """Emits `reviews_changed` after marks were added or taken back (the tab's status line counts)."""

    reviews_changed = Signal()

    def __init__(self, ui: UiContext, open_household: Opener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.open_household = open_household
        self.result: CheckResult | None = None
        self.rows: list[FindingRow] = []
        self.model = finding_model(self)

        self.summary = QTreeWidget()
        self.summary.setObjectName("checkSummary")
        self.summary.setHeaderLabels(["分组", "条数", "户数"])
        self.summary.setRootIsDecorated(True)
        self.summary.setUniformRowHeights(True)
        self.summary.setMinimumWidth(340)  # room for the longest rule title with its counts
        header = self.summary.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.summary.itemSelectionChanged.connect(self._summary_chosen)

        self.severity = self._combo("severityFilter")
        self.rule = self._combo("ruleFilter")
        self.village = self._combo("villageFilter")
        self.search = QLineEdit()
        self.search.setObjectName("findingSearch")
        self.search.setPlaceholderText("户编号、户主、成员或问题（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(self.apply_filters)
        self.rule.setMaximumWidth(260)
        self.show_reviewed = QCheckBox("显示已核实无误的")
        self.show_reviewed.setObjectName("showReviewed")
        self.show_reviewed.toggled.connect(self.apply_filters)
        self.count = QLabel()
        self.count.setObjectName("findingCount")

        self.table = self._build_table()
        self.detail = QLabel()
        self.detail.setObjectName("findingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = self._button("openFindingButton", "打开农户(&O)", self.open_current)
        self.review_button = self._button("reviewButton", "已核实无误(&K)…", self.review_selected)
        self.unreview_button = self._button("unreviewButton", "撤销核实(&U)", self.unreview_selected)
        self.task_button = self._button("toTasksButton", "转入整改清单(&T)…", self.to_tasks)

        self._layout()
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self._update_buttons()

    # ------------------------------------------------------------ building

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("findingTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # errors first; within a severity, household by household as the run found them (a stable sort)
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        for n, column in enumerate(FINDING_COLUMNS):
            table.setColumnWidth(n, column.width)
        header.setSectionResizeMode(len(FINDING_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda _index: self.open_current())
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        enter_opens(table, self.open_current)
        return table

    def _layout(self) -> None:
        filters = FlowLayout()  # wraps at 125–150 % display scaling instead of widening the window
        for label, widget in (("严重程度", self.severity), ("核查项", self.rule), ("村", self.village)):
            pair = QWidget()
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(f"{label}：")
            caption.setBuddy(widget)
            pair_layout.addWidget(caption)
            pair_layout.addWidget(widget)
            filters.addWidget(pair)
        filters.addWidget(self.search)
        shown = QHBoxLayout()  # a row of its own: beside the filters it squeezed them at 1366 pixels
        shown.addWidget(self.show_reviewed)
        shown.addStretch(1)
        shown.addWidget(self.count)

        self.buttons = QHBoxLayout()
        for button in (self.open_button, self.review_button, self.unreview_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.task_button)
        box = QGroupBox("详情")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.detail, 1)
        box_layout.addLayout(self.buttons)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addLayout(shown)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.table)
        right_split.addWidget(box)
        right_split.setStretchFactor(0, 3)
        right_split.setStretchFactor(1, 1)
        right_layout.addWidget(right_split, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.summary)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    # ------------------------------------------------------------ results

    def set_result(self, result: CheckResult) -> None:
        """Show a new run's findings (filters kept where they still apply)."""
        self.result = result
        self.rows = [FindingRow(f, stale=result.stale.get(f.key())) for f in result.findings]
        self.rows += [FindingRow(r.finding, review=r.review) for r in result.reviewed]
        rank = {code: n for n, code in enumerate(RULES)}
        self.rows.sort(key=lambda r: (result.order.get(r.finding.household_id or 0, 0), rank[r.finding.code]))
        self._fill_filters()
        self._fill_summary()
        self.apply_filters()

    def _fill_filters(self) -> None:
        assert self.result is not None
        rules: list[tuple[str, str]] = [(ALL, "全部")]
        for theme, groups in self.result.by_theme():
            rules.append((THEME + theme, f"【{theme}】"))
            rules += [(g.key, f"　{g.label}") for g in groups]
        choices = {
            self.severity: [(ALL, "全部")] + [(s.value, s.value) for s in Severity],
            self.rule: rules,
            self.village: [(ALL, "全部")] + [(g.key, g.label) for g in self.result.by_village()],
        }
        for combo, items in choices.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for key, label in items:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _fill_summary(self) -> None:
        assert self.result is not None
        result = self.result
        self.summary.blockSignals(True)
        self.summary.clear()
        by_rule = QTreeWidgetItem(["按核查项", str(len(result.findings)), ""])
        by_rule.setData(0, Qt.ItemDataRole.UserRole, (BY_RULE, ALL))
        for theme, groups in result.by_theme():
            households = len({f.household_id for f in result.findings if f.definition.group == theme})
            node = _summary_item(theme, sum(g.findings for g in groups), households, (BY_RULE, THEME + theme))
            node.setToolTip(0, f"{theme}：{len(groups)} 个核查项发现问题")
            for g in groups:
                rule = RULES[g.key]
                child = _summary_item(f"{g.severity}｜{g.label}", g.findings, g.households, (BY_RULE, g.key))
                child.setToolTip(0, f"{g.label}：{rule.hint}\n依据：{rule.source}")
                node.addChild(child)
            by_rule.addChild(node)
        by_village = QTreeWidgetItem(["按村", str(len(result.findings)), ""])
        by_village.setData(0, Qt.ItemDataRole.UserRole, (BY_VILLAGE, ALL))
        for g in result.by_village():
            by_village.addChild(_summary_item(g.label, g.findings, g.households, (BY_VILLAGE, g.key)))
        for top in (by_rule, by_village):
            self.summary.addTopLevelItem(top)
            top.setExpanded(True)  # the themes folded: thirteen lines with their counts, opened on demand
        self.summary.blockSignals(False)

    def _summary_chosen(self) -> None:
        items = self.summary.selectedItems()
        if not items:
            return
        kind, key = items[0].data(0, Qt.ItemDataRole.UserRole)
        if key.startswith(THEME):
            items[0].setExpanded(True)  # a theme chosen shows its rules
        combo = self.rule if kind == BY_RULE else self.village
        combo.setCurrentIndex(max(combo.findData(key), 0))

    # ------------------------------------------------------------ filtering

    def visible_rows(self) -> list[FindingRow]:
        severity, rule, village = (
            self.severity.currentData(),
            self.rule.currentData(),
            self.village.currentData(),
        )
        words = self.search.text().strip()
        reviewed = self.show_reviewed.isChecked()
        out = []
        for row in self.rows:
            f = row.finding
            if row.review and not reviewed:
                continue
            if (
                (severity and f.severity != severity)
                or (rule and not _matches(f, rule))
                or (village and f.village != village)
            ):
                continue
            if words and words not in f"{f.household} {f.head} {f.member} {f.message}":
                continue
            out.append(row)
        return out

    def apply_filters(self) -> None:
        keep = {r.finding.key() for r in self.selected_rows()}
        rows = self.visible_rows()
        self.model.set_items(rows)
        reviewed = sum(1 for r in self.rows if r.review)
        total = len(self.rows) - reviewed
        self.count.setText(f"显示 {len(rows)} 条（问题共 {total} 条，已核实无误 {reviewed} 条）")
        self._reselect(keep)
        self._show_detail()
        self._update_buttons()

    def _reselect(self, keys: set[tuple]) -> None:
        selection = self.table.selectionModel()
        first = None
        for n, row in enumerate(self.model.items):
            if row.finding.key() in keys:
                first = n if first is None else first
                selection.select(
                    self.model.index(n, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )
        if first is not None:
            self.table.setCurrentIndex(self.model.index(first, 0))
        elif self.model.items:
            self.table.selectRow(0)

    # ------------------------------------------------------------ the selection

    def selected_rows(self) -> list[FindingRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.item(r) for r in rows if r < len(self.model.items)]

    def selected_findings(self, *, open_only: bool = False) -> list[Finding]:
        return [r.finding for r in self.selected_rows() if not (open_only and r.review)]

    def current_row(self) -> FindingRow | None:
        index = self.table.currentIndex()
        return (
            self.model.item(index.row()) if index.isValid() and index.row() < len(self.model.items) else None
        )

    def _show_detail(self) -> None:
        row = self.current_row()
        self.detail.setText(detail_html(row) if row else "")

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        can_edit = self.ui.ctx.actor.can(Permission.EDIT)
        self.open_button.setEnabled(self.current_row() is not None)
        self.review_button.setEnabled(can_edit and any(not r.review for r in rows))
        self.unreview_button.setEnabled(can_edit and any(r.review for r in rows))
        if not can_edit:
            for button in (self.review_button, self.unreview_button):
                button.setToolTip(f"当前用户没有“{Permission.EDIT}”的权限")
        can_task = self.ui.ctx.actor.can(Permission.EDIT_TASKS)
        self.task_button.setEnabled(can_task and any(not r.review for r in rows))
        self.task_button.setToolTip(
            "把选中的核查结果转为整改任务（问题来源：数据核查）"
            if can_task
            else f"当前用户没有“{Permission.EDIT_TASKS}”的权限"
        )

    # ------------------------------------------------------------ actions

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None and row.finding.household_id is not None:
            self.open_household(row.finding.household_id, row.finding.section)

    def review_selected(self) -> None:
        findings = self.selected_findings(open_only=True)
        if not findings or self.result is None:
            return
        dialog = ReviewDialog(findings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            review = mark_reviewed(self.ui.ctx, findings, dialog.text())
        except Exception as exc:
            show_error(self, exc, title="未能标记")
            return
        self._apply(self.result.with_reviews(findings, review))
        self.ui.events.status_message.emit(f"已将 {len(findings)} 条核查结果标记为已核实无误。")

    def unreview_selected(self) -> None:
        findings = [r.finding for r in self.selected_rows() if r.review]
        if not findings or self.result is None:
            return
        try:
            clear_reviews(self.ui.ctx, findings)
        except Exception as exc:
            show_error(self, exc, title="未能撤销")
            return
        self._apply(self.result.with_reviews(findings, None))
        self.ui.events.status_message.emit(f"已撤销 {len(findings)} 条核查结果的核实标记。")

    def to_tasks(self) -> None:
        findings = self.selected_findings(open_only=True)
        if not findings:
            return
        dialog = FindingTasksDialog(self.ui, findings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        text = outcome_text(dialog.created)
        self.ui.events.status_message.emit(text)
        QMessageBox.information(self, "转入整改清单", text)

    def _apply(self, result: CheckResult) -> None:
        self.set_result(result)
        self.reviews_changed.emit()


def _matches(f: Finding, key: str) -> bool:
    return f.definition.group == key.removeprefix(THEME) if key.startswith(THEME) else f.code == key


def _summary_item(label: str, findings: int, households: int, data: tuple[str, str]) -> QTreeWidgetItem:
    item = QTreeWidgetItem([label, str(findings), str(households)])
    item.setData(0, Qt.ItemDataRole.UserRole, data)
    for column in (1, 2):
        item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def detail_html(row: FindingRow) -> str:
    f = row.finding
    who = f"{f.village}{f.group}　户编号 {f.household}　户主 {f.head or '（未设户主）'}"
    if f.member:
        who += f"　成员 {f.member}"
    lines = [
        f"<b>{escape(f.severity.value)}｜{escape(f.rule_title)}</b>",
        escape(who),
        f"问题：{escape(f.message)}",
        f"<b>怎么改：</b>{escape(f.hint)}",
        f"在哪里改：户籍管理 → {escape(f.section)}"
        + (f"（{escape(f.field_label)}）" if f.field and f.field_label != f.section else ""),
        f"<span style='color:#555'>依据：{escape(f.source)}</span>",
    ]
    if row.review:
        r = row.review
        lines.append(
            f"已于 {r.reviewed_at:%Y-%m-%d %H:%M} 由 {escape(r.reviewed_by)} 核实无误：{escape(r.note)}"
        )
    elif row.stale:
        r = row.stale
        lines.append(
            f"<span style='color:#9a4a00'>此前于 {r.reviewed_at:%Y-%m-%d} 由 {escape(r.reviewed_by)} 核实无误"
            f"（{escape(r.note)}），之后这一户的数据有改动，请重新核实。</span>"
        )
    return "<br>".join(lines)


def enter_opens(table: QWidget, slot: Callable[[], object]) -> None:
    """Enter (either key) on the table — and only there, not in the search box — calls `slot`.

    The context is set on the shortcut afterwards: PySide6 ignores `context=` when the constructor is
    given a Python callable, and the shortcut would fire anywhere in the window.
    """
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(key), table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)
