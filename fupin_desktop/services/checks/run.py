"""数据核查: run every rule of `domain.checks` over the whole database, and mark findings 已核实无误.

`run_checks(ctx)` is a job (progress, 取消) over every household on the register; findings come in
村/组/户编号 order, each household's in rule order. The cross-household rule (证件号码重复) is fed from
one query over all members. A finding marked 已核实无误 (`mark_reviewed`) stays quiet while the
household's data is what it was when it was reviewed: the review keeps a hash of the household's
record, and a run compares it with the current one. Visits and pairings are left out of the hash
(they are not what the rules read: a helper's visit must not re-raise every reviewed finding).
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import delete, func, select, tuple_, union_all
from sqlalchemy.orm import Session

from fupin_desktop.db.models import FindingReview, Household, Member
from fupin_desktop.domain import idcard
from fupin_desktop.domain.checks import RULES, SEVERITY_ORDER, CheckContext, Finding, HouseholdCheck
from fupin_desktop.domain.codes import MEMBER_ACTIVE
from fupin_desktop.domain.records import HouseholdRecord
from fupin_desktop.domain.validation import phone_digits
from fupin_desktop.errors import InputInvalid, NotFound
from fupin_desktop.services import audit
from fupin_desktop.services.accounts import blur_birth_dates
from fupin_desktop.services.checks.scan import scan_households
from fupin_desktop.services.context import Permission, ServiceContext
from fupin_desktop.services.printing import register_ids
from fupin_desktop.services.progress import Job, run_job
from fupin_desktop.services.register import chunked, load_households, load_settings

STAGE = "数据核查"
MIN_PHONE_DIGITS = 7  # shorter is no number anyone can call (a 0 or a placeholder)

Key = tuple[int | None, str, str]  # (household id, rule code, subject)


@dataclass(frozen=True, slots=True)
class Review:
    """An 已核实无误 mark as stored."""

    note: str
    reviewed_by: str
    reviewed_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewedFinding:
    finding: Finding
    review: Review


@dataclass(frozen=True, slots=True)
class GroupCount:
    """One line of a summary: a rule or a village, with its findings and households."""

    key: str  # rule code, or village name
    label: str  # rule title, or village name
    findings: int
    households: int
    severity: str = ""  # for a rule


@dataclass(frozen=True, slots=True)
class CheckResult:
    findings: tuple[Finding, ...]  # open ones, household by household in village / 户编号 order
    reviewed: tuple[ReviewedFinding, ...]  # marked 已核实无误 and the household unchanged since
    # Reviews whose household has changed since: the finding is open again (shown with the old note).
    stale: dict[Key, Review] = field(default_factory=dict)
    households: int = 0  # households checked
    checked_on: date | None = None
    order: dict[int, int] = field(default_factory=dict)  # household id → place in 村/组/户编号 order

    def counts(self) -> dict[str, int]:
        """Rule code → open findings, for rules with any (in rule order)."""
        found = Counter(f.code for f in self.findings)
        return {code: found[code] for code in RULES if found[code]}

    def by_rule(self) -> list[GroupCount]:
        households: dict[str, set] = defaultdict(set)
        for f in self.findings:
            households[f.code].add(f.household_id)
        return [
            GroupCount(code, RULES[code].title, n, len(households[code]), RULES[code].severity)
            for code, n in self.counts().items()
        ]

    def by_theme(self) -> list[tuple[str, list[GroupCount]]]:
        """`by_rule` under the rules' themes (their groups), rules and themes in registry order."""
        themes: dict[str, list[GroupCount]] = {}
        rank = {code: n for n, code in enumerate(RULES)}
        for g in sorted(self.by_rule(), key=lambda g: rank[g.key]):
            themes.setdefault(RULES[g.key].group, []).append(g)
        return list(themes.items())

    def by_village(self) -> list[GroupCount]:
        found: Counter[str] = Counter()
        households: dict[str, set] = defaultdict(set)
        for f in self.findings:
            found[f.village] += 1
            households[f.village].add(f.household_id)
        return [GroupCount(v, v, n, len(households[v])) for v, n in found.items()]

    def severity_counts(self) -> dict[str, int]:
        found = Counter(f.severity for f in self.findings)
        return {s.value: found[s] for s in SEVERITY_ORDER}

    def with_reviews(self, findings: Sequence[Finding], review: Review | None) -> CheckResult:
        """The result after `findings` were marked 已核实无误 with `review`, or unmarked (None)."""
        keys = {f.key() for f in findings}
        every = [(f, None) for f in self.findings] + [(r.finding, r.review) for r in self.reviewed]
        every = [(f, review if f.key() in keys else old) for f, old in every]
        rank = {code: n for n, code in enumerate(RULES)}
        every.sort(key=lambda item: (self.order.get(item[0].household_id or 0, 0), rank[item[0].code]))
        return replace(
            self,
            findings=tuple(f for f, r in every if r is None),
            reviewed=tuple(ReviewedFinding(f, r) for f, r in every if r is not None),
            stale={k: v for k, v in self.stale.items() if k not in keys},
        )

    def as_json(self) -> dict[str, object]:
        """The `fupin check --json` object (DESIGN §3)."""
        return {
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity.value,
                    "household": f.household,
                    "member": f.member,
                    "message": f.message,
                }
                for f in self.findings
            ],
            "counts": self.counts(),
        }


