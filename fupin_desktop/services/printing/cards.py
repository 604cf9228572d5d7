"""明白卡: what each household's card says, which households a batch holds, and the batch job.

`card_data` turns a full `HouseholdRecord` into the plain `CardData` the layout takes: ID numbers are
masked here (`domain.idcard.mask`), so no full number ever reaches a PDF. `cards_job` writes one PDF
for any set of households in 村/组/户编号 order, one household per page (more for large ones), with
progress and 取消 (nothing is left under the output name when cancelled), and writes the printing to the
audit log (how many households, which villages).

What the card shows beyond the raw fields:
- 两不愁 is judged from income (人均纯收入 against the year's 监测范围), the only evidence the register
  holds; 义务教育 looks at members aged 6–15, 基本医疗 at every member's 医保, 住房 at 危房等级 (or
  是否危房户) and 改造 or 搬迁, 饮水 at the four water flags (or 是否解决安全饮用水). A fact the
  household's sources never carried says 待采集, not 未填.
- 收入: a year known only by the national system's 人均纯收入 shows that figure; when the national figure
  differs from ours the card says so.
- 收支核算 is the card year's (the print date's year) when assessed, else the latest assessed year.
- 帮扶措施 are those still running or ended since the start of the previous year.
- Whom to call: the village's 监测联系人 and 驻村第一书记 (区划), the county and township hotlines and the
  监督电话 (settings); the visits up to the print date, newest first.
- The QR code (setting `card_qr`) holds per-section digests of what the card printed (`card_digest`),
  so a scanned card can be compared with the register (`card_check`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from fupin_desktop.db.models import Area, Household
from fupin_desktop.domain import idcard
from fupin_desktop.domain.collect import MEASURES
from fupin_desktop.domain.records import HouseholdRecord, MeasureRecord, MemberRecord
from fupin_desktop.errors import NotFound, UserError
from fupin_desktop.excel.values import UNKNOWN_TEXT as UNKNOWN
from fupin_desktop.reports.cards import (
    CardCheck,
    CardContact,
    CardData,
    CardHelper,
    CardIncome,
    CardMeasure,
    CardMember,
    CardVisit,
    add_card,
    card_info,
)
from fupin_desktop.reports.kit import Document, cn_month
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.printing.card_digest import qr_text
from fupin_desktop.services.printing.print_log import record_printed
from fupin_desktop.services.progress import Job, Progress, check_cancel
from fupin_desktop.services.register import (
    Contacts,
    VillageRow,
    chunked,
    load_households,
    load_settings,
    load_villages,
)
from fupin_desktop.settings import Settings

LOAD_CHUNK = 100  # households loaded per query round: bounded memory, frequent progress
COMPULSORY_AGES = range(6, 16)  # 义务教育阶段 (DOMAIN §4)
NONE = "—"
MEDICAL_FIELDS = ("ins_resident_medical", "ins_employee_medical")


@dataclass(frozen=True, slots=True)
class PrintResult:
    path: Path
    households: int
    pages: int


# ------------------------------------------------------------------ which households


def ordered_ids(session: Session, ids: Iterable[int]) -> list[int]:
    """`ids` (duplicates dropped, unknown ids skipped) in 村/组/户编号 order."""
    wanted = list(dict.fromkeys(ids))
    village, group = aliased(Area), aliased(Area)
    rows = []
    for chunk in chunked(wanted):
        rows += session.execute(
            select(Household.id, village.sort_order, village.id, group.sort_order, group.id, Household.number)
            .join(village, village.id == Household.village_id)
            .outerjoin(group, group.id == Household.group_id)
            .where(Household.id.in_(chunk))
        ).all()
    rows.sort(key=lambda r: (r[1], r[2], r[3] is None, r[3] or 0, r[4] or 0, r[5]))
    return [r[0] for r in rows]


def register_ids(session: Session) -> list[int]:
    """Every household on the register (not archived) in the order of `ordered_ids`, sorted by the
    database: a pass over the whole register need not send it 20,000 ids to be sorted back."""
    village, group = aliased(Area), aliased(Area)
    return list(
        session.scalars(
            select(Household.id)
            .join(village, village.id == Household.village_id)
            .outerjoin(group, group.id == Household.group_id)
            .where(Household.archived.is_(False))
            .order_by(
                village.sort_order,
                village.id,
                group.sort_order.is_(None),
                func.coalesce(group.sort_order, 0),
                func.coalesce(group.id, 0),
                Household.number,
            )
        )
    )


def find_village(session: Session, name: str) -> VillageRow:
    """The village called `name` (or "乡镇/村" when names repeat across townships); NotFound otherwise."""
    text = name.strip()
    township, _, village = text.rpartition("/")
    rows = load_villages(session)
    found = [v for v in rows if v.name == village and (not township or v.township == township)]
    if len(found) == 1:
        return found[0]
    if not found:
        known = "、".join(v.name for v in rows) or "（数据库中还没有村）"
        raise NotFound(f"找不到名为“{text}”的村。现有的村：{known}。")
    towns = "、".join(f"{v.township}/{v.name}" for v in found)
    raise UserError(f"有 {len(found)} 个村都叫“{village}”：{towns}。请写成“乡镇/村”。")


def village_household_ids(ctx: ServiceContext, village: str) -> list[int]:
    """Households on the register (not archived) of a village, in 组/户编号 order."""
    with ctx.sessions() as session:
        row = find_village(session, village)
        ids = session.scalars(
            select(Household.id).where(Household.village_id == row.id, Household.archived.is_(False))
        ).all()
        return ordered_ids(session, ids)


def township_household_ids(ctx: ServiceContext) -> list[int]:
    """Every household on the register (not archived), in 村/组/户编号 order."""
    with ctx.sessions() as session:
        ids = session.scalars(select(Household.id).where(Household.archived.is_(False))).all()
        return ordered_ids(session, ids)


def household_ids_by_number(ctx: ServiceContext, numbers: Iterable[str]) -> list[int]:
    """Households by 户编号, in 村/组/户编号 order; NotFound names every number that is not known."""
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not wanted:
        raise UserError("请至少输入一个户编号。")
    with ctx.sessions() as session:
        found: dict[str, int] = {}
        for chunk in chunked(wanted):
            rows = session.execute(select(Household.number, Household.id).where(Household.number.in_(chunk)))
            found.update((number, household_id) for number, household_id in rows)
        missing = [n for n in wanted if n not in found]
        if missing:
            shown = "、".join(missing[:10]) + (f" 等 {len(missing)} 个" if len(missing) > 10 else "")
            raise NotFound(f"找不到以下户编号：{shown}。请检查是否输错。")
        return ordered_ids(session, found.values())


# ------------------------------------------------------------------ the job


def village_contacts_by_name(session: Session) -> dict[tuple[str | None, str], Contacts]:
    """Each village's contacts by (乡镇, 村) name, as a `HouseholdRecord` names its village."""
    return {(v.township, v.name): v.contacts for v in load_villages(session)}


