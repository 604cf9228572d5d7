"""待采集: which households still need which facts collected (their sources never carried them), per
village — the list the 数据核查 tab shows, `fupin collect` prints and the 待采集清单 export writes — and the
pre-filled 入户核查表 for the next visit (`domain.collect` says what is unknown and why).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fupin_desktop.db.models import Household, Member
from fupin_desktop.domain import idcard
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.domain.collect import (
    HOUSEHOLD_FACTS,
    INCOME,
    MEASURES,
    MEMBER_FACTS,
    STEP_TITLES,
    Fact,
    Gaps,
    gaps_of,
)
from fupin_desktop.domain.records import MemberRecord
from fupin_desktop.errors import UserError
from fupin_desktop.excel.values import UNKNOWN_TEXT as UNKNOWN
from fupin_desktop.files import written_in_place
from fupin_desktop.reports.collect_sheet import Ask, CollectSheet, write_collect_sheets
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.printing import find_village, ordered_ids
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import chunked, load_code_lists, load_households, load_settings

YES_NO = "□是　□否"
LINE = "________________"
# The boxes of a fact: a code list's values as boxes, or a fixed form.
ANSWERS: dict[str, str] = {
    "house": "危房等级：□A　□B　□C　□D　　是否危房户：□是　□否",
    "water_safe": YES_NO,
    "water_quantity_ok": "□达标　□不达标（每人每天不少于35升，干旱地区20升）",
    "water_quality_ok": "□达标　□不达标",
    "water_access_ok": "□达标　□不达标（入户，或往返不超过20分钟）",
    "water_supply_ok": "□达标　□不达标（一年断水不超过36天）",
    "relocated": YES_NO,
    "no_labour_guarantee": YES_NO,
    "risk_eliminated": YES_NO,
    INCOME: "工资性____元　生产经营性____元　财产性____元　转移性____元　生产经营性支出____元　合规自付支出____元",
    MEASURES: "类别、项目、金额：" + LINE * 2,
    "education": "",
    "school_status": "□不在校　在校：" + LINE,
    "dropout_reason": LINE,
    "work_place": LINE,
    "work_months": "______个月",
    "ins_resident_medical": YES_NO,
    "ins_employee_medical": YES_NO,
    "ins_critical_illness": YES_NO,
    "pension_resident": YES_NO,
    "pension_employee": YES_NO,
}
CODE_LISTS = {
    "household_type": "户类型",
    "dev_support": "开发式帮扶",
    "health": "健康状况",
    "labour_skill": "劳动技能",
    "education": "文化程度",
    "work_status": "务工状况",
    "dibao": "低保类别",
    "tekun": "特困类别",
}
NOT_FIRST = {"dibao": "□否", "tekun": "□否"}  # the boxes before a code list's


@dataclass(frozen=True, slots=True)
class CollectRow:
    """One household on the 待采集 list."""

    household_id: int
    number: str
    village: str
    group: str
    head: str
    facts: str  # what to collect, one line
    count: int  # facts to collect (a member's fact counts once per member)
    labels: frozenset[str] = frozenset()  # each fact to collect once, as the filter names them


@dataclass(frozen=True, slots=True)
class CollectList:
    rows: tuple[CollectRow, ...]
    by_fact: tuple[tuple[str, int], ...]  # fact → households that need it, most first
    by_village: tuple[tuple[str, int], ...]  # village → households on the list

    def as_json(self) -> dict[str, object]:
        return {
            "households": len(self.rows),
            "by_fact": dict(self.by_fact),
            "by_village": dict(self.by_village),
            "rows": [
                {
                    "household": r.number,
                    "village": r.village,
                    "group": r.group,
                    "head": r.head,
                    "facts": r.facts,
                    "count": r.count,
                }
                for r in self.rows
            ],
        }


def candidate_ids(session: Session, household_ids: Sequence[int] | None = None) -> list[int]:
    """Households on the register that have an unknown fact (or a member who has), in 村/组/户编号 order."""
    members = select(Member.household_id).where(
        Member.unknown_fields.is_not(None), Member.status == MEMBER_ACTIVE
    )
    query = select(Household.id).where(
        Household.archived.is_(False), or_(Household.unknown_fields.is_not(None), Household.id.in_(members))
    )
    ids = list(session.scalars(query))
    if household_ids is not None:
        wanted = set(household_ids)
        ids = [i for i in ids if i in wanted]
    return ordered_ids(session, ids)


def gaps_in(session: Session, ids: Sequence[int], today: date) -> list[Gaps]:
    """What is still to collect for each of these households (those with nothing left out)."""
    found = []
    for chunk in chunked(list(ids), 500):
        for record in load_households(session, chunk, income_lines=False, visits_and_pairings=False):
            gaps = gaps_of(record, today)
            if gaps:
                found.append(gaps)
    return found


def collect_list(ctx: ServiceContext, village: str | None = None) -> CollectList:
    """The 待采集 list of the township, or of one village (by name)."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        ids = _village_ids(session, village)
        gaps = gaps_in(session, candidate_ids(session, ids), ctx.today())
    return collect_summary(gaps)


def _village_ids(session: Session, village: str | None) -> list[int] | None:
    if not village:
        return None
    found = find_village(session, village)
    return list(session.scalars(select(Household.id).where(Household.village_id == found.id)))


