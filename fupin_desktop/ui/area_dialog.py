"""文件 → 区划管理…: the township's villages and their groups, in order, and each village's 村务 contacts.

Type a name and press 添加村, 添加组 (several at once, separated by 、) or 改名; 合并到… moves a village's
households (or a group's) into another; 上移 and 下移 set the order every list and paper uses; 删除 takes
only an empty village or group. Each change is saved at once, audited, and announced to the tabs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.services.context import Permission
from fupin_desktop.services.register import (
    Contacts,
    VillageEntry,
    add_groups,
    add_village,
    area_tree,
    delete_area,
    merge_areas,
    move_area,
    rename_area,
    set_contacts,
)
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import show_error

if TYPE_CHECKING:
    from fupin_desktop.ui.features import Workbench

ID_ROLE = Qt.ItemDataRole.UserRole
_SEPARATORS = re.compile(r"[、,，;；\s]+")


def install(bench: Workbench, after: QAction) -> QAction:
    """文件 → 区划管理…, just below `after` (代码表…); hidden from those who may not edit."""
    allowed = bench.ui.ctx.actor.can(Permission.EDIT)
    menu = bench.menu("file")
    action = QAction("区划管理(&Q)…", bench.widget())
    action.setObjectName("areasAction")
    action.setStatusTip("本乡镇的村和组：添加、改名、合并、排序，以及各村的监测联系人和驻村第一书记")
    action.setVisible(allowed)
    action.setEnabled(allowed)
    action.triggered.connect(lambda: open_areas(bench.ui, bench.widget()))
    actions = menu.actions()
    following = actions[actions.index(after) + 1] if after in actions[:-1] else None
    menu.insertAction(following, action)
    return action


def open_areas(ui: UiContext, parent: QWidget | None) -> bool:
    """Open 区划管理; True when the township has at least one village afterwards."""
    dialog = AreaDialog(ui, parent)
    dialog.exec()
    dialog.deleteLater()
    return bool(dialog.rows)


def offer_areas(ui: UiContext, parent: QWidget | None, title: str) -> bool:
    """No village yet (a blank start): offer 区划管理; True once there is a village to go on with."""
    if not ui.ctx.actor.can(Permission.EDIT):
        QMessageBox.information(
            parent, title, "还没有任何村。请让有录入权限的用户在 文件 → 区划管理 中添加村和组，或导入数据。"
        )
        return False
    answer = QMessageBox.question(
        parent,
        title,
        "还没有任何村。先添加村和组吗？\n\n在“区划管理”中填好本乡镇的村和组，就可以逐户录入了"
        "（也可以用 文件 → 导入 Excel 从台账导入）。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes and open_areas(ui, parent)


class AreaDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.ctx = ui, ui.ctx
        self.rows: list[VillageEntry] = []
        self.setObjectName("areaDialog")
        self.setWindowTitle("区划管理")
        self.resize(780, 540)

        self.tree = QTreeWidget()
        self.tree.setObjectName("areaTree")
        self.tree.setHeaderLabels(["村 / 组", "户数"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())

        self.name = QLineEdit()
        self.name.setObjectName("areaNameEdit")
        self.name.setMaxLength(200)  # several groups at once; each name is checked against 60
        self.name.setPlaceholderText("村名或组名（多个组用顿号分开）")
        name_label = QLabel("名称(&N)")
        name_label.setBuddy(self.name)

        self.add_village_button = self._button("添加村(&V)", "addVillageButton", self.add_village)
        self.add_group_button = self._button("添加组(&G)", "addGroupButton", self.add_group)
        self.rename_button = self._button("改名(&R)", "renameAreaButton", self.rename)
        self.merge_button = self._button("合并到(&M)…", "mergeAreaButton", self.merge)
        self.up_button = self._button("上移(&U)", "moveUpButton", lambda: self.move(-1))
        self.down_button = self._button("下移(&D)", "moveDownButton", lambda: self.move(1))
        self.delete_button = self._button("删除(&X)", "deleteAreaButton", self.delete)
        buttons = QGridLayout()
        for n, button in enumerate(
            (
                self.add_village_button,
                self.add_group_button,
                self.rename_button,
                self.merge_button,
                self.up_button,
                self.down_button,
                self.delete_button,
            )
        ):
            buttons.addWidget(button, n // 2, n % 2)

        self.contacts_box = QGroupBox("村务联系人")
        self.contacts_box.setObjectName("contactsBox")
        self.monitor = self._contact_edit("monitorEdit", 40, "姓名")
        self.monitor_phone = self._contact_edit("monitorPhoneEdit", 40, "11位手机号，或带区号的座机")
        self.secretary = self._contact_edit("secretaryEdit", 40, "姓名")
        self.secretary_phone = self._contact_edit("secretaryPhoneEdit", 40, "11位手机号，或带区号的座机")
        self.save_contacts_button = self._button("保存联系人(&S)", "saveContactsButton", self.save_contacts)
        form = QFormLayout(self.contacts_box)
        form.addRow("监测联系人", self.monitor)
        form.addRow("电话", self.monitor_phone)
        form.addRow("驻村第一书记", self.secretary)
        form.addRow("电话", self.secretary_phone)
        form.addRow("", self.save_contacts_button)
        hint = QLabel("联系人印在该村的公示名单和作战图上。")
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        form.addRow(hint)

        side = QVBoxLayout()
        side.addWidget(name_label)
        side.addWidget(self.name)
        side.addLayout(buttons)
        side.addSpacing(8)
        side.addWidget(self.contacts_box)
        side.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("areaMessage")
        self.message.setWordWrap(True)
        close = self._button("关闭(&C)", "closeButton", self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)

        body = QHBoxLayout()
        body.addWidget(self.tree, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

        self.reload()
        self.name.setFocus()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _contact_edit(self, name: str, length: int, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(length)
        edit.setPlaceholderText(placeholder)
        return edit

    # ------------------------------------------------------------ the tree

    def reload(self, select: int | None = None) -> None:
        """Fill the tree again, selecting area `select` (or the one selected before)."""
        current = select if select is not None else self.selected_id()
        self.rows = area_tree(self.ctx)
        self.tree.clear()
        chosen = None
        for village in self.rows:
            item = QTreeWidgetItem([village.name, f"{village.households} 户"])
            item.setData(0, ID_ROLE, village.id)
            self.tree.addTopLevelItem(item)
            chosen = item if village.id == current else chosen
            for group in village.groups:
                child = QTreeWidgetItem([group.name, f"{group.households} 户"])
                child.setData(0, ID_ROLE, group.id)
                item.addChild(child)
                chosen = child if group.id == current else chosen
        self.tree.expandAll()
        if chosen is None and self.tree.topLevelItemCount():
            chosen = self.tree.topLevelItem(0)
        self.tree.setCurrentItem(chosen)
        self._selection_changed()

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def selected_village(self) -> VillageEntry | None:
        """The village selected, or the village of the group selected."""
        item = self.tree.currentItem()
        if item is None:
            return None
        top = item.parent() or item
        return next((v for v in self.rows if v.id == top.data(0, ID_ROLE)), None)

    def _is_group(self) -> bool:
        item = self.tree.currentItem()
        return item is not None and item.parent() is not None

    def _selected_name(self) -> str:
        item = self.tree.currentItem()
        if item is None:
            return ""
        return f"{item.parent().text(0)}{item.text(0)}" if item.parent() else item.text(0)

    def _selection_changed(self) -> None:
        allowed = self.ctx.actor.can(Permission.EDIT)
        picked = self.tree.currentItem() is not None
        for button in (self.rename_button, self.merge_button, self.up_button, self.down_button):
            button.setEnabled(allowed and picked)
        self.delete_button.setEnabled(allowed and picked)
        self.add_village_button.setEnabled(allowed)
        self.add_group_button.setEnabled(allowed and picked)
        village = self.selected_village()
        self.contacts_box.setEnabled(allowed and village is not None)
        self.contacts_box.setTitle(f"村务联系人：{village.name}" if village else "村务联系人（先选中一个村）")
        contacts = village.contacts if village else Contacts()
        self.monitor.setText(contacts.monitor)
        self.monitor_phone.setText(contacts.monitor_phone)
        self.secretary.setText(contacts.secretary)
        self.secretary_phone.setText(contacts.secretary_phone)

    # ------------------------------------------------------------ changes

    def _changed(self, message: str, select: int | None = None) -> None:
        self.reload(select)
        self.message.setText(message)
        self.ui.events.data_changed.emit("all")
        self.ui.events.status_message.emit(message)

    def _typed(self) -> str | None:
        text = self.name.text().strip()
        if not text:
            self.message.setText("请先在“名称”中填写村名或组名。")
            self.name.setFocus()
            return None
        return text

    def add_village(self) -> None:
        name = self._typed()
        if name is None:
            return
        try:
            village_id = add_village(self.ctx, name)
        except Exception as exc:
            show_error(self, exc, title="未添加村")
            return
        self.name.clear()
        self._changed(f"已添加村“{name}”。接着可以填写组名，按 添加组。", village_id)

    def add_group(self) -> None:
        village = self.selected_village()
        text = self._typed()
        if village is None or text is None:
            return
        names = [n for n in _SEPARATORS.split(text) if n]
        try:
            ids = add_groups(self.ctx, village.id, names)
        except Exception as exc:
            show_error(self, exc, title="未添加组")
            return
        self.name.clear()
        self._changed(f"已在“{village.name}”添加 {'、'.join(names)}。", ids[-1])

    def rename(self) -> None:
        area_id, old = self.selected_id(), self._selected_name()
        if area_id is None:
            return
        item = self.tree.currentItem()
        if not self.name.text().strip():
            self.name.setText(item.text(0))
            self.name.selectAll()
            self.name.setFocus()
            self.message.setText(f"在“名称”中改好“{old}”的新名称，再按 改名。")
            return
        new = self.name.text().strip()
        try:
            rename_area(self.ctx, area_id, new)
        except Exception as exc:
            show_error(self, exc, title="未改名")
            return
        self.name.clear()
        self._changed(f"已把“{old}”改名为“{new}”。", area_id)

    def merge(self) -> None:
        area_id, item = self.selected_id(), self.tree.currentItem()
        if area_id is None or item is None:
            return
        village = self.selected_village()
        if self._is_group() and village is not None:
            targets = {f"{village.name}{g.name}": g.id for g in village.groups if g.id != area_id}
            what = "组"
        else:
            targets = {v.name: v.id for v in self.rows if v.id != area_id}
            what = "村"
        source = self._selected_name()
        if not targets:
            self.message.setText(f"没有可以合并到的另一个{what}。")
            return
        target, ok = QInputDialog.getItem(
            self, "合并到…", f"把“{source}”合并到哪个{what}？", list(targets), 0, False
        )
        if not ok or target not in targets:
            return
        count = item.text(1)
        answer = QMessageBox.question(
            self,
            "合并",
            f"把“{source}”合并到“{target}”：“{source}”的 {count}"
            + ("和它的组" if what == "村" else "")
            + f"都移入“{target}”，“{source}”随后删除。\n\n确定合并吗？",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = merge_areas(self.ctx, area_id, targets[target])
        except Exception as exc:
            show_error(self, exc, title="未合并")
            return
        self._changed(result.message, targets[target])

    def move(self, step: int) -> None:
        area_id = self.selected_id()
        if area_id is None:
            return
        try:
            moved = move_area(self.ctx, area_id, step)
        except Exception as exc:
            show_error(self, exc, title="未移动")
            return
        if not moved:
            self.message.setText("已经在最前面了。" if step < 0 else "已经在最后面了。")
            return
        self._changed(f"已把“{self._selected_name()}”{'上移' if step < 0 else '下移'}。", area_id)

    def delete(self) -> None:
        area_id, name = self.selected_id(), self._selected_name()
        if area_id is None:
            return
        answer = QMessageBox.question(
            self, "删除", f"删除“{name}”吗？（只有没有农户和整改任务的村、组才能删除）"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_area(self.ctx, area_id)
        except Exception as exc:
            show_error(self, exc, title="未删除")
            return
        self._changed(f"已删除“{name}”。")

    def save_contacts(self) -> None:
        village = self.selected_village()
        if village is None:
            return
        contacts = Contacts(
            self.monitor.text(), self.monitor_phone.text(), self.secretary.text(), self.secretary_phone.text()
        )
        try:
            changed = set_contacts(self.ctx, village.id, contacts)
        except Exception as exc:
            show_error(self, exc, title="联系人未保存")
            return
        if changed:
            self._changed(f"已保存“{village.name}”的联系人。", self.selected_id())
        else:
            self.message.setText(f"“{village.name}”的联系人没有改动。")
