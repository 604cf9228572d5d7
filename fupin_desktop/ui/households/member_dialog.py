"""Adding or editing one member: typing an ID number fills 性别 and 出生日期 and says what is wrong
with it; 确定 is refused while the member has an error (invalid ID, missing name, a second 户主…)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import CodeLists
from fupin_desktop.domain.collect import MEMBER_FACTS
from fupin_desktop.domain.labels import MEMBER_LABELS as L
from fupin_desktop.domain.records import HouseholdRecord, MemberRecord
from fupin_desktop.domain.validation import errors, validate
from fupin_desktop.ui.households.fields import (
    LENGTHS,
    ChoiceField,
    DateField,
    FieldForm,
    NumberField,
    TextField,
    YesNoField,
)
from fupin_desktop.ui.households.form_dialog import FormDialog

ID_CARD = "身份证"


class BirthYearField(QLabel):
    """出生年份 for a user who sees ID numbers masked: the month and day are the 8 digits the mask hides
    (issue 20 §1), so only the year is shown. The stored date is kept as it is (such a user edits no
    member; a clerk, who may see full numbers, gets the date field)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date: date | None = None
        self.setToolTip("证件号码已脱敏显示，出生日期只显示年份")

    def value(self) -> date | None:
        return self._date

    def set_value(self, value: date | None) -> None:
        self._date = value
        self.setText(f"{value:%Y} 年" if value else "未填")


