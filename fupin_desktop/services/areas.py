"""The area tree (县/乡镇/村/组): lookups and get-or-create."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Area
from fupin_desktop.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class VillageRow:
    id: int
    name: str
    township: str | None
    groups: tuple[tuple[int, str], ...]  # (id, name)


def villages(ctx: ServiceContext) -> list[VillageRow]:
    """All villages in display order, each with its groups."""
    with ctx.sessions() as session:
        return load_villages(session)


def load_villages(session: Session) -> list[VillageRow]:
    areas = session.scalars(select(Area).order_by(Area.sort_order, Area.id)).all()
    by_id = {a.id: a for a in areas}
    groups: dict[int, list[tuple[int, str]]] = {}
    for a in areas:
        if a.level == "group" and a.parent_id is not None:
            groups.setdefault(a.parent_id, []).append((a.id, a.name))
    rows = []
    for a in areas:
        if a.level != "village":
            continue
        parent = by_id.get(a.parent_id) if a.parent_id else None
        rows.append(VillageRow(a.id, a.name, parent.name if parent else None, tuple(groups.get(a.id, ()))))
    return rows


def get_or_create_area(session: Session, level: str, name: str, parent_id: int | None) -> Area:
    """The area of this level and name under the parent, created when missing (caller commits)."""
    found = session.scalar(
        select(Area).where(
            Area.level == level,
            Area.name == name,
            Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id,
        )
    )
    if found is not None:
        return found
    siblings = session.scalars(
        select(Area.sort_order).where(
            Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id
        )
    ).all()
    area = Area(level=level, name=name, parent_id=parent_id, sort_order=max(siblings, default=0) + 1)
    session.add(area)
    session.flush()
    return area
