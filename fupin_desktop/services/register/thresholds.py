"""监测范围 by year: the configured region's value, else the national one."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Setting, Threshold
from fupin_desktop.errors import InputInvalid
from fupin_desktop.services import audit
from fupin_desktop.services.context import Actor, Permission, ServiceContext

NATIONAL = "全国"


def _region(session: Session) -> str:
    from fupin_desktop.settings import Settings

    stored = session.get(Setting, "threshold_region")
    return (
        Settings.from_stored({"threshold_region": stored.value}).threshold_region
        if stored
        else Settings().threshold_region
    )


def thresholds_by_year(session: Session, region: str | None = None) -> dict[int, float]:
    """Year → amount; the region's own value wins over the national one for the same year."""
    region = region or _region(session)
    by_year: dict[int, float] = {}
    own: set[int] = set()
    for t in session.scalars(select(Threshold).order_by(Threshold.year)):
        if t.region == region:
            by_year[t.year] = t.amount
            own.add(t.year)
        elif t.region == NATIONAL and t.year not in own:
            by_year[t.year] = t.amount
    return by_year


def threshold_for(session: Session, year: int, region: str | None = None) -> float | None:
    return thresholds_by_year(session, region).get(year)


# ---------------------------------------------------------------- editing the table


@dataclass(frozen=True, slots=True)
class ThresholdRow:
    year: int
    region: str
    amount: float
    note: str = ""


FIRST_YEAR = 2021  # the 监测范围 starts with the 2021 national floor


def load_thresholds(session: Session) -> list[ThresholdRow]:
    rows = session.scalars(select(Threshold).order_by(Threshold.year, Threshold.region))
    return [ThresholdRow(t.year, t.region, t.amount, t.note or "") for t in rows]


def list_thresholds(ctx: ServiceContext) -> list[ThresholdRow]:
    with ctx.sessions() as session:
        return load_thresholds(session)


def threshold_problems(rows: list[ThresholdRow], today: date) -> list[str]:
    """Chinese messages for every row that cannot be saved; empty when all are fine."""
    problems: list[str] = []
    seen: set[tuple[int, str]] = set()
    for number, row in enumerate(rows, start=1):
        where = f"监测范围第{number}行"
        if not FIRST_YEAR <= row.year <= today.year + 1:
            problems.append(f"{where}：年度应在 {FIRST_YEAR}—{today.year + 1} 之间（现为 {row.year}）。")
        if not row.region.strip():
            problems.append(f"{where}：请填写地区（例如“全国”或“本地”）。")
        elif len(row.region.strip()) > 40:
            problems.append(f"{where}：地区名称不能超过40个字。")
        if not row.amount > 0:
            problems.append(f"{where}：金额应大于0元（现为 {row.amount:g}）。")
        if len(row.note) > 200:
            problems.append(f"{where}：说明不能超过200个字。")
        key = (row.year, row.region.strip())
        if key in seen:
            problems.append(f"{where}：{row.year}年“{key[1]}”的监测范围重复，请删除其中一行。")
        seen.add(key)
    return problems


def check_thresholds(rows: list[ThresholdRow], today: date) -> None:
    problems = threshold_problems(rows, today)
    if problems:
        raise InputInvalid("监测范围未保存：\n" + "\n".join(problems))


def write_thresholds(session: Session, actor: Actor, rows: list[ThresholdRow]) -> bool:
    """Replace the whole table with `rows` (with an audit row); False when nothing changed.
    No permission check or validation: callers do both."""
    clean = [ThresholdRow(r.year, r.region.strip(), r.amount, r.note.strip()) for r in rows]
    old = load_thresholds(session)
    if sorted(old, key=_key) == sorted(clean, key=_key):
        return False
    session.execute(delete(Threshold))
    session.flush()  # the unique (year, region) must be free before the new rows go in
    if clean:
        session.execute(
            insert(Threshold),
            [{"year": r.year, "region": r.region, "amount": r.amount, "note": r.note or None} for r in clean],
        )
    audit.record(
        session,
        actor,
        action="修改",
        entity="threshold",
        entity_id=None,
        summary=f"修改监测范围表（{len(old)} 行 → {len(clean)} 行）",
        before=[asdict(r) for r in old],
        after=[asdict(r) for r in clean],
    )
    return True


def save_thresholds(ctx: ServiceContext, rows: list[ThresholdRow]) -> list[ThresholdRow]:
    """Replace the 监测范围 table in one transaction; nothing changes when any row is invalid."""
    ctx.require(Permission.SETTINGS)
    check_thresholds(rows, ctx.today())
    with ctx.sessions.begin() as session:
        write_thresholds(session, ctx.actor, rows)
        return load_thresholds(session)


def _key(row: ThresholdRow) -> tuple[int, str]:
    return row.year, row.region