def cards_job(
    ctx: ServiceContext,
    household_ids: Sequence[int],
    out: Path,
    *,
    cancel: threading.Event | None = None,
    flagged: int = 0,
) -> Job[PrintResult]:
    """Write the 明白卡 of `household_ids` into one PDF at `out` (村/组/户编号 order), and the printing
    to the audit log; `flagged` households were confirmed for printing despite faulty data."""
    ctx.require(Permission.PRINT)
    printed_on = ctx.today()
    with ctx.sessions() as session:
        settings = load_settings(session)
        ids = ordered_ids(session, household_ids)
        contacts = village_contacts_by_name(session)
    if not ids:
        raise UserError("没有选中任何农户，未生成明白卡。")
    total = len(ids)
    yield Progress(0, total, "生成明白卡")
    done = 0
    villages: list[str] = []  # one per household, for the audit log
    with Document(out, card_info(printed_on, settings.county + settings.township, total)) as doc:
        for chunk in chunked(ids, LOAD_CHUNK):
            check_cancel(cancel)
            with ctx.sessions() as session:
                records = load_households(session, chunk)
            for record in records:
                village = contacts.get((record.township, record.village))
                add_card(doc, card_data(record, settings, printed_on, village))
                villages.append(record.village)
                done += 1
                if done % 10 == 0:
                    check_cancel(cancel)
                    yield Progress(done, total, "生成明白卡")
        yield Progress(total, total, "保存 PDF")
    detail = f"其中 {flagged} 户数据有误，经确认仍打印" if flagged else ""
    record_printed(ctx, "明白卡", villages, pages=doc.pages, detail=detail)
    return PrintResult(out, total, doc.pages)


# ------------------------------------------------------------------ one card


