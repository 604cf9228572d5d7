"""initial schema

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001_initial'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.CheckConstraint("level IN ('county', 'township', 'village', 'group')", name=op.f('ck_area_level')),
    sa.ForeignKeyConstraint(['parent_id'], ['area.id'], name=op.f('fk_area_parent_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area')),
    sa.UniqueConstraint('parent_id', 'name', name=op.f('uq_area_parent_id_name'))
    )
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_area_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_area_parent_id'), ['parent_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=60), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_entity'), ['entity'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_user_name'), ['user_name'], unique=False)

    op.create_table('code_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=60), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_code_item')),
    sa.UniqueConstraint('field', 'value', name=op.f('uq_code_item_field_value'))
    )
    with op.batch_alter_table('code_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_code_item_field'), ['field'], unique=False)

    op.create_table('kpi_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpi_snapshot')),
    sa.UniqueConstraint('month', name=op.f('uq_kpi_snapshot_month'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('threshold',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('region', sa.String(length=40), nullable=False),
    sa.Column('amount', sa.Float(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_threshold')),
    sa.UniqueConstraint('year', 'region', name=op.f('uq_threshold_year_region'))
    )
    with op.batch_alter_table('threshold', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_threshold_year'), ['year'], unique=False)

    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('salt', sa.String(length=64), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("role IN ('管理员', '录入员', '只读')", name=op.f('ck_user_account_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('username', name=op.f('uq_user_account_username'))
    )
    op.create_table('helper',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sex', sa.String(length=2), nullable=True),
    sa.Column('political_status', sa.String(length=20), nullable=True),
    sa.Column('unit', sa.String(length=100), nullable=True),
    sa.Column('unit_level', sa.String(length=10), nullable=True),
    sa.Column('title', sa.String(length=60), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('id_number', sa.String(length=20), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('archived_on', sa.Date(), nullable=True),
    sa.Column('archived_reason', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['village_id'], ['area.id'], name=op.f('fk_helper_village_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helper'))
    )
    with op.batch_alter_table('helper', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helper_archived'), ['archived'], unique=False)
        batch_op.create_index(batch_op.f('ix_helper_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_helper_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_helper_phone'), ['phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_helper_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_helper_unit'), ['unit'], unique=False)
        batch_op.create_index(batch_op.f('ix_helper_village_id'), ['village_id'], unique=False)

    op.create_table('household',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('number_is_local', sa.Boolean(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('household_type', sa.String(length=20), nullable=True),
    sa.Column('poverty_exit_year', sa.Integer(), nullable=True),
    sa.Column('monitor_category', sa.String(length=20), nullable=True),
    sa.Column('identified_on', sa.Date(), nullable=True),
    sa.Column('risk_eliminated', sa.Boolean(), nullable=True),
    sa.Column('elimination_method', sa.String(length=20), nullable=True),
    sa.Column('eliminated_on', sa.Date(), nullable=True),
    sa.Column('dev_support', sa.String(length=10), nullable=True),
    sa.Column('no_labour_guarantee', sa.Boolean(), nullable=True),
    sa.Column('identification_standard', sa.String(length=40), nullable=True),
    sa.Column('relocated', sa.Boolean(), nullable=True),
    sa.Column('relocation_mode', sa.String(length=20), nullable=True),
    sa.Column('relocation_site', sa.String(length=100), nullable=True),
    sa.Column('house_danger_level', sa.String(length=2), nullable=True),
    sa.Column('house_appraised_on', sa.Date(), nullable=True),
    sa.Column('house_renovation', sa.String(length=40), nullable=True),
    sa.Column('house_renovated_on', sa.Date(), nullable=True),
    sa.Column('house_subsidy', sa.Float(), nullable=True),
    sa.Column('house_area', sa.Float(), nullable=True),
    sa.Column('water_source', sa.String(length=40), nullable=True),
    sa.Column('water_quantity_ok', sa.Boolean(), nullable=True),
    sa.Column('water_quality_ok', sa.Boolean(), nullable=True),
    sa.Column('water_access_ok', sa.Boolean(), nullable=True),
    sa.Column('water_supply_ok', sa.Boolean(), nullable=True),
    sa.Column('farmland_mu', sa.Float(), nullable=True),
    sa.Column('forest_mu', sa.Float(), nullable=True),
    sa.Column('grain_to_green_mu', sa.Float(), nullable=True),
    sa.Column('military_family', sa.Boolean(), nullable=True),
    sa.Column('in_cooperative', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('archived_on', sa.Date(), nullable=True),
    sa.Column('archived_reason', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['area.id'], name=op.f('fk_household_group_id_area')),
    sa.ForeignKeyConstraint(['village_id'], ['area.id'], name=op.f('fk_household_village_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household')),
    sa.UniqueConstraint('number', name=op.f('uq_household_number'))
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_archived'), ['archived'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_household_type'), ['household_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_monitor_category'), ['monitor_category'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_phone'), ['phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_risk_eliminated'), ['risk_eliminated'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_village_id'), ['village_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('scope', sa.String(length=200), nullable=True),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('measures', sa.Text(), nullable=True),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('leader', sa.String(length=60), nullable=True),
    sa.Column('lead_unit', sa.String(length=100), nullable=True),
    sa.Column('unit', sa.String(length=100), nullable=True),
    sa.Column('person', sa.String(length=60), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('progress', sa.Text(), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('supervised', sa.Boolean(), nullable=False),
    sa.Column('found_on', sa.Date(), nullable=True),
    sa.Column('finding_rule', sa.String(length=20), nullable=True),
    sa.Column('created_by', sa.String(length=60), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('待整改', '整改中', '待验收', '已销号')", name=op.f('ck_task_status')),
    sa.ForeignKeyConstraint(['village_id'], ['area.id'], name=op.f('fk_task_village_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_finding_rule'), ['finding_rule'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_source'), ['source'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_unit'), ['unit'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_village_id'), ['village_id'], unique=False)

    op.create_table('work_team',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('dispatching_unit', sa.String(length=100), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['village_id'], ['area.id'], name=op.f('fk_work_team_village_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_team'))
    )
    with op.batch_alter_table('work_team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_team_village_id'), ['village_id'], unique=False)

    op.create_table('finding_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=False),
    sa.Column('data_hash', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=False),
    sa.Column('reviewed_by', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_finding_review_household_id_household'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_review')),
    sa.UniqueConstraint('household_id', 'rule', 'subject', name=op.f('uq_finding_review_household_id_rule_subject'))
    )
    with op.batch_alter_table('finding_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_review_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_finding_review_rule'), ['rule'], unique=False)

    op.create_table('household_risk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('risk', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.String(length=40), nullable=True),
    sa.CheckConstraint('position BETWEEN 1 AND 5', name=op.f('ck_household_risk_position')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_household_risk_household_id_household'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_risk')),
    sa.UniqueConstraint('household_id', 'position', name=op.f('uq_household_risk_household_id_position'))
    )
    with op.batch_alter_table('household_risk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_risk_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_risk_risk'), ['risk'], unique=False)

    op.create_table('income_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=True),
    sa.Column('net_income', sa.Float(), nullable=True),
    sa.Column('per_capita', sa.Float(), nullable=True),
    sa.Column('assessed_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_income_record_household_id_household'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_income_record')),
    sa.UniqueConstraint('household_id', 'year', name=op.f('uq_income_record_household_id_year'))
    )
    with op.batch_alter_table('income_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_income_record_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_income_record_per_capita'), ['per_capita'], unique=False)
        batch_op.create_index(batch_op.f('ix_income_record_year'), ['year'], unique=False)

    op.create_table('member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('person_number', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sex', sa.String(length=2), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('id_type', sa.String(length=10), nullable=False),
    sa.Column('id_number', sa.String(length=20), nullable=True),
    sa.Column('ethnicity', sa.String(length=20), nullable=True),
    sa.Column('relation', sa.String(length=20), nullable=True),
    sa.Column('political_status', sa.String(length=20), nullable=True),
    sa.Column('education', sa.String(length=20), nullable=True),
    sa.Column('school_status', sa.String(length=20), nullable=True),
    sa.Column('health', sa.String(length=20), nullable=True),
    sa.Column('disability_category', sa.String(length=20), nullable=True),
    sa.Column('disability_grade', sa.String(length=10), nullable=True),
    sa.Column('labour_skill', sa.String(length=20), nullable=True),
    sa.Column('work_status', sa.String(length=20), nullable=True),
    sa.Column('work_place', sa.String(length=100), nullable=True),
    sa.Column('work_months', sa.Float(), nullable=True),
    sa.Column('work_company', sa.String(length=100), nullable=True),
    sa.Column('work_abroad', sa.Boolean(), nullable=True),
    sa.Column('public_post', sa.String(length=20), nullable=True),
    sa.Column('public_post_months', sa.Float(), nullable=True),
    sa.Column('ins_resident_medical', sa.Boolean(), nullable=True),
    sa.Column('ins_employee_medical', sa.Boolean(), nullable=True),
    sa.Column('ins_critical_illness', sa.Boolean(), nullable=True),
    sa.Column('ins_commercial', sa.Boolean(), nullable=True),
    sa.Column('pension_resident', sa.Boolean(), nullable=True),
    sa.Column('pension_employee', sa.Boolean(), nullable=True),
    sa.Column('dibao', sa.Boolean(), nullable=True),
    sa.Column('tekun', sa.Boolean(), nullable=True),
    sa.Column('dropout_reason', sa.String(length=60), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('removed_reason', sa.String(length=60), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('在册', '自然减少')", name=op.f('ck_member_status')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_member_household_id_household')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member'))
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_person_number'), ['person_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_phone'), ['phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_status'), ['status'], unique=False)

    op.create_table('pairing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('helper_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['helper_id'], ['helper.id'], name=op.f('fk_pairing_helper_id_helper')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_pairing_household_id_household')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing'))
    )
    with op.batch_alter_table('pairing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pairing_end_date'), ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairing_helper_id'), ['helper_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairing_household_id'), ['household_id'], unique=False)
        batch_op.create_index('uq_pairing_current_household', ['household_id'], unique=True, sqlite_where=sa.text('end_date IS NULL'), postgresql_where=sa.text('end_date IS NULL'))

    op.create_table('task_deadline_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=60), nullable=False),
    sa.Column('old_deadline', sa.Date(), nullable=False),
    sa.Column('new_deadline', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_deadline_change_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_deadline_change'))
    )
    with op.batch_alter_table('task_deadline_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_deadline_change_task_id'), ['task_id'], unique=False)

    op.create_table('task_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=60), nullable=False),
    sa.Column('from_status', sa.String(length=10), nullable=True),
    sa.Column('to_status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_event_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_event'))
    )
    with op.batch_alter_table('task_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_event_task_id'), ['task_id'], unique=False)

    op.create_table('task_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=60), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=True),
    sa.Column('stored_path', sa.String(length=400), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_evidence_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_evidence'))
    )
    with op.batch_alter_table('task_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_evidence_task_id'), ['task_id'], unique=False)

    op.create_table('task_household',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_task_household_household_id_household')),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_household_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_household')),
    sa.UniqueConstraint('task_id', 'household_id', name=op.f('uq_task_household_task_id_household_id'))
    )
    with op.batch_alter_table('task_household', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_household_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_household_task_id'), ['task_id'], unique=False)

    op.create_table('visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('helper_id', sa.Integer(), nullable=True),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('visitor', sa.String(length=60), nullable=False),
    sa.Column('seen', sa.Text(), nullable=True),
    sa.Column('asked', sa.Text(), nullable=True),
    sa.Column('calculated', sa.Text(), nullable=True),
    sa.Column('checked', sa.Text(), nullable=True),
    sa.Column('problems', sa.Text(), nullable=True),
    sa.Column('follow_up', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['helper_id'], ['helper.id'], name=op.f('fk_visit_helper_id_helper')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_visit_household_id_household'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_helper_id'), ['helper_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_visited_on'), ['visited_on'], unique=False)

    op.create_table('work_team_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('helper_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['helper_id'], ['helper.id'], name=op.f('fk_work_team_member_helper_id_helper')),
    sa.ForeignKeyConstraint(['team_id'], ['work_team.id'], name=op.f('fk_work_team_member_team_id_work_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_team_member')),
    sa.UniqueConstraint('team_id', 'helper_id', name=op.f('uq_work_team_member_team_id_helper_id'))
    )
    with op.batch_alter_table('work_team_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_team_member_helper_id'), ['helper_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_team_member_team_id'), ['team_id'], unique=False)

    op.create_table('income_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('item', sa.String(length=40), nullable=False),
    sa.Column('amount', sa.Float(), nullable=False),
    sa.Column('policy', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['record_id'], ['income_record.id'], name=op.f('fk_income_item_record_id_income_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_income_item'))
    )
    with op.batch_alter_table('income_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_income_item_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_income_item_record_id'), ['record_id'], unique=False)

    op.create_table('measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('item', sa.String(length=60), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('amount', sa.Float(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_measure_household_id_household'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_measure_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure'))
    )
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_year'), ['year'], unique=False)

    op.create_table('member_move',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('from_household_id', sa.Integer(), nullable=False),
    sa.Column('to_household_id', sa.Integer(), nullable=False),
    sa.Column('moved_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['from_household_id'], ['household.id'], name=op.f('fk_member_move_from_household_id_household')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_member_move_member_id_member')),
    sa.ForeignKeyConstraint(['to_household_id'], ['household.id'], name=op.f('fk_member_move_to_household_id_household')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_move'))
    )
    with op.batch_alter_table('member_move', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_move_from_household_id'), ['from_household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_move_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_move_to_household_id'), ['to_household_id'], unique=False)

    op.create_table('program_membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('program', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_program_membership_household_id_household'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_program_membership_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_membership'))
    )
    with op.batch_alter_table('program_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_membership_end_date'), ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_membership_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_membership_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_membership_program'), ['program'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_membership_start_date'), ['start_date'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('program_membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_membership_start_date'))
        batch_op.drop_index(batch_op.f('ix_program_membership_program'))
        batch_op.drop_index(batch_op.f('ix_program_membership_member_id'))
        batch_op.drop_index(batch_op.f('ix_program_membership_household_id'))
        batch_op.drop_index(batch_op.f('ix_program_membership_end_date'))

    op.drop_table('program_membership')
    with op.batch_alter_table('member_move', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_move_to_household_id'))
        batch_op.drop_index(batch_op.f('ix_member_move_member_id'))
        batch_op.drop_index(batch_op.f('ix_member_move_from_household_id'))

    op.drop_table('member_move')
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_year'))
        batch_op.drop_index(batch_op.f('ix_measure_member_id'))
        batch_op.drop_index(batch_op.f('ix_measure_household_id'))
        batch_op.drop_index(batch_op.f('ix_measure_category'))

    op.drop_table('measure')
    with op.batch_alter_table('income_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_income_item_record_id'))
        batch_op.drop_index(batch_op.f('ix_income_item_category'))

    op.drop_table('income_item')
    with op.batch_alter_table('work_team_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_team_member_team_id'))
        batch_op.drop_index(batch_op.f('ix_work_team_member_helper_id'))

    op.drop_table('work_team_member')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_visited_on'))
        batch_op.drop_index(batch_op.f('ix_visit_household_id'))
        batch_op.drop_index(batch_op.f('ix_visit_helper_id'))

    op.drop_table('visit')
    with op.batch_alter_table('task_household', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_household_task_id'))
        batch_op.drop_index(batch_op.f('ix_task_household_household_id'))

    op.drop_table('task_household')
    with op.batch_alter_table('task_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_evidence_task_id'))

    op.drop_table('task_evidence')
    with op.batch_alter_table('task_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_event_task_id'))

    op.drop_table('task_event')
    with op.batch_alter_table('task_deadline_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_deadline_change_task_id'))

    op.drop_table('task_deadline_change')
    with op.batch_alter_table('pairing', schema=None) as batch_op:
        batch_op.drop_index('uq_pairing_current_household', sqlite_where=sa.text('end_date IS NULL'), postgresql_where=sa.text('end_date IS NULL'))
        batch_op.drop_index(batch_op.f('ix_pairing_household_id'))
        batch_op.drop_index(batch_op.f('ix_pairing_helper_id'))
        batch_op.drop_index(batch_op.f('ix_pairing_end_date'))

    op.drop_table('pairing')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_status'))
        batch_op.drop_index(batch_op.f('ix_member_phone'))
        batch_op.drop_index(batch_op.f('ix_member_person_number'))
        batch_op.drop_index(batch_op.f('ix_member_name'))
        batch_op.drop_index(batch_op.f('ix_member_id_number'))
        batch_op.drop_index(batch_op.f('ix_member_household_id'))

    op.drop_table('member')
    with op.batch_alter_table('income_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_income_record_year'))
        batch_op.drop_index(batch_op.f('ix_income_record_per_capita'))
        batch_op.drop_index(batch_op.f('ix_income_record_household_id'))

    op.drop_table('income_record')
    with op.batch_alter_table('household_risk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_risk_risk'))
        batch_op.drop_index(batch_op.f('ix_household_risk_household_id'))

    op.drop_table('household_risk')
    with op.batch_alter_table('finding_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_review_rule'))
        batch_op.drop_index(batch_op.f('ix_finding_review_household_id'))

    op.drop_table('finding_review')
    with op.batch_alter_table('work_team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_team_village_id'))

    op.drop_table('work_team')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_village_id'))
        batch_op.drop_index(batch_op.f('ix_task_unit'))
        batch_op.drop_index(batch_op.f('ix_task_status'))
        batch_op.drop_index(batch_op.f('ix_task_source'))
        batch_op.drop_index(batch_op.f('ix_task_seq'))
        batch_op.drop_index(batch_op.f('ix_task_finding_rule'))
        batch_op.drop_index(batch_op.f('ix_task_deadline'))
        batch_op.drop_index(batch_op.f('ix_task_category'))

    op.drop_table('task')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_village_id'))
        batch_op.drop_index(batch_op.f('ix_household_risk_eliminated'))
        batch_op.drop_index(batch_op.f('ix_household_phone'))
        batch_op.drop_index(batch_op.f('ix_household_monitor_category'))
        batch_op.drop_index(batch_op.f('ix_household_household_type'))
        batch_op.drop_index(batch_op.f('ix_household_group_id'))
        batch_op.drop_index(batch_op.f('ix_household_archived'))

    op.drop_table('household')
    with op.batch_alter_table('helper', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helper_village_id'))
        batch_op.drop_index(batch_op.f('ix_helper_unit'))
        batch_op.drop_index(batch_op.f('ix_helper_role'))
        batch_op.drop_index(batch_op.f('ix_helper_phone'))
        batch_op.drop_index(batch_op.f('ix_helper_name'))
        batch_op.drop_index(batch_op.f('ix_helper_id_number'))
        batch_op.drop_index(batch_op.f('ix_helper_archived'))

    op.drop_table('helper')
    op.drop_table('user_account')
    with op.batch_alter_table('threshold', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_threshold_year'))

    op.drop_table('threshold')
    op.drop_table('setting')
    op.drop_table('kpi_snapshot')
    with op.batch_alter_table('code_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_code_item_field'))

    op.drop_table('code_item')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_user_name'))
        batch_op.drop_index(batch_op.f('ix_audit_log_entity_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_entity'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))

    op.drop_table('audit_log')
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_parent_id'))
        batch_op.drop_index(batch_op.f('ix_area_name'))
        batch_op.drop_index(batch_op.f('ix_area_level'))

    op.drop_table('area')
