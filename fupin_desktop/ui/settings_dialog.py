"""文件 → 设置…: the settings that travel with the data and the 监测范围 table, saved together.

Everything is checked before anything is written; problems are listed in the dialog and nothing is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import EditConflict, UserError
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register import (
    HOTLINE_LIMIT,
    NAME_LIMIT,
    ThresholdRow,
    get_settings,
    list_thresholds,
    save_settings_and_thresholds,
)
from fupin_desktop.settings import Settings
from fupin_desktop.ui.dialogs import save_cancel_buttons, show_error
from fupin_desktop.ui.edit_conflict import ask_reload

if TYPE_CHECKING:
    from fupin_desktop.ui.features import Workbench

THRESHOLD_COLUMNS = ("年度", "地区", "金额（元/人·年）", "说明")


def install(bench: Workbench) -> QAction:
    """文件 → 设置…, before the menu's first separator."""
    menu = bench.menu("file")
    action = QAction("设置(&S)…", bench.widget())
    action.setObjectName("settingsAction")
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setEnabled(bench.ui.ctx.actor.can(Permission.SETTINGS))
    action.triggered.connect(lambda: open_settings(bench))
    first_separator = next((a for a in menu.actions() if a.isSeparator()), None)
    menu.insertAction(first_separator, action)
    return action


def open_settings(bench: Workbench) -> None:
    dialog = SettingsDialog(bench.ui.ctx, bench.widget())
    if dialog.exec():
        bench.announce_change("settings")
        bench.show_status("设置已保存。")
    dialog.deleteLater()


class SettingsDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # as loaded: a save writes only what the clerk changed against these (services.register.settings)
        self.settings = get_settings(ctx)
        self.base_rows = list_thresholds(ctx)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("设置")
        self.resize(640, 520)
        self.tabs = tabs = QTabWidget()
        self._fill_tabs()
        self.error_label = QLabel()
        self.error_label.setObjectName("settingsErrors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        buttons = save_cancel_buttons(self, self.submit)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存(&S)")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    # ------------------------------------------------------------ pages

    def _fill_tabs(self) -> None:
        """The pages for `self.settings` (again after 重新载入, on the same tab)."""
        current = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        self.tabs.addTab(self._basic_page(self.settings), "基本")
        self.tabs.addTab(self._threshold_page(self.settings, self.base_rows), "监测范围")
        self.tabs.addTab(self._checks_page(self.settings), "核查参数")
        self.tabs.addTab(self._paper_page(self.settings), "明白卡和公示")
        self.tabs.setCurrentIndex(max(current, 0))
        for edit, limit in (
            (self.province_edit, NAME_LIMIT),
            (self.county_edit, NAME_LIMIT),
            (self.township_edit, NAME_LIMIT),
            (self.county_hotline_edit, HOTLINE_LIMIT),
            (self.township_hotline_edit, HOTLINE_LIMIT),
        ):
            edit.setMaxLength(limit)

    def _basic_page(self, s: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.province_edit = QLineEdit(s.province)
        self.province_edit.setObjectName("provinceEdit")
        self.province_edit.setPlaceholderText("例如：贵州省（导出台账的“省(区、市)”列）")
        self.county_edit = QLineEdit(s.county)
        self.township_edit = QLineEdit(s.township)
        self.township_edit.setObjectName("townshipEdit")
        self.phones_edit = QPlainTextEdit("\n".join(s.supervision_phones))
        self.phones_edit.setPlaceholderText("每行一个，例如：县乡村振兴局 0871-12345678")
        self.notice_spin = _int_spin(s.notice_days, 1, 60, " 天")
        self.helper_spin = _int_spin(s.helper_limit, 1, 50, " 户")
        self.yellow_spin = _int_spin(s.yellow_days, 0, 90, " 天")
        self.escalate_spin = _int_spin(s.escalate_after_extensions, 1, 10, " 次")
        self.escalate_spin.setObjectName("escalateSpin")
        self.escalate_spin.setToolTip("整改任务延期达到这个次数即标为“升级”（预警说明和会议简报中列出）")
        form.addRow("省(&P)：", self.province_edit)
        form.addRow("县(&C)：", self.county_edit)
        form.addRow("乡镇(&T)：", self.township_edit)
        form.addRow("监督电话（每行一个）：", self.phones_edit)
        form.addRow("公示天数：", self.notice_spin)
        form.addRow("每名帮扶责任人结对上限：", self.helper_spin)
        form.addRow("黄牌提前天数：", self.yellow_spin)
        form.addRow("整改延期几次即升级：", self.escalate_spin)
        return page

    def _paper_page(self, s: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.county_hotline_edit = QLineEdit(s.county_hotline)
        self.county_hotline_edit.setObjectName("countyHotlineEdit")
        self.county_hotline_edit.setPlaceholderText("例如：县防返贫监测帮扶热线 0851-12345678")
        self.township_hotline_edit = QLineEdit(s.township_hotline)
        self.township_hotline_edit.setObjectName("townshipHotlineEdit")
        self.township_hotline_edit.setPlaceholderText("例如：乡镇防返贫监测帮扶电话 0851-87654321")
        self.report_days_spin = _int_spin(s.report_working_days, 1, 90, " 个工作日")
        self.report_days_spin.setObjectName("reportDaysSpin")
        self.report_days_spin.setToolTip(
            "群众上报新困难后，核实、村评议公示、乡审核、县确定约需的时间（印在明白卡上）"
        )
        self.qr_check = QCheckBox("明白卡上印二维码(&Q)")
        self.qr_check.setChecked(s.card_qr)
        self.notice_risks_check = QCheckBox("公示名单列出全部风险类型（含因病、因残）(&R)")
        self.notice_risks_check.setObjectName("noticeAllRisksCheck")
        self.notice_risks_check.setChecked(s.notice_all_risks)
        self.notice_risks_check.setToolTip(
            "默认只公示因灾、因意外事故、因务工就业不稳等可以公开的风险类型；健康和残疾信息不上公示。仅在县里明确要求时勾选。"
        )
        self.notice_id_check = QCheckBox("公示名单印户主身份证号后四位(&I)")
        self.notice_id_check.setObjectName("noticeIdTailCheck")
        self.notice_id_check.setChecked(s.notice_id_tail)
        self.notice_id_check.setToolTip("默认公示名单不印身份证号的任何数字。仅在县里明确要求时勾选。")
        form.addRow("县热线(&H)：", self.county_hotline_edit)
        form.addRow("乡镇电话(&W)：", self.township_hotline_edit)
        form.addRow("上报新困难后办结约：", self.report_days_spin)
        form.addRow("明白卡：", self.qr_check)
        form.addRow("公示名单：", self.notice_risks_check)
        form.addRow("", self.notice_id_check)
        return page

    def _threshold_page(self, s: Settings, rows: list[ThresholdRow]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.region_edit = QLineEdit(s.threshold_region)
        self.region_edit.setObjectName("thresholdRegionEdit")
        form.addRow("适用地区：", self.region_edit)
        layout.addLayout(form)
        hint = QLabel("适用地区没有设定的年度，使用“全国”的监测范围。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(0, len(THRESHOLD_COLUMNS))
        self.table.setObjectName("thresholdTable")
        self.table.setHorizontalHeaderLabels(THRESHOLD_COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row in rows:
            self.add_row(row)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        add = QPushButton("添加(&A)")
        add.setObjectName("addThresholdButton")
        add.clicked.connect(self.add_next_year)
        remove = QPushButton("删除(&D)")
        remove.setObjectName("removeThresholdButton")
        remove.clicked.connect(self.remove_selected)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _checks_page(self, s: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.drop_spin = _percent_spin(s.income_drop_percent)
        self.margin_spin = _percent_spin(s.watch_margin_percent)
        self.rural_spin = QDoubleSpinBox()
        self.rural_spin.setRange(0, 1_000_000)
        self.rural_spin.setDecimals(0)
        self.rural_spin.setSuffix(" 元")
        self.rural_spin.setValue(s.rural_income_last_year)
        self.share_spin = _percent_spin(s.self_paid_share_limit * 100)
        self.wage_share_spin = _percent_spin(s.unstable_wage_share_percent)
        self.wage_share_spin.setObjectName("wageShareSpin")
        self.work_months_spin = QDoubleSpinBox()
        self.work_months_spin.setObjectName("workMonthsSpin")
        self.work_months_spin.setRange(0, 12)
        self.work_months_spin.setDecimals(1)
        self.work_months_spin.setSuffix(" 个月")
        self.work_months_spin.setValue(s.short_work_months)
        form.addRow("收入下降超过（比上年）：", self.drop_spin)
        form.addRow("监测预警幅度（高于监测范围）：", self.margin_spin)
        form.addRow("上年农村居民人均可支配收入：", self.rural_spin)
        form.addRow("合规自付支出占比上限：", self.share_spin)
        form.addRow("务工收入不稳：工资性收入占比达到：", self.wage_share_spin)
        form.addRow("　且有人务工不足：", self.work_months_spin)
        form.addRow(QLabel("生产经营成本比例（占产值）："))
        self.ratio_spins: dict[str, QDoubleSpinBox] = {}
        for kind, ratio in s.cost_ratios.items():
            spin = self.ratio_spins[kind] = _percent_spin(ratio * 100)
            form.addRow(f"　{kind}：", spin)
        return page

    # ------------------------------------------------------------ threshold rows

    def add_row(self, row: ThresholdRow) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        for column, value in enumerate((str(row.year), row.region, f"{row.amount:g}", row.note)):
            self.table.setItem(index, column, QTableWidgetItem(value))

    def add_next_year(self) -> None:
        years = [r.year for r in self._rows_as_typed()]
        year = max([*years, self.ctx.today().year - 1]) + 1
        self.add_row(ThresholdRow(year, self.region_edit.text().strip() or "本地", 0))
        self.table.setCurrentCell(self.table.rowCount() - 1, 2)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 2))

    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(index)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _rows_as_typed(self) -> list[ThresholdRow]:
        return [r for r, _ in (self._parse_row(i) for i in range(self.table.rowCount())) if r]

    def _parse_row(self, index: int) -> tuple[ThresholdRow | None, str]:
        year_text, amount_text = self._cell(index, 0), self._cell(index, 2).replace(",", "")
        try:
            year = int(year_text)
        except ValueError:
            return None, f"监测范围第{index + 1}行：年度“{year_text}”不是数字，请填写四位年份。"
        try:
            amount = float(amount_text)
        except ValueError:
            return None, f"监测范围第{index + 1}行：金额“{amount_text}”不是数字，请填写元/人·年。"
        return ThresholdRow(year, self._cell(index, 1), amount, self._cell(index, 3)), ""

    # ------------------------------------------------------------ saving

    def edited_settings(self) -> Settings:
        phones = tuple(line.strip() for line in self.phones_edit.toPlainText().splitlines() if line.strip())
        return self.settings.with_changes(
            province=self.province_edit.text().strip(),
            county=self.county_edit.text().strip(),
            township=self.township_edit.text().strip(),
            supervision_phones=phones,
            notice_days=self.notice_spin.value(),
            helper_limit=self.helper_spin.value(),
            yellow_days=self.yellow_spin.value(),
            escalate_after_extensions=self.escalate_spin.value(),
            card_qr=self.qr_check.isChecked(),
            county_hotline=self.county_hotline_edit.text().strip(),
            township_hotline=self.township_hotline_edit.text().strip(),
            report_working_days=self.report_days_spin.value(),
            notice_all_risks=self.notice_risks_check.isChecked(),
            notice_id_tail=self.notice_id_check.isChecked(),
            threshold_region=self.region_edit.text().strip(),
            income_drop_percent=self.drop_spin.value(),
            watch_margin_percent=self.margin_spin.value(),
            rural_income_last_year=self.rural_spin.value(),
            self_paid_share_limit=round(self.share_spin.value() / 100, 4),
            unstable_wage_share_percent=self.wage_share_spin.value(),
            short_work_months=self.work_months_spin.value(),
            cost_ratios={k: round(spin.value() / 100, 4) for k, spin in self.ratio_spins.items()},
        )

    def submit(self) -> None:
        parsed = [self._parse_row(i) for i in range(self.table.rowCount())]
        unreadable = [message for row, message in parsed if row is None]
        if unreadable:
            self.show_problems("设置未保存：\n" + "\n".join(unreadable))
            return
        try:
            save_settings_and_thresholds(
                self.ctx,
                self.edited_settings(),
                [r for r, _ in parsed if r],
                base=self.settings,
                base_rows=self.base_rows,
            )
        except EditConflict as exc:
            if ask_reload(self, exc):
                self.reload()
            self.show_problems(exc.message)
            return
        except UserError as exc:
            self.show_problems(exc.message)
            return
        except Exception as exc:
            show_error(self, exc, title="设置未保存")
            return
        self.accept()

    def reload(self) -> None:
        """The settings and the 监测范围 table as stored now, replacing the clerk's input."""
        try:
            self.settings, self.base_rows = get_settings(self.ctx), list_thresholds(self.ctx)
        except Exception as exc:
            show_error(self, exc, title="重新载入未完成")
            return
        self._fill_tabs()

    def show_problems(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


def _int_spin(value: int, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setValue(value)
    return spin


def _percent_spin(value: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, 100)
    spin.setDecimals(1)
    spin.setSuffix(" %")
    spin.setValue(value)
    return spin
