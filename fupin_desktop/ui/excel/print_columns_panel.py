"""The export dialog's 打印工作表 panel: whether a ledger gets a 打印 sheet and which of its columns, with
how that prints (one A4 width at ≥ 8 pt, or several pages wide); remembered per ledger in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.errors import UserError
from fupin_desktop.excel.print_view import describe_fit
from fupin_desktop.services.ledgers import (
    default_print_headers,
    print_choices,
    print_columns,
    repeated_count,
)

FIELD_ROLE = Qt.ItemDataRole.UserRole


def _key(kind: str, what: str) -> str:
    return f"excel/print{what}/{kind}"


class PrintColumnsPanel(QGroupBox):
    """Checkable columns of the chosen ledger; `headers()` is what `export_ledger` takes."""

    def __init__(self, prefs: QSettings, parent: QWidget | None = None) -> None:
        super().__init__("打印工作表", parent)
        self.setObjectName("printPanel")
        self.prefs = prefs
        self.kind = ""
        self.full_id = False
        layout = QVBoxLayout(self)
        self.enabled = QCheckBox("附“打印”工作表(&P)：A4 横向，按村分页，每村小计")
        self.enabled.setObjectName("printSheet")
        self.enabled.toggled.connect(self._changed)
        layout.addWidget(self.enabled)
        label = QLabel("打印的列(&L)：")
        layout.addWidget(label)
        self.columns = QListWidget()
        self.columns.setObjectName("printColumns")
        label.setBuddy(self.columns)
        self.columns.itemChanged.connect(self._changed)
        layout.addWidget(self.columns, 1)
        self.fit = QLabel()
        self.fit.setObjectName("printFit")
        self.fit.setWordWrap(True)
        self.fit.setProperty("role", "hint")
        layout.addWidget(self.fit)
        defaults = QPushButton("恢复默认的列(&D)")
        defaults.setObjectName("printDefaults")
        defaults.clicked.connect(self.restore_defaults)
        layout.addWidget(defaults)

    def show_kind(self, kind: str, full_id: bool) -> None:
        """List `kind`'s columns, checked as last chosen (or the defaults)."""
        self.kind, self.full_id = kind, full_id
        choices = print_choices(kind, full_id)
        self.setEnabled(bool(choices))
        self.columns.blockSignals(True)
        self.columns.clear()
        if choices:
            saved = str(self.prefs.value(_key(kind, "Columns"), "") or "")
            try:
                chosen = print_columns(kind, saved.split("\t") if saved else None, full_id)
            except UserError:  # a column this version no longer has
                chosen = print_columns(kind, None, full_id)
            fields = {c.field for c in chosen}
            for column in choices:
                item = QListWidgetItem(column.header)
                item.setData(FIELD_ROLE, column.field)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if column.field in fields else Qt.CheckState.Unchecked
                )
                self.columns.addItem(item)
        self.columns.blockSignals(False)
        self.enabled.blockSignals(True)
        self.enabled.setChecked(bool(choices) and self.prefs.value(_key(kind, "Sheet"), "1") != "0")
        self.enabled.blockSignals(False)
        self._changed()

    def checked(self) -> list[str]:
        items = (self.columns.item(i) for i in range(self.columns.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def headers(self) -> list[str] | None:
        """The 打印 sheet's columns for `export_ledger`: [] when none (or the ledger has none)."""
        if not self.isEnabled() or not self.enabled.isChecked():
            return []
        return self.checked()

    def restore_defaults(self) -> None:
        wanted = set(default_print_headers(self.kind, self.full_id))
        self.columns.blockSignals(True)
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)
        self.columns.blockSignals(False)
        self._changed()

    def remember(self) -> None:
        """Keep this ledger's choice for the next export."""
        if not self.isEnabled():
            return
        self.prefs.setValue(_key(self.kind, "Columns"), "\t".join(self.checked()))
        self.prefs.setValue(_key(self.kind, "Sheet"), "1" if self.enabled.isChecked() else "0")

    def _changed(self) -> None:
        if not self.isEnabled():
            self.fit.setText("这种台账列数不多，直接打印第一个工作表即可。")
            return
        self.columns.setEnabled(self.enabled.isChecked())
        headers = self.headers()
        columns = print_columns(self.kind, headers, self.full_id) if headers else ()
        self.fit.setText(describe_fit(columns, repeated_count(self.kind, columns) if columns else 1))