def collect_summary(gaps: Sequence[Gaps]) -> CollectList:
    """The 待采集 list of these households' gaps: a row each, and counts by fact and by village."""
    facts: Counter[str] = Counter()
    villages: Counter[str] = Counter()
    rows = []
    for g in gaps:
        r = g.record
        labels = {f.label for f in g.household} | {f.label for m in g.members for f in m.facts}
        facts.update(labels)
        villages[r.village] += 1
        assert r.id is not None
        rows.append(
            CollectRow(
                r.id, r.number, r.village, r.group or "", r.head_name, g.summary(), g.count, frozenset(labels)
            )
        )
    order = {f.label: n for n, f in enumerate((*HOUSEHOLD_FACTS, *MEMBER_FACTS))}
    by_fact = sorted(facts.items(), key=lambda kv: (-kv[1], order[kv[0]]))
    by_village = sorted(villages.items(), key=lambda kv: -kv[1])  # stable: in register order
    return CollectList(tuple(rows), tuple(by_fact), tuple(by_village))


# ---------------------------------------------------------------- 入户核查表


@dataclass(frozen=True, slots=True)
class SheetsResult:
    path: Path
    households: int
    pages: int


def collect_sheets_job(
    ctx: ServiceContext,
    out: Path,
    *,
    village: str | None = None,
    household_ids: Sequence[int] | None = None,
    cancel: threading.Event | None = None,
) -> Job[SheetsResult]:
    """Print the 入户核查表 of every household on the 待采集 list (of a village, or these households)."""
    ctx.require(Permission.PRINT)
    today = ctx.today()
    yield Progress(0, 0, "查找待采集的户")
    with ctx.sessions() as session:
        settings = load_settings(session)
        codes = load_code_lists(session).values
        ids = _village_ids(session, village)
        if household_ids is not None:
            in_village = set(ids) if ids is not None else None
            ids = [i for i in household_ids if in_village is None or i in in_village]
        gaps = gaps_in(session, candidate_ids(session, ids), today)
    if not gaps:
        raise UserError("没有需要采集信息的户：所选范围内每户的信息都已齐全。")
    sheets = []
    for n, g in enumerate(gaps, 1):
        check_cancel(cancel)
        sheets.append(sheet_of(g, codes, today))
        if n % 50 == 0:
            yield Progress(n, len(gaps), "生成入户核查表")
    yield Progress(len(gaps), len(gaps), "写入 PDF")
    with written_in_place(out) as partial:
        pages = write_collect_sheets(partial, sheets, settings.county + settings.township, today)
    return SheetsResult(out, len(gaps), pages)


def sheet_of(gaps: Gaps, codes: dict[str, tuple[str, ...]], today: date) -> CollectSheet:
    """One household's 入户核查表: what the register knows, and boxes for each gap in 看·问·算·核 order."""
    r = gaps.record
    unknown = r.unknown
    latest = r.latest_income

    def shown(name: str, value: object) -> str:
        if name in unknown:
            return UNKNOWN
        return "—" if value in (None, "") else str(value)

    known = (
        ("户类型", shown("household_type", r.household_type)),
        ("监测对象类别", r.monitor_category or "—"),
        ("户联系电话", r.phone or "—"),
        ("家庭住址", r.address or "—"),
        ("在册人口", f"{len(r.active_members)}人"),
        ("风险类型", "、".join(r.risks) or "—"),
        (
            "人均纯收入",
            f"{latest.per_capita:,.0f}元（{latest.year}年）"
            if latest and latest.per_capita is not None
            else shown(INCOME, None),
        ),
        ("识别监测时间", f"{r.identified_on:%Y年%m月}" if r.identified_on else "—"),
    )
    members = tuple(_member_row(m, today) for m in r.active_members)
    steps = []
    for step, title in STEP_TITLES.items():
        asks = [Ask("全户", f.label, _answer(f, codes)) for f in gaps.household if f.step == step]
        for gap in gaps.members:
            asks += [Ask(gap.member.name, f.label, _answer(f, codes)) for f in gap.facts if f.step == step]
        if asks:
            steps.append((title, tuple(asks)))
    place = "".join(p for p in (r.county, r.township, r.village, r.group) if p)
    return CollectSheet(place, r.number, r.head_name, known, members, tuple(steps))


def _answer(fact: Fact, codes: dict[str, tuple[str, ...]]) -> str:
    answer = ANSWERS.get(fact.key)
    if answer:
        return answer
    values = codes.get(CODE_LISTS.get(fact.key, ""), ())
    if not values:
        return LINE
    boxes = [f"□{v}" for v in values]
    return "　".join([NOT_FIRST[fact.key], *boxes] if fact.key in NOT_FIRST else boxes)


def _member_row(m: MemberRecord, today: date) -> tuple[str, ...]:
    unknown = m.unknown
    born = m.birth_date or idcard.birth_date_of(idcard.holder_id(idcard.normalize(m.id_number)))

    def shown(name: str) -> str:
        return UNKNOWN if name in unknown else getattr(m, name) or ""

    school = shown("school_status") if m.school_status or "school_status" in unknown else shown("education")
    return (
        m.name,
        m.relation or "",
        m.sex or "",
        str(idcard.age_on(born, today)) if born else "",
        shown("health"),
        shown("labour_skill"),
        school,
    )
