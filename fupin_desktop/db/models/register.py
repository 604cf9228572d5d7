"""The household register: areas, households and members, income, helpers and pairings, measures and
visits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fupin_desktop.db.models.base import Base, Timestamps, foreign_key

# ---------------------------------------------------------------- areas


class Area(Base):
    """县 / 乡镇 / 村 / 组 in one tree (level: county, township, village, group)."""

    __tablename__ = "area"
    __table_args__ = (
        UniqueConstraint("parent_id", "name"),
        # the constraint above lets NULL parents repeat: one 县 row however many imports race (0005)
        Index(
            "uq_area_root_name",
            "name",
            unique=True,
            sqlite_where=text("parent_id IS NULL"),
            postgresql_where=text("parent_id IS NULL"),
        ),
        CheckConstraint("level IN ('county', 'township', 'village', 'group')", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = foreign_key("area.id", nullable=True)
    level: Mapped[str] = mapped_column(String(10), index=True)
    name: Mapped[str] = mapped_column(String(60), index=True)
    code: Mapped[str | None] = mapped_column(String(20))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # 村务 contacts printed on a village's papers (villages only)
    monitor_contact: Mapped[str | None] = mapped_column(String(40))  # 监测联系人
    monitor_phone: Mapped[str | None] = mapped_column(String(40))
    secretary: Mapped[str | None] = mapped_column(String(40))  # 驻村第一书记
    secretary_phone: Mapped[str | None] = mapped_column(String(40))

    parent: Mapped[Area | None] = relationship(remote_side=[id])


# ---------------------------------------------------------------- households and members


class Household(Timestamps, Base):
    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # 户编号 (text, never a number)
    number_is_local: Mapped[bool] = mapped_column(
        Boolean, default=False
    )  # generated until the national one is known
    village_id: Mapped[int] = foreign_key("area.id")
    group_id: Mapped[int | None] = foreign_key("area.id", nullable=True)  # 自然村(组)
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    # 省 / 市 and 年度 as the national system's file states them (kept, exported back)
    province: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(String(40))
    data_year: Mapped[int | None] = mapped_column(Integer)

    household_type: Mapped[str | None] = mapped_column(String(20), index=True)  # 户类型
    poverty_exit_year: Mapped[int | None] = mapped_column(Integer)  # 脱贫年度
    monitor_category: Mapped[str | None] = mapped_column(String(20), index=True)  # 监测对象类别
    identified_on: Mapped[date | None] = mapped_column(Date)  # 识别监测时间 (YYYYMM → first of month)
    risk_eliminated: Mapped[bool | None] = mapped_column(Boolean, index=True)  # 风险是否已消除
    elimination_method: Mapped[str | None] = mapped_column(String(20))  # 帮扶消除 / 自然消除
    eliminated_on: Mapped[date | None] = mapped_column(Date)  # 消除监测时间
    dev_support: Mapped[str | None] = mapped_column(String(10))  # 实施开发式帮扶措施情况
    no_labour_guarantee: Mapped[bool | None] = mapped_column(Boolean)  # 整户无劳动能力兜底保障户
    identification_standard: Mapped[str | None] = mapped_column(String(40))  # 识别标准
    first_identified_on: Mapped[date | None] = mapped_column(Date)  # 首次识别时间
    poverty_cause: Mapped[str | None] = mapped_column(String(40))  # 主要致贫原因 (the 2014–2020 cause)
    poverty_status: Mapped[str | None] = mapped_column(String(20))  # 脱贫属性
    poverty_kind: Mapped[str | None] = mapped_column(String(20))  # 贫困户属性
    monitor_contact: Mapped[str | None] = mapped_column(String(40))  # 监测联系人
    collector: Mapped[str | None] = mapped_column(String(40))  # 信息采集人
    collector_phone: Mapped[str | None] = mapped_column(String(40))  # 信息采集人联系电话

    relocated: Mapped[bool | None] = mapped_column(Boolean)  # 易地扶贫搬迁
    relocation_mode: Mapped[str | None] = mapped_column(String(20))
    relocation_site: Mapped[str | None] = mapped_column(String(100))

    house_danger_level: Mapped[str | None] = mapped_column(String(2))  # 危房等级 A/B/C/D
    house_appraised_on: Mapped[date | None] = mapped_column(Date)
    house_renovation: Mapped[str | None] = mapped_column(String(40))  # 改造方式
    house_renovated_on: Mapped[date | None] = mapped_column(Date)
    house_subsidy: Mapped[float | None] = mapped_column(Float)
    house_area: Mapped[float | None] = mapped_column(Float)  # 住房面积 (m²)
    house_unsafe: Mapped[bool | None] = mapped_column(Boolean)  # 是否危房户 (exports that give no level)

    water_source: Mapped[str | None] = mapped_column(String(40))
    water_quantity_ok: Mapped[bool | None] = mapped_column(Boolean)
    water_quality_ok: Mapped[bool | None] = mapped_column(Boolean)
    water_access_ok: Mapped[bool | None] = mapped_column(Boolean)
    water_supply_ok: Mapped[bool | None] = mapped_column(Boolean)
    water_safe: Mapped[bool | None] = mapped_column(Boolean)  # 是否解决安全饮用水 / 饮水安全
    water_difficult: Mapped[bool | None] = mapped_column(Boolean)  # 饮水困难 (国办 data)
    has_toilet: Mapped[bool | None] = mapped_column(Boolean)  # 是否有卫生厕所
    has_power: Mapped[bool | None] = mapped_column(Boolean)  # 是否通生活用电
    road_hardened: Mapped[bool | None] = mapped_column(Boolean)  # 入户道路是否硬化
    road_distance: Mapped[float | None] = mapped_column(Float)  # 与村主干路距离 (公里)

    farmland_mu: Mapped[float | None] = mapped_column(Float)
    forest_mu: Mapped[float | None] = mapped_column(Float)
    grain_to_green_mu: Mapped[float | None] = mapped_column(Float)
    orchard_mu: Mapped[float | None] = mapped_column(Float)  # 林果面积
    pasture_mu: Mapped[float | None] = mapped_column(Float)  # 牧草地面积
    water_surface_mu: Mapped[float | None] = mapped_column(Float)  # 水面面积
    military_family: Mapped[bool | None] = mapped_column(Boolean)
    in_cooperative: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)

    # 风险消除后… as the monitoring export states them at elimination (kept, exported back)
    after_wage: Mapped[float | None] = mapped_column(Float)
    after_business: Mapped[float | None] = mapped_column(Float)
    after_property: Mapped[float | None] = mapped_column(Float)
    after_transfer: Mapped[float | None] = mapped_column(Float)
    after_expense: Mapped[float | None] = mapped_column(Float)
    after_net: Mapped[float | None] = mapped_column(Float)
    after_per_capita: Mapped[float | None] = mapped_column(Float)
    after_claims: Mapped[float | None] = mapped_column(Float)
    after_self_paid: Mapped[float | None] = mapped_column(Float)
    after_dropout: Mapped[bool | None] = mapped_column(Boolean)
    after_house_damaged: Mapped[bool | None] = mapped_column(Boolean)
    after_uninsured: Mapped[bool | None] = mapped_column(Boolean)
    after_water_damaged: Mapped[bool | None] = mapped_column(Boolean)

    # Fields this household's source never carried (comma-joined names, domain.collect): unknown, not
    # empty — 数据核查 does not judge them and the 待采集 list asks for them.
    unknown_fields: Mapped[str | None] = mapped_column(Text)

    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    archived_on: Mapped[date | None] = mapped_column(Date)
    archived_reason: Mapped[str | None] = mapped_column(String(100))
    # Optimistic concurrency (services.register.edit_versions): every save of the household or of its parts
    # (members, income, measures, visits) claims the version it loaded and raises it by one; a save
    # over a newer version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    village: Mapped[Area] = relationship(foreign_keys=[village_id])
    group: Mapped[Area | None] = relationship(foreign_keys=[group_id])
    members: Mapped[list[Member]] = relationship(
        back_populates="household", order_by="Member.position", cascade="all, delete-orphan"
    )
    risks: Mapped[list[HouseholdRisk]] = relationship(
        order_by="HouseholdRisk.position", cascade="all, delete-orphan"
    )


class HouseholdRisk(Base):
    """致贫/返贫风险1…5, ordered."""

    __tablename__ = "household_risk"
    __table_args__ = (
        UniqueConstraint("household_id", "position"),
        CheckConstraint("position BETWEEN 1 AND 5", name="position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = foreign_key("household.id", cascade=True)
    position: Mapped[int] = mapped_column(Integer)
    risk: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str | None] = mapped_column(String(40))  # e.g. 自然灾害 sub-type


class ProgramMembership(Base):
    """Dated membership of 脱贫户, 监测对象 (by category), 低保, 特困… — history, not just a flag."""

    __tablename__ = "program_membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = foreign_key("household.id", cascade=True)
    member_id: Mapped[int | None] = foreign_key("member.id", nullable=True)
    program: Mapped[str] = mapped_column(String(20), index=True)
    category: Mapped[str | None] = mapped_column(String(20))  # 监测对象类别 for 监测对象
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date, index=True)
    end_reason: Mapped[str | None] = mapped_column(String(60))


class Member(Timestamps, Base):
    __tablename__ = "member"
    __table_args__ = (CheckConstraint("status IN ('在册', '自然减少')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = foreign_key("household.id")
    position: Mapped[int] = mapped_column(Integer, default=0)  # display order in the household
    person_number: Mapped[str | None] = mapped_column(String(40), index=True)  # 人编号
    name: Mapped[str] = mapped_column(String(40), index=True)
    sex: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_type: Mapped[str] = mapped_column(String(10), default="身份证")
    id_number: Mapped[str | None] = mapped_column(String(30), index=True)  # 22 for a 残疾人证
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    relation: Mapped[str | None] = mapped_column(String(20))  # 与户主关系
    political_status: Mapped[str | None] = mapped_column(String(20))
    education: Mapped[str | None] = mapped_column(String(20))  # 文化程度
    school_status: Mapped[str | None] = mapped_column(String(20))  # 在校生状况
    health: Mapped[str | None] = mapped_column(String(20))
    disability_category: Mapped[str | None] = mapped_column(String(20))
    disability_grade: Mapped[str | None] = mapped_column(String(10))
    labour_skill: Mapped[str | None] = mapped_column(String(20))
    work_status: Mapped[str | None] = mapped_column(String(20))  # 务工状况
    work_place: Mapped[str | None] = mapped_column(String(100))  # 务工所在地
    work_months: Mapped[float | None] = mapped_column(Float)  # 务工时间(月)
    work_company: Mapped[str | None] = mapped_column(String(100))
    work_abroad: Mapped[bool | None] = mapped_column(Boolean)
    public_post: Mapped[str | None] = mapped_column(String(20))  # 公益性岗位类型
    public_post_months: Mapped[float | None] = mapped_column(Float)
    ins_resident_medical: Mapped[bool | None] = mapped_column(Boolean)  # 城乡居民基本医疗保险
    ins_employee_medical: Mapped[bool | None] = mapped_column(Boolean)  # 城镇职工基本医疗保险
    ins_critical_illness: Mapped[bool | None] = mapped_column(Boolean)  # 大病保险
    ins_commercial: Mapped[bool | None] = mapped_column(Boolean)  # 商业补充医疗保险
    pension_resident: Mapped[bool | None] = mapped_column(Boolean)  # 城乡居民基本养老保险
    pension_employee: Mapped[bool | None] = mapped_column(Boolean)  # 城镇职工基本养老保险
    dibao: Mapped[bool | None] = mapped_column(Boolean)  # 是否享受低保
    tekun: Mapped[bool | None] = mapped_column(Boolean)  # 是否特困供养人员
    dropout_reason: Mapped[str | None] = mapped_column(String(60))  # 失学或辍学原因
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    dibao_kind: Mapped[str | None] = mapped_column(String(10))  # 农村低保 / 城市低保
    tekun_kind: Mapped[str | None] = mapped_column(String(10))  # 农村特困 / 城市特困
    speaks_mandarin: Mapped[bool | None] = mapped_column(Boolean)  # 是否会讲普通话
    industry: Mapped[str | None] = mapped_column(String(40))  # 产业分类
    critical_aid: Mapped[bool | None] = mapped_column(Boolean)  # 是否接受大病医疗救助
    medical_aid: Mapped[bool | None] = mapped_column(Boolean)  # 是否接受医疗救助
    other_health_aid: Mapped[bool | None] = mapped_column(Boolean)  # 是否接受其他健康扶贫
    employment_channel: Mapped[str | None] = mapped_column(String(40))  # 就业渠道
    disability_card_year: Mapped[int | None] = mapped_column(Integer)  # 残疾证办证年度
    identified_on: Mapped[date | None] = mapped_column(Date)  # 人员识别时间
    unknown_fields: Mapped[str | None] = mapped_column(Text)  # as Household.unknown_fields

    status: Mapped[str] = mapped_column(String(10), default="在册", index=True)
    removed_on: Mapped[date | None] = mapped_column(Date)
    removed_reason: Mapped[str | None] = mapped_column(String(60))

    household: Mapped[Household] = relationship(back_populates="members")


class MemberMove(Base):
    """分户/合户: a member moved from one household to another (kept as history)."""

    __tablename__ = "member_move"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = foreign_key("member.id")
    from_household_id: Mapped[int] = foreign_key("household.id")
    to_household_id: Mapped[int] = foreign_key("household.id")
    moved_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(60))


# ---------------------------------------------------------------- income


class IncomeRecord(Timestamps, Base):
    """收支核算 of one household for one year."""

    __tablename__ = "income_record"
    __table_args__ = (UniqueConstraint("household_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = foreign_key("household.id", cascade=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    people: Mapped[int | None] = mapped_column(Integer)  # 家庭人口 at assessment; None = members 在册
    # Cached results of domain.income.summarize for fast tables and filters; written on every save.
    net_income: Mapped[float | None] = mapped_column(Float)
    per_capita: Mapped[float | None] = mapped_column(Float, index=True)
    assessed_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    # The national system's own figures for the year, as its export states them (beside ours)
    reported_per_capita: Mapped[float | None] = mapped_column(Float)  # 人均纯收入
    reported_net: Mapped[float | None] = mapped_column(Float)  # 家庭纯收入
    reported_gross: Mapped[float | None] = mapped_column(Float)  # 年收入

    items: Mapped[list[IncomeItem]] = relationship(
        back_populates="record", order_by="IncomeItem.id", cascade="all, delete-orphan"
    )


class IncomeItem(Base):
    __tablename__ = "income_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = foreign_key("income_record.id", cascade=True)
    category: Mapped[str] = mapped_column(String(20), index=True)  # domain.income.IncomeCategory value
    item: Mapped[str] = mapped_column(String(40))
    amount: Mapped[float] = mapped_column(Float)
    policy: Mapped[bool] = mapped_column(Boolean, default=False)  # 政策性转移
    note: Mapped[str | None] = mapped_column(String(200))  # 说明

    record: Mapped[IncomeRecord] = relationship(back_populates="items")


class Threshold(Base):
    """监测范围 by year and region (configurable; DOMAIN §3)."""

    __tablename__ = "threshold"
    __table_args__ = (UniqueConstraint("year", "region"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    region: Mapped[str] = mapped_column(String(40), default="本地")
    amount: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(String(200))


# ---------------------------------------------------------------- helpers and pairings


class Helper(Timestamps, Base):
    """帮扶责任人 / 监测联系人 / 驻村第一书记 / 驻村工作队员 / 产业指导员."""

    __tablename__ = "helper"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), index=True)
    sex: Mapped[str | None] = mapped_column(String(2))
    political_status: Mapped[str | None] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(100), index=True)
    unit_level: Mapped[str | None] = mapped_column(String(10))  # 省直/市直/县直/乡镇/村级
    title: Mapped[str | None] = mapped_column(String(60))  # 职务
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    id_number: Mapped[str | None] = mapped_column(String(20), index=True)
    role: Mapped[str] = mapped_column(String(20), default="帮扶责任人", index=True)
    village_id: Mapped[int | None] = foreign_key("area.id", nullable=True)  # for per-village roles
    note: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    archived_on: Mapped[date | None] = mapped_column(Date)
    archived_reason: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # see register.edit_versions


class Pairing(Base):
    """结对: helper ↔ household with dates. A change adds a row; history stays."""

    __tablename__ = "pairing"
    __table_args__ = (
        # A household never has two current helpers.
        Index(
            "uq_pairing_current_household",
            "household_id",
            unique=True,
            sqlite_where=text("end_date IS NULL"),
            postgresql_where=text("end_date IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    helper_id: Mapped[int] = foreign_key("helper.id")
    household_id: Mapped[int] = foreign_key("household.id")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, index=True)
    end_reason: Mapped[str | None] = mapped_column(String(100))

    helper: Mapped[Helper] = relationship()


class WorkTeam(Base):
    """驻村工作队 of a village."""

    __tablename__ = "work_team"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = foreign_key("area.id")
    dispatching_unit: Mapped[str | None] = mapped_column(String(100))  # 派出单位
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    members: Mapped[list[WorkTeamMember]] = relationship(cascade="all, delete-orphan")


class WorkTeamMember(Base):
    __tablename__ = "work_team_member"
    __table_args__ = (UniqueConstraint("team_id", "helper_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = foreign_key("work_team.id", cascade=True)
    helper_id: Mapped[int] = foreign_key("helper.id")
    position: Mapped[str] = mapped_column(String(20))  # 第一书记 / 队长 / 队员


# ---------------------------------------------------------------- measures and visits


class Measure(Timestamps, Base):
    """帮扶措施."""

    __tablename__ = "measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = foreign_key("household.id", cascade=True)
    member_id: Mapped[int | None] = foreign_key("member.id", nullable=True)
    category: Mapped[str] = mapped_column(String(20), index=True)  # 帮扶措施类别
    item: Mapped[str | None] = mapped_column(String(60))  # e.g. 生态护林员, 小额信贷
    content: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[float | None] = mapped_column(Float)  # 元
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer, index=True)


class Visit(Timestamps, Base):
    """走访记录: 看·问·算·核."""

    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = foreign_key("household.id", cascade=True)
    helper_id: Mapped[int | None] = foreign_key("helper.id", nullable=True)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    visitor: Mapped[str] = mapped_column(String(60))
    seen: Mapped[str | None] = mapped_column(Text)  # 看
    asked: Mapped[str | None] = mapped_column(Text)  # 问
    calculated: Mapped[str | None] = mapped_column(Text)  # 算
    checked: Mapped[str | None] = mapped_column(Text)  # 核
    problems: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
