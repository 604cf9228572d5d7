"""The household editor: seven sections of one household, saved together in one transaction.

Errors block saving (the fields and members concerned are marked and listed); doubts are listed and
saving goes ahead after the clerk confirms. Closing with unsaved changes asks; 取消 discards.

A save over someone else's newer save is refused (services.register.edit_versions): a banner names who changed
what and when, lists the clerk's own inputs beside what is stored now, and offers 重新载入; the form keeps
the clerk's values until they choose to reload, and the list stays in sight after reloading.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.domain.validation import Problem, doubts, errors
from fupin_desktop.errors import EditConflict
from fupin_desktop.services.context import Permission
from fupin_desktop.services.households import (
    HouseholdDraft,
    check_draft,
    load_draft,
    save_draft,
    unsaved_against_stored,
)
from fupin_desktop.services.register import code_lists, get_settings, villages
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import show_error
from fupin_desktop.ui.households.fields import PROBLEM_STYLE
from fupin_desktop.ui.households.section import EditorContext, Section
from fupin_desktop.ui.households.section_basic import BasicSection, FormSection, HousingSection
from fupin_desktop.ui.households.section_income import IncomeSection
from fupin_desktop.ui.households.section_lists import HelpersSection, MeasuresSection, VisitsSection
from fupin_desktop.ui.households.section_members import MembersSection
from fupin_desktop.ui.screen_fit import preferred_size

SECTION_TYPES: tuple[type[Section], ...] = (
    BasicSection,
    MembersSection,
    HousingSection,
    IncomeSection,
    MeasuresSection,
    HelpersSection,
    VisitsSection,
)
SECTION_TITLES = tuple(s.title for s in SECTION_TYPES)
SHOWN_PROBLEMS = 8  # in a message box; the panel lists them all
NAV_STYLE = """
QListWidget#editorSections { font-size: 11pt; }
QListWidget#editorSections::item { padding: 8px 10px; }
QFrame#conflictBanner { background: #fff4e5; border: 1px solid #e0a040; border-radius: 4px; }
QLabel#conflictMessage { color: #8a3b00; font-weight: bold; }
"""
SHOWN_INPUTS = 12  # of the clerk's own inputs in the banner


class CloseChoice(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


def ask_unsaved(parent: QWidget, number: str) -> CloseChoice:
    """保存 / 不保存 / 继续编辑 for a household with unsaved changes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("有未保存的修改")
    box.setText(f"户 {number} 有未保存的修改。要保存吗？")
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("继续编辑", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return (
        CloseChoice.SAVE
        if clicked is save
        else CloseChoice.DISCARD
        if clicked is discard
        else CloseChoice.STAY
    )


def confirm_doubts(parent: QWidget, found: list[Problem]) -> bool:
    lines = "\n".join(f"· {p.message}" for p in found[:SHOWN_PROBLEMS])
    more = f"\n……另有 {len(found) - SHOWN_PROBLEMS} 处" if len(found) > SHOWN_PROBLEMS else ""
    answer = QMessageBox.question(
        parent,
        "发现疑点",
        f"以下情况可能有误，请核对：\n{lines}{more}\n\n已核对无误、仍要保存吗？",
    )
    return answer == QMessageBox.StandardButton.Yes


class HouseholdEditor(QDialog):
    saved = Signal(int)  # household id

    def __init__(self, ui: UiContext, draft: HouseholdDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdEditor")
        self.setStyleSheet(PROBLEM_STYLE + NAV_STYLE)
        self.ui = ui
        ctx = ui.ctx
        self.can_edit = ctx.actor.can(Permission.EDIT)
        self.context = EditorContext(
            ui=ui,
            codes=code_lists(ctx),
            villages=villages(ctx),
            settings=get_settings(ctx),
            today=ctx.today(),
            can_edit=self.can_edit,
            full_ids=ctx.actor.can(Permission.VIEW_FULL_ID),
            current_record=lambda: self.current_draft().record,
        )
        self.draft = draft
        self.saved_draft = draft
        self._loading = False

        self.header = QLabel()
        self.header.setObjectName("editorHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.banner = ConflictBanner(self)
        self.banner.reload_button.clicked.connect(self.reload_after_conflict)
        self.banner.hide()
        self._conflict: tuple[str, list[str]] | None = None
        self.nav = QListWidget()
        self.nav.setObjectName("editorSections")
        self.nav.setFixedWidth(132)
        self.stack = QStackedWidget()
        self.sections: list[Section] = []
        for section_type in SECTION_TYPES:
            section = section_type(self.context)
            section.setObjectName(f"section_{SECTION_TITLES.index(section.title)}")
            section.changed.connect(self._section_changed)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(section)
            self.stack.addWidget(scroll)
            self.nav.addItem(section.title)
            self.sections.append(section)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.problems = QListWidget()
        self.problems.setObjectName("editorProblems")
        self.problems.setMaximumHeight(110)
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemDoubleClicked.connect(self._go_to_problem)
        self.problems.hide()

        self.save_button = QPushButton("保存 (Ctrl+S)")
        self.save_button.setObjectName("saveButton")
        self.save_close_button = QPushButton("保存并关闭")
        self.cancel_button = QPushButton("取消" if self.can_edit else "关闭")
        self.cancel_button.setObjectName("cancelButton")
        self.save_button.clicked.connect(self.save)
        self.save_close_button.clicked.connect(self.save_and_close)
        self.cancel_button.clicked.connect(self.discard)
        self.cancel_button.setToolTip("放弃这次的修改并关闭（已保存的内容不受影响）")
        for button in (self.save_button, self.save_close_button):
            button.setVisible(self.can_edit)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        buttons = QHBoxLayout()
        self.state = QLabel()
        self.state.setObjectName("editorState")
        buttons.addWidget(self.state, 1)
        for button in (self.save_button, self.save_close_button, self.cancel_button):
            buttons.addWidget(button)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

        # Enter in a field must not press a button (添加成员, 删除…): only Ctrl+S saves.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        # Roomy where the screen allows; on 1366×768 less a task bar the 保存 row stays on screen (the
        # sections scroll).
        self.resize(preferred_size(parent, QSize(1200, 780)))
        self.setMinimumSize(860, 540)
        self.load(draft)

    # ------------------------------------------------------------ state

    def load(self, draft: HouseholdDraft) -> None:
        """Show a household (the editor is reused for each one the clerk opens)."""
        self._loading = True
        self.draft = draft
        for section in self.sections:
            section.load(draft)
        for section in self.sections:
            section.refresh()
        self._loading = False
        # Compared against the draft as the forms read it back, so loading alone is never a change.
        self.saved_draft = self.current_draft()
        self.banner.hide()
        self._conflict = None
        self.show_problems([])
        self._update_state()
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def current_draft(self) -> HouseholdDraft:
        draft = self.draft
        for section in self.sections:
            draft = section.apply(draft)
        return draft

    def is_dirty(self) -> bool:
        return self.can_edit and self.current_draft() != self.saved_draft

    def _section_changed(self) -> None:
        if self._loading:
            return
        sender = self.sender()
        for section in self.sections:
            if section is not sender:
                section.refresh()
        self._update_state()

    def _update_state(self) -> None:
        record = self.current_draft().record
        badges = []
        if record.number_is_local:
            badges.append("<span style='color:#8a5a00'>［临时户编号］</span>")
        if record.archived:
            badges.append("<span style='color:#777'>［已归档］</span>")
        people = len(record.active_members)
        self.header.setText(
            f"<span style='font-size:13pt'><b>{record.number}</b>　户主 <b>{record.head_name or '（未指定）'}</b>"
            f"　{record.village}{record.group or ''}　{people} 人　{record.household_type or ''}"
            f"　{record.monitor_category or ''}</span> {' '.join(badges)}"
        )
        dirty = self.is_dirty()
        title = f"户籍信息 — {record.number}" + ("（新建）" if record.id is None else "")
        self.setWindowTitle(title + (" *" if dirty else "") + ("（只读）" if not self.can_edit else ""))
        self.state.setText("有未保存的修改" if dirty else "")

    # ------------------------------------------------------------ sections and problems

    def open_section(self, title: str | None) -> None:
        if title in SECTION_TITLES:
            self.nav.setCurrentRow(SECTION_TITLES.index(title))

    def section(self, section_type: type[Section]) -> Section:
        return next(s for s in self.sections if isinstance(s, section_type))

    def show_problems(self, problems: list[Problem]) -> None:
        for section in self.sections:
            section.show_problems(problems)
        self.problems.clear()
        for p in problems:
            item = QListWidgetItem(f"{p.severity}｜{p.message}")
            item.setForeground(QColor("#c62828" if p.blocks else "#8a5a00"))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.problems.addItem(item)
        self.problems.setVisible(bool(problems))

    def _section_of(self, problem: Problem) -> Section:
        if problem.member is not None or problem.field in ("members", "relation"):
            return self.section(MembersSection)
        listed = {"incomes": IncomeSection, "measures": MeasuresSection, "visits": VisitsSection}
        if problem.field in listed:
            return self.section(listed[problem.field])
        for section in self.sections:
            if isinstance(section, FormSection) and any(problem.field in f.fields for f in section.forms):
                return section
        return self.section(BasicSection)

    def go_to(self, problem: Problem) -> None:
        section = self._section_of(problem)
        self.nav.setCurrentRow(self.sections.index(section))
        if isinstance(section, MembersSection) and problem.member is not None:
            section.select(problem.member)

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        self.go_to(item.data(Qt.ItemDataRole.UserRole))

    # ------------------------------------------------------------ saving and closing

    def save(self) -> bool:
        """Check, confirm doubts, save in one transaction, reload. True when saved."""
        if not self.can_edit:
            return False
        draft = self.current_draft()
        try:
            problems = check_draft(self.ui.ctx, draft)
        except Exception as exc:
            show_error(self, exc)
            return False
        self.show_problems(problems)
        blocking = errors(problems)
        if blocking:
            self.go_to(blocking[0])
            lines = "\n".join(f"· {p.message}" for p in blocking[:SHOWN_PROBLEMS])
            QMessageBox.warning(self, "还不能保存", f"请先改正以下错误（已标红）：\n{lines}")
            return False
        found = doubts(problems)
        if found and not confirm_doubts(self, found):
            self.go_to(found[0])
            return False
        try:
            household_id = save_draft(self.ui.ctx, draft)
            fresh = load_draft(self.ui.ctx, household_id)
        except EditConflict as exc:
            self.show_conflict(exc, draft)
            return False
        except Exception as exc:
            show_error(self, exc, title="保存未完成")
            return False
        current = self.nav.currentRow()
        self.load(fresh)
        self.nav.setCurrentRow(current)
        self.ui.events.data_changed.emit("household")
        self.ui.events.status_message.emit(
            f"已保存户 {fresh.record.number}（户主 {fresh.record.head_name}）。"
        )
        self.saved.emit(household_id)
        return True

    def show_conflict(self, exc: EditConflict, draft: HouseholdDraft) -> None:
        """The save was refused: say by whom, keep the form as the clerk left it, list their inputs."""
        try:
            inputs = unsaved_against_stored(self.ui.ctx, self.saved_draft, draft)
        except Exception as error:
            show_error(self, error, title="保存未完成")
            return
        self._conflict = (exc.message, inputs)
        self.banner.show_refused(exc.message, inputs)
        self.state.setText("没有保存：这一户已被别人修改")
        self.ui.events.status_message.emit(exc.message)

    def reload_after_conflict(self) -> None:
        """重新载入: the stored household replaces the form; the clerk's inputs stay listed above it."""
        conflict = self._conflict
        record_id = self.draft.record.id
        if conflict is None or record_id is None:
            return
        try:
            fresh = load_draft(self.ui.ctx, record_id)
        except Exception as exc:
            show_error(self, exc, title="重新载入未完成")
            return
        current = self.nav.currentRow()
        self.load(fresh)
        self.nav.setCurrentRow(current)
        self.banner.show_reloaded(conflict[0], conflict[1])

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def confirm_close(self) -> bool:
        """True when the editor may close: nothing unsaved, saved now, or the clerk discards."""
        if not self.is_dirty():
            return True
        choice = ask_unsaved(self, self.current_draft().record.number)
        if choice == CloseChoice.SAVE:
            return self.save()
        return choice == CloseChoice.DISCARD

    def reject(self) -> None:  # Esc and the window's close button (QDialog.closeEvent calls this)
        if self.confirm_close():
            super().reject()

    def discard(self) -> None:
        """取消: close without saving; nothing of the edits is written."""
        super().reject()


class ConflictBanner(QFrame):
    """Above the sections after a refused save: who changed the household, the clerk's own inputs
    ("你的输入 … ／现在库里 …") and 重新载入."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("conflictHint")
        self.hint.setWordWrap(True)
        self.inputs = QLabel()
        self.inputs.setObjectName("conflictInputs")
        self.inputs.setWordWrap(True)
        self.inputs.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton("重新载入")
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setToolTip("换成库里的最新内容（你没有保存的输入仍列在这里，可照着重新填写）")
        close = QPushButton("收起")
        close.setObjectName("closeBannerButton")
        close.clicked.connect(self.hide)
        for button in (self.reload_button, close):
            button.setAutoDefault(False)
        text = QVBoxLayout()
        text.addWidget(self.message)
        text.addWidget(self.hint)
        text.addWidget(self.inputs)
        buttons = QVBoxLayout()
        buttons.addWidget(self.reload_button)
        buttons.addWidget(close)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)

    def show_refused(self, message: str, inputs: list[str]) -> None:
        self.message.setText(message)
        self.hint.setText(
            "你的输入还在下面的表里，没有写入。点“重新载入”换成库里的最新内容，再照着下面的列表重新修改。"
        )
        self._show_inputs("你的输入：", inputs)
        self.reload_button.show()
        self.show()

    def show_reloaded(self, message: str, inputs: list[str]) -> None:
        self.message.setText(message)
        self.hint.setText("已重新载入库里的最新内容。你刚才没有保存的输入列在下面，请核对后重新填写并保存。")
        self._show_inputs("没有保存的输入：", inputs)
        self.reload_button.hide()
        self.show()

    def _show_inputs(self, title: str, inputs: list[str]) -> None:
        shown = inputs[:SHOWN_INPUTS]
        more = [f"……另有 {len(inputs) - SHOWN_INPUTS} 项"] if len(inputs) > SHOWN_INPUTS else []
        self.inputs.setText("\n".join([title, *(f"· {line}" for line in shown), *more]) if inputs else "")
        self.inputs.setVisible(bool(inputs))
