"""The 挂图作战 tab: choose a village (or the whole township) at the top; three pages below —
村情总览 (the board, unpaired households, helpers over the limit), 图表 (the five charts) and
帮扶责任人 (helpers, their households, pairing history). The tab loads its data when first shown and
again after any change to helpers, pairings or households (the app-wide `data_changed` event); the 图表
and 帮扶责任人 pages load theirs when they are on view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.records import PairingRecord
from fupin_desktop.errors import UserError
from fupin_desktop.services.assignments import (
    HelperFilter,
    HelperRow,
    HouseholdChoice,
    HouseholdFilter,
    board_charts,
    find_households,
    list_helpers,
    pairing_history,
    restore_helper,
    suggest_pairings,
    unpair_households,
    village_board,
)
from fupin_desktop.services.context import Permission
from fupin_desktop.services.register import VillageRow, villages
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.assignments.helper_dialogs import ArchiveDialog, HelperDialog
from fupin_desktop.ui.assignments.helpers_page import HelpersPage
from fupin_desktop.ui.assignments.overview import OverviewPage
from fupin_desktop.ui.assignments.pickers import HelperChooserDialog, HouseholdPickerDialog
from fupin_desktop.ui.assignments.suggestion import SuggestionDialog
from fupin_desktop.ui.assignments.warchart_print import ask_warchart
from fupin_desktop.ui.assignments.widgets import button, fill_villages, select_data, village_combo
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.excel import export_households, open_export, open_import
from fupin_desktop.ui.excel.export_dialog import ExportDialog
from fupin_desktop.ui.excel.import_wizard import ImportWizard
from fupin_desktop.ui.features import Workbench

if TYPE_CHECKING:
    from fupin_desktop.ui.assignments.charts_page import ChartsPage

CHANGES = ("helper", "pairing", "household", "task", "settings", "all")  # what the board counts


class SavingDialog(Protocol):
    """The tab's dialogs save on 确定 and say what they did."""

    done_message: str
    kept_helper: int | None  # the helper to keep selected afterwards

    def exec(self) -> int: ...

    def deleteLater(self) -> None: ...


UNPAIR_REASONS = ("解除结对", "户已自然减少", "帮扶人工作调动", "其他")
CHARTS, HELPERS = 1, 2  # the pages after 村情总览
PAIRINGS_KIND = "pairings"  # services.ledgers.export's 结对帮扶表
REGISTER_SECTION = "帮扶责任人"  # the household editor's section with the pairing history