def card_data(
    record: HouseholdRecord, settings: Settings, printed_on: date, contacts: Contacts | None = None
) -> CardData:
    """What the card of `record` says on `printed_on` (plain, display-ready, IDs masked); `contacts`
    are its village's (村监测联系人, 驻村第一书记)."""
    year = printed_on.year
    members = record.active_members
    income = _income(record, year)
    head = record.head
    card = CardData(
        number=record.number,
        place="".join(p for p in (record.county, record.township, record.village, record.group) if p),
        head=record.head_name or "（未设户主）",
        year=year,
        printed_on=printed_on,
        people=len(members),
        phone=record.phone or (head.phone if head and head.phone else NONE),
        address=record.address or NONE,
        household_type=_household_type(record),
        monitor_category=record.monitor_category or "非监测对象",
        identified=cn_month(record.identified_on) or NONE,
        risks="、".join(record.risks) or NONE,
        eliminated=_eliminated(record),
        dev_support=record.dev_support or NONE,
        land=_land(record),
        members=tuple(_member(m, printed_on) for m in members),
        checks=_checks(record, income, printed_on),
        measures=tuple(_measure(m) for m in _current_measures(record.measures, year)),
        measures_unknown=MEASURES in record.unknown,
        income=income,
        helper=_helper(record),
        supervision=tuple(settings.supervision_phones),
        contacts=_contacts(contacts),
        hotlines=tuple(p for p in (settings.county_hotline, settings.township_hotline) if p),
        report_days=settings.report_working_days,
        visits=tuple(CardVisit(v.visited_on, v.visitor) for v in record.visits if v.visited_on <= printed_on),
    )
    return replace(card, qr=qr_text(card)) if settings.card_qr else card


def _contacts(contacts: Contacts | None) -> tuple[CardContact, ...]:
    if contacts is None:
        return ()
    pairs = (
        ("监测联系人", contacts.monitor, contacts.monitor_phone),
        ("驻村第一书记", contacts.secretary, contacts.secretary_phone),
    )
    return tuple(CardContact(title, name, phone) for title, name, phone in pairs if name or phone)


def _household_type(record: HouseholdRecord) -> str:
    kind = record.household_type or NONE
    return f"{kind}（{record.poverty_exit_year}年脱贫）" if record.poverty_exit_year else kind


def _eliminated(record: HouseholdRecord) -> str:
    if record.risk_eliminated is None:
        return NONE
    if not record.risk_eliminated:
        return "否"
    detail = "，".join(p for p in (record.elimination_method, cn_month(record.eliminated_on)) if p)
    return f"是（{detail}）" if detail else "是"


def _land(record: HouseholdRecord) -> str:
    parts = [
        f"{label}{area:g}亩"
        for label, area in (
            ("耕地", record.farmland_mu),
            ("林地", record.forest_mu),
            ("退耕还林", record.grain_to_green_mu),
        )
        if area
    ]
    return "，".join(parts) or NONE


def _age(member: MemberRecord, on: date) -> int | None:
    born = member.birth_date or (
        idcard.birth_date_of(idcard.normalize(member.id_number)) if member.id_number else None
    )
    return idcard.age_on(born, on) if born else None


def _member(m: MemberRecord, on: date) -> CardMember:
    age = _age(m, on)
    health = m.health or ""
    if m.disability_category:
        health += f"（{m.disability_category}{m.disability_grade or ''}）"
    work = []
    if m.work_status:
        detail = "，".join(p for p in (m.work_place, f"{m.work_months:g}个月" if m.work_months else "") if p)
        work.append(m.work_status + (f"（{detail}）" if detail else ""))
    if m.public_post:
        work.append(f"公益岗：{m.public_post}")
    return CardMember(
        name=m.name,
        relation=m.relation or "",
        sex=m.sex or "",
        age="" if age is None else str(age),
        id_masked=idcard.mask(m.id_number),
        health=health,
        labour=m.labour_skill or "",
        schooling=m.school_status or m.education or "",
        work="；".join(work),
    )


def _current_measures(measures: Iterable[MeasureRecord], year: int) -> list[MeasureRecord]:
    since = date(year - 1, 1, 1)
    running = [m for m in measures if m.end_date is None or m.end_date >= since]
    return sorted(running, key=lambda m: (m.start_date is None, m.start_date or since))


def _measure(m: MeasureRecord) -> CardMeasure:
    return CardMeasure(
        category=m.category, item=m.item or "", content=m.content or "", amount=m.amount, start=m.start_date
    )


def _income(record: HouseholdRecord, year: int) -> CardIncome | None:
    summary = record.income(year) or record.latest_income
    if summary is None:
        return None
    return CardIncome(
        year=summary.year,
        wage=summary.wage,
        business=summary.business,
        property=summary.property,
        transfer=summary.transfer,
        expense=summary.expense,
        net=summary.net,
        people=summary.people,
        per_capita=summary.per_capita,
        threshold=summary.threshold,
        policy_transfer=summary.policy_transfer,
        policy_share=summary.policy_share,
        from_lines=summary.from_lines,
        reported_per_capita=summary.reported_per_capita if summary.disagrees else None,
    )


