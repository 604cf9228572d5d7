"""the national exports' fields: 省/市/年度, 危房户 and 饮水 flags, 低保/特困 kinds, 风险消除后 figures,
the national system's income figures, unknown (never carried) fields, and room for 22-digit 残疾人证 numbers

Revision ID: 0002_national_fields
Revises: 0001_initial
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002_national_fields"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOUSEHOLD = [
    ("province", sa.String(length=40)),
    ("city", sa.String(length=40)),
    ("data_year", sa.Integer()),
    ("first_identified_on", sa.Date()),
    ("poverty_cause", sa.String(length=40)),
    ("poverty_status", sa.String(length=20)),
    ("poverty_kind", sa.String(length=20)),
    ("monitor_contact", sa.String(length=40)),
    ("collector", sa.String(length=40)),
    ("collector_phone", sa.String(length=40)),
    ("house_unsafe", sa.Boolean()),
    ("water_safe", sa.Boolean()),
    ("water_difficult", sa.Boolean()),
    ("has_toilet", sa.Boolean()),
    ("has_power", sa.Boolean()),
    ("road_hardened", sa.Boolean()),
    ("road_distance", sa.Float()),
    ("orchard_mu", sa.Float()),
    ("pasture_mu", sa.Float()),
    ("water_surface_mu", sa.Float()),
    ("after_wage", sa.Float()),
    ("after_business", sa.Float()),
    ("after_property", sa.Float()),
    ("after_transfer", sa.Float()),
    ("after_expense", sa.Float()),
    ("after_net", sa.Float()),
    ("after_per_capita", sa.Float()),
    ("after_claims", sa.Float()),
    ("after_self_paid", sa.Float()),
    ("after_dropout", sa.Boolean()),
    ("after_house_damaged", sa.Boolean()),
    ("after_uninsured", sa.Boolean()),
    ("after_water_damaged", sa.Boolean()),
    ("unknown_fields", sa.Text()),
]
MEMBER = [
    ("dibao_kind", sa.String(length=10)),
    ("tekun_kind", sa.String(length=10)),
    ("speaks_mandarin", sa.Boolean()),
    ("industry", sa.String(length=40)),
    ("critical_aid", sa.Boolean()),
    ("medical_aid", sa.Boolean()),
    ("other_health_aid", sa.Boolean()),
    ("employment_channel", sa.String(length=40)),
    ("disability_card_year", sa.Integer()),
    ("identified_on", sa.Date()),
    ("unknown_fields", sa.Text()),
]
INCOME_RECORD = [
    ("reported_per_capita", sa.Float()),
    ("reported_net", sa.Float()),
    ("reported_gross", sa.Float()),
]


def upgrade() -> None:
    with op.batch_alter_table("household", schema=None) as batch_op:
        for name, type_ in HOUSEHOLD:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    with op.batch_alter_table("member", schema=None) as batch_op:
        for name, type_ in MEMBER:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.alter_column(
            "id_number", existing_type=sa.String(length=20), type_=sa.String(length=30), existing_nullable=True
        )
    with op.batch_alter_table("income_record", schema=None) as batch_op:
        for name, type_ in INCOME_RECORD:
            batch_op.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    longer = op.get_bind().execute(sa.text("SELECT count(*) FROM member WHERE length(id_number) > 20")).scalar()
    if longer:
        raise RuntimeError(
            f"{longer} 位成员的证件号码超过20位（22位残疾人证号码），旧版本存不下：请先改正这些号码再降级。"
        )
    with op.batch_alter_table("income_record", schema=None) as batch_op:
        for name, _ in reversed(INCOME_RECORD):
            batch_op.drop_column(name)
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.alter_column(
            "id_number", existing_type=sa.String(length=30), type_=sa.String(length=20), existing_nullable=True
        )
        for name, _ in reversed(MEMBER):
            batch_op.drop_column(name)
    with op.batch_alter_table("household", schema=None) as batch_op:
        for name, _ in reversed(HOUSEHOLD):
            batch_op.drop_column(name)
