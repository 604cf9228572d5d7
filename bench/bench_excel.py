"""`import_20k`: the demo township's member-level national-format export, imported into an empty database.

Reference, measured in the same run: python-calamine reading the same file plus a bulk insert of the same
household and member rows into another empty database (`session.execute(insert(Model), rows)`).
The demo has a few deliberate errors (a bad checksum, an ID on two people, a household without 户主),
so the import skips those households, as a clerk would choose to.
"""

from __future__ import annotations

import time
from pathlib import Path

from python_calamine import CalamineWorkbook
from sqlalchemy import insert

from bench.harness import BenchEnv, Measurement, benchmark
from fupin_desktop.db.models import Area, Household, Member
from fupin_desktop.excel.layout import NATIONAL_MEMBER_COLUMNS
from fupin_desktop.services.exporting import export_ledger
from fupin_desktop.services.importing import PlanOptions, import_file
from fupin_desktop.services.progress import run_job


@benchmark("import_20k")
def import_20k(env: BenchEnv) -> Measurement:
    source = env.context(env.demo_folder())
    path = env.scratch / "人口台账.xlsx"
    run_job(export_ledger(source, "members", path, full_id=True))
    source.db.dispose()

    ctx = env.context(env.scratch / "import-empty")
    started = time.perf_counter()
    summary, _ = run_job(import_file(ctx, path, PlanOptions(skip_bad_households=True)))
    seconds = time.perf_counter() - started
    ctx.db.dispose()
    if not summary.committed or summary.households_new < env.households - 10:
        raise RuntimeError(f"import_20k imported too little: {summary.headline()}")
    print(f"   {summary.headline()}；跳过 {len(summary.skipped_households)} 户")

    return Measurement(
        "import_20k",
        env.households,
        seconds=seconds,
        reference="python-calamine read of the same file + bulk insert of its household and member rows",
        reference_seconds=_reference(env, path),
        budget="≤ 8 s and ≤ 3× reference",
    )


def _reference(env: BenchEnv, path: Path) -> float:
    started = time.perf_counter()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    read = time.perf_counter() - started

    header = rows[1]
    index = {c.field: header.index(c.header) for c in NATIONAL_MEMBER_COLUMNS}
    member_fields = [c.field for c in NATIONAL_MEMBER_COLUMNS if c.field.startswith("m.")]
    households: dict[str, int] = {}
    household_rows, member_rows = [], []
    for row in rows[2:]:
        number = row[index["h.number"]]
        if number not in households:
            households[number] = len(households) + 1
            household_rows.append(
                {
                    "id": households[number],
                    "number": number,
                    "village_id": 1,
                    "phone": row[index["h.phone"]] or None,
                }
            )
        values = {f[2:]: (row[index[f]] if row[index[f]] != "" else None) for f in member_fields}
        for name in ("birth_date",):
            values[name] = None  # the reference stores text as read; dates would need parsing
        for name in ("work_months", "public_post_months"):
            values[name] = float(values[name]) if values[name] is not None else None
        for name in (f[2:] for f in member_fields):
            if isinstance(values[name], str) and values[name] in ("是", "否"):
                values[name] = values[name] == "是"
        member_rows.append({**values, "household_id": households[number], "status": "在册"})

    ctx = env.context(env.scratch / "reference-empty")
    with ctx.sessions.begin() as session:
        session.execute(insert(Area), [{"id": 1, "level": "village", "name": "村", "sort_order": 1}])
    started = time.perf_counter()
    with ctx.sessions.begin() as session:
        session.execute(insert(Household), household_rows)
        session.execute(insert(Member), member_rows)
    inserted = time.perf_counter() - started
    ctx.db.dispose()
    return read + inserted