def run_checks(ctx: ServiceContext, cancel: threading.Event | None = None) -> Job[CheckResult]:
    """Check every household on the register; reviewed findings of unchanged households are set apart."""
    ctx.require(Permission.VIEW)
    with ctx.sessions() as session:
        result, _ = yield from check_database(session, ctx.today(), cancel)
    return result if ctx.actor.can(Permission.VIEW_FULL_ID) else blur_birth_dates_in(result)


def blur_birth_dates_in(result: CheckResult) -> CheckResult:
    """The result for a user who sees ID numbers masked: "证件号码显示为1949-12-31" would give back the
    8 digits the mask hides (issue 20 §1), so the messages keep the year only."""

    def blurred(f: Finding) -> Finding:
        return replace(f, message=blur_birth_dates(f.message))

    return replace(
        result,
        findings=tuple(blurred(f) for f in result.findings),
        reviewed=tuple(replace(r, finding=blurred(r.finding)) for r in result.reviewed),
    )


def findings_in(session: Session, today: date) -> CheckResult:
    """The same run inside an open session, without progress (the `findings` export)."""
    return run_job(check_database(session, today, None))[0]


def check_database(
    session: Session,
    today: date,
    cancel: threading.Event | None,
    *,
    extra: Callable[[HouseholdRecord], object | None] | None = None,
) -> Job[tuple[CheckResult, list[object]]]:
    """The run, and what `extra` (picklable, see `HouseholdCheck`) gave for each household in the same
    pass, in 村/组/户编号 order."""
    settings = load_settings(session)
    context = CheckContext(
        today=today,
        income_drop_percent=settings.income_drop_percent,
        self_paid_limit=settings.self_paid_limit,
        duplicate_ids=duplicate_ids(session),
        shared_phones=shared_phones(session),
    )
    reviews = _reviews(session)
    reviewed_households = {key[0] for key in reviews}
    order = register_order(session)
    # no rule reads visits or pairings; the 监测预警 (`extra`) does
    inspections = yield from scan_households(
        session,
        sorted(order),
        cancel,
        STAGE,
        HouseholdCheck(context, extra),
        visits_and_pairings=extra is not None,
    )
    open_findings: list[Finding] = []
    reviewed: list[ReviewedFinding] = []
    stale: dict[Key, Review] = {}
    to_compare: dict[int, tuple[Finding, ...]] = {}  # households with marks: compared below
    for inspection in inspections:
        if inspection.findings and inspection.household_id in reviewed_households:
            to_compare[inspection.household_id] = inspection.findings
        else:
            open_findings.extend(inspection.findings)
    # A mark holds while the household's data is as it was: its digest covers the income lines, which
    # the scan reads only as sums, so these few households are read again in full.
    for record in load_households(session, to_compare):
        digest = record_hash(record)
        for f in to_compare[record.id or 0]:
            stored = reviews.get(f.key())
            if stored is not None and stored[0] == digest:
                reviewed.append(ReviewedFinding(f, stored[1]))
                continue
            if stored is not None:
                stale[f.key()] = stored[1]
            open_findings.append(f)
    rank = {code: n for n, code in enumerate(RULES)}

    def place(f: Finding) -> tuple[int, int]:
        return order.get(f.household_id or 0, 0), rank[f.code]

    open_findings.sort(key=place)  # stable: a household's findings of one rule keep their order
    reviewed.sort(key=lambda r: place(r.finding))
    extras = [(order.get(i.household_id, 0), i.extra) for i in inspections if i.extra is not None]
    extras.sort(key=lambda item: item[0])
    result = CheckResult(tuple(open_findings), tuple(reviewed), stale, len(order), today, order)
    return result, [e for _, e in extras]


