"""Reading and changing the settings that travel with the data, and the 监测范围 table."""

from __future__ import annotations

from dataclasses import asdict, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Setting, Threshold
from fupin_desktop.domain.labels import SETTING_LABELS
from fupin_desktop.errors import InputInvalid
from fupin_desktop.services import audit
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.register.edit_versions import about_entity, about_payload, conflict, lock
from fupin_desktop.services.register.thresholds import (
    ThresholdRow,
    load_thresholds,
    threshold_problems,
    write_thresholds,
)
from fupin_desktop.settings import Settings

NAME_LIMIT = 40  # 省、县、乡镇 (they head every document)
HOTLINE_LIMIT = 60


def load_settings(session: Session) -> Settings:
    return Settings.from_stored({s.key: s.value for s in session.scalars(select(Setting))})


def get_settings(ctx: ServiceContext) -> Settings:
    with ctx.sessions() as session:
        return load_settings(session)


def write_settings(session: Session, settings: Settings) -> dict[str, tuple[object, object]]:
    """Store every field that differs; returns field → (old, new). No permission check: callers check."""
    old = load_settings(session)
    old_values, new_values = asdict(old), asdict(settings)
    changed = {k: (old_values[k], v) for k, v in new_values.items() if old_values[k] != v}
    stored = settings.to_stored()
    for key in changed:
        session.merge(Setting(key=key, value=stored[key]))
    return changed


def settings_problems(settings: Settings) -> list[str]:
    """Chinese messages for every value that cannot be saved; empty when all are fine."""
    problems: list[str] = []

    def within(label: str, value: float, low: float, high: float, unit: str = "") -> None:
        if not low <= value <= high:
            problems.append(f"{label}应在 {low:g}—{high:g}{unit} 之间（现为 {value:g}{unit}）。")

    if max(len(settings.township), len(settings.county), len(settings.province)) > NAME_LIMIT:
        problems.append(f"省、县、乡镇名称不能超过{NAME_LIMIT}个字。")
    if not settings.threshold_region.strip():
        problems.append("请填写适用的监测范围地区（例如“本地”或“全国”）。")
    within("公示天数", settings.notice_days, 1, 60, "天")
    within("新困难上报后的办理时限", settings.report_working_days, 1, 90, "个工作日")
    if max(len(settings.county_hotline), len(settings.township_hotline)) > HOTLINE_LIMIT:
        problems.append(f"县、乡镇热线不能超过{HOTLINE_LIMIT}个字。")
    within("每名帮扶责任人结对上限", settings.helper_limit, 1, 50, "户")
    within("黄牌提前天数", settings.yellow_days, 0, 90, "天")
    within("升级前的延期次数", settings.escalate_after_extensions, 1, 10, "次")
    within("收入下降比例", settings.income_drop_percent, 1, 100, "%")
    within("监测预警幅度", settings.watch_margin_percent, 0, 100, "%")
    within("上年农村居民人均可支配收入", settings.rural_income_last_year, 1, 1_000_000, "元")
    within("合规自付支出占比上限", settings.self_paid_share_limit * 100, 1, 100, "%")
    within("务工收入不稳的工资性收入占比", settings.unstable_wage_share_percent, 1, 100, "%")
    within("务工收入不稳的务工月数", settings.short_work_months, 0, 12, "个月")
    for kind, ratio in settings.cost_ratios.items():
        within(f"生产经营成本比例“{kind}”", ratio * 100, 0, 100, "%")
    return problems


def save_settings(ctx: ServiceContext, settings: Settings) -> Settings:
    """Save changed settings in one transaction with an audit row."""
    ctx.require(Permission.SETTINGS)
    _check(settings_problems(settings))
    with ctx.sessions.begin() as session:
        _write_audited(session, ctx, settings)
    return settings


def save_settings_and_thresholds(
    ctx: ServiceContext,
    settings: Settings,
    rows: list[ThresholdRow],
    *,
    base: Settings | None = None,
    base_rows: list[ThresholdRow] | None = None,
) -> Settings:
    """The settings screen's 保存: settings and the 监测范围 table in one transaction, or nothing.

    `base` and `base_rows` are what the screen loaded. Only what the clerk changed is written, so a
    setting someone else saved meanwhile stays; a setting (or the 监测范围 table) both changed is
    refused with EditConflict naming who changed it and when. Returns the settings as saved."""
    ctx.require(Permission.SETTINGS)
    _check(settings_problems(settings) + threshold_problems(rows, ctx.today()))
    with ctx.sessions.begin() as session:
        lock(session, Setting)  # first: a save meanwhile is either before this one or waits for it
        lock(session, Threshold)
        if base is not None:
            settings = _merged(session, base, settings)
            _check(settings_problems(settings))
        _write_audited(session, ctx, settings)
        if base_rows is None or _rows_key(rows) != _rows_key(base_rows):
            if base_rows is not None and _rows_key(load_thresholds(session)) != _rows_key(base_rows):
                raise conflict(session, "监测范围表", about_entity("threshold"))
            write_thresholds(session, ctx.actor, rows)
    return settings


def _merged(session: Session, base: Settings, mine: Settings) -> Settings:
    """The stored settings with the clerk's changes on top; EditConflict when a setting the clerk changed
    was changed by someone else too."""
    stored = load_settings(session)
    old, new, now = asdict(base), asdict(mine), asdict(stored)
    changed = {k: v for k, v in new.items() if old[k] != v}
    clashes = [k for k in changed if now[k] != old[k]]
    if clashes:
        what = "、".join(SETTING_LABELS.get(k, k) for k in clashes)
        about = or_(*(about_payload("setting", f'"{key}"') for key in clashes))  # who changed these
        raise conflict(session, "设置", about, what=what)
    return replace(stored, **changed)


def _rows_key(rows: list[ThresholdRow]) -> list[tuple[int, str, float, str]]:
    return sorted((r.year, r.region.strip(), r.amount, r.note.strip()) for r in rows)


def _check(problems: list[str]) -> None:
    if problems:
        raise InputInvalid("设置未保存：\n" + "\n".join(problems))


def _write_audited(session: Session, ctx: ServiceContext, settings: Settings) -> None:
    changed = write_settings(session, settings)
    if changed:
        audit.record(
            session,
            ctx.actor,
            action="修改",
            entity="setting",
            entity_id=None,
            summary="修改设置：" + "、".join(changed),
            before={k: v[0] for k, v in changed.items()},
            after={k: v[1] for k, v in changed.items()},
        )


def set_threshold(
    ctx: ServiceContext, year: int, amount: float, region: str | None = None, note: str | None = None
) -> None:
    """Set the 监测范围 for a year (the configured region unless given); the note is kept unless given."""
    ctx.require(Permission.SETTINGS)
    with ctx.sessions.begin() as session:
        region = (region or load_settings(session).threshold_region).strip()
        row = session.scalar(select(Threshold).where(Threshold.year == year, Threshold.region == region))
        note = (row.note or "" if row else "") if note is None else note.strip()
        problems = threshold_problems([ThresholdRow(year, region, amount, note)], ctx.today())
        if problems:
            raise InputInvalid("\n".join(p.removeprefix("监测范围第1行：") for p in problems))
        before = row.amount if row else None
        if row is None:
            session.add(Threshold(year=year, region=region, amount=amount, note=note or None))
        else:
            row.amount, row.note = amount, note or None
        audit.record(
            session,
            ctx.actor,
            action="修改",
            entity="threshold",
            entity_id=f"{year}/{region}",
            summary=f"{year}年监测范围（{region}）设为 {amount:g} 元",
            before=before,
            after=amount,
        )
