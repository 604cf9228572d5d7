"""成本比例估算: 生产经营性支出 estimated from gross output with the cost ratios in the settings
(粮食 40%, 烤烟 45%, 畜禽 40%, 林果 15%, 其他 40% by default)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from fupin_desktop.domain.income import IncomeCategory, IncomeLine, estimate_expense
from fupin_desktop.ui.households.fields import NumberField

# Which 生产经营性收入 item suggests which output kind, and which 支出 item each kind becomes.
KIND_OF_ITEM = {"种植业": "粮食", "养殖业": "畜禽", "林果业": "林果", "其他": "其他"}
EXPENSE_ITEM = {"粮食": "种植业", "烤烟": "种植业", "畜禽": "养殖业", "林果": "林果业"}


class CostHelperDialog(QDialog):
    def __init__(
        self, ratios: dict[str, float], business: list[IncomeLine], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("costHelper")
        self.setWindowTitle("按成本比例估算生产经营性支出")
        self.ratios = ratios
        intro = QLabel(
            "填写各类产品的总产值（自产自用的按市场价折算），按设置中的成本比例估算生产经营性支出。"
            "已有的生产经营性收入已按类别预填，请核对（烤烟请从“粮食”改填到“烤烟”）。"
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        for col, title in enumerate(("产品", "总产值(元)", "成本比例", "估算支出(元)")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        gross: dict[str, float] = {}
        for line in business:
            kind = KIND_OF_ITEM.get(line.item, "其他")
            kind = kind if kind in ratios else "其他"
            gross[kind] = gross.get(kind, 0.0) + line.amount
        self.inputs: dict[str, NumberField] = {}
        self.results: dict[str, QLabel] = {}
        for row, (kind, ratio) in enumerate(ratios.items(), start=1):
            field = NumberField()
            field.setObjectName(f"gross_{kind}")
            field.set_value(round(gross[kind], 2) if kind in gross else None)
            field.changed.connect(self._update)
            self.inputs[kind] = field
            self.results[kind] = QLabel()
            grid.addWidget(QLabel(kind), row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(QLabel(f"{ratio:.0%}"), row, 2)
            grid.addWidget(self.results[kind], row, 3)
        self.total = QLabel()
        self.total.setObjectName("costTotal")
        grid.addWidget(QLabel("<b>合计</b>"), len(ratios) + 1, 0)
        grid.addWidget(self.total, len(ratios) + 1, 3)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("填入生产经营性支出")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid.setHorizontalSpacing(16)
        grid.setColumnMinimumWidth(1, 140)
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self._update()

    def gross(self) -> dict[str, float]:
        return {kind: float(field.value() or 0) for kind, field in self.inputs.items() if field.value()}

    def _update(self) -> None:
        gross = self.gross()
        for kind, label in self.results.items():
            label.setText(
                f"{estimate_expense({kind: gross[kind]}, self.ratios):,.2f}" if kind in gross else ""
            )
        self.total.setText(f"<b>{estimate_expense(gross, self.ratios):,.2f}</b>")

    def lines(self) -> list[IncomeLine]:
        """One 生产经营性支出 line per product with output, saying how it was estimated."""
        return [
            IncomeLine(
                IncomeCategory.EXPENSE.value,
                EXPENSE_ITEM.get(kind, "其他"),
                estimate_expense({kind: amount}, self.ratios),
                f"按成本比例估算：{kind}总产值 {amount:,.2f} 元 × {self.ratios[kind]:.0%}",
            )
            for kind, amount in self.gross().items()
        ]