def register_order(session: Session) -> dict[int, int]:
    """Each household on the register → its place in 村/组/户编号 order (a pass reads them in id
    order, where neighbouring ids read fastest, and its callers sort what they collected by this)."""
    return {hid: n for n, hid in enumerate(household_ids(session))}


def household_ids(session: Session) -> list[int]:
    """Every household on the register (not archived), in 村/组/户编号 order."""
    return register_ids(session)


def duplicate_ids(session: Session) -> dict[str, tuple[tuple[str, str], ...]]:
    """证件号码 held by two or more members on the register → every (户编号, 姓名) holding it."""
    number = func.upper(func.trim(Member.id_number))
    on_register = (
        Member.status == MEMBER_ACTIVE,
        Member.id_number.is_not(None),
        Member.id_number != "",
        Household.archived.is_(False),
    )
    repeated = (
        select(number)
        .join(Household, Household.id == Member.household_id)
        .where(*on_register)
        .group_by(number)
        .having(func.count() > 1)
    )
    holders: dict[str, list[tuple[str, str]]] = defaultdict(list)
    stored: dict[str, set[str]] = defaultdict(set)
    for raw, household, name in session.execute(
        select(Member.id_number, Household.number, Member.name)
        .join(Household, Household.id == Member.household_id)
        .where(*on_register, number.in_(repeated))
        .order_by(Household.number, Member.position)
    ):
        key = idcard.normalize(raw)
        holders[key].append((household, name))
        stored[key].add(raw)
    # Keyed by the normalised number and by each way it is stored, so the rule looks a member up as is.
    return {
        as_stored: tuple(found)
        for key, found in holders.items()
        if len(found) > 1
        for as_stored in {key, *stored[key]}
    }


def shared_phones(session: Session) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """户编号 → the phone numbers (digits only, 7 or more) it shares with other households on the
    register, each with their 户编号: the household's own phone and its members' (一个电话多户 is what
    inspectors look for)."""
    on_register = Household.archived.is_(False)
    phones = union_all(
        select(Household.number, Household.phone.label("phone")).where(
            on_register, Household.phone.is_not(None)
        ),
        select(Household.number, Member.phone)
        .join(Household, Household.id == Member.household_id)
        .where(on_register, Member.status == MEMBER_ACTIVE, Member.phone.is_not(None)),
    )
    used: dict[str, set[str]] = defaultdict(set)
    for number, phone in session.execute(phones):
        digits = phone_digits(phone)
        if len(digits) >= MIN_PHONE_DIGITS:
            used[digits].add(number)
    shared: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for phone, numbers in sorted(used.items()):
        if len(numbers) > 1:
            for number in numbers:
                shared[number].append((phone, tuple(sorted(numbers - {number}))))
    return {number: tuple(found) for number, found in shared.items()}


