"""The audit viewer in the clerk's language: 户编号 and 户主 in 对象, Chinese fields in the details, the
household filter, access letters."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import select

from fupin_desktop.db.models import Household, Member
from fupin_desktop.services.context import LOCAL_ADMIN, ServiceContext
from fupin_desktop.services.households.editing import load_draft, save_draft
from fupin_desktop.ui.audit_viewer import AuditViewer


def _edit_phone(ctx: ServiceContext, skip: int) -> tuple[str, str, str | None]:
    with ctx.sessions() as session:
        household_id, number, head = session.execute(
            select(Household.id, Household.number, Member.name)
            .join(Member, Member.household_id == Household.id)
            .where(Member.relation == "户主", Member.status == "在册")
            .order_by(Household.id)
            .offset(skip)
            .limit(1)
        ).one()
    draft = load_draft(ctx, household_id)
    save_draft(ctx, replace(draft, record=replace(draft.record, phone=f"1540000111{skip}")))
    return number, head, draft.record.phone


def test_the_viewer_names_the_household_and_filters_by_it(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir, actor=LOCAL_ADMIN)
    number, head, old_phone = _edit_phone(window.ui.ctx, 0)
    _edit_phone(window.ui.ctx, 1)
    viewer = AuditViewer(window.ui, window)
    qtbot.addWidget(viewer)
    viewer.show()
    headers = [viewer.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["时间", "用户", "操作", "类别", "对象", "说明"]

    viewer.household.setFocus()
    viewer.household.setText(head)  # typed in Chinese (keyClicks sends only Latin keys)
    qtbot.keyClick(viewer.household, Qt.Key.Key_Return)
    assert viewer.isVisible() and viewer.count.text() == "共 1 条"
    cells = [viewer.model.index(0, c).data() for c in range(3, 6)]
    assert cells == ["农户", f"{number} {head}户", f"户 {number}：修改 户联系电话"]
    viewer.table.setCurrentIndex(viewer.model.index(0, 4))
    details = viewer.details.toPlainText()
    assert f"对象：农户　{number} {head}户" in details
    assert f"修改内容：\n  户联系电话：{old_phone or '（空）'} → 15400001110" in details
    assert "phone" not in details

    viewer.household.clear()
    viewer.search()
    assert viewer.count.text() != "共 1 条"


def test_every_button_and_filter_has_its_own_access_letter(qtbot, make_window, demo_dir: Path) -> None:
    window = make_window(demo_dir, actor=LOCAL_ADMIN)
    viewer = AuditViewer(window.ui, window)
    qtbot.addWidget(viewer)
    texts = [b.text() for b in viewer.findChildren(QPushButton)] + [viewer.by_date.text()]
    texts += [label.text() for label in viewer.findChildren(QLabel) if label.buddy() is not None]
    letters = [t[t.index("&") + 1].upper() for t in texts if "&" in t]
    assert len(letters) == len(texts) == len(set(letters))