def _helper(record: HouseholdRecord) -> CardHelper | None:
    pairing = record.current_pairing
    if pairing is None:
        return None
    return CardHelper(
        name=pairing.helper_name,
        unit=pairing.helper_unit or "",
        title=pairing.helper_title or "",
        phone=pairing.helper_phone or "",
    )


# ------------------------------------------------------------------ 两不愁三保障和饮水


def _checks(record: HouseholdRecord, income: CardIncome | None, on: date) -> tuple[CardCheck, ...]:
    return (
        _income_check(income),
        _education_check(record.active_members, on),
        _medical_check(record.active_members),
        _housing_check(record),
        _water_check(record),
    )


def _income_check(income: CardIncome | None) -> CardCheck:
    label = "两不愁（收入）"
    if income is None or income.per_capita is None or income.threshold is None:
        return CardCheck(label, None, "未核算或无监测范围")
    if income.per_capita >= income.threshold:
        return CardCheck(label, True, "高于监测范围")
    return CardCheck(label, False, "人均纯收入低于监测范围")


def _education_check(members: Sequence[MemberRecord], on: date) -> CardCheck:
    label = "义务教育"
    children = [m for m in members if (_age(m, on) or -1) in COMPULSORY_AGES]
    if not children:
        return CardCheck(label, None, "无适龄学生")
    missing = [
        f"{m.name}{'辍学' if m.dropout_reason else '未在校'}"
        for m in children
        if m.dropout_reason or not m.school_status
    ]
    if missing:
        return CardCheck(label, False, "、".join(missing))
    return CardCheck(label, True, f"{len(children)}名适龄学生在校")


def _medical_check(members: Sequence[MemberRecord]) -> CardCheck:
    label = "基本医疗"
    if not members:
        return CardCheck(label, None, "无在册成员")
    not_insured = [m for m in members if not (m.ins_resident_medical or m.ins_employee_medical)]
    unknown = [m.name for m in not_insured if set(MEDICAL_FIELDS) & m.unknown]
    uninsured = [m.name for m in not_insured if not set(MEDICAL_FIELDS) & m.unknown]
    if uninsured:
        return CardCheck(label, False, "未参保或未填：" + "、".join(uninsured))
    if unknown:
        return CardCheck(label, None, f"{UNKNOWN}：" + "、".join(unknown))
    return CardCheck(label, True, f"{len(members)}人均已参保")


def _housing_check(record: HouseholdRecord) -> CardCheck:
    label = "住房安全"
    level = (record.house_danger_level or "").upper()
    if record.relocated:
        return CardCheck(label, True, f"易地扶贫搬迁（{record.relocation_mode or '已安置'}）")
    if level in ("C", "D"):
        if record.house_renovated_on:
            return CardCheck(label, True, f"{level}级危房，{record.house_renovated_on.year}年已改造")
        return CardCheck(label, False, f"{level}级危房，尚未改造")
    if level in ("A", "B"):
        area = f"，{record.house_area:g}㎡" if record.house_area else ""
        return CardCheck(label, True, f"{level}级，安全{area}")
    if record.house_unsafe is True:
        if record.house_renovated_on:
            return CardCheck(label, True, f"危房户，{record.house_renovated_on.year}年已改造")
        return CardCheck(label, False, "危房户，尚未改造")
    if record.house_unsafe is False:
        return CardCheck(label, True, "非危房户")
    return CardCheck(label, None, UNKNOWN if "house" in record.unknown else "未鉴定")


WATER_FLAGS = (
    ("water_quantity_ok", "水量"),
    ("water_quality_ok", "水质"),
    ("water_access_ok", "取水方便"),
    ("water_supply_ok", "供水保证率"),
)


def _water_check(record: HouseholdRecord) -> CardCheck:
    label = "饮水安全"
    values = [(getattr(record, attr), name) for attr, name in WATER_FLAGS]
    failing = [name for value, name in values if value is False]
    if record.water_safe is False:
        failing.insert(0, "安全饮用水未解决")
    if failing:
        return CardCheck(label, False, "不达标：" + "、".join(failing))
    if any(value is None for value, _ in values):
        if record.water_safe is True:
            return CardCheck(label, True, "已解决安全饮用水")
        unknown = all(attr in record.unknown for attr, _ in WATER_FLAGS if getattr(record, attr) is None)
        return CardCheck(label, None, UNKNOWN if unknown else "未填")
    return CardCheck(label, True, f"{record.water_source or '饮水'}，达标")
