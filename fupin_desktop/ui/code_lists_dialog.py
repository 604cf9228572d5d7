"""文件 → 代码表…: the drop-down values of every code list (DOMAIN §2.3), for the administrator.

A value can be added, put in order, switched off (it leaves the drop-downs; records that hold it keep
it) and given aliases (other spellings that imports read as it). Values are never deleted, and those
the program's logic needs (户主, 脱贫户…) cannot be switched off. Everything is saved at once, or
nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import EditConflict, UserError
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register import (
    CodeEntry,
    code_table,
    code_table_problems,
    locked,
    save_code_table,
)
from fupin_desktop.ui.dialogs import save_cancel_buttons, show_error
from fupin_desktop.ui.edit_conflict import ask_reload

if TYPE_CHECKING:
    from fupin_desktop.ui.features import Workbench

_ALIAS_SEPARATORS = re.compile(r"[,，、;；\n]+")  # not spaces: an alias may hold one


def install(bench: Workbench, after: QAction) -> QAction:
    """文件 → 代码表…, just below `after` (设置…)."""
    menu = bench.menu("file")
    action = QAction("代码表(&D)…", bench.widget())
    action.setObjectName("codeListsAction")
    action.setStatusTip("下拉选项的取值：新增、排序、停用，以及导入时认作同一值的别名")
    action.setEnabled(bench.ui.ctx.actor.can(Permission.SETTINGS))
    action.triggered.connect(lambda: open_code_lists(bench))
    actions = menu.actions()
    following = actions[actions.index(after) + 1] if after in actions[:-1] else None
    menu.insertAction(following, action)
    return action


def open_code_lists(bench: Workbench) -> None:
    dialog = CodeListsDialog(bench.ui.ctx, bench.widget())
    if dialog.exec():
        bench.announce_change("codes")
        bench.show_status("代码表已保存：" + "、".join(dialog.saved) if dialog.saved else "代码表没有改动。")
    dialog.deleteLater()


class CodeListsDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = code_table(ctx)
        self.base = {field: list(entries) for field, entries in self.table.items()}  # as loaded
        self.saved: list[str] = []
        self.setObjectName("codeListsDialog")
        self.setWindowTitle("代码表")
        self.resize(720, 560)

        self.fields = QListWidget()
        self.fields.setObjectName("codeFields")
        self.fields.addItems(list(self.table))
        self.values = QListWidget()
        self.values.setObjectName("codeValues")
        self.values.itemChanged.connect(self._toggled)
        self.values.currentRowChanged.connect(self._show_aliases)
        self.aliases = QLineEdit()
        self.aliases.setObjectName("codeAliases")
        self.aliases.setPlaceholderText("导入时也认作这个值的写法，用顿号或逗号分开，例如：汉、汉族")
        self.aliases.textEdited.connect(self._aliases_edited)
        self.add_button = self._button("新增(&N)…", "addCodeButton", self.add_value)
        self.up_button = self._button("上移(&U)", "moveCodeUp", lambda: self.move(-1))
        self.down_button = self._button("下移(&D)", "moveCodeDown", lambda: self.move(1))

        hint = QLabel(
            "勾选的值出现在下拉框中；取消勾选即停用，已录入的数据不受影响。标“程序必需”的值程序要用到，不能停用。"
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "placeholder")
        self.error_label = QLabel()
        self.error_label.setObjectName("codeListErrors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()

        buttons = QHBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.values, 1)
        right_layout.addLayout(buttons)
        aliases_row = QHBoxLayout()
        aliases_row.addWidget(QLabel("别名(&A)："))
        aliases_row.addWidget(self.aliases, 1)
        aliases_row.itemAt(0).widget().setBuddy(self.aliases)  # type: ignore[union-attr]
        right_layout.addLayout(aliases_row)
        split = QSplitter()
        split.addWidget(self.fields)
        split.addWidget(right)
        split.setSizes([220, 500])

        box = save_cancel_buttons(self, self.submit)
        box.button(QDialogButtonBox.StandardButton.Save).setText("保存(&S)")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(box)

        self.fields.currentRowChanged.connect(self._show_field)
        self.fields.setCurrentRow(0)

    def reload(self) -> None:
        """The lists as stored now; a list only the clerk changed keeps the clerk's values."""
        try:
            fresh = code_table(self.ctx)
        except UserError as exc:
            show_error(self, exc, title="重新载入未完成")
            return
        for field, entries in fresh.items():
            mine = self.table.get(field)
            if mine is None or mine == self.base.get(field) or entries != self.base.get(field):
                self.table[field] = list(entries)
        self.base = {field: list(entries) for field, entries in fresh.items()}
        self._show_field()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------ showing

    @property
    def field(self) -> str:
        item = self.fields.currentItem()
        return item.text() if item is not None else ""

    def _show_field(self) -> None:
        self.values.blockSignals(True)
        self.values.clear()
        for entry in self.table.get(self.field, []):
            item = QListWidgetItem(entry.value + ("（程序必需）" if locked(self.field, entry.value) else ""))
            item.setData(Qt.ItemDataRole.UserRole, entry.value)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if locked(self.field, entry.value):
                item.setToolTip("程序要用到这个值，不能停用")
            else:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if entry.active else Qt.CheckState.Unchecked)
            self.values.addItem(item)
        self.values.blockSignals(False)
        self.values.setCurrentRow(0)
        self._show_aliases()

    def _show_aliases(self) -> None:
        entry = self._entry()
        self.aliases.setEnabled(entry is not None)
        self.aliases.setText("、".join(entry.aliases) if entry else "")
        row = self.values.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.values.count() - 1)

    def _entry(self) -> CodeEntry | None:
        row = self.values.currentRow()
        entries = self.table.get(self.field, [])
        return entries[row] if 0 <= row < len(entries) else None

    # ------------------------------------------------------------ editing

    def _toggled(self, item: QListWidgetItem) -> None:
        row = self.values.row(item)
        entries = self.table[self.field]
        entries[row] = replace(entries[row], active=item.checkState() == Qt.CheckState.Checked)

    def _aliases_edited(self, text: str) -> None:
        row = self.values.currentRow()
        entries = self.table.get(self.field, [])
        if not 0 <= row < len(entries):
            return
        value = entries[row].value
        spellings = [s.strip() for s in _ALIAS_SEPARATORS.split(text)]
        spellings = [s for s in spellings if s and s != value]
        entries[row] = replace(entries[row], aliases=tuple(dict.fromkeys(spellings)))

    def add_value(self) -> None:
        field = self.field
        if not field:
            return
        text, ok = QInputDialog.getText(self, "新增代码", f"在“{field}”中新增一个值：")
        value = text.strip()
        if not ok or not value:
            return
        if any(e.value == value for e in self.table[field]):
            show_error(self, UserError(f"“{field}”中已有“{value}”。"), title="新增代码")
            return
        self.table[field].append(CodeEntry(value))
        self._show_field()
        self.values.setCurrentRow(self.values.count() - 1)

    def move(self, step: int) -> None:
        row = self.values.currentRow()
        entries = self.table.get(self.field, [])
        target = row + step
        if not (0 <= row < len(entries) and 0 <= target < len(entries)):
            return
        entries[row], entries[target] = entries[target], entries[row]
        self._show_field()
        self.values.setCurrentRow(target)

    # ------------------------------------------------------------ saving

    def submit(self) -> None:
        problems = code_table_problems(self.table)
        if problems:
            self.error_label.setText("\n".join(problems))
            self.error_label.show()
            return
        try:
            self.saved = save_code_table(self.ctx, self.table, base=self.base)
        except EditConflict as exc:
            if ask_reload(self, exc):
                self.reload()
            self.error_label.setText(exc.message)
            self.error_label.show()
            return
        except UserError as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            return
        self.accept()
