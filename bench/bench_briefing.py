"""`briefing_20k`: the whole 会议简报 at 20,000 households (DESIGN §5: ≤ 6 s) — the counts, the charts
and the PDF — beside the bare SQL GROUP BY counting the register's households and people by village,
户类型 and 监测对象类别 through sqlite3."""

from __future__ import annotations

import sqlite3

from bench.harness import BenchEnv, Measurement, benchmark, timed
from fupin_desktop.services.briefing import BriefingOptions, briefing_job
from fupin_desktop.services.progress import run_job

BARE_SQL = """
SELECT h.village_id, h.household_type, h.monitor_category, h.risk_eliminated,
       count(*), sum(coalesce(m.n, 0))
FROM household h
LEFT JOIN (SELECT household_id, count(*) AS n FROM member WHERE status = '在册' GROUP BY household_id) m
       ON m.household_id = h.id
WHERE h.archived = 0
GROUP BY h.village_id, h.household_type, h.monitor_category, h.risk_eliminated
"""
TEXTS = BriefingOptions(
    problems="一是部分村帮扶措施落实不到位。\n二是危房改造进度偏慢。",
    next_steps="一、月底前完成红灯任务销号。",
)


@benchmark("briefing_20k")
def briefing_20k(env: BenchEnv) -> Measurement:
    folder = env.demo_folder()
    ctx = env.context(folder)
    out = env.scratch / "briefing.pdf"
    # one cold run: the first pack of a session pays for importing matplotlib, as a clerk's would
    seconds = timed(lambda: run_job(briefing_job(ctx, out, TEXTS)), repeat=1)
    ctx.db.dispose()
    connection = sqlite3.connect(folder / "fupin.sqlite")
    reference = timed(lambda: connection.execute(BARE_SQL).fetchall(), repeat=3)
    connection.close()
    return Measurement(
        "briefing_20k",
        env.households,
        seconds=seconds,
        reference="bare sqlite3 GROUP BY of households and people by village, 户类型 and 监测对象类别",
        reference_seconds=reference,
        budget="≤ 6 s",
    )
