"""`load_households` reads ranges of ids (BETWEEN) or lists (IN): both give exactly the asked records,
in the asked order, as one-by-one loading does; the whole register comes in the printed order."""

from __future__ import annotations

from sqlalchemy import select, update

from fupin_desktop.db.models import Household
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing.cards import ordered_ids, register_ids
from fupin_desktop.services.register.records import load_household, load_households


def test_ranges_and_lists_give_the_same_records(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions() as session:
        ids = list(session.scalars(select(Household.id).order_by(Household.id)))
        dense = [i for i in ids if i % 7]  # a range with holes
        sparse = ids[::25]  # far apart: an IN list
        shuffled = [*reversed(dense[:50]), 10_000_000]  # any order; unknown ids are skipped
        one_by_one = {i: load_household(session, i) for i in ids[:200]}
        for wanted in (dense, sparse, shuffled):
            records = load_households(session, wanted)
            assert [r.id for r in records] == [i for i in wanted if i in set(ids)]
            for record in records:
                if record.id in one_by_one:
                    assert record == one_by_one[record.id]
        assert {r.id for r in load_households(session, dense)}.isdisjoint({i for i in ids if not i % 7})


def test_records_read_with_income_sums_give_the_same_summaries(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions() as session:
        ids = list(session.scalars(select(Household.id).order_by(Household.id)))
        full = load_households(session, ids)
        light = load_households(session, ids, income_lines=False, visits_and_pairings=False)
    assert len(light) == len(full) and sum(len(r.incomes) for r in full) > len(full) // 2
    for a, b in zip(full, light, strict=True):
        assert [i.year for i in a.incomes] == [i.year for i in b.incomes]
        for year in a.incomes:
            assert a.income(year.year) == b.income(year.year)
        assert all(not i.lines and i.totals is not None for i in b.incomes)
        assert (b.visits, b.pairings) == ((), ())
        assert (a.members, a.measures, a.programs, a.risks) == (b.members, b.measures, b.programs, b.risks)


def test_the_register_in_database_order_is_the_printed_order(demo_ctx: ServiceContext) -> None:
    with demo_ctx.sessions.begin() as session:
        ids = list(session.scalars(select(Household.id).order_by(Household.id)))
        archived = set(ids[::40])
        session.execute(update(Household).where(Household.id.in_(archived)).values(archived=True))
        # one household without a 组 (a group-less row sorts after its village's groups)
        session.execute(update(Household).where(Household.id == ids[1]).values(group_id=None))
    with demo_ctx.sessions() as session:
        on_register = register_ids(session)
        assert on_register == ordered_ids(session, [i for i in ids if i not in archived])
        assert len(on_register) == len(ids) - len(archived) and not archived & set(on_register)