class MemberDialog(FormDialog):
    def __init__(
        self,
        record: HouseholdRecord,
        index: int | None,
        codes: CodeLists,
        today: date,
        *,
        full_ids: bool,
        read_only: bool = False,
        registered_elsewhere: Callable[[str], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`index` is the member's position in `record.members`, None for a new member.
        `registered_elsewhere(number)` says where else a number is 在册 (None: nowhere)."""
        title = "添加家庭成员" if index is None else f"家庭成员：{record.members[index].name}"
        super().__init__(title, parent)
        self.setObjectName("memberDialog")
        self.record, self.index, self.today, self.full_ids = record, index, today, full_ids
        self.original = record.members[index] if index is not None else MemberRecord(id=None, name="")
        self.codes = codes
        self.registered_elsewhere = registered_elsewhere

        self.identity = self._group("身份信息", self._identity_form(full_ids))
        self.id_status = QLabel()
        self.id_status.setObjectName("idStatus")
        self.id_status.setWordWrap(True)
        self.identity.layout().addWidget(self.id_status)
        self._group("教育和健康", self._education_form())
        self._group("劳动和就业", self._work_form())
        self._group("保险和保障", self._insurance_form())
        self.verified = QCheckBox("已入户核实：待采集的项中空着的即为“无”(&V)")
        self.verified.setObjectName("memberVerified")
        self.verified.setToolTip(
            "导入的表格中没有的项列为待采集；核实后勾选，空着的项按“无”或“否”处理，不再待采集"
        )
        unknown = self.original.unknown
        gaps = [f.label for f in MEMBER_FACTS if f.key in unknown and f.needed(record, self.original, today)]
        if gaps:
            note = QLabel(f"待采集（导入的表格中没有）：{'、'.join(gaps)}")
            note.setObjectName("memberGaps")
            note.setWordWrap(True)
            note.setProperty("role", "hint")
            self.body.addWidget(note)
            self.body.addWidget(self.verified)
        self.verified.setVisible(bool(gaps))
        if not self.original.active:
            removed = f"已于 {self.original.removed_on or '（日期未填）'} 自然减少：{self.original.removed_reason or '原因未填'}"
            self.body.addWidget(QLabel(removed))
        self.finish_layout()

        for form in self.forms:
            form.load(self.original)
            form.set_read_only(read_only)
        self.id_field.setReadOnly(read_only or not full_ids)
        self.id_field.changed.connect(self._id_typed)
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(not read_only)
        self._describe_id()
        self.resize(940, 640)

    # ------------------------------------------------------------ layout

    def _group(self, title: str, form: FieldForm) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(form)
        self.body.addWidget(box)
        return box

    def _choice(self, field: str, *, editable: bool = False) -> ChoiceField:
        return ChoiceField(self.codes.values.get(field, ()), editable=editable)

    def _identity_form(self, full_ids: bool) -> FieldForm:
        form = self.add_form(FieldForm(columns=3, limits=LENGTHS["member"]))
        self.name_field = form.add("name", L["name"], TextField())
        form.add("relation", L["relation"], self._choice("与户主关系"))
        form.add("id_type", L["id_type"], self._choice("证件类型"))
        self.id_field = form.add("id_number", L["id_number"], TextField())
        self.id_field.setPlaceholderText("18位，输入后自动填性别和出生日期" if full_ids else "")
        form.add("sex", L["sex"], self._choice("性别"))
        if full_ids:
            form.add("birth_date", L["birth_date"], DateField())
        else:
            form.add("birth_date", "出生年份", BirthYearField())
        form.add("ethnicity", L["ethnicity"], self._choice("民族", editable=True))
        form.add("political_status", L["political_status"], self._choice("政治面貌"))
        form.add("phone", L["phone"], TextField())
        form.add("person_number", L["person_number"], TextField())
        return form

    def _education_form(self) -> FieldForm:
        form = self.add_form(FieldForm(columns=3, limits=LENGTHS["member"]))
        form.add("education", L["education"], self._choice("文化程度"))
        form.add("school_status", L["school_status"], self._choice("在校生状况"))
        form.add("dropout_reason", L["dropout_reason"], TextField())
        form.add("health", L["health"], self._choice("健康状况"))
        form.add("disability_category", L["disability_category"], self._choice("残疾类别"))
        form.add("disability_grade", L["disability_grade"], self._choice("残疾等级"))
        form.add("disability_card_year", L["disability_card_year"], NumberField(integer=True))
        form.add("speaks_mandarin", L["speaks_mandarin"], YesNoField())
        return form

    def _work_form(self) -> FieldForm:
        form = self.add_form(FieldForm(columns=3, limits=LENGTHS["member"]))
        form.add("labour_skill", L["labour_skill"], self._choice("劳动技能"))
        form.add("work_status", L["work_status"], self._choice("务工状况"))
        form.add("work_months", L["work_months"], NumberField(decimals=1))
        form.add("work_place", L["work_place"], TextField())
        form.add("work_company", L["work_company"], TextField())
        form.add("work_abroad", L["work_abroad"], YesNoField())
        form.add("public_post", L["public_post"], self._choice("公益岗位"))
        form.add("public_post_months", L["public_post_months"], NumberField(decimals=1))
        form.add("employment_channel", L["employment_channel"], TextField())
        form.add("industry", L["industry"], TextField())
        return form

    def _insurance_form(self) -> FieldForm:
        form = self.add_form(FieldForm(columns=4, limits=LENGTHS["member"]))
        for name in (
            "ins_resident_medical",
            "ins_employee_medical",
            "ins_critical_illness",
            "ins_commercial",
            "pension_resident",
            "pension_employee",
            "critical_aid",
            "medical_aid",
            "other_health_aid",
        ):
            form.add(name, L[name], YesNoField())
        form.add("dibao", L["dibao"], YesNoField())
        form.add("dibao_kind", L["dibao_kind"], self._choice("低保类别"))
        form.add("tekun", L["tekun"], YesNoField())
        form.add("tekun_kind", L["tekun_kind"], self._choice("特困类别"))
        form.add("identified_on", L["identified_on"], DateField(month=True))
        return form

    # ------------------------------------------------------------ behaviour

    def _id_typed(self) -> None:
        """A complete, valid 身份证 number fills 性别 and 出生日期."""
        number = idcard.normalize(self.id_field.text())
        if self._value("id_type") in (None, ID_CARD) and idcard.problem(number, self.today) is None:
            self._set("sex", idcard.sex_of(number))
            self._set("birth_date", idcard.birth_date_of(number))
        self._describe_id()

    def _describe_id(self) -> None:
        number = idcard.normalize(self.id_field.text())
        if not number or "*" in number or self._value("id_type") not in (None, ID_CARD):
            self.id_status.setText("")
            return
        problem = idcard.problem(number, self.today)
        elsewhere = None
        if problem is None and self.registered_elsewhere is not None:
            elsewhere = self.registered_elsewhere(number)
        if elsewhere:
            self.id_status.setStyleSheet("color: #c62828;")
            self.id_status.setText(
                f"这个证件号码已登记在{elsewhere}名下：同一人不能在两户在册。"
                "如是迁入，请在原户用“迁到其他户”办理；如是输错，请核对号码。"
            )
        elif problem is None:
            born = idcard.birth_date_of(number)
            age = idcard.age_on(born, self.today) if born else None
            self.id_status.setStyleSheet("color: #2e7d32;")
            self.id_status.setText(
                f"证件号码有效：{idcard.sex_of(number)}，{born:%Y年%m月%d日}出生，{age} 岁。"
            )
        else:
            self.id_status.setStyleSheet("color: #c62828;")
            self.id_status.setText(f"{problem.value}。")

    def _value(self, name: str) -> object:
        return next(form.value(name) for form in self.forms if name in form.fields)

    def _set(self, name: str, value: object) -> None:
        for form in self.forms:
            if name in form.fields:
                form.set_value(name, value)

    def member(self) -> MemberRecord:
        member = self.original
        for form in self.forms:
            member = form.apply(member)
        return replace(
            member,
            name=(member.name or "").strip(),
            id_number=idcard.normalize(member.id_number) or None,
            unknown_fields=None if self.verified.isChecked() else member.unknown_fields,
        )

    def household_with_member(self) -> HouseholdRecord:
        members = list(self.record.members)
        if self.index is None:
            members.append(self.member())
        else:
            members[self.index] = self.member()
        return replace(self.record, members=tuple(members))

    def problems(self) -> list[tuple[str | None, str]]:
        """Errors about this member, and a second 户主 wherever it is."""
        index = len(self.record.members) if self.index is None else self.index
        found = errors(validate(self.household_with_member(), self.today))
        masked = not self.full_ids  # a masked number is put back by the service, not checked here
        return [
            (p.field, p.message)
            for p in found
            if (p.member == index or p.code == "two_heads") and not (masked and p.field == "id_number")
        ]
