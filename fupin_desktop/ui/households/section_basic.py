"""基本信息 and 三保障和饮水: the household's own fields as forms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fupin_desktop.domain import idcard
from fupin_desktop.domain.collect import gaps_of
from fupin_desktop.domain.labels import HOUSEHOLD_LABELS as L
from fupin_desktop.domain.records import MemberRecord
from fupin_desktop.domain.validation import Problem
from fupin_desktop.services.households import HouseholdDraft
from fupin_desktop.services.register import VillageRow
from fupin_desktop.ui.households.fields import (
    LENGTHS,
    CheckField,
    ChoiceField,
    DateField,
    FieldForm,
    NoteField,
    NumberField,
    TextField,
    YesNoField,
)
from fupin_desktop.ui.households.record_table import Column, RecordTableModel, record_view
from fupin_desktop.ui.households.section import EditorContext, Section

RISK_SLOTS = 5
AFTER_FIELDS = tuple(name for name in L if name.startswith("after_"))


class VillageField(QComboBox):
    """行政村 by id (names may repeat across townships); `value()` is the name for the record."""

    changed = Signal()

    def __init__(self, villages: list[VillageRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = {v.id: v.name for v in villages}
        repeated = [v.name for v in villages]
        for v in villages:
            label = v.name if repeated.count(v.name) == 1 else f"{v.name}（{v.township}）"
            self.addItem(label, v.id)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> str:
        return self.names.get(self.currentData(), "")

    def set_value(self, name: str) -> None:
        index = self.findText(name)
        if index >= 0:
            self.setCurrentIndex(index)

    def area_id(self) -> int | None:
        return self.currentData()

    def set_area_id(self, area_id: int) -> None:
        self.setCurrentIndex(max(self.findData(area_id), 0))


class GroupField(VillageField):
    """自然村(组) of the chosen village, or none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([], parent)

    def set_groups(self, groups: tuple[tuple[int, str], ...]) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        for gid, name in groups:
            self.addItem(name, gid)
        self.names = dict(groups)
        self.blockSignals(False)

    def value(self) -> str | None:  # type: ignore[override]
        return self.names.get(self.currentData())

    def set_value(self, name: str | None) -> None:  # type: ignore[override]
        self.setCurrentIndex(max(self.findText(name or ""), 0))


