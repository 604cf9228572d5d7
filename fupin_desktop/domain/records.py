"""One household's full record as plain frozen data: what the editor shows, the card prints, the checks
read and the exports write. Loaded in bulk by `services/register/records.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from fupin_desktop.domain.codes import HEAD, MEMBER_ACTIVE
from fupin_desktop.domain.income import (
    IncomeLine,
    IncomeSummary,
    IncomeTotals,
    ReportedIncome,
    summarize,
    summarize_totals,
)


@dataclass(frozen=True, slots=True)
class MemberRecord:
    id: int | None
    name: str
    sex: str | None = None
    birth_date: date | None = None
    id_type: str = "身份证"
    id_number: str | None = None
    person_number: str | None = None
    ethnicity: str | None = None
    relation: str | None = None
    political_status: str | None = None
    education: str | None = None
    school_status: str | None = None
    health: str | None = None
    disability_category: str | None = None
    disability_grade: str | None = None
    labour_skill: str | None = None
    work_status: str | None = None
    work_place: str | None = None
    work_months: float | None = None
    work_company: str | None = None
    work_abroad: bool | None = None
    public_post: str | None = None
    public_post_months: float | None = None
    ins_resident_medical: bool | None = None
    ins_employee_medical: bool | None = None
    ins_critical_illness: bool | None = None
    ins_commercial: bool | None = None
    pension_resident: bool | None = None
    pension_employee: bool | None = None
    dibao: bool | None = None
    tekun: bool | None = None
    dropout_reason: str | None = None
    phone: str | None = None
    dibao_kind: str | None = None
    tekun_kind: str | None = None
    speaks_mandarin: bool | None = None
    industry: str | None = None
    critical_aid: bool | None = None
    medical_aid: bool | None = None
    other_health_aid: bool | None = None
    employment_channel: str | None = None
    disability_card_year: int | None = None
    identified_on: date | None = None
    status: str = MEMBER_ACTIVE
    removed_on: date | None = None
    removed_reason: str | None = None
    unknown_fields: str | None = None  # comma-joined: see `unknown`

    @property
    def active(self) -> bool:
        return self.status == MEMBER_ACTIVE

    @property
    def unknown(self) -> frozenset[str]:
        """Fields this member's source never carried (`domain.collect`): unknown, not empty."""
        return split_fields(self.unknown_fields)

    @property
    def is_head(self) -> bool:
        return self.relation == HEAD


def head_of(members: Iterable[MemberRecord]) -> MemberRecord | None:
    """THE 户主 rule (DOMAIN.md 户主姓名; issue 21 §2): of a household's members in their stored order
    (position, then id: as `services.register.records` loads them), the first 在册 one whose 与户主关系 is
    户主; None when there is none. Never by name: a household with two heads (a 数据核查 error) names the
    same one everywhere. `services.register.refs.head_id` is the same rule in SQL."""
    return next((m for m in members if m.active and m.is_head), None)


def split_fields(text: str | None) -> frozenset[str]:
    return frozenset(text.split(",")) if text else frozenset()


def join_fields(names: Iterable[str]) -> str | None:
    """The stored form of a set of field names (sorted, so equal sets store equal text)."""
    return ",".join(sorted(set(names))) or None


@dataclass(frozen=True, slots=True)
class IncomeYear:
    year: int
    people: int | None
    lines: tuple[IncomeLine, ...]
    assessed_on: date | None = None
    note: str | None = None
    reported: ReportedIncome | None = None  # the national system's figures for the year
    # The lines' sums, read instead of the lines by bulk jobs that only need the summary (the lines are
    # then empty): see `services.register.records.load_households(income_lines=False)`.
    totals: IncomeTotals | None = None


@dataclass(frozen=True, slots=True)
class MeasureRecord:
    id: int | None
    category: str
    item: str | None = None
    content: str | None = None
    amount: float | None = None
    start_date: date | None = None
    end_date: date | None = None
    year: int | None = None
    member_id: int | None = None


@dataclass(frozen=True, slots=True)
class VisitRecord:
    id: int | None
    visited_on: date
    visitor: str
    seen: str | None = None
    asked: str | None = None
    calculated: str | None = None
    checked: str | None = None
    problems: str | None = None
    follow_up: str | None = None
    helper_id: int | None = None


@dataclass(frozen=True, slots=True)
class PairingRecord:
    id: int | None
    helper_id: int
    helper_name: str
    helper_unit: str | None
    helper_phone: str | None
    helper_title: str | None
    start_date: date
    end_date: date | None = None
    end_reason: str | None = None

    @property
    def current(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True, slots=True)
