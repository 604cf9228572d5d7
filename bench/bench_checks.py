"""`checks_20k`: every data-check rule over the demo township's 20,000 households (DESIGN §5: ≤ 5 s).

The job is `services.checks.run.run_checks` as the tab and `fupin check` run it: the duplicate-ID query,
the reviews, and every household read in chunks and checked by all rules. The reference is the bare
data read the checks cannot do without — `services.register.records.load_households` of the same households in
one call — so the ratio shows what the rules cost on top of reading the data.
"""

from __future__ import annotations

import time

from bench.harness import BenchEnv, Measurement, benchmark
from fupin_desktop.domain.checks import RULES
from fupin_desktop.services.checks import household_ids, run_checks
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register import load_households


@benchmark("checks_20k")
def checks_20k(env: BenchEnv) -> Measurement:
    ctx = env.context(env.demo_folder())
    run_job(run_checks(ctx))  # warm the file cache (both timings then read from memory)
    started = time.perf_counter()
    result = run_job(run_checks(ctx))
    seconds = time.perf_counter() - started
    with ctx.sessions() as session:
        ids = household_ids(session)
        started = time.perf_counter()
        records = load_households(session, ids)
        reference = time.perf_counter() - started
    ctx.db.dispose()
    assert len(records) == result.households
    return Measurement(
        "checks_20k",
        result.households,
        seconds=seconds,
        reference=f"load_households of the same {len(records)} households (the bare data read); "
        f"{len(RULES)} rules, {len(result.findings)} findings",
        reference_seconds=reference,
        budget="≤ 5 s",
    )