def record_hash(record: HouseholdRecord) -> str:
    """A digest of the household's own data (not thresholds, visits or pairings)."""
    plain = replace(record, thresholds={}, visits=(), pairings=())
    return hashlib.sha256(repr(plain).encode("utf-8")).hexdigest()


def _reviews(session: Session) -> dict[Key, tuple[str, Review]]:
    return {
        (r.household_id, r.rule, r.subject): (r.data_hash, Review(r.note or "", r.reviewed_by, r.reviewed_at))
        for r in session.scalars(select(FindingReview))
    }


# ---------------------------------------------------------------- 已核实无误


def mark_reviewed(ctx: ServiceContext, findings: Sequence[Finding], note: str) -> Review:
    """Mark `findings` 已核实无误 with `note`; each stays quiet until its household's data changes.
    Returns the mark as stored (`CheckResult.with_reviews` applies it to a result on screen)."""
    ctx.require(Permission.EDIT)
    note = note.strip()
    if not note:
        raise InputInvalid("请填写核实情况（例如：经入户核实，证件号码与身份证一致）。")
    now = datetime.now()
    review = Review(note, ctx.actor.label, now)
    if not findings:
        return review
    with ctx.sessions.begin() as session:
        records = _current_records(session, findings)
        keys = list(dict.fromkeys(f.key() for f in findings))
        _delete_reviews(session, keys)
        for household_id, code, subject in keys:
            session.add(
                FindingReview(
                    household_id=household_id,
                    rule=code,
                    subject=subject,
                    data_hash=record_hash(records[household_id]),
                    note=note,
                    reviewed_at=now,
                    reviewed_by=ctx.actor.label,
                )
            )
        audit.record(
            session,
            ctx.actor,
            action="核实无误",
            entity="finding_review",
            entity_id=None,
            summary=f"数据核查结果 {len(keys)} 条标记为已核实无误：{_described(findings)}",
            after={"note": note, "findings": [list(k) for k in keys]},
        )
    return review


def clear_reviews(ctx: ServiceContext, findings: Sequence[Finding]) -> int:
    """Take back 已核实无误 marks: the findings show again. Returns how many marks were removed."""
    ctx.require(Permission.EDIT)
    keys = list(dict.fromkeys(f.key() for f in findings))
    if not keys:
        return 0
    with ctx.sessions.begin() as session:
        removed = _delete_reviews(session, keys)
        if removed:
            audit.record(
                session,
                ctx.actor,
                action="撤销核实",
                entity="finding_review",
                entity_id=None,
                summary=f"撤销 {removed} 条数据核查结果的已核实无误标记：{_described(findings)}",
                before={"findings": [list(k) for k in keys]},
            )
    return removed


def _current_records(session: Session, findings: Sequence[Finding]) -> dict[int, HouseholdRecord]:
    ids = list(dict.fromkeys(f.household_id for f in findings if f.household_id is not None))
    records = {r.id: r for r in load_households(session, ids) if r.id is not None and not r.archived}
    missing = [f.household for f in findings if f.household_id not in records]
    if missing:
        raise NotFound(f"户 {'、'.join(dict.fromkeys(missing))} 已不在册，请重新运行数据核查。")
    return records


def _delete_reviews(session: Session, keys: list[Key]) -> int:
    removed = 0
    for chunk in chunked(keys, 300):
        result = session.execute(
            delete(FindingReview).where(
                tuple_(FindingReview.household_id, FindingReview.rule, FindingReview.subject).in_(chunk)
            )
        )
        removed += result.rowcount or 0
    return removed


def _described(findings: Sequence[Finding], shown: int = 3) -> str:
    parts = [f"{f.household}{f.member and ' ' + f.member}（{f.rule_title}）" for f in findings[:shown]]
    more = f"等 {len(findings)} 条" if len(findings) > shown else ""
    return "、".join(parts) + more
