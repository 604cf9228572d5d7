"""`board_20k`: the village board of the 挂图作战 tab (DESIGN §5 / issue 6: within a second at 20,000
households), beside the bare SQL GROUP BY counting the same columns through sqlite3."""

from __future__ import annotations

import sqlite3

from bench.harness import BenchEnv, Measurement, benchmark, timed
from fupin_desktop.services.assignments import village_board

BARE_SQL = """
SELECT h.village_id,
       count(*), sum(coalesce(m.n, 0)),
       sum(h.household_type = '脱贫户'), sum(CASE WHEN h.household_type = '脱贫户' THEN coalesce(m.n, 0) END),
       sum(h.monitor_category = '脱贫不稳定户'),
       sum(CASE WHEN h.monitor_category = '脱贫不稳定户' THEN coalesce(m.n, 0) END),
       sum(h.monitor_category = '边缘易致贫户'),
       sum(CASE WHEN h.monitor_category = '边缘易致贫户' THEN coalesce(m.n, 0) END),
       sum(h.monitor_category = '突发严重困难户'),
       sum(CASE WHEN h.monitor_category = '突发严重困难户' THEN coalesce(m.n, 0) END),
       sum(h.monitor_category IS NOT NULL AND h.risk_eliminated = 1),
       sum(CASE WHEN h.monitor_category IS NOT NULL AND h.risk_eliminated = 1 THEN coalesce(m.n, 0) END),
       sum(h.monitor_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0),
       sum(CASE WHEN h.monitor_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0
           THEN coalesce(m.n, 0) END),
       sum(p.id IS NULL)
FROM household h
LEFT JOIN (SELECT household_id, count(*) AS n FROM member WHERE status = '在册' GROUP BY household_id) m
       ON m.household_id = h.id
LEFT JOIN pairing p ON p.household_id = h.id AND p.end_date IS NULL
WHERE h.archived = 0
GROUP BY h.village_id
"""
REPEAT = 5


@benchmark("board_20k")
def board_20k(env: BenchEnv) -> Measurement:
    folder = env.demo_folder()
    ctx = env.context(folder)
    village_board(ctx)  # warm the page cache, as a tab refresh after start-up would find it
    seconds = timed(lambda: village_board(ctx), repeat=REPEAT)
    ctx.db.dispose()
    connection = sqlite3.connect(folder / "fupin.sqlite")
    reference = timed(lambda: connection.execute(BARE_SQL).fetchall(), repeat=REPEAT)
    connection.close()
    return Measurement(
        "board_20k",
        env.households,
        seconds=seconds,
        reference="bare sqlite3 GROUP BY of the household counts (no helper limit, no tasks, no ORM)",
        reference_seconds=reference,
        budget="≤ 1 s",
    )