class RiskField(QWidget):
    """致贫/返贫风险1…5: up to five risk types, in order."""

    changed = Signal()

    def __init__(self, risks: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slots = [ChoiceField(risks) for _ in range(RISK_SLOTS)]
        for slot in self.slots:
            layout.addWidget(slot)
            slot.changed.connect(self.changed)

    def value(self) -> tuple[str, ...]:
        picked = [s.value() for s in self.slots if s.value()]
        return tuple(dict.fromkeys(picked))  # order kept, repeats dropped

    def set_value(self, risks: tuple[str, ...]) -> None:
        for slot, risk in zip(self.slots, [*risks, *[None] * RISK_SLOTS], strict=False):
            slot.set_value(risk)


def _box(title: str, form: QWidget, hint: str = "") -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(form)
    if hint:
        label = QLabel(hint)
        label.setProperty("role", "hint")
        label.setWordWrap(True)
        layout.addWidget(label)
    return box


class FormSection(Section):
    """A section made of field forms over the household record."""

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.forms: list[FieldForm] = []
        self.layout_ = QVBoxLayout(self)

    def form(self, title: str, columns: int = 3, hint: str = "") -> FieldForm:
        form = FieldForm(columns, limits=LENGTHS["household"])
        form.changed.connect(self.changed)
        self.forms.append(form)
        self.layout_.addWidget(_box(title, form, hint))
        return form

    def choice(self, field: str, *, editable: bool = False) -> ChoiceField:
        return ChoiceField(self.context.codes.values.get(field, ()), editable=editable)

    def load(self, draft: HouseholdDraft) -> None:
        for form in self.forms:
            form.load(draft.record)
            form.set_read_only(not self.context.can_edit)

    def apply(self, draft: HouseholdDraft) -> HouseholdDraft:
        record = draft.record
        for form in self.forms:
            record = form.apply(record)
        return replace(draft, record=record)

    def show_problems(self, problems: list[Problem]) -> None:
        for form in self.forms:
            form.clear_marks()
            for p in problems:
                if p.member is None and p.field:
                    form.mark(p.field, p.message)


class BasicSection(FormSection):
    title = "基本信息"

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.where = QLabel()
        self.where.setObjectName("householdWhere")
        self.layout_.addWidget(self.where)
        self.verified = QCheckBox("已入户核实：这一户待采集的项中空着的即为“无”(&V)")
        self.verified.setObjectName("householdVerified")
        self.verified.setToolTip("勾选后保存，这一户（不含成员，成员在各自的窗口中勾选）的待采集项不再列出")
        self.verified.toggled.connect(self.changed)
        self.layout_.addWidget(self.verified)

        f = self.form("户", columns=3)
        self.number = f.add("number", L["number"], TextField())
        self.number.setObjectName("householdNumber")
        self.local = f.add("number_is_local", L["number_is_local"], CheckField("国家系统户编号尚未下发"))
        f.add_row_break()
        self.village = f.add("village", L["village"], VillageField(context.villages))
        self.group = f.add("group", L["group"], GroupField())
        f.add("phone", L["phone"], TextField())
        f.add("address", L["address"], TextField(), wide=True)

        f = self.form("类别和监测", columns=3)
        f.add("household_type", L["household_type"], self.choice("户类型"))
        f.add("poverty_exit_year", L["poverty_exit_year"], NumberField(integer=True))
        f.add(
            "identification_standard",
            L["identification_standard"],
            ChoiceField(("国家标准", "省定标准"), editable=True),
        )
        f.add("monitor_category", L["monitor_category"], self.choice("监测对象类别"))
        f.add("identified_on", L["identified_on"], DateField(month=True))
        f.add("dev_support", L["dev_support"], self.choice("开发式帮扶"))
        f.add("risks", L["risks"], RiskField(context.codes.values.get("致贫返贫风险", ())), wide=True)
        f.add("risk_eliminated", L["risk_eliminated"], YesNoField())
        f.add("elimination_method", L["elimination_method"], self.choice("风险消除方式"))
        f.add("eliminated_on", L["eliminated_on"], DateField(month=True))
        f.add("no_labour_guarantee", "无劳动能力兜底户", YesNoField())
        f.labels["no_labour_guarantee"].setToolTip(L["no_labour_guarantee"])
        f.add("monitor_contact", L["monitor_contact"], TextField())

        f = self.form("生产生活条件", columns=3)
        f.add("farmland_mu", L["farmland_mu"], NumberField(decimals=2))
        f.add("forest_mu", L["forest_mu"], NumberField(decimals=2))
        f.add("grain_to_green_mu", L["grain_to_green_mu"], NumberField(decimals=2))
        f.add("orchard_mu", L["orchard_mu"], NumberField(decimals=2))
        f.add("pasture_mu", L["pasture_mu"], NumberField(decimals=2))
        f.add("water_surface_mu", L["water_surface_mu"], NumberField(decimals=2))
        f.add("has_toilet", L["has_toilet"], YesNoField())
        f.add("has_power", L["has_power"], YesNoField())
        f.add("road_hardened", L["road_hardened"], YesNoField())
        f.add("road_distance", L["road_distance"], NumberField(decimals=1))
        f.add("military_family", L["military_family"], YesNoField())
        f.add("in_cooperative", L["in_cooperative"], YesNoField())
        f.add("note", L["note"], NoteField(lines=2), wide=True)

        f = self.form("全国系统信息", hint="从全国系统导出的表格导入，原样保存并随台账导出。")
        f.add("province", L["province"], TextField())
        f.add("city", L["city"], TextField())
        f.add("data_year", L["data_year"], NumberField(integer=True))
        f.add("first_identified_on", L["first_identified_on"], DateField(month=True))
        f.add("poverty_status", L["poverty_status"], TextField())
        f.add("poverty_kind", L["poverty_kind"], TextField())
        f.add("poverty_cause", L["poverty_cause"], self.choice("致贫原因(旧)", editable=True))
        f.add("collector", L["collector"], TextField())
        f.add("collector_phone", L["collector_phone"], TextField())

        f = self.form("风险消除后（全国系统）", columns=4, hint="监测对象风险消除时全国系统登记的情况。")
        for name in AFTER_FIELDS:
            yes_no = name in (
                "after_dropout",
                "after_house_damaged",
                "after_uninsured",
                "after_water_damaged",
            )
            f.add(name, L[name].removeprefix("风险消除后"), YesNoField() if yes_no else NumberField())
        self.layout_.addStretch(1)

        self.village.changed.connect(self._village_changed)
        # Typing the national number over the generated one clears the mark.
        self.number.textEdited.connect(lambda _text: self.local.set_value(False))

    def _village_changed(self) -> None:
        village = next((v for v in self.context.villages if v.id == self.village.area_id()), None)
        self.group.set_groups(village.groups if village else ())

    def load(self, draft: HouseholdDraft) -> None:
        self.village.blockSignals(True)
        self.village.set_area_id(draft.village_id)
        self.village.blockSignals(False)
        self._village_changed()
        super().load(draft)
        self.village.set_area_id(draft.village_id)
        if draft.group_id is not None:
            self.group.set_area_id(draft.group_id)
        record = draft.record
        place = "".join(filter(None, (record.county, record.township)))
        status = f"　已归档：{record.archived_reason}（{record.archived_on}）" if record.archived else ""
        gaps = gaps_of(record, self.context.today)
        missing = f"\n待采集（导入的表格中没有，入户后补录）：{gaps.summary()}" if gaps else ""
        self.where.setText(f"{place}{status}{missing}")
        self.where.setWordWrap(True)
        self.where.setVisible(bool(place or status or missing))
        self.verified.setChecked(False)
        self.verified.setVisible(bool(gaps.household))
        self.verified.setEnabled(self.context.can_edit)

    def apply(self, draft: HouseholdDraft) -> HouseholdDraft:
        draft = super().apply(draft)
        if self.verified.isChecked():
            draft = replace(draft, record=replace(draft.record, unknown_fields=None))
        return replace(draft, village_id=self.village.area_id(), group_id=self.group.area_id())


def _age(m: MemberRecord, today: date) -> int | None:
    return idcard.age_on(m.birth_date, today) if m.birth_date else None


class HousingSection(FormSection):
    title = "三保障和饮水"

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        f = self.form("住房安全", hint="危房等级 C 为局部危房、D 为整幢危房；A、B 为安全住房。")
        f.add("house_danger_level", L["house_danger_level"], self.choice("危房等级"))
        f.add("house_appraised_on", L["house_appraised_on"], DateField())
        f.add("house_area", L["house_area"], NumberField(decimals=1))
        f.add(
            "house_renovation",
            L["house_renovation"],
            ChoiceField(("维修加固", "拆除重建", "置换", "租赁"), editable=True),
        )
        f.add("house_renovated_on", L["house_renovated_on"], DateField())
        f.add("house_subsidy", L["house_subsidy"], NumberField())
        f.add("house_unsafe", L["house_unsafe"], YesNoField())

        f = self.form("易地扶贫搬迁")
        f.add("relocated", L["relocated"], YesNoField())
        f.add("relocation_mode", L["relocation_mode"], self.choice("安置方式"))
        f.add("relocation_site", L["relocation_site"], TextField())

        f = self.form(
            "饮水安全",
            hint="水量：每人每天不少于35升（干旱地区20升）；取水方便：入户，或往返不超过20分钟、"
            "水平距离800米、垂直距离80米；供水保证率：一年断水不超过36天。",
        )
        f.add("water_safe", L["water_safe"], YesNoField())
        f.add("water_source", L["water_source"], self.choice("水源类型"))
        f.add("water_quantity_ok", L["water_quantity_ok"], YesNoField())
        f.add("water_quality_ok", L["water_quality_ok"], YesNoField())
        f.add("water_access_ok", L["water_access_ok"], YesNoField())
        f.add("water_supply_ok", L["water_supply_ok"], YesNoField())
        f.add("water_difficult", L["water_difficult"], YesNoField())

        today = context.today
        columns: list[Column[MemberRecord]] = [
            Column("姓名", lambda m: m.name, 80),
            Column("年龄", lambda m: _age(m, today), 50),
            Column("在校生状况", lambda m: m.school_status, 120),
            Column("失学或辍学原因", lambda m: m.dropout_reason, 120),
            Column("健康状况", lambda m: m.health, 90),
            Column("居民医保", lambda m: m.ins_resident_medical, 70),
            Column("职工医保", lambda m: m.ins_employee_medical, 70),
            Column("大病保险", lambda m: m.ins_critical_illness, 70),
        ]
        self.members = RecordTableModel(columns, self)
        box = QGroupBox("义务教育和基本医疗（在“家庭成员”中修改）")
        box_layout = QVBoxLayout(box)
        table = record_view(self.members, box)
        table.setObjectName("schoolHealthTable")
        table.setMinimumHeight(150)
        box_layout.addWidget(table)
        self.layout_.addWidget(box, 1)

    def refresh(self) -> None:
        self.members.set_records(list(self.context.current_record().active_members))