class ProgramRecord:
    program: str
    start_date: date
    end_date: date | None = None
    category: str | None = None
    member_id: int | None = None
    end_reason: str | None = None


@dataclass(frozen=True, slots=True)
class HouseholdRecord:
    id: int | None
    number: str
    village: str
    group: str | None = None
    township: str | None = None
    county: str | None = None
    number_is_local: bool = False
    address: str | None = None
    phone: str | None = None
    province: str | None = None
    city: str | None = None
    data_year: int | None = None
    household_type: str | None = None
    poverty_exit_year: int | None = None
    monitor_category: str | None = None
    identified_on: date | None = None
    risks: tuple[str, ...] = ()
    disaster_detail: str | None = None  # 因自然灾害子项 of the 因自然灾害 risk
    risk_eliminated: bool | None = None
    elimination_method: str | None = None
    eliminated_on: date | None = None
    dev_support: str | None = None
    no_labour_guarantee: bool | None = None
    identification_standard: str | None = None
    first_identified_on: date | None = None
    poverty_cause: str | None = None
    poverty_status: str | None = None
    poverty_kind: str | None = None
    monitor_contact: str | None = None
    collector: str | None = None
    collector_phone: str | None = None
    relocated: bool | None = None
    relocation_mode: str | None = None
    relocation_site: str | None = None
    house_danger_level: str | None = None
    house_appraised_on: date | None = None
    house_renovation: str | None = None
    house_renovated_on: date | None = None
    house_subsidy: float | None = None
    house_area: float | None = None
    house_unsafe: bool | None = None
    water_source: str | None = None
    water_quantity_ok: bool | None = None
    water_quality_ok: bool | None = None
    water_access_ok: bool | None = None
    water_supply_ok: bool | None = None
    water_safe: bool | None = None
    water_difficult: bool | None = None
    has_toilet: bool | None = None
    has_power: bool | None = None
    road_hardened: bool | None = None
    road_distance: float | None = None
    farmland_mu: float | None = None
    forest_mu: float | None = None
    grain_to_green_mu: float | None = None
    orchard_mu: float | None = None
    pasture_mu: float | None = None
    water_surface_mu: float | None = None
    military_family: bool | None = None
    in_cooperative: bool | None = None
    note: str | None = None
    after_wage: float | None = None
    after_business: float | None = None
    after_property: float | None = None
    after_transfer: float | None = None
    after_expense: float | None = None
    after_net: float | None = None
    after_per_capita: float | None = None
    after_claims: float | None = None
    after_self_paid: float | None = None
    after_dropout: bool | None = None
    after_house_damaged: bool | None = None
    after_uninsured: bool | None = None
    after_water_damaged: bool | None = None
    unknown_fields: str | None = None  # comma-joined: see `unknown`
    archived: bool = False
    archived_on: date | None = None
    archived_reason: str | None = None
    members: tuple[MemberRecord, ...] = ()
    incomes: tuple[IncomeYear, ...] = ()  # ascending by year
    measures: tuple[MeasureRecord, ...] = ()
    visits: tuple[VisitRecord, ...] = ()
    pairings: tuple[PairingRecord, ...] = ()  # newest first
    programs: tuple[ProgramRecord, ...] = ()
    thresholds: dict[int, float] = field(default_factory=dict)  # 监测范围 by year, for income summaries

    @property
    def unknown(self) -> frozenset[str]:
        """Household fields its source never carried (`domain.collect`): unknown, not empty."""
        return split_fields(self.unknown_fields)

    @property
    def active_members(self) -> tuple[MemberRecord, ...]:
        return tuple(m for m in self.members if m.active)

    @property
    def head(self) -> MemberRecord | None:
        return head_of(self.members)

    @property
    def head_name(self) -> str:
        head = self.head
        return head.name if head else ""

    @property
    def current_pairing(self) -> PairingRecord | None:
        return next((p for p in self.pairings if p.current), None)

    @property
    def is_monitored(self) -> bool:
        return bool(self.monitor_category)

    @property
    def village_group(self) -> str:
        return f"{self.village}{self.group or ''}"

    def income(self, year: int) -> IncomeSummary | None:
        for record in self.incomes:
            if record.year == year:
                people = record.people if record.people else len(self.active_members)
                threshold = self.thresholds.get(year)
                if record.totals is not None:
                    return summarize_totals(year, people, record.totals, threshold, record.reported)
                return summarize(year, people, record.lines, threshold, record.reported)
        return None

    @property
    def latest_income(self) -> IncomeSummary | None:
        return self.income(self.incomes[-1].year) if self.incomes else None
