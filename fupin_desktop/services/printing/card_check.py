"""Before and after a 明白卡 is printed: households whose data would print a wrong card, and a scanned
card compared with what the register says now.

`card_problems` is asked before a batch is printed (the window and `fupin cards` list them and ask):
no member on the register, no 户主 or two, members without a 证件号码 — a card printed from such data
names the wrong head or leaves a line blank. It is one grouped query over the members, so asking costs
little beside the printing.

`check_scanned` reads a card's QR text (`card_digest`), builds the card the household would get today
and says which sections (收入, 帮扶措施, 帮扶责任人, 家庭成员) differ from the posted one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from fupin_desktop.db.models import Household, Member
from fupin_desktop.domain.codes import HEAD, MEMBER_ACTIVE
from fupin_desktop.errors import NotFound, UserError
from fupin_desktop.reports.kit import cn_date
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing.card_digest import ScannedCard, changed_sections, parse_card
from fupin_desktop.services.printing.cards import card_data, village_contacts_by_name
from fupin_desktop.services.register import chunked, head_name, load_household, load_settings


@dataclass(frozen=True, slots=True)
class CardProblem:
    household_id: int
    number: str
    head: str  # 户主姓名, or the first member's name when there is no 户主
    problems: tuple[str, ...]

    @property
    def line(self) -> str:
        return f"{self.number}　{self.head or '（无成员）'}：{'；'.join(self.problems)}"


def card_problems(ctx: ServiceContext, household_ids: Sequence[int]) -> list[CardProblem]:
    """Households of `household_ids` whose card would print from faulty data, in the order given."""
    active = Member.status == MEMBER_ACTIVE
    found: dict[int, CardProblem] = {}
    with ctx.sessions() as session:
        for chunk in chunked(list(dict.fromkeys(household_ids))):
            rows = session.execute(
                select(
                    Household.id,
                    Household.number,
                    func.count(Member.id),
                    func.sum(case((Member.relation == HEAD, 1), else_=0)),
                    func.sum(case((func.coalesce(func.trim(Member.id_number), "") == "", 1), else_=0)),
                    head_name(Household.id),
                    func.min(Member.name),
                )
                .outerjoin(Member, (Member.household_id == Household.id) & active)
                .where(Household.id.in_(chunk))
                .group_by(Household.id)
            )
            for hid, number, people, heads, no_id, head, anyone in rows:
                problems = _problems(people, heads or 0, no_id or 0)
                if problems:
                    found[hid] = CardProblem(hid, number, head or anyone or "", problems)
    return [found[i] for i in dict.fromkeys(household_ids) if i in found]


def _problems(people: int, heads: int, no_id: int) -> tuple[str, ...]:
    if not people:
        return ("没有在册成员",)
    out = []
    if heads == 0:
        out.append("没有户主")
    elif heads > 1:
        out.append(f"有{heads}位户主")
    if no_id:
        out.append(f"{no_id}人没有证件号码")
    return tuple(out)


def problems_text(problems: Sequence[CardProblem], shown: int = 15) -> str:
    """The list as the window and the command line show it (the first `shown` households)."""
    lines = [p.line for p in problems[:shown]]
    if len(problems) > shown:
        lines.append(f"……另有 {len(problems) - shown} 户")
    return "\n".join(lines)


# ------------------------------------------------------------------ a scanned card


@dataclass(frozen=True, slots=True)
class CardStatus:
    """What a scanned card says against the register today."""

    household_id: int
    number: str
    head: str
    printed_on: date
    changed: tuple[str, ...]  # sections printed differently today
    comparable: bool  # False: an early card whose code carries no digests
    archived: bool
    year_changed: bool  # the card is of an earlier 年度

    @property
    def current(self) -> bool:
        return self.comparable and not self.changed and not self.year_changed and not self.archived

    @property
    def message(self) -> str:
        who = f"{self.head or '（未设户主）'}户（户编号 {self.number}）的明白卡，打印于{cn_date(self.printed_on)}。"
        if self.archived:
            return who + "\n这一户已归档（自然减少），张贴的明白卡应撤下。"
        if not self.comparable:
            return who + "\n这张卡的二维码是旧版，只记了户编号和日期，无法比对内容。建议重印。"
        lines = [who]
        if self.year_changed:
            lines.append(f"这是{self.printed_on.year}年度的卡，现在应张贴本年度的明白卡。")
        if self.changed:
            lines.append("打印后以下内容已有变化：" + "、".join(self.changed) + "。请重印并更换张贴的卡。")
        if len(lines) == 1:
            lines.append("张贴的明白卡与系统中的数据一致，是最新的。")
        return "\n".join(lines)


def check_scanned(ctx: ServiceContext, text: str) -> CardStatus:
    """Compare the card whose QR text is `text` with the card the household would get today."""
    scanned = parse_card(text)
    if scanned is None:
        raise UserError(
            "无法识别这个二维码：它不是本程序打印的明白卡上的二维码，或没有扫描完整。请重新扫描。"
        )
    today = ctx.today()
    with ctx.sessions() as session:
        hid = session.scalar(select(Household.id).where(Household.number == scanned.number))
        if hid is None:
            raise NotFound(
                f"找不到户编号 {scanned.number}：这张明白卡可能来自别的乡镇的数据库，或这一户已被删除。"
            )
        record = load_household(session, hid)
        settings = load_settings(session)
        contacts = village_contacts_by_name(session).get((record.township, record.village))
    assert record is not None
    current = card_data(record, settings, today, contacts)
    return _status(hid, scanned, current.head, changed_sections(scanned, current), record.archived, today)


def _status(
    hid: int, scanned: ScannedCard, head: str, changed: list[str], archived: bool, today: date
) -> CardStatus:
    return CardStatus(
        household_id=hid,
        number=scanned.number,
        head=head,
        printed_on=scanned.printed_on,
        changed=tuple(changed),
        comparable=scanned.digests is not None,
        archived=archived,
        year_changed=scanned.printed_on.year != today.year,
    )