class AssignmentsTab(QWidget):
    def __init__(self, ui: UiContext, workbench: Workbench | None = None) -> None:
        """`workbench` is None only for the tab built on its own (the benchmarks): then no household opens."""
        super().__init__()
        self.ui = ui
        self.workbench = workbench
        self.village_rows: list[VillageRow] = []
        self.limit = 5
        self.stale = True  # data to (re)load when next shown
        self.charts_stale = True
        self.helpers_stale = True  # the helpers page loads when it is on view (thousands of helpers)
        self.charts: ChartsPage | None = None  # built on first view (imports matplotlib)

        self.village = village_combo([], self)
        self.village.setObjectName("assignmentsVillage")
        self.village.setMinimumContentsLength(8)
        self.village.currentIndexChanged.connect(self._village_changed)
        self.summary = QLabel(self)
        self.summary.setObjectName("assignmentsSummary")
        self.summary.setWordWrap(True)  # two lines on a scaled screen, not a wider window
        self.suggest_button = button("为未结对户分配(&S)…", self.suggest, self)
        self.print_button = button(
            "打印作战图(&Z)…", lambda: ask_warchart(self, self.ui, self.village_id), self
        )
        self.export_button = button("导出结对帮扶表(&X)…", self.export_pairings, self)
        self.export_button.setEnabled(ui.ctx.actor.can(Permission.EXPORT))
        self.refresh_button = button("刷新", self.refresh, self)
        self.refresh_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_button.setToolTip("重新统计（F5）")

        self.can_edit = ui.ctx.actor.can(Permission.EDIT)
        self.overview = OverviewPage(self, can_edit=self.can_edit)
        self.helpers = HelpersPage(
            self, can_edit=self.can_edit, can_import=ui.ctx.actor.can(Permission.IMPORT)
        )
        self.pages = QTabWidget(self)
        self.pages.setObjectName("assignmentsPages")
        self.pages.addTab(self.overview, "村情总览")
        self.pages.addTab(QWidget(self), "图表")
        self.pages.addTab(self.helpers, "帮扶责任人与结对")
        self.pages.currentChanged.connect(self._page_changed)

        top = QHBoxLayout()
        top.addWidget(QLabel("村(&C)：", self, buddy=self.village))
        top.addWidget(self.village)
        top.addWidget(self.summary, 1)
        top.addWidget(self.suggest_button)
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.suggest)

        self.overview.village_chosen.connect(lambda vid: select_data(self.village, vid))
        self.overview.assign_requested.connect(self.assign_unpaired)
        self.overview.suggest_requested.connect(self.suggest)
        self.overview.helper_requested.connect(self.open_helper)
        self.overview.household_requested.connect(self.open_in_register)
        h = self.helpers
        h.filter_changed.connect(self.load_helpers)
        h.helper_changed.connect(self._helper_changed)
        h.household_changed.connect(self._household_changed)
        h.new_requested.connect(self.new_helper)
        h.import_requested.connect(self.import_helpers)
        h.edit_requested.connect(self.edit_helper)
        h.archive_requested.connect(self.archive_or_restore)
        h.pick_requested.connect(self.pick_households)
        h.move_requested.connect(self.move_households)
        h.unpair_requested.connect(self.unpair)
        h.household_requested.connect(self.open_in_register)
        ui.events.data_changed.connect(self._data_changed)

    # -------------------------------------------------------- loading

    @property
    def village_id(self) -> int | None:
        return self.village.currentData()

    @property
    def scope(self) -> str:
        return self.village.currentText() if self.village_id is not None else "全乡镇"

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def _data_changed(self, what: str) -> None:
        if what not in CHANGES:
            return
        self.stale = self.charts_stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload everything shown (the board, the lists, the helpers; the charts when on view)."""
        self.stale = False
        self.charts_stale = True
        self._load_villages()
        board = village_board(self.ui.ctx)
        self.limit = board.helper_limit
        self.overview.show_board(board, self.village_id)
        total = board.total
        self.summary.setText(
            f"　{board.scope}：{total.all.households} 户 {total.all.people} 人　"
            f"未结对 {total.unpaired} 户　超额帮扶人 {total.overloaded} 名　上限每人 {board.helper_limit} 户"
        )
        self._load_scope()

    def _load_villages(self) -> None:
        rows = villages(self.ui.ctx)
        if [(r.id, r.name) for r in rows] == [(r.id, r.name) for r in self.village_rows]:
            return
        current = self.village_id
        self.village_rows = rows
        self.village.blockSignals(True)
        fill_villages(self.village, rows)
        select_data(self.village, current)
        self.village.blockSignals(False)

    def _load_scope(self) -> None:
        """The lists and charts of the chosen village (or the township)."""
        ctx, village = self.ui.ctx, self.village_id
        unpaired = find_households(ctx, HouseholdFilter(village_id=village, unpaired_only=True))
        overloaded = list_helpers(ctx, HelperFilter(village_id=village, overloaded_only=True))
        self.overview.show_lists(self.scope, unpaired, overloaded, self.limit)
        self.suggest_button.setEnabled(self.can_edit and bool(unpaired))
        self.helpers_stale = self.charts_stale = True
        if self.pages.currentIndex() == HELPERS:
            self.load_helpers()
        elif self.pages.currentIndex() == CHARTS:
            self._show_charts()

    def load_helpers(self, keep: int | None = None) -> None:
        self.helpers_stale = False
        rows = list_helpers(self.ui.ctx, self.helpers.helper_filter(self.village_id))
        self.helpers.show_helpers(rows, self.scope, keep)

    def _village_changed(self) -> None:
        self.overview.select_village(self.village_id)
        self._load_scope()

    def _page_changed(self, index: int) -> None:
        if index == CHARTS:
            self._show_charts()
        elif index == HELPERS and self.helpers_stale:
            self.load_helpers()

    def _show_charts(self) -> None:
        if self.charts is None:
            from fupin_desktop.ui.assignments.charts_page import ChartsPage  # matplotlib: on first view

            self.charts = ChartsPage(self.ui.runner, self)
            self.pages.blockSignals(True)
            self.pages.removeTab(CHARTS)
            self.pages.insertTab(CHARTS, self.charts, "图表")
            self.pages.setCurrentIndex(CHARTS)
            self.pages.blockSignals(False)
        if self.charts_stale:
            ctx, village = self.ui.ctx, self.village_id
            self.charts.load(lambda: board_charts(ctx, village))
            self.charts_stale = False

    # -------------------------------------------------------- helpers page

    def _helper_changed(self, helper: HelperRow | None) -> None:
        households = find_households(self.ui.ctx, HouseholdFilter(helper_id=helper.id)) if helper else []
        self.helpers.show_households(helper, households, self.limit)

    def _household_changed(self, household: HouseholdChoice | None) -> None:
        history: list[PairingRecord] = list(pairing_history(self.ui.ctx, household.id)) if household else []
        self.helpers.show_history(history)

    def open_helper(self, helper_id: int) -> None:
        self.pages.setCurrentIndex(HELPERS)
        if not self.helpers.select_helper(helper_id):  # filtered out: show everyone of the scope
            self.helpers.search.clear()
            self.helpers.overloaded_only.setChecked(False)
            self.load_helpers(keep=helper_id)

    def new_helper(self) -> None:
        dialog = HelperDialog(self, self.ui, self.village_rows)
        self._after(dialog, "helper")

    def edit_helper(self) -> None:
        helper = self.helpers.current_helper()
        if helper is not None:
            self._after(HelperDialog(self, self.ui, self.village_rows, helper), "helper")

    def archive_or_restore(self) -> None:
        helper = self.helpers.current_helper()
        if helper is None:
            return
        if not helper.archived:
            self._after(ArchiveDialog(self, self.ui, helper), "helper")
            return
        try:
            restore_helper(self.ui.ctx, helper.id)
        except UserError as exc:
            show_error(self, exc, title="帮扶人未恢复")
            return
        self._changed("helper", f"已恢复帮扶人{helper.name}。", keep=helper.id)

    def pick_households(self) -> None:
        helper = self.helpers.current_helper()
        if helper is None or helper.archived:
            return
        dialog = HouseholdPickerDialog(self, self.ui, helper, self.village_rows, self.village_id, self.limit)
        self._after(dialog, "pairing", keep=helper.id)

    def move_households(self) -> None:
        chosen = self.helpers.selected_households()
        current = self.helpers.current_helper()
        if chosen:
            dialog = HelperChooserDialog(
                self, self.ui, chosen, self.limit, exclude=current.id if current else None
            )
            self._after(dialog, "pairing", keep=current.id if current else None)

    def unpair(self) -> None:
        chosen = self.helpers.selected_households()
        if not chosen:
            return
        names = "、".join(h.head for h in chosen[:5]) + (f" 等 {len(chosen)} 户" if len(chosen) > 5 else "")
        reason, ok = QInputDialog.getItem(
            self,
            "解除结对",
            f"解除 {names} 的结对（这些户将变为未结对，结对历史保留）。\n原因：",
            UNPAIR_REASONS,
            0,
            True,
        )
        if not ok:
            return
        try:
            count = unpair_households(
                self.ui.ctx, [h.id for h in chosen], reason, expected={h.id: h.helper_id for h in chosen}
            )
        except UserError as exc:
            show_error(self, exc, title="未解除结对")
            return
        current = self.helpers.current_helper()
        self._changed("pairing", f"已解除 {count} 户结对。", keep=current.id if current else None)

    def open_in_register(self, household_id: int) -> None:
        """Show a household in 户籍管理, at its 帮扶责任人 section (the pairing history)."""
        if self.workbench is not None:
            self.workbench.open_household(household_id, REGISTER_SECTION, show_register=True)

    # -------------------------------------------------------- overview actions

    def assign_unpaired(self) -> None:
        chosen = self.overview.selected_unpaired()
        if chosen:
            self._after(HelperChooserDialog(self, self.ui, chosen, self.limit), "pairing")

    def suggest(self) -> None:
        if not self.can_edit:  # the button is disabled; Ctrl+Shift+A too
            return
        suggestion = suggest_pairings(self.ui.ctx, self.village_id)
        if not suggestion.households:
            QMessageBox.information(self, "为未结对户分配", f"{self.scope}所有在册农户都已落实帮扶责任人。")
            return
        dialog = SuggestionDialog(self, self.ui, suggestion, self.scope)
        self._after(dialog, "pairing")

    # -------------------------------------------------------- Excel

    def import_helpers(self) -> ImportWizard:
        """导入 the program's template (its 帮扶责任人 and 结对 sheets) or any workbook the importer
        reads, through the import wizard (preview, then import); the tab refreshes when it is done."""
        return open_import(self, self.ui)

    def export_pairings(self) -> ExportDialog:
        """导出 the 结对帮扶表 of the township, or of the chosen village's households."""
        if self.village_id is None:
            dialog = open_export(self, self.ui)
        else:
            ids = [h.id for h in find_households(self.ui.ctx, HouseholdFilter(village_id=self.village_id))]
            dialog = export_households(self, self.ui, ids)
        dialog.choose_kind(PAIRINGS_KIND)
        return dialog

    # -------------------------------------------------------- after a change

    def _after(self, dialog: SavingDialog, what: str, keep: int | None = None) -> None:
        """Run a dialog that saves on 确定; after a save, refresh and say what was done."""
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self._changed(what, dialog.done_message, keep=dialog.kept_helper or keep)

    def _changed(self, what: str, message: str, keep: int | None = None) -> None:
        self.ui.events.data_changed.emit(what)  # refreshes this tab (visible) and the status bar
        if keep is not None:
            self.load_helpers(keep=keep)
        self.ui.events.status_message.emit(message)
