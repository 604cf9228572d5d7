"""Issue 20 §1 on the 数据核查 screen: a user who sees ID numbers masked reads "证件号码显示为1949-**-**",
not the date the number holds (those are the 8 digits the mask hides); a user who sees full numbers
reads the whole date."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from fupin_desktop.db.models import Member
from fupin_desktop.domain import idcard
from fupin_desktop.services.checks.run import run_checks
from fupin_desktop.services.context import Actor, Role, ServiceContext
from fupin_desktop.services.progress import run_job

READER = Actor("wang", "王主任", Role.READER)
CLERK = Actor("li", "李会计", Role.CLERK)


def test_a_birth_date_finding_shows_a_reader_the_year_only(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions.begin() as session:
        member = session.scalars(
            select(Member).where(Member.id_number.like("52%"), Member.status == "在册").limit(1)
        ).one()
        born = idcard.birth_date_of(member.id_number)
        typed = born + timedelta(days=40)
        member.birth_date = typed
        name = member.name

    def mismatch(actor: Actor) -> list[str]:
        result = run_job(run_checks(demo_ctx.acting_as(actor)))
        return [f.message for f in result.findings if f.code == "id_birth_mismatch" and f.member == name]

    shown = mismatch(READER)
    assert shown and all(f"证件号码显示为{born:%Y}-**-**" in m for m in shown)
    assert not any(f"{born:%Y-%m-%d}" in m or f"{typed:%Y-%m-%d}" in m for m in shown)
    assert any(f"证件号码显示为{born:%Y-%m-%d}" in m for m in mismatch(CLERK))
